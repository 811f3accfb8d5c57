import SafeguardingApplication
import Vapor

/// Each route's largest body, known before any of it is read. A route registered with
/// `post(_:limit:use:)` or `upload(_:limit:use:)` has its own; every other route has
/// `routes.defaultMaxBodySize`. `BodyLimitMiddleware` refuses a body whose declared length is
/// too large before reading it, and the collection (or an upload's streaming) stops at the limit.
enum BodyLimits {
    /// Sign-in and the other forms anyone may post: a few kilobytes of fields.
    static let anonymousForm: ByteCount = "16kb"
    /// A public survey's answers, free text included.
    static let publicSurvey: ByteCount = "64kb"
    /// Every other form and API body.
    static let ordinary: ByteCount = "512kb"
    /// Data returns and extracts, through the form or the API (streamed to disk, never held in memory).
    static let upload: ByteCount = "64mb"

    fileprivate static let limitKey = "safeguarding.bodyLimit"
    fileprivate static let streamsKey = "safeguarding.streamsUpload"
}

extension Route {
    /// An upload route: its body is streamed to disk by the handler, not collected first.
    var streamsUpload: Bool { userInfo[BodyLimits.streamsKey] as? Bool ?? false }
    fileprivate var bodyLimit: Int? { userInfo[BodyLimits.limitKey] as? Int }
}

extension Request {
    /// The most this request's route accepts as a body, in bytes.
    var bodyLimit: Int { route?.bodyLimit ?? application.routes.defaultMaxBodySize.value }

    /// The body's length as declared by the client, if it declared one.
    var declaredBodyLength: Int? { headers.first(name: .contentLength).flatMap { Int($0) } }

    /// The answer for a body over the route's limit.
    func tooLarge() -> Abort {
        let limit = bodyLimit
        let size = limit >= 1 << 20 ? "\(limit >> 20) MB" : "\(limit >> 10) kB"
        return Abort(.payloadTooLarge, reason: "What was sent is too large: this address accepts at most \(size).")
    }
}

extension RoutesBuilder {
    /// A form post with its own body limit.
    @discardableResult
    func post(_ route: SiteRoute, limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let registered = on(.POST, route.pattern, body: .collect(maxSize: limit), use: handler)
        registered.userInfo[BodyLimits.limitKey] = limit.value
        return registered
    }

    /// An upload: the handler streams the body (see `UploadStream`), up to `limit` bytes.
    @discardableResult
    func upload(_ path: [PathComponent], limit: ByteCount = BodyLimits.upload,
                use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let registered = on(.POST, path, body: .stream, use: handler)
        registered.userInfo[BodyLimits.limitKey] = limit.value
        registered.userInfo[BodyLimits.streamsKey] = true
        return registered
    }
}

/// Refuses, before reading it, a body whose declared length is over its route's limit.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = request.declaredBodyLength, length > request.bodyLimit { throw request.tooLarge() }
        return try await next.respond(to: request)
    }
}
