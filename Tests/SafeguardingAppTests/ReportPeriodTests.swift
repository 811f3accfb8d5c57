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
    @Suite("The yearly report counts the year it is about")
    struct ReportPeriodTests {
        static let year = ReportingYear(startYear: 2023)
        static let today = CalendarDate(year: 2026, month: 12, day: 2)!
        static let actor = Actor(userID: nil, email: "period test", address: nil)

        static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

        static func document(_ partnership: Partnership, today: CalendarDate = today, on db: any Database) async throws -> ReportDocument {
            let versions = try await ReportStore.versions(partnership, year: year, on: db)
            let report = try ReportStore.workingVersion(partnership, year: year, versions: versions)
            return try await ReportStore.document(partnership, report: report, audience: .full, today: today, sources: Modules.reportSections, on: db)
        }

        /// The composed 2023-24 report as sorted JSON, without the day it was composed on.
        static func report(_ partnership: Partnership, today: CalendarDate = today, on db: any Database) async throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let encoded = try encoder.encode(try await document(partnership, today: today, on: db))
            var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
            object["composedOn"] = nil
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            return String(decoding: data, as: UTF8.self)
        }

        /// Where two reports first differ, with a little of each, so a failure says what moved.
        static func firstDifference(_ a: String, _ b: String) -> String {
            let (left, right) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
            guard let line = zip(left, right).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
                return "the reports differ in length: \(left.count) and \(right.count) lines"
            }
            let context = max(0, line - 6)..<line
            return "line \(line + 1):\n" + context.map { "  " + left[$0] }.joined(separator: "\n")
                + "\n- " + left[line] + "\n+ " + right[line]
        }

        static func blocks(_ document: ReportDocument) -> [ReportBlock] { document.sections.flatMap(\.blocks) }

        static func figure(_ label: String, in document: ReportDocument) -> ReportFigure? {
            for case let .figures(figures) in blocks(document) { if let found = figures.first(where: { $0.label == label }) { return found } }
            return nil
        }

        static func table(_ id: String, in document: ReportDocument) -> ReportTable? {
            for case let .table(table) in blocks(document) where table.id == id { return table }
            return nil
        }

        @Test("Records added, closed, reopened, edited and withdrawn after the year's end, or dated before its start, leave its report unchanged to the character")
        func laterAndEarlierRecordsDoNotMoveTheYear() async throws {
            try await withDemoApp(today: Self.today) { app async throws in
                let db = app.db
                let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: db))
                let organisations = try await RegisterStore.organisations(partnership, on: db)
                func organisation(_ name: String) throws -> Organisation {
                    guard let found = organisations.first(where: { $0.name == name }) else { throw NotFound("organisation \(name)") }
                    return found
                }

                // Set-up dated inside the year: a local review decided in 2023 and still unpublished at its
                // end, with a recommendation and an action. It belongs in the report before anything else happens.
                let pending = try await ReviewStore.createLocalReview(
                    LocalReviewDraft.validate(["child_reference": "Child Z", "reporting_year": "2023-24", "reviewer": "Independent reviewer",
                                               "decided_on": "2023-06-01", "terms_of_reference": "How agencies shared what they knew"]),
                    incidentID: nil, in: partnership, by: Self.actor, on: db)
                let pendingRecommendation = try await LearningStore.addRecommendation(
                    RecommendationDraft(text: "Share chronologies at every strategy meeting.", finding: nil), to: pending.$source.id,
                    in: partnership, by: Self.actor, on: db)
                _ = try await LearningStore.addAction(
                    ActionDraft(text: "Add chronologies to the strategy meeting template", ownerOrganisation: "Calderdale Council", owner: "Head of Service",
                                dueOn: Self.day("2024-06-30")),
                    to: pendingRecommendation.requireID(), in: partnership, raisedOn: Self.day("2023-07-01"), by: Self.actor, on: db)

                let before = try await Self.report(partnership, on: db)
                #expect(Self.figure("Local reviews in progress", in: try await Self.document(partnership, on: db))?.value == "1")
                // The same whatever today's date is, once the year is over.
                let composedLater = try await Self.report(partnership, today: Self.day("2031-05-05"), on: db) == before
                #expect(composedLater)

                // After the year's end: an organisation joins in 2026, another leaves in 2026, a third is edited.
                _ = try await RegisterStore.addOrganisation(
                    OrganisationDraft(name: "Calderdale Youth Sport Trust", kind: .voluntarySector, sector: .sportAndLeisure, joinedOn: Self.day("2026-05-01")),
                    to: partnership, today: Self.today, by: Self.actor, on: db)
                let probation = try organisation("Probation Service")
                _ = try await RegisterStore.updateOrganisation(
                    probation.requireID(), with: OrganisationDraft(name: probation.name, kind: probation.kind, sector: probation.sector,
                                                                   typeDescription: probation.typeDescription, leftOn: Self.day("2026-06-30")),
                    in: partnership, by: Self.actor, on: db)
                let fire = try organisation("West Yorkshire Fire and Rescue Service")
                _ = try await RegisterStore.updateOrganisation(
                    fire.requireID(), with: OrganisationDraft(name: fire.name, kind: fire.kind, sector: fire.sector, typeDescription: fire.typeDescription,
                                                              contactEmail: "safeguarding@fire.example"),
                    in: partnership, by: Self.actor, on: db)

                // Actions: one raised in 2026 and closed with evidence; an open one closed in 2026; an open one
                // dropped in 2026; evidence on another in 2026; a group meeting in 2026.
                let open = try await LearningStore.actions(partnership, filter: .open, hiding: try await ReviewStore.restrictedSourceIDs(partnership, on: db),
                                                           today: Self.today, on: db)
                try #require(open.count >= 3)
                let raised = try await LearningStore.addAction(
                    ActionDraft(text: "A new action raised in 2026", ownerOrganisation: "West Yorkshire Police", owner: "Safeguarding lead", dueOn: Self.day("2027-03-31")),
                    to: open[0].recommendation.requireID(), in: partnership, raisedOn: Self.day("2026-01-15"), by: Self.actor, on: db)
                let evidence = EvidenceDraft(whatChanged: "Practice changed", howWeKnow: "Audit of ten cases", reference: nil)
                _ = try await LearningStore.addEvidence(evidence, to: raised.requireID(), in: partnership, recordedOn: Self.day("2026-03-01"),
                                                        markDone: true, by: Self.actor, on: db)
                _ = try await LearningStore.addEvidence(evidence, to: open[0].action.requireID(), in: partnership, recordedOn: Self.day("2026-04-10"),
                                                        markDone: true, by: Self.actor, on: db)
                _ = try await LearningStore.changeStatus(of: open[1].action.requireID(), fields: ["status": "dropped", "dropped_reason": "Overtaken by a new pathway"],
                                                         in: partnership, changedOn: Self.day("2026-05-05"), by: Self.actor, on: db)
                _ = try await LearningStore.addEvidence(evidence, to: open[2].action.requireID(), in: partnership, recordedOn: Self.day("2026-06-01"),
                                                        by: Self.actor, on: db)
                // An action done with evidence in 2023-24, reopened in 2026 and done again in 2026; another reopened and left open.
                let doneInYear = try await LearningStore.actions(partnership, filter: .done, today: Self.today, on: db)
                    .filter { $0.action.closed.map(Self.year.contains) ?? false }
                try #require(doneInYear.count >= 2)
                for (index, detail) in doneInYear.prefix(2).enumerated() {
                    _ = try await LearningStore.changeStatus(of: detail.action.requireID(), fields: ["status": "in_progress"], in: partnership,
                                                             changedOn: Self.day("2026-02-03"), by: Self.actor, on: db)
                    if index == 0 {
                        _ = try await LearningStore.addEvidence(evidence, to: detail.action.requireID(), in: partnership, recordedOn: Self.day("2026-04-20"),
                                                                markDone: true, by: Self.actor, on: db)
                    }
                }
                let executive = try #require(try await RegisterStore.groups(partnership, on: db).first { $0.kind == .executive })
                try await Meeting(partnershipID: partnership.requireID(), groupID: executive.requireID(), heldOn: Self.day("2026-06-12"),
                                  title: "Executive meeting", summary: nil).create(on: db)

                // A challenge event in 2026 on the exclusions audit, judging every recommendation not assured and adding an action.
                let exclusions = try #require(try await LearningStore.sources(partnership, kind: .audit, today: Self.today, on: db)
                    .first { $0.source.title.hasPrefix("Children excluded from school") }?.source)
                let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id == exclusions.requireID()).all()
                var challenge = ["held_on": "2026-02-02", "who_was_challenged": "Schools", "assurance_given": "Little", "action_text": "Try again",
                                 "action_owner_organisation": "Calderdale Council", "action_owner": "Head of Inclusion", "action_due_on": "2026-09-30",
                                 "action_recommendation": try recommendations[0].requireID().uuidString]
                for recommendation in recommendations { challenge["judgement-\(try recommendation.requireID().uuidString.lowercased())"] = "not_assured" }
                _ = try await LearningStore.recordChallengeEvent(for: exclusions.requireID(), fields: challenge, in: partnership, by: Self.actor, on: db)

                // Reviews: the pending review published in 2026, a review decided and published in 2026, an incident
                // notified and decided in 2026; before the year, an incident notified in 2019 and a review published in 2020.
                _ = try await ReviewStore.recordPublication(
                    PublicationDraft.validate(["copy_sent_on": "2026-09-01", "published_on": "2026-10-01", "publication_link": "https://example.org/child-z"],
                                              decidedOn: Self.day("2023-06-01"), today: Self.today),
                    for: pending.requireID(), in: partnership, by: Self.actor, on: db)
                for (reference, year, decided, copy, published) in [("Child Y", "2026-27", "2026-04-20", "2026-10-20", "2026-11-02"),
                                                                   ("Child X", "2019-20", "2019-06-03", "2020-02-14", "2020-03-02")] {
                    let review = try await ReviewStore.createLocalReview(
                        LocalReviewDraft.validate(["child_reference": reference, "reporting_year": year, "reviewer": "Independent reviewer",
                                                   "decided_on": decided, "terms_of_reference": "What happened"]),
                        incidentID: nil, in: partnership, by: Self.actor, on: db)
                    _ = try await ReviewStore.recordPublication(
                        PublicationDraft.validate(["copy_sent_on": copy, "published_on": published, "publication_link": "https://example.org/\(reference.lowercased().replacingOccurrences(of: " ", with: "-"))"],
                                                  decidedOn: Self.day(decided), today: Self.today),
                        for: review.requireID(), in: partnership, by: Self.actor, on: db)
                }
                for (reference, aware, notified, decided) in [("Child W2", "2026-03-02", "2026-03-04", "2026-03-20"),
                                                              ("Child U", "2019-05-01", "2019-05-03", "2019-05-20")] {
                    let incident = try await ReviewStore.createIncident(
                        IncidentDraft.validate(["child_reference": reference, "age_band": "5_9", "harm": "serious_harm", "aware_on": aware,
                                                "summary": "A child seriously harmed.", "agencies": try organisation("Calderdale Council").requireID().uuidString],
                                               today: Self.today),
                        in: partnership, by: Self.actor, on: db)
                    try await ReviewStore.recordNotification(NotificationDraft.validate(["notified_on": notified], awareOn: Self.day(aware), today: Self.today),
                                                             for: incident.requireID(), in: partnership, by: Self.actor, on: db)
                    try await ReviewStore.recordRapidReview(
                        RapidReviewDraft.validate(["panel_met_on": decided, "decision": "no_local_review", "decision_reasons": "Learning is clear",
                                                   "decided_on": decided], notifiedOn: Self.day(notified)),
                        for: incident.requireID(), in: partnership, by: Self.actor, on: db)
                }

                // Groups and seats: a task and finish group set up in 2026 with a seat from a school; a subgroup
                // that nothing reports to closed in 2026; a seat on it taken and another ended in 2026.
                let groups = try await RegisterStore.groups(partnership, on: db)
                let newGroup = try await RegisterStore.addGroup(
                    GroupDraft(name: "Neglect task and finish group", kind: .taskAndFinish, purpose: "Refresh the neglect strategy", chair: "Head of Early Help",
                               reportsTo: executive.requireID().uuidString, jointWith: nil, setUpOn: Self.day("2026-02-01")),
                    to: partnership, today: Self.today, by: Self.actor, on: db)
                let school = try #require(try await RegisterStore.organisations(partnership, on: db).first { $0.kind == .schoolOrCollege })
                _ = try await RegisterStore.addMember(MemberDraft(memberRole: "Head teacher", seat: .member, organisation: school.requireID().uuidString,
                                                                  account: nil, startedOn: Self.day("2026-02-01")),
                                                      to: newGroup.requireID(), in: partnership, today: Self.today, by: Self.actor, on: db)
                let leaf = try #require(groups.first { group in group.kind != .executive && !groups.contains { $0.$reportsTo.id == group.id } })
                _ = try await RegisterStore.addMember(MemberDraft(memberRole: "Head teacher", seat: .member, organisation: school.requireID().uuidString,
                                                                  account: nil, startedOn: Self.day("2026-03-01")),
                                                      to: leaf.requireID(), in: partnership, today: Self.today, by: Self.actor, on: db)
                let educationIDs = Set(try await RegisterStore.organisations(partnership, on: db)
                    .filter { $0.kind == .schoolOrCollege || $0.sector == .education || $0.sector == .earlyYears }.compactMap(\.id))
                let before2024 = try await GroupMember.query(on: db).all().filter { $0.startedOn < "2024" }
                let seated = try #require(before2024.first { $0.$organisation.id.map(educationIDs.contains) ?? false } ?? before2024.first)
                _ = try await RegisterStore.endSeat(seated.requireID(), of: seated.$group.id, SeatEnd(endedOn: Self.day("2026-04-01")),
                                                    in: partnership, by: Self.actor, on: db)
                _ = try await RegisterStore.updateGroup(
                    leaf.requireID(), with: GroupDraft(name: leaf.name, kind: leaf.kind, purpose: leaf.purpose, chair: leaf.chair,
                                                       reportsTo: leaf.$reportsTo.id?.uuidString, jointWith: leaf.jointWith,
                                                       setUpOn: leaf.setUp, closedOn: Self.day("2026-05-01")),
                    in: partnership, by: Self.actor, on: db)

                // Compared as a Bool so a failure prints where the reports differ, not both reports whole.
                let after = try await Self.report(partnership, on: db)
                let unchanged = after == before
                #expect(unchanged, "the 2023-24 report changed: \(Self.firstDifference(before, after))")
                let later = try await Self.report(partnership, today: Self.day("2031-05-05"), on: db)
                let unchangedLater = later == before
                #expect(unchangedLater, "composed in 2031 the 2023-24 report differs: \(Self.firstDifference(before, later))")
            }
        }

        @Test("Backfilling the status history from the actions as they stand gives the same 2023-24 report, and each action its raising and present status")
        func backfilledHistoryKeepsTheReport() async throws {
            try await withDemoApp(today: Self.today) { app async throws in
                let db = app.db
                let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: db))
                let before = try await Self.report(partnership, on: db)
                // Run the history's migration again over the demo's actions, as an existing database gets it.
                let migration = try #require(Migrations.learning.first { $0.name.hasSuffix("CreateActionStatusChanges") })
                try await migration.revert(on: db).get()
                try await migration.prepare(on: db).get()
                let after = try await Self.report(partnership, on: db)
                let unchanged = after == before
                #expect(unchanged, "the backfilled history moved the 2023-24 report: \(Self.firstDifference(before, after))")
                let done = try #require(try await LearningAction.query(on: db).filter(\.$status == .done).first())
                let entries = try await ActionStatusEntry.query(on: db).filter(\.$action.$id == done.requireID()).sort(\.$sequence).all()
                #expect(entries.map { "\($0.sequence) \($0.status.rawValue) \($0.changedOn) \($0.changedBy ?? "")" }
                    == ["1 not_started \(done.raisedOn) demo loader", "2 done \(done.closedOn ?? "") demo loader"])
            }
        }

        @Test("The demo's 2023-24 figures: the reference year's register and reviews, and the tracker as the year stood")
        func demoFigures() async throws {
            try await withDemoApp(today: Self.today) { app async throws in
                let partnership = try #require(try await RegisterStore.partnership(slug: DemoPartnership.slug, on: app.db))
                let document = try await Self.document(partnership, on: app.db)
                func value(_ label: String) -> String? { Self.figure(label, in: document)?.value }
                #expect(value("Actions completed with evidence of impact") == "26")
                #expect(value("Evidence of impact recorded") == "26")
                #expect(value("Actions open") == "24")
                #expect(value("Actions overdue") == "0")
                #expect(value("Local reviews published") == "1")
                #expect(value("Local reviews in progress") == "0")
                #expect(Self.figure("Actions completed with evidence of impact", in: document)?.note == "completed in 2023-24")
                #expect(Self.figure("Actions open", in: document)?.note == "open at 31 March 2024")
                // The 25 relevant agencies of the reference report's appendix, and only Baby S among the published reviews.
                let agencies = try #require(Self.table("agencies-by-sector", in: document))
                #expect(agencies.rows.last?.cells.first?.text == "25")
                #expect(agencies.note?.hasPrefix("In the arrangements at 31 March 2024.") == true)
                let reviews = try #require(Self.table("local-reviews", in: document))
                #expect(reviews.rows.map(\.header.text) == ["Baby S local child safeguarding practice review"])
                #expect(reviews.caption == "Local reviews published in 2023-24: recommendations and the actions taken")
            }
        }
    }
}
