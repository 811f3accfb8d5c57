import FluentKit
import Foundation
import SafeguardingDomain

/// A safeguarding children partnership: the tenant every other record belongs to.
public final class Partnership: Model, @unchecked Sendable {
    public static let schema = "partnerships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "short_name") public var shortName: String
    @Field(key: "slug") public var slug: String
    @Field(key: "local_authority_code") public var localAuthorityCode: String
    @Field(key: "local_authority_name") public var localAuthorityName: String
    /// The month the reporting year starts; 4 (April) for a financial year.
    @Field(key: "year_start_month") public var yearStartMonth: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, shortName: String, slug: String, localAuthorityCode: String, localAuthorityName: String) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.slug = slug
        self.localAuthorityCode = localAuthorityCode
        self.localAuthorityName = localAuthorityName
        self.yearStartMonth = 4
    }

    public var typedID: PartnershipID { PartnershipID(id!) }
}

/// A fact about the partnership's area (population, children, poverty), with its source,
/// so the dashboard and the yearly report can say where each figure comes from.
public final class AreaFact: Model, @unchecked Sendable {
    public static let schema = "area_facts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    @Field(key: "key") public var key: String
    @Field(key: "label") public var label: String
    @Field(key: "value") public var value: Double
    /// `count` or `percent`.
    @Field(key: "unit") public var unit: String
    @Field(key: "source") public var source: String
    @Field(key: "position") public var position: Int

    /// The value as the dashboard and the yearly report print it: `24.0%`, `79.2 per 10,000`, `207,700`.
    public var formattedValue: String {
        // Int(…) of a non-finite or huge figure traps; such a figure is printed as it is.
        guard abs(value) < NumberText.limit else { return String(format: "%.1f", value) }
        let decimal = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        switch unit {
        case "percent": return "\(decimal)%"
        case "rate": return "\(decimal) per 10,000"
        default: return Pence.grouped(Int(value.rounded()))
        }
    }

    public init() {}

    public init(partnershipID: UUID, key: String, label: String, value: Double, unit: String, source: String, position: Int) {
        self.$partnership.id = partnershipID
        self.key = key
        self.label = label
        self.value = value
        self.unit = unit
        self.source = source
        self.position = position
    }
}
