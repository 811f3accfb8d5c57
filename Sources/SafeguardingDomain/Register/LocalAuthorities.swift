import Foundation

/// An English local authority with children's services, as DfE's files name it: the ONS code
/// (`E08000034`), DfE's three-digit number (`382`, the `old_la_code` the statistical
/// neighbours use), its name and its region.
public struct LocalAuthority: Sendable, Hashable, Codable {
    public let code: String
    public let oldCode: String
    public let name: String
    public let regionCode: String
    public let regionName: String

    public init(code: String, oldCode: String, name: String, regionCode: String, regionName: String) {
        self.code = code
        self.oldCode = oldCode
        self.name = name
        self.regionCode = regionCode
        self.regionName = regionName
    }
}

/// The list of English local authorities, taken from a DfE Explore Education Statistics file:
/// every `Local authority` row of the file's latest `time_period`, so authorities abolished since
/// (Cumbria, Northamptonshire, the old Dorset) are not offered. Sorted by name.
public struct LocalAuthorityDirectory: Sendable {
    public let authorities: [LocalAuthority]
    /// The `time_period` the list was taken from (`2025`).
    public let asOf: String
    private let byCode: [String: LocalAuthority]

    public init(authorities: [LocalAuthority], asOf: String) {
        self.authorities = authorities.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        self.asOf = asOf
        self.byCode = Dictionary(authorities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads the authorities from an EES file's rows, header first.
    public init(eesRows rows: [[String]]) throws(ValidationErrors) {
        guard let first = rows.first else { throw ValidationErrors([FieldError(field: "file", message: "The file is empty")]) }
        let header = try EESHeader(first)
        var latest = ""
        for fields in rows.dropFirst() where header.text("geographic_level", in: fields).lowercased() == "local authority" {
            let period = header.text("time_period", in: fields)
            if period > latest { latest = period }
        }
        var found: [String: LocalAuthority] = [:]
        for fields in rows.dropFirst() where header.text("geographic_level", in: fields).lowercased() == "local authority"
            && header.text("time_period", in: fields) == latest {
            guard let codes = header.localAuthorityCodes(of: fields) else { continue }
            found[codes.new] = LocalAuthority(code: codes.new, oldCode: codes.old, name: header.text("la_name", in: fields),
                                              regionCode: header.text("region_code", in: fields), regionName: header.text("region_name", in: fields))
        }
        self.init(authorities: Array(found.values), asOf: latest)
    }

    /// The authority with this ONS code (any case, spaces ignored); nil if there is none.
    public func authority(code: String) -> LocalAuthority? {
        byCode[code.trimmingCharacters(in: .whitespaces).uppercased()]
    }

    /// The closest authorities to what was typed, best first: by code (the most characters in
    /// common in order, then the fewest edits, against the ONS code and the DfE number) and by name
    /// (a name containing the text first, then the fewest edits).
    public func nearest(to text: String, limit: Int = 3) -> (byCode: [LocalAuthority], byName: [LocalAuthority]) {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let upper = typed.uppercased(), lower = typed.lowercased()
        func score(_ code: String) -> (common: Int, edits: Int) {
            (EditDistance.commonInOrder(upper, code), EditDistance.between(upper, code))
        }
        let byCode = authorities.map { authority -> (LocalAuthority, Int, Int) in
            let best = [score(authority.code), score(authority.oldCode)].max { ($0.common, -$0.edits) < ($1.common, -$1.edits) }!
            return (authority, -best.common, best.edits)
        }.sorted { ($0.1, $0.2, $0.0.code) < ($1.1, $1.2, $1.0.code) }.prefix(limit).map(\.0)
        let byName = authorities.map { authority -> (LocalAuthority, Int) in
            let name = authority.name.lowercased()
            let distance = lower.isEmpty ? Int.max : name.contains(lower) ? 0 : EditDistance.between(lower, name)
            return (authority, distance)
        }.sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }.prefix(limit).map(\.0)
        return (Array(byCode), Array(byName))
    }

    /// The message for a code that is not in the list, naming the nearest matches both ways.
    public func unknownCodeMessage(_ text: String) -> String {
        let near = nearest(to: text)
        func list(_ authorities: [LocalAuthority]) -> String { authorities.map { "\($0.code) \($0.name)" }.joined(separator: ", ") }
        return "\(text) is not the code of an English local authority in DfE's \(asOf) files. "
            + "Nearest by code: \(list(near.byCode)). Nearest by name: \(list(near.byName))."
    }
}

/// How far apart two texts are, to suggest what was meant by a mistyped code or name.
public enum EditDistance {
    /// The length of the longest common subsequence: how many characters the two share in order
    /// (`E08000343` and `E08000034` share 8, a swapped or doubled digit costing one).
    public static func commonInOrder(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...a.count {
            for j in 1...b.count {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Levenshtein distance on characters: how many insertions, deletions or substitutions turn
    /// one text into the other.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
