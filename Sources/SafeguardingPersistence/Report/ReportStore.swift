import FluentKit
import Foundation
import SafeguardingDomain

/// The yearly report's versions, narratives, sign-offs and publication. A draft is composed from the
/// data whenever it is read; publishing stores the composed documents so they never change again.
public enum ReportStore {
    public static let defaultThreshold = 5
    public static let defaultCopyDays = 7

    public struct Versions: Sendable {
        /// Every version of the year, newest first.
        public let all: [YearlyReport]
        public var latest: YearlyReport? { all.first }
        public var latestPublished: YearlyReport? { all.first { $0.status == .published } }
        public var draft: YearlyReport? { all.first { $0.status == .draft } }
    }

    public static func versions(_ partnership: Partnership, year: ReportingYear, on db: any Database) async throws -> Versions {
        Versions(all: try await YearlyReport.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .filter(\.$reportingYear == year.description).sort(\.$version, .descending).all())
    }

    /// Every report the partnership has, newest year and version first.
    public static func reports(_ partnership: Partnership, on db: any Database) async throws -> [YearlyReport] {
        try await YearlyReport.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .sort(\.$reportingYear, .descending).sort(\.$version, .descending).all()
    }

    /// The version to work on: the draft if there is one, else a new unsaved version 1 with the defaults.
    /// Reading never writes: the row is created when someone first saves something.
    public static func workingVersion(_ partnership: Partnership, year: ReportingYear, versions: Versions) throws -> YearlyReport {
        if let draft = versions.draft { return draft }
        if let published = versions.latestPublished { return published }
        let report = YearlyReport()
        report.$partnership.id = try partnership.requireID()
        report.reportingYear = year.description
        report.version = 1
        report.status = .draft
        report.disclosureThreshold = defaultThreshold
        report.copyDays = defaultCopyDays
        return report
    }

    public static func texts(of report: YearlyReport, on db: any Database) async throws -> [String: ReportSectionText] {
        guard let id = report.id else { return [:] }
        let rows = try await ReportSectionText.query(on: db).filter(\.$report.$id == id).all()
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public static func signOffs(of report: YearlyReport, on db: any Database) async throws -> [ReportSignOff] {
        guard let id = report.id else { return [] }
        return try await ReportSignOff.query(on: db).filter(\.$report.$id == id).sort(\.$partner).all()
    }

    /// The setup the composer needs for a version.
    public static func setup(_ partnership: Partnership, report: YearlyReport, today: CalendarDate, sources: [any ReportSectionSource.Type],
                             on db: any Database) async throws -> ReportComposer.Setup {
        ReportComposer.Setup(partnership: partnership, report: report, texts: try await texts(of: report, on: db),
                             signOffs: try await signOffs(of: report, on: db), today: today, sources: sources)
    }

    /// The document to read: the stored one for a published version, otherwise composed now. The
    /// narratives and sign-offs are read only when the report has to be composed.
    public static func document(_ partnership: Partnership, report: YearlyReport, audience: ReportDocument.Audience, today: CalendarDate,
                                sources: [any ReportSectionSource.Type], on db: any Database) async throws -> ReportDocument {
        if let frozen = frozen(report, audience: audience) { return frozen }
        return try await compose(try await setup(partnership, report: report, today: today, sources: sources, on: db), audience: audience, on: db)
    }

    /// The same, for a caller that already holds the setup (the report page shows its narratives and sign-offs too).
    public static func document(_ setup: ReportComposer.Setup, audience: ReportDocument.Audience, on db: any Database) async throws -> ReportDocument {
        if let frozen = frozen(setup.report, audience: audience) { return frozen }
        return try await compose(setup, audience: audience, on: db)
    }

    static func frozen(_ report: YearlyReport, audience: ReportDocument.Audience) -> ReportDocument? {
        guard report.status == .published, let json = audience == .full ? report.publishedDocument : report.publishedChildrenDocument else { return nil }
        return try? JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
    }

    static func compose(_ setup: ReportComposer.Setup, audience: ReportDocument.Audience, on db: any Database) async throws -> ReportDocument {
        audience == .full ? try await ReportComposer.compose(setup, on: db) : try await ReportComposer.composeChildren(setup, on: db)
    }

    /// The draft row, created with the defaults the first time anything is saved.
    static func savedDraft(_ partnership: Partnership, year: ReportingYear, on db: any Database) async throws -> YearlyReport {
        let versions = try await versions(partnership, year: year, on: db)
        if let draft = versions.draft { return draft }
        guard versions.all.isEmpty else { throw ReportError.published }
        let report = try workingVersion(partnership, year: year, versions: versions)
        try await report.create(on: db)
        return report
    }

    public enum ReportError: Error, Equatable, CustomStringConvertible {
        case published
        case notPublished
        case notReady([String])

        public var description: String {
            switch self {
            case .published: "This version is published and frozen; make a new version to change it."
            case .notPublished: "Only a published report has a copy to send."
            case let .notReady(problems): problems.joined(separator: " ")
            }
        }
    }

    /// Saves a section's narrative, its headline-totals setting and whether it is left out of the
    /// published report, on the year's draft. The children's version cannot be left out.
    public static func saveSection(_ key: String, _ draft: SectionNarrativeDraft, year: ReportingYear, in partnership: Partnership,
                                   by actor: Actor, on db: any Database) async throws {
        try await db.transaction { db in
            let report = try await savedDraft(partnership, year: year, on: db)
            let existing = try await ReportSectionText.query(on: db).filter(\.$report.$id == report.requireID()).filter(\.$key == key).first()
            let row = existing ?? ReportSectionText()
            func fields(_ text: ReportSectionText) -> [String: String] {
                ["narrative": text.narrative, "headline_totals": String(text.headlineTotals), "left_out": String(text.leftOut)]
            }
            let before = existing.map(fields) ?? [:]
            row.$partnership.id = try partnership.requireID()
            row.$report.id = try report.requireID()
            row.key = key
            row.narrative = draft.narrative
            row.headlineTotals = draft.headlineTotals
            row.leftOut = key != ReportSectionText.childrenKey && draft.leftOut
            try await row.save(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "update", subjectType: "report_section",
                                        subjectID: row.id?.uuidString, summary: "Yearly report \(year) version \(report.version): section \(key)",
                                        changes: AuditTrail.diff(before, fields(row)))
        }
    }

    public static func saveSettings(_ draft: ReportSettingsDraft, year: ReportingYear, in partnership: Partnership, by actor: Actor,
                                    on db: any Database) async throws {
        try await db.transaction { db in
            let report = try await savedDraft(partnership, year: year, on: db)
            let before = ["threshold": String(report.disclosureThreshold), "copy_days": String(report.copyDays)]
            report.disclosureThreshold = draft.threshold
            report.copyDays = draft.copyDays
            try await report.save(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "update", subjectType: "report",
                                        subjectID: report.id?.uuidString, summary: "Yearly report \(year): settings",
                                        changes: AuditTrail.diff(before, ["threshold": String(draft.threshold), "copy_days": String(draft.copyDays)]))
        }
    }

    /// Records a statutory partner's sign-off of the draft as composed now (`today`, from `sources`),
    /// with the digest of that content; signing again replaces the partner's earlier sign-off.
    public static func signOff(_ draft: ReportSignOffDraft, year: ReportingYear, in partnership: Partnership, by actor: Actor,
                               today: CalendarDate, sources: [any ReportSectionSource.Type], on db: any Database) async throws {
        try await db.transaction { db in
            let report = try await savedDraft(partnership, year: year, on: db)
            let content = try await ReportComposer.compose(try await setup(partnership, report: report, today: today, sources: sources, on: db), on: db)
                .contentDigest()
            try await ReportSignOff.query(on: db).filter(\.$report.$id == report.requireID()).filter(\.$partner == draft.partner).delete()
            let row = ReportSignOff()
            row.$partnership.id = try partnership.requireID()
            row.$report.id = try report.requireID()
            row.partner = draft.partner
            row.signedByRole = draft.signedByRole
            row.signedOn = draft.signedOn.description
            row.recordedBy = actor.email
            try row.record(content)
            try await row.create(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "sign_off", subjectType: "report",
                                        subjectID: report.id?.uuidString,
                                        summary: "Yearly report \(year) version \(report.version) signed off for the \(draft.partner.label.lowercased()) by the \(draft.signedByRole) on \(draft.signedOn)",
                                        changes: ["content_digest": (nil, content.whole)])
        }
    }

    /// Where each partner's sign-off stands against the content `now`; a partner who has not signed is absent.
    public static func standings(_ signOffs: [ReportSignOff], now: ReportContentDigest) -> [StatutoryPartner: ReportWorkflow.SignOffStanding] {
        Dictionary(signOffs.map { ($0.partner, ReportWorkflow.standing(of: $0.approved, now: now)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Publishes the draft: composes the report once, checks that no section would be published empty
    /// and that the three partners signed off this content, refuses it while the Working Together
    /// checklist has gaps (a left-out section makes one) unless `acceptingGaps`, then stores it without
    /// its left-out sections, and the children's version, so the published version no longer follows the data.
    @discardableResult
    public static func publish(year: ReportingYear, on date: CalendarDate, acceptingGaps: Bool, in partnership: Partnership, by actor: Actor,
                               sources: [any ReportSectionSource.Type], on db: any Database) async throws -> YearlyReport {
        try await db.transaction { db in
            let versions = try await versions(partnership, year: year, on: db)
            guard let report = versions.draft else { throw versions.all.isEmpty ? ReportError.notReady(["Nothing is signed off yet."]) : ReportError.published }
            let status = report.status
            let signOffs = try await signOffs(of: report, on: db)
            report.status = .published
            report.publishedOn = date.description
            let setup = ReportComposer.Setup(partnership: partnership, report: report, texts: try await texts(of: report, on: db),
                                             signOffs: signOffs, today: date, sources: sources)
            let document = try await ReportComposer.compose(setup, on: db)
            let problems = ReportWorkflow.publicationProblems(status: status, sections: document.sections,
                                                              signOffs: standings(signOffs, now: try document.contentDigest()))
            guard problems.isEmpty else { throw ReportError.notReady(problems) }
            if !acceptingGaps, !WorkingTogetherChecklist.gaps(document.checklist).isEmpty {
                throw ValidationErrors([FieldError(field: "confirm_gaps", message: "Tick the box to publish with Working Together items not covered, or fill the gaps first")])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            // Left-out sections are dropped and the rest renumbered (`ReportDocument.forPublication`).
            report.publishedDocument = String(decoding: try encoder.encode(document.forPublication()), as: UTF8.self)
            let children = try await ReportComposer.composeChildren(setup, on: db).forPublication()
            report.publishedChildrenDocument = String(decoding: try encoder.encode(children), as: UTF8.self)
            try await report.save(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "publish", subjectType: "report",
                                        subjectID: report.id?.uuidString, summary: "Yearly report \(year) version \(report.version) published on \(date)")
            return report
        }
    }

    /// Records the day the copy went to the national panel and the Department.
    public static func recordCopySent(year: ReportingYear, on date: CalendarDate, in partnership: Partnership, by actor: Actor,
                                      on db: any Database) async throws {
        try await db.transaction { db in
            guard let report = try await versions(partnership, year: year, on: db).latestPublished else { throw ReportError.notPublished }
            report.copySentOn = date.description
            try await report.save(on: db)
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "update", subjectType: "report",
                                        subjectID: report.id?.uuidString, summary: "Yearly report \(year) version \(report.version): copy sent on \(date)")
        }
    }

    /// Starts a new draft version from the latest published one, carrying its narratives, settings and
    /// the sections it left out.
    @discardableResult
    public static func newVersion(year: ReportingYear, in partnership: Partnership, by actor: Actor, on db: any Database) async throws -> YearlyReport {
        try await db.transaction { db in
            let versions = try await versions(partnership, year: year, on: db)
            if let draft = versions.draft { return draft }
            guard let published = versions.latestPublished else { throw ReportError.notPublished }
            let report = YearlyReport()
            report.$partnership.id = try partnership.requireID()
            report.reportingYear = year.description
            report.version = published.version + 1
            report.status = .draft
            report.disclosureThreshold = published.disclosureThreshold
            report.copyDays = published.copyDays
            try await report.create(on: db)
            for text in try await texts(of: published, on: db).values {
                let copy = ReportSectionText()
                copy.$partnership.id = text.$partnership.id
                copy.$report.id = try report.requireID()
                copy.key = text.key
                copy.narrative = text.narrative
                copy.headlineTotals = text.headlineTotals
                copy.leftOut = text.leftOut
                try await copy.create(on: db)
            }
            try await AuditTrail.record(on: db, partnershipID: partnership.id, actor: actor, action: "create", subjectType: "report",
                                        subjectID: report.id?.uuidString, summary: "Yearly report \(year): version \(report.version) started from version \(published.version)")
            return report
        }
    }

    /// Published reports whose copy to the national panel and the Department is not yet sent, for the dashboard.
    public static func copyDeadlines(_ partnership: Partnership, today: CalendarDate, on db: any Database) async throws -> [(report: YearlyReport, state: ReportWorkflow.CopyState)] {
        try await YearlyReport.query(on: db).filter(\.$partnership.$id == partnership.requireID()).filter(\.$status == .published)
            .filter(\.$copySentOn == nil)
            .sort(\.$reportingYear, .descending).sort(\.$version, .descending).all()
            .compactMap { report in
                guard let published = report.published else { return nil }
                return (report, ReportWorkflow.copyState(publishedOn: published, days: report.copyDays, sentOn: report.copySent, today: today))
            }
    }
}
