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
    @Suite("Correcting the performance dataset: change, withdraw and restore values and stories")
    struct PerformanceCorrectionTests {
        static let base = "/partnerships/calderdale"

        @Test("A value: its supplier changes it (audited old and new) and withdraws it, and the indicator's page and the report follow; an administrator restores it")
        func value() async throws {
            try await withDemoApp { app in
                let police = try #require(try await Organisation.query(on: app.db).filter(\.$name == "West Yorkshire Police").first())
                let indicators = try await Indicator.query(on: app.db).filter(\.$sourceOrganisation.$id == police.requireID())
                    .filter(\.$isPublished == true).filter(\.$unit == "count").sort(\.$position).all()
                var found: (Indicator, IndicatorValue)?
                for indicator in indicators where found == nil {
                    if let value = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.requireID())
                        .filter(\.$series == "local").filter(\.$breakdown == "all").filter(\.$period == "2023-24 Q4").first() {
                        found = (indicator, value)
                    }
                }
                let (indicator, value) = try #require(found, "the demo must hold a police count indicator with a 2023-24 Q4 value")
                let id = try value.requireID().uuidString.lowercased()
                let valuesPage = "\(Self.base)/indicators/\(indicator.key)/values"

                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                #expect(try await contributor.get("\(Self.base)/indicators/\(indicator.key)").body.string.contains("Correct or withdraw its values and stories"))
                #expect(try await contributor.get(valuesPage).status == .ok)

                // Bad input names the field.
                let bad = try await contributor.post("\(Self.base)/performance/values/\(id)", ["value": "many", "numerator": "-3"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("#value"))
                #expect(bad.body.string.contains("#numerator"))

                #expect(try await contributor.post("\(Self.base)/performance/values/\(id)", ["value": "987654"]).status == .seeOther)
                let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "update").filter(\.$subjectID == value.requireID().uuidString).first())
                #expect(event.changes?.contains("987654") == true && event.changes?.contains(String(value.value)) == true)
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let report = "\(Self.base)/reports/2023-24.md"
                #expect(try await admin.get(report).body.string.contains("987,654"))
                #expect(try await contributor.get("\(Self.base)/indicators/\(indicator.key)").body.string.contains("987,654"))

                // Withdrawn: gone from the indicator's page and the report.
                let withdraw = "\(Self.base)/performance/indicator_value/\(id)/withdraw"
                let noReason = try await contributor.post(withdraw, [:])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains("Enter why this record is being withdrawn"))
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.post(withdraw, ["reason": "Not mine"]).status == .forbidden)
                #expect(try await contributor.post(withdraw, ["reason": "Typed into the wrong quarter"]).status == .seeOther)
                #expect(!(try await admin.get(report).body.string.contains("987,654")))
                #expect(!(try await contributor.get("\(Self.base)/indicators/\(indicator.key)").body.string.contains("987,654")))
                #expect(!(try await contributor.get(valuesPage).body.string.contains(id)))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "withdraw").filter(\.$subjectID == value.requireID().uuidString).count() == 1)

                // Only an administrator restores.
                #expect(try await contributor.post("\(Self.base)/performance/withdrawn", ["kind": "indicator_value", "id": id]).status == .forbidden)
                #expect(try await admin.get("\(Self.base)/performance/withdrawn").body.string.contains("Typed into the wrong quarter"))
                #expect(try await admin.post("\(Self.base)/performance/withdrawn", ["kind": "indicator_value", "id": id]).status == .seeOther)
                #expect(try await admin.get(report).body.string.contains("987,654"))
            }
        }

        @Test("A value sent again after it was withdrawn takes its place: the data return is accepted, not a clash")
        func resubmitAfterWithdrawal() async throws {
            try await withDemoApp { app in
                let value = try #require(try await IndicatorValue.query(on: app.db).filter(\.$series == "local").filter(\.$breakdown == "all")
                    .filter(\.$period == "2023-24 Q4").with(\.$indicator).first())
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let id = try value.requireID().uuidString.lowercased()
                #expect(try await admin.post("\(Self.base)/performance/indicator_value/\(id)/withdraw", ["reason": "Wrong"]).status == .seeOther)
                let sent = try await admin.post("\(Self.base)/data-returns/value", ["indicator": value.indicator.key, "period": "2023-24 Q4", "value": "4321"])
                #expect(sent.status == .seeOther)
                let current = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == value.$indicator.id).filter(\.$period == "2023-24 Q4")
                    .filter(\.$series == "local").filter(\.$breakdown == "all").all()
                #expect(current.map(\.value) == [4321])
            }
        }

        @Test("A story: withdrawn it leaves the indicator's page; restored it comes back")
        func story() async throws {
            try await withDemoApp { app in
                // A story whose words no other story of its indicator shares: the page may show several
                // periods' stories, and the database answers rows in no set order.
                func words(_ story: Story) -> String { String(story.whatTheDataShows.prefix { $0.isLetter || $0.isNumber || $0 == " " }.prefix(40)) }
                let stories = try await Story.query(on: app.db).with(\.$indicator).all().sorted { $0.id!.uuidString < $1.id!.uuidString }
                let story = try #require(stories.first { candidate in
                    !stories.contains { $0.id != candidate.id && $0.$indicator.id == candidate.$indicator.id && words($0) == words(candidate) }
                })
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let page = "\(Self.base)/indicators/\(story.indicator.key)"
                let text = words(story)
                #expect(try await admin.get(page).body.string.contains(text))
                let id = try story.requireID().uuidString.lowercased()
                #expect(try await admin.post("\(Self.base)/performance/story/\(id)/withdraw", ["reason": "Written for the wrong indicator"]).status == .seeOther)
                #expect(!(try await admin.get(page).body.string.contains(text)))
                #expect(try await admin.post("\(Self.base)/performance/withdrawn", ["kind": "story", "id": id]).status == .seeOther)
                #expect(try await admin.get(page).body.string.contains(text))
            }
        }
    }
}
