import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One recommendation: what it asks, the finding it answers, the actions that answer it, and the
/// form to add one for whoever may edit its source.
public struct RecommendationPage: Sendable {
    public let id: UUID
    public let number: Int
    public let text: String
    public let sourceID: UUID
    public let sourceTitle: String
    public let findingText: String?
    public let actions: [ActionRow]
    public let mayEdit: Bool
    /// Active organisations, by name, to own a new action.
    public let ownerChoices: [String]
    /// Today, the day a new action is raised unless another is given.
    public let today: CalendarDate
}

/// Recommendations no action answers yet, newest year first.
public struct RecommendationsWithoutActionsPage: Sendable {
    public struct Item: Sendable {
        public let id: UUID
        public let number: Int
        public let text: String
        public let sourceTitle: String
        public let reportingYear: String
    }

    public let partnershipName: String
    public let items: [Item]
}

extension RecommendationPage {
    static func read(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> RecommendationPage {
        let (recommendation, detail) = try await LearningReads.recommendation(viewer, id: id, context)
        let item = detail.recommendations.first { $0.recommendation.id == id }
        let organisations = try await RegisterStore.organisations(viewer.partnership, on: context.database)
        return RecommendationPage(id: id, number: recommendation.number, text: recommendation.text, sourceID: detail.source.id!,
                                  sourceTitle: detail.source.title, findingText: item?.finding?.text,
                                  actions: (item?.actions ?? []).map { ActionRow($0, today: context.today) },
                                  mayEdit: viewer.mayEdit(detail.source), ownerChoices: organisations.filter(\.isActive).map(\.name),
                                  today: context.today)
    }
}
