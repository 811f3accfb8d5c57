import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every read of the partnership register: organisations, groups and their meetings, finance.
/// The register holds nothing restricted, so the permission is the only rule.
public enum RegisterReads {
    /// Whether the viewer reads the finance pages at all (checked before the year is read from the address).
    public static func requireReadFinance(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.readFinance)
    }

    /// The newest year with contributions, else the year of today (`DefaultYear`): where the finance page opens.
    public static func latestFinanceYear(_ viewer: Viewer, _ context: AppContext) async throws -> ReportingYear {
        try requireReadFinance(viewer)
        return context.openingYear(try await RegisterStore.financeYears(viewer.partnership, on: context.database))
    }

    /// One reporting year's contributions and total, with the years to move between.
    public static func finance(_ viewer: Viewer, year: ReportingYear, _ context: AppContext) async throws -> FinanceYearPage {
        try requireReadFinance(viewer)
        let db = context.database
        let finance = try await RegisterStore.finance(viewer.partnership, year: year, on: db)
        let years = Set(try await RegisterStore.financeYears(viewer.partnership, on: db) + [year, year.previous, year.next]).sorted(by: >)
        let mayEdit = viewer.allows(.editFinance)
        let organisations = mayEdit ? try await RegisterStore.organisations(viewer.partnership, on: db) : []
        return FinanceYearPage(partnershipName: viewer.partnership.name, slug: viewer.slug, year: year, years: years,
                               contributions: try finance.contributions.map(ContributionLine.init), total: finance.total,
                               mayEdit: mayEdit, organisationNames: organisations.map(\.name))
    }
}

// MARK: The dashboard and the signed-in person

extension RegisterReads {
    /// The partnership's home page.
    public static func dashboard(_ viewer: Viewer, _ context: AppContext) async throws -> PartnershipDashboard {
        try viewer.require(.readRegister)
        let (partnership, db, today) = (viewer.partnership, context.database, context.today)
        let organisations = try await RegisterStore.organisations(partnership, on: db)
        let counts = OrganisationKind.allCases.map { kind in OrganisationKindCount(kind: kind, count: organisations.filter { $0.kind == kind }.count) }
            .filter { $0.count > 0 }
        var finance: FinanceTotal?
        if viewer.allows(.readFinance), let year = try await RegisterStore.financeYears(partnership, on: db).first {
            finance = FinanceTotal(year: year, total: try await RegisterStore.finance(partnership, year: year, on: db).total)
        }
        var learning: LearningGlance?
        if viewer.allows(.readLearning) {
            var own: LearningGlance.OwnActions?
            if let organisationID = viewer.membership.$organisation.id,
               let organisation = try? await RegisterStore.organisation(organisationID, in: partnership, on: db) {
                let actions = try await LearningReads.actions(viewer, filter: .open, organisationID: organisationID, context)
                own = .init(organisationID: organisationID, organisationName: organisation.name, open: actions.count,
                            overdue: actions.filter { $0.isOverdue(today: today) }.count)
            }
            let tracker = try await LearningReads.counts(viewer, context)
            learning = LearningGlance(overdueActions: tracker.overdue, challengeEventsDue: tracker.challengeEventsDue, own: own)
        }
        var reports: [ReportCopyDeadline] = []
        if viewer.allows(.readReportDraft) {
            reports = try await ReportStore.copyDeadlines(partnership, today: today, on: db)
                .map { ReportCopyDeadline(year: $0.report.year, version: $0.report.version, state: $0.state) }
        }
        return PartnershipDashboard(
            partnershipName: partnership.name, slug: viewer.slug, localAuthorityName: partnership.localAuthorityName,
            localAuthorityCode: partnership.localAuthorityCode,
            facts: try await RegisterStore.areaFacts(partnership, on: db).map { AreaFactLine(label: $0.label, formattedValue: $0.formattedValue, source: $0.source) },
            organisationCounts: counts,
            statutoryPartners: organisations.filter { $0.kind.isStatutoryPartner }.map { StatutoryPartnerLine(name: $0.name, delegatedPartnerRole: $0.delegatedPartnerRole) },
            groupCount: try await RegisterStore.groups(partnership, on: db).count, finance: finance, reports: reports, learning: learning)
    }

    /// The signed-in person and the partnerships they belong to, with their role in each. Asked
    /// before any partnership is chosen (the API's `/me`), so it takes the account, not a viewer.
    public static func me(_ user: Account, _ context: AppContext) async throws -> SignedInPerson {
        let memberships = try await AccountStore.memberships(of: user.id, on: context.database)
        return SignedInPerson(email: user.email, name: user.name, partnerships: memberships.map {
            .init(slug: $0.partnership.slug, name: $0.partnership.name, role: $0.role, organisationID: $0.$organisation.id)
        })
    }
}

// MARK: Organisations

extension RegisterReads {
    /// The register of organisations, statutory partners first.
    public static func organisations(_ viewer: Viewer, _ context: AppContext) async throws -> OrganisationListPage {
        try viewer.require(.readRegister)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database).map(OrganisationRecord.init)
        return OrganisationListPage(partnershipName: viewer.partnership.name, slug: viewer.slug, mayAdd: viewer.allows(.addOrganisation),
                                    organisations: organisations.map { .init(organisation: $0, mayEdit: viewer.allows(.editOrganisation(owner: $0.ref))) })
    }

    /// One organisation in the register.
    public static func organisation(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> OrganisationRecord {
        try viewer.require(.readRegister)
        return try OrganisationRecord(try await RegisterStore.organisation(id, in: viewer.partnership, on: context.database))
    }

    /// One organisation's page, with the actions it owns in the learning tracker, overdue first,
    /// for those who read the tracker.
    public static func organisationPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> OrganisationDetailPage {
        let organisation = try await organisation(viewer, id: id, context)
        let mayReadLearning = viewer.allows(.readLearning)
        let actions = mayReadLearning ? try await LearningReads.actions(viewer, filter: .all, organisationID: organisation.id, context) : []
        let rows = actions.map { ActionRow($0, today: context.today) }
        return OrganisationDetailPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug, organisation: organisation,
            mayEdit: viewer.allows(.editOrganisation(owner: organisation.ref)), mayReadLearning: mayReadLearning,
            mayUpdateActions: viewer.allows(.updateAction(owner: organisation.ref)),
            overdueActions: rows.filter(\.isOverdue),
            openActions: rows.filter { $0.status.isOpen && !$0.isOverdue },
            closedActions: rows.filter { !$0.status.isOpen })
    }

    /// The form to add an organisation.
    public static func newOrganisationForm(_ viewer: Viewer, _ context: AppContext) async throws -> OrganisationFormPage {
        try viewer.require(.addOrganisation)
        return OrganisationFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, editing: nil, locked: false, today: context.today)
    }

    /// The form to edit an organisation: the business unit edits any, a contributor their own.
    public static func editOrganisationForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> OrganisationFormPage {
        let organisation = try OrganisationRecord(try await RegisterStore.organisation(id, in: viewer.partnership, on: context.database))
        try viewer.require(.editOrganisation(owner: organisation.ref))
        return OrganisationFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, editing: organisation,
                                    locked: !viewer.allows(.addOrganisation), today: context.today)
    }
}

// MARK: Groups, their members and meetings

extension RegisterReads {
    /// Every group of the arrangements, with the group each reports to.
    public static func groups(_ viewer: Viewer, _ context: AppContext) async throws -> GroupListPage {
        try viewer.require(.readRegister)
        let groups = try await RegisterStore.groups(viewer.partnership, on: context.database)
        let names = Dictionary(try groups.map { (try $0.requireID(), $0.name) }, uniquingKeysWith: { a, _ in a })
        return GroupListPage(partnershipName: viewer.partnership.name, slug: viewer.slug, mayEdit: viewer.allows(.editStructure),
                             groups: try groups.map { try GroupRecord($0, reportsToName: $0.$reportsTo.id.flatMap { names[$0] }) },
                             today: context.today)
    }

    /// One group's page: details, members (chair first), meetings (newest first), and for those
    /// who edit the structure the organisations and accounts a new seat may name.
    public static func groupPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> GroupPage {
        try viewer.require(.readRegister)
        let db = context.database
        let detail = try await RegisterStore.group(id, in: viewer.partnership, on: db)
        let mayEdit = viewer.allows(.editStructure)
        let organisations = mayEdit ? try await RegisterStore.organisations(viewer.partnership, on: db) : []
        let accounts = mayEdit ? try await AccountStore.members(of: viewer.partnership, on: db).map(\.user) : []
        let others = mayEdit ? try await RegisterStore.groups(viewer.partnership, on: db).filter { $0.id != id } : []
        let lines = try detail.members.map { member in
            GroupMemberLine(id: try member.requireID(), role: member.memberRole, organisation: member.organisation?.name, seat: member.seat,
                            account: member.user?.name, startedOn: member.started, endedOn: member.ended)
        }
        let today = context.today
        let held = lines.filter { PeriodRule.holds(from: $0.startedOn, until: $0.endedOn, on: today) }
        let past = lines.filter { $0.endedOn.map { $0 <= today } ?? false }
            .sorted { ($0.endedOn ?? today, $1.role) > ($1.endedOn ?? today, $0.role) }
        return GroupPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug,
            group: try GroupRecord(detail.group, reportsToName: detail.group.reportsTo?.name),
            members: held, pastMembers: past,
            groupChoices: try others.map { GroupChoice(id: try $0.requireID(), name: $0.name) }, today: today,
            meetings: try detail.meetings.map { MeetingLine(id: try $0.requireID(), heldOn: $0.heldOn, held: CalendarDate(iso: $0.heldOn), title: $0.title, summary: $0.summary) },
            mayEdit: mayEdit, organisations: try organisations.map(OrganisationChoice.init),
            accounts: try accounts.map { AccountChoice(id: try $0.requireID(), name: $0.name, email: $0.email) })
    }

    /// The form to add a group.
    public static func newGroupForm(_ viewer: Viewer, _ context: AppContext) async throws -> GroupFormPage {
        try viewer.require(.editStructure)
        let groups = try await RegisterStore.groups(viewer.partnership, on: context.database)
        return GroupFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug,
                             groups: try groups.map { GroupChoice(id: try $0.requireID(), name: $0.name) })
    }
}

extension RegisterReads {
    static let registry: [ReadUseCase] = [
        .list("RegisterReads.dashboard") { try await dashboard($0, $1) },
        .list("RegisterReads.me") { try await me($0.user, $1) },
        .list("RegisterReads.latestFinanceYear") { try await latestFinanceYear($0, $1) },
        .list("RegisterReads.finance") { try await finance($0, year: latestFinanceYear($0, $1), $1) },
        .list("RegisterReads.organisations") { try await organisations($0, $1) },
        .record("RegisterReads.organisation", ids: organisationIDs) { try await organisation($0, id: $1, $2) },
        .record("RegisterReads.organisationPage", ids: organisationIDs) { try await organisationPage($0, id: $1, $2) },
        .list("RegisterReads.newOrganisationForm") { try await newOrganisationForm($0, $1) },
        .record("RegisterReads.editOrganisationForm", ids: organisationIDs) { try await editOrganisationForm($0, id: $1, $2) },
        .list("RegisterReads.groups") { try await groups($0, $1) },
        .record("RegisterReads.groupPage", ids: groupIDs) { try await groupPage($0, id: $1, $2) },
        .list("RegisterReads.newGroupForm") { try await newGroupForm($0, $1) },
    ]

    @Sendable static func groupIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await RegisterStore.groups(partnership, on: context.database).map { try $0.requireID() }
    }

    @Sendable static func organisationIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await RegisterStore.organisations(partnership, on: context.database).map { try $0.requireID() }
    }
}
