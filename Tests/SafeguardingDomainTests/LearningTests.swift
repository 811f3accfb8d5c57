import Foundation
import Testing
@testable import SafeguardingDomain

/// The refusal a validation throws, or nil when it accepted the submission.
private func refusal<T>(_ body: () throws -> T) -> ValidationErrors? {
    do {
        _ = try body()
        return nil
    } catch let error as ValidationErrors {
        return error
    } catch {
        Issue.record("expected ValidationErrors, got \(error)")
        return nil
    }
}

private func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
}

// MARK: - Dates

@Suite("Learning: calendar arithmetic")
struct LearningCalendarTests {
    @Test("31 August plus six months is the last day of February: the 29th in a leap year, the 28th otherwise")
    func endOfMonthClamps() {
        #expect(date(2023, 8, 31).addingMonths(6) == date(2024, 2, 29))
        #expect(date(2022, 8, 31).addingMonths(6) == date(2023, 2, 28))
        #expect(date(2024, 1, 31).addingMonths(1) == date(2024, 2, 29))
        #expect(date(2024, 5, 31).addingMonths(1) == date(2024, 6, 30))
    }

    @Test("December plus one month is January of the next year; twelve months is the same day a year on")
    func yearRollover() {
        #expect(date(2023, 12, 15).addingMonths(1) == date(2024, 1, 15))
        #expect(date(2023, 7, 4).addingMonths(12) == date(2024, 7, 4))
        #expect(date(2023, 11, 30).addingMonths(14) == date(2025, 1, 30))
        #expect(date(2024, 2, 29).addingMonths(12) == date(2025, 2, 28))
        #expect(date(2023, 3, 10).addingMonths(0) == date(2023, 3, 10))
    }

    @Test("Negative months go back, across year ends, and clamp too")
    func negativeMonths() {
        #expect(date(2024, 1, 15).addingMonths(-1) == date(2023, 12, 15))
        #expect(date(2024, 3, 31).addingMonths(-1) == date(2024, 2, 29))
        #expect(date(2024, 1, 31).addingMonths(-13) == date(2022, 12, 31))
        #expect(date(2024, 6, 30).addingMonths(-12) == date(2023, 6, 30))
        #expect(date(2024, 2, 10).addingMonths(-26) == date(2021, 12, 10))
    }

    @Test("Today is taken in England's time zone: 23:30 UTC on 30 June is already 1 July in summer time")
    func todayInLondon() throws {
        let formatter = ISO8601DateFormatter()
        let summerNight = try #require(formatter.date(from: "2024-06-30T23:30:00Z"))
        #expect(CalendarDate.today(now: summerNight) == date(2024, 7, 1))
        #expect(CalendarDate.today(in: TimeZone(identifier: "UTC")!, now: summerNight) == date(2024, 6, 30))
        // In winter London is on UTC, so the date does not move.
        let winterNight = try #require(formatter.date(from: "2024-01-15T23:30:00Z"))
        #expect(CalendarDate.today(now: winterNight) == date(2024, 1, 15))
    }

    @Test("Adding days crosses month ends, leap days and year ends, both ways")
    func addingDays() {
        #expect(date(2024, 2, 28).addingDays(1) == date(2024, 2, 29))
        #expect(date(2023, 2, 28).addingDays(1) == date(2023, 3, 1))
        #expect(date(2023, 12, 31).addingDays(1) == date(2024, 1, 1))
        #expect(date(2023, 10, 2).addingDays(55) == date(2023, 11, 26))
        #expect(date(2024, 3, 1).addingDays(-1) == date(2024, 2, 29))
        #expect(date(2024, 1, 1).addingDays(-366) == date(2022, 12, 31))
        #expect(date(2024, 5, 5).addingDays(0) == date(2024, 5, 5))
    }
}

// MARK: - Tracker rules and stages

@Suite("Learning: tracker rules")
struct TrackerRulesTests {
    let today = date(2024, 5, 15)

    @Test("An open action due yesterday is overdue; one due today or tomorrow is not")
    func overdueOpen() {
        for status in [ActionStatus.notStarted, .inProgress] {
            #expect(TrackerRules.isOverdue(status: status, dueOn: date(2024, 5, 14), today: today), "\(status)")
            #expect(!TrackerRules.isOverdue(status: status, dueOn: date(2024, 5, 15), today: today), "\(status)")
            #expect(!TrackerRules.isOverdue(status: status, dueOn: date(2024, 5, 16), today: today), "\(status)")
        }
    }

    @Test("Done and dropped actions are never overdue, however late")
    func closedNeverOverdue() {
        #expect(!TrackerRules.isOverdue(status: .done, dueOn: date(2020, 1, 1), today: today))
        #expect(!TrackerRules.isOverdue(status: .dropped, dueOn: date(2020, 1, 1), today: today))
        #expect(!ActionStatus.done.isOpen)
        #expect(!ActionStatus.dropped.isOpen)
        #expect(ActionStatus.notStarted.isOpen)
        #expect(ActionStatus.inProgress.isOpen)
    }

    @Test("A challenge event is due from its date until one is held; with no date it is never due")
    func challengeDue() {
        #expect(TrackerRules.isChallengeDue(challengeDueOn: date(2024, 5, 15), challengeEventsHeld: 0, today: today))
        #expect(TrackerRules.isChallengeDue(challengeDueOn: date(2024, 1, 1), challengeEventsHeld: 0, today: today))
        #expect(!TrackerRules.isChallengeDue(challengeDueOn: date(2024, 5, 16), challengeEventsHeld: 0, today: today))
        #expect(!TrackerRules.isChallengeDue(challengeDueOn: date(2024, 1, 1), challengeEventsHeld: 1, today: today))
        #expect(!TrackerRules.isChallengeDue(challengeDueOn: nil, challengeEventsHeld: 0, today: today))
        #expect(!TrackerRules.isChallengeDue(challengeDueOn: date(2024, 1, 1), recommendations: 0, challengeEventsHeld: 0, today: today),
                "a source with no recommendations has nothing to challenge")
        #expect(TrackerRules.defaultChallengeInterval == 6)
    }

    @Test("A source's stage is the furthest its records support")
    func stages() {
        let started = date(2024, 4, 1)
        #expect(SourceStage.of(startedOn: nil, findings: 0, actions: 0, challengeEvents: 0, today: today) == .planned)
        #expect(SourceStage.of(startedOn: date(2024, 6, 1), findings: 0, actions: 0, challengeEvents: 0, today: today) == .planned)
        #expect(SourceStage.of(startedOn: today, findings: 0, actions: 0, challengeEvents: 0, today: today) == .underway)
        #expect(SourceStage.of(startedOn: started, findings: 0, actions: 0, challengeEvents: 0, today: today) == .underway)
        #expect(SourceStage.of(startedOn: started, findings: 3, actions: 0, challengeEvents: 0, today: today) == .findingsRecorded)
        #expect(SourceStage.of(startedOn: started, findings: 3, actions: 2, challengeEvents: 0, today: today) == .actionsAgreed)
        #expect(SourceStage.of(startedOn: started, findings: 3, actions: 2, challengeEvents: 1, today: today) == .challenged)
        // Findings recorded before a start date was ever entered still count.
        #expect(SourceStage.of(startedOn: nil, findings: 1, actions: 0, challengeEvents: 0, today: today) == .findingsRecorded)
        #expect(SourceStage.planned < .underway && SourceStage.actionsAgreed < .challenged)
        #expect(SourceStage.challenged.label == "Challenge event held")
    }
}

// MARK: - Sources of learning

@Suite("Learning: recording a source")
struct SourceDraftTests {
    static let audit: [String: String] = [
        "kind": "audit", "title": " Neglect audit ", "reporting_year": "2023-24", "audit_type": "multi_agency",
    ]

    static func with(_ base: [String: String], _ changes: [String: String]) -> [String: String] {
        base.merging(changes) { _, new in new }
    }

    @Test("An audit with a title, year and audit type is accepted, trimmed, with nothing else set")
    func minimalAudit() throws {
        let draft = try SourceDraft.validate(Self.audit)
        #expect(draft.kind == .audit)
        #expect(draft.title == "Neglect audit")
        #expect(draft.reportingYear == ReportingYear(startYear: 2023))
        #expect(draft.auditType == .multiAgency)
        #expect(draft.startedOn == nil)
        #expect(draft.completedOn == nil)
        #expect(draft.challengeDueOn == nil)
        #expect(draft.termsOfReference == [])
        #expect(draft.summary == nil)
    }

    @Test("A missing title and year are each named by their field")
    func missingTitleAndYear() throws {
        let error = try #require(refusal { try SourceDraft.validate(["kind": "survey", "title": "   "]) })
        #expect(error.errors.map(\.field) == ["title", "reporting_year"])
        #expect(error.message(for: "title") == "Enter a title, like the audit's theme")
        #expect(error.message(for: "reporting_year") == "Enter the reporting year, like 2023-24")
    }

    @Test("A missing or unknown kind is refused on the kind field")
    func missingKind() throws {
        let missing = try #require(refusal { try SourceDraft.validate(["title": "T", "reporting_year": "2023-24"]) })
        #expect(missing.errors.map(\.field) == ["kind"])
        #expect(missing.message(for: "kind") == "Select what kind of learning this is")
        let unknown = try #require(refusal { try SourceDraft.validate(["kind": "castle", "title": "T", "reporting_year": "2023-24"]) })
        #expect(unknown.message(for: "kind")?.hasPrefix("Select what kind of learning this is: expected one of audit, survey") == true)
    }

    @Test("A reporting year that is not two consecutive years is refused", arguments: ["2023-25", "2023", "23-24", "last year"])
    func badYear(text: String) throws {
        let error = try #require(refusal { try SourceDraft.validate(Self.with(Self.audit, ["reporting_year": text])) })
        #expect(error.errors.map(\.field) == ["reporting_year"])
        #expect(error.message(for: "reporting_year") == "Enter the reporting year as two years, like 2023-24")
    }

    @Test("A completion date before the start date is refused, naming the start")
    func completedBeforeStarted() throws {
        let fields = Self.with(Self.audit, ["started_on": "2024-03-01", "completed_on": "2024-02-01"])
        let error = try #require(refusal { try SourceDraft.validate(fields) })
        #expect(error.errors.map(\.field) == ["completed_on"])
        #expect(error.message(for: "completed_on") == "The completion date must be on or after the start date (1 March 2024)")
        // Completing the day it started is fine.
        let sameDay = try SourceDraft.validate(Self.with(Self.audit, ["started_on": "2024-03-01", "completed_on": "2024-03-01"]))
        #expect(sameDay.completedOn == date(2024, 3, 1))
    }

    @Test("With no challenge date given, the challenge event is due six months after completion")
    func challengeDefaults() throws {
        let leap = try SourceDraft.validate(Self.with(Self.audit, ["completed_on": "2023-08-31"]))
        #expect(leap.challengeDueOn == date(2024, 2, 29))
        let plain = try SourceDraft.validate(Self.with(Self.audit, ["completed_on": "2024-01-15"]))
        #expect(plain.challengeDueOn == date(2024, 7, 15))
        let given = try SourceDraft.validate(Self.with(Self.audit, ["completed_on": "2024-01-15", "challenge_due_on": "2024-03-01"]))
        #expect(given.challengeDueOn == date(2024, 3, 1))
        let noCompletion = try SourceDraft.validate(Self.with(Self.audit, ["started_on": "2024-01-15"]))
        #expect(noCompletion.challengeDueOn == nil)
    }

    @Test("A challenge event due before the work completes is refused")
    func challengeBeforeCompletion() throws {
        let fields = Self.with(Self.audit, ["completed_on": "2024-01-15", "challenge_due_on": "2024-01-14"])
        let error = try #require(refusal { try SourceDraft.validate(fields) })
        #expect(error.errors.map(\.field) == ["challenge_due_on"])
        #expect(error.message(for: "challenge_due_on") == "The challenge event is due after the work completes (15 January 2024), not before")
    }

    @Test("Each kind asks for its own detail", arguments: [
        ("scrutiny", "reviewer", "Say who carried out the scrutiny, like an external expert body"),
        ("self_assessment", "framework", "Name the framework the partners assessed themselves against"),
        ("assurance_request", "asked_of", "Say whom the partnership asked for assurance"),
        ("audit", "audit_type", "Select the type of audit"),
    ])
    func kindRequirements(kind: String, field: String, message: String) throws {
        let fields = ["kind": kind, "title": "Something", "reporting_year": "2024-25"]
        let error = try #require(refusal { try SourceDraft.validate(fields) })
        #expect(error.errors.map(\.field) == [field])
        #expect(error.message(for: field) == message)
    }

    @Test("A survey needs no kind-specific detail")
    func surveyNeedsNothingMore() throws {
        let draft = try SourceDraft.validate(["kind": "survey", "title": "Supervision survey", "reporting_year": "2023/24"])
        #expect(draft.kind == .survey)
        #expect(draft.reportingYear.startYear == 2023)
        #expect(draft.auditType == nil)
    }

    @Test("An unknown audit type is refused with the allowed values")
    func badAuditType() throws {
        let error = try #require(refusal { try SourceDraft.validate(Self.with(Self.audit, ["audit_type": "desk"])) })
        #expect(error.message(for: "audit_type") == "Select the type of audit: expected one of multi_agency, front_door, single_agency")
    }

    @Test("Kinds that belong to other modules are refused from this form", arguments: ["rapid_review", "lcspr", "marps", "osa", "young_advisors"])
    func otherModulesKinds(kind: String) throws {
        let error = try #require(refusal { try SourceDraft.validate(["kind": kind, "title": "T", "reporting_year": "2023-24"]) })
        #expect(error.errors.map(\.field) == ["kind"])
        #expect(error.message(for: "kind")?.hasSuffix("is recorded in its own module: expected one of audit, survey, scrutiny, self_assessment, assurance_request") == true)
    }

    @Test("A local review's refusal names it in words")
    func lcsprNamed() throws {
        let error = try #require(refusal { try SourceDraft.validate(["kind": "lcspr", "title": "T", "reporting_year": "2023-24"]) })
        #expect(error.message(for: "kind")?.hasPrefix("Local child safeguarding practice review is recorded in its own module") == true)
    }

    @Test("Dates may be ISO text or three boxes")
    func isoAndBoxes() throws {
        let fields = Self.with(Self.audit, [
            "planned_on": " 2023-05-01 ",
            "started_on-day": "1", "started_on-month": "6", "started_on-year": "2023",
            "completed_on-day": " 31 ", "completed_on-month": "05", "completed_on-year": "2024",
        ])
        let draft = try SourceDraft.validate(fields)
        #expect(draft.plannedOn == date(2023, 5, 1))
        #expect(draft.startedOn == date(2023, 6, 1))
        #expect(draft.completedOn == date(2024, 5, 31))
        #expect(draft.challengeDueOn == date(2024, 11, 30))
    }

    @Test("An impossible date in boxes is refused, naming the field")
    func impossibleBoxDate() throws {
        let fields = Self.with(Self.audit, ["completed_on-day": "31", "completed_on-month": "2", "completed_on-year": "2024"])
        let error = try #require(refusal { try SourceDraft.validate(fields) })
        #expect(error.errors.map(\.field) == ["completed_on"])
        #expect(error.message(for: "completed_on") == "Enter the completion date: the date must be a real date, like 31 5 2024")
    }

    @Test("Half-filled boxes, two-digit years and impossible ISO dates are refused", arguments: [
        ["started_on-day": "1", "started_on-month": "6"],
        ["started_on-day": "1", "started_on-month": "6", "started_on-year": "24"],
        ["started_on-day": "1", "started_on-month": "13", "started_on-year": "2024"],
        ["started_on-day": "one", "started_on-month": "6", "started_on-year": "2024"],
        ["started_on": "2024-02-30"],
        ["started_on": "1/6/2024"],
    ])
    func badDates(dateFields: [String: String]) throws {
        let error = try #require(refusal { try SourceDraft.validate(Self.with(Self.audit, dateFields)) })
        #expect(error.errors.map(\.field) == ["started_on"])
        #expect(error.message(for: "started_on")?.hasPrefix("Enter the start date: ") == true)
    }

    @Test("An ISO date that is not real explains the expected form")
    func badIsoMessage() throws {
        let error = try #require(refusal { try SourceDraft.validate(Self.with(Self.audit, ["started_on": "2024-02-30"])) })
        #expect(error.message(for: "started_on") == "Enter the start date: expected a real date written as YYYY-MM-DD, like 2024-05-31")
    }

    @Test("Kind-specific fields are kept only for their kind")
    func kindSpecificFieldsKept() throws {
        let extras = [
            "reviewer": "Independent scrutineer", "observed": "Two subgroup meetings", "framework": "Section 11",
            "asked_of": "Director of Children's Services", "terms_of_reference": "Voice of the child\n\n  Information sharing  \n",
            "audit_type": "front_door", "methods": "Case file reading",
        ]
        let survey = try SourceDraft.validate(Self.with(["kind": "survey", "title": "S", "reporting_year": "2023-24"], extras))
        #expect(survey.reviewer == nil)
        #expect(survey.observed == nil)
        #expect(survey.framework == nil)
        #expect(survey.askedOf == nil)
        #expect(survey.auditType == nil)
        #expect(survey.termsOfReference == [])
        #expect(survey.methods == "Case file reading")

        let scrutiny = try SourceDraft.validate(Self.with(["kind": "scrutiny", "title": "S", "reporting_year": "2023-24"], extras))
        #expect(scrutiny.reviewer == "Independent scrutineer")
        #expect(scrutiny.observed == "Two subgroup meetings")
        #expect(scrutiny.termsOfReference == ["Voice of the child", "Information sharing"])
        #expect(scrutiny.framework == nil)
        #expect(scrutiny.askedOf == nil)

        let selfAssessment = try SourceDraft.validate(Self.with(["kind": "self_assessment", "title": "S", "reporting_year": "2023-24"], extras))
        #expect(selfAssessment.framework == "Section 11")
        #expect(selfAssessment.reviewer == nil)
        #expect(selfAssessment.termsOfReference == [])

        let request = try SourceDraft.validate(Self.with(["kind": "assurance_request", "title": "S", "reporting_year": "2023-24"], extras))
        #expect(request.askedOf == "Director of Children's Services")
        #expect(request.termsOfReference == ["Voice of the child", "Information sharing"])

        let audit = try SourceDraft.validate(Self.with(Self.audit, extras))
        #expect(audit.auditType == .frontDoor)
        #expect(audit.termsOfReference == ["Voice of the child", "Information sharing"])
        #expect(audit.reviewer == nil)
    }

    @Test("A title over 200 characters is refused")
    func longTitle() throws {
        let error = try #require(refusal { try SourceDraft.validate(Self.with(Self.audit, ["title": String(repeating: "a", count: 201)])) })
        #expect(error.message(for: "title") == "Title must be 200 characters or fewer")
        #expect(refusal { try SourceDraft.validate(Self.with(Self.audit, ["title": String(repeating: "a", count: 200)])) } == nil)
    }
}

// MARK: - Findings, actions, evidence

@Suite("Learning: findings, actions and evidence")
struct FindingActionEvidenceTests {
    @Test("Themes are lower-cased, trimmed, each kept once in the order given, empty ones dropped")
    func themesNormalised() throws {
        let draft = try FindingDraft.validate([
            "kind": "area_for_improvement", "text": " Plans lacked the child's voice ",
            "themes": "Domestic Abuse, information sharing ,, DOMESTIC ABUSE,  , Neglect",
        ])
        #expect(draft.kind == .areaForImprovement)
        #expect(draft.text == "Plans lacked the child's voice")
        #expect(draft.themes == ["domestic abuse", "information sharing", "neglect"])
    }

    @Test("A finding with no themes has an empty list")
    func noThemes() throws {
        #expect(try FindingDraft.validate(["kind": "strength", "text": "Good"]).themes == [])
    }

    @Test("A finding needs a kind and text; too many or too long themes are refused")
    func findingRefusals() throws {
        let missing = try #require(refusal { try FindingDraft.validate([:]) })
        #expect(missing.errors.map(\.field) == ["kind", "text"])
        #expect(missing.message(for: "text") == "Enter the finding")
        let thirteen = (1...13).map { "theme \($0)" }.joined(separator: ",")
        let tooMany = try #require(refusal { try FindingDraft.validate(["kind": "strength", "text": "x", "themes": thirteen]) })
        #expect(tooMany.message(for: "themes") == "Give at most 12 themes")
        let twelve = (1...12).map { "theme \($0)" }.joined(separator: ",")
        #expect(try FindingDraft.validate(["kind": "strength", "text": "x", "themes": twelve]).themes.count == 12)
        let long = try #require(refusal { try FindingDraft.validate(["kind": "strength", "text": "x", "themes": String(repeating: "t", count: 61)]) })
        #expect(long.message(for: "themes") == "Each theme must be 60 characters or fewer")
    }

    @Test("An action reads its text, owner organisation, owner and due date")
    func action() throws {
        let draft = try ActionDraft.validate([
            "text": " Refresh the neglect toolkit ", "owner_organisation": "Children's Services", "owner": "Head of Quality",
            "due_on-day": "30", "due_on-month": "9", "due_on-year": "2024",
        ])
        #expect(draft == ActionDraft(text: "Refresh the neglect toolkit", ownerOrganisation: "Children's Services",
                                     owner: "Head of Quality", dueOn: date(2024, 9, 30)))
    }

    @Test("An action with nothing filled in names every missing field")
    func actionMissing() throws {
        let error = try #require(refusal { try ActionDraft.validate([:]) })
        #expect(error.errors.map(\.field) == ["text", "owner_organisation", "owner", "due_on"])
        #expect(error.message(for: "due_on") == "Enter the date the action is due")
        #expect(error.message(for: "owner") == "Enter who owns the action, by role or name")
    }

    @Test("An action with a prefix reads and names the prefixed fields")
    func prefixedAction() throws {
        let draft = try ActionDraft.validate([
            "action_text": "Audit again", "action_owner_organisation": "Police", "action_owner": "DI Smith",
            "action_due_on": "2025-01-31", "text": "ignored",
        ], prefix: "action_")
        #expect(draft == ActionDraft(text: "Audit again", ownerOrganisation: "Police", owner: "DI Smith", dueOn: date(2025, 1, 31)))

        let error = try #require(refusal { try ActionDraft.validate(["text": "x", "owner": "y"], prefix: "action_") })
        #expect(error.errors.map(\.field) == ["action_text", "action_owner_organisation", "action_owner", "action_due_on"])
    }

    @Test("Evidence links must be http(s) without spaces; a plain document reference is fine", arguments: [
        ("https://example.org/report.pdf", true),
        ("http://intranet.local/minutes", true),
        ("HTTPS://Example.org/Report", true),
        ("Board minutes 12 March 2024, item 5", true),
        ("SP/2024/017", true),
        ("ftp://example.org/file", false),
        ("www.example.org/report", false),
        ("https://example.org/my report.pdf", false),
        ("javascript://alert(1)", false),
    ])
    func evidenceReference(reference: String, accepted: Bool) throws {
        let fields = ["what_changed": "Fewer re-referrals", "how_we_know": "Quarterly data", "reference": reference]
        let result = refusal { try EvidenceDraft.validate(fields) }
        if accepted {
            #expect(result == nil)
            #expect(try EvidenceDraft.validate(fields).reference == reference)
        } else {
            #expect(result?.errors.map(\.field) == ["reference"])
            #expect(result?.message(for: "reference") == "A link must start with https:// and have no spaces; otherwise give a document reference")
        }
    }

    @Test("Evidence needs what changed and how we know; the reference is optional")
    func evidenceRequired() throws {
        let error = try #require(refusal { try EvidenceDraft.validate(["reference": "  "]) })
        #expect(error.errors.map(\.field) == ["what_changed", "how_we_know"])
        let draft = try EvidenceDraft.validate(["what_changed": " A ", "how_we_know": " B ", "reference": "  "])
        #expect(draft == EvidenceDraft(whatChanged: "A", howWeKnow: "B", reference: nil))
    }

    @Test("An action is marked done only with evidence of impact")
    func doneNeedsEvidence() throws {
        let error = try #require(refusal { try ActionStatusChange.validate(["status": "done"], evidenceCount: 0) })
        #expect(error.errors == [FieldError(field: "status", message: ActionStatusChange.needsEvidence)])
        #expect(try ActionStatusChange.validate(["status": "done"], evidenceCount: 1) == ActionStatusChange(status: .done))
    }

    @Test("A dropped action needs a reason, and the reason is kept only when dropped")
    func droppedNeedsReason() throws {
        let error = try #require(refusal { try ActionStatusChange.validate(["status": "dropped", "dropped_reason": "  "], evidenceCount: 0) })
        #expect(error.errors.map(\.field) == ["dropped_reason"])
        #expect(error.message(for: "dropped_reason") == "Say why the action is dropped")
        let dropped = try ActionStatusChange.validate(["status": "dropped", "dropped_reason": " Superseded by the new strategy "], evidenceCount: 0)
        #expect(dropped == ActionStatusChange(status: .dropped, droppedReason: "Superseded by the new strategy"))
        let progressing = try ActionStatusChange.validate(["status": "in_progress", "dropped_reason": "left over"], evidenceCount: 0)
        #expect(progressing == ActionStatusChange(status: .inProgress, droppedReason: nil))
    }

    @Test("A missing or unknown status is refused")
    func badStatus() throws {
        #expect(refusal { try ActionStatusChange.validate([:], evidenceCount: 3) }?.message(for: "status") == "Select the action's status")
        #expect(refusal { try ActionStatusChange.validate(["status": "finished"], evidenceCount: 3) }?.message(for: "status")
            == "Select the action's status: expected one of not_started, in_progress, done, dropped")
    }

    @Test("A challenge event needs a judgement on every recommendation, naming the one missing")
    func challengeJudgements() throws {
        let recommendations = [(id: "r-one", number: 1), (id: "r-two", number: 2)]
        let base = ["held_on": "2024-10-01", "who_was_challenged": "Head of Service", "assurance_given": "Audit repeated"]
        let missing = try #require(refusal {
            try ChallengeEventDraft.validate(base.merging(["judgement-r-one": "assured"]) { $1 }, recommendations: recommendations)
        })
        #expect(missing.errors == [FieldError(field: "judgement-r-two", message: "Select a judgement for recommendation 2")])

        let unknown = try #require(refusal {
            try ChallengeEventDraft.validate(base.merging(["judgement-r-one": "maybe", "judgement-r-two": "assured"]) { $1 },
                                             recommendations: recommendations)
        })
        #expect(unknown.errors.map(\.field) == ["judgement-r-one"])
        #expect(unknown.message(for: "judgement-r-one") == "Select a judgement for recommendation 1: expected one of assured, partly_assured, not_assured")

        let draft = try ChallengeEventDraft.validate(
            base.merging(["judgement-r-one": "partly_assured", "judgement-r-two": "not_assured"]) { $1 }, recommendations: recommendations)
        #expect(draft == ChallengeEventDraft(heldOn: date(2024, 10, 1), whoWasChallenged: "Head of Service", assuranceGiven: "Audit repeated",
                                             judgements: ["r-one": .partlyAssured, "r-two": .notAssured]))
    }

    @Test("A challenge event needs its date, who was challenged and the assurance given")
    func challengeBasics() throws {
        let error = try #require(refusal { try ChallengeEventDraft.validate([:], recommendations: []) })
        #expect(error.errors.map(\.field) == ["held_on", "who_was_challenged", "assurance_given"])
        let none = try ChallengeEventDraft.validate(["held_on-day": "1", "held_on-month": "10", "held_on-year": "2024",
                                                     "who_was_challenged": "a", "assurance_given": "b"], recommendations: [])
        #expect(none.judgements.isEmpty)
        #expect(none.heldOn == date(2024, 10, 1))
    }
}

// MARK: - Audit tool

@Suite("Learning: the audit tool")
struct AuditToolTests {
    static func reference(_ raw: String?) -> (String?, [FieldError]) {
        var v = Validator()
        let result = CaseReference.validate(raw, validator: &v)
        return (result, v.errors)
    }

    @Test("Local case references are accepted and upper-cased", arguments: [
        ("EX-01", "EX-01"), ("ex-01", "EX-01"), (" 2024/17 ", "2024/17"), ("c12345", "C12345"),
        (String(repeating: "A", count: 29) + "1", String(repeating: "A", count: 29) + "1"),
    ])
    func acceptedReferences(raw: String, expected: String) {
        let (result, errors) = Self.reference(raw)
        #expect(result == expected)
        #expect(errors.isEmpty)
    }

    @Test("Names and other text are refused as case references", arguments: [
        "Baby Sam", "Sam Smith 1", "EX 01", "EXAMPLE", "Zoë-1", "EX_01", String(repeating: "A", count: 30) + "1",
    ])
    func refusedReferences(raw: String) {
        let (result, errors) = Self.reference(raw)
        #expect(result == nil)
        #expect(errors == [FieldError(field: "reference", message: CaseReference.rule)])
    }

    @Test("An empty case reference asks for one, on the field given")
    func emptyReference() {
        var v = Validator()
        #expect(CaseReference.validate("  ", field: "case", validator: &v) == nil)
        #expect(v.errors == [FieldError(field: "case", message: "Enter the case's local reference")])
    }

    @Test("An answer sheet needs a grade per question; comments are optional and trimmed")
    func answerSheet() throws {
        let questions = [(id: "q1", number: 1), (id: "q2", number: 2)]
        let sheet = try AuditAnswerSheet.validate(["grade-q1": "good", "comment-q1": " Clear plan ", "grade-q2": "inadequate", "comment-q2": " "],
                                                  questions: questions)
        #expect(sheet.answers == [
            "q1": AuditAnswerSheet.Answer(grade: .good, comment: "Clear plan"),
            "q2": AuditAnswerSheet.Answer(grade: .inadequate, comment: nil),
        ])

        let missing = try #require(refusal { try AuditAnswerSheet.validate(["grade-q1": "good"], questions: questions) })
        #expect(missing.errors == [FieldError(field: "grade-q2", message: "Select a grade for question 2")])
        let unknown = try #require(refusal { try AuditAnswerSheet.validate(["grade-q1": "fine", "grade-q2": "good"], questions: questions) })
        #expect(unknown.message(for: "grade-q1") == "Select a grade for question 1: expected one of outstanding, good, requires_improvement, inadequate")
    }

    @Test("A grade spread counts each grade and the share good or better, rounded to a whole number")
    func gradeSpread() {
        var spread = GradeSpread()
        #expect(spread.total == 0)
        #expect(spread.percentGoodOrBetter == nil)
        for grade in [AuditGrade.outstanding, .good, .good, .requiresImprovement, .requiresImprovement, .requiresImprovement, .inadequate] {
            spread.add(grade)
        }
        #expect(spread.count(.outstanding) == 1)
        #expect(spread.count(.good) == 2)
        #expect(spread.count(.requiresImprovement) == 3)
        #expect(spread.count(.inadequate) == 1)
        #expect(spread.total == 7)
        #expect(spread.goodOrBetter == 3)
        #expect(spread.percentGoodOrBetter == 43) // 3 / 7 = 42.86%
    }

    @Test("Good-or-better percentages round half up", arguments: [
        (1, 8, 13), // 12.5%
        (2, 3, 67), // 66.67%
        (1, 3, 33), // 33.33%
        (0, 4, 0), (4, 4, 100), (7, 8, 88), // 87.5%
    ])
    func rounding(good: Int, total: Int, percent: Int) {
        var spread = GradeSpread()
        for index in 0..<total { spread.add(index < good ? .good : .inadequate) }
        #expect(spread.percentGoodOrBetter == percent)
    }

    @Test("The collation counts per question, per organisation and overall")
    func collation() {
        let rows = [
            AuditCollation.Row(question: "q1", organisation: "police", grade: .good),
            AuditCollation.Row(question: "q1", organisation: "council", grade: .inadequate),
            AuditCollation.Row(question: "q1", organisation: "health", grade: .outstanding),
            AuditCollation.Row(question: "q2", organisation: "police", grade: .requiresImprovement),
            AuditCollation.Row(question: "q2", organisation: "council", grade: .good),
        ]
        let collation = AuditCollation(rows)
        #expect(collation.byQuestion["q1"]?.total == 3)
        #expect(collation.byQuestion["q1"]?.percentGoodOrBetter == 67)
        #expect(collation.byQuestion["q2"]?.total == 2)
        #expect(collation.byQuestion["q2"]?.count(.requiresImprovement) == 1)
        #expect(collation.byQuestion["q2"]?.percentGoodOrBetter == 50)
        #expect(collation.byOrganisation["police"]?.percentGoodOrBetter == 50)
        #expect(collation.byOrganisation["council"]?.count(.inadequate) == 1)
        #expect(collation.byOrganisation["health"]?.percentGoodOrBetter == 100)
        #expect(collation.byOrganisation.count == 3)
        #expect(collation.overall.total == 5)
        #expect(collation.overall.count(.good) == 2)
        #expect(collation.overall.goodOrBetter == 3)
        #expect(collation.overall.percentGoodOrBetter == 60)
        #expect(collation.byQuestion["q3"] == nil)

        let empty = AuditCollation([])
        #expect(empty.overall.percentGoodOrBetter == nil)
        #expect(empty.byQuestion.isEmpty)
    }

    @Test("Questions need text; guidance is optional")
    func auditQuestion() throws {
        #expect(try AuditQuestionDraft.validate(["text": " Was the child seen? ", "guidance": ""]) == AuditQuestionDraft(text: "Was the child seen?"))
        #expect(refusal { try AuditQuestionDraft.validate([:]) }?.errors.map(\.field) == ["text"])
    }
}

// MARK: - Surveys

@Suite("Learning: survey questions and responses")
struct SurveyDraftTests {
    @Test("A choice question needs at least two options, one per line")
    func choiceOptions() throws {
        for kind in ["single_choice", "multiple_choice"] {
            let one = try #require(refusal { try SurveyQuestionDraft.validate(["text": "Q", "kind": kind, "options": "Yes\n\n"]) })
            #expect(one.errors == [FieldError(field: "options", message: "Give at least two options, one per line")], "\(kind)")
        }
        let draft = try SurveyQuestionDraft.validate(["text": " Do you receive supervision? ", "kind": "single_choice",
                                                      "options": "Yes\r\n No \r\n\r\nNot sure", "required": "yes"])
        #expect(draft == SurveyQuestionDraft(text: "Do you receive supervision?", kind: .singleChoice,
                                             options: ["Yes", "No", "Not sure"], isRequired: true, isDemographic: false))
    }

    @Test("Duplicate options are refused, whatever their case")
    func duplicateOptions() throws {
        let error = try #require(refusal { try SurveyQuestionDraft.validate(["text": "Q", "kind": "single_choice", "options": "Yes\nNo\nyes"]) })
        #expect(error.errors == [FieldError(field: "options", message: "Each option must be different")])
    }

    @Test("A scale defaults to five points and allows 3 to 11")
    func scalePoints() throws {
        let defaulted = try SurveyQuestionDraft.validate(["text": "How confident are you?", "kind": "scale", "demographic": "yes"])
        #expect(defaulted.options == ["1", "2", "3", "4", "5"])
        #expect(defaulted.isDemographic)
        #expect(!defaulted.isRequired)
        let three = try SurveyQuestionDraft.validate(["text": "Q", "kind": "scale", "options": "Low\nMedium\nHigh"])
        #expect(three.options == ["Low", "Medium", "High"])
        let eleven = (0...10).map(String.init).joined(separator: "\n")
        #expect(try SurveyQuestionDraft.validate(["text": "Q", "kind": "scale", "options": eleven]).options.count == 11)
        let message = "A scale has 3 to 11 points, one per line, from low to high"
        #expect(refusal { try SurveyQuestionDraft.validate(["text": "Q", "kind": "scale", "options": "Low\nHigh"]) }?.errors
            == [FieldError(field: "options", message: message)])
        let twelve = (0...11).map(String.init).joined(separator: "\n")
        #expect(refusal { try SurveyQuestionDraft.validate(["text": "Q", "kind": "scale", "options": twelve]) }?.errors
            == [FieldError(field: "options", message: message)])
    }

    @Test("A free-text question has no options")
    func freeText() throws {
        let draft = try SurveyQuestionDraft.validate(["text": "Anything else?", "kind": "free_text", "options": "ignored\nalso ignored"])
        #expect(draft.kind == .freeText)
        #expect(draft.options == [])
    }

    @Test("A question needs text and a known kind")
    func questionBasics() throws {
        let error = try #require(refusal { try SurveyQuestionDraft.validate(["kind": "ranking"]) })
        #expect(error.errors.map(\.field) == ["text", "kind"])
        #expect(error.message(for: "kind") == "Select the type of question: expected one of single_choice, multiple_choice, scale, free_text")
    }

    static let single = SurveyQuestion(id: "a1", number: 1, text: "Do you receive supervision?", kind: .singleChoice,
                                       options: ["Yes", "No", "Not sure"], isRequired: true)
    static let multiple = SurveyQuestion(id: "b2", number: 2, text: "Which training have you done?", kind: .multipleChoice,
                                         options: ["Neglect", "Exploitation", "Domestic abuse"], isRequired: true)
    static let scale = SurveyQuestion(id: "c3", number: 3, text: "How confident are you?", kind: .scale,
                                      options: ["1", "2", "3", "4", "5"], isRequired: false)
    static let text = SurveyQuestion(id: "d4", number: 4, text: "Anything else?", kind: .freeText, options: [], isRequired: false)
    static let questions = [single, multiple, scale, text]

    @Test("Question fields are q-<id>, and q-<id>-<index> for each box")
    func fieldNames() {
        #expect(Self.single.field == "q-a1")
        #expect(Self.multiple.optionField(2) == "q-b2-2")
    }

    @Test("A full response reads single choices, ticked boxes, scale points and text")
    func fullResponse() throws {
        let response = try SurveyResponseDraft.validate([
            "q-a1": " 2 ", "q-b2-0": "yes", "q-b2-2": "yes", "q-b2-1": "no", "q-c3": "4", "q-d4": " More time to reflect ",
        ], questions: Self.questions)
        #expect(response.answers == [
            "a1": .choices([2]), "b2": .choices([0, 2]), "c3": .choices([4]), "d4": .text("More time to reflect"),
        ])
    }

    @Test("Optional questions left unanswered are omitted")
    func optionalOmitted() throws {
        let response = try SurveyResponseDraft.validate(["q-a1": "0", "q-b2-1": "yes", "q-d4": "   "], questions: Self.questions)
        #expect(response.answers == ["a1": .choices([0]), "b2": .choices([1])])
    }

    @Test("Required questions left unanswered are refused, naming the question number")
    func requiredUnanswered() throws {
        let error = try #require(refusal { try SurveyResponseDraft.validate([:], questions: Self.questions) })
        #expect(error.errors == [
            FieldError(field: "q-a1", message: "Answer question 1: choose one option"),
            FieldError(field: "q-b2", message: "Answer question 2: tick at least one option"),
        ])
        let requiredText = SurveyQuestion(id: "e5", number: 5, text: "Why?", kind: .freeText, options: [], isRequired: true)
        #expect(refusal { try SurveyResponseDraft.validate([:], questions: [requiredText]) }?.errors
            == [FieldError(field: "q-e5", message: "Answer question 5")])
    }

    @Test("An answer that is not one of the options is refused", arguments: ["3", "-1", "Yes", "1.0"])
    func outOfRange(raw: String) throws {
        let error = try #require(refusal { try SurveyResponseDraft.validate(["q-a1": raw, "q-b2-0": "yes"], questions: Self.questions) })
        #expect(error.errors == [FieldError(field: "q-a1", message: "Question 1: choose one of the options given")])
    }

    @Test("A scale point beyond the scale is refused")
    func scaleOutOfRange() throws {
        let error = try #require(refusal { try SurveyResponseDraft.validate(["q-a1": "0", "q-b2-0": "yes", "q-c3": "5"], questions: Self.questions) })
        #expect(error.errors == [FieldError(field: "q-c3", message: "Question 3: choose one of the options given")])
    }
}

@Suite("Learning: survey results")
struct SurveyResultsTests {
    static let supervision = SurveyQuestion(id: "sup", number: 1, text: "Do you receive supervision?", kind: .singleChoice,
                                            options: ["Yes", "No", "Not sure"], isRequired: false)

    @Test("Reproduces the published figure: 95 of 149 say Yes, 64%; 16 Not sure, 11%")
    func publishedFigure() throws {
        let responses = Array(repeating: SurveyResponseDraft(answers: ["sup": .choices([0])]), count: 95)
            + Array(repeating: SurveyResponseDraft(answers: ["sup": .choices([1])]), count: 38)
            + Array(repeating: SurveyResponseDraft(answers: ["sup": .choices([2])]), count: 16)
        let results = SurveyResults(questions: [Self.supervision], responses: responses)
        #expect(results.responses == 149)
        let question = try #require(results.questions.first)
        #expect(question.answered == 149)
        #expect(question.options.map(\.option) == ["Yes", "No", "Not sure"])
        #expect(question.options.map(\.count) == [95, 38, 16])
        // 95 / 149 = 63.758…%, 38 / 149 = 25.503…%, 16 / 149 = 10.738…%
        #expect(abs(question.options[0].percent - 63.7583892617) < 1e-6)
        #expect(abs(question.options[2].percent - 10.7382550336) < 1e-6)
        #expect(question.options.map { Int($0.percent.rounded()) } == [64, 26, 11])
        #expect(question.mean == nil)
        #expect(question.texts == [])
    }

    @Test("Percentages are of those who answered the question, not of all responses")
    func percentOfAnswered() throws {
        let responses = [
            SurveyResponseDraft(answers: ["sup": .choices([0])]),
            SurveyResponseDraft(answers: ["sup": .choices([0])]),
            SurveyResponseDraft(answers: ["sup": .choices([1])]),
            SurveyResponseDraft(answers: ["sup": .choices([1])]),
            SurveyResponseDraft(answers: [:]),
        ]
        let question = try #require(SurveyResults(questions: [Self.supervision], responses: responses).questions.first)
        #expect(question.answered == 4)
        #expect(question.options.map(\.percent) == [50, 50, 0])
    }

    @Test("Multiple choices count each tick; shares can add up to more than 100")
    func multipleChoice() throws {
        let training = SurveyQuestion(id: "t", number: 2, text: "Training", kind: .multipleChoice, options: ["A", "B", "C"], isRequired: false)
        let responses = [
            SurveyResponseDraft(answers: ["t": .choices([0, 1])]),
            SurveyResponseDraft(answers: ["t": .choices([0])]),
            SurveyResponseDraft(answers: ["t": .choices([0, 1, 2])]),
            SurveyResponseDraft(answers: ["t": .choices([2])]),
        ]
        let question = try #require(SurveyResults(questions: [training], responses: responses).questions.first)
        #expect(question.answered == 4)
        #expect(question.options.map(\.count) == [3, 2, 2])
        #expect(question.options.map(\.percent) == [75, 50, 50])
    }

    @Test("A scale reports its mean point, counting the first point as 1")
    func scaleMean() throws {
        let scale = SurveyQuestion(id: "s", number: 3, text: "Confidence", kind: .scale, options: ["1", "2", "3", "4", "5"], isRequired: false)
        // Points 5, 4, 4 and 2 (indexes 4, 3, 3, 1): mean 15 / 4 = 3.75.
        let responses = [4, 3, 3, 1].map { SurveyResponseDraft(answers: ["s": .choices([$0])]) } + [SurveyResponseDraft(answers: [:])]
        let question = try #require(SurveyResults(questions: [scale], responses: responses).questions.first)
        #expect(question.answered == 4)
        #expect(question.mean == 3.75)
        #expect(question.options.map(\.count) == [0, 1, 0, 2, 1])

        let unanswered = try #require(SurveyResults(questions: [scale], responses: [SurveyResponseDraft(answers: [:])]).questions.first)
        #expect(unanswered.mean == nil)
        #expect(unanswered.options.map(\.percent) == [0, 0, 0, 0, 0])
    }

    @Test("Free-text answers are listed in the order given")
    func freeTexts() throws {
        let text = SurveyQuestion(id: "f", number: 4, text: "Anything else?", kind: .freeText, options: [], isRequired: false)
        let responses = [
            SurveyResponseDraft(answers: ["f": .text("More time")]),
            SurveyResponseDraft(answers: [:]),
            SurveyResponseDraft(answers: ["f": .text("Better IT")]),
        ]
        let results = SurveyResults(questions: [text], responses: responses)
        #expect(results.responses == 3)
        let question = try #require(results.questions.first)
        #expect(question.answered == 2)
        #expect(question.texts == ["More time", "Better IT"])
        #expect(question.options == [])
        #expect(question.mean == nil)
    }

    @Test("The results CSV has one row per response, choices by name, multiple choices joined with a semicolon")
    func resultsCSV() {
        let training = SurveyQuestion(id: "t", number: 2, text: "Training, if any", kind: .multipleChoice, options: ["A", "B", "C"], isRequired: false)
        let text = SurveyQuestion(id: "f", number: 3, text: "Anything else?", kind: .freeText, options: [], isRequired: false)
        let csv = SurveyResults.csv(questions: [Self.supervision, training, text], responses: [
            (submittedOn: date(2024, 3, 5), answers: SurveyResponseDraft(answers: ["sup": .choices([0]), "t": .choices([0, 2]), "f": .text("=HYPERLINK(\"x\")")])),
            (submittedOn: date(2024, 3, 6), answers: SurveyResponseDraft(answers: ["sup": .choices([2])])),
        ])
        #expect(csv == "response,submitted_on,Q1 Do you receive supervision?,\"Q2 Training, if any\",Q3 Anything else?\r\n"
            + "1,2024-03-05,Yes,A; C,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
            + "2,2024-03-06,Not sure,,\r\n")
    }

    @Test("A free-text answer typed over several lines stays in one CSV field")
    func resultsCSVMultiline() {
        // Browsers submit a textarea's line breaks as CRLF, so this is what a stored answer holds.
        let text = SurveyQuestion(id: "f", number: 1, text: "Anything else?", kind: .freeText, options: [], isRequired: false)
        let csv = SurveyResults.csv(questions: [text], responses: [
            (submittedOn: date(2024, 3, 5), answers: SurveyResponseDraft(answers: ["f": .text("More time\r\nBetter IT")])),
        ])
        #expect(csv == "response,submitted_on,Q1 Anything else?\r\n1,2024-03-05,\"More time\r\nBetter IT\"\r\n")
    }
}

// MARK: - CSV

@Suite("Learning: writing CSV")
struct CSVWriterTests {
    @Test("Plain fields are written as they are, lines end with CRLF, including the last")
    func plain() {
        #expect(CSVWriter.write([["a", "b"], ["1", ""]]) == "a,b\r\n1,\r\n")
        #expect(CSVWriter.write([["only"]]) == "only\r\n")
    }

    @Test("Fields with commas, quotes or line breaks are quoted, and quotes doubled", arguments: [
        ("Leeds, West Yorkshire", "\"Leeds, West Yorkshire\""),
        ("She said \"no\"", "\"She said \"\"no\"\"\""),
        ("line one\nline two", "\"line one\nline two\""),
        ("line one\rline two", "\"line one\rline two\""),
        ("line one\r\nline two", "\"line one\r\nline two\""),
        ("no quoting needed", "no quoting needed"),
    ])
    func quoting(raw: String, written: String) {
        #expect(CSVWriter.write([[raw]]) == written + "\r\n")
    }

    @Test("Fields a spreadsheet would run as a formula get a leading apostrophe", arguments: [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("@x", "'@x"),
        ("-x", "'-x"),
        ("+x", "'+x"),
        ("\tx", "'\tx"),
        ("=HYPERLINK(\"http://evil\",\"click\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\""),
    ])
    func formulaGuard(raw: String, written: String) {
        #expect(CSVWriter.write([[raw]]) == written + "\r\n")
    }

    @Test("Numbers, including negative ones, are left alone", arguments: ["-5", "-5.25", "+3", "42", "a=b", "x-1"])
    func numbersUntouched(raw: String) {
        #expect(CSVWriter.write([[raw]]) == raw + "\r\n")
    }
}

// MARK: - Permissions

@Suite("Learning: who may do what")
struct LearningAccessTests {
    let police = OrganisationRef("police")
    let council = OrganisationRef("council")

    @Test("A contributor updates actions and answers audits only for their own organisation")
    func contributor() {
        let grant = Grant(role: .contributor, organisation: police)
        #expect(Access.allows(grant, .updateAction(owner: police)))
        #expect(!Access.allows(grant, .updateAction(owner: council)))
        #expect(Access.allows(grant, .answerAudit(owner: police)))
        #expect(!Access.allows(grant, .answerAudit(owner: council)))
        #expect(Access.allows(grant, .readLearning))
        #expect(!Access.allows(grant, .editLearning))
        #expect(!Access.allows(grant, .recordChallenge))
    }

    @Test("A contributor without an organisation updates no action and answers no audit")
    func contributorWithoutOrganisation() {
        let grant = Grant(role: .contributor, organisation: nil)
        #expect(!Access.allows(grant, .updateAction(owner: police)))
        #expect(!Access.allows(grant, .answerAudit(owner: police)))
    }

    @Test("A viewer reads learning but changes none of it")
    func viewer() {
        let grant = Grant(role: .viewer, organisation: nil)
        #expect(Access.allows(grant, .readLearning))
        #expect(!Access.allows(grant, .editLearning))
        #expect(!Access.allows(grant, .recordChallenge))
        #expect(!Access.allows(grant, .updateAction(owner: police)))
        #expect(!Access.allows(grant, .answerAudit(owner: police)))
    }

    @Test("The executive records challenge events but does not edit learning or update actions")
    func executive() {
        let grant = Grant(role: .executive, organisation: council)
        #expect(Access.allows(grant, .readLearning))
        #expect(Access.allows(grant, .recordChallenge))
        #expect(!Access.allows(grant, .editLearning))
        #expect(!Access.allows(grant, .updateAction(owner: council)))
        #expect(!Access.allows(grant, .answerAudit(owner: council)))
    }

    @Test("Young advisors and child death panel members do not read the learning tracker")
    func noLearning() {
        for role in [Role.youngAdvisor, .childDeathPanelMember] {
            let grant = Grant(role: role, organisation: police)
            #expect(!Access.allows(grant, .readLearning), "\(role)")
            #expect(!Access.allows(grant, .editLearning), "\(role)")
            #expect(!Access.allows(grant, .recordChallenge), "\(role)")
            #expect(!Access.allows(grant, .updateAction(owner: police)), "\(role)")
            #expect(!Access.allows(grant, .answerAudit(owner: police)), "\(role)")
        }
    }

    @Test("Administrators may do everything in learning; only they edit it")
    func administrator() {
        let permissions: [Permission] = [.readLearning, .editLearning, .recordChallenge, .updateAction(owner: police), .answerAudit(owner: council)]
        for permission in permissions {
            #expect(Access.allows(Grant(role: .administrator, organisation: nil), permission))
        }
        for role in Role.allCases {
            #expect(Access.allows(Grant(role: role, organisation: police), .editLearning) == (role == .administrator), "\(role)")
        }
    }
}
