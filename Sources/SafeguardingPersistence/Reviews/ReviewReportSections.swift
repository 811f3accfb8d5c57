import FluentKit
import Foundation
import SafeguardingDomain
import SQLKit

/// Practice reviews' part of the yearly report.
public enum ReviewReportSections: ReportSectionSource {
    public static let sections: [ReportSectionKey] = [.reviews]

    public static func content(of key: ReportSectionKey, builder: ReportComposer.Builder, on db: any Database) async throws -> ReportComposer.SectionContent {
        switch key {
        case .reviews: try await ReportComposer.reviewsSection(builder, hidden: builder.hiddenSources, on: db)
        default: ([], false, "This section is not written by ReviewReportSections.")
        }
    }

    /// The period rule of each figure and list practice reviews write, declared once.
    enum Period {
        /// By the day the national panel was notified (or, not yet notified, the day the partners became aware).
        static let incidentsNotified = PeriodRule.flow("notified in")
        static let rapidReviewsDecided = PeriodRule.flow("decided in")
        static let localReviewsPublished = PeriodRule.flow("published in")
        /// Decided on or before the year's end and not published by it.
        static let localReviewsInProgress = PeriodRule.stock("in progress at")
        /// The actions of a published review: done, or open, at the year's end.
        static let reviewActions = PeriodRule.stock("done or open at")
        /// The national panel's reviews filed under the year or an earlier one: published by its end.
        static let nationalReviews = PeriodRule.stock("published by")
        static let reflectiveSessions = PeriodRule.yearOfRecord("of")
    }
}

extension ReportComposer {
    /// Serious incidents, rapid reviews, local reviews and national reviews in the year.
    static func reviewsSection(_ builder: Builder, hidden: Set<UUID>, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        let pid = try partnership.requireID()
        let year = builder.year
        let (period, asAt) = (ReviewReportSections.Period.self, builder.asAt)
        let incidents = try await SeriousIncident.query(on: db).filter(\.$partnership.$id == pid).all()
        let notified = incidents.filter { builder.counts(period.incidentsNotified, $0.notified ?? $0.aware) }
        let decided = incidents.filter { builder.counts(period.rapidReviewsDecided, $0.decided) }
        let clock = try await ReviewStore.clock(for: partnership, on: db)
        let submittedOnTime = decided.filter { incident in
            guard let notifiedOn = incident.notified, let submitted = incident.submitted,
                  let due = try? clock.calendar.adding(workingDays: clock.settings.timescales.rapidReviewWorkingDays, to: notifiedOn) else { return false }
            return submitted <= due
        }
        let reviews = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid).with(\.$source).all()
        let publishedInYear = reviews.filter { builder.counts(period.localReviewsPublished, $0.published) }
        let inProgress = reviews.filter { builder.counts(period.localReviewsInProgress, $0.decided, until: $0.published) }
        var blocks: [ReportBlock] = []
        let source = FigureSource(.reviews, label: "Practice reviews")
        if !incidents.isEmpty || !reviews.isEmpty {
            blocks.append(.figures([
                ReportFigure(label: "Serious incidents notified to the national panel", value: builder.childCount(notified.count, label: "Serious incidents notified", section: .reviews),
                             note: builder.note(period.incidentsNotified), source: source),
                ReportFigure(label: "Rapid reviews completed", value: builder.childCount(decided.count, label: "Rapid reviews completed", section: .reviews),
                             note: builder.note(period.rapidReviewsDecided), source: source),
                ReportFigure(label: "Rapid reviews submitted within \(clock.settings.timescales.rapidReviewWorkingDays) working days",
                             value: decided.isEmpty ? ":" : "\(submittedOnTime.count) of \(decided.count)", note: "of those \(builder.note(period.rapidReviewsDecided))", source: source),
                ReportFigure(label: "Local reviews published", value: ReportFormat.count(publishedInYear.count), note: builder.note(period.localReviewsPublished),
                             source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
                ReportFigure(label: "Local reviews in progress", value: ReportFormat.count(inProgress.count), note: builder.note(period.localReviewsInProgress),
                             source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
            ]))
        }
        if !decided.isEmpty || !publishedInYear.isEmpty { builder.evidence.insert(.reviewDecisions) }
        if !notified.isEmpty {
            // Incidents by age and harm: a breakdown of children, so it passes the disclosure check.
            let bands = AgeBand.allCases, harms = IncidentHarm.allCases
            let table = CountTable(id: "incidents-by-age", title: "Serious incidents notified in \(year), by age and harm",
                                   rowLabels: bands.map(\.label), columnLabels: harms.map { $0 == .death ? "Death" : "Serious harm" },
                                   cells: bands.map { band in harms.map { harm in notified.filter { $0.ageBand == band && $0.harm == harm }.count } },
                                   showsRowTotals: true, showsColumnTotals: true, figureKeys: nil)
            builder.countTables.append((.reviews, table, bands.map { _ in harms.map { _ in source } }, source))
        }
        // Only the reviews published in the year; their actions as they stood at its end.
        let published = publishedInYear.filter { !hidden.contains($0.$source.id) }
        if !published.isEmpty {
            let ids = published.map { $0.$source.id }
            let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).all()
            let actions = try await LearningAction.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).all()
            // Done or open as the status history stood at the as-at day (`ActionHistory`), not as it is today.
            let histories = try await LearningStore.histories(partnershipID: pid, upTo: asAt, on: db)
            func status(_ action: LearningAction) -> ActionStatus? { action.id.flatMap { histories[$0] }?.status(asAt: asAt) }
            if !actions.isEmpty { builder.evidence.insert(.reviewActions) }
            blocks.append(.heading("Local child safeguarding practice reviews"))
            blocks.append(.table(ReportTable(
                id: "local-reviews", caption: "Local reviews \(builder.note(period.localReviewsPublished)): recommendations and the actions taken",
                columns: ["Published", "Recommendations", "Actions done", "Actions open"],
                // Newest publication first; the same day by title, then id.
                rows: published.sorted { ($1.publishedOn ?? "", $0.source.title, $0.id!.uuidString) < ($0.publishedOn ?? "", $1.source.title, $1.id!.uuidString) }.map { review in
                    let link = FigureSource(.localReview, reference: review.id!.uuidString, label: "Local review \(review.source.title)")
                    let own = actions.filter { $0.$source.id == review.$source.id }
                    return ReportTable.Row(header: ReportTable.Cell(review.source.title, source: link), cells: [
                        ReportTable.Cell(review.published?.long ?? ""),
                        ReportTable.Cell(ReportFormat.count(recommendations.filter { $0.$source.id == review.$source.id }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { status($0) == .done }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { status($0)?.isOpen ?? false }.count), source: link, isNumber: true),
                    ])
                },
                note: "Actions \(builder.note(period.reviewActions)).")))
        }
        let national = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .nationalReview).all()
            .filter { builder.counts(period.nationalReviews, $0.year?.firstDay) }
            .sorted { ($0.title, $0.id!.uuidString) < ($1.title, $1.id!.uuidString) }
        if !national.isEmpty {
            builder.evidence.insert(.nationalReviews)
            blocks.append(.heading("National reviews the partnership acted on (\(builder.note(period.nationalReviews)))"))
            blocks.append(.list(national.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }))
        }
        let reflective = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .reflectiveSession)
            .filter(\.$reportingYear == year.description).all().filter { !hidden.contains($0.id!) }
            .sorted { ($0.title, $0.id!.uuidString) < ($1.title, $1.id!.uuidString) }
        if !reflective.isEmpty {
            blocks.append(.heading("Reflective practice sessions \(builder.note(period.reflectiveSessions))"))
            blocks.append(.list(reflective.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }))
        }
        let themes = try await ReviewStore.themes(partnership, endingWith: year, hiding: hidden, on: db)
        if !themes.rows.isEmpty {
            let window = "\(themes.years.first!) to \(themes.years.last!)"
            let link = FigureSource(.reviewThemes, reference: year.description, label: "Themes across reviews, \(window)")
            blocks.append(.heading("Themes across four years of reviews"))
            blocks.append(.table(ReportTable(
                id: "review-themes", caption: "Themes in the partnership's reviews, \(window)", columns: ["Reviews", "Local findings", "National recommendations"],
                rows: themes.rows.filter { !$0.reviews.isEmpty }.prefix(10).map { row in
                    ReportTable.Row(header: ReportTable.Cell(row.theme, source: link), cells: [
                        ReportTable.Cell(ReportFormat.count(row.reviews.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(row.localFindings.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(row.national.count), source: link, isNumber: true),
                    ])
                })))
        }
        let hasData = !notified.isEmpty || !decided.isEmpty || !publishedInYear.isEmpty || !reflective.isEmpty
        return (blocks, hasData, hasData ? nil : "No serious incidents, rapid reviews or local reviews are recorded for \(year).")
    }
}
