import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// The identifier at the end of a redirect's address, like `/…/audits/<id>`.
func redirectID(_ response: TestingHTTPResponse) throws -> UUID {
    let location = try #require(response.headers.first(name: .location))
    return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
}

func organisationID(_ name: String, on db: any Database) async throws -> UUID {
    try #require(try await Organisation.query(on: db).filter(\.$name == name).first()?.id)
}

func jsonObject(_ response: TestingHTTPResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
}

func jsonArray(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
}

extension AppTests {
    @Suite("Learning and improvement: the tracker, audits, surveys")
    struct LearningAppTests {
        static let base = "/partnerships/calderdale"

        @Test("An audit runs from the programme to its challenge event through the pages")
        func auditFromProgrammeToChallenge() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                // Plan the audit.
                let planned = try await admin.post("\(Self.base)/learning/sources", [
                    "kind": "audit", "title": "Neglect in infancy", "reporting_year": "2024-25", "audit_type": "multi_agency",
                    "started_on-day": "3", "started_on-month": "6", "started_on-year": "2024",
                    "completed_on-day": "28", "completed_on-month": "6", "completed_on-year": "2024"])
                #expect(planned.status == .seeOther)
                let auditID = try redirectID(planned)
                let source = try #require(try await LearningSource.find(auditID, on: app.db))
                #expect(source.challengeDueOn == "2024-12-28", "challenge due defaults to 6 months after completion")
                // Build the tool: a question, a case, an agency.
                #expect(try await admin.post("\(Self.base)/audits/\(auditID)/questions", ["question_text": "Was the baby seen and heard at every visit?"]).status == .seeOther)
                #expect(try await admin.post("\(Self.base)/audits/\(auditID)/cases", ["reference": "ne-07"]).status == .seeOther)
                let refusedName = try await admin.post("\(Self.base)/audits/\(auditID)/cases", ["reference": "Baby Sam"])
                #expect(refusedName.status == .unprocessableEntity)
                #expect(refusedName.body.string.contains("never a child"))
                #expect(try await admin.post("\(Self.base)/audits/\(auditID)/organisations", ["organisation": "West Yorkshire Police"]).status == .seeOther)
                let tool = try await AuditToolStore.tool(auditID, in: try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db)), on: app.db)
                let caseID = try #require(tool.cases.first?.id)
                #expect(tool.cases.first?.reference == "NE-07")
                let questionID = try #require(tool.questions.first?.id).uuidString.lowercased()
                let police = try await organisationID("West Yorkshire Police", on: app.db)
                let answersPath = "\(Self.base)/audits/\(auditID)/cases/\(caseID)/organisations/\(police)"
                // The police contributor answers for the police; the viewer may not.
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.post(answersPath, ["grade-\(questionID)": "good"]).status == .forbidden)
                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                let missing = try await contributor.post(answersPath, ["comment-\(questionID)": "No grade"])
                #expect(missing.status == .unprocessableEntity)
                #expect(missing.body.string.contains("Select a grade for question 1"))
                #expect(try await contributor.post(answersPath, ["grade-\(questionID)": "requires_improvement", "comment-\(questionID)": "Father not seen"]).status == .seeOther)
                let toolPage = try await admin.get("\(Self.base)/audits/\(auditID)")
                #expect(toolPage.body.string.contains("1 graded answers across 1 cases; 0% good or better"))
                // Findings, a recommendation and an action.
                #expect(try await admin.post("\(Self.base)/learning/sources/\(auditID)/findings",
                                             ["finding_kind": "area_for_improvement", "finding_text": "Fathers were rarely seen.", "finding_themes": "Hidden men, hidden men"]).status == .seeOther)
                let recommended = try await admin.post("\(Self.base)/learning/sources/\(auditID)/recommendations", ["recommendation_text": "Seek out and record fathers."])
                let recommendationID = try redirectID(recommended)
                let added = try await admin.post("\(Self.base)/learning/recommendations/\(recommendationID)/actions", [
                    "text": "Brief officers on asking about fathers", "owner_organisation": "West Yorkshire Police", "owner": "Safeguarding lead",
                    "due_on-day": "30", "due_on-month": "9", "due_on-year": "2024"])
                #expect(added.status == .seeOther)
                let action = try #require(try await LearningAction.query(on: app.db).filter(\.$recommendation.$id == recommendationID).first())
                // Done without evidence is refused; with evidence it closes.
                let refused = try await contributor.post("\(Self.base)/learning/actions/\(action.id!)/status", ["status": "done"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("only with evidence of impact"))
                #expect(try await LearningAction.find(action.id, on: app.db)?.status == .notStarted)
                #expect(try await contributor.post("\(Self.base)/learning/actions/\(action.id!)/evidence", [
                    "what_changed": "Officers now ask who else lives in the home", "how_we_know": "Dip sample of 20 reports", "mark_done": "yes"]).status == .seeOther)
                #expect(try await LearningAction.find(action.id, on: app.db)?.status == .done)
                // The challenge event needs a judgement on every recommendation.
                let noJudgement = try await admin.post("\(Self.base)/learning/sources/\(auditID)/challenge-event", [
                    "held_on-day": "10", "held_on-month": "1", "held_on-year": "2025", "who_was_challenged": "Police sergeants", "assurance_given": "They ask."])
                #expect(noJudgement.status == .unprocessableEntity)
                #expect(noJudgement.body.string.contains("Select a judgement for recommendation 1"))
                let held = try await admin.post("\(Self.base)/learning/sources/\(auditID)/challenge-event", [
                    "held_on-day": "10", "held_on-month": "1", "held_on-year": "2025", "who_was_challenged": "Police sergeants",
                    "assurance_given": "They ask about fathers at every visit.", "judgement-\(recommendationID.uuidString.lowercased())": "partly_assured",
                    "action_recommendation": recommendationID.uuidString.lowercased(), "action_text": "Re-audit in six months",
                    "action_owner_organisation": "Calderdale Council", "action_owner": "QA officer",
                    "action_due_on-day": "1", "action_due_on-month": "7", "action_due_on-year": "2025"])
                #expect(held.status == .seeOther)
                let page = try await admin.get("\(Self.base)/learning/sources/\(auditID)").body.string
                #expect(page.contains("Challenge event, 10 January 2025"))
                #expect(page.contains("Partly assured"))
                #expect(page.contains("Re-audit in six months"))
                #expect(page.contains("hidden men"))
                #expect(try await LearningAction.query(on: app.db).filter(\.$recommendation.$id == recommendationID).count() == 2)
                let audit = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "challenge_event").count()
                let events = try await ChallengeEvent.query(on: app.db).count()
                #expect(events >= 2 && audit == events, "every challenge event, the demo's and this one, is in the audit log")
            }
        }

        @Test("An overdue action shows on the overdue list and on its organisation's page")
        func overdueAction() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let recommendation = try #require(try await Recommendation.query(on: app.db).first())
                #expect(try await admin.post("\(Self.base)/learning/recommendations/\(recommendation.id!)/actions", [
                    "text": "Write the housing safeguarding checklist", "owner_organisation": "Together Housing Group", "owner": "Tenancy manager",
                    "due_on-day": "1", "due_on-month": "2", "due_on-year": "2020"]).status == .seeOther)
                let overdue = try await admin.get("\(Self.base)/learning/actions?status=overdue").body.string
                #expect(overdue.contains("Write the housing safeguarding checklist"))
                let open = try await admin.get("\(Self.base)/learning/actions?status=done").body.string
                #expect(!open.contains("Write the housing safeguarding checklist"))
                let housing = try await organisationID("Together Housing Group", on: app.db)
                let organisationPage = try await admin.get("\(Self.base)/organisations/\(housing)").body.string
                #expect(organisationPage.contains("1 overdue, 0 open and on time"))
                #expect(organisationPage.contains("Write the housing safeguarding checklist"))
                // The API's overdue list has it, with the fields other systems rely on.
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                let listed = try jsonArray(try await app.api(.GET, "/api/v1/partnerships/calderdale/actions?status=overdue", token: token))
                let item = try #require(listed.first { ($0["text"] as? String) == "Write the housing safeguarding checklist" })
                #expect(item["status"] as? String == "not_started")
                #expect(item["due_date"] as? String == "2020-02-01")
                #expect(item["is_overdue"] as? Bool == true)
                #expect((item["organisation"] as? [String: Any])?["name"] as? String == "Together Housing Group")
                #expect((item["evidence"] as? [Any])?.isEmpty == true)
                #expect(listed.allSatisfy { ($0["is_overdue"] as? Bool) == true })
                let badFilter = try await app.api(.GET, "/api/v1/partnerships/calderdale/actions?status=late", token: token)
                #expect(badFilter.status == .unprocessableEntity)
                #expect(badFilter.body.string.contains("open, overdue, done, dropped, all"))
            }
        }

        @Test("The API refuses to close an action without evidence, and only the owner organisation may update it")
        func apiEvidenceRule() async throws {
            try await withDemoApp { app async throws in
                let admin = try await apiToken(for: "admin@calderdale.example", on: app)
                let police = try await apiToken(for: "contributor@calderdale.example", on: app)
                let sources = try jsonArray(try await app.api(.GET, "/api/v1/partnerships/calderdale/sources?kind=scrutiny", token: admin))
                let scrutinyID = try #require(sources.first?["id"] as? String)
                let recommendation = try jsonObject(try await app.api(.POST, "/api/v1/partnerships/calderdale/recommendations", token: admin,
                                                                     json: #"{"source_id": "\#(scrutinyID)", "text": "Agree a notification standard with placing authorities"}"#))
                let recommendationID = try #require(recommendation["id"] as? String)
                let badAction = try await app.api(.POST, "/api/v1/partnerships/calderdale/actions", token: admin,
                                                  json: #"{"recommendation_id": "\#(recommendationID)", "text": "Draft it", "owner_organisation": "Nobody Ltd", "owner": "Lead", "due_on": "2025-02-30"}"#)
                #expect(badAction.status == .unprocessableEntity)
                #expect(badAction.body.string.contains("due_on"))
                let created = try await app.api(.POST, "/api/v1/partnerships/calderdale/actions", token: admin,
                                                json: #"{"recommendation_id": "\#(recommendationID)", "text": "Draft it", "owner_organisation": "West Yorkshire Police", "owner": "Missing persons coordinator", "due_on": "2025-03-31"}"#)
                #expect(created.status == .created)
                let actionID = try #require(try jsonObject(created)["id"] as? String)
                let path = "/api/v1/partnerships/calderdale/actions/\(actionID)"
                let refused = try await app.api(.PATCH, path, token: police, json: #"{"status": "done"}"#)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("only with evidence of impact"))
                let missingHow = try await app.api(.POST, path + "/evidence", token: police, json: #"{"what_changed": "A standard exists"}"#)
                #expect(missingHow.status == .unprocessableEntity)
                #expect(missingHow.body.string.contains("how_we_know"))
                let evidence = try await app.api(.POST, path + "/evidence", token: police,
                                                 json: #"{"what_changed": "Placing authorities now notify within a day", "how_we_know": "Notification log, quarter 1", "reference": "https://example.org/log", "mark_done": true}"#)
                #expect(evidence.status == .created)
                let closed = try jsonObject(evidence)
                #expect(closed["status"] as? String == "done")
                #expect((closed["evidence"] as? [[String: Any]])?.first?["how_we_know"] as? String == "Notification log, quarter 1")
                // Another organisation's contributor, and a viewer, may not touch it.
                let viewer = try await apiToken(for: "viewer@calderdale.example", on: app)
                #expect(try await app.api(.PATCH, path, token: viewer, json: #"{"status": "in_progress"}"#).status == .forbidden)
                let councilAction = try #require(try await LearningAction.query(on: app.db).join(Organisation.self, on: \LearningAction.$ownerOrganisation.$id == \Organisation.$id)
                    .filter(Organisation.self, \.$name == "Calderdale Council").first())
                #expect(try await app.api(.PATCH, "/api/v1/partnerships/calderdale/actions/\(councilAction.id!)", token: police,
                                          json: #"{"status": "in_progress"}"#).status == .forbidden)
                let badSource = try await app.api(.POST, "/api/v1/partnerships/calderdale/sources", token: admin, json: #"{"kind": "scrutiny", "title": "", "reporting_year": "2024"}"#)
                #expect(badSource.status == .unprocessableEntity)
                let fields = (try jsonObject(badSource)["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
                #expect(fields.contains("title") && fields.contains("reporting_year") && fields.contains("reviewer"))
                #expect(try await app.api(.POST, "/api/v1/partnerships/calderdale/sources", token: viewer, json: #"{"kind": "audit"}"#).status == .forbidden)
            }
        }

        @Test("A survey link takes an anonymous response, and the results page counts it")
        func anonymousSurvey() async throws {
            try await withDemoApp { app async throws in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let created = try await admin.post("\(Self.base)/surveys", ["title": "Lunchtime training feedback", "reporting_year": "2024-25",
                                                                            "introduction": "Tell us what you thought."])
                #expect(created.status == .seeOther)
                let surveyID = try redirectID(created)
                let emptyOpen = try await admin.post("\(Self.base)/surveys/\(surveyID)/status", ["open": "yes"])
                #expect(emptyOpen.status == .unprocessableEntity)
                let oneOption = try await admin.post("\(Self.base)/surveys/\(surveyID)/questions", ["text": "Was it useful?", "kind": "single_choice", "options": "Yes"])
                #expect(oneOption.body.string.contains("Give at least two options"))
                #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/questions",
                                             ["text": "Was it useful?", "kind": "single_choice", "options": "Yes\r\nNo", "required": "yes"]).status == .seeOther)
                #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/questions", ["text": "What would you change?", "kind": "free_text"]).status == .seeOther)
                #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/status", ["open": "yes"]).status == .seeOther)
                let survey = try #require(try await Survey.find(surveyID, on: app.db))
                // Someone with no account answers.
                var stranger = Visitor(app)
                let form = try await stranger.get("/s/\(survey.publicToken)")
                #expect(form.status == .ok)
                #expect(form.body.string.contains("Was it useful?"))
                let unanswered = try await stranger.post("/s/\(survey.publicToken)", [:])
                #expect(unanswered.status == .unprocessableEntity)
                #expect(unanswered.body.string.contains("Answer question 1"))
                let sent = try await stranger.post("/s/\(survey.publicToken)", ["q-\(try #require(try await SurveyQuestionRecord.query(on: app.db).filter(\.$survey.$id == surveyID).filter(\.$number == 1).first()?.id).uuidString.lowercased())": "0",
                                                                               "q-\(try #require(try await SurveyQuestionRecord.query(on: app.db).filter(\.$survey.$id == surveyID).filter(\.$number == 2).first()?.id).uuidString.lowercased())": "=cmd, more \"case studies\""])
                #expect(sent.status == .seeOther)
                #expect(try await stranger.get("/s/\(survey.publicToken)/thanks").body.string.contains("Thank you"))
                let results = try await admin.get("\(Self.base)/surveys/\(surveyID)").body.string
                #expect(results.contains("1 responses."))
                #expect(results.contains("100%"))
                let csv = try await admin.get("\(Self.base)/surveys/\(surveyID)/results.csv")
                #expect(csv.headers.contentType?.subType == "csv")
                #expect(csv.body.string.contains("\"'=cmd, more \"\"case studies\"\"\""))
                // Nothing identifies the person: the response row holds a date only.
                #expect(try await SurveyResponse.query(on: app.db).filter(\.$survey.$id == surveyID).count() == 1)
                // Questions are frozen once answers arrive; a closed survey takes none; a wrong token is not found.
                #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/questions", ["text": "Late", "kind": "free_text"]).status == .unprocessableEntity)
                #expect(try await admin.post("\(Self.base)/surveys/\(surveyID)/status", ["open": "no"]).status == .seeOther)
                let closed = try await stranger.post("/s/\(survey.publicToken)", [:])
                #expect(closed.body.string.contains("closed"))
                #expect(try await stranger.get("/s/0123456789abcdef0123456789abcdef").status == .notFound)
                #expect(try await stranger.get("/s/not-a-token").status == .notFound)
            }
        }

        @Test("The demo shows the reference year's audits, challenge event, survey and scrutiny")
        func demoReferenceYear() async throws {
            try await withDemoApp { app async throws in
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let today = CalendarDate(year: 2024, month: 4, day: 1)!
                let sources = try await LearningStore.sources(partnership, year: ReportingYear("2023-24"), today: today, on: app.db)
                #expect(sources.filter { $0.source.kind == .audit }.count >= 8)
                #expect(sources.filter { $0.source.auditType == "front_door" }.count == 6, "bi-monthly front door audits")
                let exclusions = try #require(sources.first { $0.source.title.contains("excluded") })
                #expect(exclusions.challengeEvents == 1)
                #expect(exclusions.doneActions >= 10)
                #expect(exclusions.source.$escalation.id != nil, "commissioned by a performance escalation")
                // Every done action in the demo has evidence of impact.
                for action in try await LearningAction.query(on: app.db).filter(\.$status == .done).all() {
                    #expect(try await ImpactEvidence.query(on: app.db).filter(\.$action.$id == action.id!).count() > 0)
                }
                let scrutiny = try #require(sources.first { $0.source.kind == .scrutiny })
                #expect(scrutiny.source.terms.count == 10)
                let detail = try await LearningStore.detail(scrutiny.source.id!, in: partnership, today: today, on: app.db)
                #expect(detail.findings.filter { $0.kind == .nationalIssue }.count == 8)
                // The supervision survey reproduces the published percentages.
                let survey = try #require(try await Survey.query(on: app.db).first())
                let (surveyDetail, results) = try await SurveyStore.results(survey, on: app.db)
                #expect(surveyDetail.responseCount == 149)
                func percent(_ question: Int, _ option: String) -> Int? {
                    results.questions[question - 1].options.first { $0.option == option }.map { Int($0.percent.rounded()) }
                }
                #expect(percent(5, "Yes") == 64)
                #expect(percent(5, "Not sure") == 11)
                #expect(percent(6, "Yes") == 85)
                #expect(percent(4, "Yes") == 99)
                #expect(results.questions[2].options[0].count == 78, "just over half had heard of the framework")
                #expect(results.questions[6].options[0].count == 1, "one person rated supervision poor")
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                let page = try await viewer.get("\(Self.base)/surveys/\(survey.id!)").body.string
                #expect(page.contains("149 responses"))
                #expect(page.contains("64%"))
                // The escalation on the indicator links to the audit it commissioned.
                let indicator = try await viewer.get("\(Self.base)/indicators/suspension_rate").body.string
                #expect(indicator.contains("Commissioned: <a"))
                #expect(indicator.contains("Children excluded from school: multi-agency audit"))
            }
        }

        @Test("Only roles that need the tracker see it")
        func trackerAccess() async throws {
            try await withDemoApp { app async throws in
                var youngAdvisor = Visitor(app)
                try await youngAdvisor.signIn("young.advisor@calderdale.example")
                #expect(try await youngAdvisor.get("\(Self.base)/learning").status == .forbidden)
                #expect(!(try await youngAdvisor.get("\(Self.base)").body.string.contains(">Learning<")))
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get("\(Self.base)/learning").status == .ok)
                #expect(try await viewer.get("\(Self.base)/learning/sources/new").status == .forbidden)
                let recommendation = try #require(try await Recommendation.query(on: app.db).first())
                #expect(try await viewer.post("\(Self.base)/learning/recommendations/\(recommendation.id!)/actions", ["text": "x"]).status == .forbidden)
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                let source = try #require(try await LearningSource.query(on: app.db).filter(\.$kind == .scrutiny).first())
                #expect(try await executive.get("\(Self.base)/learning/sources/\(source.id!)/challenge-event").status == .ok)
                #expect(try await executive.get("\(Self.base)/learning/sources/\(source.id!)/edit").status == .forbidden)
                #expect(try await executive.get("\(Self.base)/learning/sources/not-an-id").status == .notFound)
            }
        }
    }
}
