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
}

extension ReportComposer {
    /// Serious incidents, rapid reviews, local reviews and national reviews in the year.
    static func reviewsSection(_ builder: Builder, hidden: Set<UUID>, on db: any Database) async throws -> SectionContent {
        let partnership = builder.setup.partnership
        let pid = try partnership.requireID()
        let year = builder.year
        let first = year.firstDay.description, last = year.lastDay.description
        let incidents = try await SeriousIncident.query(on: db).filter(\.$partnership.$id == pid).all()
        let notified = incidents.filter { ($0.notifiedOn ?? $0.awareOn) >= first && ($0.notifiedOn ?? $0.awareOn) <= last }
        let decided = incidents.filter { ($0.decidedOn ?? "") >= first && ($0.decidedOn ?? "") <= last }
        let clock = try await ReviewStore.clock(for: partnership, on: db)
        let submittedOnTime = decided.filter { incident in
            guard let notifiedOn = incident.notified, let submitted = incident.submitted,
                  let due = try? clock.calendar.adding(workingDays: clock.settings.timescales.rapidReviewWorkingDays, to: notifiedOn) else { return false }
            return submitted <= due
        }
        let reviews = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid).with(\.$source).all()
        let publishedInYear = reviews.filter { ($0.publishedOn ?? "") >= first && ($0.publishedOn ?? "") <= last }
        let inProgress = reviews.filter { $0.publishedOn == nil }
        var blocks: [ReportBlock] = []
        let source = FigureSource(.reviews, label: "Practice reviews")
        if !incidents.isEmpty || !reviews.isEmpty {
            blocks.append(.figures([
                ReportFigure(label: "Serious incidents notified to the national panel", value: builder.childCount(notified.count, label: "Serious incidents notified", section: .reviews), source: source),
                ReportFigure(label: "Rapid reviews completed", value: builder.childCount(decided.count, label: "Rapid reviews completed", section: .reviews), source: source),
                ReportFigure(label: "Rapid reviews submitted within \(clock.settings.timescales.rapidReviewWorkingDays) working days",
                             value: decided.isEmpty ? ":" : "\(submittedOnTime.count) of \(decided.count)", source: source),
                ReportFigure(label: "Local reviews published", value: ReportFormat.count(publishedInYear.count), source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
                ReportFigure(label: "Local reviews in progress", value: ReportFormat.count(inProgress.count), source: FigureSource(.reviews, detail: "local", label: "Local reviews")),
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
        let published = reviews.filter { $0.publishedOn != nil && !hidden.contains($0.$source.id) }
        if !published.isEmpty {
            let ids = published.map { $0.$source.id }
            let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).all()
            let actions = try await LearningAction.query(on: db).filter(\.$source.$id ~~ ids).field(\.$id).field(\.$source.$id).field(\.$status).all()
            if !actions.isEmpty { builder.evidence.insert(.reviewActions) }
            blocks.append(.heading("Local child safeguarding practice reviews"))
            blocks.append(.table(ReportTable(
                id: "local-reviews", caption: "Published local reviews: recommendations and the actions taken",
                columns: ["Published", "Recommendations", "Actions done", "Actions open"],
                rows: published.sorted { ($0.publishedOn ?? "") > ($1.publishedOn ?? "") }.map { review in
                    let link = FigureSource(.localReview, reference: review.id!.uuidString, label: "Local review \(review.source.title)")
                    let own = actions.filter { $0.$source.id == review.$source.id }
                    return ReportTable.Row(header: ReportTable.Cell(review.source.title, source: link), cells: [
                        ReportTable.Cell(review.published?.long ?? ""),
                        ReportTable.Cell(ReportFormat.count(recommendations.filter { $0.$source.id == review.$source.id }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { $0.status == .done }.count), source: link, isNumber: true),
                        ReportTable.Cell(ReportFormat.count(own.filter { $0.status.isOpen }.count), source: link, isNumber: true),
                    ])
                })))
        }
        let national = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .nationalReview).sort(\.$title).all()
        if !national.isEmpty {
            builder.evidence.insert(.nationalReviews)
            blocks.append(.heading("National reviews the partnership acted on"))
            blocks.append(.list(national.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }))
        }
        let reflective = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid).filter(\.$kind == .reflectiveSession)
            .filter(\.$reportingYear == year.description).all().filter { !hidden.contains($0.id!) }
        if !reflective.isEmpty {
            blocks.append(.heading("Reflective practice sessions"))
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
