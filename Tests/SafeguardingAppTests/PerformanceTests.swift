import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

func storedValue(_ key: String, _ period: String, _ series: String = "local", breakdown: String = "all", group: String = "all", on db: any Database) async throws -> Double? {
    guard let indicator = try await Indicator.query(on: db).filter(\.$key == key).first() else { return nil }
    return try await IndicatorValue.query(on: db).filter(\.$indicator.$id == indicator.id!).filter(\.$period == period)
        .filter(\.$series == series).filter(\.$breakdown == breakdown).filter(\.$group == group).first()?.value
}

extension AppTests {
    @Suite("Performance management: the dataset, imports, escalations")
    struct PerformanceTests {
        @Test("The demo's official rates equal DfE's published figures")
        func officialRates() async throws {
            try await withDemoApp { app async throws in
                #expect(try await Indicator.query(on: app.db).count() == 21)
                // Children in need and child protection: DfE's LAIT rates for Calderdale.
                #expect(try await storedValue("cin_rate", "2024-25", on: app.db) == 360.1)
                #expect(try await storedValue("cin_rate", "2023-24", on: app.db) == 356.1)
                #expect(try await storedValue("cpp_rate", "2024-25", on: app.db) == 51.6)
                #expect(try await storedValue("cpp_rate", "2023-24", on: app.db) == 47.6)
                // Looked-after rates are published as whole numbers (79 for 2025, 80 for 2024).
                #expect(try await storedValue("cla_rate", "2024-25", on: app.db).map { $0.rounded() } == 79)
                #expect(try await storedValue("cla_rate", "2023-24", on: app.db).map { $0.rounded() } == 80)
                #expect(try await storedValue("cin_rate", "2024-25", "england", on: app.db) != nil)
                #expect(try await storedValue("cin_rate", "2024-25", "statistical_neighbours", on: app.db) != nil)
                // Exclusions keep DfE's published precision: 4,632 suspensions in 36,458 pupils.
                #expect(try await storedValue("suspension_rate", "2022/23", on: app.db) == 12.70503)
                #expect(try await storedValue("ehe_count", "2022/23 Spring", on: app.db) == 400)
            }
        }

        @Test("A data return is written whole or not at all, and importing it again replaces rather than duplicates")
        func dataReturnImport() async throws {
            try await withDemoApp { app async throws in
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let path = "/api/v1/partnerships/calderdale/imports/indicator-values"
                let good = "indicator,period,series,value,numerator,denominator\nmissing_episodes,2024-25 Q1,local,301,,\nmissing_episodes,2024-25 Q1,england,\"1,234\",,\n"
                let first = try await app.api(.POST, path, token: token, body: good)
                #expect(first.status == .ok)
                #expect(first.body.string.contains("\"rows_written\":2"))
                let before = try await IndicatorValue.query(on: app.db).count()
                #expect(try await app.api(.POST, path, token: token, body: good).status == .ok)
                #expect(try await IndicatorValue.query(on: app.db).count() == before)
                #expect(try await storedValue("missing_episodes", "2024-25 Q1", "england", on: app.db) == 1234)

                let bad = "indicator,period,value\nmissing_episodes,2024-25 Q2,310\nnot_an_indicator,2024-25 Q2,1\nmissing_episodes,Q2 2024,1\nmissing_episodes,2024-25 Q3,lots\n"
                let refused = try await app.api(.POST, path, token: token, body: bad)
                #expect(refused.status == .unprocessableEntity)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(refused.body.string.utf8)) as? [String: Any])
                let errors = try #require(json["errors"] as? [[String: Any]])
                #expect(errors.compactMap { $0["line"] as? Int } == [3, 4, 5])
                #expect(errors.compactMap { $0["field"] as? String } == ["indicator", "period", "value"])
                #expect(try await storedValue("missing_episodes", "2024-25 Q2", on: app.db) == nil)
                #expect(try await IndicatorValue.query(on: app.db).count() == before)
                #expect(try await DataImport.query(on: app.db).filter(\.$kind == "data_return").count() == 2)
            }
        }

        @Test("A contributor submits only their own organisation's indicators; a viewer none")
        func contributorReturns() async throws {
            try await withDemoApp { app async throws in
                let path = "/api/v1/partnerships/calderdale/imports/indicator-values"
                let police = try await apiToken(for: "contributor@calderdale.example", on: app)
                let own = try await app.api(.POST, path, token: police, body: "indicator,period,value\nmissing_episodes,2024-25 Q1,299\n")
                #expect(own.status == .ok)
                let other = try await app.api(.POST, path, token: police, body: "indicator,period,value\nmissing_episodes,2024-25 Q2,280\ncin_rate,2025-26,300\n")
                #expect(other.status == .unprocessableEntity)
                #expect(other.body.string.contains("cin_rate is supplied by Calderdale Council"))
                #expect(try await storedValue("missing_episodes", "2024-25 Q2", on: app.db) == nil)
                let viewer = try await apiToken(for: "viewer@calderdale.example", on: app)
                #expect(try await app.api(.POST, path, token: viewer, body: "indicator,period,value\nmissing_episodes,2024-25 Q1,1\n").status == .forbidden)

                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                let form = try await contributor.post("/partnerships/calderdale/data-returns/value", ["indicator": "missing_episodes", "period": "2024-25 Q9", "value": "12"])
                #expect(form.status == .unprocessableEntity)
                #expect(form.body.string.contains("expected a period such as 2023-24 Q3"))
                let saved = try await contributor.post("/partnerships/calderdale/data-returns/value", ["indicator": "missing_episodes", "period": "2024-25 Q3", "value": "287"])
                #expect(saved.status == .seeOther)
                #expect(try await storedValue("missing_episodes", "2024-25 Q3", on: app.db) == 287)
            }
        }

        @Test("An extract is counted per quarter and deprivation decile, and its rows are not kept")
        func extract() async throws {
            try await withDemoApp { app async throws in
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let indicator = try await PerformanceStore.indicator(key: "knife_crime_injury", in: partnership, on: app.db)
                let areas = try await DeprivationArea.query(on: app.db).filter(\.$laCode == "E08000033").sort(\.$lsoaCode).all()
                let decileOne = try #require(areas.first { $0.imdDecile == 1 })
                let decileTen = try #require(areas.first { $0.imdDecile == 10 })
                let csv = """
                event_date,lsoa,age,gender,ethnicity,child_ref
                2024-04-02,\(decileOne.lsoaCode),15,F,White,A1
                2024-06-30,\(decileOne.lsoaCode),16,M,Asian,A2
                2024-07-01,\(decileTen.lsoaCode),9,female,White,A3
                2024-03-31,\(decileTen.lsoaCode),3,male,Mixed,A4
                2024-13-01,\(decileOne.lsoaCode),3,male,Mixed,A5
                2024-05-05,E01999999,3,male,Mixed,A6

                """
                let outcome = try await Importers.extract(chunks: [Array(csv.utf8)], fileName: "test.csv", indicator: indicator, partnership: partnership,
                                                          actor: .commandLine(), on: app.db)
                #expect(outcome.rowsRead == 6)
                #expect(outcome.rowsAggregated == 4)
                #expect(outcome.unreadableDates == 1)
                #expect(outcome.unknownLSOAs == 1)
                // Worked out by hand: Q1 2024-25 has two events in decile 1; Q2 one in decile 10; Q4 2023-24 one in decile 10.
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", on: app.db) == 2)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", breakdown: "imd_decile", group: "1", on: app.db) == 2)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q2", breakdown: "imd_decile", group: "10", on: app.db) == 1)
                #expect(try await storedValue("knife_crime_injury", "2023-24 Q4", breakdown: "imd_decile", group: "10", on: app.db) == 1)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", breakdown: "gender", group: "female", on: app.db) == 1)
                let stored = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == indicator.id!).all()
                #expect(!stored.contains { $0.group.contains("A1") })
                let record = try #require(try await DataImport.query(on: app.db).filter(\.$kind == "extract").filter(\.$fileName == "test.csv").first())
                #expect(record.rowsRead == 6)
                #expect(record.notes?.contains("1 with an unreadable date and 1 with an unknown LSOA") == true)

                // A corrected extract for the same quarter replaces it whole: decile 1 has no events now.
                let corrected = "event_date,lsoa,age,gender,ethnicity\n2024-05-01,\(decileTen.lsoaCode),15,F,White\n"
                _ = try await Importers.extract(chunks: [Array(corrected.utf8)], fileName: "corrected.csv", indicator: indicator, partnership: partnership,
                                                actor: .commandLine(), on: app.db)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", on: app.db) == 1)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", breakdown: "imd_decile", group: "1", on: app.db) == nil)
                #expect(try await storedValue("knife_crime_injury", "2024-25 Q1", breakdown: "imd_decile", group: "10", on: app.db) == 1)
            }
        }

        @Test("A worsening trend raises an escalation; the decision needs a reason and is recorded")
        func escalation() async throws {
            try await withDemoApp { app async throws in
                let indicator = try #require(try await Indicator.query(on: app.db).filter(\.$key == "ehe_ehcp").first())
                let open = try await Escalation.query(on: app.db).filter(\.$indicator.$id == indicator.id!).filter(\.$decision == nil).all()
                let escalation = try #require(open.first)
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let page = try await admin.get("/partnerships/calderdale/indicators/ehe_ehcp")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Record decision"))
                #expect(page.body.string.contains("Illustrative") || page.body.string.contains("illustrative"))
                let path = "/partnerships/calderdale/indicators/ehe_ehcp/escalations/\(escalation.id!.uuidString.lowercased())"
                let missing = try await admin.post(path, ["decision": "commission_audit", "reason": ""])
                #expect(missing.status == .unprocessableEntity)
                #expect(missing.body.string.contains("Give the reason for the decision"))
                let decided = try await admin.post(path, ["decision": "commission_audit", "reason": "Rising numbers with EHC plans; audit home education."])
                #expect(decided.status == .seeOther)
                let saved = try #require(try await Escalation.find(escalation.id, on: app.db))
                #expect(saved.decision == "commission_audit")
                #expect(saved.decidedBy == "admin@calderdale.example")

                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                if let other = open.dropFirst().first {
                    let refused = try await viewer.post("/partnerships/calderdale/indicators/ehe_ehcp/escalations/\(other.id!.uuidString.lowercased())",
                                                        ["decision": "monitor", "reason": "x"])
                    #expect(refused.status == .forbidden)
                }
            }
        }

        @Test("Administrators keep the catalogue: bad keys and duplicates are refused, the key never changes")
        func catalogue() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/indicators"
                let bad = try await admin.post(path, ["key": "Bad Key", "name": "", "definition": "", "unit": "miles", "polarity": ""])
                #expect(bad.status == .unprocessableEntity)
                for message in ["The key must start with a letter", "Enter the indicator", "Say exactly what is counted", "Select the unit", "Select which way is better"] {
                    #expect(bad.body.string.contains(message), "\(message)")
                }
                let duplicate = try await admin.post(path, ["key": "cin_rate", "name": "Another", "definition": "x", "unit": "count", "polarity": "neither"])
                #expect(duplicate.body.string.contains("An indicator with the key cin_rate already exists"))
                let added = try await admin.post(path, ["key": "private_fostering", "name": "Private fostering arrangements", "definition": "Notified arrangements.",
                                                        "unit": "count", "polarity": "neither", "source_organisation": "Calderdale Council", "is_published": "yes"])
                #expect(added.status == .seeOther)
                let edited = try await admin.post("\(path)/private_fostering/edit", ["key": "hijack", "name": "Private fostering", "definition": "Notified arrangements at the end of the quarter.",
                                                                                    "unit": "count", "polarity": "higher_is_better", "is_published": "no"])
                #expect(edited.status == .seeOther)
                let indicator = try #require(try await Indicator.query(on: app.db).filter(\.$key == "private_fostering").first())
                #expect(indicator.name == "Private fostering")
                #expect(indicator.isPublished == false)
                #expect(try await Indicator.query(on: app.db).filter(\.$key == "hijack").count() == 0)

                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                #expect(try await contributor.get("\(path)/new").status == .forbidden)
            }
        }

        @Test("Stories keep their history; the API gives indicators and their values")
        func storiesAndAPI() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/indicators/cin_rate/story"
                let bad = try await admin.post(path, ["period": "next year", "what_the_data_shows": ""])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Say what the data shows"))
                #expect(try await admin.post(path, ["period": "2024-25", "what_the_data_shows": "First version."]).status == .seeOther)
                #expect(try await admin.post(path, ["period": "2024-25", "what_the_data_shows": "Second version."]).status == .seeOther)
                let page = try await admin.get("/partnerships/calderdale/indicators/cin_rate")
                #expect(page.body.string.contains("Second version."))
                // The demo's illustrative story and the first version are the earlier ones.
                #expect(page.body.string.contains("Earlier versions (2)"))

                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let list = try await app.api(.GET, "/api/v1/partnerships/calderdale/indicators", token: token)
                let indicators = try #require(try JSONSerialization.jsonObject(with: Data(list.body.string.utf8)) as? [[String: Any]])
                #expect(indicators.count == 21)
                let values = try await app.api(.GET, "/api/v1/partnerships/calderdale/indicators/cin_rate/values", token: token)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(values.body.string.utf8)) as? [String: Any])
                #expect((json["indicator"] as? [String: Any])?["key"] as? String == "cin_rate")
                let points = try #require(json["points"] as? [[String: Any]])
                #expect(points.contains { $0["period"] as? String == "2024-25" && $0["series"] as? String == "local" && $0["value"] as? Double == 360.1 })
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/indicators/nope/values", token: token).status == .notFound)
            }
        }
    }
}
