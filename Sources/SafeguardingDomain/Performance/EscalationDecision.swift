/// What the Performance Management subgroup decides about an indicator's escalation (an
/// unfavourable signal on its control chart). Stored as text.
public enum EscalationDecision: String, CaseIterable, Sendable {
    case monitor
    case escalateToExecutive = "escalate_to_executive"
    case commissionAudit = "commission_audit"

    public var label: String {
        switch self {
        case .monitor: "Monitor"
        case .escalateToExecutive: "Escalate to the Executive"
        case .commissionAudit: "Commission a multi-agency audit"
        }
    }
}
