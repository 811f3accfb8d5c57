import FluentKit
import SQLKit
import Foundation
import SafeguardingDomain

/// A source of learning: an audit, a survey, a scrutiny, a self-assessment, an assurance request,
/// and later a review or an organisational assessment. Kind-specific fields are empty for other kinds.
public final class LearningSource: Withdrawable, @unchecked Sendable {
    public static let schema = "learning_sources"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "kind") public var kind: SourceKind
    @Field(key: "title") public var title: String
    /// `2023-24`
    @Field(key: "reporting_year") public var reportingYear: String
    @OptionalField(key: "summary") public var summary: String?
    @OptionalField(key: "lead_role") public var leadRole: String?
    @OptionalParent(key: "lead_organisation_id") public var leadOrganisation: Organisation?
    @OptionalParent(key: "group_id") public var group: PartnershipGroup?
    @OptionalField(key: "commissioned_reason") public var commissionedReason: String?
    @OptionalParent(key: "escalation_id") public var escalation: Escalation?
    @OptionalField(key: "audit_type") public var auditType: String?
    /// ISO dates.
    @OptionalField(key: "planned_on") public var plannedOn: String?
    @OptionalField(key: "started_on") public var startedOn: String?
    @OptionalField(key: "completed_on") public var completedOn: String?
    @OptionalField(key: "challenge_due_on") public var challengeDueOn: String?
    @OptionalField(key: "scope") public var scope: String?
    @OptionalField(key: "reviewer") public var reviewer: String?
    /// One item per line.
    @OptionalField(key: "terms_of_reference") public var termsOfReference: String?
    @OptionalField(key: "methods") public var methods: String?
    @OptionalField(key: "observed") public var observed: String?
    @OptionalField(key: "framework") public var framework: String?
    @OptionalField(key: "asked_of") public var askedOf: String?
    @Field(key: "is_published") public var isPublished: Bool
    /// Demo records whose details were made up say so on every screen.
    @Field(key: "is_illustrative") public var isIllustrative: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public var terms: [String] { (termsOfReference ?? "").split(separator: "\n").map(String.init) }
    public var year: ReportingYear? { ReportingYear(reportingYear) }
    public var completed: CalendarDate? { completedOn.flatMap(CalendarDate.init(iso:)) }
    public var challengeDue: CalendarDate? { challengeDueOn.flatMap(CalendarDate.init(iso:)) }
    public var started: CalendarDate? { startedOn.flatMap(CalendarDate.init(iso:)) }
    public var planned: CalendarDate? { plannedOn.flatMap(CalendarDate.init(iso:)) }
}

public final class Finding: Withdrawable, @unchecked Sendable {
    public static let schema = "findings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "kind") public var kind: FindingKind
    @Field(key: "text") public var text: String
    /// Lower-case themes joined by `, `.
    @Field(key: "themes") public var themes: String
    @Field(key: "position") public var position: Int
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public var themeList: [String] { themes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

public final class Recommendation: Withdrawable, @unchecked Sendable {
    public static let schema = "recommendations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @OptionalParent(key: "finding_id") public var finding: Finding?
    @Field(key: "text") public var text: String
    /// 1, 2, 3… within the source: what the challenge event and the report call it.
    @Field(key: "number") public var number: Int
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}
}

/// An action towards a recommendation. Called `LearningAction` because `Action` means too much else.
public final class LearningAction: Withdrawable, @unchecked Sendable {
    public static let schema = "actions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "recommendation_id") public var recommendation: Recommendation
    /// The recommendation's source, kept here so the tracker's lists need no join.
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "text") public var text: String
    @Parent(key: "owner_organisation_id") public var ownerOrganisation: Organisation
    /// The person who owns it, by role or name.
    @Field(key: "owner") public var owner: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "status") public var status: ActionStatus
    @OptionalField(key: "dropped_reason") public var droppedReason: String?
    /// The challenge event that added it, if one did.
    @OptionalParent(key: "challenge_event_id") public var challengeEvent: ChallengeEvent?
    /// ISO dates: the day it was raised, and the day it was closed (done or dropped; nil while it
    /// is open, cleared if it is reopened). The yearly report counts from these, not from today's status.
    @Field(key: "raised_on") public var raisedOn: String
    @OptionalField(key: "closed_on") public var closedOn: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public var due: CalendarDate? { CalendarDate(iso: dueOn) }
    public var raised: CalendarDate? { CalendarDate(iso: raisedOn) }
    public var closed: CalendarDate? { closedOn.flatMap(CalendarDate.init(iso:)) }

    public func isOverdue(today: CalendarDate) -> Bool {
        guard let due else { return false }
        return TrackerRules.isOverdue(status: status, dueOn: due, today: today)
    }
}

/// What changed for children or practitioners because of an action, and how we know.
public final class ImpactEvidence: Model, @unchecked Sendable {
    public static let schema = "impact_evidence"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "action_id") public var action: LearningAction
    @Field(key: "what_changed") public var whatChanged: String
    @Field(key: "how_we_know") public var howWeKnow: String
    @OptionalField(key: "reference") public var reference: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_on") public var recordedOn: String

    public init() {}
}

/// A challenge (progress) event: the "so what?" some months after a source's recommendations.
public final class ChallengeEvent: Model, @unchecked Sendable {
    public static let schema = "challenge_events"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "who_was_challenged") public var whoWasChallenged: String
    @Field(key: "assurance_given") public var assuranceGiven: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Children(for: \.$event) public var judgements: [ChallengeJudgement]

    public init() {}
}

public final class ChallengeJudgement: Model, @unchecked Sendable {
    public static let schema = "challenge_judgements"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "challenge_event_id") public var event: ChallengeEvent
    @Parent(key: "recommendation_id") public var recommendation: Recommendation
    @Field(key: "judgement") public var judgement: Judgement

    public init() {}
}

// MARK: The audit tool

public final class AuditQuestion: Model, @unchecked Sendable {
    public static let schema = "audit_questions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "number") public var number: Int
    @Field(key: "text") public var text: String
    @OptionalField(key: "guidance") public var guidance: String?

    public init() {}
}

/// A case in an audit, by its local case reference only.
public final class AuditCase: Model, @unchecked Sendable {
    public static let schema = "audit_cases"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "reference") public var reference: String

    public init() {}
}

/// An organisation taking part in an audit: its contributors answer for it.
public final class AuditParticipant: Model, @unchecked Sendable {
    public static let schema = "audit_participants"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Parent(key: "organisation_id") public var organisation: Organisation

    public init() {}
}

public final class AuditAnswer: Model, @unchecked Sendable {
    public static let schema = "audit_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @Parent(key: "case_id") public var auditCase: AuditCase
    @Parent(key: "question_id") public var question: AuditQuestion
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "grade") public var grade: AuditGrade
    @OptionalField(key: "comment") public var comment: String?
    @Field(key: "answered_by") public var answeredBy: String
    @Field(key: "answered_at") public var answeredAt: Date

    public init() {}
}

// MARK: Surveys

/// A survey: a source of learning whose link (a per-survey token) works without an account.
public final class Survey: Model, @unchecked Sendable {
    public static let schema = "surveys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @OptionalField(key: "introduction") public var introduction: String?
    @Field(key: "public_token") public var publicToken: String
    @Field(key: "is_open") public var isOpen: Bool
    /// The most responses the link takes; nil (surveys built before the limit) means the default.
    @OptionalField(key: "maximum_responses") public var maximumResponses: Int?

    public init() {}

    public var responseLimit: Int { maximumResponses ?? SurveyLimits.defaultMaximumResponses }
}

public final class SurveyQuestionRecord: Model, @unchecked Sendable {
    public static let schema = "survey_questions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "survey_id") public var survey: Survey
    @Field(key: "number") public var number: Int
    @Field(key: "text") public var text: String
    @Field(key: "kind") public var kind: SurveyQuestionKind
    /// One option per line.
    @Field(key: "options") public var options: String
    @Field(key: "is_required") public var isRequired: Bool
    @Field(key: "is_demographic") public var isDemographic: Bool

    public init() {}

    public var question: SurveyQuestion {
        SurveyQuestion(id: id?.uuidString.lowercased() ?? "", number: number, text: text, kind: kind,
                       options: options.isEmpty ? [] : options.components(separatedBy: "\n"),
                       isRequired: isRequired, isDemographic: isDemographic)
    }
}

/// One anonymous response: no account, no address, only the day it came in.
public final class SurveyResponse: Model, @unchecked Sendable {
    public static let schema = "survey_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "survey_id") public var survey: Survey
    @Field(key: "submitted_on") public var submittedOn: String

    public init() {}
}

public final class SurveyAnswer: Model, @unchecked Sendable {
    public static let schema = "survey_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "response_id") public var response: SurveyResponse
    @Parent(key: "question_id") public var question: SurveyQuestionRecord
    /// Chosen option indexes, like `0,2`; nil for free text.
    @OptionalField(key: "choices") public var choices: String?
    @OptionalField(key: "text") public var text: String?

    public init() {}
}

struct CreateLearning: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func tenant(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id().field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
        }
        // Enumerations are stored as text (see docs/data-model.md), so new kinds need no migration.
        try await tenant(database.schema(LearningSource.schema))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("reporting_year", .string, .required)
            .field("summary", .string)
            .field("lead_role", .string)
            .field("lead_organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .setNull))
            .field("group_id", .uuid, .references(PartnershipGroup.schema, .id, onDelete: .setNull))
            .field("commissioned_reason", .string)
            .field("escalation_id", .uuid, .references(Escalation.schema, .id, onDelete: .setNull))
            .field("audit_type", .string)
            .field("planned_on", .string)
            .field("started_on", .string)
            .field("completed_on", .string)
            .field("challenge_due_on", .string)
            .field("scope", .string)
            .field("reviewer", .string)
            .field("terms_of_reference", .string)
            .field("methods", .string)
            .field("observed", .string)
            .field("framework", .string)
            .field("asked_of", .string)
            .field("is_published", .bool, .required)
            .field("is_illustrative", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await tenant(database.schema(Finding.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("themes", .string, .required)
            .field("position", .int, .required)
            .create()
        try await tenant(database.schema(Recommendation.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("finding_id", .uuid, .references(Finding.schema, .id, onDelete: .setNull))
            .field("text", .string, .required)
            .field("number", .int, .required)
            .unique(on: "source_id", "number")
            .create()
        try await tenant(database.schema(ChallengeEvent.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("held_on", .string, .required)
            .field("who_was_challenged", .string, .required)
            .field("assurance_given", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
        try await tenant(database.schema(LearningAction.schema))
            .field("recommendation_id", .uuid, .required, .references(Recommendation.schema, .id, onDelete: .cascade))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("text", .string, .required)
            .field("owner_organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .restrict))
            .field("owner", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("dropped_reason", .string)
            .field("challenge_event_id", .uuid, .references(ChallengeEvent.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await tenant(database.schema(ImpactEvidence.schema))
            .field("action_id", .uuid, .required, .references(LearningAction.schema, .id, onDelete: .cascade))
            .field("what_changed", .string, .required)
            .field("how_we_know", .string, .required)
            .field("reference", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_on", .string, .required)
            .create()
        try await tenant(database.schema(ChallengeJudgement.schema))
            .field("challenge_event_id", .uuid, .required, .references(ChallengeEvent.schema, .id, onDelete: .cascade))
            .field("recommendation_id", .uuid, .required, .references(Recommendation.schema, .id, onDelete: .cascade))
            .field("judgement", .string, .required)
            .unique(on: "challenge_event_id", "recommendation_id")
            .create()
        try await tenant(database.schema(AuditQuestion.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("text", .string, .required)
            .field("guidance", .string)
            .unique(on: "source_id", "number")
            .create()
        try await tenant(database.schema(AuditCase.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("reference", .string, .required)
            .unique(on: "source_id", "reference")
            .create()
        try await tenant(database.schema(AuditParticipant.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .cascade))
            .unique(on: "source_id", "organisation_id")
            .create()
        try await tenant(database.schema(AuditAnswer.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(AuditCase.schema, .id, onDelete: .cascade))
            .field("question_id", .uuid, .required, .references(AuditQuestion.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .cascade))
            .field("grade", .string, .required)
            .field("comment", .string)
            .field("answered_by", .string, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "case_id", "question_id", "organisation_id")
            .create()
        try await tenant(database.schema(Survey.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("introduction", .string)
            .field("public_token", .string, .required)
            .field("is_open", .bool, .required)
            .unique(on: "public_token")
            .create()
        try await tenant(database.schema(SurveyQuestionRecord.schema))
            .field("survey_id", .uuid, .required, .references(Survey.schema, .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("text", .string, .required)
            .field("kind", .string, .required)
            .field("options", .string, .required)
            .field("is_required", .bool, .required)
            .field("is_demographic", .bool, .required)
            .unique(on: "survey_id", "number")
            .create()
        try await tenant(database.schema(SurveyResponse.schema))
            .field("survey_id", .uuid, .required, .references(Survey.schema, .id, onDelete: .cascade))
            .field("submitted_on", .string, .required)
            .create()
        try await tenant(database.schema(SurveyAnswer.schema))
            .field("response_id", .uuid, .required, .references(SurveyResponse.schema, .id, onDelete: .cascade))
            .field("question_id", .uuid, .required, .references(SurveyQuestionRecord.schema, .id, onDelete: .cascade))
            .field("choices", .string)
            .field("text", .string)
            .create()
        for (table, column) in [(LearningAction.schema, "due_on"), (LearningAction.schema, "source_id"), (Finding.schema, "source_id"),
                                (Recommendation.schema, "source_id"), (SurveyAnswer.schema, "response_id"), (AuditAnswer.schema, "source_id")] {
            if let sql = database as? any SQLDatabase {
                try await sql.create(index: "\(table)_\(column)_idx").on(table).column(column).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [SurveyAnswer.schema, SurveyResponse.schema, SurveyQuestionRecord.schema, Survey.schema, AuditAnswer.schema,
                       AuditParticipant.schema, AuditCase.schema, AuditQuestion.schema, ChallengeJudgement.schema,
                       ImpactEvidence.schema, LearningAction.schema, ChallengeEvent.schema, Recommendation.schema,
                       Finding.schema, LearningSource.schema] {
            try await database.schema(schema).delete()
        }
    }
}
