import Foundation

/// One cell of a DfE Explore Education Statistics (EES) file: a number, or the symbol DfE put in
/// its place. The symbols matter: a suppressed count (`c`) is between 1 and 5 and must never be
/// shown or charted as 0, while `0` is a true zero.
public enum OfficialValue: Sendable, Equatable {
    case number(Double)
    /// `c`: suppressed to protect confidentiality (a small number, or one that would reveal one).
    case suppressed
    /// `x` (or `:`): not available, e.g. not collected that year or not returned.
    case notAvailable
    /// `z`: not applicable, e.g. a percentage of nothing.
    case notApplicable
    /// `low`: rounds to zero but is not zero (files rounded to the nearest 10, such as home education).
    case low
    /// `u`: low reliability. DfE replaces the figure where an authority's return was too
    /// incomplete to rely on (Hampshire's 2024 children-in-need figures, for one).
    case lowReliability
    /// An empty cell.
    case missing
    /// Anything else, kept so the problem can be shown rather than silently read as missing.
    case unreadable(String)

    /// Reads a cell: `1625`, `1,234`, `12.5`, ` 7 `, `-2`, or one of the symbols above
    /// (without regard to case).
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "": self = .missing
        case "c": self = .suppressed
        case "x", ":": self = .notAvailable
        case "z": self = .notApplicable
        case "low": self = .low
        case "u": self = .lowReliability
        default: self = NumberText.parse(trimmed).map(OfficialValue.number) ?? .unreadable(trimmed)
        }
    }

    /// The number, or nil for every symbol: none of them may be used in arithmetic.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// Where the columns of an EES underlying-data file are, read from its header row. The files
/// share a set of geography columns but not their order (the looked-after children file puts
/// `la_name` before `new_la_code`; the exclusions file starts with `time_identifier`), so every
/// column is found by name, without regard to case.
public struct EESHeader: Sendable, Equatable {
    public let names: [String]
    private let positions: [String: Int]

    /// The columns every EES file has; the rest of the geography columns are optional because
    /// national-only files leave them out.
    public static let requiredColumns = ["time_period", "time_identifier", "geographic_level"]

    public init(_ header: [String]) throws(ValidationErrors) {
        names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        self.positions = positions
        let missing = EESHeader.requiredColumns.filter { positions[$0] == nil }
        if !missing.isEmpty {
            throw ValidationErrors([FieldError(field: "header", message: "Missing \(missing.joined(separator: ", ")): expected a DfE Explore Education Statistics file, whose header starts with time_period, time_identifier and geographic_level", line: 1)])
        }
    }

    /// The index of a column, by name without regard to case; nil if the file has no such column.
    public func column(_ name: String) -> Int? { positions[name.lowercased()] }

    /// A named cell of a row, trimmed; empty if the column is absent or the row too short.
    public func text(_ name: String, in fields: [String]) -> String {
        guard let index = column(name), index < fields.count else { return "" }
        return fields[index].trimmingCharacters(in: .whitespaces)
    }

    /// A measure column's cell; nil if the file has no such column.
    public func value(_ name: String, in fields: [String]) -> OfficialValue? {
        guard let index = column(name) else { return nil }
        return OfficialValue(index < fields.count ? fields[index] : "")
    }

    /// The row's period, from `time_period` and `time_identifier` (see `Period.fromDfE`).
    public func period(of fields: [String]) -> Period? {
        Period.fromDfE(timePeriod: text("time_period", in: fields), timeIdentifier: text("time_identifier", in: fields))
    }

    /// The area a row is about, by its `geographic_level` (`National`, `Regional`,
    /// `Local authority`): the ONS code and name of the local authority (`new_la_code`,
    /// `la_name`), the region (`region_code`, `region_name`) or the country. A level we do not
    /// know falls back to the most local code the row has.
    public func geography(of fields: [String]) -> (level: String, code: String, name: String) {
        let level = text("geographic_level", in: fields)
        let la = (code: text("new_la_code", in: fields), name: text("la_name", in: fields))
        let region = (code: text("region_code", in: fields), name: text("region_name", in: fields))
        let country = (code: text("country_code", in: fields), name: text("country_name", in: fields))
        switch level.lowercased() {
        case "local authority": return (level, la.code, la.name)
        case "regional": return (level, region.code, region.name)
        case "national": return (level, country.code, country.name)
        default:
            let chosen = !la.code.isEmpty ? la : !region.code.isEmpty ? region : country
            return (level, chosen.code, chosen.name)
        }
    }

    /// A local authority row's DfE number (`old_la_code`, e.g. `381`) and ONS code
    /// (`new_la_code`, e.g. `E08000033`); nil unless the row has both. This is the join from the
    /// statistical-neighbour groupings, which know authorities only by DfE number.
    public func localAuthorityCodes(of fields: [String]) -> (old: String, new: String)? {
        let old = text("old_la_code", in: fields), new = text("new_la_code", in: fields)
        return old.isEmpty || new.isEmpty ? nil : (old, new)
    }
}

/// DfE's statistical neighbour groupings (`New_Statistical_Neighbour_Groupings_April_2021.csv`):
/// for each local authority, the ten most similar, closest first, for comparing rates.
///
/// The file knows authorities only by DfE's three-digit LA number (`LA num`, repeated as
/// `LA number`, e.g. Calderdale `381`) and name (`LA Name`); `SN1`…`SN10` are LA numbers, each
/// followed by an `SNP` closeness band ("Extremely Close" … "Not Close"). It also has `GOInd`
/// and `GOReg` (the region's number and name). There are no ONS codes: to reach `new_la_code`,
/// join the LA number to `old_la_code` in any EES file (`EESHeader.localAuthorityCodes`), which
/// carries both. Names also match EES's `la_name` for current authorities, but numbers are safer.
///
/// The groupings date from April 2021, so they include authorities since abolished: Cumbria
/// (909, split in 2023 into Cumberland 943 and Westmorland and Furness 942, which have no
/// groups here) and the pre-2019 Dorset, Poole and Bournemouth rows marked "(Pre LG)", plus
/// Northamptonshire (928).
public struct StatisticalNeighbours: Sendable, Equatable {
    public struct Neighbour: Sendable, Hashable {
        /// DfE LA number, as EES's `old_la_code`.
        public let laNumber: String
        /// The neighbour's name, taken from its own row of the file.
        public let name: String
        /// DfE's closeness band, e.g. `Extremely Close`.
        public let closeness: String
    }

    /// Ten neighbours, closest first, by LA number.
    public let neighboursByNumber: [String: [Neighbour]]
    /// Authority names by LA number.
    public let names: [String: String]

    /// Reads the file's rows, header first. Rows without an LA number (the file ends with blank
    /// `,,,,` rows) are skipped; so is everything if the header is not the one described above.
    public init(rows: [[String]]) {
        var neighbours: [String: [Neighbour]] = [:]
        var names: [String: String] = [:]
        if let layout = StatisticalNeighbours.layout(of: rows.first ?? []) {
            let body = rows.dropFirst().filter { $0.count > layout.number && !$0[layout.number].trimmingCharacters(in: .whitespaces).isEmpty }
            for row in body {
                names[row[layout.number].trimmingCharacters(in: .whitespaces)] = layout.name < row.count ? row[layout.name].trimmingCharacters(in: .whitespaces) : ""
            }
            for row in body {
                let number = row[layout.number].trimmingCharacters(in: .whitespaces)
                neighbours[number] = layout.neighbours.compactMap { column -> Neighbour? in
                    guard column < row.count else { return nil }
                    let code = row[column].trimmingCharacters(in: .whitespaces)
                    guard !code.isEmpty else { return nil }
                    let closeness = column + 1 < row.count ? row[column + 1].trimmingCharacters(in: .whitespaces) : ""
                    return Neighbour(laNumber: code, name: names[code] ?? "", closeness: closeness)
                }
            }
        }
        self.neighboursByNumber = neighbours
        self.names = names
    }

    /// An authority's neighbours, by its LA number (`381`) or its name as the file writes it
    /// (`Calderdale`, without regard to case); empty if it has no grouping.
    public func neighbours(of authority: String) -> [Neighbour] {
        let key = authority.trimmingCharacters(in: .whitespaces)
        if let found = neighboursByNumber[key] { return found }
        guard let number = names.first(where: { $0.value.lowercased() == key.lowercased() })?.key else { return [] }
        return neighboursByNumber[number] ?? []
    }

    /// The plain lookup: each authority's LA number **and** its name map to its ten neighbours'
    /// LA numbers, closest first (`"381"` and `"Calderdale"` → `["888", "808", …]`).
    public static func parse(rows: [[String]]) -> [String: [String]] {
        let groupings = StatisticalNeighbours(rows: rows)
        var lookup: [String: [String]] = [:]
        for (number, neighbours) in groupings.neighboursByNumber {
            let numbers = neighbours.map(\.laNumber)
            lookup[number] = numbers
            if let name = groupings.names[number], !name.isEmpty { lookup[name] = numbers }
        }
        return lookup
    }

    private static func layout(of header: [String]) -> (number: Int, name: Int, neighbours: [Int])? {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let number = names.firstIndex(of: "la num") ?? names.firstIndex(of: "la number"),
              let name = names.firstIndex(of: "la name") else { return nil }
        let neighbours = (1...10).compactMap { names.firstIndex(of: "sn\($0)") }
        return neighbours.count == 10 ? (number, name, neighbours) : nil
    }
}
