import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Sign in and sign out.
enum SignInPage {
    struct Model {
        var email: String = ""
        var errors: [FieldError] = []
        var csrf: String
        var flash: String?
    }

    static func render(_ model: Model) -> String {
        Layout.page(PageFrame(title: "Sign in", signedIn: nil)) {
            el("div", .class("app-grid-two-thirds")) {
                if let flash = model.flash { Components.notice(flash) }
                Components.errorSummary(model.errors)
                Components.heading("Sign in to Safeguarding")
                el("p", .class("app-body-text")) { "Use the email address and password your partnership's business unit gave you." }
                el("form", .method("post"), .action(SiteRoute.signIn.path), .init("novalidate", nil)) {
                    Components.csrfField(model.csrf)
                    Components.textInput(name: "email", label: "Email address", value: model.email, errors: model.errors, type: "email", autocomplete: "username")
                    Components.textInput(name: "password", label: "Password", value: nil, errors: model.errors.filter { $0.field == "password" }, type: "password", autocomplete: "current-password", width: "app-input--half")
                    Components.button("Sign in")
                }
            }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        if let user = req.currentUser, let first = try await AccountStore.memberships(of: user.requireID(), on: req.db).first {
            return req.redirect(to: SiteRoute.dashboard(slug: first.partnership.slug).path)
        }
        return .html(render(Model(csrf: CSRF.token(for: req), flash: req.takeFlash())))
    }

    static let wrongCredentials = "Enter a correct email address and password"

    static func submit(_ req: Request) async throws -> Response {
        let config = req.application.appConfiguration
        let fields = req.formFields()
        let typedEmail = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = fields["password"] ?? ""
        func fail(_ errors: [FieldError], status: HTTPResponseStatus = .unprocessableEntity) -> Response {
            .html(render(Model(email: typedEmail, errors: errors, csrf: CSRF.token(for: req))), status: status)
        }
        var missing: [FieldError] = []
        if typedEmail.isEmpty { missing.append(FieldError(field: "email", message: "Enter your email address")) }
        if password.isEmpty { missing.append(FieldError(field: "password", message: "Enter your password")) }
        guard missing.isEmpty else { return fail(missing) }
        guard let email = EmailAddress.normalised(typedEmail) else {
            return fail([FieldError(field: "email", message: "Enter an email address in the right format, like name@example.org")])
        }

        let window = 15.0 * 60
        let now = Date()
        let failures = try await AccountStore.recentFailures(email: email, address: req.clientAddress, since: now.addingTimeInterval(-window), on: req.db)
        let byEmail = SignInThrottle(maximumFailures: config.maximumFailedSignIns, window: window).lockedUntil(failures: failures.byEmail, now: now)
        let byAddress = SignInThrottle(maximumFailures: config.maximumFailedSignInsPerAddress, window: window).lockedUntil(failures: failures.byAddress, now: now)
        if let until = [byEmail, byAddress].compactMap({ $0 }).max() {
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return fail([FieldError(field: "email", message: "Too many failed attempts to sign in. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again.")],
                        status: .tooManyRequests)
        }

        let user = try await AccountStore.user(email: email, on: req.db)
        var found: [Membership] = []
        if let user { found = try await AccountStore.memberships(of: user.requireID(), on: req.db) }
        let memberships = found
        let actor = Actor(userID: user?.id, email: email, address: req.clientAddress)
        // bcrypt takes a quarter of a second on purpose: run it off the event loop so other requests carry on.
        let storedHash = user?.passwordHash
        let verified = try await req.application.threadPool.runIfActive {
            Credentials.verify(password, hash: storedHash ?? Credentials.unknownUserHash)
        }
        guard let user, user.isActive, verified else {
            try await req.db.transaction { tx in
                try await AccountStore.recordAttempt(email: email, address: req.clientAddress, succeeded: false, on: tx)
                for membership in memberships {
                    try await AuditTrail.record(on: tx, partnershipID: membership.$partnership.id, actor: actor, action: "sign_in_failed",
                                                subjectType: "user", subjectID: user?.id?.uuidString, summary: "Failed to sign in")
                }
            }
            return fail([FieldError(field: "email", message: wrongCredentials)])
        }
        try await req.db.transaction { tx in
            try await AccountStore.recordAttempt(email: email, address: req.clientAddress, succeeded: true, on: tx)
            user.lastSignedInAt = now
            try await user.update(on: tx)
            for membership in memberships {
                try await AuditTrail.record(on: tx, partnershipID: membership.$partnership.id, actor: actor, action: "sign_in",
                                            subjectType: "user", subjectID: user.id?.uuidString, summary: "Signed in")
            }
        }
        // A new session id at sign-in, so a session id planted before sign-in is worthless.
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["user"] = try user.requireID().uuidString
        guard let first = memberships.first else {
            return .html(ErrorPage.render(status: .forbidden, title: "You are not a member of any partnership",
                                          message: "Ask your partnership's business unit to give you a role."), status: .forbidden)
        }
        return req.redirect(to: SiteRoute.dashboard(slug: first.partnership.slug).path)
    }

    static func signOut(_ req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SiteRoute.signIn.path)
    }

    static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        guard let first = try await AccountStore.memberships(of: user.requireID(), on: req.db).first else {
            return .html(ErrorPage.render(status: .forbidden, title: "You are not a member of any partnership",
                                          message: "Ask your partnership's business unit to give you a role."), status: .forbidden)
        }
        return req.redirect(to: SiteRoute.dashboard(slug: first.partnership.slug).path)
    }
}

/// The page shown for 403, 404 and other errors on the site.
enum ErrorPage {
    static func render(status: HTTPResponseStatus, title: String, message: String, signedIn: PageFrame.SignedIn? = nil, csrf: String? = nil) -> String {
        Layout.page(PageFrame(title: title, signedIn: signedIn, csrf: csrf)) {
            Components.heading(title)
            el("p", .class("app-body-text")) { message }
            el("p", .class("app-body-text")) { el("a", .href(SiteRoute.home.path), .class("app-link")) { "Go to your dashboard" } }
        }
    }
}
