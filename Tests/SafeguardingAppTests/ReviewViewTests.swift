import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
@testable import SafeguardingWeb

extension AppTests {
    @Suite("Practice review pages: what each viewer's page model holds, and the views of it")
    struct ReviewViewTests {
        static let today = CalendarDate(year: 2024, month: 3, day: 31)!

        func viewer(_ email: String, on db: any Database) async throws -> Viewer {
            let user = try #require(try await AccountStore.user(email: email, on: db))
            return try await Viewer.resolve(user: Account(user), slug: "calderdale", address: nil, today: .today(), on: db)
        }

        func frame() -> PageFrame { PageFrame(title: "", signedIn: nil, section: .reviews, csrf: "token") }

        @Test("A reader without review access gets an overview with no serious incident and published reviews only")
        func overviewForAReader() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let reader = try await viewer("viewer@calderdale.example", on: app.db)
                let page = try await ReviewReads.overview(reader, context)

                #expect(!page.mayReadAll)
                #expect(page.openIncidents.isEmpty && page.submittedIncidents.isEmpty)
                #expect(!page.localReviews.isEmpty)
                #expect(page.localReviews.allSatisfy { $0.published != nil })
                let html = ReviewViews.overview(page, frame: frame(), flash: nil, settings: [:], errors: [])
                #expect(html.contains("You see published reviews only."))
                #expect(!html.contains("Open cases: the next statutory deadline"))
                #expect(!html.contains("/reviews/incidents/"))
            }
        }

        @Test("The Executive's overview lists the open incidents with their next deadline, and the timescales form")
        func overviewForTheExecutive() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let admin = try await viewer("admin@calderdale.example", on: app.db)
                let page = try await ReviewReads.overview(admin, context)

                #expect(page.mayReadAll && page.mayConfigure)
                #expect(!(page.openIncidents + page.submittedIncidents).isEmpty)
                #expect(page.openIncidents.allSatisfy(\.isOpen) && page.submittedIncidents.allSatisfy { !$0.isOpen })
                let html = ReviewViews.overview(page, frame: frame(), flash: nil, settings: [:], errors: [])
                #expect(html.contains("Open cases: the next statutory deadline"))
                #expect(html.contains(#"name="_csrf" value="token""#))
                for incident in page.openIncidents { #expect(html.contains(incident.childReference)) }
            }
        }

        @Test("A published review from a rapid review names the child reference to every reader, but links the incident only for the Executive")
        func publishedReviewFromAnIncident() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let review = try #require(try await LocalReview.query(on: app.db).filter(\.$incident.$id != nil).filter(\.$publishedOn != nil).first())
                let reader = try await viewer("viewer@calderdale.example", on: app.db)
                let admin = try await viewer("admin@calderdale.example", on: app.db)

                let forReader = try await ReviewReads.localReviewPage(reader, id: review.requireID(), context)
                let forAdmin = try await ReviewReads.localReviewPage(admin, id: review.requireID(), context)

                #expect(forReader.fromRapidReview == review.childReference)
                #expect(forReader.incidentID == nil)
                #expect(forAdmin.incidentID == review.$incident.id)
                let html = LocalReviewViews.page(forReader, frame: frame(), flash: nil, values: [:], errors: [])
                #expect(!html.contains("/reviews/incidents/"))
            }
        }

        @Test("Opening a serious incident's page records one view in the audit log; a reader is refused")
        func incidentPageIsAudited() async throws {
            try await withDemoApp { app in
                let context = AppContext(database: app.db, today: Self.today)
                let incident = try #require(try await SeriousIncident.query(on: app.db).first())
                let admin = try await viewer("admin@calderdale.example", on: app.db)
                let reader = try await viewer("viewer@calderdale.example", on: app.db)
                let views = { try await AuditEvent.query(on: app.db).filter(\.$action == "view").filter(\.$subjectID == incident.id?.uuidString).count() }
                let before = try await views()

                let page = try await ReviewReads.incidentPage(admin, id: incident.requireID(), context)
                await #expect(throws: AccessDenied.self) { try await ReviewReads.incidentPage(reader, id: incident.requireID(), context) }

                #expect(page.incident.childReference == incident.childReference)
                #expect(try await views() == before + 1)
                let html = IncidentViews.page(page, frame: frame(), flash: nil, values: [:], errors: [])
                #expect(html.contains("Serious incident: \(incident.childReference)"))
            }
        }
    }
}
