import SafeguardingDomain

/// Where a page with a year selector or year-scoped figures opens when no year is asked for: the
/// newest reporting year that has records in the page's module, else the year containing today.
/// A partnership's records lag the calendar (a year is reported on after it ends, and the demo is
/// a snapshot of 2023-24), so opening on the calendar's year would show an empty page. Forms that
/// create a record keep today's year as their starting value instead: a new record is about now.
public enum DefaultYear {
    /// The newest of `yearsWithData`, else the reporting year containing `today`.
    public static func opening(_ yearsWithData: some Sequence<ReportingYear>, today: CalendarDate) -> ReportingYear {
        yearsWithData.max() ?? ReportingYear(containing: today)
    }

    /// `years` with `shown` added if missing, newest first: the year a page shows is always one it offers.
    public static func choices(_ years: some Sequence<ReportingYear>, showing shown: ReportingYear) -> [ReportingYear] {
        Set(years).union([shown]).sorted(by: >)
    }
}

extension AppContext {
    /// `DefaultYear.opening` on this context's today.
    public func openingYear(_ yearsWithData: some Sequence<ReportingYear>) -> ReportingYear {
        DefaultYear.opening(yearsWithData, today: today)
    }
}
