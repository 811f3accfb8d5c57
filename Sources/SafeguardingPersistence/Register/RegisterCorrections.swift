import FluentKit
import Foundation
import SafeguardingDomain

/// Correcting the register: changing a seat, a meeting or a contribution, withdrawing any record
/// added by mistake (kept, hidden by `Withdrawal`), and restoring one. Each change and its audit
/// event are written together.
extension RegisterStore {
    /// The kinds of register record that can be withdrawn, as the audit log and the addresses name them.
    public enum RecordKind: String, CaseIterable, Sendable {
        case organisation
        case group
        case seat = "group_member"
        case meeting
        case contribution

        public var label: String {
            switch self {
            case .organisation: "Organisation"
            case .group: "Group"
            case .seat: "Seat on a group"
            case .meeting: "Meeting"
            case .contribution: "Contribution"
            }
        }
    }

    /// A withdrawn record, as the administrators' list shows it.
    public struct WithdrawnRecord: Sendable {
        public let kind: RecordKind
        public let id: UUID
        public let description: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnAt: Date?
    }

    // MARK: Changing seats, meetings and contributions

    static func seatFields(_ seat: GroupMember) -> [String: String?] {
        ["member_role": seat.memberRole, "seat": seat.seat, "organisation_id": seat.$organisation.id?.uuidString,
         "user_id": seat.$user.id?.uuidString, "started_on": seat.startedOn, "ended_on": seat.endedOn]
    }

    /// Changes a seat: its role, kind of seat, organisation, account and dates. The seat must start
    /// before its group closed and end no earlier than it started.
    public static func updateSeat(_ seatID: UUID, of groupID: UUID, with draft: MemberDraft, endedOn: CalendarDate?, in partnership: Partnership,
                                  by actor: Actor, on db: any Database) async throws -> GroupMember {
        let pid = try partnership.requireID()
        let (organisationID, userID) = try await seatLinks(draft, in: partnership, on: db)
        return try await db.transaction { tx in
            let member = try await seat(seatID, of: groupID, in: partnership, on: tx)
            let group = try await group(groupID, in: partnership, on: tx).group
            let started = draft.startedOn ?? member.started ?? CalendarDate.today()
            var problems: [FieldError] = []
            if let closed = group.closed, started >= closed {
                problems.append(FieldError(field: "member_started_on", message: "\(group.name) closed on \(closed.long): a seat must start before then"))
            }
            if let endedOn, endedOn < started {
                problems.append(FieldError(field: "member_ended_on", message: "The date the seat ended must be the same as or after the date it was taken (\(started.long))"))
            }
            guard problems.isEmpty else { throw ValidationErrors(problems) }
            let before = seatFields(member)
            member.memberRole = draft.memberRole
            member.seat = draft.seat.rawValue
            member.$organisation.id = organisationID
            member.$user.id = userID
            member.startedOn = started.description
            member.endedOn = endedOn?.description
            let changes = AuditTrail.diff(before, seatFields(member))
            guard !changes.isEmpty else { return member }
            try await member.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: RecordKind.seat.rawValue,
                                        subjectID: seatID.uuidString, summary: "Changed the seat of \(member.memberRole) on \(group.name)",
                                        changes: changes)
            return member
        }
    }

    /// The organisation and account a seat's draft names, checked against the partnership.
    static func seatLinks(_ draft: MemberDraft, in partnership: Partnership, on db: any Database) async throws -> (UUID?, UUID?) {
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
                  try await Membership.query(on: db).filter(\.$user.$id == id).filter(\.$partnership.$id == partnership.requireID()).count() == 1 else {
                throw ValidationErrors([FieldError(field: "member_account", message: "Select one of the partnership's accounts, or none")])
            }
            userID = id
        }
        return (organisationID, userID)
    }

    /// The meeting `meetingID` of the group `groupID`, or "not found".
    public static func meeting(_ meetingID: UUID, of groupID: UUID, in partnership: Partnership, on db: any Database) async throws -> Meeting {
        guard let meeting = try await Meeting.query(on: db).filter(\.$id == meetingID).filter(\.$group.$id == groupID)
            .filter(\.$partnership.$id == partnership.requireID()).first() else { throw NotFound("meeting") }
        return meeting
    }

    /// Changes a meeting's date, title and summary.
    public static func updateMeeting(_ meetingID: UUID, of groupID: UUID, with draft: MeetingDraft, in partnership: Partnership,
                                     by actor: Actor, on db: any Database) async throws -> Meeting {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let meeting = try await meeting(meetingID, of: groupID, in: partnership, on: tx)
            let fields: (Meeting) -> [String: String?] = { ["held_on": $0.heldOn, "title": $0.title, "summary": $0.summary] }
            let before = fields(meeting)
            meeting.heldOn = draft.heldOn.description
            meeting.title = draft.title
            meeting.summary = draft.summary
            let changes = AuditTrail.diff(before, fields(meeting))
            guard !changes.isEmpty else { return meeting }
            try await meeting.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: RecordKind.meeting.rawValue,
                                        subjectID: meetingID.uuidString, summary: "Changed the meeting \(meeting.title) of \(draft.heldOn.long)",
                                        changes: changes)
            return meeting
        }
    }

    /// The contribution `id` of the partnership, or "not found".
    public static func contribution(_ id: UUID, in partnership: Partnership, on db: any Database) async throws -> Contribution {
        guard let line = try await Contribution.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnership.requireID())
            .with(\.$organisation, withDeleted: true).first() else { throw NotFound("contribution") }
        return line
    }

    static func contributionFields(_ line: Contribution) -> [String: String?] {
        ["label": line.label, "category": line.category.rawValue, "organisation_id": line.$organisation.id?.uuidString,
         "amount_pence": String(line.amountPence), "note": line.note]
    }

    /// The names of the partnership's withdrawn groups, lower case: names stay unique in the table.
    static func withdrawnGroupNames(_ partnership: Partnership, on db: any Database) async throws -> Set<String> {
        Set(try await PartnershipGroup.query(on: db).withDeleted().filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$withdrawnAt != nil).all().map { $0.name.lowercased() })
    }

    /// A year's labels are unique, withdrawn lines included (they keep theirs until restored).
    static func checkLabelFree(_ label: String, excluding id: UUID?, year: ReportingYear, among existing: [Contribution],
                               in partnership: Partnership, on db: any Database) async throws {
        if existing.contains(where: { $0.label.lowercased() == label.lowercased() && $0.id != id }) {
            throw ValidationErrors([FieldError(field: "label", message: "\(year) already has a line called \(label)")])
        }
        let withdrawn = try await Contribution.query(on: db).withDeleted().filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$reportingYear == year.description).filter(\.$withdrawnAt != nil).all()
        if withdrawn.contains(where: { $0.label.lowercased() == label.lowercased() && $0.id != id }) {
            throw ValidationErrors([FieldError(field: "label", message: "\(year) has a withdrawn line called \(label); an administrator can restore it")])
        }
    }

    /// Changes a contribution's label, kind, organisation, amount and note.
    public static func updateContribution(_ id: UUID, with draft: ContributionDraft, in partnership: Partnership, by actor: Actor,
                                          on db: any Database) async throws -> Contribution {
        let pid = try partnership.requireID()
        return try await db.transaction { tx in
            let line = try await contribution(id, in: partnership, on: tx)
            guard let year = ReportingYear(line.reportingYear) else { throw NotFound("contribution") }
            var organisationID: UUID?
            if let name = draft.organisationName {
                guard let organisation = try await organisation(named: name, in: partnership, on: tx) else {
                    throw ValidationErrors([FieldError(field: "organisation", message: "There is no organisation called \(name) in this partnership")])
                }
                organisationID = organisation.id
            }
            let existing = try await finance(partnership, year: year, on: tx).contributions
            try await checkLabelFree(draft.label, excluding: id, year: year, among: existing, in: partnership, on: tx)
            let before = contributionFields(line)
            line.label = draft.label
            line.category = draft.category
            line.$organisation.id = organisationID
            line.amountPence = draft.amount.value
            line.note = draft.note
            let changes = AuditTrail.diff(before, contributionFields(line))
            guard !changes.isEmpty else { return line }
            try await line.save(on: tx)
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "update", subjectType: RecordKind.contribution.rawValue,
                                        subjectID: id.uuidString, summary: "Changed \(line.label) for \(year)", changes: changes)
            return line
        }
    }

    // MARK: Withdrawing and restoring

    /// Withdraws a register record added by mistake. An organisation or group that other current
    /// records still name cannot be withdrawn: the message says which, so they are changed first.
    public static func withdraw(_ kind: RecordKind, id: UUID, reason: String, in partnership: Partnership, by actor: Actor,
                                on db: any Database) async throws -> String {
        let pid = try partnership.requireID()
        switch kind {
        case .organisation:
            let organisation = try await organisation(id, in: partnership, on: db)
            if let users = try await organisationUsers(id, on: db) {
                throw ValidationErrors([FieldError(field: "reason", message: "\(organisation.name) is still named by \(users); change those first")])
            }
            try await Withdrawal.withdraw(organisation, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue,
                                          subjectID: id.uuidString, summary: "Withdrew organisation \(organisation.name)", on: db)
            return organisation.name
        case .group:
            let groups = try await groups(partnership, on: db)
            guard let group = groups.first(where: { $0.id == id }) else { throw NotFound("group") }
            let children = groups.filter { $0.$reportsTo.id == id }.map(\.name).sorted()
            var users: [String] = []
            if !children.isEmpty { users.append("the groups that report to it (\(children.joined(separator: ", ")))") }
            if try await ReviewSettings.query(on: db).filter(\.$partnership.$id == pid).filter(\.$reviewGroup.$id == id).count() > 0 {
                users.append("the review settings, as the review subgroup")
            }
            if try await LearningSource.query(on: db).filter(\.$group.$id == id).count() > 0 { users.append("sources of learning") }
            if !users.isEmpty {
                throw ValidationErrors([FieldError(field: "reason", message: "\(group.name) is still named by \(users.joined(separator: " and ")); change those first")])
            }
            try await Withdrawal.withdraw(group, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue,
                                          subjectID: id.uuidString, summary: "Withdrew \(group.kind.label.lowercased()) \(group.name)", on: db)
            return group.name
        case .seat:
            guard let seat = try await GroupMember.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid).with(\.$group).first()
            else { throw NotFound("seat") }
            try await Withdrawal.withdraw(seat, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                          summary: "Withdrew the seat of \(seat.memberRole) on \(seat.group.name)", on: db)
            return seat.memberRole
        case .meeting:
            guard let meeting = try await Meeting.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == pid).with(\.$group).first()
            else { throw NotFound("meeting") }
            try await Withdrawal.withdraw(meeting, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                          summary: "Withdrew the meeting \(meeting.title) of \(meeting.group.name) on \(meeting.heldOn)", on: db)
            return meeting.title
        case .contribution:
            let line = try await contribution(id, in: partnership, on: db)
            try await Withdrawal.withdraw(line, reason: reason, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                          summary: "Withdrew \(line.label) of \(line.amount.formatted) for \(line.reportingYear)", on: db)
            return line.label
        }
    }

    /// What current records still name the organisation, in words; nil when nothing does.
    static func organisationUsers(_ id: UUID, on db: any Database) async throws -> String? {
        var users: [String] = []
        func add(_ count: Int, _ one: String, _ many: String) { if count > 0 { users.append(count == 1 ? "1 \(one)" : "\(count) \(many)") } }
        add(try await Membership.query(on: db).filter(\.$organisation.$id == id).count(), "account", "accounts")
        add(try await GroupMember.query(on: db).filter(\.$organisation.$id == id).count(), "seat on a group", "seats on groups")
        add(try await Contribution.query(on: db).filter(\.$organisation.$id == id).count(), "contribution", "contributions")
        add(try await PartnershipGroup.query(on: db).filter(\.$chairOrganisation.$id == id).count(), "group's chair", "groups' chairs")
        add(try await LearningAction.query(on: db).filter(\.$ownerOrganisation.$id == id).count(), "action", "actions")
        add(try await LearningSource.query(on: db).filter(\.$leadOrganisation.$id == id).count(), "source of learning", "sources of learning")
        add(try await Indicator.query(on: db).filter(\.$sourceOrganisation.$id == id).count(), "indicator", "indicators")
        add(try await AuditParticipant.query(on: db).filter(\.$organisation.$id == id).count(), "audit", "audits")
        add(try await IncidentAgency.query(on: db).filter(\.$organisation.$id == id).count(), "serious incident", "serious incidents")
        add(try await RapidReviewSignOff.query(on: db).filter(\.$organisation.$id == id).count(), "rapid review sign-off", "rapid review sign-offs")
        return users.isEmpty ? nil : users.joined(separator: ", ")
    }

    /// The partnership's withdrawn register records, the latest withdrawn first.
    public static func withdrawn(_ partnership: Partnership, on db: any Database) async throws -> [WithdrawnRecord] {
        let pid = try partnership.requireID()
        func record<M: Withdrawable>(_ kind: RecordKind, _ model: M, _ description: String) throws -> WithdrawnRecord where M.IDValue == UUID {
            WithdrawnRecord(kind: kind, id: try model.requireID(), description: description, reason: model.withdrawnReason ?? "",
                            withdrawnBy: model.withdrawnBy ?? "", withdrawnAt: model.withdrawnAt)
        }
        var out: [WithdrawnRecord] = []
        for organisation in try await Organisation.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(try record(.organisation, organisation, organisation.name))
        }
        let groups = try await PartnershipGroup.query(on: db).withDeleted().filter(\.$partnership.$id == pid).all()
        let groupNames = Dictionary(groups.compactMap { g in g.id.map { ($0, g.name) } }, uniquingKeysWith: { a, _ in a })
        for group in groups where group.withdrawnAt != nil { out.append(try record(.group, group, group.name)) }
        for seat in try await GroupMember.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(try record(.seat, seat, "\(seat.memberRole) on \(groupNames[seat.$group.id] ?? "a group")"))
        }
        for meeting in try await Meeting.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(try record(.meeting, meeting, "\(meeting.title), \(CalendarDate(iso: meeting.heldOn)?.long ?? meeting.heldOn), \(groupNames[meeting.$group.id] ?? "a group")"))
        }
        for line in try await Contribution.query(on: db).withDeleted().filter(\.$partnership.$id == pid).filter(\.$withdrawnAt != nil).all() {
            out.append(try record(.contribution, line, "\(line.label), \(line.amount.formatted), \(line.reportingYear)"))
        }
        return out.sorted { ($0.withdrawnAt ?? .distantPast, $0.id.uuidString) > ($1.withdrawnAt ?? .distantPast, $1.id.uuidString) }
    }

    /// Restores a withdrawn register record. A seat or meeting of a withdrawn group waits for its
    /// group; a group waits for the group it reports to.
    public static func restore(_ kind: RecordKind, id: UUID, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> String {
        let pid = try partnership.requireID()
        switch kind {
        case .organisation:
            let model = try await withdrawnModel(Organisation.self, id: id, pid: pid, partnershipOf: { $0.$partnership.id }, on: db)
            try await Withdrawal.restore(model, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored organisation \(model.name)", on: db)
            return model.name
        case .group:
            let model = try await withdrawnModel(PartnershipGroup.self, id: id, pid: pid, partnershipOf: { $0.$partnership.id }, on: db)
            if let parent = model.$reportsTo.id, try await PartnershipGroup.query(on: db).filter(\.$id == parent).count() == 0 {
                throw ValidationErrors([FieldError(field: "id", message: "\(model.name) reports to a withdrawn group: restore that group first")])
            }
            try await Withdrawal.restore(model, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored \(model.name)", on: db)
            return model.name
        case .seat:
            let model = try await withdrawnModel(GroupMember.self, id: id, pid: pid, partnershipOf: { $0.$partnership.id }, on: db)
            try await requireCurrentGroup(model.$group.id, on: db)
            try await Withdrawal.restore(model, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored the seat of \(model.memberRole)", on: db)
            return model.memberRole
        case .meeting:
            let model = try await withdrawnModel(Meeting.self, id: id, pid: pid, partnershipOf: { $0.$partnership.id }, on: db)
            try await requireCurrentGroup(model.$group.id, on: db)
            try await Withdrawal.restore(model, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored the meeting \(model.title)", on: db)
            return model.title
        case .contribution:
            let model = try await withdrawnModel(Contribution.self, id: id, pid: pid, partnershipOf: { $0.$partnership.id }, on: db)
            try await Withdrawal.restore(model, partnershipID: pid, actor: actor, subjectType: kind.rawValue, subjectID: id.uuidString,
                                         summary: "Restored \(model.label) for \(model.reportingYear)", on: db)
            return model.label
        }
    }

    /// A withdrawn record of the partnership, or "not found".
    static func withdrawnModel<M: Withdrawable>(_ type: M.Type, id: UUID, pid: UUID, partnershipOf: (M) -> UUID,
                                                on db: any Database) async throws -> M where M.IDValue == UUID {
        guard let model = try await M.query(on: db).withDeleted().filter(\M._$id == id).first(),
              model.withdrawnAt != nil, partnershipOf(model) == pid else { throw NotFound("withdrawn record") }
        return model
    }

    static func requireCurrentGroup(_ groupID: UUID, on db: any Database) async throws {
        guard try await PartnershipGroup.query(on: db).filter(\.$id == groupID).count() == 1 else {
            throw ValidationErrors([FieldError(field: "id", message: "Its group is withdrawn: restore the group first")])
        }
    }
}
