import Vapor

/// Headers every answer carries, error answers included: no framing, no sniffing, no referrer
/// leaks, no script, and HSTS when the app is served over HTTPS.
///
/// It is the outermost middleware and turns a thrown error into its answer itself, so an
/// unmatched 404, an API error or a 500 page carries the same headers as a page.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Pages need nothing beyond their own origin: the stylesheet is `/assets/app.css`, charts are
    /// inline SVG elements without `style` attributes, no page uses a `data:` image, and there is
    /// no script at all. (The downloadable report file is self-contained and sets its own policy.)
    static let contentSecurityPolicy = "default-src 'self'; style-src 'self'; script-src 'none'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    /// A year, subdomains included; only sent when the configured public address is `https://`.
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = await ErrorResponseMiddleware().response(for: error, request: request)
        }
        Self.apply(to: response.headers, httpsOnly: request.application.appConfiguration.servesHTTPS).forEach { response.headers.replaceOrAdd(name: $0.name, value: $0.value) }
        return response
    }

    /// The headers to set on an answer that already has `existing`.
    static func apply(to existing: HTTPHeaders, httpsOnly: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ]
        // A handler may set a stricter policy of its own (the self-contained report file does).
        if !existing.contains(name: "Content-Security-Policy") { headers.append(("Content-Security-Policy", contentSecurityPolicy)) }
        if httpsOnly { headers.append(("Strict-Transport-Security", strictTransportSecurity)) }
        return headers
    }
}

/// Compares the metrics token without stopping at the first differing byte.
enum MetricsToken {
    static func matches(_ sent: String, _ expected: String) -> Bool {
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
