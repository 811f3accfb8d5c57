import FluentKit
import Foundation

/// A local authority a partnership covers. A partnership covers one or more; position 0 is the
/// primary one, which `Partnership.localAuthorityCode` repeats for code written before
/// partnerships could cover several. An authority belongs to at most one partnership of an
/// installation, apart from the demo (see `PartnershipStore.create`).
public final class PartnershipLocalAuthority: Model, @unchecked Sendable {
    public static let schema = "partnership_local_authorities"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: Partnership
    /// ONS code, `E08000034`.
    @Field(key: "code") public var code: String
    /// DfE's three-digit number, `382`; nil for rows carried over from before this table.
    @OptionalField(key: "old_code") public var oldCode: String?
    @Field(key: "name") public var name: String
    @OptionalField(key: "region_code") public var regionCode: String?
    @OptionalField(key: "region_name") public var regionName: String?
    @Field(key: "position") public var position: Int

    public init() {}

    public init(partnershipID: UUID, code: String, oldCode: String?, name: String, regionCode: String?, regionName: String?, position: Int) {
        self.$partnership.id = partnershipID
        self.code = code
        self.oldCode = oldCode
        self.name = name
        self.regionCode = regionCode
        self.regionName = regionName
        self.position = position
    }
}

/// Adds `partnership_local_authorities` and gives every existing partnership its one authority
/// from `partnerships.local_authority_code`, so nothing written before has none.
struct CreatePartnershipLocalAuthorities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PartnershipLocalAuthority.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("old_code", .string)
            .field("name", .string, .required)
            .field("region_code", .string)
            .field("region_name", .string)
            .field("position", .int, .required)
            .unique(on: "partnership_id", "code")
            .create()
        try await database.transaction { tx in
            for partnership in try await Partnership.query(on: tx).all() {
                try await PartnershipLocalAuthority(partnershipID: partnership.requireID(), code: partnership.localAuthorityCode, oldCode: nil,
                                                    name: partnership.localAuthorityName, regionCode: nil, regionName: nil, position: 0).create(on: tx)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PartnershipLocalAuthority.schema).delete()
    }
}
