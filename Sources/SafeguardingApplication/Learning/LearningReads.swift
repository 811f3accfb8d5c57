import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every read of the learning tracker, for one viewer. Unpublished practice reviews are left out
/// of every list for a viewer who may not read them, and opening one is "not found"; opening one
/// that the viewer may read is recorded in the audit log. Nothing outside this layer filters.
public enum LearningReads {
    /// Whether the viewer reads learning at all: the tracker's readers, and the review subgroup
    /// (practice reviews are sources of learning too). Pages may ask for more.
    public static func requireRead(_ viewer: Viewer) throws(AccessDenied) {
        guard viewer.allows(.readLearning) || viewer.allows(.readUnpublishedReviews) else { throw AccessDenied() }
    }

    /// Whether the viewer reads the tracker itself (its pages and API). Handlers that read a query or
    /// an id from the address call it first, so someone refused is told so whatever they asked for.
    public static func requireTracker(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.readLearning)
    }

    /// The tracker's front page, reading each learning table once.
    public static func trackerPage(_ viewer: Viewer, _ context: AppContext) async throws -> TrackerPage {
        try viewer.require(.readLearning)
        let tracker = try await LearningStore.tracker(viewer.partnership, hiding: viewer.hiddenSources, today: context.today, on: context.database)
        return TrackerPage(partnershipName: viewer.partnership.name, tracker: tracker, today: context.today)
    }

    /// One source's page. Opening an unpublished review is recorded in the audit log.
    public static func sourcePage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SourcePage {
        try viewer.require(.readLearning)
        return try await SourcePage(detail(viewer, id: id, context), for: viewer, today: context.today)
    }

    /// The actions list; an organisation that is not the partnership's is ignored (all organisations).
    public static func actionsPage(_ viewer: Viewer, filter: ActionFilter, organisationID: UUID?,
                                   _ context: AppContext) async throws -> ActionsPage {
        try viewer.require(.readLearning)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database).map { try OrganisationChoice($0) }
        let organisation = organisations.first { $0.id == organisationID }
        let actions = try await actions(viewer, filter: filter, organisationID: organisation?.id, context)
        return ActionsPage(partnershipName: viewer.partnership.name, filter: filter, organisations: organisations, organisation: organisation,
                           actions: actions.map { ActionRow($0, today: context.today) })
    }

    /// One action's page. Opening an action of an unpublished review is recorded in the audit log.
    public static func actionPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ActionPage {
        try viewer.require(.readLearning)
        return try await ActionPage(action(viewer, id: id, context), for: viewer, today: context.today)
    }

    /// One recommendation's page. Opening one of an unpublished review is recorded in the audit log.
    public static func recommendationPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> RecommendationPage {
        try viewer.require(.readLearning)
        return try await RecommendationPage.read(viewer, id: id, context)
    }

    public static func recommendationsWithoutActionsPage(_ viewer: Viewer, _ context: AppContext) async throws -> RecommendationsWithoutActionsPage {
        try viewer.require(.readLearning)
        let items = try await recommendationsWithoutActions(viewer, context).map { r in
            RecommendationsWithoutActionsPage.Item(id: r.id!, number: r.number, text: r.text, sourceTitle: r.source.title, reportingYear: r.source.reportingYear)
        }
        return RecommendationsWithoutActionsPage(partnershipName: viewer.partnership.name, items: items)
    }

    /// The sources list of one year: the one asked for, else the newest with learning (`DefaultYear`).
    public static func sourcesPage(_ viewer: Viewer, kind: SourceKind?, year asked: ReportingYear?, _ context: AppContext) async throws -> SourcesPage {
        try viewer.require(.readLearning)
        let withLearning = try await LearningStore.yearsWithLearning(viewer.partnership, hiding: viewer.hiddenSources, on: context.database)
        let year = asked ?? context.openingYear(withLearning)
        let years = DefaultYear.choices(try await LearningStore.years(viewer.partnership, on: context.database), showing: year)
        let summaries = try await sources(viewer, kind: kind, year: year, context)
        return SourcesPage(partnershipName: viewer.partnership.name, years: years, year: year, kind: kind, mayRecord: viewer.allows(.editLearning),
                           sources: summaries.map(SourcesPage.Row.init))
    }

    /// The form for a challenge event on a source, for those who record them.
    public static func challengeEventPage(_ viewer: Viewer, sourceID: UUID, _ context: AppContext) async throws -> ChallengeEventPage {
        try viewer.require(.recordChallenge)
        return try await ChallengeEventPage.read(viewer, sourceID: sourceID, context)
    }

    /// The form for a new source of the tracker's kinds, for the learning's editors; with no kind,
    /// the choice of kind.
    public static func newSourceFormPage(_ viewer: Viewer, kind: SourceKind?, _ context: AppContext) async throws -> SourceFormPage {
        try viewer.require(.editLearning)
        return try await SourceFormPage.read(viewer, kind: kind, context)
    }

    /// The form to change a source's details, for whoever may edit it.
    public static func changeSourceFormPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SourceFormPage {
        let source = try await source(viewer, id: id, context)
        try viewer.requireEdit(source)
        return try await SourceFormPage.read(viewer, changing: source, context)
    }

    /// The sources as the API lists them, optionally of one kind and one year.
    public static func sourceRecords(_ viewer: Viewer, kind: SourceKind?, year: ReportingYear?, _ context: AppContext) async throws -> [SourceRecord] {
        try viewer.require(.readLearning)
        return try await sources(viewer, kind: kind, year: year, context).map(SourceRecord.init)
    }

    /// One source as the API answers it, with its findings, recommendations, actions and challenge events.
    public static func sourceRecord(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SourceRecord {
        try viewer.require(.readLearning)
        return try SourceRecord(await detail(viewer, id: id, context), today: context.today)
    }

    /// The recommendations as the API lists them: every one, or those no action answers yet.
    public static func recommendationRecords(_ viewer: Viewer, withoutActions: Bool, _ context: AppContext) async throws -> [RecommendationRecord] {
        try viewer.require(.readLearning)
        let rows = withoutActions ? try await recommendationsWithoutActions(viewer, context) : try await recommendations(viewer, context)
        return try rows.map(RecommendationRecord.init)
    }

    /// The actions as the API lists them; `organisationID` narrows them to one owner.
    public static func actionRecords(_ viewer: Viewer, filter: ActionFilter, organisationID: UUID?, _ context: AppContext) async throws -> [ActionRecord] {
        try viewer.require(.readLearning)
        return try await actions(viewer, filter: filter, organisationID: organisationID, context).map { try ActionRecord($0, today: context.today) }
    }

    /// One action as the API answers it.
    public static func actionRecord(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> ActionRecord {
        try viewer.require(.readLearning)
        return try ActionRecord(await action(viewer, id: id, context), today: context.today)
    }

    public static func sources(_ viewer: Viewer, kind: SourceKind? = nil, kinds: [SourceKind]? = nil, year: ReportingYear? = nil,
                               _ context: AppContext) async throws -> [LearningStore.SourceSummary] {
        try requireRead(viewer)
        return try await LearningStore.sources(viewer.partnership, kind: kind, kinds: kinds, year: year, hiding: viewer.hiddenSources,
                                        today: context.today, on: context.database)
    }

    /// The tracker's headline counts; pass `sources` when every source's summary is already read.
    public static func counts(_ viewer: Viewer, sources known: [LearningStore.SourceSummary]? = nil,
                              _ context: AppContext) async throws -> LearningStore.TrackerCounts {
        try requireRead(viewer)
        return try await LearningStore.counts(viewer.partnership, today: context.today, sources: known, hiding: viewer.hiddenSources, on: context.database)
    }

    public static func actions(_ viewer: Viewer, filter: ActionFilter, organisationID: UUID? = nil,
                               _ context: AppContext) async throws -> [LearningStore.ActionDetail] {
        try requireRead(viewer)
        return try await LearningStore.actions(viewer.partnership, filter: filter, organisationID: organisationID, hiding: viewer.hiddenSources,
                                        today: context.today, on: context.database)
    }

    public static func recommendationsWithoutActions(_ viewer: Viewer, _ context: AppContext) async throws -> [Recommendation] {
        try requireRead(viewer)
        return try await LearningStore.recommendationsWithoutActions(viewer.partnership, hiding: viewer.hiddenSources, on: context.database)
    }

    /// The sources that escalations from performance management commissioned.
    public static func commissioned(_ viewer: Viewer, by escalationIDs: [UUID], _ context: AppContext) async throws -> [LearningSource] {
        try requireRead(viewer)
        return try await LearningStore.sources(commissionedBy: escalationIDs, on: context.database).filter { viewer.maySee(sourceID: $0.id!) }
    }

    /// Every recommendation, by source then number.
    public static func recommendations(_ viewer: Viewer, _ context: AppContext) async throws -> [Recommendation] {
        try requireRead(viewer)
        return try await Recommendation.query(on: context.database).filter(\.$partnership.$id == viewer.partnership.requireID())
            .sort(\.$source.$id).sort(\.$number).all().filter { viewer.maySee(sourceID: $0.$source.id) }
    }

    /// One source, as a record to change or a page to show.
    public static func source(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LearningSource {
        try requireRead(viewer)
        let source = try await LearningStore.source(id, in: viewer.partnership, on: context.database)
        try await Visibility.check(source, for: viewer, context)
        return source
    }

    public static func detail(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LearningStore.SourceDetail {
        try requireRead(viewer)
        let detail = try await LearningStore.detail(id, in: viewer.partnership, today: context.today, on: context.database)
        try await Visibility.check(detail.source, for: viewer, context)
        return detail
    }

    /// A recommendation with its source's detail.
    public static func recommendation(_ viewer: Viewer, id: UUID, _ context: AppContext)
        async throws -> (recommendation: Recommendation, source: LearningStore.SourceDetail) {
        let recommendation = try await LearningStore.recommendation(id, in: viewer.partnership, on: context.database)
        let detail = try await detail(viewer, id: recommendation.$source.id, context)
        return (recommendation, detail)
    }

    public static func action(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LearningStore.ActionDetail {
        try requireRead(viewer)
        let detail = try await LearningStore.action(id, in: viewer.partnership, on: context.database)
        try await Visibility.check(detail.source, for: viewer, context)
        return detail
    }

    /// The action, if this viewer may update it: administrators, and contributors of the
    /// organisation that owns it. Pages and API check it the same way; anyone else gets 403.
    public static func ownedAction(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> LearningStore.ActionDetail {
        let detail = try await action(viewer, id: id, context)
        try viewer.require(.updateAction(owner: detail.organisation.ref))
        return detail
    }
}

/// The one place that decides whether a viewer sees a restricted learning source.
enum Visibility {
    /// Throws "not found" for a source the viewer may not see, so an unpublished review's existence
    /// is not given away; records the view in the audit log when an unpublished review is opened.
    static func check(_ source: LearningSource, for viewer: Viewer, _ context: AppContext) async throws {
        guard source.kind.isRestrictedReview, !source.isPublished else { return }
        guard viewer.allows(.readUnpublishedReviews) else { throw NotFound("source of learning") }
        try await ReviewStore.recordView(of: "learning_source", id: source.requireID(), title: source.title, in: viewer.partnership,
                                         by: viewer.actor, on: context.database)
    }
}

extension LearningReads {
    static let registry: [ReadUseCase] = [
        .list("LearningReads.trackerPage") { try await trackerPage($0, $1) },
        .list("LearningReads.actionsPage") { try await actionsPage($0, filter: .all, organisationID: nil, $1) },
        .record("LearningReads.actionPage", ids: actionIDs) { try await actionPage($0, id: $1, $2) },
        .record("LearningReads.recommendationPage", ids: recommendationIDs) { try await recommendationPage($0, id: $1, $2) },
        .list("LearningReads.recommendationsWithoutActionsPage") { try await recommendationsWithoutActionsPage($0, $1) },
        .list("LearningReads.sourcesPage") { try await sourcesPage($0, kind: nil, year: nil, $1) },
        .record("LearningReads.challengeEventPage", ids: sourceIDs) { try await challengeEventPage($0, sourceID: $1, $2) },
        .list("LearningReads.newSourceFormPage") { try await newSourceFormPage($0, kind: .audit, $1) },
        .record("LearningReads.changeSourceFormPage", ids: sourceIDs) { try await changeSourceFormPage($0, id: $1, $2) },
        .list("LearningReads.sourceRecords") { try await sourceRecords($0, kind: nil, year: nil, $1) },
        .record("LearningReads.sourceRecord", ids: sourceIDs) { try await sourceRecord($0, id: $1, $2) },
        .list("LearningReads.recommendationRecords") { try await recommendationRecords($0, withoutActions: false, $1) },
        .list("LearningReads.actionRecords") { try await actionRecords($0, filter: .all, organisationID: nil, $1) },
        .record("LearningReads.actionRecord", ids: actionIDs) { try await actionRecord($0, id: $1, $2) },
        .list("LearningReads.sources") { try await sources($0, $1) },
        .list("LearningReads.counts") { try await counts($0, $1) },
        .list("LearningReads.actions") { try await actions($0, filter: .all, $1) },
        .list("LearningReads.recommendationsWithoutActions") { try await recommendationsWithoutActions($0, $1) },
        .list("LearningReads.recommendations") { try await recommendations($0, $1) },
        .list("LearningReads.commissioned") { viewer, context in
            let escalations = try await Escalation.query(on: context.database).all().compactMap(\.id)
            return try await commissioned(viewer, by: escalations, context)
        },
        .record("LearningReads.source", ids: sourceIDs) { try await source($0, id: $1, $2) },
        .record("LearningReads.sourcePage", ids: sourceIDs) { try await sourcePage($0, id: $1, $2) },
        .record("LearningReads.detail", ids: sourceIDs) { try await detail($0, id: $1, $2) },
        .record("LearningReads.recommendation", ids: recommendationIDs) { try await recommendation($0, id: $1, $2) },
        .record("LearningReads.action", ids: actionIDs) { try await action($0, id: $1, $2) },
        .record("LearningReads.ownedAction", ids: actionIDs) { try await ownedAction($0, id: $1, $2) },
    ]

    @Sendable static func sourceIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await LearningSource.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }

    @Sendable static func recommendationIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await Recommendation.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }

    @Sendable static func actionIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await LearningAction.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }
}
