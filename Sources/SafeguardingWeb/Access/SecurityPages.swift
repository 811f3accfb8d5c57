import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The person's sessions, two-factor sign-in, and the code asked for after the password.
enum SecurityPages {
    static let deviceCookie = "safeguarding_device"
    /// How long a right password waits for its code, and how many wrong codes it survives.
    static let pendingLifetime: TimeInterval = 5 * 60
    static let maximumWrongCodes = 5

    // MARK: Sessions

    static func sessions(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let page = try await AccountSessions.own(account, currentKey: req.session.id?.string, req.context)
        return .html(SecurityViews.sessions(page, frame: req.accountFrame(account, title: "Your sessions", hasSeveral: false), flash: req.takeFlash()))
    }

    static func endSession(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let id = try req.uuidParameter("id")
        let ended = try await AccountSessions.endOwn(account, sessionID: id, address: req.clientAddress, req.context)
        guard ended else { throw Abort(.notFound, reason: "There is no such session.") }
        // Ending the session in use is signing out.
        guard try await SignIn.activeAccount(id: account.id, req.context) != nil,
              try await Sessions.read(key: req.session.id?.string ?? "", req.context) != nil else {
            req.auth.logout(Account.self)
            req.session.destroy()
            return req.redirect(to: SiteRoute.signIn.path)
        }
        req.flash("Ended the session")
        return req.redirect(to: SiteRoute.yourSessions.path)
    }

    static func endOthers(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let ended = try await AccountSessions.endOthers(account, currentKey: req.session.id?.string, address: req.clientAddress, req.context)
        req.flash("Ended \(ended) other session\(ended == 1 ? "" : "s"); you are still signed in here")
        return req.redirect(to: SiteRoute.yourSessions.path)
    }

    // MARK: Two-factor sign-in

    static func twoFactor(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        return try await twoFactorPage(req, account, errors: [], recoveryCodes: nil, flash: req.takeFlash())
    }

    static func twoFactorPage(_ req: Request, _ account: Account, errors: [FieldError], recoveryCodes: [String]?, flash: String?,
                              status: HTTPResponseStatus = .ok) async throws -> Response {
        let state = try await TwoFactor.status(account, box: req.application.secretBox, req.context)
        let title = errors.isEmpty ? "Two-factor sign-in" : "Error: Two-factor sign-in"
        return .html(SecurityViews.twoFactor(state, frame: req.accountFrame(account, title: title, hasSeveral: false), errors: errors,
                                             recoveryCodes: recoveryCodes, flash: flash), status: status)
    }

    static func startTwoFactor(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        do {
            try await TwoFactor.begin(account, box: req.application.secretBox, req.context)
            return req.redirect(to: SiteRoute.twoFactor.path)
        } catch let errors as ValidationErrors {
            return try await twoFactorPage(req, account, errors: errors.errors, recoveryCodes: nil, flash: nil, status: .unprocessableEntity)
        }
    }

    static func confirmTwoFactor(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        do {
            let codes = try await TwoFactor.confirm(account, code: req.formFields()["code"] ?? "", address: req.clientAddress,
                                                    box: req.application.secretBox, req.context)
            return try await twoFactorPage(req, account, errors: [], recoveryCodes: codes, flash: "Two-factor sign-in is on")
        } catch let errors as ValidationErrors {
            return try await twoFactorPage(req, account, errors: errors.errors, recoveryCodes: nil, flash: nil, status: .unprocessableEntity)
        }
    }

    static func disableTwoFactor(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let pool = req.application.passwordHashing
        do {
            try await TwoFactor.disable(account, password: req.formFields()["password"] ?? "", address: req.clientAddress,
                                        verify: { password, hash in try await pool.runIfActive { Credentials.verify(password, hash: hash) } },
                                        req.context)
            req.flash("Two-factor sign-in is off")
            return req.redirect(to: SiteRoute.twoFactor.path)
        } catch let errors as ValidationErrors {
            return try await twoFactorPage(req, account, errors: errors.errors, recoveryCodes: nil, flash: nil, status: .unprocessableEntity)
        }
    }

    // MARK: The code after the password

    /// The account waiting for its code in this session, if the wait has not run out.
    static func pendingAccount(_ req: Request) async throws -> Account? {
        guard let text = req.session.data["pending_user"], let id = UUID(uuidString: text),
              let since = req.session.data["pending_since"].flatMap(Double.init),
              Date().timeIntervalSince1970 - since < pendingLifetime else { return nil }
        return try await SignIn.activeAccount(id: id, req.context)
    }

    static func codeForm(_ req: Request) async throws -> Response {
        guard try await pendingAccount(req) != nil else { return req.redirect(to: SiteRoute.signIn.path) }
        return .html(SecurityViews.code(csrf: CSRF.token(for: req), errors: []))
    }

    static func submitCode(_ req: Request) async throws -> Response {
        guard let account = try await pendingAccount(req) else {
            req.session.data["pending_user"] = nil
            req.flash("Sign in again: the time to enter your code ran out.")
            return req.redirect(to: SiteRoute.signIn.path)
        }
        let code = req.formFields()["code"] ?? ""
        guard !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .html(SecurityViews.code(csrf: CSRF.token(for: req), errors: [FieldError(field: "code", message: "Enter the code from your authenticator app")]),
                         status: .unprocessableEntity)
        }
        let check = try await TwoFactor.verifySignIn(account, code: code, address: req.clientAddress, box: req.application.secretBox, req.context)
        guard case .accepted = check else {
            let failures = (req.session.data["pending_failures"].flatMap(Int.init) ?? 0) + 1
            if failures >= maximumWrongCodes {
                req.session.data = SessionData()
                req.flash("Too many wrong codes. Sign in again with your password.")
                return req.redirect(to: SiteRoute.signIn.path)
            }
            req.session.data["pending_failures"] = String(failures)
            return .html(SecurityViews.code(csrf: CSRF.token(for: req), errors: [FieldError(field: "code", message: "Enter the code your authenticator app shows now, or an unused recovery code")]),
                         status: .unprocessableEntity)
        }
        return try await finishSignIn(req, account)
    }

    /// Starts the signed-in session under a new id, so one planted before sign-in is worthless,
    /// and remembers the browser for the sign-in throttle.
    static func finishSignIn(_ req: Request, _ account: Account) async throws -> Response {
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["user"] = account.id.uuidString
        let device = try await SignIn.rememberDevice(req.cookies[deviceCookie]?.string, for: account, req.context)
        let response: Response
        if let landing = try await SignIn.landing(for: account, req.context) {
            response = req.redirect(to: landing.path)
        } else {
            response = SignInPage.notAMember()
        }
        response.cookies[deviceCookie] = HTTPCookies.Value(string: device, expires: Date().addingTimeInterval(365 * 24 * 60 * 60), maxAge: nil,
                                                          domain: nil, path: "/", isSecure: req.application.appConfiguration.secureCookies,
                                                          isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Sends the password's half of a sign-in on to the code.
    static func askForCode(_ req: Request, _ account: Account) -> Response {
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["pending_user"] = account.id.uuidString
        req.session.data["pending_since"] = String(Date().timeIntervalSince1970)
        return req.redirect(to: SiteRoute.signInCode.path)
    }
}

/// Someone whose partnership requires two-factor sign-in of their role, and who has not turned it
/// on, is sent to turn it on before anything else.
struct TwoFactorEnrolmentMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let account = request.currentUser, try await TwoFactor.mustEnrol(account, request.context) {
            request.flash("Your partnership requires two-factor sign-in for your role. Set it up to carry on.")
            return request.redirect(to: SiteRoute.twoFactor.path)
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct SecretBoxKey: StorageKey { typealias Value = SecretBox }

    /// Seals two-factor secrets: the configuration's key, loaded by `configure`.
    var secretBox: SecretBox {
        get { storage[SecretBoxKey.self] ?? .ephemeral() }
        set { storage[SecretBoxKey.self] = newValue }
    }
}
