import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change to the yearly report, for one viewer. Each checks the viewer's permission,
/// validates the fields, and has the store write the change with its audit event. A change to a
/// published version throws `WorkflowError`.
public enum ReportWrites {
    /// Why a workflow step was refused (the version is published, not published, or not ready);
    /// its description is the message for the form.
    public typealias WorkflowError = ReportStore.ReportError

    /// Whether the viewer edits the report: narratives, settings, publication, copy and versions.
    public static func requireEdit(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.editReport)
    }

    /// Whether the viewer records the statutory partners' sign-offs.
    public static func requireSignOff(_ viewer: Viewer) throws(AccessDenied) {
        try viewer.require(.signOffReport)
    }

    /// Whether the viewer writes this section: the Young Advisors write the children's version too.
    public static func requireWriteSection(_ viewer: Viewer, key: String) throws(AccessDenied) {
        if key == ReportSectionText.childrenKey, viewer.allows(.writeChildrenReport) { return }
        try viewer.require(.editReport)
    }

    /// Saves a section's narrative (`key`: a section, or "children" for the children's version).
    public static func saveSection(_ viewer: Viewer, key: String, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireWriteSection(viewer, key: key)
        let draft = try SectionNarrativeDraft.validate(fields)
        try await ReportStore.saveSection(key, draft, year: year, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Saves the disclosure threshold and the days allowed to send the copy.
    public static func saveSettings(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireEdit(viewer)
        try await ReportStore.saveSettings(try ReportSettingsDraft.validate(fields), year: year, in: viewer.partnership, by: viewer.actor,
                                           on: context.database)
    }

    /// Records a statutory partner's sign-off of the draft as it reads today, bound to that content.
    public static func signOff(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireSignOff(viewer)
        let draft = try ReportSignOffDraft.validate(fields, today: context.today)
        try await ReportStore.signOff(draft, year: year, in: viewer.partnership, by: viewer.actor, today: context.today,
                                      sources: Modules.reportSections, on: context.database)
    }

    /// Publishes the draft on a date not after today, freezing it; `confirm_gaps` "yes" accepts the
    /// checklist's gaps.
    public static func publish(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireEdit(viewer)
        var v = Validator()
        let date = v.date(fields, field: "published_on", required: true, missing: "Enter the publication date")
        if let date, date > context.today { v.add("published_on", "The publication date cannot be in the future") }
        try v.finish()
        try await ReportStore.publish(year: year, on: date!, acceptingGaps: fields["confirm_gaps"] == "yes", in: viewer.partnership,
                                      by: viewer.actor, sources: Modules.reportSections, on: context.database)
    }

    /// Records the date the copy went to the national panel and the Department, not after today.
    public static func recordCopySent(_ viewer: Viewer, _ fields: [String: String], year: ReportingYear, _ context: AppContext) async throws {
        try requireEdit(viewer)
        var v = Validator()
        let date = v.date(fields, field: "copy_sent_on", required: true, missing: "Enter the date the copy was sent")
        if let date, date > context.today { v.add("copy_sent_on", "The date cannot be in the future") }
        try v.finish()
        try await ReportStore.recordCopySent(year: year, on: date!, in: viewer.partnership, by: viewer.actor, on: context.database)
    }

    /// Starts a new draft version from the published one.
    public static func startNewVersion(_ viewer: Viewer, year: ReportingYear, _ context: AppContext) async throws {
        try requireEdit(viewer)
        _ = try await ReportStore.newVersion(year: year, in: viewer.partnership, by: viewer.actor, on: context.database)
    }
}
