import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// The value the yearly report's page prints for the figure whose label starts with `label`, tags stripped.
func reportFigure(_ html: String, _ label: String) -> String? {
    guard let start = html.range(of: "<dt>\(label)") else { return nil }
    guard let marker = html.range(of: "report-figure__value\">", range: start.upperBound..<html.endIndex),
          let end = html.range(of: "</dd>", range: marker.upperBound..<html.endIndex) else { return nil }
    return String(html[marker.upperBound..<end.lowerBound]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
}

/// A figure's number, like 12 from `12` or `1,204`; nil for a suppressed or missing one.
func number(_ figure: String?) -> Int? {
    figure.flatMap { Int($0.filter(\.isNumber)) }
}

/// Some of the page before `text`, if the page holds it: to see where it is when it should not be.
func excerpt(_ html: String, around text: String) -> String? {
    guard let range = html.range(of: text) else { return nil }
    return String(html[..<range.upperBound].suffix(300))
}

/// The number on the tracker's card with this text, like `open actions`.
func trackerCard(_ html: String, _ text: String) -> Int? {
    guard let range = html.range(of: "app-card__label\">\(text)<") else { return nil }
    let before = html[..<range.lowerBound]
    let digits = before.reversed().drop { !$0.isNumber }.prefix { $0.isNumber }
    return Int(String(digits.reversed()))
}

/// The audit log's changes for a record, as `[field: [old, new]]`, of its latest event with `action`.
func auditChanges(_ id: UUID, action: String, on db: any Database) async throws -> [String: [String?]] {
    let event = try #require(try await AuditEvent.query(on: db).filter(\.$subjectID == id.uuidString).filter(\.$action == action)
        .sort(\.$occurredAt, .descending).first())
    let json = try #require(event.changes)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Any]])
    return object.mapValues { $0.map { $0 as? String } }
}

extension AppTests {
    @Suite("Correcting the learning tracker: change, withdraw, restore")
    struct LearningCorrectionTests {
        static let base = "/partnerships/calderdale"

        @Test("An action is changed with its old and new values in the audit log, withdrawn out of the tracker and the report, and restored")
        func actionChangedWithdrawnRestored() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)!) { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let recommendation = try #require(try await Recommendation.query(on: app.db).sort(\.$number).first())
                let tracker = try await admin.get("\(Self.base)/learning").body.string
                let report = try await admin.get("\(Self.base)/reports/2023-24.html").body.string
                let (open, reportOpen) = (trackerCard(tracker, "open actions"), reportFigure(report, "Actions open"))
                let (openBefore, reportOpenBefore) = (try #require(open), try #require(reportOpen))
                // Add an action raised in 2023-24 and still open at its end.
                let added = try await admin.post("\(Self.base)/learning/recommendations/\(recommendation.id!)/actions", [
                    "text": "Audit the front door's strategy discussions", "owner_organisation": "West Yorkshire Police", "owner": "Detective inspector",
                    "due_on-day": "30", "due_on-month": "6", "due_on-year": "2024", "raised_on-day": "1", "raised_on-month": "6", "raised_on-year": "2023"])
                #expect(added.status == .seeOther)
                let action = try #require(try await LearningAction.query(on: app.db).filter(\.$text == "Audit the front door's strategy discussions").first())
                let id = try action.requireID()
                #expect(trackerCard(try await admin.get("\(Self.base)/learning").body.string, "open actions") == openBefore + 1)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Actions open")) == number(reportOpenBefore).map { $0 + 1 })
                // The action's page links to its form, prefilled.
                #expect(try await admin.get("\(Self.base)/learning/actions/\(id)").body.string.contains("/learning/actions/\(id.uuidString.lowercased())/edit"))
                let form = try await admin.get("\(Self.base)/learning/actions/\(id)/edit")
                #expect(form.status == .ok)
                #expect(form.body.string.contains("Audit the front door&#39;s strategy discussions") || form.body.string.contains("Audit the front door's strategy discussions"))
                // Bad input names the field; nothing is written.
                let bad = try await admin.post("\(Self.base)/learning/actions/\(id)/edit", ["text": "", "owner_organisation": "Nobody Ltd", "owner": "x",
                                                                                         "due_on-day": "31", "due_on-month": "2", "due_on-year": "2024"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Enter what will be done"))
                #expect(bad.body.string.contains("govuk-error-summary"))
                // A good change: the owner, the due date and the text.
                let saved = try await admin.post("\(Self.base)/learning/actions/\(id)/edit", [
                    "text": "Audit strategy discussions at the front door", "owner_organisation": "Calderdale Council", "owner": "Head of service",
                    "due_on-day": "31", "due_on-month": "7", "due_on-year": "2024"])
                #expect(saved.status == .seeOther)
                let changed = try #require(try await LearningAction.find(id, on: app.db))
                #expect(changed.text == "Audit strategy discussions at the front door")
                #expect(changed.dueOn == "2024-07-31")
                #expect(changed.owner == "Head of service")
                let changes = try await auditChanges(id, action: "update", on: app.db)
                #expect(changes["due_on"] == ["2024-06-30", "2024-07-31"])
                #expect(changes["owner"] == ["Detective inspector", "Head of service"])
                // Withdrawing needs a reason.
                let noReason = try await admin.post("\(Self.base)/learning/actions/\(id)/withdraw", ["reason": "  "])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains("Enter why this record is being withdrawn"))
                let withdrawn = try await admin.post("\(Self.base)/learning/actions/\(id)/withdraw", ["reason": "Added to the wrong recommendation"])
                #expect(withdrawn.status == .seeOther)
                #expect(try await LearningAction.find(id, on: app.db) == nil, "hidden from every query")
                #expect(try await admin.get("\(Self.base)/learning/actions/\(id)").status == .notFound)
                #expect(trackerCard(try await admin.get("\(Self.base)/learning").body.string, "open actions") == openBefore)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Actions open")) == number(reportOpenBefore))
                #expect(try await auditChanges(id, action: "withdraw", on: app.db)["withdrawn"] == [nil, "Added to the wrong recommendation"])
                // Only an administrator restores.
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.get("\(Self.base)/learning/withdrawn").status == .forbidden)
                #expect(try await executive.post("\(Self.base)/learning/withdrawn/actions/\(id)/restore", [:]).status == .forbidden)
                #expect(try await LearningAction.find(id, on: app.db) == nil)
                let list = try await admin.get("\(Self.base)/learning/withdrawn").body.string
                #expect(list.contains("Added to the wrong recommendation"))
                #expect(try await admin.post("\(Self.base)/learning/withdrawn/actions/\(id)/restore", [:]).status == .seeOther)
                #expect(try await LearningAction.find(id, on: app.db)?.text == "Audit strategy discussions at the front door")
                #expect(trackerCard(try await admin.get("\(Self.base)/learning").body.string, "open actions") == openBefore + 1)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Actions open")) == number(reportOpenBefore).map { $0 + 1 })
                #expect(try await auditChanges(id, action: "restore", on: app.db)["withdrawn"] == ["Added to the wrong recommendation", nil])
            }
        }

        @Test("A finding and a recommendation are changed and withdrawn; a recommendation with actions is not")
        func findingAndRecommendation() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let finding = try #require(try await Finding.query(on: app.db).sort(\.$position).first())
                let (findingID, sourceID) = (try finding.requireID(), finding.$source.id)
                let sourcePage = try await admin.get("\(Self.base)/learning/sources/\(sourceID)").body.string
                #expect(sourcePage.contains("/learning/findings/\(findingID.uuidString.lowercased())/edit"))
                // The viewer may neither open the form nor change the finding.
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get("\(Self.base)/learning/findings/\(findingID)/edit").status == .forbidden)
                #expect(try await viewer.post("\(Self.base)/learning/findings/\(findingID)/edit", ["kind": "strength", "text": "x"]).status == .forbidden)
                let bad = try await admin.post("\(Self.base)/learning/findings/\(findingID)/edit", ["kind": "nonsense", "text": ""])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Enter the finding"))
                let saved = try await admin.post("\(Self.base)/learning/findings/\(findingID)/edit",
                                                  ["kind": "strength", "text": "Corrected finding text.", "themes": "Neglect, neglect"])
                #expect(saved.status == .seeOther)
                #expect(try await auditChanges(findingID, action: "update", on: app.db)["text"] == [finding.text, "Corrected finding text."])
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let before = try await LearningStore.sources(partnership, today: CalendarDate(year: 2024, month: 3, day: 31)!, on: app.db)
                    .first { $0.source.id == sourceID }?.findings
                #expect(try await admin.post("\(Self.base)/learning/findings/\(findingID)/withdraw", ["reason": "Duplicate of F2"]).status == .seeOther)
                let after = try await LearningStore.sources(partnership, today: CalendarDate(year: 2024, month: 3, day: 31)!, on: app.db)
                    .first { $0.source.id == sourceID }?.findings
                #expect(after == (before ?? 0) - 1, "the source's count of findings leaves it out")
                #expect(!(try await admin.get("\(Self.base)/learning/sources/\(sourceID)").body.string.contains("Corrected finding text.")))
                // A recommendation answered by actions refuses withdrawal, with a clear message.
                let answered = try #require(try await LearningAction.query(on: app.db).first()?.$recommendation.id)
                let refused = try await admin.post("\(Self.base)/learning/recommendations/\(answered)/withdraw", ["reason": "Mistake"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("first: an action cannot be left without its recommendation"))
                #expect(try await Recommendation.find(answered, on: app.db) != nil)
                // A new recommendation without actions: counted, changed, withdrawn, and numbered past on restore.
                let tracker = try await admin.get("\(Self.base)/learning").body.string
                let withoutCount = trackerCard(tracker, "recommendations without an action")
                let without = try #require(withoutCount)
                let added = try await admin.post("\(Self.base)/learning/sources/\(sourceID)/recommendations", ["recommendation_text": "Record fathers."])
                let recommendationID = try redirectID(added)
                #expect(trackerCard(try await admin.get("\(Self.base)/learning").body.string, "recommendations without an action") == without + 1)
                #expect(try await admin.post("\(Self.base)/learning/recommendations/\(recommendationID)/edit", ["text": "Seek out and record fathers."]).status == .seeOther)
                #expect(try await auditChanges(recommendationID, action: "update", on: app.db)["text"] == ["Record fathers.", "Seek out and record fathers."])
                #expect(try await admin.post("\(Self.base)/learning/recommendations/\(recommendationID)/withdraw", ["reason": "Not agreed"]).status == .seeOther)
                #expect(trackerCard(try await admin.get("\(Self.base)/learning").body.string, "recommendations without an action") == without)
                // The next recommendation does not take the withdrawn one's number.
                let next = try redirectID(try await admin.post("\(Self.base)/learning/sources/\(sourceID)/recommendations", ["recommendation_text": "Another."]))
                let withdrawnNumber = try #require(try await Recommendation.query(on: app.db).withDeleted().filter(\.$id == recommendationID).first()?.number)
                #expect(try await Recommendation.find(next, on: app.db)?.number == withdrawnNumber + 1)
                #expect(try await admin.post("\(Self.base)/learning/withdrawn/recommendations/\(recommendationID)/restore", [:]).status == .seeOther)
                #expect(try await Recommendation.find(recommendationID, on: app.db)?.text == "Seek out and record fathers.")
            }
        }
    }

    @Suite("Correcting practice reviews: change, withdraw, restore; final records stay final")
    struct ReviewCorrectionTests {
        static let base = "/partnerships/calderdale"

        @Test("A submitted rapid review and a published review refuse changes with a clear message")
        func finalRecordsStayFinal() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let submitted = try #require(try await SeriousIncident.query(on: app.db).filter(\.$submittedOn != nil).first())
                let form = try await admin.get("\(Self.base)/reviews/incidents/\(submitted.id!)/edit")
                #expect(form.status == .ok)
                #expect(form.body.string.contains("its record is final"))
                let refused = try await admin.post("\(Self.base)/reviews/incidents/\(submitted.id!)/edit", [
                    "child_reference": "Child Z", "age_band": submitted.ageBand.rawValue, "harm": submitted.harm.rawValue,
                    "aware_on": submitted.awareOn, "summary": "Changed"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("and its record is final"))
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(submitted.id!)/withdraw", ["reason": "x"]).status == .unprocessableEntity)
                #expect(try await SeriousIncident.find(submitted.id!, on: app.db)?.childReference == submitted.childReference)
                let published = try #require(try await LocalReview.query(on: app.db).filter(\.$publishedOn != nil).first())
                let refusedReview = try await admin.post("\(Self.base)/reviews/local/\(published.id!)/withdraw", ["reason": "x"])
                #expect(refusedReview.status == .unprocessableEntity)
                #expect(refusedReview.body.string.contains("was published on"))
                let milestone = ReviewMilestone()
                milestone.$partnership.id = published.$partnership.id
                milestone.$localReview.id = published.id!
                milestone.title = "Panel"
                milestone.dueOn = "2023-01-01"
                try await milestone.create(on: app.db)
                #expect(try await admin.post("\(Self.base)/reviews/milestones/\(milestone.id!)/edit",
                                             ["milestone_title": "Panel meeting", "milestone_due_on": "2023-01-02"]).status == .unprocessableEntity)
            }
        }

        @Test("An incident and a local review are changed, withdrawn out of the lists and the report, and restored by an administrator")
        func incidentAndLocalReview() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)!) { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let reportBefore = try await admin.get("\(Self.base)/reports/2023-24.html").body.string
                let onTime = reportFigure(reportBefore, "Rapid reviews submitted within")
                let onTimeBefore = try #require(onTime)
                // An incident, notified and decided in 2023-24.
                let created = try await admin.post("\(Self.base)/reviews/incidents", [
                    "child_reference": "Child M", "age_band": "5_9", "harm": "serious_harm", "aware_on": "2024-01-08", "summary": "Illustrative."])
                #expect(created.status == .seeOther)
                let incidentID = try redirectID(created)
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(incidentID)/notification", ["notified_on": "2024-01-10"]).status == .seeOther)
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(incidentID)/rapid-review", [
                    "panel_met_on": "2024-01-20", "decision": "no_local_review", "decision_reasons": "Learning taken through the tracker.",
                    "decided_on": "2024-01-20"]).status == .seeOther)
                let onTimeNow = reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Rapid reviews submitted within")
                let onTimeWith = try #require(onTimeNow)
                #expect(onTimeWith != onTimeBefore, "the new decision counts in the year: \(onTimeWith)")
                // Bad input names the field.
                let bad = try await admin.post("\(Self.base)/reviews/incidents/\(incidentID)/edit", [
                    "child_reference": "", "age_band": "5_9", "harm": "serious_harm", "aware_on": "2024-01-08", "summary": "x"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("govuk-error-summary"))
                // A change: the audit log holds old and new; its place in the tracker follows.
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(incidentID)/edit", [
                    "child_reference": "Child N", "age_band": "5_9", "harm": "serious_harm", "aware_on": "2024-01-08", "summary": "Illustrative."]).status == .seeOther)
                #expect(try await auditChanges(incidentID, action: "update", on: app.db)["child_reference"] == ["Child M", "Child N"])
                let incident = try #require(try await SeriousIncident.find(incidentID, on: app.db))
                #expect(try await LearningSource.find(incident.$source.id, on: app.db)?.title == "Rapid review: Child N")
                // Someone who does not record reviews may not withdraw it.
                var youngAdvisor = Visitor(app)
                try await youngAdvisor.signIn("young.advisor@calderdale.example")
                #expect(try await youngAdvisor.post("\(Self.base)/reviews/incidents/\(incidentID)/withdraw", ["reason": "x"]).status == .forbidden)
                #expect(try await admin.post("\(Self.base)/reviews/incidents/\(incidentID)/withdraw", ["reason": "Recorded twice"]).status == .seeOther)
                #expect(try await SeriousIncident.find(incidentID, on: app.db) == nil)
                #expect(try await LearningSource.find(incident.$source.id, on: app.db) == nil, "its place in the tracker goes with it")
                #expect(!(try await admin.get("\(Self.base)/reviews").body.string.contains("Child N")))
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Rapid reviews submitted within")) == number(onTimeBefore))
                #expect(try await auditChanges(incidentID, action: "withdraw", on: app.db)["withdrawn"] == [nil, "Recorded twice"])
                #expect(try await admin.post("\(Self.base)/reviews/withdrawn/incidents/\(incidentID)/restore", [:]).status == .seeOther)
                #expect(try await SeriousIncident.find(incidentID, on: app.db) != nil)
                #expect(try await LearningSource.find(incident.$source.id, on: app.db) != nil)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Rapid reviews submitted within")) == number(onTimeWith))
            }
        }

        @Test("A local review and its milestone are changed, withdrawn out of the page and the report, and restored in order")
        func localReviewAndMilestone() async throws {
            try await withDemoApp(today: CalendarDate(year: 2024, month: 3, day: 31)!) { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let reportBefore = try await admin.get("\(Self.base)/reports/2023-24.html").body.string
                let inProgress = reportFigure(reportBefore, "Local reviews in progress")
                let inProgressBefore = try #require(inProgress)
                // A local review in progress in 2023-24, with a milestone.
                let commissioned = try await admin.post("\(Self.base)/reviews/local", [
                    "child_reference": "Child P", "reporting_year": "2023-24", "reviewer": "Independent reviewer", "decided_on": "2023-09-01",
                    "terms_of_reference": "How well were the child's views heard?"])
                #expect(commissioned.status == .seeOther)
                let reviewID = try redirectID(commissioned)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Local reviews in progress")) == number(inProgressBefore).map { $0 + 1 })
                #expect(try await admin.post("\(Self.base)/reviews/local/\(reviewID)/milestones", ["milestone_title": "Chronologies in",
                                                                                                   "milestone_due_on": "2023-11-01"]).status == .seeOther)
                let milestoneID = try #require(try await ReviewMilestone.query(on: app.db).filter(\.$localReview.$id == reviewID).first()?.id)
                #expect(try await admin.get("\(Self.base)/reviews/local/\(reviewID)").body.string.contains("/reviews/milestones/\(milestoneID.uuidString.lowercased())/edit"))
                #expect(try await admin.post("\(Self.base)/reviews/milestones/\(milestoneID)/edit", ["milestone_title": "Chronologies received",
                                                                                                     "milestone_due_on": "2023-11-08"]).status == .seeOther)
                #expect(try await auditChanges(milestoneID, action: "update", on: app.db)["due_on"] == ["2023-11-01", "2023-11-08"])
                #expect(try await admin.post("\(Self.base)/reviews/milestones/\(milestoneID)/withdraw", ["reason": "Not held"]).status == .seeOther)
                let reviewPage = try await admin.get("\(Self.base)/reviews/local/\(reviewID)").body.string
                #expect(excerpt(reviewPage, around: "Chronologies received") == nil, "the withdrawn milestone is still shown")
                #expect(try await admin.post("\(Self.base)/reviews/local/\(reviewID)/edit", [
                    "child_reference": "Child P", "reporting_year": "2023-24", "reviewer": "Independent lead reviewer", "decided_on": "2023-09-04",
                    "terms_of_reference": "How well were the child's views heard?"]).status == .seeOther)
                #expect(try await auditChanges(reviewID, action: "update", on: app.db)["decided_on"] == ["2023-09-01", "2023-09-04"])
                #expect(try await admin.post("\(Self.base)/reviews/local/\(reviewID)/withdraw", ["reason": "Commissioned in error"]).status == .seeOther)
                #expect(number(reportFigure(try await admin.get("\(Self.base)/reports/2023-24.html").body.string, "Local reviews in progress")) == number(inProgressBefore))
                // Restoring: administrators only; a milestone waits for its review.
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.post("\(Self.base)/reviews/withdrawn/local/\(reviewID)/restore", [:]).status == .forbidden)
                let list = try await admin.get("\(Self.base)/reviews/withdrawn").body.string
                #expect(list.contains("Commissioned in error") && list.contains("Not held"))
                let early = try await admin.post("\(Self.base)/reviews/withdrawn/milestones/\(milestoneID)/restore", [:])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("Its local review is withdrawn: restore that first"))
                #expect(try await admin.post("\(Self.base)/reviews/withdrawn/local/\(reviewID)/restore", [:]).status == .seeOther)
                #expect(try await admin.post("\(Self.base)/reviews/withdrawn/milestones/\(milestoneID)/restore", [:]).status == .seeOther)
                let after = try await admin.get("\(Self.base)/reports/2023-24.html").body.string
                #expect(number(reportFigure(after, "Local reviews in progress")) == number(inProgressBefore).map { $0 + 1 })
                #expect(try await ReviewMilestone.find(milestoneID, on: app.db) != nil)
            }
        }
    }
}
