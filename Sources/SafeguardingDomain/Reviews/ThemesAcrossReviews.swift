/// Themes across reviews: how often each theme appears in the partnership's own reviews over the
/// last few years, with the national panel's recommendations on the same theme beside them. The
/// reference partnership did this by hand at an extraordinary meeting; here it is a count.
public enum ThemesAcrossReviews {
    /// A finding of a local review, or a recommendation of a national one, with its themes.
    public struct Item: Sendable, Equatable {
        public let reviewID: String
        public let reviewTitle: String
        public let text: String
        public let themes: [String]

        public init(reviewID: String, reviewTitle: String, text: String, themes: [String]) {
            self.reviewID = reviewID
            self.reviewTitle = reviewTitle
            self.text = text
            self.themes = themes
        }
    }

    public struct Row: Sendable, Equatable {
        public let theme: String
        /// The local reviews the theme appears in, by title.
        public let reviews: [(id: String, title: String)]
        public let localFindings: [Item]
        public let national: [Item]

        public static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.theme == rhs.theme && lhs.reviews.map(\.id) == rhs.reviews.map(\.id) && lhs.localFindings == rhs.localFindings && lhs.national == rhs.national
        }
    }

    /// The reporting years of the window: `count` years ending with `year`, oldest first.
    public static func window(endingWith year: ReportingYear, count: Int = 4) -> [ReportingYear] {
        (0..<max(count, 1)).reversed().map { ReportingYear(startYear: year.startYear - $0) }
    }

    /// One row per theme found in local findings, most reviews first, then most findings, then by
    /// name. Themes only the national panel raised come last, with no local reviews, so a gap shows.
    /// Within a row, reviews and findings run by review title, each review's findings in the order
    /// given: a stated order, whatever order the database returned them in.
    public static func rows(local: [Item], national: [Item]) -> [Row] {
        let local = byReviewTitle(local)
        let national = byReviewTitle(national)
        var order: [String] = []
        var findings: [String: [Item]] = [:]
        for item in local {
            for theme in Set(item.themes) {
                if findings[theme] == nil { order.append(theme) }
                findings[theme, default: []].append(item)
            }
        }
        var nationalByTheme: [String: [Item]] = [:]
        for item in national {
            for theme in Set(item.themes) { nationalByTheme[theme, default: []].append(item) }
        }
        let localRows = order.map { theme -> Row in
            let items = findings[theme] ?? []
            var seen = Set<String>()
            let reviews = items.compactMap { seen.insert($0.reviewID).inserted ? ($0.reviewID, $0.reviewTitle) : nil }
            return Row(theme: theme, reviews: reviews, localFindings: items, national: nationalByTheme[theme] ?? [])
        }.sorted { lhs, rhs in
            if lhs.reviews.count != rhs.reviews.count { return lhs.reviews.count > rhs.reviews.count }
            if lhs.localFindings.count != rhs.localFindings.count { return lhs.localFindings.count > rhs.localFindings.count }
            return lhs.theme < rhs.theme
        }
        let nationalOnly = nationalByTheme.keys.filter { findings[$0] == nil }.sorted().map { theme in
            Row(theme: theme, reviews: [], localFindings: [], national: nationalByTheme[theme] ?? [])
        }
        return localRows + nationalOnly
    }

    /// Stable: a review's findings keep the order they were given in.
    private static func byReviewTitle(_ items: [Item]) -> [Item] {
        items.enumerated().sorted { ($0.element.reviewTitle, $0.offset) < ($1.element.reviewTitle, $1.offset) }.map(\.element)
    }
}
