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
    @Suite("The JSON API")
    struct APITests {
        @Test("No token or a wrong token is 401")
        func unauthorised() async throws {
            try await withDemoApp { app in
                let none = try await app.api(.GET, "/api/v1/partnerships/calderdale/organisations", token: nil)
                #expect(none.status == .unauthorized)
                #expect(none.headers.contentType == .json)
                let wrong = try await app.api(.GET, "/api/v1/partnerships/calderdale/organisations", token: "sgd_nope")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.body.string.contains("The API token is not valid"))
            }
        }

        @Test("Organisations are a JSON array with name and kind")
        func organisations() async throws {
            try await withDemoApp { app in
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let response = try await app.api(.GET, "/api/v1/partnerships/calderdale/organisations", token: token)
                #expect(response.status == .ok)
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(array.count == 28)
                let police = try #require(array.first { $0["name"] as? String == "West Yorkshire Police" })
                #expect(police["kind"] as? String == "police")
                #expect(police["joined_on"] as? String == "2019-09-29")
                #expect(police["left_on"] == nil)
                let other = try await app.api(.GET, "/api/v1/partnerships/elsewhere/organisations", token: token)
                #expect(other.status == .notFound)
            }
        }

        @Test("Finance for a year has its contributions and total in pence")
        func finance() async throws {
            try await withDemoApp { app in
                let token = try await apiToken(for: "executive@calderdale.example", on: app)
                let response = try await app.api(.GET, "/api/v1/partnerships/calderdale/finance/2023-24", token: token)
                #expect(response.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
                #expect(json["total_pence"] as? Int == 25_831_000)
                #expect((json["contributions"] as? [[String: Any]])?.count == 5)
                #expect(json["first_day"] as? String == "2023-04-01")
                let badYear = try await app.api(.GET, "/api/v1/partnerships/calderdale/finance/2023", token: token)
                #expect(badYear.status == .notFound)

                let young = try await apiToken(for: "young.advisor@calderdale.example", on: app)
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/finance/2023-24", token: young).status == .forbidden)
            }
        }

        @Test("A contributor may update only their own organisation (API)")
        func contributorUpdates() async throws {
            try await withDemoApp { app in
                let token = try await apiToken(for: "contributor@calderdale.example", on: app)
                let police = try #require(try await Organisation.query(on: app.db).filter(\.$name == "West Yorkshire Police").first())
                let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Calderdale Council").first())
                let refused = try await app.api(.PUT, "/api/v1/partnerships/calderdale/organisations/\(council.id!)", token: token,
                                                json: #"{"name":"Hijacked","kind":"local_authority","sector":"local_government"}"#)
                #expect(refused.status == .forbidden)
                #expect(try await Organisation.find(council.id, on: app.db)?.name == "Calderdale Council")

                let own = try await app.api(.PUT, "/api/v1/partnerships/calderdale/organisations/\(police.id!)", token: token,
                                            json: #"{"contact_email":"lead@police.example","type_description":"Police force"}"#)
                #expect(own.status == .ok)
                #expect(own.body.string.contains("lead@police.example"))
                #expect(try await Organisation.find(police.id, on: app.db)?.contactEmail == "lead@police.example")

                let create = try await app.api(.POST, "/api/v1/partnerships/calderdale/organisations", token: token,
                                               json: #"{"name":"New","kind":"relevant_agency","sector":"other"}"#)
                #expect(create.status == .forbidden)
            }
        }

        @Test("Bad bodies get 400 or 422 naming the field, never a 500")
        func badInput() async throws {
            try await withDemoApp { app in
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let path = "/api/v1/partnerships/calderdale/organisations"
                let notJSON = try await app.api(.POST, path, token: token, json: "this is not json")
                #expect(notJSON.status == .badRequest)
                let array = try await app.api(.POST, path, token: token, json: "[1,2]")
                #expect(array.status == .badRequest)
                let invalid = try await app.api(.POST, path, token: token, json: #"{"name":"","kind":"castle","sector":null}"#)
                #expect(invalid.status == .unprocessableEntity)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(invalid.body.string.utf8)) as? [String: Any])
                let fields = (json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == ["name", "kind", "sector"])
                let duplicate = try await app.api(.POST, path, token: token, json: #"{"name":"Cafcass","kind":"relevant_agency","sector":"justice"}"#)
                #expect(duplicate.status == .unprocessableEntity)
                #expect(duplicate.body.string.contains("already exists"))
                let leftFirst = try await app.api(.POST, path, token: token,
                                                  json: #"{"name":"Kirklees College","kind":"school_or_college","sector":"education","joined_on":"2024-04-01","left_on":"2024-03-01"}"#)
                #expect(leftFirst.status == .unprocessableEntity)
                #expect(leftFirst.body.string.contains(#""field":"left_on""#))
                let created = try await app.api(.POST, path, token: token, json: #"{"name":"Kirklees College","kind":"school_or_college","sector":"education"}"#)
                #expect(created.status == .created)
                let badID = try await app.api(.PUT, path + "/12345", token: token, json: "{}")
                #expect(badID.status == .notFound)
            }
        }
    }
}
