/// The statutory timescales of practice reviews, set per partnership (Working Together 2023 gives
/// the defaults: notify in 5 working days, rapid review in 15, publish a local review within 6
/// months, copy it to the national panel and the Secretary of State 7 working days before).
public struct ReviewTimescales: Sendable, Equatable, Codable {
    public var notificationWorkingDays: Int
    public var rapidReviewWorkingDays: Int
    public var publicationMonths: Int
    public var copyWorkingDays: Int

    public init(notificationWorkingDays: Int = 5, rapidReviewWorkingDays: Int = 15, publicationMonths: Int = 6, copyWorkingDays: Int = 7) {
        self.notificationWorkingDays = notificationWorkingDays
        self.rapidReviewWorkingDays = rapidReviewWorkingDays
        self.publicationMonths = publicationMonths
        self.copyWorkingDays = copyWorkingDays
    }

    public static let statutory = ReviewTimescales()

    /// Reads `notification_working_days`, `rapid_review_working_days`, `publication_months` and
    /// `copy_working_days`, each a whole number in a sensible range.
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> ReviewTimescales {
        var v = Validator()
        func number(_ field: String, _ what: String, _ range: ClosedRange<Int>) -> Int {
            let text = (fields[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), range.contains(value) else {
                v.add(field, "Enter \(what) as a whole number from \(range.lowerBound) to \(range.upperBound)")
                return range.lowerBound
            }
            return value
        }
        let timescales = ReviewTimescales(
            notificationWorkingDays: number("notification_working_days", "the working days to notify the national panel", 1...30),
            rapidReviewWorkingDays: number("rapid_review_working_days", "the working days to complete a rapid review", 1...60),
            publicationMonths: number("publication_months", "the months to publish a local review", 1...24),
            copyWorkingDays: number("copy_working_days", "the working days before publication to send the copy", 1...30))
        try v.finish()
        return timescales
    }
}

/// A statutory deadline and whether it was met.
public struct Deadline: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case notification
        case rapidReview = "rapid_review"
        case copyToPanel = "copy_to_panel"
        case publication

        public var label: String {
            switch self {
            case .notification: "Notify the national panel"
            case .rapidReview: "Complete and submit the rapid review"
            case .copyToPanel: "Send the report to the national panel and the Secretary of State"
            case .publication: "Publish the local review"
            }
        }
    }

    public let kind: Kind
    public let dueOn: CalendarDate
    /// When it was done, if it has been.
    public let doneOn: CalendarDate?

    public init(kind: Kind, dueOn: CalendarDate, doneOn: CalendarDate?) {
        self.kind = kind
        self.dueOn = dueOn
        self.doneOn = doneOn
    }

    /// Where the deadline stands on `today`. Working days count as the clock counts them: a deadline
    /// due today has 0 left and is not yet missed.
    public func state(today: CalendarDate, calendar: WorkingDayCalendar) throws(ClockError) -> DeadlineState {
        if let doneOn {
            return doneOn <= dueOn ? .met : .metLate(workingDaysLate: try calendar.workingDays(from: dueOn, to: doneOn))
        }
        if today <= dueOn { return .pending(workingDaysLeft: try calendar.workingDays(from: today, to: dueOn)) }
        // Late by the working days that have gone by since the due date, today included: the same
        // count as a deadline done late today, so a weekend adds nothing.
        return .missed(workingDaysLate: try calendar.workingDays(from: dueOn, to: today))
    }
}

public enum DeadlineState: Sendable, Equatable {
    case met
    case metLate(workingDaysLate: Int)
    case pending(workingDaysLeft: Int)
    case missed(workingDaysLate: Int)

    /// Missed: done after the deadline, or not done and the deadline has passed.
    public var isMissed: Bool {
        switch self {
        case .metLate, .missed: true
        case .met, .pending: false
        }
    }

    public var label: String {
        switch self {
        case .met: "Met"
        case let .metLate(days): days == 0 ? "Missed: done after the due date" : "Missed: done \(days) working day\(days == 1 ? "" : "s") late"
        case let .pending(days): days == 0 ? "Due today" : "\(days) working day\(days == 1 ? "" : "s") left"
        case let .missed(days): days == 0 ? "Missed: the due date has passed" : "Missed: \(days) working day\(days == 1 ? "" : "s") overdue"
        }
    }
}

/// The deadlines of the statutory clock, worked out from the facts recorded so far.
public enum ReviewClock {
    /// A serious incident: notification within N working days of the local authority becoming
    /// aware; once notified, the rapid review within M working days of the notification.
    public static func incidentDeadlines(awareOn: CalendarDate, notifiedOn: CalendarDate?, submittedOn: CalendarDate?,
                                         timescales: ReviewTimescales, calendar: WorkingDayCalendar) throws(ClockError) -> [Deadline] {
        var deadlines = [Deadline(kind: .notification,
                                  dueOn: try calendar.adding(workingDays: timescales.notificationWorkingDays, to: awareOn), doneOn: notifiedOn)]
        if let notifiedOn {
            deadlines.append(Deadline(kind: .rapidReview,
                                      dueOn: try calendar.adding(workingDays: timescales.rapidReviewWorkingDays, to: notifiedOn), doneOn: submittedOn))
        }
        return deadlines
    }

    /// A local review: published within N calendar months of the decision to hold it, and copied to
    /// the national panel and the Secretary of State M working days before publication (the actual
    /// publication date once known, else the planned one, else the latest allowed).
    public static func localReviewDeadlines(decidedOn: CalendarDate, plannedPublicationOn: CalendarDate?, publishedOn: CalendarDate?,
                                            copySentOn: CalendarDate?, timescales: ReviewTimescales,
                                            calendar: WorkingDayCalendar) throws(ClockError) -> [Deadline] {
        let publicationDue = decidedOn.addingMonths(timescales.publicationMonths)
        let publication = publishedOn ?? plannedPublicationOn ?? publicationDue
        let copyDue = try calendar.adding(workingDays: -timescales.copyWorkingDays, to: publication)
        return [Deadline(kind: .copyToPanel, dueOn: copyDue, doneOn: copySentOn),
                Deadline(kind: .publication, dueOn: publicationDue, doneOn: publishedOn)]
    }
}

/// The kind of harm that made an incident serious.
public enum IncidentHarm: String, CaseIterable, Codable, Sendable {
    case death
    case seriousHarm = "serious_harm"

    public var label: String {
        switch self {
        case .death: "The child died"
        case .seriousHarm: "The child was seriously harmed"
        }
    }
}

/// Age bands, so the record never holds a date of birth.
public enum AgeBand: String, CaseIterable, Codable, Sendable {
    case underOne = "under_1"
    case oneToFour = "1_4"
    case fiveToNine = "5_9"
    case tenToFifteen = "10_15"
    case sixteenToSeventeen = "16_17"
    case eighteenToTwentyFour = "18_24"

    public var label: String {
        switch self {
        case .underOne: "Under 1"
        case .oneToFour: "1 to 4"
        case .fiveToNine: "5 to 9"
        case .tenToFifteen: "10 to 15"
        case .sixteenToSeventeen: "16 to 17"
        case .eighteenToTwentyFour: "18 to 24 (care leaver)"
        }
    }
}

/// What the rapid review decided.
public enum ReviewDecision: String, CaseIterable, Codable, Sendable {
    case localReview = "local_review"
    case noLocalReview = "no_local_review"
    case nationalReview = "national_review"

    public var label: String {
        switch self {
        case .localReview: "Hold a local child safeguarding practice review"
        case .noLocalReview: "No local review: the learning is taken forward another way"
        case .nationalReview: "Refer for a national review"
        }
    }
}

/// A child's anonymised reference, like "Baby S" or "Child Q". Never a name.
public enum ChildReference {
    public static let rule = "Use an anonymised reference like Baby S or Child Q: a word such as Baby, Child, Siblings or Young person, then initials or a case number, never a name"

    static let descriptors: Set<String> = ["baby", "babies", "infant", "child", "children", "sibling", "siblings", "young", "person",
                                           "people", "care", "leaver", "family", "and", "&", "twins", "adult"]

    public static func validate(_ raw: String?, field: String = "child_reference", validator v: inout Validator) -> String {
        let text = (raw ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty else { v.add(field, "Enter the child's anonymised reference, like Baby S"); return "" }
        let words = text.split(separator: " ").map(String.init)
        func isInitialOrNumber(_ word: String) -> Bool {
            let isInitials = word.count <= 2 && word.allSatisfy { $0.isASCII && $0.isUppercase }
            let isNumber = word.count <= 10 && word.contains(where: \.isNumber)
                && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") }
            return isInitials || isNumber
        }
        let valid = text.count <= 40 && words.count >= 2
            && words.allSatisfy { descriptors.contains($0.lowercased()) || isInitialOrNumber($0) }
            && descriptors.contains(words[0].lowercased()) && isInitialOrNumber(words[words.count - 1])
        if !valid { v.add(field, rule) }
        return text
    }
}
