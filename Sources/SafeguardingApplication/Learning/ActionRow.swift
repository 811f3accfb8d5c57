import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One action as a line of a table of actions: what, who owns it, when it is due, where it came from.
public struct ActionRow: Sendable {
    public let id: UUID
    public let text: String
    public let organisationName: String
    public let owner: String
    public let dueOn: CalendarDate?
    public let status: ActionStatus
    public let isOverdue: Bool
    public let evidenceCount: Int
    public let sourceID: UUID
    public let sourceTitle: String
    public let recommendationNumber: Int

    /// Other modules' pages (the organisation, the dashboard) still hand over the store's detail.
    public init(_ detail: LearningStore.ActionDetail, today: CalendarDate) {
        id = detail.action.id!
        text = detail.action.text
        organisationName = detail.organisation.name
        owner = detail.action.owner
        dueOn = CalendarDate(iso: detail.action.dueOn)
        status = detail.action.status
        isOverdue = detail.isOverdue(today: today)
        evidenceCount = detail.evidence.count
        sourceID = detail.source.id!
        sourceTitle = detail.source.title
        recommendationNumber = detail.recommendation.number
    }
}
