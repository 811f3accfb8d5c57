import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Every form carries a token tied to the session; a POST without the right one is refused.
/// The API is exempt: it does not use cookies, so a forged cross-site request carries no credential.
enum CSRF {
    static let field = "_csrf"
    static let sessionKey = "csrf"

    /// The session's token, made on first use.
    static func token(for req: Request) -> String {
        if let existing = req.session.data[sessionKey] { return existing }
        let token = Hex.random()
        req.session.data[sessionKey] = token
        return token
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    struct Token: Decodable {
        let _csrf: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        // Middleware runs before a route collects its body; a larger upload still arrives in pieces.
        if request.body.data == nil {
            let limit = request.headers.contentType == .formData ? 64 * 1024 * 1024 : 2 * 1024 * 1024
            _ = try await request.body.collect(max: limit).get()
        }
        // Decoding one named field, not the whole body as text: a multipart upload carries binary files.
        let sent = (try? request.content.decode(Token.self))?._csrf ?? ""
        guard let expected = request.hasSession ? request.session.data[CSRF.sessionKey] : nil,
              !sent.isEmpty, constantTimeEqual(sent, expected) else {
            throw Abort(.forbidden, reason: "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
