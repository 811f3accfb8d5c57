import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Vapor

extension Account: Authenticatable {}

/// Who is asking and where: the application layer's `Viewer`, resolved once per request by
/// `Request.partnershipAccess()`.
typealias PartnershipAccess = Viewer

extension Request {
    /// The signed-in user from the session (pages) or the bearer token (API), if any.
    var currentUser: Account? { auth.get(Account.self) }

    /// The client's address: the peer's, or behind a configured trusted proxy the one it forwards
    /// (`ClientAddress`). Used for the sign-in throttle and the audit log.
    var clientAddress: String {
        ClientAddress.resolve(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
                              trustedProxies: application.appConfiguration.trustedProxies)
    }

    /// Resolves `:slug` and checks the user belongs to that partnership. Someone who does not
    /// belong gets "not found", so a partnership's existence is not given away.
    func partnershipAccess() async throws -> Viewer {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        guard let slug = parameters.get("slug") else { throw NotFound("partnership at this address") }
        return try await Viewer.resolve(user: user, slug: slug, address: clientAddress,
                                          today: context.today, on: context.database)
    }

    /// Today's date (live, or pinned by the configuration) and the database, for use cases.
    var context: AppContext {
        AppContext(database: application.database.database(logger: logger, on: eventLoop, counter: queryCounter), today: today)
    }

    /// Counts this request's database queries, for `/metrics`.
    var queryCounter: QueryCounter {
        if let counter = storage[QueryCounterKey.self] { return counter }
        let counter = QueryCounter()
        storage[QueryCounterKey.self] = counter
        return counter
    }

    /// Today's date as the app sees it: pinned by `SAFEGUARDING_TODAY`, else the day in England.
    var today: CalendarDate { application.appConfiguration.clock.today() }

    /// A UUID path parameter; a malformed one is "not found", never a server error.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "There is no such record.")
        }
        return id
    }

    func yearParameter() throws -> ReportingYear {
        guard let text = parameters.get("year"), let year = ReportingYear(text) else {
            throw Abort(.notFound, reason: "Reporting years are written like 2023-24.")
        }
        return year
    }
}

private struct QueryCounterKey: StorageKey {
    typealias Value = QueryCounter
}

/// Loads the user named in the session. Pages that need one send visitors without one to sign in.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let text = request.session.data["user"], let id = UUID(uuidString: text),
           let user = try await SignIn.activeAccount(id: id, request.context) {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}

struct RequireSignInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            return request.redirect(to: SiteRoute.signIn.path)
        }
        return try await next.respond(to: request)
    }
}

/// The API's bearer tokens: `Authorization: Bearer sgd_…`. No valid token, 401.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Send an API token in the Authorization header: Bearer TOKEN")
        }
        guard let user = try await SignIn.account(forToken: bearer.token, request.context) else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""], reason: "The API token is not valid")
        }
        request.auth.login(user)
        return try await next.respond(to: request)
    }
}
