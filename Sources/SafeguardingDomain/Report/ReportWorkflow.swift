import Foundation

/// The yearly report's workflow: a draft is signed off by the three statutory partners, then
/// published and frozen; a copy goes to the national panel and the Department within a number of days.
public enum ReportWorkflow {
    /// Where a recorded sign-off stands against the report as composed now.
    public enum SignOffStanding: Sendable, Equatable {
        /// It approved the content as it is now.
        case current
        /// It approved content that has changed since (or was recorded before sign-offs were tied to
        /// the content). `changes` says where, when the sign-off kept enough to tell; else it is empty.
        case earlierDraft(changes: [String])

        public var isCurrent: Bool { self == .current }
    }

    /// A sign-off that approved `signed` (nil: recorded without a digest), against the content `now`.
    public static func standing(of signed: ReportContentDigest?, now: ReportContentDigest) -> SignOffStanding {
        guard let signed else { return .earlierDraft(changes: []) }
        return signed.whole == now.whole ? .current : .earlierDraft(changes: now.changes(since: signed))
    }

    /// Why a draft cannot be published yet; empty when it can. The one rule, used by the report page's
    /// list of what stops publication and by publishing itself. No section may be published empty
    /// (`emptySectionProblems`), and each statutory partner must have signed off the content as it is
    /// now: a sign-off of an earlier draft is named, to be recorded again.
    public static func publicationProblems(status: ReportStatus, sections: [ReportSectionContent],
                                           signOffs: [StatutoryPartner: SignOffStanding]) -> [String] {
        guard status == .draft else { return ["This version is already published; make a new version to change it."] }
        var problems = emptySectionProblems(sections)
        problems += StatutoryPartner.allCases.filter { signOffs[$0] == nil }.map {
            "The \($0.label.lowercased()) has not signed off the report."
        }
        let earlier = StatutoryPartner.allCases.filter { signOffs[$0].map { !$0.isCurrent } ?? false }
        if !earlier.isEmpty {
            let names = earlier.map { "the \($0.label.lowercased())" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            let whose = earlier.count == 1 ? "that sign-off" : "their sign-offs"
            problems.append(list.prefix(1).uppercased() + list.dropFirst()
                            + " signed off an earlier draft, not the report as it is now: record \(whose) again before publishing.")
        }
        return problems
    }

    /// One line for each section that would be published holding only its heading: it has no data for
    /// the year and nobody has written narrative for it, and it is not left out. The partnership either
    /// says why there is nothing to report, or leaves the section out of the published report.
    public static func emptySectionProblems(_ sections: [ReportSectionContent]) -> [String] {
        sections.filter(\.isEmpty).map { section in
            section.key.isNarrativeOnly
                ? "Section \(section.number) \(section.title) has no narrative: write it, or leave it out."
                : "Section \(section.number) \(section.title) has no data and no narrative: write why there is nothing to report, or leave it out."
        }
    }

    /// The last day to send the copy (Working Together: within 7 days of publication, configurable).
    public static func copyDeadline(publishedOn: CalendarDate, days: Int) -> CalendarDate {
        publishedOn.addingDays(days)
    }

    public enum CopyState: Sendable, Equatable {
        case sent(on: CalendarDate, daysLate: Int)
        case due(by: CalendarDate, daysLeft: Int)
        case overdue(since: CalendarDate, days: Int)

        public var summary: String {
            switch self {
            case let .sent(on, late): late > 0 ? "Copy sent \(on.long), \(late) day\(late == 1 ? "" : "s") late" : "Copy sent \(on.long), on time"
            case let .due(by, left): left == 0 ? "Copy due today (\(by.long))" : "Copy due by \(by.long): \(left) day\(left == 1 ? "" : "s") left"
            case let .overdue(since, days): "Copy overdue: was due \(since.long), \(days) day\(days == 1 ? "" : "s") ago"
            }
        }

        public var isMissed: Bool {
            switch self {
            case let .sent(_, late): late > 0
            case .due: false
            case .overdue: true
            }
        }
    }

    public static func copyState(publishedOn: CalendarDate, days: Int, sentOn: CalendarDate?, today: CalendarDate) -> CopyState {
        let deadline = copyDeadline(publishedOn: publishedOn, days: days)
        if let sentOn { return .sent(on: sentOn, daysLate: max(0, sentOn.dayNumber - deadline.dayNumber)) }
        if today <= deadline { return .due(by: deadline, daysLeft: deadline.dayNumber - today.dayNumber) }
        return .overdue(since: deadline, days: today.dayNumber - deadline.dayNumber)
    }
}

/// A statutory partner's sign-off of the yearly report, as entered on the report page.
public struct ReportSignOffDraft: Sendable, Equatable {
    public let partner: StatutoryPartner
    public let signedByRole: String
    public let signedOn: CalendarDate

    public init(partner: StatutoryPartner, signedByRole: String, signedOn: CalendarDate) {
        self.partner = partner
        self.signedByRole = signedByRole
        self.signedOn = signedOn
    }

    /// Reads `partner`, `signed_by_role` and `signed_on` (ISO or three boxes).
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> ReportSignOffDraft {
        var v = Validator()
        let partner: StatutoryPartner? = v.choice(fields["partner"], field: "partner", missing: "Select the statutory partner who signed")
        let role = v.requiredText(fields["signed_by_role"], field: "signed_by_role",
                                  missing: "Enter the role of the person who signed, like Director of Children's Services", maxLength: 120)
        if role.contains("@") { v.add("signed_by_role", "Enter a role, like Chief Superintendent, not an email address") }
        let signed = v.date(fields, field: "signed_on", required: true, missing: "Enter the date the partner signed")
        if let signed, signed > today { v.add("signed_on", "The date signed cannot be in the future") }
        try v.finish()
        return ReportSignOffDraft(partner: partner!, signedByRole: role, signedOn: signed!)
    }
}

/// The report's disclosure threshold and copy deadline, set on the report page.
public struct ReportSettingsDraft: Sendable, Equatable {
    public let threshold: Int
    public let copyDays: Int

    public init(threshold: Int, copyDays: Int) {
        self.threshold = threshold
        self.copyDays = copyDays
    }

    /// Reads `threshold` (suppress counts 1 up to it, 1 to 20) and `copy_days` (1 to 60).
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> ReportSettingsDraft {
        var v = Validator()
        func number(_ field: String, _ range: ClosedRange<Int>, _ what: String) -> Int {
            let text = (fields[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), range.contains(value) else {
                v.add(field, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return range.lowerBound
            }
            return value
        }
        let threshold = number("threshold", 1...20, "The largest count to suppress")
        let days = number("copy_days", 1...60, "Days to send the copy")
        try v.finish()
        return ReportSettingsDraft(threshold: threshold, copyDays: days)
    }
}

/// A section's narrative, its headline-totals setting and whether it is left out of the published
/// report, as saved from the section form.
public struct SectionNarrativeDraft: Sendable, Equatable {
    public let narrative: String
    public let headlineTotals: Bool
    /// Leave the section out of the published report (an explicit choice, shown as a Working Together gap).
    public let leftOut: Bool

    public init(narrative: String, headlineTotals: Bool, leftOut: Bool = false) {
        self.narrative = narrative
        self.headlineTotals = headlineTotals
        self.leftOut = leftOut
    }

    /// Reads `narrative` (Markdown, at most 20,000 characters) and the `headline_totals` and `left_out` checkboxes.
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> SectionNarrativeDraft {
        var v = Validator()
        let written = (fields["narrative"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 20_000 { v.add("narrative", "The narrative must be 20,000 characters or fewer; it has \(text.count)") }
        for problem in Markdown.problems(in: written) { v.add("narrative", problem) }
        try v.finish()
        return SectionNarrativeDraft(narrative: text, headlineTotals: fields["headline_totals"] == "yes", leftOut: fields["left_out"] == "yes")
    }
}
