import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Invitations and password resets through one-time links. A link's token is made here, given to
/// the person (on the administrator's page and, when mail is configured, by email) and only its
/// SHA-256 digest is stored; it works once, until it expires (`AccountLinkPurpose.lifetime`).
/// `now` is handed in, so tests move time on without waiting.
public enum AccountLinks {
    /// Whether the email with the link went.
    public enum Delivery: Sendable, Equatable {
        case sent
        case notConfigured
        case failed(String)
    }

    /// What the administrator is shown after inviting someone or issuing a link.
    public struct Issued: Sendable {
        public let email: String
        /// The link to pass on; nil when an existing account was only given a role here.
        public let url: String?
        public let delivery: Delivery
        public let validFor: String
        /// The address already had an account, which now has a role in this partnership too.
        public let existingAccount: Bool
    }

    /// Invites a person (or gives an existing account a role here) and sends the set-password link.
    public static func invite(_ viewer: Viewer, _ draft: InvitationDraft, linkBase: String, mailer: Mailer, now: Date,
                              _ context: AppContext) async throws -> Issued {
        try viewer.require(.manageUsers)
        let token = Credentials.newLinkToken()
        let purpose = AccountLinkPurpose.invitation
        let outcome = try await AccountLinkStore.invite(draft, to: viewer.partnership, link: newLink(token, purpose, now),
                                                        by: viewer.actor, on: context.database)
        switch outcome {
        case .addedExisting(let email, linkIssued: false):
            return Issued(email: email, url: nil, delivery: .notConfigured, validFor: purpose.lifetimeDescription, existingAccount: true)
        case .addedExisting(let email, linkIssued: true), .invited(let email):
            let url = linkURL(linkBase, token)
            let delivery = await deliver(mailer, MailMessage(to: email, subject: "You have been invited to \(viewer.partnership.name)'s Safeguarding site",
                                                             body: invitationText(name: draft.name, by: viewer.user.name, partnership: viewer.partnership.name,
                                                                                  role: draft.role, url: url)))
            if case .addedExisting = outcome {
                return Issued(email: email, url: url, delivery: delivery, validFor: purpose.lifetimeDescription, existingAccount: true)
            }
            return Issued(email: email, url: url, delivery: delivery, validFor: purpose.lifetimeDescription, existingAccount: false)
        }
    }

    /// An administrator's reset link for a member (an invitation link again if they never set a password).
    public static func issueReset(_ viewer: Viewer, userID: UUID, linkBase: String, mailer: Mailer, now: Date,
                                  _ context: AppContext) async throws -> Issued {
        try viewer.require(.manageUsers)
        let token = Credentials.newLinkToken()
        let purpose = AccountLinkPurpose.adminReset
        let email = try await AccountLinkStore.issueReset(for: userID, in: viewer.partnership, link: newLink(token, purpose, now),
                                                          by: viewer.actor, on: context.database)
        let url = linkURL(linkBase, token)
        let delivery = await deliver(mailer, MailMessage(to: email, subject: "A link to set a new Safeguarding password",
                                                         body: resetText(by: viewer.user.name, url: url, validFor: purpose.lifetimeDescription)))
        return Issued(email: email, url: url, delivery: delivery, validFor: purpose.lifetimeDescription, existingAccount: true)
    }

    /// A reset asked for on the sign-in page. Does nothing without outgoing mail, or for an address
    /// with no (unlocked) account; the page says the same whatever happened here.
    @discardableResult
    public static func requestReset(_ draft: ForgottenPasswordDraft, address: String?, linkBase: String, mailer: Mailer, now: Date,
                                    _ context: AppContext) async throws -> Delivery {
        guard mailer.isConfigured else { return .notConfigured }
        let token = Credentials.newLinkToken()
        let purpose = AccountLinkPurpose.reset
        guard try await AccountLinkStore.requestReset(email: draft.email, link: newLink(token, purpose, now), address: address,
                                                       on: context.database) != nil else { return .notConfigured }
        return await deliver(mailer, MailMessage(to: draft.email, subject: "Reset your Safeguarding password",
                                                 body: resetText(by: nil, url: linkURL(linkBase, token), validFor: purpose.lifetimeDescription)))
    }

    /// What the link's page shows before a password is typed; nothing for a token no link has.
    public static func link(token: String, now: Date, _ context: AppContext) async throws -> AccountLinkStore.LinkDetails? {
        try await AccountLinkStore.link(digest: Credentials.digest(ofToken: token), now: now, on: context.database)
    }

    /// Sets the new password through the link. `hash` runs bcrypt (off the event loop, in the web
    /// layer); it is only called for a link that is still usable.
    public static func setPassword(token: String, _ draft: NewPasswordDraft, hash: @Sendable (String) async throws -> String,
                                   address: String?, now: Date, _ context: AppContext) async throws -> AccountLinkStore.Redemption {
        let digest = Credentials.digest(ofToken: token)
        guard let details = try await AccountLinkStore.link(digest: digest, now: now, on: context.database) else { return .refused(.expired) }
        guard details.state == .usable else { return .refused(details.state) }
        return try await AccountLinkStore.redeem(digest: digest, passwordHash: hash(draft.password), now: now, address: address, on: context.database)
    }

    static func newLink(_ token: String, _ purpose: AccountLinkPurpose, _ now: Date) -> AccountLinkStore.NewLink {
        AccountLinkStore.NewLink(digest: Credentials.digest(ofToken: token), expiresAt: now.addingTimeInterval(purpose.lifetime))
    }

    static func linkURL(_ base: String, _ token: String) -> String { base + SiteRoute.accountLink(token: token).path }

    static func deliver(_ mailer: Mailer, _ message: MailMessage) async -> Delivery {
        guard mailer.isConfigured else { return .notConfigured }
        do {
            try await mailer.send(message)
            return .sent
        } catch {
            return .failed(String(describing: error))
        }
    }

    static func invitationText(name: String, by inviter: String, partnership: String, role: Role, url: String) -> String {
        """
        Hello \(name),

        \(inviter) has given you access to \(partnership)'s Safeguarding site, as \(role.label.lowercased()).

        Choose your password here. The link works once, within \(AccountLinkPurpose.invitation.lifetimeDescription):

        \(url)

        Your password needs at least \(PasswordPolicy.minimumLength) characters; three random words make a good one.
        If you were not expecting this email, you can ignore it.
        """
    }

    static func resetText(by administrator: String?, url: String, validFor: String) -> String {
        let opening = administrator.map { "\($0) has issued you a link to set a new password for Safeguarding." }
            ?? "Someone, hopefully you, asked to reset your Safeguarding password."
        return """
        \(opening)

        Choose a new password here. The link works once, within \(validFor), and signs you out everywhere else:

        \(url)

        If you did not ask for this, you can ignore this email: your password has not changed.
        """
    }
}
