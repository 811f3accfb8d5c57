import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import SafeguardingWeb

extension AppTests.ReportAppTests {
    static let year = "\(base)/2023-24"

    /// The three statutory partners sign off the draft as it reads now.
    static func signAll(_ executive: inout Visitor, on date: String) async throws {
        for (partner, role) in [("local_authority", "Director of Children's Services"), ("integrated_care_board", "Director of Nursing and Quality"),
                                ("police", "Chief Superintendent")] {
            let answer = try await executive.post("\(year)/sign-offs", ["partner": partner, "signed_by_role": role, "signed_on": date])
            #expect(answer.status == .seeOther, "signing for \(partner) answered \(answer.status)")
        }
    }

    /// The text of a Word file's body.
    static func wordText(_ response: TestingHTTPResponse) throws -> String {
        let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("A section with no data and no narrative stops publication, named on the page and in the refusal; narrative saying why lets it publish")
    func emptySectionRefused() async throws {
        try await withDemoApp { app async throws in
            var admin = Visitor(app)
            try await admin.signIn("admin@calderdale.example")
            var executive = Visitor(app)
            try await executive.signIn("executive@calderdale.example")
            let problem = "Section 9 Child deaths has no data and no narrative: write why there is nothing to report, or leave it out."

            // The demo explains every section without data, so only the police's sign-off is missing.
            #expect(!(try await admin.get(Self.year).body.string.contains("has no data and no narrative")))
            #expect(try await admin.post("\(Self.year)/sections/child_deaths", ["narrative": ""]).status == .seeOther)
            try await Self.signAll(&executive, on: "2024-09-23")
            #expect(try await admin.get(Self.year).body.string.contains(problem))
            let refused = try await admin.post("\(Self.year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains(problem))
            #expect(!refused.body.string.contains("has not signed off"))

            // The partnership says why there is nothing to report; the sign-offs are recorded again for the new words.
            let why = "The panel's figures for the year are in its own yearly report."
            #expect(try await admin.post("\(Self.year)/sections/child_deaths", ["narrative": why]).status == .seeOther)
            #expect(!(try await admin.get(Self.year).body.string.contains(problem)))
            try await Self.signAll(&executive, on: "2024-09-24")
            #expect(try await admin.post("\(Self.year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"]).status == .seeOther)
            let published = try await admin.get("\(Self.year).html").body.string
            #expect(published.contains("Published 1 October 2024"))
            #expect(published.contains("The panel's figures for the year are in its own yearly report."))
        }
    }

    @Test("Leaving a section out is recorded and audited, makes its items gaps and the sign-offs of an earlier draft, and keeps it out of every published output")
    func leftOutSection() async throws {
        try await withDemoApp { app async throws in
            var admin = Visitor(app)
            try await admin.signIn("admin@calderdale.example")
            var executive = Visitor(app)
            try await executive.signIn("executive@calderdale.example")
            try await Self.signAll(&executive, on: "2024-09-23")
            #expect(try await admin.get(Self.year).body.string.components(separatedBy: "The current content").count - 1 == 3)

            // Training is left out after sign-off, its narrative kept.
            let narrative = try #require(try await ReportSectionText.query(on: app.db).filter(\.$key == "training").first()).narrative
            #expect(try await admin.post("\(Self.year)/sections/training", ["narrative": narrative, "left_out": "yes"]).status == .seeOther)
            let editor = try await admin.get("\(Self.year)/sections/training").body.string
            #expect(editor.contains(#"id="left_out" name="left_out" type="checkbox" value="yes" checked"#))
            let page = try await admin.get(Self.year).body.string
            #expect(page.contains("Left out</strong> Not in the published report"))
            #expect(page.contains("Section left out (Workforce learning and training); no training delivered in the year"))
            #expect(page.components(separatedBy: "Changed since: 10. Workforce learning and training (left out). Record this sign-off again").count - 1 == 3)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "report_section").all()
            #expect(audit.contains { $0.changes?.contains("left_out") == true })

            // The draft's outputs say the three sign-offs are of an earlier draft, not signatures of this one.
            let draft = try await admin.get("\(Self.year).html").body.string
            #expect(draft.contains("Police: the Chief Superintendent signed an earlier draft on 23 September 2024, not this one"))
            #expect(!draft.contains("Signed off by the statutory partners"))
            #expect(draft.contains("Left out of the published report: </strong>"))
            let word = try Self.wordText(try await admin.get("\(Self.year).docx"))
            #expect(word.contains("Sign-offs of an earlier draft"))
            #expect(word.contains("Police: the Chief Superintendent signed an earlier draft on 23 September 2024, not this one"))
            let stale = try await admin.post("\(Self.year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"])
            #expect(stale.status == .conflict && stale.body.string.contains("signed off an earlier draft"))

            // Signed again, it publishes only with the gaps confirmed.
            try await Self.signAll(&executive, on: "2024-09-24")
            let current = try await admin.get("\(Self.year).html").body.string
            #expect(current.contains("Police: the Chief Superintendent, 24 September 2024") && !current.contains("signed an earlier draft"))
            let unconfirmed = try await admin.post("\(Self.year)/publication", ["published_on": "2024-10-01"])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.string.contains("Tick the box to publish"))
            #expect(try await admin.post("\(Self.year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"]).status == .seeOther)

            // Not in the published HTML, its contents list, the Markdown or the Word; the rest renumbered; its item a gap.
            let published = try await admin.get("\(Self.year).html").body.string
            #expect(!published.contains("id=\"section-training\"") && !published.contains("href=\"#section-training\""))
            #expect(published.contains("10.</span> Summary and priorities for next year"))
            #expect(published.contains("Not covered: section left out (Workforce learning and training); no training delivered in the year"))
            #expect(published.contains("Workforce learning and training (left out)"))
            let markdown = try await admin.get("\(Self.year).md").body.string
            #expect(!markdown.contains("Workforce learning and training\n") && markdown.contains("## 10. Summary and priorities for next year"))
            let publishedWord = try Self.wordText(try await admin.get("\(Self.year).docx"))
            #expect(!publishedWord.contains("Workforce learning and training</w:t>") && publishedWord.contains("10. Summary and priorities for next year"))

            // A new version carries the choice, as it carries the narratives.
            #expect(try await admin.post("\(Self.year)/versions", [:]).status == .seeOther)
            let versionTwo = try #require(try await YearlyReport.query(on: app.db).filter(\.$version == 2).first())
            let carried = try await ReportSectionText.query(on: app.db).filter(\.$report.$id == versionTwo.requireID()).filter(\.$key == "training").first()
            #expect(carried?.leftOut == true && carried?.narrative == narrative)
        }
    }
}
