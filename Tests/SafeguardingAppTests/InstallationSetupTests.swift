import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    @Suite("A new installation is set up once, through a link printed on the console")
    struct InstallationSetupTests {
        static func formToken(_ body: String) throws -> String {
            let range = try #require(body.range(of: "name=\"_csrf\" value=\""))
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }

        static let good: [String: String] = [
            "name": "Kirklees Safeguarding Children Partnership", "short_name": "KSCP", "slug": "kirklees",
            "local_authority": "E08000034", "admin_name": "Business unit manager", "admin_email": "admin@kirklees.example",
            "password": "a long first password for kirklees",
        ]

        @Test("Until set up, pages say so; the link creates the partnership and its administrator, once")
        func setUpOnce() async throws {
            try await withEmptyApp { app in
                let context = AppContext(database: app.db, today: CalendarDate(year: 2026, month: 12, day: 3)!)
                var visitor = Visitor(app)
                let login = try await visitor.get("/login")
                #expect(login.status == .serviceUnavailable)
                #expect(login.body.string.contains("not set up"))
                #expect(try await visitor.get("/healthz").status == .ok)

                let token = try #require(try await InstallationSetup.issueLink(context))
                let second = try #require(try await InstallationSetup.issueLink(context))
                #expect(try await visitor.get("/setup/not-a-token").status == .notFound)
                let page = try await visitor.get("/setup/\(token)")
                #expect(page.status == .ok)
                let csrf = try Self.formToken(page.body.string)

                // Every problem at once, each named, nothing created.
                var bad = Self.good
                bad["local_authority"] = "E08000099"
                bad["password"] = "short"
                bad["admin_email"] = "not an address"
                bad["_csrf"] = csrf
                let refused = try await visitor.post("/setup/\(token)", bad, csrf: false)
                #expect(refused.status == .unprocessableEntity)
                let text = refused.body.string
                #expect(text.contains("E08000099"))
                #expect(text.contains("12 characters"))
                #expect(text.contains("right format"))
                #expect(try await Partnership.query(on: app.db).count() == 0)

                var good = Self.good
                good["_csrf"] = csrf
                let done = try await visitor.post("/setup/\(token)", good, csrf: false)
                #expect(done.status == .seeOther)
                let partnership = try #require(try await RegisterStore.partnership(slug: "kirklees", on: app.db))
                #expect(partnership.localAuthorityCode == "E08000034")
                let admin = try #require(try await AccountStore.user(email: "admin@kirklees.example", on: app.db))
                let member = try await AccountStore.member(admin.requireID(), of: partnership, on: app.db)
                #expect(member.membership.role == .administrator)

                // Used once: this link and the other instance's link are both retired.
                #expect(try await visitor.get("/setup/\(token)").status == .notFound)
                #expect(try await visitor.get("/setup/\(second)").status == .notFound)
                #expect(try await InstallationSetup.issueLink(context) == nil)

                try await visitor.signIn("admin@kirklees.example", password: Self.good["password"]!)
                let indicators = try await visitor.get("/partnerships/kirklees/indicators")
                #expect(indicators.status == .ok)
                #expect(indicators.body.string.contains("Children looked after"))
            }
        }
    }
}
