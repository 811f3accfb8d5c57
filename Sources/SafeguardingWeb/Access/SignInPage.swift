import Foundation
import SafeguardingApplication
import SafeguardingDomain
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
                el("p", .class("app-body-text")) { el("a", .href(SiteRoute.forgottenPassword.path), .class("app-link")) { "Forgotten your password?" } }
            }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        if let user = req.currentUser, let landing = try await SignIn.landing(for: user, req.context) {
            return req.redirect(to: landing.path)
        }
        return .html(render(Model(csrf: CSRF.token(for: req), flash: req.takeFlash())))
    }

    static func submit(_ req: Request) async throws -> Response {
        let config = req.application.appConfiguration
        let fields = req.formFields()
        let typedEmail = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let threadPool = req.application.passwordHashing
        // bcrypt takes a quarter of a second on purpose: run it off the event loop so other requests carry on.
        let outcome = try await SignIn.attempt(
            email: typedEmail, password: fields["password"] ?? "", address: req.clientAddress,
            deviceToken: req.cookies[SecurityPages.deviceCookie]?.string, policy: config.signInPolicy,
            verify: { password, hash in try await threadPool.runIfActive { Credentials.verify(password, hash: hash ?? Credentials.unknownUserHash) } },
            req.context)
        switch outcome {
        case .refused(let errors):
            return .html(render(Model(email: typedEmail, errors: errors, csrf: CSRF.token(for: req))), status: .unprocessableEntity)
        case .locked(let errors):
            return .html(render(Model(email: typedEmail, errors: errors, csrf: CSRF.token(for: req))), status: .tooManyRequests)
        case .secondFactorNeeded(let account):
            return SecurityPages.askForCode(req, account)
        case .signedIn(let account, _):
            return try await SecurityPages.finishSignIn(req, account)
        }
    }

    static func signOut(_ req: Request) async throws -> Response {
        req.auth.logout(Account.self)
        req.session.destroy()
        return req.redirect(to: SiteRoute.signIn.path)
    }

    static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        guard let landing = try await SignIn.landing(for: user, req.context) else { return notAMember() }
        return req.redirect(to: landing.path)
    }

    static func notAMember() -> Response {
        .html(ErrorPage.render(status: .forbidden, title: "You are not a member of any partnership",
                               message: "Ask your partnership's business unit to give you a role."), status: .forbidden)
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
