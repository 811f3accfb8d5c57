import Vapor

/// Every form carries a token tied to the session; a POST without the right one is refused.
/// The API is exempt: it does not use cookies, so a forged cross-site request carries no credential.
enum CSRF {
    static let field = "_csrf"
    static let sessionKey = "csrf"

    /// The session's token, made on first use.
    static func token(for req: Request) -> String {
        if let existing = req.session.data[sessionKey] { return existing }
        let token = Credentials.randomHex()
        req.session.data[sessionKey] = token
        return token
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        let sent = (try? request.content.get(String.self, at: CSRF.field)) ?? ""
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
