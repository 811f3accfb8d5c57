import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The form that records a challenge event on a source: a judgement for each recommendation, and
/// optionally an action the event found still to do.
public struct ChallengeEventPage: Sendable {
    public struct Item: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let actions: Int
        public let doneActions: Int
    }

    public let sourceID: UUID
    public let sourceTitle: String
    public let recommendations: [Item]
    /// Active organisations, by name, to own an action the event adds.
    public let ownerChoices: [String]
}

extension ChallengeEventPage {
    static func read(_ viewer: Viewer, sourceID: UUID, _ context: AppContext) async throws -> ChallengeEventPage {
        let detail = try await LearningReads.detail(viewer, id: sourceID, context)
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return ChallengeEventPage(
            sourceID: sourceID, sourceTitle: detail.source.title,
            recommendations: detail.recommendations.map { item in
                Item(id: item.recommendation.id!, number: item.recommendation.number, text: item.recommendation.text,
                     actions: item.actions.count, doneActions: item.actions.filter { $0.action.status == .done }.count)
            },
            ownerChoices: organisations.filter(\.isActive).map(\.name))
    }
}
