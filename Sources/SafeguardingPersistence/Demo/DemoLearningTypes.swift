import SafeguardingDomain

/// The demo partnership's learning work as plain data: sources with their findings,
/// recommendations, actions, evidence and challenge events, loaded by `DemoLearning.load`.
/// Organisations and groups are named as the demo register names them.
public enum DemoLearning {}

struct DemoSource: Sendable {
    var kind: SourceKind
    var title: String
    var year: String = "2023-24"
    /// The owning group's name, like "Quality Assurance Subgroup".
    var group: String?
    var leadRole: String?
    var leadOrganisation: String?
    var commissionedReason: String?
    /// The key of the indicator whose escalation commissioned this work, like "suspension_rate".
    var escalatedIndicator: String?
    var auditType: AuditType?
    /// ISO dates, like "2023-05-17".
    var plannedOn: String?
    var startedOn: String?
    var completedOn: String?
    var challengeDueOn: String?
    var summary: String?
    var scope: String?
    var reviewer: String?
    var termsOfReference: [String] = []
    var methods: String?
    var observed: String?
    var framework: String?
    var askedOf: String?
    var findings: [DemoFinding] = []
    var challengeEvents: [DemoChallengeEvent] = []
    var auditTool: DemoAuditTool?
}

struct DemoFinding: Sendable {
    var kind: FindingKind
    var text: String
    var themes: [String] = []
    var recommendations: [DemoRecommendation] = []
}

struct DemoRecommendation: Sendable {
    var text: String
    var actions: [DemoAction] = []
}

struct DemoAction: Sendable {
    var text: String
    /// The owning organisation's name in the demo register.
    var organisation: String
    /// The owner by role, never a person's name.
    var owner: String
    var dueOn: String
    var status: ActionStatus
    var droppedReason: String? = nil
    /// Required when the status is done.
    var evidence: DemoEvidence? = nil
    /// The day it was raised, when not the day its source completed (see `DemoLearning.raisedOn`).
    var raisedOn: String? = nil
    /// The day a dropped action was dropped (a done action closes the day its evidence was recorded).
    var closedOn: String? = nil
}

struct DemoEvidence: Sendable {
    var whatChanged: String
    var howWeKnow: String
    var reference: String? = nil
    var recordedOn: String
}

struct DemoChallengeEvent: Sendable {
    var heldOn: String
    var whoWasChallenged: String
    var assuranceGiven: String
    /// One judgement per recommendation of the source, in the order they appear across its findings.
    var judgements: [Judgement]
    /// Actions the event added, to the recommendation at `recommendationIndex` (same order as above).
    var addedActions: [(recommendationIndex: Int, action: DemoAction)] = []
}

/// An audit tool with illustrative answers: each participating organisation answers each question
/// for each case; the grade for case c, organisation o of question q is `grades[(c × organisations + o) mod grades.count]`.
struct DemoAuditTool: Sendable {
    struct Question: Sendable {
        var text: String
        var grades: [AuditGrade]
        var comment: String? = nil
    }
    var questions: [Question]
    /// Local case references only, like "EX-01".
    var cases: [String]
    var organisations: [String]
}
