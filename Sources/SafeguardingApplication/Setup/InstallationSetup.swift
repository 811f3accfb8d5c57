import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The first run of an installation with no partnership: a one-time set-up link, printed on the
/// server's console, opens a page that creates the partnership and its first administrator.
/// Until then every other page says the installation is not set up.
public enum InstallationSetup {
    /// Whether some partnership exists. Once true it stays true, so callers may remember it.
    public static func isSetUp(_ context: AppContext) async throws -> Bool {
        try await InstallationStore.hasPartnership(on: context.database)
    }

    /// A new one-time token when the installation is not set up, else `nil`. Only its digest is
    /// stored; the caller prints the token once.
    public static func issueLink(_ context: AppContext) async throws -> String? {
        guard try await !isSetUp(context) else { return nil }
        let token = Credentials.newToken()
        try await InstallationStore.addToken(digest: Credentials.digest(ofToken: token), on: context.database)
        return token
    }

    /// Whether the token from a set-up link can still be used.
    public static func canUse(token: String, _ context: AppContext) async throws -> Bool {
        guard token.count <= 200, try await !isSetUp(context) else { return false }
        return try await InstallationStore.isUsable(digest: Credentials.digest(ofToken: token), on: context.database)
    }

    /// The local authorities the set-up form offers: every English one in the shipped official files.
    public static func localAuthorities() throws -> [LocalAuthority] {
        try OfficialFiles.shipped().localAuthorities().authorities.sorted { $0.name < $1.name }
    }

    /// What the set-up form asks for, checked: the partnership, and its first administrator.
    public struct Draft: Sendable {
        public let partnership: PartnershipDraft
        public let administrator: UserDraft

        /// Validates the form's fields; the administrator's fields are `admin_name`, `admin_email`
        /// and `password`. Every problem is reported at once.
        public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> Draft {
            var errors: [FieldError] = []
            var partnership: PartnershipDraft?
            let codes = (fields["local_authorities"] ?? "").split(separator: ",").map(String.init)
            do {
                partnership = try PartnershipDraft.validate(name: fields["name"], shortName: fields["short_name"], slug: fields["slug"],
                                                            localAuthorityCodes: codes)
            } catch {
                errors += error.errors
            }
            // Unknown codes are named with their nearest matches now, beside the other problems.
            if let partnership {
                do {
                    _ = try PartnershipSetup.authorities(for: partnership.localAuthorityCodes, in: OfficialFiles.shipped().localAuthorities())
                } catch let error as ValidationErrors {
                    errors += error.errors
                } catch {
                    errors.append(FieldError(field: "local_authority", message: "The list of local authorities could not be read"))
                }
            }
            var administrator: UserDraft?
            let userFields = ["email": fields["admin_email"] ?? "", "name": fields["admin_name"] ?? "",
                              "role": Role.administrator.rawValue, "password": fields["password"] ?? ""]
            do {
                administrator = try UserDraft.validate(userFields)
            } catch {
                errors += error.errors.map { $0.field == "password" ? $0 : FieldError(field: "admin_" + $0.field, message: $0.message, line: $0.line) }
            }
            guard errors.isEmpty, let partnership, let administrator else { throw ValidationErrors(errors) }
            return Draft(partnership: partnership, administrator: administrator)
        }
    }

    /// Uses the token, creates the partnership (with its official starter data) and its first
    /// administrator, all in one transaction; answers the new partnership's slug.
    public static func complete(token: String, _ draft: Draft, passwordHash: String, address: String?,
                                _ context: AppContext) async throws -> String {
        let actor = Actor(userID: nil, email: "set-up link (\(draft.administrator.email))", address: address)
        return try await context.database.transaction { tx in
            try await InstallationStore.consume(digest: Credentials.digest(ofToken: token), on: tx)
            let created = try await PartnershipSetup.create(draft.partnership, by: actor, on: tx)
            guard let partnership = try await RegisterStore.partnership(slug: created.slug, on: tx) else {
                throw ValidationErrors([FieldError(field: "slug", message: "The partnership \(created.slug) was not created")])
            }
            _ = try await AccountStore.addUser(draft.administrator, to: partnership, passwordHash: passwordHash, by: actor, on: tx)
            return partnership.slug
        }
    }
}
