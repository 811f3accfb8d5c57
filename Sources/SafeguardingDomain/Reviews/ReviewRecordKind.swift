/// The practice reviews' records a person can correct: change, withdraw with a reason, and (an
/// administrator) restore. The raw value is the word in the record's address (`/reviews/incidents/…`).
public enum ReviewRecordKind: String, CaseIterable, Sendable {
    case incident = "incidents"
    case localReview = "local"
    case milestone = "milestones"

    /// The record in the partnership's words, for headings and messages.
    public var label: String {
        switch self {
        case .incident: "Serious incident"
        case .localReview: "Local review"
        case .milestone: "Milestone"
        }
    }
}
