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
    @Suite("A public survey link takes a bounded number of answers")
    struct SurveyLimitTests {
        static let base = "/partnerships/calderdale"

        /// Builds and opens a one-question survey through the pages; answers its token and the question's field.
        func openSurvey(_ admin: inout Visitor, maximum: String) async throws -> (token: String, field: String) {
            let created = try await admin.post("\(Self.base)/surveys", ["title": "Training feedback \(UUID().uuidString.prefix(6))", "reporting_year": "2024-25",
                                                                        "maximum_responses": maximum])
            #expect(created.status == .seeOther)
            let surveyID = try #require(UUID(uuidString: String(created.headers.first(name: .location)?.split(separator: "/").last ?? "")))
            #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/questions", ["text": "Was it useful?", "kind": "single_choice", "options": "Yes\r\nNo"]).status == .seeOther)
            #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/status", ["open": "yes"]).status == .seeOther)
            let survey = try #require(try await Survey.find(surveyID, on: admin.app.db))
            let question = try #require(try await SurveyQuestionRecord.query(on: admin.app.db).filter(\.$survey.$id == surveyID).first())
            return (survey.publicToken, "q-\(try question.requireID().uuidString.lowercased())")
        }

        @Test("A survey takes at most the responses its builder set; the figure is checked when it is built")
        func maximumResponses() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                for wrong in ["0", "lots", "100001", "-3"] {
                    let refused = try await admin.post("\(Self.base)/surveys", ["title": "Too many", "reporting_year": "2024-25", "maximum_responses": wrong])
                    #expect(refused.status == .unprocessableEntity, "maximum_responses \(wrong)")
                    #expect(refused.body.string.contains("Enter the most responses as a whole number from 1 to 100,000"))
                }
                let (token, field) = try await openSurvey(&admin, maximum: "2")
                var stranger = Visitor(app)
                #expect(try await stranger.post("/s/\(token)", [field: "0"]).status == .seeOther)
                #expect(try await stranger.post("/s/\(token)", [field: "1"]).status == .seeOther)
                let third = try await stranger.post("/s/\(token)", [field: "0"])
                #expect(third.status == .unprocessableEntity)
                #expect(third.body.string.contains("This survey has all the responses it takes (2)"))
                let survey = try #require(try await Survey.query(on: app.db).filter(\.$publicToken == token).first())
                #expect(try await SurveyResponse.query(on: app.db).filter(\.$survey.$id == survey.requireID()).count() == 2)
                let page = try await admin.get(SiteRoute.survey(slug: "calderdale", id: try survey.requireID()).path).body.string
                #expect(page.contains("2 (the link takes at most 2)"))
                // Left blank, the default applies.
                let (other, _) = try await openSurvey(&admin, maximum: "")
                let stored = try #require(try await Survey.query(on: app.db).filter(\.$publicToken == other).first())
                #expect(stored.maximumResponses == SurveyLimits.defaultMaximumResponses)
            }
        }

        @Test("One address sending answers quickly is refused with 429 and told when to try again")
        func ratePerAddress() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let (token, field) = try await openSurvey(&admin, maximum: "")
                var stranger = Visitor(app)
                var statuses: [HTTPStatus] = []
                for _ in 0...SurveyLimits.responsesPerAddress { statuses.append(try await stranger.post("/s/\(token)", [field: "0"]).status) }
                #expect(statuses.dropLast().allSatisfy { $0 == .seeOther })
                let refused = try await stranger.post("/s/\(token)", [field: "0"])
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers.first(name: "Retry-After") == "600")
                #expect(refused.body.string.contains("Wait 10 minutes"))
                let survey = try #require(try await Survey.query(on: app.db).filter(\.$publicToken == token).first())
                #expect(try await SurveyResponse.query(on: app.db).filter(\.$survey.$id == survey.requireID()).count() == SurveyLimits.responsesPerAddress)
            }
        }

        @Test("The rate limiter forgets answers older than its window and keeps surveys and addresses apart")
        func limiter() {
            var limiter = SurveyRateLimiter(limit: 2, window: 60, capacity: 4)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            let asked: [(String, String, TimeInterval)] = [("a", "1", 0), ("a", "1", 1), ("a", "1", 2), ("b", "1", 2), ("a", "2", 2), ("a", "1", 61)]
            var answers: [Bool] = []
            for (survey, address, after) in asked { answers.append(limiter.allow(survey: survey, address: address, now: start.addingTimeInterval(after))) }
            #expect(answers == [true, true, false, true, true, true])
            // Beyond its capacity it forgets addresses rather than growing, and still counts each one.
            var many: [Bool] = []
            for address in 3...50 { many.append(limiter.allow(survey: "a", address: String(address), now: start.addingTimeInterval(62))) }
            #expect(many.allSatisfy { $0 })
        }
    }
}
