import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Turns every error into a page a person can read, or a JSON body naming what went wrong.
/// Unexpected errors are logged in full and answered with a short message, never a stack trace.
struct ErrorResponseMiddleware: AsyncMiddleware {
    struct ErrorJSON: Content {
        let error: String
        let errors: [FieldError]?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    /// What the log may say about an unexpected error: its type and its plain description, redacted.
    /// `String(reflecting:)` is never used, because a database error's reflection carries the query's values.
    static func loggable(_ error: any Error) -> String {
        "\(String(reflecting: type(of: error))): \(LogRedaction.redact(String(describing: error)))"
    }

    func response(for error: any Error, request: Request) async -> Response {
        let status: HTTPResponseStatus
        var reason: String
        var fieldErrors: [FieldError]?
        var headers = HTTPHeaders()
        switch error {
        case let errors as ValidationErrors:
            status = .unprocessableEntity
            reason = "The request has \(errors.errors.count) problem\(errors.errors.count == 1 ? "" : "s")"
            fieldErrors = errors.errors
        case let denied as AccessDenied:
            status = .forbidden
            reason = denied.reason
        case let notFound as NotFound:
            status = .notFound
            reason = "There is no such \(notFound.what)."
        case let abort as any AbortError:
            status = abort.status
            reason = abort.reason
            headers = abort.headers
        default:
            // The route's pattern, never the path (a link's token is in it), and the error without
            // the query, binds or server detail a database error's debug description carries.
            request.logger.error("\(request.method) \(request.route.map { $0.path.map(\.description).joined(separator: "/") } ?? "unmatched route") failed: \(ErrorResponseMiddleware.loggable(error))")
            status = .internalServerError
            reason = "Something went wrong. The problem has been logged; try again later."
        }
        if status == .notFound, reason == status.reasonPhrase { reason = "There is no page at this address." }
        if request.url.path.hasPrefix("/api/") || request.url.path == "/healthz" || request.url.path == "/metrics" {
            let response = Response(status: status, headers: headers)
            try? response.content.encode(ErrorJSON(error: reason, errors: fieldErrors), as: .json)
            return response
        }
        let title: String = switch status {
        case .forbidden: "You do not have permission to see this page"
        case .notFound: "Page not found"
        case .unauthorized: "Sign in to see this page"
        case .payloadTooLarge: "What you sent is too large"
        case .internalServerError: "Sorry, there is a problem with the service"
        default: status.reasonPhrase
        }
        let signedIn = request.currentUser.map {
            PageFrame.SignedIn(name: $0.name, slug: nil, partnershipName: nil, roleLabel: nil, canManageUsers: false, canReadAudit: false)
        }
        let csrf = request.hasSession ? request.session.data[CSRF.sessionKey] : nil
        let response = Response.html(ErrorPage.render(status: status, title: title, message: reason, signedIn: signedIn, csrf: csrf), status: status)
        for (name, value) in headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
