import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change to the multi-agency dataset, for one viewer: the catalogue, the story behind the
/// data, decisions on escalations and the imports of values. Each checks the viewer may make it
/// and validates what was sent (a mistake throws `ValidationErrors`, each error naming its form
/// field); the store writes the change and its audit event in one transaction.
public enum PerformanceWrites {
    // MARK: The catalogue

    /// Adds an indicator to the catalogue; answers with its key and name.
    public static func createIndicator(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws -> (key: String, name: String) {
        try viewer.require(.editIndicators)
        let draft = try IndicatorDraft.validate(fields)
        let indicator = try await PerformanceStore.saveIndicator(draft, existing: nil, in: viewer.partnership, by: viewer.actor, on: context.database)
        return (indicator.key, indicator.name)
    }

    /// Changes an indicator (its key stays as it is) and raises any escalation its new polarity
    /// brings; answers with the name saved.
    public static func updateIndicator(_ viewer: Viewer, key: String, _ fields: [String: String], _ context: AppContext) async throws -> String {
        try viewer.require(.editIndicators)
        let db = context.database
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: db)
        let draft = try IndicatorDraft.validate(try IndicatorRecord(indicator).keepingKey(fields))
        try await PerformanceStore.saveIndicator(draft, existing: indicator, in: viewer.partnership, by: viewer.actor, on: db)
        try await PerformanceStore.refreshEscalations(for: indicator, on: db)
        return draft.name
    }

    // MARK: The story and escalations

    /// Adds a version of the story behind an indicator's data, written by its supplier (or an
    /// administrator); answers with the period it is about.
    public static func saveStory(_ viewer: Viewer, key: String, _ fields: [String: String], _ context: AppContext) async throws -> Period {
        let indicator = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: context.database)
        let owner = try IndicatorRecord(indicator).owner
        try viewer.require(.submitValues(owner: owner))
        let draft = try StoryDraft.validate(fields)
        try await PerformanceStore.addStory(draft, to: indicator, in: viewer.partnership, by: viewer.actor, on: context.database)
        return draft.period
    }

    /// Records the decision on an escalation of the indicator at `key`; answers with the decision.
    /// `escalationID` is read once the indicator is found, as the page has always answered.
    public static func decideEscalation(_ viewer: Viewer, key: String, escalationID: () throws -> UUID, _ fields: [String: String],
                                        _ context: AppContext) async throws -> PerformanceStore.Decision {
        try viewer.require(.decideEscalation)
        _ = try await PerformanceStore.indicator(key: key, in: viewer.partnership, on: context.database)
        let id = try escalationID()
        var v = Validator()
        let decision: PerformanceStore.Decision? = v.choice(fields["decision"], field: "decision", missing: "Select a decision")
        let reason = v.requiredText(fields["reason"], field: "reason", missing: "Give the reason for the decision", maxLength: 2000)
        try v.finish()
        try await PerformanceStore.decide(id, decision: decision!, reason: reason, in: viewer.partnership, by: viewer.actor, on: context.database)
        return decision!
    }

    // MARK: Data returns

    /// One value from the form, for an indicator the viewer's organisation supplies. It goes
    /// through exactly the checks a file does, as a one-line file; the messages start with a capital.
    public static func submitValue(_ viewer: Viewer, _ fields: [String: String], _ context: AppContext) async throws {
        try viewer.require(.submitValues(owner: viewer.grant.organisation))
        let columns = ["indicator", "period", "value", "numerator", "denominator"]
        let line = columns.map { csvField(fields[$0] ?? "") }.joined(separator: ",")
        let csv = Array((columns.joined(separator: ",") + "\n" + line + "\n").utf8)
        do {
            _ = try await Importers.dataReturn(csv, fileName: "form", partnership: viewer.partnership, grant: viewer.grant, actor: viewer.actor,
                                               on: context.database)
        } catch let errors as ValidationErrors {
            throw ValidationErrors(errors.errors.map { FieldError(field: $0.field, message: $0.message.prefix(1).uppercased() + $0.message.dropFirst()) })
        }
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Refuses, before a byte of an upload is read, a viewer who may not send it: the body of an
    /// upload is streamed to disk, and someone who may not upload gets their 403 without waiting.
    public static func requireMayUploadValues(_ viewer: Viewer) throws {
        try viewer.require(.submitValues(owner: viewer.grant.organisation))
    }

    /// As `requireMayUploadValues`, for a record-level extract.
    public static func requireMayUploadExtract(_ viewer: Viewer) throws {
        try viewer.require(.importOfficialData)
    }

    /// A file of values from the data returns form; answers with how many were written.
    public static func uploadValues(_ viewer: Viewer, _ file: UploadedFile?, _ context: AppContext) async throws -> Int {
        try await dataReturn(viewer, file, missing: "Choose a CSV file to upload", context)
    }

    /// A CSV of values sent as the body of an API request; answers with how many were written.
    public static func importValues(_ viewer: Viewer, body: UploadedFile?, _ context: AppContext) async throws -> Int {
        try await dataReturn(viewer, body, missing: "Send the CSV as the request body", context)
    }

    /// A data return file: all of it is written, or none if any line is wrong.
    static func dataReturn(_ viewer: Viewer, _ file: UploadedFile?, missing: String, _ context: AppContext) async throws -> Int {
        try viewer.require(.submitValues(owner: viewer.grant.organisation))
        guard let file, !file.isEmpty else { throw ValidationErrors([FieldError(field: "file", message: missing)]) }
        return try await Importers.dataReturn(file.bytes, fileName: file.name, partnership: viewer.partnership, grant: viewer.grant,
                                              actor: viewer.actor, on: context.database)
    }

    /// A record-level extract counted into the indicator at `indicatorKey`, for the business unit.
    /// The form's fields are `indicator` and `extract_file`; problems with the file name the latter.
    public static func aggregateExtract(_ viewer: Viewer, indicatorKey: String?, _ file: UploadedFile?,
                                        _ context: AppContext) async throws -> Importers.ExtractOutcome {
        try viewer.require(.importOfficialData)
        var problems: [FieldError] = []
        var indicator: Indicator?
        if let indicatorKey, !indicatorKey.isEmpty {
            indicator = try? await PerformanceStore.indicator(key: indicatorKey, in: viewer.partnership, on: context.database)
        }
        if indicator == nil { problems.append(FieldError(field: "indicator", message: "Select the indicator the extract counts")) }
        if file?.isEmpty ?? true { problems.append(FieldError(field: "extract_file", message: "Choose the extract file to upload")) }
        guard problems.isEmpty, let indicator, let file else { throw ValidationErrors(problems) }
        do {
            return try await Importers.extract(chunks: file.chunks(), fileName: file.name, indicator: indicator, partnership: viewer.partnership,
                                               actor: viewer.actor, on: context.database)
        } catch let errors as ValidationErrors {
            throw ValidationErrors(errors.errors.map { FieldError(field: $0.field == "file" ? "extract_file" : $0.field, message: $0.message, line: $0.line) })
        }
    }
}
