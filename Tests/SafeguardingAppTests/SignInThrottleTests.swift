import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    /// The findings of issue 15 about sign-in: throttling that held only one request at a time,
    /// keyed so that one address locked everyone behind it out, and "active" on the person rather
    /// than their membership. Only the HTTP surface is used, so the tests ran on the code before the fix.
    @Suite("Sign-in throttling under load, and locking per partnership")
    struct SignInThrottleTests {
        @Test("60 concurrent wrong passwords for one account: no more than the limit of 5 are checked, and none answers 500")
        func concurrentWrongPasswords() async throws {
            try await withDemoApp { app in
                var visitors: [Visitor] = []
                for _ in 0..<60 {
                    var visitor = Visitor(app)
                    _ = try await visitor.token()
                    visitors.append(visitor)
                }
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for visitor in visitors {
                        group.addTask {
                            var visitor = visitor
                            return try await visitor.post("/login", ["email": "viewer@calderdale.example", "password": "wrong-password"]).status
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.count == 60)
                #expect(!statuses.contains { $0.code >= 500 }, "statuses: \(statuses.map(\.code))")
                let checked = statuses.filter { $0 == .unprocessableEntity }.count
                let refused = statuses.filter { $0 == .tooManyRequests }.count
                print("concurrent sign-in: 60 attempts, \(checked) checked, \(refused) refused unchecked")
                #expect(checked <= 5)
                #expect(checked + refused == 60)
                // Each checked attempt wrote one failed sign-in to the audit log; no more were checked than that.
                let failures = try await AuditEvent.query(on: app.db).filter(\.$action == "sign_in_failed").count()
                #expect(failures == checked)
            }
        }

        @Test("Failures from one address for other accounts do not refuse a correct password of an account that is not locked")
        func oneAddressDoesNotLockOthersOut() async throws {
            try await withDemoApp { app in
                // In-process requests share one client address, as every user behind a reverse proxy does.
                var attacker = Visitor(app)
                for index in 1...21 {
                    let response = try await attacker.post("/login", ["email": "nobody\(index)@elsewhere.example", "password": "guess-\(index)"])
                    #expect(response.status == .unprocessableEntity)
                }
                var colleague = Visitor(app)
                let response = try await colleague.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                #expect(response.status == .seeOther, "a correct password from the same address answered \(response.status)")
            }
        }

        @Test("Locking a person in one partnership leaves their other partnership open to them")
        func lockIsPerPartnership() async throws {
            try await withDemoApp { app in
                let other = Partnership(name: "Kirklees Safeguarding Children Partnership", shortName: "KSCP", slug: "kirklees",
                                        localAuthorityCode: "E08000034", localAuthorityName: "Kirklees")
                try await other.create(on: app.db)
                let viewer = try #require(try await AccountStore.user(email: "viewer@calderdale.example", on: app.db))
                try await Membership(userID: viewer.requireID(), partnershipID: other.requireID(), role: .viewer, organisationID: nil).create(on: app.db)

                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/users/\(viewer.id!.uuidString.lowercased())/lock"
                #expect(try await admin.post(path, [:]).status == .seeOther)

                var person = Visitor(app)
                let signIn = try await person.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                #expect(signIn.status == .seeOther, "sign-in answered \(signIn.status)")
                #expect(try await person.get("/partnerships/kirklees").status == .ok)
                #expect(try await person.get("/partnerships/calderdale").status != .ok)
                #expect(!(try await person.get("/partnerships/calderdale/organisations").body.string.contains("West Yorkshire Police")))
            }
        }
    }
}
