import Foundation

/// An amount of money in whole pence. Money is never a floating-point number here.
public struct Pence: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    public static let zero = Pence(0)
    public static func + (a: Pence, b: Pence) -> Pence { Pence(a.value + b.value) }
    public static func - (a: Pence, b: Pence) -> Pence { Pence(a.value - b.value) }
    public static func < (a: Pence, b: Pence) -> Bool { a.value < b.value }

    /// Parses what a person types: `£80,360`, `80360`, `80,360.50`, `80360.5`.
    /// Returns nil for anything that is not an amount of pounds with at most two decimal places.
    public init?(pounds text: String) {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        var negative = false
        if cleaned.hasPrefix("-") { negative = true; cleaned.removeFirst() }
        if cleaned.hasPrefix("£") { cleaned.removeFirst() }
        if !negative, cleaned.hasPrefix("-") { negative = true; cleaned.removeFirst() }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard !cleaned.isEmpty, parts.count <= 2 else { return nil }
        let whole = String(parts[0])
        guard Pence.isWellFormedPounds(whole) else { return nil }
        let digits = whole.replacingOccurrences(of: ",", with: "")
        guard let pounds = Int(digits), digits.count <= 13 else { return nil }
        var pence = 0
        if parts.count == 2 {
            let fraction = String(parts[1])
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let f = Int(fraction) else { return nil }
            pence = fraction.count == 1 ? f * 10 : f
        }
        self.value = (pounds * 100 + pence) * (negative ? -1 : 1)
    }

    /// Digits, optionally grouped in threes with commas.
    private static func isWellFormedPounds(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        if !text.contains(",") { return text.allSatisfy(\.isASCIIDigit) }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `£80,360` when whole, `£80,360.50` otherwise.
    public var formatted: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let pounds = Pence.grouped(magnitude / 100)
        let pence = magnitude % 100
        return pence == 0 ? "\(sign)£\(pounds)" : "\(sign)£\(pounds).\(pence < 10 ? "0" : "")\(pence)"
    }

    /// The amount as typed into a form field: `80360` or `80360.50`.
    public var editable: String {
        let pence = abs(value) % 100
        let pounds = "\(value < 0 ? "-" : "")\(abs(value) / 100)"
        return pence == 0 ? pounds : "\(pounds).\(pence < 10 ? "0" : "")\(pence)"
    }

    public var description: String { formatted }

    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
