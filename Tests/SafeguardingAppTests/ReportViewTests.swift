import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
@testable import SafeguardingWeb

extension AppTests {
    @Suite("Yearly report pages: what each viewer's page model holds, who may read which version, and the views")
    struct ReportViewTests {
        static let today = CalendarDate(year: 2024, month: 3, day: 31)!
        static let year = ReportingYear(startYear: 2023)

        func user(_ email: String, on db: any Database) async throws -> Account {
            try Account(try #require(try await AccountStore.user(email: email, on: db)))
        }

        func viewer(_ email: String, on db: any Database) async throws -> Viewer {
            try await Viewer.resolve(user: user(email, on: db), slug: "calderdale", address: nil, today: .today(), on: db)
        }

        func frame() -> PageFrame { PageFrame(title: "", signedIn: nil, section: .report, csrf: "token") }

        @Test("The list holds the five years before this one and the year of the demo's draft, newest first")
        func list() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let page = try await ReportReads.reportList(try await viewer("viewer@calderdale.example", on: app.db), context)

                #expect(page.years.map(\.year) == page.years.map(\.year).sorted(by: >))
                #expect(page.years.map(\.year.startYear) == [2023, 2022, 2021, 2020, 2019, 2018])
                let draft = try #require(page.years.first { $0.year == Self.year })
                #expect(draft.status == .draft && draft.versions == 1)
                let html = ReportViews.list(page, frame: frame())
                #expect(html.contains("Yearly report 2023-24"))
            }
        }

        @Test("The Partnerships Manager's page offers the forms; a viewer's shows the same report with none of them")
        func reportPageForEditorAndReader() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let admin = try await ReportReads.reportPage(try await viewer("admin@calderdale.example", on: app.db), year: Self.year, context)
                let reader = try await ReportReads.reportPage(try await viewer("viewer@calderdale.example", on: app.db), year: Self.year, context)

                #expect(admin.isDraft && admin.mayEdit && admin.maySignOff && admin.copy == nil)
                #expect(!reader.mayEdit && !reader.maySignOff)
                #expect(admin.sections.map(\.key) == reader.sections.map(\.key))
                #expect(admin.signOffs.map(\.partner) == StatutoryPartner.allCases)
                #expect(admin.signOffs.filter { $0.signed != nil }.count == 2)
                let forAdmin = ReportViews.report(admin, frame: frame(), flash: nil, values: [:], errors: [])
                let forReader = ReportViews.report(reader, frame: frame(), flash: nil, values: [:], errors: [])
                #expect(forAdmin.contains("Publish the report") && forAdmin.contains(#"name="_csrf" value="token""#))
                #expect(!forReader.contains("Publish the report") && !forReader.contains("Record a partner's sign-off"))
                #expect(!forReader.contains(">Edit<"))
            }
        }

        @Test("The child death panel member does not read the report pages; the Young Advisor edits the children's version only")
        func whoReadsAndWrites() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let panel = try await viewer("cdop@calderdale.example", on: app.db)
                let advisor = try await viewer("young.advisor@calderdale.example", on: app.db)

                await #expect(throws: AccessDenied.self) { try await ReportReads.reportPage(panel, year: Self.year, context) }
                let children = try await ReportReads.sectionEditor(advisor, year: Self.year, key: ReportSectionEditorPage.childrenKey, context)
                #expect(!children.isPublished && !children.narrative.isEmpty && !children.offersHeadlineTotals)
                await #expect(throws: AccessDenied.self) {
                    try await ReportReads.sectionEditor(advisor, year: Self.year, key: ReportSectionKey.allCases[0].rawValue, context)
                }
            }
        }

        @Test("An unpublished report downloads only for members who read drafts; others are asked to sign in or told it is not published")
        func whoReadsWhichVersion() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                func file(_ email: String?, version: Int? = nil) async throws -> ReportFile {
                    let reader = email == nil ? nil : try await user(email!, on: app.db)
                    return try await ReportReads.reportFile(reader, slug: "calderdale", year: Self.year, version: version, audience: .full, context)
                }

                let draft = try await file("viewer@calderdale.example")
                #expect(draft.isDraft && draft.document.version == 1)
                await #expect(throws: ReportFileRefusal.signInFirst) { try await file(nil) }
                await #expect(throws: ReportFileRefusal.notPublishedYet) { try await file("cdop@calderdale.example") }
                await #expect(throws: ReportFileRefusal.noSuchVersion(1)) { try await file("cdop@calderdale.example", version: 1) }
                await #expect(throws: ReportFileRefusal.noPartnership) {
                    try await ReportReads.reportFile(nil, slug: "nowhere", year: Self.year, version: nil, audience: .full, context)
                }

                // Locked by the administrators: no more drafts, though the person may still hold another partnership.
                let admin = try await viewer("admin@calderdale.example", on: app.db)
                let locked = try await user("viewer@calderdale.example", on: app.db)
                _ = try await AccountWrites.setLocked(admin, userID: locked.id, locked: true, context)
                await #expect(throws: ReportFileRefusal.notPublishedYet) { try await file("viewer@calderdale.example") }
                await #expect(throws: ReportFileRefusal.noSuchVersion(1)) { try await file("viewer@calderdale.example", version: 1) }
            }
        }
    }
}
