import Foundation
import Testing
@testable import SafeguardingDomain

@Suite("Learning: an action's status as at a day, from its history")
struct ActionHistoryTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static let year = ReportingYear(startYear: 2023)

    static func history(_ changes: [(ActionStatus, String)]) -> ActionHistory {
        ActionHistory(changes.enumerated().map { ActionHistory.Entry(status: $1.0, on: day($1.1), sequence: $0 + 1) })
    }

    /// Raised in 2023, done with evidence in February 2024, reopened in 2026 and done again in 2026.
    static let reopenedLater = history([(.notStarted, "2023-06-01"), (.inProgress, "2023-09-01"), (.done, "2024-02-10"),
                                        (.inProgress, "2026-01-05"), (.done, "2026-05-20")])

    @Test("The status as at a day is the last change on or before it; before the first change the action was not raised")
    func statusAsAt() {
        let h = Self.reopenedLater
        #expect(h.status(asAt: Self.day("2023-05-31")) == nil)
        #expect(h.status(asAt: Self.day("2023-06-01")) == .notStarted)
        #expect(h.status(asAt: Self.day("2023-12-31")) == .inProgress)
        #expect(h.status(asAt: Self.day("2024-03-31")) == .done)
        #expect(h.status(asAt: Self.day("2026-03-01")) == .inProgress)
        #expect(h.status(asAt: Self.day("2026-12-01")) == .done)
        #expect(h.raisedOn == Self.day("2023-06-01"))
    }

    @Test("An action done in a year and reopened in a later one is done at that year's end and completed in it")
    func reopenedInALaterYearStillCompletedInTheEarlierOne() {
        let h = Self.reopenedLater
        #expect(h.isCompleted(in: Self.year))
        #expect(!h.isOpen(asAt: Self.year.lastDay))
        #expect(h.isDone(asAt: Self.year.lastDay))
        #expect(!h.isCompleted(in: ReportingYear(startYear: 2024)))
        #expect(h.isCompleted(in: ReportingYear(startYear: 2026)))
        #expect(h.isOpen(asAt: Self.day("2026-03-31")))
        #expect(!h.isCompleted(in: ReportingYear(startYear: 2025)))
    }

    @Test("Completed in the year means the last change inside it leaves the action done")
    func completedMeansTheLastChangeInsideTheYearIsDone() {
        let reopenedInside = Self.history([(.notStarted, "2023-06-01"), (.done, "2023-10-01"), (.inProgress, "2024-01-10")])
        #expect(!reopenedInside.isCompleted(in: Self.year))
        #expect(reopenedInside.isOpen(asAt: Self.year.lastDay))
        let doneTwice = Self.history([(.notStarted, "2023-06-01"), (.done, "2023-10-01"), (.inProgress, "2023-11-01"), (.done, "2024-03-31")])
        #expect(doneTwice.isCompleted(in: Self.year))
        let dropped = Self.history([(.notStarted, "2023-06-01"), (.dropped, "2023-10-01")])
        #expect(!dropped.isCompleted(in: Self.year) && !dropped.isOpen(asAt: Self.year.lastDay))
        let doneBefore = Self.history([(.notStarted, "2022-06-01"), (.done, "2023-03-31")])
        #expect(!doneBefore.isCompleted(in: Self.year))
    }

    @Test("Changes on the same day count in the order they were recorded, whatever order they are given in")
    func sameDayChangesByOrderOfRecording() {
        let h = ActionHistory([ActionHistory.Entry(status: .inProgress, on: Self.day("2024-01-10"), sequence: 3),
                               ActionHistory.Entry(status: .done, on: Self.day("2024-01-10"), sequence: 2),
                               ActionHistory.Entry(status: .notStarted, on: Self.day("2023-06-01"), sequence: 1)])
        #expect(h.status(asAt: Self.day("2024-01-10")) == .inProgress)
        #expect(!h.isCompleted(in: Self.year))
    }

    @Test("Overdue as at a day: open then and due before it; an action due that day is not yet overdue")
    func overdueAsAt() {
        let h = Self.history([(.notStarted, "2023-06-01"), (.done, "2024-06-01")])
        #expect(h.isOverdue(asAt: Self.day("2024-03-31"), dueOn: Self.day("2024-03-30")))
        #expect(!h.isOverdue(asAt: Self.day("2024-03-31"), dueOn: Self.day("2024-03-31")))
        #expect(!h.isOverdue(asAt: Self.day("2024-06-30"), dueOn: Self.day("2024-03-30")))
        #expect(!h.isOverdue(asAt: Self.day("2023-05-01"), dueOn: Self.day("2023-04-30")))
    }
}

@Suite("Learning: the day an action was raised")
struct ActionRaisedOnTests {
    static let fields = ["text": "Refresh the neglect toolkit", "owner_organisation": "Children's Services", "owner": "Head of Quality",
                         "due_on-day": "30", "due_on-month": "9", "due_on-year": "2024"]
    static let today = CalendarDate(year: 2024, month: 7, day: 1)!

    static func refusal(_ fields: [String: String]) -> ValidationErrors? {
        do { _ = try ActionDraft.validate(fields, today: today); return nil } catch { return error }
    }

    @Test("Left out, the action has no raised day of its own (the caller's today); given in three boxes, it is read")
    func readsRaisedOn() throws {
        #expect(try ActionDraft.validate(Self.fields, today: Self.today).raisedOn == nil)
        var typed = Self.fields
        typed.merge(["raised_on-day": "4", "raised_on-month": "11", "raised_on-year": "2023"]) { $1 }
        #expect(try ActionDraft.validate(typed, today: Self.today).raisedOn == CalendarDate(year: 2023, month: 11, day: 4))
        #expect(try ActionDraft.validate(Self.fields.merging(["raised_on": "2024-07-01"]) { $1 }, today: Self.today).raisedOn == Self.today)
    }

    @Test("A raised day after today, after the due date or not a real date is refused, naming the field")
    func refusesWrongRaisedOn() throws {
        let future = try #require(Self.refusal(Self.fields.merging(["raised_on": "2024-07-02"]) { $1 }))
        #expect(future.errors.map(\.field) == ["raised_on"])
        #expect(future.message(for: "raised_on") == "The date the action was raised must be today or in the past, not after 1 July 2024")
        let afterDue = try #require(Self.refusal(Self.fields.merging(["due_on-year": "2023", "raised_on": "2024-01-02"]) { $1 }))
        #expect(afterDue.message(for: "raised_on") == "The date the action was raised must be on or before its due date (30 September 2023)")
        let unreal = try #require(Self.refusal(Self.fields.merging(["raised_on-day": "31", "raised_on-month": "2", "raised_on-year": "2024"]) { $1 }))
        #expect(unreal.message(for: "raised_on") == "Enter the date the action was raised: the date must be a real date, like 31 5 2024")
    }
}
