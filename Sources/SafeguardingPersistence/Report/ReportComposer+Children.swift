import FluentKit
import Foundation
import SafeguardingDomain

extension ReportComposer {
    /// The short version for children and young people: the same year's data in plain words, with the
    /// Young Advisors' own narrative first and the priorities last.
    public static func composeChildren(_ setup: Setup, on db: any Database) async throws -> ReportDocument {
        let builder = Builder(setup: setup)
        let pid = try setup.partnership.requireID()
        let year = builder.year
        // The same period rules as the full report's figures (see each module's `Period`).
        let hidden = try await ReviewStore.restrictedSourceIDs(setup.partnership, asAt: builder.asAt, on: db)
        let sources = try await LearningSource.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$reportingYear == year.description).all().filter { !hidden.contains($0.id!) }
        let audits = sources.filter { $0.kind == .audit }
        let voices = sources.filter { $0.kind == .survey || $0.kind == .youngAdvisors }
            .sorted { ($0.title, $0.id!.uuidString) < ($1.title, $1.id!.uuidString) }
        let surveys = try await Survey.query(on: db).filter(\.$source.$id ~~ voices.map { $0.id! }).all()
        let (first, last) = (PeriodRule.window(year).lowerBound.description, PeriodRule.window(year).upperBound.description)
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id ~~ surveys.map { $0.id! })
            .filter(\.$submittedOn >= first).filter(\.$submittedOn <= last).count()
        // Completed in the year by the status history's one rule (`ActionHistory.isCompleted`), as the full report counts them.
        let histories = try await LearningStore.histories(partnershipID: pid, upTo: year.lastDay, on: db)
        let done = try await LearningAction.query(on: db).filter(\.$partnership.$id == pid)
            .field(\.$id).field(\.$source.$id).all()
            .filter { !hidden.contains($0.$source.id) && ($0.id.flatMap { histories[$0] }?.isCompleted(in: year) ?? false) }.count
        let published = try await LocalReview.query(on: db).filter(\.$partnership.$id == pid)
            .filter(\.$publishedOn >= first).filter(\.$publishedOn <= last).count()

        func section(_ key: ReportSectionKey, _ number: Int, _ title: String, narrative: String, blocks: [ReportBlock], hasData: Bool, missing: String? = nil) -> ReportSectionContent {
            ReportSectionContent(key: key, number: number, title: title, subtitle: nil, narrative: Markdown.parse(narrative), blocks: blocks,
                                 hasData: hasData, missing: hasData ? nil : missing)
        }
        let youngAdvisors = setup.texts[ReportSectionText.childrenKey]?.narrative ?? ""
        let sections = [
            section(.foreword, 1, "From the Young Advisors", narrative: youngAdvisors, blocks: [
                .paragraph("\(setup.partnership.name) is how the council, the police and the NHS in \(setup.partnership.localAuthorityName) work together with schools and other services to keep children safe."),
            ], hasData: !youngAdvisors.isEmpty, missing: "The Young Advisors have not written their part yet."),
            section(.scrutiny, 2, "What we checked", narrative: "", blocks: [
                .figures([
                    ReportFigure(label: "Checks of how services worked together for children (audits)", value: ReportFormat.count(audits.count),
                                 source: FigureSource(.actions, label: "Learning tracker")),
                    ReportFigure(label: "Things we changed after learning something, with proof it helped", value: ReportFormat.count(done),
                                 source: FigureSource(.actions, label: "Learning tracker: all actions")),
                ]),
            ], hasData: !audits.isEmpty || done > 0, missing: "No audits or finished actions are recorded for \(year)."),
            section(.voice, 3, "What you told us", narrative: "", blocks: voices.isEmpty ? [] : [
                .paragraph("The partnership asked people what they think in \(voices.count) survey\(voices.count == 1 ? "" : "s") and pieces of work this year, and \(builder.childCount(responses, label: "Survey responses", section: .voice)) answers came back."),
                .list(voices.map { ReportListItem(text: $0.title, source: FigureSource(.learningSource, reference: $0.id!.uuidString, label: "Learning: \($0.title)")) }),
            ], hasData: !voices.isEmpty, missing: "No surveys of children are recorded for \(year)."),
            section(.reviews, 4, "Learning when things go wrong", narrative: "", blocks: [
                .paragraph("When a child dies or is badly hurt and abuse or neglect may be part of it, the partners look closely at what happened so that services can do better. We never say who the child is."),
                .figures([ReportFigure(label: "Reviews we published this year", value: ReportFormat.count(published), source: FigureSource(.reviews, detail: "local", label: "Local reviews"))]),
            ], hasData: true),
            section(.priorities, 5, "What happens next", narrative: setup.texts[ReportSectionKey.priorities.rawValue]?.narrative ?? "", blocks: [],
                    hasData: !(setup.texts[ReportSectionKey.priorities.rawValue]?.narrative ?? "").isEmpty,
                    missing: "The priorities for next year are not written yet."),
        ]
        return ReportDocument(
            partnershipName: setup.partnership.name, partnershipSlug: setup.partnership.slug, localAuthorityName: setup.partnership.localAuthorityName,
            year: year, version: setup.report.version, status: setup.report.status, audience: .children, publishedOn: setup.report.published,
            composedOn: setup.today, signOffs: signatures(setup), sections: sections, checklist: [],
            suppressions: builder.headlineSuppressions, disclosureThreshold: builder.threshold)
    }
}
