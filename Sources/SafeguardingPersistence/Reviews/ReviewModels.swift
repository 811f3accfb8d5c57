import FluentKit
import Foundation
import SafeguardingDomain

/// A bank holiday of one division (`england-and-wales`): national data, not a partnership's.
public final class StoredBankHoliday: Model, @unchecked Sendable {
    public static let schema = "bank_holidays"

    @ID(key: .id) public var id: UUID?
    @Field(key: "division") public var division: String
    /// ISO date.
    @Field(key: "date") public var date: String
    @Field(key: "title") public var title: String

    public init() {}

    public init(division: String, holiday: BankHoliday) {
        self.division = division
        date = holiday.date.description
        title = holiday.title
    }
}

/// A partnership's statutory timescales and the subgroup that holds its practice reviews.
public final class ReviewSettings: Model, @unchecked Sendable {
    public static let schema = "review_settings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "notification_working_days") public var notificationWorkingDays: Int
    @Field(key: "rapid_review_working_days") public var rapidReviewWorkingDays: Int
    @Field(key: "publication_months") public var publicationMonths: Int
    @Field(key: "copy_working_days") public var copyWorkingDays: Int
    @OptionalParent(key: "review_group_id") public var reviewGroup: PartnershipGroup?

    public init() {}

    public var timescales: ReviewTimescales {
        ReviewTimescales(notificationWorkingDays: notificationWorkingDays, rapidReviewWorkingDays: rapidReviewWorkingDays,
                         publicationMonths: publicationMonths, copyWorkingDays: copyWorkingDays)
    }
}

/// A serious incident and its rapid review (one per incident, so its facts live on the same row).
/// The child is an anonymised reference and an age band; nothing here identifies them.
public final class SeriousIncident: Withdrawable, @unchecked Sendable {
    public static let schema = "serious_incidents"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    /// The rapid review's learning in the tracker (a source of kind `rapid_review`).
    @Parent(key: "source_id") public var source: LearningSource
    @Field(key: "child_reference") public var childReference: String
    @Field(key: "age_band") public var ageBand: AgeBand
    @Field(key: "harm") public var harm: IncidentHarm
    @Field(key: "care_leaver") public var careLeaver: Bool
    /// ISO dates.
    @Field(key: "aware_on") public var awareOn: String
    @Field(key: "summary") public var summary: String
    @OptionalField(key: "notified_on") public var notifiedOn: String?
    @OptionalField(key: "panel_reference") public var panelReference: String?
    @OptionalField(key: "panel_met_on") public var panelMetOn: String?
    @OptionalField(key: "immediate_actions") public var immediateActions: String?
    @OptionalField(key: "decision") public var decision: ReviewDecision?
    @OptionalField(key: "decision_reasons") public var decisionReasons: String?
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @OptionalField(key: "submitted_on") public var submittedOn: String?
    @Field(key: "is_illustrative") public var isIllustrative: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public var aware: CalendarDate { CalendarDate(iso: awareOn)! }
    public var notified: CalendarDate? { notifiedOn.flatMap(CalendarDate.init(iso:)) }
    public var decided: CalendarDate? { decidedOn.flatMap(CalendarDate.init(iso:)) }
    public var submitted: CalendarDate? { submittedOn.flatMap(CalendarDate.init(iso:)) }
    public var panelMet: CalendarDate? { panelMetOn.flatMap(CalendarDate.init(iso:)) }
    /// Open until the rapid review has gone to the national panel.
    public var isOpen: Bool { submittedOn == nil }
}

/// An agency involved in an incident, and its summary for the rapid review.
public final class IncidentAgency: Model, @unchecked Sendable {
    public static let schema = "incident_agencies"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "incident_id") public var incident: SeriousIncident
    @Parent(key: "organisation_id") public var organisation: Organisation
    @OptionalField(key: "requested_on") public var requestedOn: String?
    @OptionalField(key: "received_on") public var receivedOn: String?

    public init() {}
}

/// A statutory partner's sign-off of a rapid review, by role.
public final class RapidReviewSignOff: Model, @unchecked Sendable {
    public static let schema = "rapid_review_signoffs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "incident_id") public var incident: SeriousIncident
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "signed_by_role") public var signedByRole: String
    @Field(key: "signed_on") public var signedOn: String

    public init() {}
}

/// A local child safeguarding practice review. Its reviewer, terms of reference, findings,
/// recommendations, actions and challenge events live on its learning source (kind `lcspr`).
public final class LocalReview: Withdrawable, @unchecked Sendable {
    public static let schema = "local_reviews"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "source_id") public var source: LearningSource
    @OptionalParent(key: "incident_id") public var incident: SeriousIncident?
    @Field(key: "child_reference") public var childReference: String
    /// ISO dates.
    @Field(key: "decided_on") public var decidedOn: String
    @OptionalField(key: "planned_publication_on") public var plannedPublicationOn: String?
    @OptionalField(key: "copy_sent_on") public var copySentOn: String?
    @OptionalField(key: "published_on") public var publishedOn: String?
    @OptionalField(key: "publication_link") public var publicationLink: String?
    @Field(key: "created_at") public var createdAt: Date
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    /// A copy that holds no link to its serious incident, for readers who may not open incidents.
    public func withoutIncident() -> LocalReview {
        let copy = LocalReview()
        copy.id = id
        copy.$partnership.id = $partnership.id
        copy.$source.id = $source.id
        if let source = $source.value { copy.$source.value = source }
        copy.childReference = childReference
        copy.decidedOn = decidedOn
        copy.plannedPublicationOn = plannedPublicationOn
        copy.copySentOn = copySentOn
        copy.publishedOn = publishedOn
        copy.publicationLink = publicationLink
        copy.createdAt = createdAt
        return copy
    }

    public var decided: CalendarDate { CalendarDate(iso: decidedOn)! }
    public var plannedPublication: CalendarDate? { plannedPublicationOn.flatMap(CalendarDate.init(iso:)) }
    public var copySent: CalendarDate? { copySentOn.flatMap(CalendarDate.init(iso:)) }
    public var published: CalendarDate? { publishedOn.flatMap(CalendarDate.init(iso:)) }
}

/// A milestone of a local review.
public final class ReviewMilestone: Withdrawable, @unchecked Sendable {
    public static let schema = "review_milestones"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "local_review_id") public var localReview: LocalReview
    @Field(key: "title") public var title: String
    @Field(key: "due_on") public var dueOn: String
    @OptionalField(key: "done_on") public var doneOn: String?
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}
}

/// Practice reviews: the bank holidays the clock runs on (seeded with the shipped 2018-2030 data),
/// each partnership's timescales, incidents with their rapid reviews, local reviews and
/// milestones; and the link from a group seat to the account of the person in it.
struct CreateReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func tenant(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id().field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
        }
        try await database.schema(StoredBankHoliday.schema)
            .id()
            .field("division", .string, .required)
            .field("date", .string, .required)
            .field("title", .string, .required)
            .unique(on: "division", "date")
            .create()
        try await ShippedBankHolidays.englandAndWales.map { StoredBankHoliday(division: BankHolidayFile.division, holiday: $0) }
            .create(on: database)
        try await tenant(database.schema(ReviewSettings.schema))
            .field("notification_working_days", .int, .required)
            .field("rapid_review_working_days", .int, .required)
            .field("publication_months", .int, .required)
            .field("copy_working_days", .int, .required)
            .field("review_group_id", .uuid, .references(PartnershipGroup.schema, .id, onDelete: .setNull))
            .unique(on: "partnership_id")
            .create()
        try await tenant(database.schema(SeriousIncident.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("child_reference", .string, .required)
            .field("age_band", .string, .required)
            .field("harm", .string, .required)
            .field("care_leaver", .bool, .required)
            .field("aware_on", .string, .required)
            .field("summary", .string, .required)
            .field("notified_on", .string)
            .field("panel_reference", .string)
            .field("panel_met_on", .string)
            .field("immediate_actions", .string)
            .field("decision", .string)
            .field("decision_reasons", .string)
            .field("decided_on", .string)
            .field("submitted_on", .string)
            .field("is_illustrative", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await tenant(database.schema(IncidentAgency.schema))
            .field("incident_id", .uuid, .required, .references(SeriousIncident.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .cascade))
            .field("requested_on", .string)
            .field("received_on", .string)
            .unique(on: "incident_id", "organisation_id")
            .create()
        try await tenant(database.schema(RapidReviewSignOff.schema))
            .field("incident_id", .uuid, .required, .references(SeriousIncident.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id, onDelete: .cascade))
            .field("signed_by_role", .string, .required)
            .field("signed_on", .string, .required)
            .unique(on: "incident_id", "organisation_id")
            .create()
        try await tenant(database.schema(LocalReview.schema))
            .field("source_id", .uuid, .required, .references(LearningSource.schema, .id, onDelete: .cascade))
            .field("incident_id", .uuid, .references(SeriousIncident.schema, .id, onDelete: .setNull))
            .field("child_reference", .string, .required)
            .field("decided_on", .string, .required)
            .field("planned_publication_on", .string)
            .field("copy_sent_on", .string)
            .field("published_on", .string)
            .field("publication_link", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "source_id")
            .create()
        try await tenant(database.schema(ReviewMilestone.schema))
            .field("local_review_id", .uuid, .required, .references(LocalReview.schema, .id, onDelete: .cascade))
            .field("title", .string, .required)
            .field("due_on", .string, .required)
            .field("done_on", .string)
            .create()
        try await database.schema(GroupMember.schema)
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GroupMember.schema).deleteField("user_id").update()
        for schema in [ReviewMilestone.schema, LocalReview.schema, RapidReviewSignOff.schema, IncidentAgency.schema,
                       SeriousIncident.schema, ReviewSettings.schema, StoredBankHoliday.schema] {
            try await database.schema(schema).delete()
        }
    }
}
