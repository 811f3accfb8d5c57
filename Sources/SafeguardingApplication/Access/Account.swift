import Foundation
import SafeguardingPersistence

/// A signed-in person as the web layer and the use cases hold them: who, not their password hash
/// or the database row. The session or the API token names the account; `Viewer.resolve` adds
/// their standing in one partnership.
public struct Account: Sendable, Equatable {
    public let id: UUID
    public let email: String
    public let name: String

    public init(_ user: User) throws {
        id = try user.requireID()
        email = user.email
        name = user.name
    }
}
