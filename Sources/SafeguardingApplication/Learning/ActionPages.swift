import Foundation
import SafeguardingDomain
import SafeguardingPersistence


/// The actions list: one status filter, optionally one organisation's actions.
public struct ActionsPage: Sendable {
    public let partnershipName: String
    public let filter: ActionFilter
    public let organisations: [OrganisationChoice]
    /// The organisation chosen, if it is one of the partnership's.
    public let organisation: OrganisationChoice?
    public let actions: [ActionRow]
}

/// One action: what, who, when, where it came from, its evidence of impact, and whether this
/// viewer may record evidence and change its status.
public struct ActionPage: Sendable {
    public struct Evidence: Sendable {
        public let whatChanged: String
        public let howWeKnow: String
        public let reference: String?
        public let recordedOn: CalendarDate?
        public let recordedBy: String
    }

    /// One change of its status, as the history records it.
    public struct Change: Sendable {
        public let status: ActionStatus
        public let changedOn: CalendarDate?
        /// Who recorded it (an account's email, or the demo loader); nil when not known.
        public let changedBy: String?
        public let droppedReason: String?
    }

    public let id: UUID
    public let text: String
    public let status: ActionStatus
    public let isOverdue: Bool
    public let owner: String
    public let organisationName: String
    public let dueOn: CalendarDate?
    public let droppedReason: String?
    public let recommendationID: UUID
    public let recommendationNumber: Int
    public let recommendationText: String
    public let sourceID: UUID
    public let sourceTitle: String
    public let evidence: [Evidence]
    /// Its status changes, newest first; the first ever is its raising.
    public let history: [Change]
    /// Administrators, and contributors of the organisation that owns the action.
    public let mayUpdate: Bool
    /// Whoever may add actions to its source: may change what it is, its owner and due date, or withdraw it.
    public let mayEdit: Bool
}

extension ActionPage {
    init(_ detail: LearningStore.ActionDetail, for viewer: Viewer, today: CalendarDate) {
        let action = detail.action
        self.init(
            id: action.id!, text: action.text, status: action.status, isOverdue: detail.isOverdue(today: today), owner: action.owner,
            organisationName: detail.organisation.name, dueOn: CalendarDate(iso: action.dueOn), droppedReason: action.droppedReason,
            recommendationID: detail.recommendation.id!, recommendationNumber: detail.recommendation.number,
            recommendationText: detail.recommendation.text, sourceID: detail.source.id!, sourceTitle: detail.source.title,
            evidence: detail.evidence.map { item in
                Evidence(whatChanged: item.whatChanged, howWeKnow: item.howWeKnow, reference: item.reference,
                         recordedOn: CalendarDate(iso: item.recordedOn), recordedBy: item.recordedBy)
            },
            history: detail.history.map { Change(status: $0.status, changedOn: $0.changed, changedBy: $0.changedBy, droppedReason: $0.droppedReason) },
            mayUpdate: viewer.allows(.updateAction(owner: detail.organisation.ref)), mayEdit: viewer.mayEdit(detail.source))
    }
}
