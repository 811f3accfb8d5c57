import FluentKit
import Foundation
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
    }
}
