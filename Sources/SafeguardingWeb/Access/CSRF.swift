import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// Every form carries a token; a POST without the right one is refused. A signed-in session keeps
/// its token in the session. A visitor who is not signed in has no stored session (opening the
/// sign-in page writes nothing to the database), so their token is kept in a cookie of its own and
/// the form must send the same value back (a double-submit cookie: another site can neither read
/// the cookie nor, with SameSite, send it with a forged post).
/// The API is exempt: it does not use cookies, so a forged cross-site request carries no credential.
enum CSRF {
    static let field = "_csrf"
    static let sessionKey = "csrf"
    static let cookieName = "safeguarding_csrf"

    private struct NewCookieKey: StorageKey { typealias Value = String }

    /// The token the visitor's next form should carry, made on first use.
    static func token(for req: Request) -> String {
        if let existing = req.session.data[sessionKey] { return existing }
        if req.session.data["user"] != nil {
            let token = Hex.random()
            req.session.data[sessionKey] = token
            return token
        }
        if let pending = req.storage[NewCookieKey.self] { return pending }
        if let sent = req.cookies[cookieName]?.string, isWellFormed(sent) { return sent }
        let token = Hex.random()
        req.storage[NewCookieKey.self] = token
        return token
    }

    /// The token a post must match: the session's, else (not signed in) the cookie's.
    static func expected(for req: Request) -> String? {
        if let stored = req.session.data[sessionKey] { return stored }
        guard req.session.data["user"] == nil, let sent = req.cookies[cookieName]?.string, isWellFormed(sent) else { return nil }
        return sent
    }

    /// Sets the cookie on the answer when `token(for:)` made a new one for an anonymous visitor.
    static func setCookieIfNew(_ response: Response, for req: Request) {
        guard let token = req.storage[NewCookieKey.self] else { return }
        response.cookies[cookieName] = HTTPCookies.Value(string: token, expires: nil, maxAge: nil, domain: nil, path: "/",
                                                         isSecure: req.application.appConfiguration.secureCookies,
                                                         isHTTPOnly: true, sameSite: .strict)
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count >= 32 && token.utf8.count <= 128 && token.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Whether `sent` is the token this visitor was given, compared in constant time.
    static func matches(_ sent: String, for req: Request) -> Bool {
        guard let expected = expected(for: req), !sent.isEmpty else { return false }
        let x = Array(sent.utf8), y = Array(expected.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static let refusal = Abort(.forbidden, reason: "This form has expired or did not come from this site. Go back, reload the page and try again.")
}

struct CSRFMiddleware: AsyncMiddleware {
    struct Token: Decodable {
        let _csrf: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await respondSettingCookie(request, next) }
        // Uploads stream to disk; their handler checks the token once the form's fields are read.
        if request.route?.streamsUpload == true { return try await respondSettingCookie(request, next) }
        // The route's own limit, not a general one: a sign-in form is refused after a few kilobytes.
        if request.body.data == nil {
            do {
                _ = try await request.body.collect(max: request.bodyLimit).get()
            } catch {
                throw request.tooLarge()
            }
        }
        // Decoding one named field, not the whole body as text.
        let sent = (try? request.content.decode(Token.self))?._csrf ?? ""
        guard CSRF.matches(sent, for: request) else { throw CSRF.refusal }
        return try await respondSettingCookie(request, next)
    }

    private func respondSettingCookie(_ request: Request, _ next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        CSRF.setCookieIfNew(response, for: request)
        return response
    }
}

/// A session is stored only when it holds something: a visitor who only reads the sign-in page
/// (or any page without signing in) gets no row in the sessions table.
struct StoreOnlyUsedSessionsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.hasSession, request.session.id == nil, request.session.data.snapshot.isEmpty {
            request.session.destroy()
        }
        return response
    }
}
