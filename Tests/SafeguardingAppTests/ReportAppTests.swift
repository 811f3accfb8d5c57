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

extension AppTests {
    @Suite("The yearly report: composed, checked, signed off, published, in four formats")
    struct ReportAppTests {
        static let base = "/partnerships/calderdale/reports"

        /// Every number the report prints in a figure or a table cell, and whether it is a link.
        static func numbers(in html: String) -> (linked: Int, unlinked: [String]) {
            var linked = 0
            var unlinked: [String] = []
            for marker in ["<dd class=\"report-figure__value\">", "<td class=\"report-table__number\">"] {
                for part in html.components(separatedBy: marker).dropFirst() {
                    let cell = String(part.prefix { $0 != "<" || !part.hasPrefix("</") }.prefix(400))
                    let content = String(cell[..<(cell.range(of: marker == "<dd class=\"report-figure__value\">" ? "</dd>" : "</td>")?.lowerBound ?? cell.endIndex)])
                    let text = content.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                    guard text.contains(where: \.isNumber) else { continue }
                    if content.hasPrefix("<a ") { linked += 1 } else { unlinked.append(text) }
                }
            }
            return (linked, unlinked)
        }

        @Test("The draft follows the reference outline, flags sections without data, and lists the checklist's gaps")
        func draftPage() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let page = try await admin.get("\(Self.base)/2023-24")
                #expect(page.status == .ok)
                let body = page.body.string
                for title in ["Foreword", "Our area", "Governance and the partners&#39; contributions", "Independent scrutiny and assurance", "Practice reviews", "Appendices"] {
                    #expect(body.contains(title) || body.contains(title.replacingOccurrences(of: "&#39;", with: "'")), "missing section \(title)")
                }
                #expect(body.contains("Flagged"))
                #expect(body.contains("the workforce learning module is not yet in use"))
                // Training is not recorded, so item 2 is a gap; the finance table covers item 1.
                #expect(body.contains("Gap"))
                #expect(body.contains("No training delivered in the year"))
                #expect(try await admin.get("\(Self.base)").body.string.contains("Yearly report 2023-24"))
                #expect(try await admin.get("\(Self.base)/2023-24x").status == .notFound)
                #expect(try await admin.get("\(Self.base)/2023-24.exe").status == .notFound)
            }
        }

        @Test("Every generated number in the HTML links to its source, and the sources open")
        func traceableFigures() async throws {
            try await withDemoApp { app async throws in
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                let report = try await executive.get("\(Self.base)/2023-24.html")
                #expect(report.status == .ok)
                #expect(report.headers.first(name: .contentType)?.hasPrefix("text/html") == true)
                let html = report.body.string
                let (linked, unlinked) = Self.numbers(in: html)
                #expect(linked > 60, "only \(linked) linked figures")
                #expect(unlinked.isEmpty, "figures without a source: \(unlinked.prefix(10))")
                // The finance total, an indicator value and the Baby S review are among them.
                #expect(html.contains("£"))
                let links = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                    // Relative without SAFEGUARDING_PUBLIC_URL (never built from the Host header); absolute with it.
                    .map { $0.hasPrefix("http") ? String($0.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) : $0 }
                    .filter { $0.hasPrefix("/partnerships/") }
                for prefix in ["/partnerships/calderdale/indicators/", "/partnerships/calderdale/finance/", "/partnerships/calderdale/learning/sources/",
                               "/partnerships/calderdale/reviews/local/", "/partnerships/calderdale/learning/actions"] {
                    let link = try #require(links.first { $0.hasPrefix(prefix) }, "no link to \(prefix) among \(Set(links.map { $0.split(separator: "/").prefix(3).joined(separator: "/") }))")
                    let opened = try await executive.get(link.replacingOccurrences(of: "&amp;", with: "&"))
                    #expect(opened.status == .ok, "\(link) answered \(opened.status)")
                }
                // Charts carry a text alternative and the table behind them.
                #expect(html.contains("role=\"img\""))
                #expect(html.contains("The figures behind the chart"))
            }
        }

        @Test("Small counts in breakdowns show as c with secondary suppression, listed with reasons; the threshold is a setting")
        func disclosure() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let html = try await admin.get("\(Self.base)/2023-24.html").body.string
                let table = try #require(html.components(separatedBy: "id=\"breakdown-violent_crime_child_victim-imd_decile\"").dropFirst().first)
                let rows = table.prefix(while: { _ in true }).components(separatedBy: "</table>")[0]
                #expect(rows.contains(">c<"))
                // Decile 8 has a true count of 6 in Q2 (above the threshold) hidden to protect Q3's small count.
                let page = try await admin.get("\(Self.base)/2023-24").body.string
                #expect(page.contains("What was suppressed, and why"))
                #expect(page.contains("Decile 10"))
                func hidden(_ html: String) -> Int {
                    Int(html.components(separatedBy: " figures were hidden this way").first?.split(separator: ">").last ?? "") ?? 0
                }
                let before = hidden(html)
                #expect(before > 0)
                let wrong = try await admin.post("\(Self.base)/2023-24/settings", ["threshold": "0", "copy_days": "seven"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("The largest count to suppress must be a whole number from 1 to 20"))
                #expect(wrong.body.string.contains("Days to send the copy must be a whole number from 1 to 60"))
                let saved = try await admin.post("\(Self.base)/2023-24/settings", ["threshold": "10", "copy_days": "7"])
                #expect(saved.status == .seeOther)
                let stricter = try await admin.get("\(Self.base)/2023-24.html").body.string
                #expect(hidden(stricter) > before)
                #expect(stricter.contains("counts from 1 to 10"))
            }
        }

        @Test("Sign-off by the three partners, then publication freezes the report; the copy deadline shows until the copy is sent")
        func workflow() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let year = "\(Self.base)/2023-24"
                // The demo has two sign-offs; publishing without the police is refused.
                let early = try await admin.post("\(year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"])
                #expect(early.status == .conflict)
                #expect(early.body.string.contains("The police has not signed off the report."))
                let wrong = try await admin.post("\(year)/sign-offs", ["partner": "fire", "signed_by_role": "chief@police.example", "signed_on": "2099-01-01"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("expected one of local_authority, integrated_care_board, police"))
                #expect(wrong.body.string.contains("not an email address"))
                #expect(wrong.body.string.contains("cannot be in the future"))
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.post("\(year)/sign-offs", ["partner": "police", "signed_by_role": "Chief Superintendent", "signed_on": "2024-09-20"]).status == .forbidden)
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.post("\(year)/sign-offs", ["partner": "police", "signed_by_role": "Chief Superintendent", "signed_on": "2024-09-20"]).status == .seeOther)
                // Training is still a gap, so publication asks for confirmation.
                let unconfirmed = try await admin.post("\(year)/publication", ["published_on": "2024-10-01"])
                #expect(unconfirmed.status == .unprocessableEntity)
                #expect(unconfirmed.body.string.contains("Tick the box to publish"))
                #expect(try await admin.post("\(year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"]).status == .seeOther)
                let published = try await admin.get("\(year).html").body.string
                #expect(published.contains("Published 1 October 2024. Version 1."))
                #expect(published.contains("Police: the Chief Superintendent, 20 September 2024"))

                // Frozen: the narrative cannot change and new data does not reach the published version.
                let edit = try await admin.post("\(year)/sections/foreword", ["narrative": "Changed after publication"])
                #expect(edit.status == .conflict)
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let line = Contribution()
                line.$partnership.id = try partnership.requireID()
                line.reportingYear = "2023-24"
                line.label = "Late grant added after publication"
                line.category = .grant
                line.amountPence = 123_400
                line.position = 99
                try await line.create(on: app.db)
                #expect(!(try await admin.get("\(year).html").body.string.contains("Late grant added after publication")))
                #expect(try await admin.get("\(year).md").body.string == (try await admin.get("\(year).md").body.string))

                // The copy is due 7 days after publication; long overdue by now, so the dashboard flags it.
                #expect(try await admin.get("/partnerships/calderdale").body.string.contains("Copy overdue: was due 8 October 2024"))
                let copyWrong = try await admin.post("\(year)/copy", ["copy_sent_on-day": "31", "copy_sent_on-month": "2", "copy_sent_on-year": "2024"])
                #expect(copyWrong.status == .unprocessableEntity)
                #expect(try await admin.post("\(year)/copy", ["copy_sent_on-day": "7", "copy_sent_on-month": "10", "copy_sent_on-year": "2024"]).status == .seeOther)
                #expect(!(try await admin.get("/partnerships/calderdale").body.string.contains("Copy overdue")))
                #expect(try await admin.get(year).body.string.contains("Copy sent 7 October 2024, on time"))

                // A new version starts from the published narrative and follows the data again.
                #expect(try await admin.post("\(year)/versions", [:]).status == .seeOther)
                let draft = try await admin.get("\(year).html").body.string
                #expect(draft.contains("Draft, version 2"))
                #expect(draft.contains("Late grant added after publication"))
                #expect(draft.contains("This report looks back on the partnership"))
                let first = try await admin.get("\(year).html?version=1").body.string
                #expect(first.contains("Published 1 October 2024. Version 1."))
                let events = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "report").all().map(\.action)
                #expect(events.contains("publish") && events.contains("sign_off"))
            }
        }

        @Test("A sign-off is of the content it approved: a changed word makes two sign-offs of an earlier draft, and publishing waits until they are renewed")
        func signOffBoundToContent() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                let year = "\(Self.base)/2023-24"
                func signOff(_ partner: String, _ role: String, _ date: String) async throws {
                    let answer = try await executive.post("\(year)/sign-offs", ["partner": partner, "signed_by_role": role, "signed_on": date])
                    #expect(answer.status == .seeOther, "signing for \(partner) answered \(answer.status)")
                }
                func occurrences(_ text: String, in page: String) -> Int { page.components(separatedBy: text).count - 1 }

                // The demo's two sign-offs carry the digest of the demo as loaded, so they are of the current content.
                let demo = try await admin.get(year).body.string
                #expect(occurrences("The current content", in: demo) == 2)
                // A sign-off recorded before sign-offs were bound to the content counts as of an earlier draft.
                let local = try #require(try await ReportSignOff.query(on: app.db).filter(\.$partner == .localAuthority).first())
                local.contentDigest = nil
                try await local.save(on: app.db)
                let legacy = try await admin.get(year).body.string
                #expect(occurrences("The current content", in: legacy) == 1)
                #expect(legacy.contains("Signed an earlier draft</strong> Not the report as it reads now: record this sign-off again before publishing."))

                // Two partners sign off the draft as it reads now.
                try await signOff("local_authority", "Director of Children's Services", "2024-09-23")
                try await signOff("integrated_care_board", "Director of Nursing and Quality", "2024-09-23")
                let signed = try await admin.get(year).body.string
                #expect(occurrences("The current content", in: signed) == 2)
                let rows = try await ReportSignOff.query(on: app.db).all()
                #expect(rows.count == 2 && rows.allSatisfy { $0.contentDigest?.count == 64 && $0.sectionDigests != nil })

                // One word of the foreword changes: both sign-offs are now of an earlier draft, and the page says where.
                let foreword = try #require(try await ReportSectionText.query(on: app.db).filter(\.$key == "foreword").first())
                #expect(foreword.narrative.contains("for everyone who cares"))
                let changed = foreword.narrative.replacingOccurrences(of: "for everyone who cares", with: "for anyone who cares")
                #expect(try await admin.post("\(year)/sections/foreword", ["narrative": changed]).status == .seeOther)
                let stale = try await admin.get(year).body.string
                #expect(occurrences("The current content", in: stale) == 0)
                #expect(occurrences("Signed an earlier draft</strong> Changed since: 1. Foreword (narrative). Record this sign-off again before publishing.", in: stale) == 2)
                #expect(stale.contains("The local authority and the integrated care board signed off an earlier draft, not the report as it is now: record their sign-offs again before publishing."))

                // Publishing is refused, naming them, even once the police have signed the current content.
                try await signOff("police", "Chief Superintendent", "2024-09-24")
                let refused = try await admin.post("\(year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"])
                #expect(refused.status == .conflict)
                #expect(refused.body.string.contains("The local authority and the integrated care board signed off an earlier draft, not the report as it is now: record their sign-offs again before publishing."))
                #expect(!refused.body.string.contains("has not signed off"))
                try await signOff("local_authority", "Director of Children's Services", "2024-09-25")
                let oneLeft = try await admin.post("\(year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"])
                #expect(oneLeft.status == .conflict)
                #expect(oneLeft.body.string.contains("The integrated care board signed off an earlier draft, not the report as it is now: record that sign-off again before publishing."))
                #expect(!oneLeft.body.string.contains("The local authority and"))

                // Renewed, all three are of the current content and the report publishes.
                try await signOff("integrated_care_board", "Director of Nursing and Quality", "2024-09-25")
                #expect(occurrences("The current content", in: try await admin.get(year).body.string) == 3)
                #expect(try await admin.post("\(year)/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"]).status == .seeOther)
                let published = try await admin.get("\(year).html").body.string
                #expect(published.contains("Published 1 October 2024. Version 1."))
                #expect(published.contains("It is written for anyone who cares"))
                // Each sign-off's audit event records the digest it approved: the demo's two and the test's five.
                let signOffEvents = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "report").filter(\.$action == "sign_off").all()
                #expect(signOffEvents.count == 7 && signOffEvents.allSatisfy { $0.changes?.contains("content_digest") == true })
            }
        }

        @Test("The domain's SHA-256 gives the same digest as swift-crypto's")
        func digestAgreesWithSwiftCrypto() {
            for text in ["", "abc", String(repeating: "é", count: 33), String(repeating: "x", count: 55), String(repeating: "y", count: 64), String(repeating: "z", count: 1_000)] {
                #expect(Hex.sha256(of: text) == Credentials.digest(ofToken: text))
            }
        }

        @Test("A draft is for members; the published report is public; the Young Advisors write the children's version only")
        func access() async throws {
            try await withDemoApp { app async throws in
                var anonymous = Visitor(app)
                #expect(try await anonymous.get("\(Self.base)/2023-24.html").status == .unauthorized)
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get("\(Self.base)/2023-24.html").body.string.contains("Draft, version 1"))
                #expect(try await viewer.get("\(Self.base)/2023-24/sections/foreword").status == .forbidden)
                var young = Visitor(app)
                try await young.signIn("young.advisor@calderdale.example")
                #expect(try await young.post("\(Self.base)/2023-24/sections/foreword", ["narrative": "x"]).status == .forbidden)
                let bad = try await young.post("\(Self.base)/2023-24/sections/children", ["narrative": "Read [this](javascript:alert(1))"])
                #expect(bad.status == .unprocessableEntity)
                #expect(try await young.post("\(Self.base)/2023-24/sections/children", ["narrative": "We asked **hard** questions."]).status == .seeOther)
                let children = try await young.get("\(Self.base)/2023-24/children.html").body.string
                #expect(children.contains("<strong>hard</strong>"))
                #expect(children.contains("What happens next"))
                var cdop = Visitor(app)
                try await cdop.signIn("cdop@calderdale.example")
                #expect(try await cdop.get("\(Self.base)/2023-24").status == .forbidden)
                // Unpublished reviews are never named in the report.
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let html = try await admin.get("\(Self.base)/2023-24.html").body.string
                #expect(!html.contains("Child V") && !html.contains("Baby W"))
            }
        }

        @Test("Markdown, Word and PDF come from the same document; PDF says clearly when Chromium is missing")
        func formats() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let markdown = try await admin.get("\(Self.base)/2023-24.md")
                #expect(markdown.headers.first(name: .contentType)?.hasPrefix("text/markdown") == true)
                #expect(markdown.body.string.contains("## 3. Governance and the partners' contributions"))
                #expect(markdown.body.string.contains("| Decile 10 |"))
                let docx = try await admin.get("\(Self.base)/2023-24.docx")
                #expect(docx.status == .ok)
                let archive = try Archive(data: Data(buffer: docx.body), accessMode: .read)
                var xml = Data()
                _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
                let text = String(decoding: xml, as: UTF8.self)
                #expect(text.contains("w:val=\"Heading1\""))
                #expect(text.contains("<w:tbl>"))
                #expect(text.contains("Contributions and outturn, 2023-24"))
                #expect(archive.contains { $0.path.hasPrefix("word/media/") && $0.path.hasSuffix(".png") })
                let children = try await admin.get("\(Self.base)/2023-24/children.docx")
                #expect(children.status == .ok)
                if app.appConfiguration.chromium != nil {
                    let pdf = try await admin.get("\(Self.base)/2023-24.pdf")
                    #expect(pdf.status == .ok)
                    #expect(Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
                }
                // Without Chromium (a configuration value, not the environment) the PDF says what to install.
                app.appConfiguration.chromium = nil
                let missing = try await admin.get("\(Self.base)/2023-24.pdf")
                #expect(missing.status == .serviceUnavailable)
                #expect(missing.body.string.contains("PDF needs Chromium"))
            }
        }
    }
}
