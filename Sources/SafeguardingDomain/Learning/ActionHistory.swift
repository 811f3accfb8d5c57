/// An action's status over time, and the one place that says what it was on a given day.
///
/// Every write that changes an action's status adds an entry (raised: not started on the day it was
/// raised; then each change on the day it was made). The yearly report, the review tables and the
/// children's report read the status from here rather than from the action's current row, so a
/// change made later (an action reopened in 2026) never moves a past year's figures:
///
/// - **Status as at day D**: the status of the last entry dated on or before D (entries on the same
///   day in the order they were recorded). Before the first entry the action was not yet raised.
/// - **Open at D** / **overdue at D**: the status as at D is open (not started or in progress),
///   and for overdue the due date is before D (an action due on D itself is not yet overdue).
/// - **Completed in year Y**: the last entry dated inside Y leaves it done. An action done and
///   reopened inside Y is not counted; one done in Y and reopened in a later year still is (it was
///   done when Y ended); one done twice inside Y is counted once. Done needs evidence of impact at
///   the time (`ActionStatusChange`), so every done entry was done with evidence.
public struct ActionHistory: Sendable, Equatable {
    /// One change: the status set, the day it took effect, and its place in the order of recording.
    public struct Entry: Sendable, Equatable {
        public var status: ActionStatus
        public var on: CalendarDate
        /// Order of recording, for entries on the same day (higher is later).
        public var sequence: Int

        public init(status: ActionStatus, on: CalendarDate, sequence: Int) {
            self.status = status
            self.on = on
            self.sequence = sequence
        }
    }

    /// Oldest first: by day, then by the order recorded.
    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries.sorted { ($0.on, $0.sequence) < ($1.on, $1.sequence) }
    }

    /// The day the first entry took effect: when the action was raised.
    public var raisedOn: CalendarDate? { entries.first?.on }

    /// The status as at the end of `day`; nil when the action had not been raised by then.
    public func status(asAt day: CalendarDate) -> ActionStatus? {
        entries.last { $0.on <= day }?.status
    }

    /// Raised on or before `day`.
    public func isRaised(asAt day: CalendarDate) -> Bool { status(asAt: day) != nil }

    /// Not started or in progress at the end of `day`.
    public func isOpen(asAt day: CalendarDate) -> Bool { status(asAt: day)?.isOpen ?? false }

    /// Open at the end of `day` and due before it (the tracker's own overdue rule, on that day).
    public func isOverdue(asAt day: CalendarDate, dueOn: CalendarDate) -> Bool {
        guard let status = status(asAt: day) else { return false }
        return TrackerRules.isOverdue(status: status, dueOn: dueOn, today: day)
    }

    /// Done at the end of `day`.
    public func isDone(asAt day: CalendarDate) -> Bool { status(asAt: day) == .done }

    /// The last entry inside `first...last` leaves it done (see the type's rule).
    public func isCompleted(in days: ClosedRange<CalendarDate>) -> Bool {
        entries.last { days.contains($0.on) }?.status == .done
    }

    /// Completed in the reporting year: the last entry dated inside it leaves the action done.
    public func isCompleted(in year: ReportingYear) -> Bool { isCompleted(in: year.firstDay...year.lastDay) }

}
