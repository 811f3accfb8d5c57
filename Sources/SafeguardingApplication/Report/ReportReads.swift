import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every read of the yearly report. The pages are for members whose role reads drafts; the report
/// itself is public once published, so a download may come from anyone, signed in or not.
public enum ReportReads {
    /// Whether the viewer reads the report pages at all.
    public static func requireRead(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.readReportDraft)
    }

    /// The years a report can be written for: the last five reporting years and any with a report.
    public static func reportList(_ viewer: Viewer, _ context: AppContext) async throws -> ReportListPage {
        try requireRead(viewer)
        let reports = try await ReportStore.reports(viewer.partnership, on: context.database)
        let current = ReportingYear(containing: context.today)
        var years = (1...5).map { ReportingYear(startYear: current.startYear - $0) }
        years += reports.map(\.year).filter { !years.contains($0) }
        years.sort(by: >)
        return ReportListPage(partnershipName: viewer.partnership.name, slug: viewer.slug, opening: context.openingYear(reports.map(\.year)), years: years.map { year in
            let own = reports.filter { $0.year == year }
            let status: ReportYearLine.Status = if let published = own.first(where: { $0.status == .published }) {
                .published(published.published)
            } else if own.contains(where: { $0.status == .draft }) {
                .draft
            } else {
                .notStarted
            }
            return ReportYearLine(year: year, status: status, versions: own.count)
        })
    }

    /// The report page for `year`: the draft if there is one, else the latest published version,
    /// else a new version 1 that is not saved until someone saves something.
    public static func reportPage(_ viewer: Viewer, year: ReportingYear, _ context: AppContext) async throws -> ReportPage {
        try requireRead(viewer)
        let (partnership, db, today) = (viewer.partnership, context.database, context.today)
        let versions = try await ReportStore.versions(partnership, year: year, on: db)
        let report = try ReportStore.workingVersion(partnership, year: year, versions: versions)
        let setup = try await ReportStore.setup(partnership, report: report, today: today, sources: Modules.reportSections, on: db)
        let document = try await ReportStore.document(setup, audience: .full, on: db)
        let texts = setup.texts
        func written(_ key: String) -> Bool { !(texts[key]?.narrative ?? "").isEmpty }
        let isDraft = report.status == .draft
        let mayEdit = viewer.allows(.editReport)
        // A draft's sign-offs are checked against the content composed now; a published version's were checked when it was published.
        let standings = isDraft ? ReportStore.standings(setup.signOffs, now: try document.contentDigest()) : [:]
        var copy: ReportCopyLine?
        if !isDraft, let published = report.published {
            copy = ReportCopyLine(state: ReportWorkflow.copyState(publishedOn: published, days: report.copyDays, sentOn: report.copySent, today: today),
                                  isSent: report.copySent != nil)
        }
        return ReportPage(
            partnershipName: partnership.name, slug: viewer.slug, year: year, version: report.version, isDraft: isDraft,
            published: report.published, copy: copy,
            sections: document.sections.map { section in
                ReportSectionLine(key: section.key, number: section.number, title: section.title, anchor: section.anchor,
                                  hasData: section.hasData, missing: section.missing, isWritten: written(section.key.rawValue),
                                  leftOut: section.leftOut)
            },
            childrenWritten: written(ReportSectionText.childrenKey),
            checklist: document.checklist, gaps: WorkingTogetherChecklist.gaps(document.checklist).count,
            suppressions: document.suppressions, disclosureThreshold: report.disclosureThreshold, copyDays: report.copyDays,
            signOffs: StatutoryPartner.allCases.map { partner in
                let signOff = setup.signOffs.first { $0.partner == partner }
                return ReportSignOffLine(partner: partner, signedByRole: signOff?.signedByRole, signed: signOff.flatMap { CalendarDate(iso: $0.signedOn) },
                                         standing: standings[partner])
            },
            publicationProblems: ReportWorkflow.publicationProblems(status: report.status, sections: document.sections, signOffs: standings),
            versions: versions.all.map { ReportVersionLine(version: $0.version, isPublished: $0.status == .published, published: $0.published) },
            mayEdit: mayEdit, maySignOff: viewer.allows(.signOffReport), mayStartNewVersion: mayEdit && versions.draft == nil)
    }

    /// The editor of one section's narrative (`key`: a section, or "children" for the children's version).
    public static func sectionEditor(_ viewer: Viewer, year: ReportingYear, key: String, _ context: AppContext) async throws -> ReportSectionEditorPage {
        try ReportWrites.requireWriteSection(viewer, key: key)
        let versions = try await ReportStore.versions(viewer.partnership, year: year, on: context.database)
        let report = try ReportStore.workingVersion(viewer.partnership, year: year, versions: versions)
        let text = try await ReportStore.texts(of: report, on: context.database)[key]
        return ReportSectionEditorPage(slug: viewer.slug, year: year, key: key, isPublished: report.status == .published,
                                       narrative: text?.narrative ?? "", headlineTotals: text?.headlineTotals == true, leftOut: text?.leftOut == true)
    }

    /// The version of the report a reader may download: a published report is public; members
    /// whose role reads drafts get the working version. `version` asks for one version by number.
    public static func reportFile(_ reader: Account?, slug: String, year: ReportingYear, version wanted: Int?, audience: ReportDocument.Audience,
                                  _ context: AppContext) async throws -> ReportFile {
        let db = context.database
        guard let partnership = try await RegisterStore.partnership(slug: slug, on: db) else { throw ReportFileRefusal.noPartnership }
        let mayReadDraft = try await readsDrafts(reader, partnership: partnership, context)
        let versions = try await ReportStore.versions(partnership, year: year, on: db)
        let report: YearlyReport
        if let wanted {
            guard let chosen = versions.all.first(where: { $0.version == wanted }), chosen.status == .published || mayReadDraft else {
                throw ReportFileRefusal.noSuchVersion(wanted)
            }
            report = chosen
        } else if mayReadDraft {
            report = try ReportStore.workingVersion(partnership, year: year, versions: versions)
        } else if let published = versions.latestPublished {
            report = published
        } else if reader == nil {
            throw ReportFileRefusal.signInFirst
        } else {
            throw ReportFileRefusal.notPublishedYet
        }
        let document = try await ReportStore.document(partnership, report: report, audience: audience, today: context.today, sources: Modules.reportSections, on: db)
        return ReportFile(document: document, slug: slug, isDraft: report.status == .draft)
    }
}

extension ReportReads {
    /// Members whose role reads drafts see the working version; everyone else the published one.
    /// A membership locked by the partnership's administrators reads no drafts, like every other page.
    static func readsDrafts(_ reader: Account?, partnership: Partnership, _ context: AppContext) async throws -> Bool {
        guard let reader else { return false }
        let memberships = try await AccountStore.memberships(of: reader.id, on: context.database)
        guard let membership = memberships.first(where: { $0.$partnership.id == partnership.id }), membership.isActive else { return false }
        return Access.allows(Grant(role: membership.role, organisation: membership.grant.organisation), .readReportDraft)
    }
}

extension ReportReads {
    static let registry: [ReadUseCase] = [
        .list("ReportReads.reportList") { try await reportList($0, $1) },
        .list("ReportReads.reportPage") { viewer, context in
            var pages: [ReportPage] = []
            for year in try await recentYears(viewer, context) { pages.append(try await reportPage(viewer, year: year, context)) }
            return pages
        },
        .list("ReportReads.sectionEditor") { viewer, context in
            // Young Advisors write the children's version only, so each key is tried on its own.
            var pages: [ReportSectionEditorPage] = []
            for year in try await recentYears(viewer, context) {
                for key in ReportSectionKey.allCases.map(\.rawValue) + [ReportSectionText.childrenKey] {
                    do { pages.append(try await sectionEditor(viewer, year: year, key: key, context)) } catch is AccessDenied {}
                }
            }
            return pages
        },
        .list("ReportReads.reportFile") { viewer, context in
            var files: [ReportFile] = []
            for year in try await recentYears(viewer, context) {
                for reader in [viewer.user, nil] {
                    for audience in [ReportDocument.Audience.full, .children] {
                        do {
                            files.append(try await reportFile(reader, slug: viewer.slug, year: year, version: nil, audience: audience, context))
                        } catch is ReportFileRefusal {}
                    }
                }
            }
            return files
        },
    ]

    /// The years with a report (the demo keeps its in 2023-24), this reporting year and the one before.
    static func recentYears(_ viewer: Viewer, _ context: AppContext) async throws -> [ReportingYear] {
        let current = ReportingYear(containing: context.today)
        let reported = try await ReportStore.reports(viewer.partnership, on: context.database).map(\.year)
        return Set(reported + [current, current.previous]).sorted(by: >)
    }
}
