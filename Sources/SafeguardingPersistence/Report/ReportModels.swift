import FluentKit
import Foundation
import SafeguardingDomain

/// One version of a partnership's yearly report. A draft is composed from the data on every read;
/// publishing stores the composed document, so a published version no longer changes with the data.
public final class YearlyReport: Model, @unchecked Sendable {
    public static let schema = "reports"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "reporting_year") public var reportingYear: String
    @Field(key: "version") public var version: Int
    @Field(key: "status") public var status: ReportStatus
    /// Counts from 1 up to this are suppressed in breakdown tables.
    @Field(key: "disclosure_threshold") public var disclosureThreshold: Int
    /// Days after publication to send the copy to the national panel and the Department.
    @Field(key: "copy_days") public var copyDays: Int
    /// ISO dates.
    @OptionalField(key: "published_on") public var publishedOn: String?
    @OptionalField(key: "copy_sent_on") public var copySentOn: String?
    /// The composed report and the children's version as JSON, written once at publication.
    @OptionalField(key: "published_document") public var publishedDocument: String?
    @OptionalField(key: "published_children_document") public var publishedChildrenDocument: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var year: ReportingYear { ReportingYear(reportingYear)! }
    public var published: CalendarDate? { publishedOn.flatMap(CalendarDate.init(iso:)) }
    public var copySent: CalendarDate? { copySentOn.flatMap(CalendarDate.init(iso:)) }
}

/// A section's narrative (Markdown) and its setting for headline totals. The key is a
/// `ReportSectionKey`, or `children` for the children's version.
public final class ReportSectionText: Model, @unchecked Sendable {
    public static let schema = "report_sections"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "report_id") public var report: YearlyReport
    @Field(key: "key") public var key: String
    @Field(key: "narrative") public var narrative: String
    /// Publish the section's headline totals even when they are small counts.
    @Field(key: "headline_totals") public var headlineTotals: Bool
    /// Leave the section out of the published report; nil (rows saved before the choice existed) is false.
    @OptionalField(key: "left_out") var leftOutChoice: Bool?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public static let childrenKey = "children"

    /// The partnership chose to leave this section out of the published report.
    public var leftOut: Bool {
        get { leftOutChoice ?? false }
        set { leftOutChoice = newValue }
    }
}

/// A statutory partner's sign-off of one version, bound to the content it approved.
public final class ReportSignOff: Model, @unchecked Sendable {
    public static let schema = "report_sign_offs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "report_id") public var report: YearlyReport
    @Field(key: "partner") public var partner: StatutoryPartner
    @Field(key: "signed_by_role") public var signedByRole: String
    @Field(key: "signed_on") public var signedOn: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    /// `ReportContentDigest.whole` of the draft as composed when the sign-off was recorded; nil for a
    /// sign-off recorded before sign-offs were bound to the content, which counts as of an earlier draft.
    @OptionalField(key: "content_digest") public var contentDigest: String?
    /// `ReportContentDigest.sections` as JSON, to say which sections changed since.
    @OptionalField(key: "section_digests") public var sectionDigests: String?

    public init() {}

    /// The content this sign-off approved, or nil if it was recorded without a digest.
    public var approved: ReportContentDigest? {
        guard let contentDigest else { return nil }
        let sections = sectionDigests.flatMap { try? JSONDecoder().decode([ReportContentDigest.Section].self, from: Data($0.utf8)) }
        return ReportContentDigest(whole: contentDigest, sections: sections ?? [])
    }

    func record(_ digest: ReportContentDigest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        contentDigest = digest.whole
        sectionDigests = String(decoding: try encoder.encode(digest.sections), as: UTF8.self)
    }
}

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func tenant(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id().field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
        }
        try await tenant(database.schema(YearlyReport.schema))
            .field("reporting_year", .string, .required)
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("disclosure_threshold", .int, .required)
            .field("copy_days", .int, .required)
            .field("published_on", .string)
            .field("copy_sent_on", .string)
            .field("published_document", .string)
            .field("published_children_document", .string)
            .field("created_at", .datetime)
            .unique(on: "partnership_id", "reporting_year", "version")
            .create()
        try await tenant(database.schema(ReportSectionText.schema))
            .field("report_id", .uuid, .required, .references(YearlyReport.schema, .id, onDelete: .cascade))
            .field("key", .string, .required)
            .field("narrative", .string, .required)
            .field("headline_totals", .bool, .required)
            .field("updated_at", .datetime)
            .unique(on: "report_id", "key")
            .create()
        try await tenant(database.schema(ReportSignOff.schema))
            .field("report_id", .uuid, .required, .references(YearlyReport.schema, .id, onDelete: .cascade))
            .field("partner", .string, .required)
            .field("signed_by_role", .string, .required)
            .field("signed_on", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime)
            .unique(on: "report_id", "partner")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportSignOff.schema).delete()
        try await database.schema(ReportSectionText.schema).delete()
        try await database.schema(YearlyReport.schema).delete()
    }
}

/// Binds a sign-off to the content it approved (issue 13). Rows already there keep no digest, so
/// they count as sign-offs of an earlier draft.
struct UpdateReportSignOffsAddContentDigest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(ReportSignOff.schema).field("content_digest", .string).update()
        try await database.schema(ReportSignOff.schema).field("section_digests", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportSignOff.schema).deleteField("section_digests").update()
        try await database.schema(ReportSignOff.schema).deleteField("content_digest").update()
    }
}

/// Lets the partnership leave a section without data out of the published report (issue 13). The
/// column may be null: rows saved before it existed are sections kept in.
struct UpdateReportSectionsAddLeftOut: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportSectionText.schema).field("left_out", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportSectionText.schema).deleteField("left_out").update()
    }
}
