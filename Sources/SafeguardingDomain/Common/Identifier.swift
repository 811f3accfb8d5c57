import Foundation

/// A record's identifier that knows what it identifies, so an organisation's identifier
/// cannot be passed where a user's is expected.
public struct Identifier<Subject>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }
    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws { uuid = try decoder.singleValueContainer().decode(UUID.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(uuid)
    }
}

public enum PartnershipTag {}
public enum OrganisationTag {}
public enum UserTag {}
public enum GroupTag {}
public enum PersonTag {}

public typealias PartnershipID = Identifier<PartnershipTag>
public typealias OrganisationID = Identifier<OrganisationTag>
public typealias UserID = Identifier<UserTag>
public typealias GroupID = Identifier<GroupTag>
public typealias PersonID = Identifier<PersonTag>
