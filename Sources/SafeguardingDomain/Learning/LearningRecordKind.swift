/// The learning tracker's records a person can correct: change, withdraw with a reason, and (an
/// administrator) restore. The raw value is the word in the record's address (`/learning/findings/…`).
public enum LearningRecordKind: String, CaseIterable, Sendable {
    case finding = "findings"
    case recommendation = "recommendations"
    case action = "actions"

    /// The record in the partnership's words, for headings and messages.
    public var label: String {
        switch self {
        case .finding: "Finding"
        case .recommendation: "Recommendation"
        case .action: "Action"
        }
    }
}
