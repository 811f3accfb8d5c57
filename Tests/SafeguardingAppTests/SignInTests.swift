import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    @Suite("Sign-in, sessions and form tokens")
    struct SignInTests {
        @Test("The health check names the database; metrics are Prometheus text, behind the metrics token")
        func health() async throws {
            try await withDemoApp { app in
                try await app.testing().test(.GET, "/healthz") { res in
                    #expect(res.status == .ok)
                    let body = try res.content.decode([String: String].self)
                    #expect(body == ["status": "ok", "database": testDatabase.kindName])
                }
                // Off until a scraper's token is configured; then only that token opens it.
                try await app.testing().test(.GET, "/metrics") { res in #expect(res.status == .notFound) }
                app.appConfiguration.metricsToken = "scraper-token-0123456789abcdef"
                try await app.testing().test(.GET, "/metrics") { res in
                    #expect(res.status == .unauthorized)
                    #expect(!res.body.string.contains("safeguarding_http_requests_total"))
                }
                try await app.testing().test(.GET, "/metrics", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: "scraper-token-0123456789abcdeX")
                }) { res in #expect(res.status == .unauthorized) }
                let demoToken = try await apiToken(for: "admin@calderdale.example", on: app)
                try await app.testing().test(.GET, "/metrics", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: demoToken)
                }) { res in #expect(res.status == .unauthorized, "an administrator's API token is not the metrics token") }
                try await app.testing().test(.GET, "/metrics", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: "scraper-token-0123456789abcdef")
                }) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("safeguarding_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))
                    #expect(res.body.string.contains("safeguarding_info{database=\"\(testDatabase.kindName)\"} 1"))
                }
            }
        }

        @Test("Signing in with the right password opens the dashboard and records it in the audit log")
        func signIn() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                let response = try await admin.post("/login", ["email": "Admin@Calderdale.example ", "password": "demo-password"])
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/partnerships/calderdale")
                let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("safeguarding_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("Secure"))
                #expect(cookie.contains("SameSite=Lax"))
                let dashboard = try await admin.get("/partnerships/calderdale")
                #expect(dashboard.status == .ok)
                #expect(dashboard.body.string.contains("207,700"))
                #expect(dashboard.body.string.contains("49,400"))
                let audit = try await admin.get("/partnerships/calderdale/audit")
                #expect(audit.body.string.contains("Signed in"))
            }
        }

        @Test("A wrong password is refused with a message and the same session id is not reused after sign-in")
        func wrongPassword() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                let response = try await visitor.post("/login", ["email": "admin@calderdale.example", "password": "not-the-password"])
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains("Enter a correct email address and password"))
                #expect(response.body.string.contains("govuk-error-summary"))
                let before = visitor.cookie
                try await visitor.signIn("admin@calderdale.example")
                #expect(visitor.cookie != nil && visitor.cookie != before)
            }
        }

        @Test("Missing and malformed emails get their own messages")
        func malformed() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                let empty = try await visitor.post("/login", ["email": "", "password": ""])
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.body.string.contains("Enter your email address"))
                #expect(empty.body.string.contains("Enter your password"))
                let bad = try await visitor.post("/login", ["email": "not an email", "password": "x"])
                #expect(bad.body.string.contains("Enter an email address in the right format"))
            }
        }

        @Test("Five failures lock the account's sign-in, even with the right password")
        func throttling() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                for _ in 1...5 {
                    let response = try await visitor.post("/login", ["email": "viewer@calderdale.example", "password": "wrong-password"])
                    #expect(response.status == .unprocessableEntity)
                }
                let locked = try await visitor.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                #expect(locked.status == .tooManyRequests)
                #expect(locked.body.string.contains("Too many failed attempts to sign in"))
                // Another account is not locked by them.
                try await visitor.signIn("admin@calderdale.example")
            }
        }

        @Test("A form posted without its token, or with another session's token, is refused")
        func csrf() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                _ = try await visitor.get("/login")
                let without = try await visitor.post("/login", ["email": "admin@calderdale.example", "password": "demo-password"], csrf: false)
                #expect(without.status == .forbidden)
                #expect(without.body.string.contains("This form has expired"))

                var other = Visitor(app)
                let foreign = try await other.token()
                let forged = try await visitor.post("/login", ["email": "admin@calderdale.example", "password": "demo-password", "_csrf": foreign])
                #expect(forged.status == .forbidden)

                try await visitor.signIn("admin@calderdale.example")
                let addWithout = try await visitor.post("/partnerships/calderdale/organisations", ["name": "Forged", "kind": "relevant_agency", "sector": "other"], csrf: false)
                #expect(addWithout.status == .forbidden)
                let organisations = try await visitor.get("/partnerships/calderdale/organisations")
                #expect(!organisations.body.string.contains("Forged"))
            }
        }

        @Test("Sessions expire: an old anonymous session is swept away and an expired one is not honoured")
        func sessionExpiry() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                try await visitor.signIn("viewer@calderdale.example")
                #expect(try await visitor.get("/partnerships/calderdale").status == .ok)
                // Reading pages does not rewrite the session each time.
                let before = try #require(try await StoredSession.query(on: app.db).all().first { visitor.cookie?.hasSuffix($0.key) == true })
                _ = try await visitor.get("/partnerships/calderdale/organisations")
                let after = try #require(try await StoredSession.find(before.id, on: app.db))
                #expect(after.expiresAt == before.expiresAt)

                // Age every session past its expiry: the signed-in visitor must sign in again.
                for session in try await StoredSession.query(on: app.db).all() {
                    session.expiresAt = Date().addingTimeInterval(-60)
                    try await session.update(on: app.db)
                }
                let expired = try await visitor.get("/partnerships/calderdale")
                #expect(expired.status == .seeOther)
                // A new visitor's session sweeps the expired rows away.
                var newcomer = Visitor(app)
                _ = try await newcomer.get("/login")
                let remaining = try await StoredSession.query(on: app.db).all()
                #expect(remaining.allSatisfy { $0.expiresAt > Date() })
            }
        }

        @Test("Signing out ends the session")
        func signOut() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                try await visitor.signIn("executive@calderdale.example")
                let oldCookie = visitor.cookie
                let out = try await visitor.post("/logout", [:])
                #expect(out.status == .seeOther)
                #expect(out.headers.first(name: .location) == "/login")
                visitor.cookie = oldCookie
                let after = try await visitor.get("/partnerships/calderdale")
                #expect(after.status == .seeOther)
                #expect(after.headers.first(name: .location) == "/login")
            }
        }

        @Test("Pages need a signed-in member of the partnership")
        func membersOnly() async throws {
            try await withDemoApp { app in
                var stranger = Visitor(app)
                let anonymous = try await stranger.get("/partnerships/calderdale/organisations")
                #expect(anonymous.status == .seeOther)

                // A user of another partnership gets "not found", not the page.
                let other = Partnership(name: "Kirklees Safeguarding Children Partnership", shortName: "KSCP", slug: "kirklees",
                                        localAuthorityCode: "E08000034", localAuthorityName: "Kirklees")
                try await other.create(on: app.db)
                let user = User(email: "admin@kirklees.example", name: "Kirklees admin", passwordHash: try Credentials.hash("kirklees-password", cost: 4))
                try await user.create(on: app.db)
                try await Membership(userID: user.requireID(), partnershipID: other.requireID(), role: .administrator, organisationID: nil).create(on: app.db)
                try await stranger.signIn("admin@kirklees.example", password: "kirklees-password")
                let foreign = try await stranger.get("/partnerships/calderdale/organisations")
                #expect(foreign.status == .notFound)
                #expect(!foreign.body.string.contains("West Yorkshire Police"))
                let own = try await stranger.get("/partnerships/kirklees")
                #expect(own.status == .ok)
            }
        }

        @Test("Unknown pages and malformed ids are 404 pages, not errors")
        func notFound() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                for path in ["/nowhere", "/partnerships/calderdale/organisations/not-a-uuid/edit",
                             "/partnerships/calderdale/organisations/\(UUID())/edit", "/partnerships/calderdale/finance/2023",
                             "/partnerships/calderdale/subgroups/\(UUID())"] {
                    let response = try await admin.get(path)
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.body.string.contains("<h1"), "\(path)")
                }
            }
        }
    }
}
