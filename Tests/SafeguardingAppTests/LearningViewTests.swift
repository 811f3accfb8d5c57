import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    /// The learning pages are a model plus a view; a mistaken form comes back as the same page with
    /// the form open, the fields as typed, and the error named against the form's own field.
    @Suite("Learning pages sent back with a mistake")
    struct LearningViewTests {
        static let base = "/partnerships/calderdale"

        @Test("A finding without a kind comes back on the source's page, its form open")
        func findingWithoutKind() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let source = try #require(try await LearningSource.query(on: app.db).filter(\.$kind == .audit).first())
                let response = try await admin.post("\(Self.base)/learning/sources/\(try source.requireID())/findings",
                                                    ["finding_text": "Babies were not always seen"])
                #expect(response.status == .unprocessableEntity)
                let html = response.body.string
                #expect(html.contains("<title>Error: \(source.title.replacingOccurrences(of: "&", with: "&amp;"))"))
                #expect(html.contains("<details class=\"app-details\" open><summary>Add a finding</summary>"))
                #expect(html.contains("href=\"#finding_kind\""))
                #expect(html.contains("Babies were not always seen"))
                #expect(try await Finding.query(on: app.db).filter(\.$text == "Babies were not always seen").count() == 0)
            }
        }

        @Test("Evidence without how we know comes back on the action's page with what was typed")
        func evidenceWithoutHowWeKnow() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let action = try #require(try await LearningAction.query(on: app.db).filter(\.$status == .inProgress).first())
                let response = try await admin.post("\(Self.base)/learning/actions/\(try action.requireID())/evidence",
                                                    ["what_changed": "Fewer repeat referrals"])
                #expect(response.status == .unprocessableEntity)
                let html = response.body.string
                #expect(html.contains("<title>Error: Action for "))
                #expect(html.contains("href=\"#how_we_know\""))
                #expect(html.contains("Fewer repeat referrals</textarea>"))
            }
        }

        @Test("The add-action form offers today as the day raised; a raised day after today or after the due date comes back 422 naming the field")
        func raisedOnOnTheActionForm() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 7, day: 1)) { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let recommendation = try #require(try await Recommendation.query(on: app.db).first())
                let path = "\(Self.base)/learning/recommendations/\(try recommendation.requireID())"
                let form = try await admin.get(path).body.string
                #expect(form.contains("name=\"raised_on-day\" type=\"text\" inputmode=\"numeric\" value=\"1\""))
                #expect(form.contains("name=\"raised_on-year\" type=\"text\" inputmode=\"numeric\" value=\"2024\""))
                let fields = ["text": "Refresh the neglect toolkit", "owner_organisation": "West Yorkshire Police", "owner": "Safeguarding lead",
                              "due_on-day": "30", "due_on-month": "9", "due_on-year": "2024"]
                let future = try await admin.post("\(path)/actions", fields.merging(["raised_on-day": "2", "raised_on-month": "7", "raised_on-year": "2024"]) { $1 })
                #expect(future.status == .unprocessableEntity)
                #expect(future.body.string.contains("href=\"#raised_on\""))
                #expect(future.body.string.contains("The date the action was raised must be today or in the past, not after 1 July 2024"))
                #expect(future.body.string.contains("name=\"raised_on-day\" type=\"text\" inputmode=\"numeric\" value=\"2\""))
                let afterDue = try await admin.post("\(path)/actions", fields.merging(["due_on-year": "2023", "raised_on-day": "4", "raised_on-month": "11",
                                                                                        "raised_on-year": "2023"]) { $1 })
                #expect(afterDue.status == .unprocessableEntity)
                #expect(afterDue.body.string.contains("The date the action was raised must be on or before its due date (30 September 2023)"))
                #expect(try await LearningAction.query(on: app.db).filter(\.$text == "Refresh the neglect toolkit").count() == 0)
                let typedIn = try await admin.post("\(path)/actions", fields.merging(["raised_on-day": "4", "raised_on-month": "11", "raised_on-year": "2023"]) { $1 })
                #expect(typedIn.status == .seeOther)
                let action = try #require(try await LearningAction.query(on: app.db).filter(\.$text == "Refresh the neglect toolkit").first())
                #expect(action.raisedOn == "2023-11-04")
                let history = try await ActionStatusEntry.query(on: app.db).filter(\.$action.$id == action.requireID()).all()
                #expect(history.map { "\($0.status.rawValue) \($0.changedOn) \($0.changedBy ?? "")" } == ["not_started 2023-11-04 admin@calderdale.example"])
            }
        }

        @Test("The action's page lists every change of its status, newest first, with who recorded it")
        func statusHistoryOnTheActionPage() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 7, day: 1)) { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let recommendation = try #require(try await Recommendation.query(on: app.db).first())
                #expect(try await admin.post("\(Self.base)/learning/recommendations/\(try recommendation.requireID())/actions", [
                    "text": "Brief officers on the bruising protocol", "owner_organisation": "West Yorkshire Police", "owner": "Safeguarding lead",
                    "due_on": "2024-09-30", "raised_on": "2023-11-04"]).status == .seeOther)
                let action = try #require(try await LearningAction.query(on: app.db).filter(\.$text == "Brief officers on the bruising protocol").first())
                let page = "\(Self.base)/learning/actions/\(try action.requireID())"
                #expect(try await admin.post("\(page)/evidence", ["what_changed": "Every bruised baby is examined", "how_we_know": "Dip sample",
                                                                  "mark_done": "yes"]).status == .seeOther)
                #expect(try await admin.post("\(page)/status", ["status": "in_progress"]).status == .seeOther)
                let html = try await admin.get(page).body.string
                let table = try #require(html.range(of: "Status history").map { String(html[$0.lowerBound...]) })
                let rows = ["In progress", "Done", "Not started"].compactMap { table.range(of: "<td class=\"govuk-table__cell\">\($0)</td>")?.lowerBound }
                #expect(rows.count == 3 && rows == rows.sorted(), "newest first: in progress, done, then raised")
                #expect(table.contains("1 July 2024") && table.contains("4 November 2023"))
                #expect(table.contains("admin@calderdale.example"))
                // The API answers the same history, newest first.
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let json = try jsonObject(try await app.api(.GET, "/api/v1/partnerships/calderdale/actions/\(try action.requireID())", token: token))
                let statuses = (json["history"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
                #expect(statuses == ["in_progress", "done", "not_started"])
                #expect(json["raised_on"] as? String == "2023-11-04")
            }
        }
    }
}
