import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every read of the multi-agency dataset, for one viewer. The dataset holds nothing restricted,
/// so the permission is the rule, except for the learning an escalation commissioned, which
/// `LearningReads` filters.
public enum PerformanceReads {
    /// The list of indicators, reading the indicators, their headline values and the open
    /// escalations once each, however many indicators there are.
    public static func indicatorList(_ viewer: Viewer, _ context: AppContext) async throws -> IndicatorListPage {
        try viewer.require(.readPerformance)
        let db = context.database
        let indicators = try await PerformanceStore.indicators(viewer.partnership, on: db)
        let values = try await PerformanceStore.headlineValues(viewer.partnership, on: db)
        let open = Dictionary(grouping: try await PerformanceStore.openEscalations(viewer.partnership, on: db), by: { $0.$indicator.id })
        let rows = try indicators.map { indicator in
            let id = try indicator.requireID()
            let analysis = IndicatorAnalysis(polarity: Polarity(rawValue: indicator.polarity) ?? .neither, values: values[id] ?? [])
            return IndicatorListPage.Row(key: indicator.key, name: indicator.name, unit: indicator.unit, isIllustrative: indicator.isIllustrative,
                                         judgement: analysis.judgement(unit: indicator.unit, asAt: context.today),
                                         openEscalations: open[id]?.count ?? 0)
        }
        return IndicatorListPage(partnershipName: viewer.partnership.name, mayEditCatalogue: viewer.allows(.editIndicators),
                                 maySubmitReturns: viewer.allows(.submitValues(owner: viewer.grant.organisation)) || viewer.allows(.importOfficialData),
                                 rows: rows)
    }

    /// One indicator's page. The learning its escalations commissioned is shown to the tracker's readers.
    public static func indicatorPage(_ viewer: Viewer, key: String, _ context: AppContext) async throws -> IndicatorPage {
        try viewer.require(.readPerformance)
        let db = context.database
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: db)
        let record = try IndicatorRecord(indicator)
        let analysis = IndicatorAnalysis(polarity: record.polarity, values: try await PerformanceStore.values(of: indicator, on: db))
        let stories = try await PerformanceStore.stories(of: indicator, on: db)
        let escalations = try await PerformanceStore.escalations(of: indicator, on: db)
        let escalationIDs = try escalations.map { try $0.requireID() }
        let commissioned = viewer.allows(.readLearning) ? try await LearningReads.commissioned(viewer, by: escalationIDs, context) : []
        let plansAudits = viewer.allows(.editLearning)
        return IndicatorPage(
            indicator: record, analysis: analysis, judgement: analysis.judgement(unit: record.unit, asAt: context.today),
            stories: stories.map { story in
                IndicatorPage.StoryVersion(periodLabel: Period(story.period)?.label ?? story.period, whatTheDataShows: story.whatTheDataShows,
                                           howMuch: story.howMuch, howWell: story.howWell, betterOff: story.betterOff, nextSteps: story.nextSteps,
                                           author: story.author, writtenAt: story.writtenAt)
            },
            escalations: try zip(escalations, escalationIDs).map { escalation, id in
                let decision = escalation.decision.flatMap(PerformanceStore.Decision.init(rawValue:))
                let sources = try commissioned.filter { $0.$escalation.id == id }.map { IndicatorPage.CommissionedSource(id: try $0.requireID(), title: $0.title) }
                return IndicatorPage.EscalationLine(id: id, signal: escalation.signal, raisedAt: escalation.raisedAt, decision: decision,
                                                    reason: escalation.reason, decidedBy: escalation.decidedBy, decidedAt: escalation.decidedAt,
                                                    commissioned: sources, mayPlanAudit: decision == .commissionAudit && sources.isEmpty && plansAudits)
            },
            mayEditCatalogue: viewer.allows(.editIndicators), mayWriteStory: viewer.allows(.submitValues(owner: record.owner)),
            mayDecide: viewer.allows(.decideEscalation))
    }

    /// The form to add an indicator to the catalogue.
    public static func newIndicatorForm(_ viewer: Viewer, _ context: AppContext) async throws -> IndicatorFormPage {
        try viewer.require(.editIndicators)
        return try await indicatorForm(viewer, editing: nil, context)
    }

    /// The form to change an indicator of the catalogue.
    public static func editIndicatorForm(_ viewer: Viewer, key: String, _ context: AppContext) async throws -> IndicatorFormPage {
        try viewer.require(.editIndicators)
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: context.database)
        return try await indicatorForm(viewer, editing: IndicatorRecord(indicator), context)
    }

    static func indicatorForm(_ viewer: Viewer, editing: IndicatorRecord?, _ context: AppContext) async throws -> IndicatorFormPage {
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return IndicatorFormPage(partnershipName: viewer.partnership.name, editing: editing, organisations: try organisations.map(OrganisationChoice.init))
    }

    /// The data returns page: what the viewer may submit, and the recent imports.
    public static func dataReturns(_ viewer: Viewer, _ context: AppContext) async throws -> DataReturnFormsPage {
        try viewer.require(.readPerformance)
        let indicators = try await PerformanceStore.indicators(viewer.partnership, on: context.database).map(IndicatorRecord.init)
        let imports = try await PerformanceStore.imports(viewer.partnership, on: context.database)
        let choice = { (indicator: IndicatorRecord) in DataReturnFormsPage.IndicatorChoice(key: indicator.key, name: indicator.name) }
        let mayAggregate = viewer.allows(.importOfficialData)
        return DataReturnFormsPage(
            partnershipName: viewer.partnership.name,
            ownIndicators: indicators.filter { viewer.allows(.submitValues(owner: $0.owner)) }.map(choice),
            mayAggregateExtracts: mayAggregate, extractIndicators: mayAggregate ? indicators.map(choice) : [],
            imports: imports.map {
                DataReturnFormsPage.ImportLine(importedAt: $0.importedAt, actor: $0.actor, fileName: $0.fileName, fileDigest: $0.fileDigest,
                                               kind: $0.kind, rowsRead: $0.rowsRead, rowsWritten: $0.rowsWritten)
            })
    }

    /// The catalogue, for the API.
    public static func indicators(_ viewer: Viewer, _ context: AppContext) async throws -> [IndicatorRecord] {
        try viewer.require(.readPerformance)
        return try await PerformanceStore.indicators(viewer.partnership, on: context.database).map(IndicatorRecord.init)
    }

    /// One indicator with all its stored values, for the API.
    public static func values(_ viewer: Viewer, key: String, _ context: AppContext) async throws -> IndicatorValues {
        try viewer.require(.readPerformance)
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: context.database)
        let points = try await PerformanceStore.values(of: indicator, on: context.database).map {
            IndicatorValues.Point(period: $0.period, series: $0.series, breakdown: $0.breakdown, group: $0.group, value: $0.value,
                                  numerator: $0.numerator, denominator: $0.denominator)
        }
        return IndicatorValues(indicator: try IndicatorRecord(indicator), points: points)
    }
}

extension PerformanceReads {
    static let registry: [ReadUseCase] = [
        .list("PerformanceReads.indicatorList") { try await indicatorList($0, $1) },
        .record("PerformanceReads.indicatorPage", ids: indicatorIDs) { try await indicatorPage($0, key: key(of: $1, $2), $2) },
        .list("PerformanceReads.newIndicatorForm") { try await newIndicatorForm($0, $1) },
        .record("PerformanceReads.editIndicatorForm", ids: indicatorIDs) { try await editIndicatorForm($0, key: key(of: $1, $2), $2) },
        .list("PerformanceReads.dataReturns") { try await dataReturns($0, $1) },
        .list("PerformanceReads.indicators") { try await indicators($0, $1) },
        .record("PerformanceReads.values", ids: indicatorIDs) { try await values($0, key: key(of: $1, $2), $2) },
    ]

    @Sendable static func indicatorIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await PerformanceStore.indicators(partnership, on: context.database).map { try $0.requireID() }
    }

    /// The reads take the key the address holds; the registry names indicators by id.
    static func key(of id: UUID, _ context: AppContext) async throws -> String {
        guard let indicator = try await Indicator.find(id, on: context.database) else { throw NotFound("indicator") }
        return indicator.key
    }
}
