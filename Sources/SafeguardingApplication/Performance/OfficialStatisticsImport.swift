import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Imports a DfE explore-education-statistics file into one indicator: the partnership's local
/// authority as `local`, England, its region, and the mean of its ten statistical neighbours.
public struct OfficialStatisticsImport: Sendable {
    public enum Measure: Sendable {
        /// Take the column as published (a rate or percentage already).
        case asPublished(String)
        /// Count ÷ the 0-17 population of the previous mid-year × 10,000, rounded as DfE rounds.
        case perTenThousandChildren(String)
    }

    public let measure: Measure
    /// Only rows whose columns have these values (for example `school_type` = `Total`).
    public let filters: [String: String]

    public init(measure: Measure, filters: [String: String] = [:]) {
        self.measure = measure
        self.filters = filters
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
    }

    /// Works out the values; writes nothing. `neighbours` are the old (three-digit) LA codes.
    public func values(rows: [[String]], indicatorID: UUID, laCode: String, neighbours: Set<String>,
                       populations: [String: [Int: Double]]) throws -> Outcome {
        guard let headerRow = rows.first else { throw ValidationErrors([FieldError(field: "file", message: "The file is empty")]) }
        let header = try EESHeader(headerRow)
        let measureName: String = switch measure {
        case .asPublished(let name), .perTenThousandChildren(let name): name
        }
        var problems: [FieldError] = []
        guard let measureColumn = header.column(measureName) else {
            throw ValidationErrors([FieldError(field: "measure", message: "The file has no column \(measureName)", line: 1)])
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

        var local: [Period: Double] = [:], england: [Period: Double] = [:], regional: [String: [Period: Double]] = [:]
        var neighbourValues: [Period: [Double]] = [:]
        var region: String?
        var skipped = 0
        for (index, fields) in rows.enumerated().dropFirst() {
            guard fields.count == headerRow.count else { skipped += 1; continue }
            guard filterColumns.allSatisfy({ fields[$0.0] == $0.1 }) else { continue }
            guard let period = Period.fromDfE(timePeriod: fields[periodColumn], timeIdentifier: fields[identifierColumn]) else {
                throw ValidationErrors([FieldError(field: "time_period", message: "\(fields[periodColumn]) \(fields[identifierColumn]) is not a period we know", line: index + 1)])
            }
            let geography = header.geography(of: fields)
            guard let raw = OfficialValue(fields[measureColumn]).number else { skipped += 1; continue }
            var value = raw
            if case .perTenThousandChildren = measure {
                guard let population = populations[geography.code]?[period.populationMidYear],
                      let rate = Rate.perTenThousand(count: raw, population: population) else { skipped += 1; continue }
                value = Rate.dfeRounded(rate)
            }
            switch geography.level {
            case "National": england[period] = value
            case "Regional": regional[fields[regionColumn], default: [:]][period] = value
            default:
                if geography.code == laCode {
                    local[period] = value
                    region = fields[regionColumn]
                } else if neighbours.contains(fields[oldCodeColumn]) {
                    neighbourValues[period, default: []].append(value)
                }
            }
        }
        guard !local.isEmpty else {
            throw ValidationErrors([FieldError(field: "file", message: "The file has no usable rows for \(laCode)")])
        }
        func write(_ values: [Period: Double], _ series: Series) -> [PerformanceStore.ValueWrite] {
            values.map { PerformanceStore.ValueWrite(indicatorID: indicatorID, period: $0.key, series: series, breakdown: .all, group: "all",
                                                     value: $0.value, numerator: nil, denominator: nil) }
        }
        // The neighbours' average is the plain mean of their values, as DfE's tools show it.
        let neighbourMeans = neighbourValues.mapValues { Rate.dfeRounded($0.reduce(0, +) / Double($0.count)) }
        let writes = write(local, .local) + write(england, .england) + write(region.flatMap { regional[$0] } ?? [:], .region)
            + write(neighbourMeans, .statisticalNeighbours)
        return Outcome(writes: writes, skipped: skipped)
    }
}
