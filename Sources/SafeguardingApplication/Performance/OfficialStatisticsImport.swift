import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Imports a DfE explore-education-statistics file into one indicator: the partnership's local
/// authorities as `local`, England, the primary authority's region, and the mean of the
/// statistical neighbours.
///
/// A partnership covering several authorities gets their figures combined by adding numerators
/// and denominators, never by averaging rates: a rate per 10,000 is the summed count over the
/// summed population, a percentage the summed count over the summed base, a count the sum. A
/// period where any of its authorities has no number (suppressed, not available) has no local
/// value. England, the region and each neighbour keep their published figure.
public struct OfficialStatisticsImport: Sendable {
    public enum Measure: Sendable {
        /// Take the column as published (a rate or percentage already). Cannot be combined.
        case asPublished(String)
        /// Count ÷ the 0-17 population of the previous mid-year × 10,000, rounded as DfE rounds.
        case perTenThousandChildren(String)
        /// A share published in `published`; combined as Σ`numerator` ÷ Σ`denominator` × `per`,
        /// rounded half up to `decimals` places (e.g. re-referrals: rereferral_count / referral_count × 100).
        case share(numerator: String, denominator: String, per: Double, decimals: Int, published: String)
        /// A count; combined by adding.
        case count(String)

        /// The columns the file must have.
        var columns: [String] {
            switch self {
            case .asPublished(let name), .perTenThousandChildren(let name), .count(let name): [name]
            case .share(let numerator, let denominator, _, _, let published): [published, numerator, denominator]
            }
        }
    }

    public let measure: Measure
    /// Only rows whose columns have these values (for example `school_type` = `Total`).
    public let filters: [String: String]

    public init(measure: Measure, filters: [String: String] = [:]) {
        self.measure = measure
        self.filters = filters
    }

    /// The area the local series is about: one or more authorities (ONS codes, primary first) and
    /// the DfE numbers of the neighbours whose mean is the comparator.
    public struct Area: Sendable {
        public let codes: [String]
        public let neighbours: Set<String>

        public init(codes: [String], neighbours: Set<String>) {
            self.codes = codes
            self.neighbours = neighbours
        }

        /// The authorities' statistical neighbours: for one, its ten; for several, every neighbour of
        /// any of them except the partnership's own authorities (a partnership is not its own
        /// comparator), by DfE number.
        public static func neighbours(of authorities: [LocalAuthority], in groupings: [String: [String]]) -> Set<String> {
            let own = Set(authorities.map(\.oldCode))
            return Set(authorities.flatMap { groupings[$0.oldCode] ?? [] }).subtracting(own)
        }
    }

    /// The 0-17 population by area code and mid-year, from DfE's ONS extract.
    public static func populations(from rows: [[String]]) throws -> [String: [Int: Double]] {
        guard let headerRow = rows.first else { return [:] }
        let header = try EESHeader(headerRow)
        guard let valueColumn = header.column("population_estimate"), let yearColumn = header.column("time_period") else {
            throw ValidationErrors([FieldError(field: "file", message: "The population file needs time_period and population_estimate columns", line: 1)])
        }
        var out: [String: [Int: Double]] = [:]
        for fields in rows.dropFirst() where fields.count > max(valueColumn, yearColumn) {
            guard let year = Int(fields[yearColumn]), let value = OfficialValue(fields[valueColumn]).number else { continue }
            out[header.geography(of: fields).code, default: [:]][year] = value
        }
        return out
    }

    public struct Outcome: Sendable {
        public let writes: [PerformanceStore.ValueWrite]
        public let skipped: Int
        /// How many periods have a local value: none when every one of the area's cells is a symbol
        /// (home education in Cornwall is `x` throughout), though the comparators are still written.
        public let localPeriods: Int
    }

    /// Works out the values for one authority; writes nothing. `neighbours` are DfE numbers.
    public func values(rows: [[String]], indicatorID: UUID, laCode: String, neighbours: Set<String>,
                       populations: [String: [Int: Double]]) throws -> Outcome {
        let outcome = try values(rows: rows, indicatorID: indicatorID, area: Area(codes: [laCode], neighbours: neighbours), populations: populations)
        guard outcome.localPeriods > 0 else {
            throw ValidationErrors([FieldError(field: "file", message: "The file has no usable rows for \(laCode)")])
        }
        return outcome
    }

    /// Works out the values for an area of one or more authorities; writes nothing. An area with no
    /// local value in the file still gets England, its region and its neighbours.
    public func values(rows: [[String]], indicatorID: UUID, area: Area, populations: [String: [Int: Double]]) throws -> Outcome {
        guard let headerRow = rows.first else { throw ValidationErrors([FieldError(field: "file", message: "The file is empty")]) }
        guard let primary = area.codes.first else { throw ValidationErrors([FieldError(field: "local_authority", message: "No local authority was given")]) }
        let header = try EESHeader(headerRow)
        let combined = area.codes.count > 1
        if combined, case .asPublished(let name) = measure {
            throw ValidationErrors([FieldError(field: "measure", message: "\(name) is published as a rate or percentage, which cannot be combined for several local authorities: import its counts instead")])
        }
        var problems: [FieldError] = []
        for name in measure.columns where header.column(name) == nil {
            problems.append(FieldError(field: "measure", message: "The file has no column \(name)", line: 1))
        }
        let filterColumns = filters.compactMap { name, value in header.column(name).map { ($0, value) } }
        if filterColumns.count != filters.count {
            problems.append(FieldError(field: "filters", message: "The file lacks a filter column: expected \(filters.keys.sorted().joined(separator: ", "))", line: 1))
        }
        guard let periodColumn = header.column("time_period"), let identifierColumn = header.column("time_identifier"),
              let oldCodeColumn = header.column("old_la_code"), let regionColumn = header.column("region_code") else {
            throw ValidationErrors([FieldError(field: "file", message: "The file lacks the standard geography columns (time_period, time_identifier, region_code, old_la_code)", line: 1)])
        }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        let own = Set(area.codes)

        var local: [Period: Double] = [:], england: [Period: Double] = [:], regional: [String: [Period: Double]] = [:]
        var neighbourValues: [Period: [Double]] = [:]
        // For several authorities: each one's numerator and denominator per period, added up below.
        var parts: [Period: [String: (numerator: Double, denominator: Double)]] = [:]
        var region: String?
        var skipped = 0
        for (index, fields) in rows.enumerated().dropFirst() {
            guard fields.count == headerRow.count else { skipped += 1; continue }
            guard filterColumns.allSatisfy({ fields[$0.0] == $0.1 }) else { continue }
            guard let period = Period.fromDfE(timePeriod: fields[periodColumn], timeIdentifier: fields[identifierColumn]) else {
                throw ValidationErrors([FieldError(field: "time_period", message: "\(fields[periodColumn]) \(fields[identifierColumn]) is not a period we know", line: index + 1)])
            }
            let geography = header.geography(of: fields)
            let isOwn = geography.level.lowercased() == "local authority" && own.contains(geography.code)
            if isOwn, geography.code == primary { region = fields[regionColumn] }
            if isOwn, combined {
                if let part = self.part(of: fields, header: header, code: geography.code, period: period, populations: populations) {
                    parts[period, default: [:]][geography.code] = part
                } else {
                    skipped += 1
                }
                continue
            }
            guard let value = published(fields, header: header, code: geography.code, period: period, populations: populations) else { skipped += 1; continue }
            switch geography.level {
            case "National": england[period] = value
            case "Regional": regional[fields[regionColumn], default: [:]][period] = value
            default:
                if isOwn {
                    local[period] = value
                } else if area.neighbours.contains(fields[oldCodeColumn]) {
                    neighbourValues[period, default: []].append(value)
                }
            }
        }
        for (period, byAuthority) in parts where byAuthority.count == own.count {
            let numerator = byAuthority.values.reduce(0) { $0 + $1.numerator }
            let denominator = byAuthority.values.reduce(0) { $0 + $1.denominator }
            if let value = combine(numerator: numerator, denominator: denominator) { local[period] = value }
        }
        func write(_ values: [Period: Double], _ series: Series) -> [PerformanceStore.ValueWrite] {
            values.map { PerformanceStore.ValueWrite(indicatorID: indicatorID, period: $0.key, series: series, breakdown: .all, group: "all",
                                                     value: $0.value, numerator: nil, denominator: nil) }
        }
        // The neighbours' average is the plain mean of their values, as DfE's tools show it.
        let neighbourMeans = neighbourValues.mapValues { Rate.dfeRounded($0.reduce(0, +) / Double($0.count)) }
        let writes = write(local, .local) + write(england, .england) + write(region.flatMap { regional[$0] } ?? [:], .region)
            + write(neighbourMeans, .statisticalNeighbours)
        return Outcome(writes: writes, skipped: skipped, localPeriods: local.count)
    }

    /// One area's figure as DfE publishes it (a rate per 10,000 worked out by DfE's convention).
    private func published(_ fields: [String], header: EESHeader, code: String, period: Period, populations: [String: [Int: Double]]) -> Double? {
        switch measure {
        case .asPublished(let name), .count(let name), .share(_, _, _, _, let name):
            return header.value(name, in: fields)?.number
        case .perTenThousandChildren(let name):
            guard let count = header.value(name, in: fields)?.number, let population = populations[code]?[period.populationMidYear],
                  let rate = Rate.perTenThousand(count: count, population: population) else { return nil }
            return Rate.dfeRounded(rate)
        }
    }

    /// One authority's numerator and denominator, to be added to the others'.
    private func part(of fields: [String], header: EESHeader, code: String, period: Period,
                      populations: [String: [Int: Double]]) -> (numerator: Double, denominator: Double)? {
        switch measure {
        case .asPublished: return nil
        case .count(let name):
            return header.value(name, in: fields)?.number.map { ($0, 1) }
        case .perTenThousandChildren(let name):
            guard let count = header.value(name, in: fields)?.number, let population = populations[code]?[period.populationMidYear] else { return nil }
            return (count, population)
        case .share(let numerator, let denominator, _, _, _):
            guard let top = header.value(numerator, in: fields)?.number, let bottom = header.value(denominator, in: fields)?.number else { return nil }
            return (top, bottom)
        }
    }

    /// The combined figure from summed parts.
    private func combine(numerator: Double, denominator: Double) -> Double? {
        switch measure {
        case .asPublished: return nil
        case .count: return numerator
        case .perTenThousandChildren:
            return Rate.perTenThousand(count: numerator, population: denominator).map(Rate.dfeRounded)
        case .share(_, _, let per, let decimals, _):
            guard denominator > 0 else { return nil }
            let scale = pow(10, Double(decimals))
            return (numerator / denominator * per * scale).rounded(.toNearestOrAwayFromZero) / scale
        }
    }
}
