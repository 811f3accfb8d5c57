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

    /// The newest year with contributions, else the year of today: where the finance page opens.
    public static func latestFinanceYear(_ viewer: Viewer, _ context: AppContext) async throws -> ReportingYear {
        try requireReadFinance(viewer)
        return try await RegisterStore.financeYears(viewer.partnership, on: context.database).first ?? ReportingYear(containing: context.today)
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
        let today = context.today
        let mayReadLearning = viewer.allows(.readLearning)
        let actions = mayReadLearning ? try await LearningReads.actions(viewer, filter: .all, organisationID: organisation.id, context) : []
        return OrganisationDetailPage(
            partnershipName: viewer.partnership.name, slug: viewer.slug, organisation: organisation,
            mayEdit: viewer.allows(.editOrganisation(owner: organisation.ref)), mayReadLearning: mayReadLearning,
            mayUpdateActions: viewer.allows(.updateAction(owner: organisation.ref)),
            overdueActions: actions.filter { $0.isOverdue(today: today) },
            openActions: actions.filter { $0.action.status.isOpen && !$0.isOverdue(today: today) },
            closedActions: actions.filter { !$0.action.status.isOpen })
    }

    /// The form to add an organisation.
    public static func newOrganisationForm(_ viewer: Viewer, _ context: AppContext) async throws -> OrganisationFormPage {
        try viewer.require(.addOrganisation)
        return OrganisationFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, editing: nil, locked: false)
    }

    /// The form to edit an organisation: the business unit edits any, a contributor their own.
    public static func editOrganisationForm(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> OrganisationFormPage {
        let organisation = try OrganisationRecord(try await RegisterStore.organisation(id, in: viewer.partnership, on: context.database))
        try viewer.require(.editOrganisation(owner: organisation.ref))
        return OrganisationFormPage(partnershipName: viewer.partnership.name, slug: viewer.slug, editing: organisation,
                                    locked: !viewer.allows(.addOrganisation))
    }
}

extension RegisterReads {
    static let registry: [ReadUseCase] = [
        .list("RegisterReads.latestFinanceYear") { try await latestFinanceYear($0, $1) },
        .list("RegisterReads.finance") { try await finance($0, year: ReportingYear(containing: $1.today), $1) },
        .list("RegisterReads.organisations") { try await organisations($0, $1) },
        .record("RegisterReads.organisation", ids: organisationIDs) { try await organisation($0, id: $1, $2) },
        .record("RegisterReads.organisationPage", ids: organisationIDs) { try await organisationPage($0, id: $1, $2) },
        .list("RegisterReads.newOrganisationForm") { try await newOrganisationForm($0, $1) },
        .record("RegisterReads.editOrganisationForm", ids: organisationIDs) { try await editOrganisationForm($0, id: $1, $2) },
    ]

    @Sendable static func organisationIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await RegisterStore.organisations(partnership, on: context.database).map { try $0.requireID() }
    }
}
