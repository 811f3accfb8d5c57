import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
@testable import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// RFC 6238 appendix B: the SHA-1 seed and eight-digit codes at the listed times.
@Suite("Authenticator codes (RFC 6238) and client addresses")
struct TOTPTests {
    static let seed = Array("12345678901234567890".utf8)

    @Test("RFC 6238 appendix B test vectors for HMAC-SHA1", arguments: [
        (59.0, "94287082"), (1111111109.0, "07081804"), (1111111111.0, "14050471"),
        (1234567890.0, "89005924"), (2000000000.0, "69279037"), (20000000000.0, "65353130"),
    ])
    func vectors(time: Double, expected: String) {
        let counter = TOTP.counter(at: Date(timeIntervalSince1970: time))
        #expect(TOTP.code(secret: Self.seed, counter: counter, digits: 8) == expected)
    }

    @Test("Six-digit codes are accepted one step either side of now and no further")
    func window() throws {
        let now = Date(timeIntervalSince1970: 1111111111)
        let step = TOTP.counter(at: now)
        for offset in -1...1 {
            let code = TOTP.code(secret: Self.seed, counter: step + Int64(offset))
            #expect(TOTP.matchingCounter(code, secret: Self.seed, at: now) == step + Int64(offset))
        }
        for offset in [-2, 2] {
            #expect(TOTP.matchingCounter(TOTP.code(secret: Self.seed, counter: step + Int64(offset)), secret: Self.seed, at: now) == nil)
        }
        #expect(TOTP.matchingCounter("12345", secret: Self.seed, at: now) == nil)
        #expect(TOTP.matchingCounter("１２３４５６", secret: Self.seed, at: now) == nil)
    }

    @Test("Base32 as authenticator apps write it, and the otpauth address")
    func base32() throws {
        #expect(Base32.encode(Self.seed) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == Self.seed)
        #expect(Base32.decode("not base32!") == nil)
        let uri = TOTP.uri(secret: Self.seed, account: "a.person@calderdale.example", issuer: "Safeguarding")
        #expect(uri == "otpauth://totp/Safeguarding:a.person@calderdale.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Safeguarding&algorithm=SHA1&digits=6&period=30")
    }

    @Test("The client address comes from X-Forwarded-For only through a trusted proxy, rightmost untrusted hop first")
    func clientAddress() {
        let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"], trustedProxies: proxies) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["198.51.100.1"], trustedProxies: proxies) == "198.51.100.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.1, 10.0.0.2"], trustedProxies: proxies) == "198.51.100.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: [], trustedProxies: proxies) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["1.2.3.4"], trustedProxies: proxies) == "unknown")
        #expect(ClientAddress.trustedProxies(parsing: " 10.0.0.1,10.0.0.2 ,") == proxies)
    }

    @Test("Secrets are sealed: the sealed text does not contain them and another key cannot open it")
    func sealing() throws {
        let box = SecretBox.ephemeral()
        let sealed = try box.seal(Self.seed)
        #expect(!sealed.contains(Base32.encode(Self.seed)))
        #expect(try box.open(sealed) == Self.seed)
        #expect(throws: (any Error).self) { try SecretBox.ephemeral().open(sealed) }
        #expect(SecretBox.parseKey(String(repeating: "ab", count: 32)) != nil)
        #expect(SecretBox.parseKey("short") == nil)
    }
}

extension AppTests {
    @Suite("Sessions, two-factor sign-in and the client address behind a proxy")
    struct AccountSecurityTests {
        static func userPath(_ email: String, _ app: Application) async throws -> String {
            let user = try #require(try await AccountStore.user(email: email, on: app.db))
            return "/partnerships/calderdale/users/" + user.id!.uuidString.lowercased()
        }

        @Test("Signing out deletes the session row on the server")
        func signOutDeletesRow() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                try await visitor.signIn("viewer@calderdale.example")
                let key = try #require(visitor.cookie?.split(separator: "=").last.map(String.init))
                #expect(try await StoredSession.query(on: app.db).filter(\.$key == key).count() == 1)
                _ = try await visitor.post("/logout", [:])
                #expect(try await StoredSession.query(on: app.db).filter(\.$key == key).count() == 0)
            }
        }

        @Test("The owner lists their sessions and ends another one or all others; each ending is audited")
        func ownSessions() async throws {
            try await withDemoApp { app in
                var laptop = Visitor(app)
                laptop.headers.replaceOrAdd(name: .userAgent, value: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/120.0")
                try await laptop.signIn("contributor@calderdale.example")
                var phone = Visitor(app)
                phone.headers.replaceOrAdd(name: .userAgent, value: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1")
                try await phone.signIn("contributor@calderdale.example")
                var tablet = Visitor(app)
                try await tablet.signIn("contributor@calderdale.example")

                let page = try await laptop.get("/account/sessions")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("Firefox on Windows"))
                #expect(body.contains("Safari on iPhone"))
                #expect(body.contains("3 signed-in sessions"))
                #expect(body.contains("This session"))

                let user = try #require(try await AccountStore.user(email: "contributor@calderdale.example", on: app.db))
                let phoneKey = try #require(phone.cookie?.split(separator: "=").last.map(String.init))
                let phoneRow = try #require(try await StoredSession.query(on: app.db).filter(\.$key == phoneKey).first())
                // Nobody ends a session that is not theirs.
                var stranger = Visitor(app)
                try await stranger.signIn("viewer@calderdale.example")
                #expect(try await stranger.post("/account/sessions/\(phoneRow.id!.uuidString.lowercased())/end", [:]).status == .notFound)
                #expect(try await phone.get("/partnerships/calderdale").status == .ok)

                let ended = try await laptop.post("/account/sessions/\(phoneRow.id!.uuidString.lowercased())/end", [:])
                #expect(ended.status == .seeOther)
                #expect(try await phone.get("/partnerships/calderdale").status == .seeOther)
                #expect(try await tablet.get("/partnerships/calderdale").status == .ok)

                #expect(try await laptop.post("/account/sessions/end-others", [:]).status == .seeOther)
                #expect(try await tablet.get("/partnerships/calderdale").status == .seeOther)
                #expect(try await laptop.get("/partnerships/calderdale").status == .ok)
                #expect(try await StoredSession.query(on: app.db).filter(\.$userID == user.id).count() == 1)
                let summaries = try await AuditEvent.query(on: app.db).filter(\.$action == "session_ended").all().map(\.summary)
                #expect(summaries.contains("Ended one of their own sessions"))
                #expect(summaries.contains("Ended their other sessions (1)"))
            }
        }

        @Test("An administrator sees a member's sessions and ends them; others may not")
        func administratorEndsSessions() async throws {
            try await withDemoApp { app in
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = try await Self.userPath("viewer@calderdale.example", app)
                let page = try await admin.get(path)
                #expect(page.body.string.contains("Signed in on 1 browser"))
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.post(path + "/sessions/end", [:]).status == .forbidden)
                #expect(try await viewer.get("/partnerships/calderdale").status == .ok)

                #expect(try await admin.post(path + "/sessions/end", [:]).status == .seeOther)
                #expect(try await viewer.get("/partnerships/calderdale").status == .seeOther)
                let summaries = try await AuditEvent.query(on: app.db).filter(\.$action == "session_ended").all().map(\.summary)
                #expect(summaries == ["Ended 1 session of viewer@calderdale.example"])
            }
        }

        /// The secret shown on the two-factor page, and the code for a time step.
        static func code(from page: String, step offset: Int64 = 0) throws -> (secret: [UInt8], code: String) {
            let start = try #require(page.range(of: "id=\"two-factor-secret\">"))
            let text = String(page[start.upperBound...].prefix { $0 != "<" })
            let secret = try #require(Base32.decode(text))
            return (secret, TOTP.code(secret: secret, counter: TOTP.counter(at: Date()) + offset))
        }

        @Test("Two-factor sign-in: enrol with a code, sign in with password then code, a used code is refused, recovery codes work once, off with the password")
        func twoFactor() async throws {
            try await withDemoApp { app in
                var person = Visitor(app)
                try await person.signIn("contributor@calderdale.example")
                #expect(try await person.post("/account/two-factor/start", [:]).status == .seeOther)
                let enrol = try await person.get("/account/two-factor").body.string
                #expect(enrol.contains("otpauth://totp/Safeguarding:contributor%40calderdale.example?secret=") || enrol.contains("otpauth://totp/Safeguarding:contributor@calderdale.example?secret="))
                let (secret, code) = try Self.code(from: enrol)
                // The secret is not stored as it is shown.
                let row = try #require(try await TwoFactorSecret.query(on: app.db).first())
                #expect(!row.sealedSecret.contains(Base32.encode(secret)))

                #expect(try await person.post("/account/two-factor/confirm", ["code": "000000"]).status == .unprocessableEntity
                        || code == "000000")
                let confirmed = try await person.post("/account/two-factor/confirm", ["code": code])
                #expect(confirmed.status == .ok)
                let recoveryList = try #require(confirmed.body.string.range(of: "id=\"recovery-codes\"")).upperBound
                let recovery = confirmed.body.string[recoveryList...].components(separatedBy: "<code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
                #expect(recovery.count == 10)
                let stored = try #require(try await TwoFactorSecret.query(on: app.db).first())
                #expect(!stored.recoveryDigests.contains(recovery[0]))

                // Password alone is not enough now.
                var laptop = Visitor(app)
                let password = try await laptop.post("/login", ["email": "contributor@calderdale.example", "password": "demo-password"])
                #expect(password.headers.first(name: .location) == "/login/code")
                #expect(try await laptop.get("/partnerships/calderdale").status == .seeOther)
                // The code already used to confirm is refused (no replay); the next step's code works.
                #expect(try await laptop.post("/login/code", ["code": code]).status == .unprocessableEntity)
                let next = TOTP.code(secret: secret, counter: TOTP.counter(at: Date()) + 1)
                let signedIn = try await laptop.post("/login/code", ["code": next])
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers.first(name: .location) == "/partnerships/calderdale")
                #expect(try await laptop.get("/partnerships/calderdale").status == .ok)

                // The same code again, in another sign-in, is refused; a recovery code works once.
                var phone = Visitor(app)
                _ = try await phone.post("/login", ["email": "contributor@calderdale.example", "password": "demo-password"])
                #expect(try await phone.post("/login/code", ["code": next]).status == .unprocessableEntity)
                #expect(try await phone.post("/login/code", ["code": recovery[0].uppercased()]).status == .seeOther)
                var tablet = Visitor(app)
                _ = try await tablet.post("/login", ["email": "contributor@calderdale.example", "password": "demo-password"])
                #expect(try await tablet.post("/login/code", ["code": recovery[0]]).status == .unprocessableEntity)

                // Off only with the password.
                #expect(try await laptop.post("/account/two-factor/disable", ["password": "wrong"]).status == .unprocessableEntity)
                #expect(try await laptop.post("/account/two-factor/disable", ["password": "demo-password"]).status == .seeOther)
                var later = Visitor(app)
                try await later.signIn("contributor@calderdale.example")
                #expect(try await later.get("/partnerships/calderdale").status == .ok)
                let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
                #expect(actions.contains("two_factor_on"))
                #expect(actions.contains("two_factor_off"))
            }
        }

        @Test("Five wrong codes send the person back to their password")
        func wrongCodes() async throws {
            try await withDemoApp { app in
                var person = Visitor(app)
                try await person.signIn("viewer@calderdale.example")
                _ = try await person.post("/account/two-factor/start", [:])
                let (_, code) = try Self.code(from: try await person.get("/account/two-factor").body.string)
                #expect(try await person.post("/account/two-factor/confirm", ["code": code]).status == .ok)
                var guesser = Visitor(app)
                _ = try await guesser.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                for _ in 1...4 { #expect(try await guesser.post("/login/code", ["code": "abc"]).status == .unprocessableEntity) }
                #expect(try await guesser.post("/login/code", ["code": "abc"]).headers.first(name: .location) == "/login")
                #expect(try await guesser.get("/login/code").headers.first(name: .location) == "/login")
            }
        }

        @Test("A partnership that requires two-factor sends roles that read restricted records to enrol first; other roles carry on")
        func requirement() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.post("/partnerships/calderdale/users/two-factor", ["required": "yes"]).status == .forbidden)
                #expect(try await admin.post("/partnerships/calderdale/users/two-factor", ["required": "maybe"]).status == .unprocessableEntity)
                #expect(try await admin.post("/partnerships/calderdale/users/two-factor", ["required": "yes"]).status == .seeOther)

                let sent = try await executive.get("/partnerships/calderdale")
                #expect(sent.status == .seeOther)
                #expect(sent.headers.first(name: .location) == "/account/two-factor")
                #expect(try await executive.get("/account/two-factor").body.string.contains("requires two-factor sign-in for your role"))
                var advisor = Visitor(app)
                try await advisor.signIn("young.advisor@calderdale.example")
                #expect(try await advisor.get("/partnerships/calderdale").status == .ok)

                _ = try await executive.post("/account/two-factor/start", [:])
                let (_, code) = try Self.code(from: try await executive.get("/account/two-factor").body.string)
                #expect(try await executive.post("/account/two-factor/confirm", ["code": code]).status == .ok)
                #expect(try await executive.get("/partnerships/calderdale").status == .ok)
                let summaries = try await AuditEvent.query(on: app.db).all().map(\.summary)
                #expect(summaries.contains("Required two-factor sign-in for roles that read restricted records"))
            }
        }

        @Test("Behind a trusted proxy the forwarded address keys the throttle; without one the header is ignored")
        func trustedProxy() async throws {
            try await withDemoApp { app in
                func attempt(_ forwarded: String, password: String) async throws -> HTTPStatus {
                    var visitor = Visitor(app)
                    visitor.method = .running(hostname: "127.0.0.1", port: 0)
                    visitor.headers.replaceOrAdd(name: .xForwardedFor, value: forwarded)
                    return try await visitor.post("/login", ["email": "viewer@calderdale.example", "password": password]).status
                }
                // (The running client follows redirects, so a sign-in is not completed here: a wrong
                // password that is checked answers 422, one refused unchecked 429.)
                app.appConfiguration.trustedProxies = ["127.0.0.1"]
                for _ in 1...5 { #expect(try await attempt("203.0.113.5", password: "wrong-password") == .unprocessableEntity) }
                #expect(try await attempt("203.0.113.5", password: "demo-password") == .tooManyRequests)
                // A client cannot choose its address: the proxy appended the real one on the right.
                #expect(try await attempt("198.51.100.7, 203.0.113.5", password: "demo-password") == .tooManyRequests)
                #expect(try await attempt("198.51.100.7", password: "wrong-password") == .unprocessableEntity)
                let addresses = try await AuditEvent.query(on: app.db).filter(\.$action == "sign_in_failed").all().compactMap(\.address)
                #expect(addresses.sorted() == ["198.51.100.7"] + Array(repeating: "203.0.113.5", count: 5))

                // Without a trusted proxy the header proves nothing: every attempt is from 127.0.0.1.
                app.appConfiguration.trustedProxies = []
                for index in 1...5 { #expect(try await attempt("192.0.2.\(index)", password: "wrong-password") == .unprocessableEntity) }
                #expect(try await attempt("192.0.2.99", password: "wrong-password") == .tooManyRequests)
            }
        }

        @Test("A browser that signed in before is not locked out by someone else's failures for the same account")
        func knownBrowser() async throws {
            try await withDemoApp { app in
                var owner = Visitor(app)
                try await owner.signIn("viewer@calderdale.example")
                #expect(owner.otherCookies[SecurityPages.deviceCookie] != nil)
                _ = try await owner.post("/logout", [:])
                var attacker = Visitor(app)
                for _ in 1...5 { _ = try await attacker.post("/login", ["email": "viewer@calderdale.example", "password": "wrong-password"]) }
                #expect(try await attacker.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"]).status == .tooManyRequests)
                try await owner.signIn("viewer@calderdale.example")
            }
        }

        @Test("The migration copies a locked person's state to every membership they hold")
        func migrationCopiesActive() async throws {
            try await withDemoApp { app in
                let migration = UpdateMembershipsAddActive()
                try await migration.revert(on: app.db)
                let viewer = try #require(try await AccountStore.user(email: "viewer@calderdale.example", on: app.db))
                viewer.isActive = false
                try await viewer.update(on: app.db)
                try await migration.prepare(on: app.db)
                let memberships = try await Membership.query(on: app.db).all()
                #expect(memberships.filter { !$0.isActive }.map(\.$user.id) == [viewer.id])
                #expect(memberships.filter(\.isActive).count == memberships.count - 1)
            }
        }
    }
}
