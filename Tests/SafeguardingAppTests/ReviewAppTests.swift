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
    @Suite("Practice reviews: the statutory clock, incidents, local reviews, themes, access")
    struct ReviewAppTests {
        static let base = "/partnerships/calderdale"

        @Test("The working-days API answers around Christmas and refuses years without bank-holiday data")
        func workingDaysAPI() async throws {
            try await withDemoApp { app async throws in
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let added = try await app.api(.GET, "/api/v1/working-days?from=2023-12-22&add=5", token: token)
                #expect(added.status == .ok)
                #expect(try jsonObject(added)["date"] as? String == "2024-01-03")
                let counted = try await app.api(.GET, "/api/v1/working-days?from=2023-12-22&to=2024-01-03", token: token)
                #expect(try jsonObject(counted)["working_days"] as? Int == 5)
                let outside = try await app.api(.GET, "/api/v1/working-days?from=2031-01-02&add=5", token: token)
                #expect(outside.status == .unprocessableEntity)
                #expect(outside.body.string.contains("2018 to 2030"))
                let wrong = try await app.api(.GET, "/api/v1/working-days?from=2023-02-30&add=five", token: token)
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("\"field\":\"from\"") && wrong.body.string.contains("\"field\":\"add\""))
                #expect(try await app.api(.GET, "/api/v1/working-days?from=2023-12-22&add=5", token: nil).status == .unauthorized)
            }
        }

        @Test("An incident shows its deadlines, flags a missed notification, and runs to a submitted rapid review")
        func incidentDeadlines() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let wrong = try await admin.post("\(Self.base)/reviews/incidents", ["child_reference": "Sarah Jones", "aware_on-day": "40"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("never a name"))
                #expect(wrong.body.string.contains("Select the child&#39;s age band") || wrong.body.string.contains("Select the child's age band"))
                let police = try await organisationID("West Yorkshire Police", on: app.db)
                let created = try await admin.post("\(Self.base)/reviews/incidents", [
                    "child_reference": "Baby X", "age_band": "under_1", "harm": "serious_harm", "summary": "Unexplained injuries.",
                    "aware_on-day": "22", "aware_on-month": "12", "aware_on-year": "2023", "agency-\(police.uuidString.lowercased())": "yes"])
                #expect(created.status == .seeOther)
                let id = try redirectID(created)
                let page = try await admin.get("\(Self.base)/reviews/incidents/\(id)")
                #expect(page.status == .ok)
                // Notification due 5 working days after Friday 22 December 2023: Wednesday 3 January 2024, long missed by now.
                #expect(page.body.string.contains("Wednesday 3 January 2024"))
                #expect(page.body.string.contains("Missed:"))
                #expect(page.body.string.contains("West Yorkshire Police"))
                // Notified a day late; the rapid review is due 15 working days after the notification.
                let late = try await admin.post("\(Self.base)/reviews/incidents/\(id)/notification",
                                                ["notified_on-day": "4", "notified_on-month": "1", "notified_on-year": "2024"])
                #expect(late.status == .seeOther)
                let notified = try await admin.get("\(Self.base)/reviews/incidents/\(id)")
                #expect(notified.body.string.contains("Missed: done 1 working day late"))
                #expect(notified.body.string.contains("Thursday 25 January 2024"))
                // Submitting needs a decision and three sign-offs.
                let early = try await admin.post("\(Self.base)/reviews/incidents/\(id)/submission",
                                                 ["submitted_on-day": "20", "submitted_on-month": "1", "submitted_on-year": "2024"])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("Record the rapid review"))
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(id)/rapid-review", [
                    "panel_met_on": "2024-01-16", "decision": "local_review", "decision_reasons": "Agencies missed the father.",
                    "decided_on": "2024-01-16"]).status == .seeOther)
                for name in ["Calderdale Council", "West Yorkshire Integrated Care Board", "West Yorkshire Police"] {
                    let organisation = try await organisationID(name, on: app.db)
                    #expect(try await admin.post("\(Self.base)/reviews/incidents/\(id)/sign-offs", [
                        "signoff_organisation": organisation.uuidString, "signed_by_role": "Director", "signed_on": "2024-01-18"]).status == .seeOther)
                }
                let notPartner = try await admin.post("\(Self.base)/reviews/incidents/\(id)/sign-offs", [
                    "signoff_organisation": try await organisationID("CAFCASS", on: app.db).uuidString, "signed_by_role": "Director", "signed_on": "2024-01-18"])
                #expect(notPartner.status == .unprocessableEntity)
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(id)/submission", ["submitted_on": "2024-01-19"]).status == .seeOther)
                let incident = try #require(try await SeriousIncident.find(id, on: app.db))
                #expect(incident.submittedOn == "2024-01-19")
                // Once submitted, the record is final at every step.
                let afterwards = try await admin.post("\(Self.base)/reviews/incidents/\(id)/agencies", [
                    "organisation": police.uuidString, "requested_on": "2024-01-20"])
                #expect(afterwards.status == .unprocessableEntity)
                #expect(afterwards.body.string.contains("its record is final"))
                let overview = try await admin.get("\(Self.base)/reviews")
                let listViews = try await AuditEvent.query(on: app.db).filter(\.$action == "view").filter(\.$subjectType == "serious_incident")
                    .filter(\.$subjectID == nil).count()
                #expect(listViews >= 1, "reading the list of incidents is in the audit log")
                #expect(overview.body.string.contains("Baby X"))
                #expect(overview.body.string.contains("Missed: Notify the national panel"))
                // The demo's live incident waits for its notification with working days left.
                #expect(overview.body.string.contains("Child V"))
                #expect(overview.body.string.contains("working days left") || overview.body.string.contains("working day left") || overview.body.string.contains("Due today"))
            }
        }

        @Test("A local review's recommendations flow into the tracker, and publishing opens it to every reader")
        func localReviewIntoTracker() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let refused = try await admin.post("\(Self.base)/reviews/local", ["child_reference": "Child Z", "reporting_year": "2024-25"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Enter the terms of reference"))
                let created = try await admin.post("\(Self.base)/reviews/local", [
                    "child_reference": "Child Z", "reporting_year": "2024-25", "reviewer": "Independent reviewer",
                    "decided_on": "2024-08-31", "terms_of_reference": "How agencies shared information"])
                #expect(created.status == .seeOther)
                let reviewID = try redirectID(created)
                let review = try #require(try await LocalReview.find(reviewID, on: app.db))
                let sourceID = review.$source.id
                let page = try await admin.get("\(Self.base)/reviews/local/\(reviewID)")
                // Decided on 31 August 2024: publication due 28 February 2025, copy 7 working days before.
                #expect(page.body.string.contains("Friday 28 February 2025"))
                #expect(page.body.string.contains("Wednesday 19 February 2025"))
                // Findings and recommendations are the tracker's.
                #expect(try await admin.post("\(Self.base)/learning/sources/\(sourceID)/findings", [
                    "finding_kind": "area_for_improvement", "finding_text": "No one saw the whole picture.", "finding_themes": "information sharing"]).status == .seeOther)
                let recommended = try await admin.post("\(Self.base)/learning/sources/\(sourceID)/recommendations", ["recommendation_text": "Share chronologies."])
                #expect(recommended.status == .seeOther)
                let recommendationID = try redirectID(recommended)
                #expect(try await admin.post("\(Self.base)/learning/recommendations/\(recommendationID)/actions", [
                    "text": "Agree a shared chronology template", "owner_organisation": "Calderdale Council", "owner": "Head of service",
                    "due_on": "2025-06-30"]).status == .seeOther)
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let actions = try await LearningStore.actions(partnership, filter: .all, today: CalendarDate(year: 2025, month: 1, day: 1)!, on: app.db)
                #expect(actions.contains { $0.source.id == sourceID && $0.action.text == "Agree a shared chronology template" })

                // Before publication the viewer (not on the review subgroup) cannot see it, by page or API; the police contributor on it can.
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get("\(Self.base)/reviews/local/\(reviewID)").status == .notFound)
                #expect(try await viewer.get("\(Self.base)/learning/sources/\(sourceID)").status == .notFound)
                #expect(try await viewer.get("\(Self.base)/learning/recommendations/\(recommendationID)").status == .notFound)
                #expect(!(try await viewer.get("\(Self.base)/learning/sources").body.string.contains("Child Z")))
                #expect(try await viewer.get("\(Self.base)/reviews/incidents/\(try #require(try await SeriousIncident.query(on: app.db).first()?.id))").status == .forbidden)
                let viewerToken = try await apiToken(for: "viewer@calderdale.example", on: app)
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/reviews/\(reviewID)", token: viewerToken).status == .notFound)
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/sources/\(sourceID)", token: viewerToken).status == .notFound)
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/incidents", token: viewerToken).status == .forbidden)
                let viewerActions = try jsonArray(try await app.api(.GET, "/api/v1/partnerships/calderdale/actions?status=all", token: viewerToken))
                #expect(!viewerActions.contains { ($0["source_id"] as? String)?.lowercased() == sourceID.uuidString.lowercased() })
                let viewerList = try jsonArray(try await app.api(.GET, "/api/v1/partnerships/calderdale/reviews", token: viewerToken))
                #expect(!viewerList.contains { $0["child_reference"] as? String == "Child Z" })
                #expect(viewerList.contains { $0["child_reference"] as? String == "Baby S" }, "published reviews stay visible")

                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                #expect(try await contributor.get("\(Self.base)/reviews/local/\(reviewID)").status == .ok)
                let views = try await AuditEvent.query(on: app.db).filter(\.$action == "view").filter(\.$subjectID == reviewID.uuidString).count()
                #expect(views >= 2, "every view of the unpublished review is in the audit log")

                // Publishing needs the copy first, then opens the review to the viewer.
                let noCopy = try await admin.post("\(Self.base)/reviews/local/\(reviewID)/publication", [
                    "published_on": "2025-02-20", "publication_link": "https://example.org/child-z"])
                #expect(noCopy.status == .unprocessableEntity)
                #expect(noCopy.body.string.contains("Send the copy"))
                #expect(try await admin.post("\(Self.base)/reviews/local/\(reviewID)/publication", [
                    "copy_sent_on": "2025-02-10", "published_on": "2025-02-20", "publication_link": "https://example.org/child-z"]).status == .seeOther)
                #expect(try await viewer.get("\(Self.base)/reviews/local/\(reviewID)").status == .ok)
                #expect(try await viewer.get("\(Self.base)/learning/sources/\(sourceID)").status == .ok)
            }
        }

        @Test("The themes page counts themes across the last four years of reviews, with the national panel beside them")
        func themesAcrossReviews() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let page = try await admin.get("\(Self.base)/reviews/themes?year=2023-24")
                #expect(page.status == .ok)
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let themes = try jsonObject(try await app.api(.GET, "/api/v1/partnerships/calderdale/themes?year=2023-24", token: token))
                #expect(themes["years"] as? [String] == ["2020-21", "2021-22", "2022-23", "2023-24"])
                let rows = try #require(themes["themes"] as? [[String: Any]])
                let byName = Dictionary(rows.map { ($0["theme"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
                // Child R, Siblings T, Child Q, Baby S and the reflective session share mental health information sharing in four of them.
                #expect(byName["information sharing between mental health and children's services"]?["reviews"] as? Int == 5)
                #expect(byName["domestic abuse"]?["reviews"] as? Int == 3)
                #expect(byName["hidden men"]?["reviews"] as? Int == 3)
                #expect((byName["hidden men"]?["national_recommendations"] as? [String])?.count == 1)
                #expect(rows.first?["theme"] as? String == "information sharing between mental health and children's services")
                // A window without Child R and Siblings T counts fewer.
                let later = try jsonObject(try await app.api(.GET, "/api/v1/partnerships/calderdale/themes?year=2026-27", token: token))
                #expect((later["reviews_counted"] as? Int ?? 0) < (themes["reviews_counted"] as? Int ?? 0))
                #expect(try await app.api(.GET, "/api/v1/partnerships/calderdale/themes?year=twenty", token: token).status == .unprocessableEntity)
                // The viewer's count leaves out what the viewer may not see (the reflective session, the rapid review).
                let viewerToken = try await apiToken(for: "viewer@calderdale.example", on: app)
                let viewerThemes = try jsonObject(try await app.api(.GET, "/api/v1/partnerships/calderdale/themes?year=2023-24", token: viewerToken))
                #expect(viewerThemes["reviews_counted"] as? Int == 3)
            }
        }

        @Test("Timescales are set per partnership and move the deadlines; bad values are refused")
        func timescales() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let wrong = try await admin.post("\(Self.base)/reviews/settings", ["notification_working_days": "0", "rapid_review_working_days": "x",
                                                                                  "publication_months": "6", "copy_working_days": "7"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("from 1 to 30"))
                let group = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "Child Safeguarding Practice Review Subgroup").first())
                #expect(try await admin.post("\(Self.base)/reviews/settings", ["notification_working_days": "3", "rapid_review_working_days": "15",
                                                                              "publication_months": "6", "copy_working_days": "7",
                                                                              "review_group": group.id!.uuidString]).status == .seeOther)
                let token = try await apiToken(for: "admin@calderdale.example", on: app)
                let incidents = try jsonArray(try await app.api(.GET, "/api/v1/partnerships/calderdale/incidents", token: token))
                let babyS = try #require(incidents.first { $0["child_reference"] as? String == "Baby S" })
                let notification = try #require((babyS["deadlines"] as? [[String: Any]])?.first)
                // Aware Monday 24 October 2022: 3 working days is Thursday 27 October.
                #expect(notification["due_date"] as? String == "2022-10-27")
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.post("\(Self.base)/reviews/settings", ["notification_working_days": "5"]).status == .forbidden)
                #expect(try await executive.get("\(Self.base)/reviews/incidents/new").status == .forbidden, "the executive reads reviews but does not record them")
            }
        }

        @Test("Seating an account on the review subgroup opens unpublished reviews to it")
        func seatOpensReviews() async throws {
            try await withDemoApp { app async throws in
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get("\(Self.base)/reviews/incidents/new").status == .forbidden)
                let overview = try await viewer.get("\(Self.base)/reviews")
                #expect(overview.body.string.contains("You see published reviews only"))
                #expect(!overview.body.string.contains("Child V"))
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let group = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "Child Safeguarding Practice Review Subgroup").first())
                let viewerUser = try #require(try await User.query(on: app.db).filter(\.$email == "viewer@calderdale.example").first())
                let nameless = try await admin.post("\(Self.base)/subgroups/\(group.id!)/members", ["member_seat": "member"])
                #expect(nameless.status == .unprocessableEntity)
                #expect(try await admin.post("\(Self.base)/subgroups/\(group.id!)/members", [
                    "member_role": "Lay member", "member_seat": "member", "member_account": viewerUser.id!.uuidString]).status == .seeOther)
                let after = try await viewer.get("\(Self.base)/reviews")
                #expect(after.body.string.contains("Child V"))
                #expect(try await viewer.get("\(Self.base)/reviews/incidents/new").status == .forbidden, "a viewer on the subgroup reads but does not record")

                // An Executive member reads reviews anyway; a seat on the subgroup lets them record too.
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.get("\(Self.base)/reviews/incidents/new").status == .forbidden)
                let executiveUser = try #require(try await User.query(on: app.db).filter(\.$email == "executive@calderdale.example").first())
                #expect(try await admin.post("\(Self.base)/subgroups/\(group.id!)/members", [
                    "member_role": "Director of Children's Services", "member_seat": "member", "member_account": executiveUser.id!.uuidString]).status == .seeOther)
                #expect(try await executive.get("\(Self.base)/reviews/incidents/new").status == .ok, "an Executive member on the subgroup records reviews")
            }
        }
    }
}
