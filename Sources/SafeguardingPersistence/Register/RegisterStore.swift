import FluentKit
import Foundation
import SafeguardingDomain

/// Queries and changes for the partnership register. Every function takes the partnership,
/// so one partnership's records can never be read or changed through another's pages.
public enum RegisterStore {
    public static func partnership(slug: String, on db: any Database) async throws -> Partnership? {
        try await Partnership.query(on: db).filter(\.$slug == slug).first()
    }

    public static func areaFacts(_ partnership: Partnership, on db: any Database) async throws -> [AreaFact] {
        try await AreaFact.query(on: db).filter(\.$partnership.$id == partnership.requireID()).sort(\.$position).all()
    }

    // MARK: Organisations

    public static func organisations(_ partnership: Partnership, on db: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: db).filter(\.$partnership.$id == partnership.requireID()).all()
            .sorted { (statutoryOrder($0.kind), $0.name.lowercased()) < (statutoryOrder($1.kind), $1.name.lowercased()) }
    }

    static func statutoryOrder(_ kind: OrganisationKind) -> Int {
        OrganisationKind.allCases.firstIndex(of: kind) ?? 99
    }

    public static func organisation(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Organisation {
        guard let organisation = try await Organisation.query(on: db)
            .filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID()).first()
        else { throw NotFound("organisation") }
        return organisation
    }

    public static func organisation(named name: String, in partnership: Partnership, on db: any Database) async throws -> Organisation? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return try await organisations(partnership, on: db).first { $0.name.lowercased() == wanted }
    }

    static func fields(of organisation: Organisation) -> [String: String?] {
        ["name": organisation.name, "kind": organisation.kind.rawValue, "sector": organisation.sector.rawValue,
         "type_description": organisation.typeDescription, "lead_partner_role": organisation.leadPartnerRole,
         "delegated_partner_role": organisation.delegatedPartnerRole, "contact_email": organisation.contactEmail,
         "joined_on": organisation.joinedOn, "left_on": organisation.leftOn]
    }

    /// The draft's fields; a draft without a joining date keeps the one the organisation has.
    /// An organisation that has left the arrangements is inactive.
    static func apply(_ draft: OrganisationDraft, to organisation: Organisation) throws {
        if let joined = draft.joinedOn { organisation.joinedOn = joined.description }
        if let left = draft.leftOn, left < organisation.joined {
            throw ValidationErrors([FieldError(field: "left_on", message: "The date it left the arrangements must be the same as or after the date it joined (\(organisation.joined.long))")])
        }
        organisation.leftOn = draft.leftOn?.description
        organisation.isActive = draft.leftOn == nil
        organisation.name = draft.name
        organisation.kind = draft.kind
        organisation.sector = draft.sector
        organisation.typeDescription = draft.typeDescription
        organisation.leadPartnerRole = draft.leadPartnerRole
        organisation.delegatedPartnerRole = draft.delegatedPartnerRole
        organisation.contactEmail = draft.contactEmail
    }

    /// Names are unique within a partnership, whatever their case: the problem, if the name is taken.
    public static func nameClash(_ name: String, excluding id: UUID?, in partnership: Partnership, on db: any Database) async throws -> FieldError? {
        guard !name.isEmpty else { return nil }
        if let clash = try await organisation(named: name, in: partnership, on: db), clash.id != id {
            return FieldError(field: "name", message: "An organisation called \(clash.name) already exists")
        }
        // The name stays unique in the table, so a withdrawn organisation keeps its name until it is restored.
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let withdrawn = try await Organisation.query(on: db).withDeleted().filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$withdrawnAt != nil).all().first(where: { $0.name.lowercased() == wanted && $0.id != id }) {
            return FieldError(field: "name", message: "An organisation called \(withdrawn.name) was withdrawn; an administrator can restore it from the withdrawn records")
        }
        return nil
    }

    static func checkNameFree(_ name: String, excluding id: UUID?, in partnership: Partnership, on db: any Database) async throws {
        if let clash = try await nameClash(name, excluding: id, in: partnership, on: db) { throw ValidationErrors([clash]) }
    }

    /// Adds an organisation; without a joining date in the draft it joins the arrangements `today`.
    public static func addOrganisation(_ draft: OrganisationDraft, to partnership: Partnership, today: CalendarDate, by actor: Actor,
                                       on db: any Database) async throws -> Organisation {
        let partnershipID = try partnership.requireID()
        return try await db.transaction { tx in
            try await checkNameFree(draft.name, excluding: nil, in: partnership, on: tx)
            let organisation = Organisation(partnershipID: partnershipID, name: draft.name, kind: draft.kind, sector: draft.sector,
                                            joinedOn: draft.joinedOn ?? today)
            try apply(draft, to: organisation)
            try await organisation.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: partnershipID, actor: actor, action: "create",
                                        subjectType: "organisation", subjectID: organisation.id?.uuidString,
                                        summary: "Added organisation \(draft.name)",
                                        changes: AuditTrail.diff([:], fields(of: organisation)))
            return organisation
        }
    }

    public static func updateOrganisation(_ id: UUID, with draft: OrganisationDraft, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> Organisation {
        let partnershipID = try partnership.requireID()
        return try await db.transaction { tx in
            let organisation = try await organisation(id, in: partnership, on: tx)
            try await checkNameFree(draft.name, excluding: id, in: partnership, on: tx)
            let before = fields(of: organisation)
            try apply(draft, to: organisation)
            let changes = AuditTrail.diff(before, fields(of: organisation))
            guard !changes.isEmpty else { return organisation }
            try await organisation.update(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: partnershipID, actor: actor, action: "update",
                                        subjectType: "organisation", subjectID: id.uuidString,
                                        summary: "Changed organisation \(organisation.name)", changes: changes)
            return organisation
        }
    }

    // MARK: Groups

    public struct GroupDetail: Sendable {
        public let group: PartnershipGroup
        public let members: [GroupMember]
        public let meetings: [Meeting]
    }

    public static func groups(_ partnership: Partnership, on db: any Database) async throws -> [PartnershipGroup] {
        try await PartnershipGroup.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$chairOrganisation, withDeleted: true).sort(\.$position).sort(\.$name).all()
    }

    public static func group(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> GroupDetail {
        guard let group = try await PartnershipGroup.query(on: db).filter(\.$id == id)
            .filter(\.$partnership.$id == partnership.requireID()).with(\.$chairOrganisation, withDeleted: true).with(\.$reportsTo, withDeleted: true).first()
        else { throw NotFound("group") }
        let members = try await GroupMember.query(on: db).filter(\.$group.$id == id).with(\.$organisation, withDeleted: true).with(\.$user).all()
            .sorted { ($0.seat == "chair" ? 0 : 1, $0.memberRole) < ($1.seat == "chair" ? 0 : 1, $1.memberRole) }
        let meetings = try await Meeting.query(on: db).filter(\.$group.$id == id).sort(\.$heldOn, .descending).all()
        return GroupDetail(group: group, members: members, meetings: meetings)
    }

    /// Adds a group, set up on the draft's date or `today`.
    public static func addGroup(_ draft: GroupDraft, to partnership: Partnership, today: CalendarDate, by actor: Actor,
                                on db: any Database) async throws -> PartnershipGroup {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let existing = try await groups(partnership, on: tx)
            let parentID = try checkStructure(draft, of: nil, among: existing, withdrawnNames: try await withdrawnGroupNames(partnership, on: tx))
            let group = PartnershipGroup(partnershipID: pid, name: draft.name, kind: draft.kind, purpose: draft.purpose, chair: draft.chair,
                                         reportsToID: parentID, jointWith: draft.jointWith, position: (existing.map(\.position).max() ?? 0) + 1,
                                         setUpOn: draft.setUpOn ?? today)
            group.closedOn = draft.closedOn?.description
            try await group.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "group",
                                        subjectID: group.id?.uuidString, summary: "Added \(draft.kind.label.lowercased()) \(draft.name)",
                                        changes: AuditTrail.diff([:], groupFields(group)))
            return group
        }
    }

    /// Changes a group's details, including the day it was set up and the day it closed. A group
    /// cannot report to itself or to one of the groups under it, and cannot close while a group
    /// that is still open reports to it.
    public static func updateGroup(_ id: UUID, with draft: GroupDraft, in partnership: Partnership, by actor: Actor,
                                   on db: any Database) async throws -> PartnershipGroup {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let existing = try await groups(partnership, on: tx)
            guard let group = existing.first(where: { $0.id == id }) else { throw NotFound("group") }
            let before = groupFields(group)
            let parentID = try checkStructure(draft, of: group, among: existing, withdrawnNames: try await withdrawnGroupNames(partnership, on: tx))
            group.name = draft.name
            group.kind = draft.kind
            group.purpose = draft.purpose
            group.chair = draft.chair
            group.$reportsTo.id = parentID
            group.jointWith = draft.jointWith
            if let setUp = draft.setUpOn { group.setUpOn = setUp.description }
            group.closedOn = draft.closedOn?.description
            try await group.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: "group",
                                        subjectID: group.id?.uuidString, summary: "Changed \(group.name)",
                                        changes: AuditTrail.diff(before, groupFields(group)))
            return group
        }
    }

    static func groupFields(_ group: PartnershipGroup) -> [String: String?] {
        ["name": group.name, "kind": group.kind.rawValue, "purpose": group.purpose, "chair": group.chair,
         "reports_to": group.$reportsTo.id?.uuidString, "joint_with": group.jointWith, "set_up_on": group.setUpOn, "closed_on": group.closedOn]
    }

    /// The rules of the structure, for a new group (`group` nil) or a changed one; answers the
    /// parent's id. Names are unique, there is one Executive, and the chart stays a tree.
    static func checkStructure(_ draft: GroupDraft, of group: PartnershipGroup?, among existing: [PartnershipGroup],
                               withdrawnNames: Set<String> = []) throws -> UUID? {
        let others = existing.filter { $0.id != group?.id }
        var problems: [FieldError] = []
        if others.contains(where: { $0.name.lowercased() == draft.name.lowercased() }) {
            problems.append(FieldError(field: "name", message: "A group called \(draft.name) already exists"))
        } else if withdrawnNames.contains(draft.name.lowercased()) {
            problems.append(FieldError(field: "name", message: "A group called \(draft.name) was withdrawn; an administrator can restore it from the withdrawn records"))
        }
        if draft.kind == .executive, others.contains(where: { $0.kind == .executive }) {
            problems.append(FieldError(field: "kind", message: "This partnership already has an Executive"))
        }
        var parentID: UUID?
        if let reportsTo = draft.reportsTo {
            parentID = others.first { $0.id?.uuidString.lowercased() == reportsTo.lowercased() }?.id
            if parentID == nil { problems.append(FieldError(field: "reports_to", message: "Select another group of this partnership to report to")) }
        }
        if let group, let id = group.id {
            // Walking up from the new parent must never reach the group itself.
            let parents = Dictionary(existing.compactMap { g in g.id.map { ($0, g.$reportsTo.id) } }, uniquingKeysWith: { a, _ in a })
            var step = parentID
            var seen: Set<UUID> = []
            while let current = step, seen.insert(current).inserted {
                if current == id {
                    problems.append(FieldError(field: "reports_to", message: "A group cannot report to a group that reports to it"))
                    break
                }
                step = parents[current] ?? nil
            }
            if let closed = draft.closedOn {
                let stillOpen = existing.filter { $0.$reportsTo.id == id && $0.closed.map { $0 > closed } ?? true }.map(\.name).sorted()
                if !stillOpen.isEmpty {
                    problems.append(FieldError(field: "closed_on", message: "Close or move the groups that report to it first: \(stillOpen.joined(separator: ", "))"))
                }
            }
        }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        return parentID
    }

    public static func addMeeting(_ draft: MeetingDraft, to groupID: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> Meeting {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let group = try await group(groupID, in: partnership, on: tx).group
            let meeting = Meeting(partnershipID: pid, groupID: groupID, heldOn: draft.heldOn, title: draft.title, summary: draft.summary)
            try await meeting.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "meeting",
                                        subjectID: meeting.id?.uuidString, summary: "Recorded a meeting of \(group.name) on \(draft.heldOn.long)")
            return meeting
        }
    }

    /// Adds a seat to a group. The organisation must be in the register and the account must
    /// belong to the partnership; linking an account to the review subgroup opens unpublished reviews to it.
    public static func addMember(_ draft: MemberDraft, to groupID: UUID, in partnership: Partnership, today: CalendarDate, by actor: Actor,
                                 on db: any Database) async throws -> GroupMember {
        let pid = try partnership.requireID()
        var organisationID: UUID?
        if let text = draft.organisation {
            guard let id = UUID(uuidString: text), (try? await organisation(id, in: partnership, on: db)) != nil else {
                throw ValidationErrors([FieldError(field: "member_organisation", message: "Select an organisation from the register, or the business unit")])
            }
            organisationID = id
        }
        var userID: UUID?
        if let text = draft.account {
            guard let id = UUID(uuidString: text),
                  try await Membership.query(on: db).filter(\.$user.$id == id).filter(\.$partnership.$id == pid).count() == 1 else {
                throw ValidationErrors([FieldError(field: "member_account", message: "Select one of the partnership's accounts, or none")])
            }
            userID = id
        }
        let (organisationRef, userRef) = (organisationID, userID)
        return try await db.transaction { tx in
            let group = try await group(groupID, in: partnership, on: tx).group
            let started = draft.startedOn ?? today
            if let closed = group.closed, started >= closed {
                throw ValidationErrors([FieldError(field: "member_started_on", message: "\(group.name) closed on \(closed.long): a seat must start before then")])
            }
            let member = GroupMember(partnershipID: pid, groupID: groupID, organisationID: organisationRef, memberRole: draft.memberRole,
                                     seat: draft.seat.rawValue, startedOn: started)
            member.$user.id = userRef
            try await member.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "group_member",
                                        subjectID: member.id?.uuidString,
                                        summary: "Added \(draft.memberRole) to \(group.name)" + (userRef == nil ? "" : ", linked to an account"))
            return member
        }
    }

    /// The seat `seatID` of the group `groupID`, or "not found".
    public static func seat(_ seatID: UUID, of groupID: UUID, in partnership: Partnership, on db: any Database) async throws -> GroupMember {
        guard let seat = try await GroupMember.query(on: db).filter(\.$id == seatID).filter(\.$group.$id == groupID)
            .filter(\.$partnership.$id == partnership.requireID()).first() else { throw NotFound("seat") }
        return seat
    }

    /// Ends a seat: its holder stood down on `end.endedOn`. An account linked to the seat loses
    /// what the seat gave it (the review subgroup's sight of unpublished reviews) from that day.
    public static func endSeat(_ seatID: UUID, of groupID: UUID, _ end: SeatEnd, in partnership: Partnership, by actor: Actor,
                               on db: any Database) async throws -> GroupMember {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let member = try await seat(seatID, of: groupID, in: partnership, on: tx)
            let group = try await group(groupID, in: partnership, on: tx).group
            let before = member.endedOn
            member.endedOn = end.endedOn.description
            try await member.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: "group_member",
                                        subjectID: member.id?.uuidString, summary: "Ended the seat of \(member.memberRole) on \(group.name)",
                                        changes: AuditTrail.diff(["ended_on": before], ["ended_on": member.endedOn]))
            return member
        }
    }

    // MARK: Finance

    public struct YearFinance: Sendable {
        public let year: ReportingYear
        public let contributions: [Contribution]
        public var total: Pence { contributions.reduce(.zero) { $0 + $1.amount } }
    }

    public static func finance(_ partnership: Partnership, year: ReportingYear, on db: any Database) async throws -> YearFinance {
        let rows = try await Contribution.query(on: db)
            .filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$reportingYear == year.description)
            // A withdrawn organisation still names the lines it gave until they are changed.
            .with(\.$organisation, withDeleted: true)
            .sort(\.$position).sort(\.$label).all()
        return YearFinance(year: year, contributions: rows)
    }

    /// The years that have any contributions, newest first.
    public static func financeYears(_ partnership: Partnership, on db: any Database) async throws -> [ReportingYear] {
        let rows = try await Contribution.query(on: db).filter(\.$partnership.$id == partnership.requireID()).all(\.$reportingYear)
        return Set(rows.compactMap(ReportingYear.init)).sorted(by: >)
    }

    /// Sets the amounts of a year's existing lines at once: all are written or none.
    public static func updateAmounts(_ amounts: [UUID: Pence], year: ReportingYear, in partnership: Partnership,
                                     by actor: Actor, on db: any Database) async throws {
        let partnershipID = try partnership.requireID()
        try await db.transaction { tx in
            let lines = try await finance(partnership, year: year, on: tx).contributions
            for line in lines {
                guard let id = line.id, let amount = amounts[id], amount != line.amount else { continue }
                let before = line.amount
                line.amountPence = amount.value
                try await line.update(on: tx)
                try await AuditTrail.record(on: tx, partnershipID: partnershipID, actor: actor, action: "update",
                                            subjectType: "contribution", subjectID: id.uuidString,
                                            summary: "Changed \(line.label) for \(year) from \(before.formatted) to \(amount.formatted)",
                                            changes: ["amount_pence": (String(before.value), String(amount.value))])
            }
        }
    }

    public static func addContribution(_ draft: ContributionDraft, year: ReportingYear, to partnership: Partnership,
                                       by actor: Actor, on db: any Database) async throws -> Contribution {
        let partnershipID = try partnership.requireID()
        return try await db.transaction { tx in
            var organisationID: UUID?
            if let name = draft.organisationName {
                guard let organisation = try await organisation(named: name, in: partnership, on: tx) else {
                    throw ValidationErrors([FieldError(field: "organisation", message: "There is no organisation called \(name) in this partnership")])
                }
                organisationID = organisation.id
            }
            let existing = try await finance(partnership, year: year, on: tx).contributions
            try await checkLabelFree(draft.label, excluding: nil, year: year, among: existing, in: partnership, on: tx)
            let line = Contribution(partnershipID: partnershipID, year: year, organisationID: organisationID, label: draft.label,
                                    category: draft.category, amount: draft.amount, note: draft.note,
                                    position: (existing.map(\.position).max() ?? 0) + 1)
            try await line.create(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: partnershipID, actor: actor, action: "create",
                                        subjectType: "contribution", subjectID: line.id?.uuidString,
                                        summary: "Added \(draft.label) of \(draft.amount.formatted) for \(year)")
            return line
        }
    }
}
