import Foundation

/// How many responses a survey's public link takes. The link works without an account, so anyone
/// holding it could otherwise send answers without end, drowning the real ones and filling the
/// database. Two limits: a most-responses figure per survey (set when it is built; reaching it
/// closes the link to new answers), and a rate per client address, generous enough for a training
/// room answering together behind one network address, short enough that a script cannot fill a
/// survey in seconds.
public enum SurveyLimits {
    /// The most responses a survey takes when its builder names no other figure.
    public static let defaultMaximumResponses = 1_000
    public static let maximumResponsesRange = 1...100_000
    /// Responses one client address may send to one survey within `rateWindow`.
    public static let responsesPerAddress = 30
    public static let rateWindow: TimeInterval = 10 * 60

    /// The builder's figure from the form: blank means the default; otherwise a whole number in range.
    public static func maximumResponses(_ text: String?, field: String = "maximum_responses") throws(ValidationErrors) -> Int {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !trimmed.isEmpty else { return defaultMaximumResponses }
        guard let value = Int(trimmed), maximumResponsesRange.contains(value) else {
            throw ValidationErrors([FieldError(field: field, message: "Enter the most responses as a whole number from 1 to 100,000, or leave it blank for 1,000")])
        }
        return value
    }
}

/// The per-address rate of `SurveyLimits`: remembers when each address last answered each survey,
/// in memory (nothing about a person answering is stored). Pure: the caller passes the time.
public struct SurveyRateLimiter: Sendable {
    private var sent: [String: [Date]] = [:]
    private let limit: Int
    private let window: TimeInterval
    /// Addresses remembered at most, so a flood of addresses cannot grow memory without bound.
    private let capacity: Int

    public init(limit: Int = SurveyLimits.responsesPerAddress, window: TimeInterval = SurveyLimits.rateWindow, capacity: Int = 20_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// Whether `address` may send one more response to `survey` at `now`; if so, counts it.
    public mutating func allow(survey: String, address: String, now: Date) -> Bool {
        let key = survey + "|" + address
        let recent = (sent[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else {
            sent[key] = recent
            return false
        }
        if sent[key] == nil, sent.count >= capacity {
            sent = sent.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            // Still full: every remembered address is recent; forget the oldest quarter.
            if sent.count >= capacity {
                let oldest = sent.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }.prefix(capacity / 4).map(\.key)
                for key in oldest { sent[key] = nil }
            }
        }
        sent[key] = recent + [now]
        return true
    }
}
