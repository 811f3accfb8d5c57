import FluentKit
import Foundation
import SafeguardingDomain

/// An indicator of the multi-agency dataset: what is counted, who supplies it, which way is better.
public final class Indicator: Model, @unchecked Sendable {
    public static let schema = "indicators"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "key") public var key: String
    @Field(key: "name") public var name: String
    @Field(key: "definition") public var definition: String
    @OptionalParent(key: "source_organisation_id") public var sourceOrganisation: Organisation?
    /// `count`, `rate_per_10000` or `percentage`.
    @Field(key: "unit") public var unit: String
    /// `higher_is_better`, `lower_is_better` or `neither`.
    @Field(key: "polarity") public var polarity: String
    @OptionalField(key: "priority") public var priority: String?
    @Field(key: "is_published") public var isPublished: Bool
    /// Some demo values are made up to show the software; they say so on every screen.
    @Field(key: "is_illustrative") public var isIllustrative: Bool
    @Field(key: "position") public var position: Int

    public init() {}

    public init(partnershipID: UUID, key: String, name: String, definition: String, sourceOrganisationID: UUID?, unit: String,
                polarity: String, priority: String?, isPublished: Bool, isIllustrative: Bool, position: Int) {
        self.$partnership.id = partnershipID
        self.key = key
        self.name = name
        self.definition = definition
        self.$sourceOrganisation.id = sourceOrganisationID
        self.unit = unit
        self.polarity = polarity
        self.priority = priority
        self.isPublished = isPublished
        self.isIllustrative = isIllustrative
        self.position = position
    }
}

/// One value of an indicator: a period, a series (local or a comparator), a breakdown and group.
/// The key columns are unique together, so importing the same values again replaces them.
public final class IndicatorValue: Withdrawable, @unchecked Sendable {
    public static let schema = "indicator_values"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "indicator_id") public var indicator: Indicator
    /// Canonical text: `2023-24 Q3`, `2023-24`, `2022/23`, `2022/23 Autumn`.
    @Field(key: "period") public var period: String
    @Field(key: "period_kind") public var periodKind: String
    /// The period's first day (ISO), so values sort in time order on both databases.
    @Field(key: "period_start") public var periodStart: String
    @Field(key: "series") public var series: String
    @Field(key: "breakdown") public var breakdown: String
    @Field(key: "group_name") public var group: String
    @Field(key: "value") public var value: Double
    @OptionalField(key: "numerator") public var numerator: Double?
    @OptionalField(key: "denominator") public var denominator: Double?
    @OptionalParent(key: "import_id") public var dataImport: DataImport?
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}
}

/// A record of every import: who, when, which file (by digest), how many rows.
public final class DataImport: Model, @unchecked Sendable {
    public static let schema = "data_imports"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @OptionalParent(key: "indicator_id") public var indicator: Indicator?
    /// `data_return`, `extract` or `official_statistics`.
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "file_digest") public var fileDigest: String
    @Field(key: "rows_read") public var rowsRead: Int
    @Field(key: "rows_written") public var rowsWritten: Int
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "imported_at") public var importedAt: Date

    public init() {}
}

/// The story behind the data for an indicator and period. Every save adds a version; the newest is current.
public final class Story: Withdrawable, @unchecked Sendable {
    public static let schema = "stories"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Field(key: "period") public var period: String
    @Field(key: "what_the_data_shows") public var whatTheDataShows: String
    @OptionalField(key: "how_much") public var howMuch: String?
    @OptionalField(key: "how_well") public var howWell: String?
    @OptionalField(key: "better_off") public var betterOff: String?
    @OptionalField(key: "next_steps") public var nextSteps: String?
    @Field(key: "author") public var author: String
    @Field(key: "written_at") public var writtenAt: Date
    /// Set when the record was withdrawn as a mistake (`Withdrawable`): hidden from every query.
    @Timestamp(key: "withdrawn_at", on: .delete) public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") public var withdrawnReason: String?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: String?

    public init() {}
}

/// A worsening trend found by the control chart, and the Performance Management subgroup's decision on it.
public final class Escalation: Model, @unchecked Sendable {
    public static let schema = "escalations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Parent(key: "indicator_id") public var indicator: Indicator
    /// Identifies the signal (kind and its points' periods), so one signal raises one escalation.
    @Field(key: "signal_key") public var signalKey: String
    @Field(key: "signal") public var signal: String
    @Field(key: "raised_at") public var raisedAt: Date
    /// nil while open; `monitor`, `escalate_to_executive` or `commission_audit` once decided.
    @OptionalField(key: "decision") public var decision: String?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}
}

/// The English Indices of Deprivation 2019 for one LSOA (public reference data, not per partnership).
public final class DeprivationArea: Model, @unchecked Sendable {
    public static let schema = "imd_lsoa"

    @ID(key: .id) public var id: UUID?
    @Field(key: "lsoa_code") public var lsoaCode: String
    @Field(key: "lsoa_name") public var lsoaName: String
    @Field(key: "la_code") public var laCode: String
    @Field(key: "la_name") public var laName: String
    @Field(key: "imd_rank") public var imdRank: Int
    @Field(key: "imd_decile") public var imdDecile: Int
    /// Mid-2015 dependent children aged 0-15 (IoD population denominators), when loaded.
    @OptionalField(key: "children") public var children: Double?

    public init() {}
}

struct CreatePerformance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Indicator.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("source_organisation_id", .uuid, .references(Organisation.schema, .id, onDelete: .setNull))
            .field("unit", .string, .required)
            .field("polarity", .string, .required)
            .field("priority", .string)
            .field("is_published", .bool, .required)
            .field("is_illustrative", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "partnership_id", "key")
            .create()
        try await database.schema(DataImport.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("indicator_id", .uuid, .references(Indicator.schema, .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("user_id", .uuid)
            .field("actor", .string, .required)
            .field("file_name", .string, .required)
            .field("file_digest", .string, .required)
            .field("rows_read", .int, .required)
            .field("rows_written", .int, .required)
            .field("notes", .string)
            .field("imported_at", .datetime, .required)
            .create()
        try await database.schema(IndicatorValue.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references(Indicator.schema, .id, onDelete: .cascade))
            .field("period", .string, .required)
            .field("period_kind", .string, .required)
            .field("period_start", .string, .required)
            .field("series", .string, .required)
            .field("breakdown", .string, .required)
            .field("group_name", .string, .required)
            .field("value", .double, .required)
            .field("numerator", .double)
            .field("denominator", .double)
            .field("import_id", .uuid, .references(DataImport.schema, .id, onDelete: .setNull))
            .unique(on: "indicator_id", "period", "series", "breakdown", "group_name")
            .create()
        try await database.schema(Story.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references(Indicator.schema, .id, onDelete: .cascade))
            .field("period", .string, .required)
            .field("what_the_data_shows", .string, .required)
            .field("how_much", .string)
            .field("how_well", .string)
            .field("better_off", .string)
            .field("next_steps", .string)
            .field("author", .string, .required)
            .field("written_at", .datetime, .required)
            .create()
        try await database.schema(Escalation.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references(Indicator.schema, .id, onDelete: .cascade))
            .field("signal_key", .string, .required)
            .field("signal", .string, .required)
            .field("raised_at", .datetime, .required)
            .field("decision", .string)
            .field("reason", .string)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .unique(on: "indicator_id", "signal_key")
            .create()
        try await database.schema(DeprivationArea.schema)
            .id()
            .field("lsoa_code", .string, .required)
            .field("lsoa_name", .string, .required)
            .field("la_code", .string, .required)
            .field("la_name", .string, .required)
            .field("imd_rank", .int, .required)
            .field("imd_decile", .int, .required)
            .field("children", .double)
            .unique(on: "lsoa_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [DeprivationArea.schema, Escalation.schema, Story.schema, IndicatorValue.schema, DataImport.schema, Indicator.schema] {
            try await database.schema(schema).delete()
        }
    }
}

extension QueryBuilder where Model == IndicatorValue {
    /// Only figures that can be shown and computed with (finite, within `NumberText.limit`). Imports
    /// refuse any other since issue 15; one stored before (a 400-digit value became infinity) is left
    /// out of every read rather than making the page, the API and the report fail.
    public func readable() -> Self {
        filter(\.$value > -NumberText.limit).filter(\.$value < NumberText.limit)
    }
}
