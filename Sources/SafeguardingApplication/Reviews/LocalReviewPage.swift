import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One local review's page: the record and its deadlines, where it came from, its milestones.
public struct LocalReviewPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let review: LocalReviewRecord
    /// The child reference of the rapid review it came from, if it came from one.
    public let fromRapidReview: String?
    /// That rapid review's serious incident, only for those who may open incidents.
    public let incidentID: UUID?
    /// Earliest due first.
    public let milestones: [MilestoneLine]
    public let mayRecord: Bool
}

/// A milestone of a local review.
public struct MilestoneLine: Sendable {
    public let id: UUID
    public let title: String
    public let due: CalendarDate
    public let done: CalendarDate?
    /// Not done and due before today.
    public let isOverdue: Bool
}

/// The form to commission a local review: the rapid reviews that decided on one and have none yet.
public struct LocalReviewFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let rapidReviews: [RapidReviewChoice]
    /// The rapid review the form was opened from, to fill in what it already knows.
    public let from: RapidReviewChoice?
}

/// A rapid review a local review may be commissioned from.
public struct RapidReviewChoice: Sendable {
    public let incidentID: UUID
    public let childReference: String
    public let decided: CalendarDate?

    init(incidentID: UUID, childReference: String, decided: CalendarDate?) {
        self.incidentID = incidentID
        self.childReference = childReference
        self.decided = decided
    }

    init(_ incident: SeriousIncident) throws {
        self.init(incidentID: try incident.requireID(), childReference: incident.childReference, decided: incident.decided)
    }
}
