import Foundation
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// The headers every answer must carry; `where` names the request in a failure.
func expectSecurityHeaders(_ headers: HTTPHeaders, https: Bool = false, _ where: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", "\(`where`): X-Content-Type-Options", sourceLocation: sourceLocation)
    #expect(headers.first(name: "X-Frame-Options") == "DENY", "\(`where`): X-Frame-Options", sourceLocation: sourceLocation)
    #expect(headers.first(name: "Referrer-Policy") == "same-origin", "\(`where`): Referrer-Policy", sourceLocation: sourceLocation)
    let policy = headers.first(name: "Content-Security-Policy") ?? ""
    #expect(policy.contains("frame-ancestors 'none'"), "\(`where`): CSP without frame-ancestors 'none': \(policy)", sourceLocation: sourceLocation)
    #expect(!policy.contains("script-src") || policy.contains("script-src 'none'"), "\(`where`): CSP allows script: \(policy)", sourceLocation: sourceLocation)
    #expect(policy.contains("default-src"), "\(`where`): CSP without default-src: \(policy)", sourceLocation: sourceLocation)
    let hsts = headers.first(name: "Strict-Transport-Security")
    if https {
        #expect(hsts == "max-age=31536000; includeSubDomains", "\(`where`): HSTS over HTTPS", sourceLocation: sourceLocation)
    } else {
        #expect(hsts == nil, "\(`where`): HSTS sent although the app is not configured for HTTPS", sourceLocation: sourceLocation)
    }
}

extension AppTests {
    @Suite("Security headers on every answer, error answers included")
    struct SecurityHeaderTests {
        struct Boom: Error {}

        @Test("Unmatched 404s, API errors, refused metrics and a 500 carry the same headers as a page")
        func errorAnswers() async throws {
            try await withDemoApp { app in
                // A route that fails unexpectedly, as a bug would: the 500 page must carry the headers too.
                app.get("test-only-failure") { _ -> String in throw Boom() }
                let cases: [(HTTPMethod, String, HTTPStatus)] = [
                    (.GET, "/login", .ok),
                    (.GET, "/assets/app.css", .ok),
                    (.GET, "/no-such-page", .notFound),
                    (.GET, "/partnerships/calderdale/no-such-page", .notFound),
                    (.GET, "/api/v1/no-such-route", .notFound),
                    (.GET, "/api/v1/me", .unauthorized),
                    (.POST, "/api/v1/partnerships/calderdale/sources", .unauthorized),
                    (.GET, "/metrics", .notFound),
                    (.GET, "/partnerships/calderdale", .seeOther),
                    (.POST, "/login", .forbidden),
                    (.GET, "/test-only-failure", .internalServerError),
                ]
                for (method, path, status) in cases {
                    try await app.testing().test(method, path) { res in
                        #expect(res.status == status, "\(method) \(path)")
                        expectSecurityHeaders(res.headers, "\(method) \(path) (\(res.status.code))")
                    }
                }
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let error = try await app.api(.POST, "/api/v1/partnerships/calderdale/sources", token: token, json: "{not json")
                #expect([.badRequest, .forbidden, .unprocessableEntity].contains(error.status))
                expectSecurityHeaders(error.headers, "API error \(error.status.code)")
            }
        }

        @Test("HSTS is sent when the public address is https, and only then")
        func hsts() async throws {
            try await withDemoApp { app in
                app.appConfiguration.publicURL = "https://safeguarding.example.org"
                for path in ["/login", "/no-such-page", "/api/v1/me"] {
                    try await app.testing().test(.GET, path) { res in expectSecurityHeaders(res.headers, https: true, "GET \(path) over https") }
                }
                app.appConfiguration.publicURL = "http://localhost:8080"
                try await app.testing().test(.GET, "/login") { res in expectSecurityHeaders(res.headers, https: false, "GET /login over http") }
            }
        }
    }
}
