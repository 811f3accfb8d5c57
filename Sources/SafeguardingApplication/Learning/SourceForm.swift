import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The form for a source of learning's details: a new source of one kind (or, with no kind yet,
/// the choice of kind), or an existing source to change. The tracker and the practice reviews
/// pages both use it, for the kinds each records.
public struct SourceFormPage: Sendable {
    /// A source's details as recorded, to start the form from.
    public struct Existing: Sendable {
        public let id: UUID
        public let title: String
        public let reportingYear: String
        public let summary: String?
        public let leadRole: String?
        public let leadOrganisationName: String?
        public let groupID: UUID?
        public let commissionedReason: String?
        public let escalationID: UUID?
        public let auditType: String?
        public let scope: String?
        public let reviewer: String?
        public let termsOfReference: String?
        public let methods: String?
        public let observed: String?
        public let framework: String?
        public let askedOf: String?
        public let plannedOn: CalendarDate?
        public let startedOn: CalendarDate?
        public let completedOn: CalendarDate?
        public let challengeDueOn: CalendarDate?
    }

    /// An escalation from performance management, as the work that commissioned a source.
    public struct EscalationChoice: Sendable {
        public let id: UUID
        public let indicatorName: String
        public let signal: String
    }

    public let partnershipName: String
    /// The kind being recorded; nil until it is chosen.
    public let kind: SourceKind?
    /// The source being changed; nil for a new one.
    public let existing: Existing?
    public let groups: [GroupChoice]
    public let organisations: [OrganisationChoice]
    /// Newest first.
    public let escalations: [EscalationChoice]
    /// The reporting year today falls in, a new source's starting value.
    public let currentYear: ReportingYear
}

extension SourceFormPage {
    /// The form with the partnership's choices; the caller has checked the viewer may record or change the source.
    static func read(_ viewer: Viewer, kind: SourceKind?, existing: Existing? = nil, _ context: AppContext) async throws -> SourceFormPage {
        let (partnership, db) = (viewer.partnership, context.database)
        let groups = try await RegisterStore.groups(partnership, on: db)
        let organisations = try await RegisterStore.organisations(partnership, on: db)
        let escalations = try await LearningStore.escalationChoices(partnership, on: db)
        return SourceFormPage(
            partnershipName: partnership.name, kind: kind, existing: existing,
            groups: try groups.map { GroupChoice(id: try $0.requireID(), name: $0.name) },
            organisations: try organisations.map(OrganisationChoice.init),
            escalations: try escalations.map { EscalationChoice(id: try $0.requireID(), indicatorName: $0.indicator.name, signal: $0.signal) },
            currentYear: ReportingYear(containing: context.today))
    }

    /// The form to change `source`, starting from its details.
    static func read(_ viewer: Viewer, changing source: LearningSource, _ context: AppContext) async throws -> SourceFormPage {
        let leadOrganisation = try await source.$leadOrganisation.get(on: context.database)
        let existing = Existing(
            id: try source.requireID(), title: source.title, reportingYear: source.reportingYear, summary: source.summary, leadRole: source.leadRole,
            leadOrganisationName: leadOrganisation?.name, groupID: source.$group.id, commissionedReason: source.commissionedReason,
            escalationID: source.$escalation.id, auditType: source.auditType, scope: source.scope, reviewer: source.reviewer,
            termsOfReference: source.termsOfReference, methods: source.methods, observed: source.observed, framework: source.framework,
            askedOf: source.askedOf, plannedOn: source.plannedOn.flatMap(CalendarDate.init(iso:)),
            startedOn: source.startedOn.flatMap(CalendarDate.init(iso:)), completedOn: source.completedOn.flatMap(CalendarDate.init(iso:)),
            challengeDueOn: source.challengeDueOn.flatMap(CalendarDate.init(iso:)))
        return try await read(viewer, kind: source.kind, existing: existing, context)
    }
}
