import FluentKit
import Foundation
import SafeguardingDomain

/// Money into the partnership's budget for one reporting year: a partner's contribution,
/// a grant, or another source. The year's outturn total is the sum of its lines.
public final class Contribution: Withdrawable, @unchecked Sendable {
    public static let schema = "contributions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    /// `2023-24`
    @Field(key: "reporting_year") public var reportingYear: String
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Field(key: "label") public var label: String
    @Field(key: "category") public var category: ContributionCategory
    @Field(key: "amount_pence") public var amountPence: Int
    @OptionalField(key: "note") public var note: String?
    @Field(key: "position") public var position: Int
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}

    public init(partnershipID: UUID, year: ReportingYear, organisationID: UUID?, label: String,
                category: ContributionCategory, amount: Pence, note: String? = nil, position: Int) {
        self.$partnership.id = partnershipID
        self.reportingYear = year.description
        self.$organisation.id = organisationID
        self.label = label
        self.category = category
        self.amountPence = amount.value
        self.note = note
        self.position = position
    }

    public var amount: Pence { Pence(amountPence) }
}

/// Who did what, when: every change, every sign-in and every view of a restricted record.
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "partnership_id") public var partnership: Partnership?
    @OptionalField(key: "user_id") public var userID: UUID?
    /// The actor's email as it was at the time, kept even if the account goes.
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "subject_type") public var subjectType: String
    @OptionalField(key: "subject_id") public var subjectID: String?
    @Field(key: "summary") public var summary: String
    /// Field changes as JSON, `{"name":["old","new"]}`.
    @OptionalField(key: "changes") public var changes: String?
    @OptionalField(key: "address") public var address: String?
    @Field(key: "occurred_at") public var occurredAt: Date

    public init() {}

    public init(partnershipID: UUID?, userID: UUID?, actor: String, action: String, subjectType: String,
                subjectID: String?, summary: String, changes: String?, address: String?, occurredAt: Date) {
        self.$partnership.id = partnershipID
        self.userID = userID
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.summary = summary
        self.changes = changes
        self.address = address
        self.occurredAt = occurredAt
    }
}
