/// How a figure of the yearly report is bounded by its reporting year. Each figure declares its rule
/// once, where it is defined; the same rule filters the records and writes the note the reader sees,
/// so a figure cannot say one period and count another.
///
/// - A **flow** counts events dated inside the year (`year.firstDay...year.lastDay`): actions
///   completed, incidents notified, reviews published.
/// - A **stock** is the state as at the year's last day: what had started on or before it and had
///   not ended by it (an action still open, an agency in the arrangements, a review in progress).
///   Something that ended on the last day itself had ended by it.
/// - A **span** counts what was in place at any time during the year, up to its last day: a group
///   set up or closed during the year still took part in it.
/// - A **year of record** counts what the partnership files under the year itself (an audit of
///   2023-24, the year's money), whatever the dates inside it.
///
/// Records dated after the year's end, or (for flows) before its start, never change its figures.
public struct PeriodRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case flow, stock, span, yearOfRecord
    }

    public let kind: Kind
    /// The words before the period in the note: "completed in", "open at", "recorded for".
    public let words: String

    /// Events dated inside the year; `words` end with the preposition, like "completed in".
    public static func flow(_ words: String) -> PeriodRule { PeriodRule(kind: .flow, words: words) }
    /// The state as at the year's last day; `words` like "open at".
    public static func stock(_ words: String) -> PeriodRule { PeriodRule(kind: .stock, words: words) }
    /// What was in place at any time during the year; `words` like "in place during".
    public static func span(_ words: String) -> PeriodRule { PeriodRule(kind: .span, words: words) }
    /// Records filed under the year; `words` like "recorded for".
    public static func yearOfRecord(_ words: String) -> PeriodRule { PeriodRule(kind: .yearOfRecord, words: words) }

    /// The day a stock is taken: the year's last day, or `today` while the year is still running
    /// (an action due next month is not overdue yet). Once the year is over this is always its last day.
    public static func asAt(_ year: ReportingYear, today: CalendarDate? = nil) -> CalendarDate {
        guard let today else { return year.lastDay }
        return min(today, year.lastDay)
    }

    /// The period as the report states it: "completed in 2023-24", "open at 31 March 2024",
    /// "recorded for 2023-24".
    public func note(for year: ReportingYear, today: CalendarDate? = nil) -> String {
        switch kind {
        case .flow, .span, .yearOfRecord: "\(words) \(year)"
        case .stock: "\(words) \(PeriodRule.asAt(year, today: today).long)"
        }
    }

    /// The same, as a sentence that can stand after a table or figure: "Completed in 2023-24."
    public func sentence(for year: ReportingYear, today: CalendarDate? = nil) -> String {
        let text = note(for: year, today: today)
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// A flow's days: the reporting year from its first day to its last.
    public static func window(_ year: ReportingYear) -> ClosedRange<CalendarDate> { year.firstDay...year.lastDay }

    /// Whether an event on `date` counts in `year` (flow). An undated event never counts.
    public static func counts(event date: CalendarDate?, in year: ReportingYear) -> Bool {
        guard let date else { return false }
        return window(year).contains(date)
    }

    /// Whether something that started on `start` and ended on `end` (nil: not ended) held on `day`
    /// (stock): started on or before it and not ended by it. Without a start date it never held.
    public static func holds(from start: CalendarDate?, until end: CalendarDate?, on day: CalendarDate) -> Bool {
        guard let start, start <= day else { return false }
        guard let end else { return true }
        return end > day
    }

    /// Whether something that started on `start` and ended on `end` (nil: not ended) was in place on
    /// any day from the year's first day to `day` (span). Ending on the first day means it had ended.
    public static func overlaps(from start: CalendarDate?, until end: CalendarDate?, year: ReportingYear, upTo day: CalendarDate) -> Bool {
        guard let start, start <= day else { return false }
        guard let end else { return true }
        return end > year.firstDay
    }

    /// Whether a record with this rule belongs to `year`: an event inside it (flow), a span that held
    /// at its end (stock, with `end`), or a record filed under it (year of record, from `date`'s year).
    public func includes(_ date: CalendarDate?, until end: CalendarDate? = nil, in year: ReportingYear, today: CalendarDate? = nil) -> Bool {
        switch kind {
        case .flow: PeriodRule.counts(event: date, in: year)
        case .stock: PeriodRule.holds(from: date, until: end, on: PeriodRule.asAt(year, today: today))
        case .span: PeriodRule.overlaps(from: date, until: end, year: year, upTo: PeriodRule.asAt(year, today: today))
        case .yearOfRecord: date.map { ReportingYear(containing: $0) == year } ?? false
        }
    }
}
