import Foundation

/// What a statutory partner's sign-off approved: SHA-256 digests of the composed report's content,
/// of the whole and of each section's narrative and generated content, so a later change shows and
/// the report page can say where it is. Made only by `ReportDocument.contentDigest()`.
public struct ReportContentDigest: Sendable, Equatable, Codable {
    /// One section's two parts.
    public struct Section: Sendable, Equatable, Codable {
        /// The section's `ReportSectionKey`, kept as text so a digest stored before a change of outline still reads.
        public var key: String
        /// The narrative people wrote, as parsed Markdown (a change of spacing that prints the same is no change).
        public var narrative: String
        /// Everything else in the section: its title and flag, and the generated figures, tables, charts and lists
        /// as printed after the disclosure check.
        public var figures: String
        /// True when the section is left out of the published report; absent otherwise (and in digests
        /// stored before the choice existed).
        public var leftOut: Bool?

        public init(key: String, narrative: String, figures: String, leftOut: Bool = false) {
            self.key = key
            self.narrative = narrative
            self.figures = figures
            self.leftOut = leftOut ? true : nil
        }
    }

    /// Of all the content (lower-case hexadecimal); two reports read alike exactly when these are equal.
    public var whole: String
    /// Of each section, in the report's order; empty when not known (a sign-off stored only its whole digest).
    public var sections: [Section]

    public init(whole: String, sections: [Section]) {
        self.whole = whole
        self.sections = sections
    }

    /// Where the content now differs from `signed`, in words for the report page ("1. Foreword (narrative)");
    /// empty when they are the same, or when `signed` holds no section digests to compare.
    public func changes(since signed: ReportContentDigest) -> [String] {
        guard whole != signed.whole, !signed.sections.isEmpty else { return [] }
        let before = Dictionary(signed.sections.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for section in sections {
            let earlier = before[section.key]
            let wasLeftOut = earlier?.leftOut ?? false, isLeftOut = section.leftOut ?? false
            let parts = [wasLeftOut == isLeftOut ? nil : (isLeftOut ? "left out" : "put back in"),
                         earlier?.narrative == section.narrative ? nil : "narrative", earlier?.figures == section.figures ? nil : "figures"].compactMap { $0 }
            guard !parts.isEmpty else { continue }
            changes.append("\(Self.name(of: section.key)) (\(parts.joined(separator: " and ")))")
        }
        let now = Set(sections.map(\.key))
        for removed in signed.sections.map(\.key) where !now.contains(removed) { changes.append("\(Self.name(of: removed)) (removed)") }
        // The same sections but a different whole: what lies outside them changed.
        if changes.isEmpty { changes.append("the checklist, the disclosure check or the report's title") }
        return changes
    }

    static func name(of key: String) -> String {
        guard let section = ReportSectionKey(rawValue: key), let index = ReportSectionKey.allCases.firstIndex(of: section) else { return key }
        return "\(index + 1). \(section.title)"
    }
}

extension ReportDocument {
    /// The one rule for what a sign-off approves. The digest covers the content a partner reads:
    /// every section's narrative and generated content (figures, tables, charts, lists, flags for
    /// missing data), the choice to leave a section out, the Working Together checklist, the disclosure check (threshold and
    /// suppressions), the partnership's names, the year and the audience. It leaves out what changes
    /// without the content changing: the day it was composed, the sign-offs themselves, and the
    /// status, version and publication date. Sign-offs are of the full report (`audience` `.full`).
    ///
    /// The canonical encoding is the document's JSON with sorted keys, with those fields blanked,
    /// hashed with SHA-256. A field added to the document is covered unless it is blanked here too,
    /// so a new kind of content makes a sign-off stale rather than leaving it wrongly current; and
    /// were Foundation ever to write the same JSON differently, sign-offs would read as of an earlier
    /// draft and be recorded again, never accepted for changed content.
    public func contentDigest() throws -> ReportContentDigest {
        var content = self
        content.composedOn = CalendarDate(year: 2000, month: 1, day: 1)!
        content.signOffs = []
        content.status = .draft
        content.version = 0
        content.publishedOn = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        func digest(_ value: some Encodable) throws -> String { Hex.sha256(try encoder.encode(value)) }
        return ReportContentDigest(whole: try digest(content), sections: try sections.map { section in
            var rest = section
            rest.narrative = []
            // The choice is digested on its own so the report page can say "left out"; the whole covers it too.
            rest.leftOut = false
            return ReportContentDigest.Section(key: section.key.rawValue, narrative: try digest(section.narrative), figures: try digest(rest),
                                               leftOut: section.leftOut)
        })
    }
}
