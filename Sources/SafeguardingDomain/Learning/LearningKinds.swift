/// The vocabulary of the learning tracker, shared by every module that produces learning.

/// Where learning comes from. Audits, surveys, scrutiny, self-assessments and assurance requests
/// are recorded in the learning pages; the other kinds arrive with their own modules.
public enum SourceKind: String, CaseIterable, Codable, Sendable {
    case audit
    case survey
    case scrutiny
    case selfAssessment = "self_assessment"
    case assuranceRequest = "assurance_request"
    case rapidReview = "rapid_review"
    case localReview = "lcspr"
    case reflectiveSession = "marps"
    case organisationalAssessment = "osa"
    case youngAdvisors = "young_advisors"
    /// A national panel review or report, recorded so its recommendations sit beside local findings.
    case nationalReview = "national_review"

    public var label: String {
        switch self {
        case .audit: "Multi-agency audit"
        case .survey: "Survey"
        case .scrutiny: "Independent scrutiny"
        case .selfAssessment: "Self-assessment"
        case .assuranceRequest: "Assurance request"
        case .rapidReview: "Rapid review"
        case .localReview: "Local child safeguarding practice review"
        case .reflectiveSession: "Multi-agency reflective practice session"
        case .organisationalAssessment: "Organisational safeguarding assessment"
        case .youngAdvisors: "Young Advisors' recommendations"
        case .nationalReview: "National panel review"
        }
    }

    /// The kinds a user records from the learning pages (the rest belong to later modules).
    public static let recordedHere: [SourceKind] = [.audit, .survey, .scrutiny, .selfAssessment, .assuranceRequest]

    /// The kinds the practice reviews module records: its own reviews and the national panel's.
    public static let reviews: [SourceKind] = [.rapidReview, .localReview, .reflectiveSession, .nationalReview]

    /// The partnership's own reviews, counted for themes across reviews.
    public static let localReviews: [SourceKind] = [.rapidReview, .localReview, .reflectiveSession]

    /// Reviews are restricted until published: rapid reviews and reflective sessions never are,
    /// local reviews are once published, the national panel's are public.
    public var isRestrictedReview: Bool { SourceKind.localReviews.contains(self) }
}

public enum FindingKind: String, CaseIterable, Codable, Sendable {
    case strength
    case areaForImprovement = "area_for_improvement"
    case nationalIssue = "national_issue"

    public var label: String {
        switch self {
        case .strength: "Strength"
        case .areaForImprovement: "Area for improvement"
        case .nationalIssue: "National issue to raise"
        }
    }
}

public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case dropped

    public var label: String {
        switch self {
        case .notStarted: "Not started"
        case .inProgress: "In progress"
        case .done: "Done"
        case .dropped: "Dropped"
        }
    }

    /// Still to be delivered: counts towards open and overdue lists.
    public var isOpen: Bool { self == .notStarted || self == .inProgress }
}

/// What a challenge event concluded about one recommendation.
public enum Judgement: String, CaseIterable, Codable, Sendable {
    case assured
    case partlyAssured = "partly_assured"
    case notAssured = "not_assured"

    public var label: String {
        switch self {
        case .assured: "Assured"
        case .partlyAssured: "Partly assured"
        case .notAssured: "Not assured"
        }
    }
}

/// The kind of audit in the year's programme.
public enum AuditType: String, CaseIterable, Codable, Sendable {
    case multiAgency = "multi_agency"
    case frontDoor = "front_door"
    case singleAgency = "single_agency"

    public var label: String {
        switch self {
        case .multiAgency: "Multi-agency audit"
        case .frontDoor: "Front door audit"
        case .singleAgency: "Single-agency audit reported to the partnership"
        }
    }
}

/// Where a source of learning has got to, worked out from what has been recorded.
public enum SourceStage: Int, Comparable, Sendable, CaseIterable {
    case planned
    case underway
    case findingsRecorded
    case actionsAgreed
    case challenged

    public var label: String {
        switch self {
        case .planned: "Planned"
        case .underway: "Underway"
        case .findingsRecorded: "Findings recorded"
        case .actionsAgreed: "Actions agreed"
        case .challenged: "Challenge event held"
        }
    }

    public static func < (lhs: SourceStage, rhs: SourceStage) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The furthest stage the facts support.
    public static func of(startedOn: CalendarDate?, findings: Int, actions: Int, challengeEvents: Int, today: CalendarDate) -> SourceStage {
        if challengeEvents > 0 { return .challenged }
        if actions > 0 { return .actionsAgreed }
        if findings > 0 { return .findingsRecorded }
        if let startedOn, startedOn <= today { return .underway }
        return .planned
    }
}

/// The tracker's date rules, kept in one place so the pages, the API and the report agree.
public enum TrackerRules {
    /// Months after a source completes when its challenge event is held, unless set otherwise.
    public static let defaultChallengeInterval = 6

    /// Overdue: still open and the due date has passed (an action due today is not yet overdue).
    public static func isOverdue(status: ActionStatus, dueOn: CalendarDate, today: CalendarDate) -> Bool {
        status.isOpen && dueOn < today
    }

    /// A challenge event is due when its date has come, the source made recommendations to challenge
    /// (a source with none has nothing to ask "so what?" about), and none has been held yet.
    public static func isChallengeDue(challengeDueOn: CalendarDate?, recommendations: Int = 1, challengeEventsHeld: Int, today: CalendarDate) -> Bool {
        guard let challengeDueOn, recommendations > 0 else { return false }
        return challengeEventsHeld == 0 && challengeDueOn <= today
    }
}

/// Which actions a list shows: by status, or those past their due date and not done or dropped.
public enum ActionFilter: String, CaseIterable, Sendable {
    case open, overdue, done, dropped, all

    public var label: String {
        switch self {
        case .open: "Open"
        case .overdue: "Overdue"
        case .done: "Done"
        case .dropped: "Dropped"
        case .all: "All"
        }
    }
}
