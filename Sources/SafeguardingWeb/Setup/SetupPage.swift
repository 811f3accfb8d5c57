import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The one-time set-up page of a new installation: the partnership, the local authorities it
/// covers, and its first administrator.
enum SetupPage {
    /// How many local authorities the form offers; a partnership with more adds them later from
    /// the command line.
    static let authorityChoices = 3

    struct Model {
        var token: String
        var values: [String: String] = [:]
        var errors: [FieldError] = []
        var csrf: String
    }

    static func render(authorities: [LocalAuthority], _ model: Model) -> String {
        let options = authorities.map { (value: $0.code, label: "\($0.name) (\($0.code))") }
        return Layout.page(PageFrame(title: "Set up Safeguarding", signedIn: nil)) {
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(model.errors)
                Components.heading("Set up Safeguarding", caption: "A new installation")
                el("p", .class("app-body-text")) {
                    "This link works once. It creates your partnership, with the official figures for its local authorities, and you as its first administrator. You can invite everyone else after signing in."
                }
                el("form", .method("post"), .action(SiteRoute.setup(token: model.token).path), .init("novalidate", nil)) {
                    Components.csrfField(model.csrf)
                    el("h2", .class("app-heading-m")) { "Your partnership" }
                    Components.textInput(name: "name", label: "Full name", value: model.values["name"], errors: model.errors,
                                         hint: "For example, Kirklees Safeguarding Children Partnership")
                    Components.textInput(name: "short_name", label: "Short name", value: model.values["short_name"], errors: model.errors,
                                         hint: "For example, KSCP", width: "app-input--half")
                    Components.textInput(name: "slug", label: "Web address name", value: model.values["slug"], errors: model.errors,
                                         hint: "Lower-case letters, digits and hyphens; it appears in every address, for example kirklees",
                                         width: "app-input--half")
                    for index in 1...authorityChoices {
                        let name = index == 1 ? "local_authority" : "local_authority_\(index)"
                        Components.select(name: name, label: index == 1 ? "Local authority" : "Another local authority (optional)",
                                          options: options, selected: model.values[name], errors: model.errors,
                                          includeBlank: index == 1 ? "Choose a local authority" : "None")
                    }
                    el("h2", .class("app-heading-m")) { "You, the first administrator" }
                    Components.textInput(name: "admin_name", label: "Your name", value: model.values["admin_name"], errors: model.errors, autocomplete: "name")
                    Components.textInput(name: "admin_email", label: "Your email address", value: model.values["admin_email"], errors: model.errors,
                                         type: "email", autocomplete: "username")
                    Components.textInput(name: "password", label: "Choose a password", value: nil, errors: model.errors,
                                         hint: "At least 12 characters. A few unusual words together work well.",
                                         type: "password", autocomplete: "new-password", width: "app-input--half")
                    Components.button("Set up the partnership")
                }
            }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard try await InstallationSetup.canUse(token: token, req.context) else { return linkRefused() }
        return .html(render(authorities: try InstallationSetup.localAuthorities(), Model(token: token, csrf: CSRF.token(for: req))))
    }

    static func submit(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard try await InstallationSetup.canUse(token: token, req.context) else { return linkRefused() }
        var fields = req.formFields()
        // The chosen local authorities travel as one comma-separated field to the partnership's rules.
        let codes = (1...authorityChoices).compactMap { index in fields[index == 1 ? "local_authority" : "local_authority_\(index)"] }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        fields["local_authorities"] = codes.joined(separator: ",")
        let draft: InstallationSetup.Draft
        do {
            draft = try InstallationSetup.Draft.validate(fields)
        } catch {
            let errors = error.errors.map { $0.field == "local_authorities" ? FieldError(field: "local_authority", message: $0.message) : $0 }
            return .html(render(authorities: try InstallationSetup.localAuthorities(), Model(token: token, values: fields, errors: errors, csrf: CSRF.token(for: req))), status: .unprocessableEntity)
        }
        let cost = req.application.appConfiguration.passwordCost
        let password = draft.administrator.password
        let hash = try await req.application.passwordHashing.runIfActive { try Credentials.hash(password, cost: cost) }
        do {
            _ = try await InstallationSetup.complete(token: token, draft, passwordHash: hash, address: req.clientAddress, req.context)
        } catch let error as ValidationErrors {
            return .html(render(authorities: try InstallationSetup.localAuthorities(), Model(token: token, values: fields, errors: error.errors, csrf: CSRF.token(for: req))), status: .unprocessableEntity)
        }
        req.application.installationGate.markSetUp()
        req.flash("Your partnership is set up. Sign in with the email address and password you chose.")
        return req.redirect(to: SiteRoute.signIn.path)
    }

    static func linkRefused() -> Response {
        .html(ErrorPage.render(status: .notFound, title: "This set-up link cannot be used",
                               message: "A set-up link works once, and only while the installation has no partnership. Restart the server to print a new one, or sign in if the installation is already set up."),
              status: .notFound)
    }
}

/// Until the installation has a partnership, every page except the set-up page, the stylesheet
/// and the health check says so. Once set up it stays set up, so the answer is remembered.
final class InstallationGate: @unchecked Sendable {
    private let lock = NSLock()
    private var setUp = false

    func markSetUp() { lock.withLock { setUp = true } }

    func isSetUp(_ context: AppContext) async throws -> Bool {
        if lock.withLock({ setUp }) { return true }
        let answer = try await InstallationSetup.isSetUp(context)
        if answer { markSetUp() }
        return answer
    }
}

struct InstallationGateMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        let open = path.hasPrefix("/setup/") || path == SiteRoute.stylesheet.path || path == "/healthz" || path == "/metrics"
        if open { return try await next.respond(to: request) }
        if try await request.application.installationGate.isSetUp(request.context) {
            return try await next.respond(to: request)
        }
        return .html(ErrorPage.render(status: .serviceUnavailable, title: "This installation is not set up yet",
                                      message: "Whoever installed Safeguarding sets it up with the one-time link the server printed when it started. Restart the server to print a new link."),
                     status: .serviceUnavailable)
    }
}

extension Application {
    private struct InstallationGateKey: StorageKey { typealias Value = InstallationGate }

    var installationGate: InstallationGate {
        if let gate = storage[InstallationGateKey.self] { return gate }
        let gate = InstallationGate()
        storage[InstallationGateKey.self] = gate
        return gate
    }
}
