import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The form that corrects a finding, recommendation or action, or withdraws it; its values are
/// the record as it stands (the view fills the fields from them).
public struct LearningRecordFormPage: Sendable {
    public struct Choice: Sendable {
        public let value: String
        public let label: String
    }

    public let kind: LearningRecordKind
    public let id: UUID
    public let partnershipName: String
    public let heading: String
    public let sourceTitle: String
    /// Where "Back" goes: the source, the recommendation or the action.
    public let back: SiteRoute
    /// The form's fields as recorded, by the names the drafts read.
    public let values: [String: String]
    /// A recommendation's choice of the source's findings.
    public let findings: [Choice]
    /// An action's choice of owner (active organisations, and the present owner).
    public let organisations: [Choice]
}

/// The withdrawn findings, recommendations and actions, for an administrator to restore.
public struct WithdrawnLearningPage: Sendable {
    public struct Row: Sendable {
        public let kind: LearningRecordKind
        public let id: UUID
        public let text: String
        public let sourceTitle: String
        public let reason: String
        public let withdrawnBy: String
        public let withdrawnOn: CalendarDate
    }

    public let partnershipName: String
    public let rows: [Row]
}

/// The reads of the learning tracker's corrections: the form for one record, and the withdrawn records.
public enum LearningCorrectionReads {
    /// Restoring is for administrators only (the business unit that keeps the record straight).
    public static func requireRestore(_ viewer: Viewer) throws(AccessDenied) {
        guard viewer.role == .administrator else { throw AccessDenied("Only an administrator can restore a withdrawn record.") }
    }

    /// The form to change or withdraw a record, for whoever may add records to its source.
    public static func formPage(_ viewer: Viewer, kind: LearningRecordKind, id: UUID, _ context: AppContext) async throws -> LearningRecordFormPage {
        let slug = viewer.slug
        switch kind {
        case .finding:
            let finding = try await LearningCorrectionStore.finding(id, in: viewer.partnership, on: context.database)
            let source = try await LearningReads.source(viewer, id: finding.$source.id, context)
            try viewer.requireEdit(source)
            return LearningRecordFormPage(kind: kind, id: id, partnershipName: viewer.partnership.name, heading: "Change a finding",
                                          sourceTitle: source.title, back: .learningSource(slug: slug, id: finding.$source.id),
                                          values: ["kind": finding.kind.rawValue, "text": finding.text, "themes": finding.themes],
                                          findings: [], organisations: [])
        case .recommendation:
            let (recommendation, detail) = try await LearningReads.recommendation(viewer, id: id, context)
            try viewer.requireEdit(detail.source)
            var values = ["text": recommendation.text]
            if let finding = recommendation.$finding.id { values["finding"] = finding.uuidString.lowercased() }
            return LearningRecordFormPage(kind: kind, id: id, partnershipName: viewer.partnership.name,
                                          heading: "Change recommendation \(recommendation.number)", sourceTitle: detail.source.title,
                                          back: .recommendation(slug: slug, id: id), values: values,
                                          findings: detail.findings.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.text) },
                                          organisations: [])
        case .action:
            let detail = try await LearningReads.action(viewer, id: id, context)
            try viewer.requireEdit(detail.source)
            let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
                .filter { $0.isActive || $0.id == detail.organisation.id }
            var values = ["text": detail.action.text, "owner_organisation": detail.organisation.id!.uuidString.lowercased(), "owner": detail.action.owner]
            if let due = detail.action.due { values.merge(DateFields.boxes("due_on", due)) { _, new in new } }
            return LearningRecordFormPage(kind: kind, id: id, partnershipName: viewer.partnership.name,
                                          heading: "Change an action of \(detail.organisation.name)", sourceTitle: detail.source.title,
                                          back: .action(slug: slug, id: id), values: values, findings: [],
                                          organisations: organisations.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.name) })
        }
    }

    /// What has been withdrawn, newest first: administrators only.
    public static func withdrawnPage(_ viewer: Viewer, _ context: AppContext) async throws -> WithdrawnLearningPage {
        try requireRestore(viewer)
        let records = try await LearningCorrectionStore.withdrawn(viewer.partnership, on: context.database)
        return WithdrawnLearningPage(partnershipName: viewer.partnership.name, rows: records.map {
            .init(kind: $0.kind, id: $0.id, text: $0.text, sourceTitle: $0.sourceTitle, reason: $0.reason, withdrawnBy: $0.withdrawnBy,
                  withdrawnOn: CalendarDate.today(now: $0.withdrawnAt))
        })
    }
}

extension LearningCorrectionReads {
    static let registry: [ReadUseCase] = [
        .record("LearningCorrectionReads.formPage", ids: LearningReads.actionIDs) { try await formPage($0, kind: .action, id: $1, $2) },
        .list("LearningCorrectionReads.withdrawnPage") { try await withdrawnPage($0, $1) },
    ]
}

/// A date as the three boxes of a GOV.UK date input (`due_on-day`…), to start a form from.
enum DateFields {
    static func boxes(_ name: String, _ date: CalendarDate) -> [String: String] {
        ["\(name)-day": String(date.day), "\(name)-month": String(date.month), "\(name)-year": String(date.year)]
    }
}
