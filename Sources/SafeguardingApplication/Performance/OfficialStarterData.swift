import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The official part of a partnership's performance data, from the national files: each standard
/// indicator's local, England, region and statistical-neighbour values, and the IMD 2019 deciles
/// of the partnership's own LSOAs. Used for every new partnership, for the demo, and to refresh
/// from newer releases.
public enum OfficialStarterData {
    /// Which official file and columns each standard indicator comes from.
    public struct Source: Sendable {
        public let key: String
        public let file: String
        public let spec: OfficialStatisticsImport
    }

    public static let sources: [Source] = [
        .init(key: "cin_rate", file: OfficialFiles.Name.childrenInNeed, spec: .init(measure: .perTenThousandChildren("At31_episodes"))),
        .init(key: "cpp_rate", file: OfficialFiles.Name.plansAt31March, spec: .init(measure: .perTenThousandChildren("CPP_At31"))),
        .init(key: "cla_rate", file: OfficialFiles.Name.lookedAfter,
              spec: .init(measure: .perTenThousandChildren("children_count"), filters: ["population_type": "Children looked after on 31 March each year"])),
        .init(key: "referrals_rate", file: OfficialFiles.Name.referrals, spec: .init(measure: .perTenThousandChildren("referral_count"))),
        .init(key: "rereferrals_percent", file: OfficialFiles.Name.referrals,
              spec: .init(measure: .share(numerator: "rereferral_count", denominator: "referral_count", per: 100, decimals: 1, published: "rereferral_percent"))),
        .init(key: "cpp_second_time_percent", file: OfficialFiles.Name.subsequentPlans,
              spec: .init(measure: .share(numerator: "CPP_subsequent", denominator: "CPP_start", per: 100, decimals: 1, published: "CPP_subsequent_percent"))),
        // Per 100 pupils: DfE publishes these rates to several decimals; a combination keeps three.
        .init(key: "suspension_rate", file: OfficialFiles.Name.exclusions,
              spec: .init(measure: .share(numerator: "suspension", denominator: "headcount", per: 100, decimals: 3, published: "susp_rate"), filters: ["school_type": "Total"])),
        .init(key: "permanent_exclusion_rate", file: OfficialFiles.Name.exclusions,
              spec: .init(measure: .share(numerator: "perm_excl", denominator: "headcount", per: 100, decimals: 3, published: "perm_excl_rate"), filters: ["school_type": "Total"])),
        .init(key: "ehe_count", file: OfficialFiles.Name.homeEducation, spec: .init(measure: .count("ehe_census_date"))),
    ]

    /// What a load wrote, indicator by indicator.
    public struct Loaded: Sendable {
        public var values = 0
        /// One line per indicator: its key, how many values, and the file and release they came from.
        public var lines: [String] = []
    }

    /// Writes (replacing) the official values of each of `indicators` that has an official source,
    /// for the area of `authorities` (primary first), recording for each indicator the file, its
    /// digest and its release. `replacing` first removes the values earlier official imports
    /// wrote, so a period a newer release no longer has does not linger. `db` may be a transaction.
    public static func load(_ indicators: [String: Indicator], authorities: [LocalAuthority], in partnership: Partnership,
                            files: OfficialFiles, replacing: Bool = false, by actor: Actor, on db: any Database) async throws -> Loaded {
        let population = try files.file(OfficialFiles.Name.population)
        let populations = try OfficialStatisticsImport.populations(from: population.rows)
        let groupings = StatisticalNeighbours.parse(rows: try files.file(OfficialFiles.Name.neighbours).rows)
        let area = OfficialStatisticsImport.Area(codes: authorities.map(\.code),
                                                 neighbours: OfficialStatisticsImport.Area.neighbours(of: authorities, in: groupings))
        var loaded = Loaded()
        for source in sources {
            guard let indicator = indicators[source.key], let indicatorID = indicator.id else { continue }
            let file = try files.file(source.file)
            let outcome = try source.spec.values(rows: file.rows, indicatorID: indicatorID, area: area, populations: populations)
            var notes = "Release: \(file.release) (\(file.name), read from \(file.origin))."
            if case .perTenThousandChildren = source.spec.measure {
                notes += " Population: \(population.name), \(population.release)."
            }
            if authorities.count > 1 { notes += " Local values combine \(authorities.map(\.name).joined(separator: ", ")) by adding numerators and denominators." }
            if replacing { try await PerformanceStore.removeOfficialValues(of: indicator, on: db) }
            try await PerformanceStore.write(outcome.writes, record: .init(kind: "official_statistics", fileName: file.name, digest: file.digest,
                                                                            rowsRead: max(0, file.rows.count - 1), notes: notes, indicatorID: indicatorID),
                                             in: partnership, by: actor, on: db)
            try await PerformanceStore.refreshEscalations(for: indicator, on: db)
            loaded.values += outcome.writes.count
            if outcome.localPeriods == 0 {
                loaded.lines.append("\(source.key): no local values for \(authorities.map(\.name).joined(separator: ", ")) in \(file.name) (every cell suppressed or not available); "
                                    + "\(outcome.writes.count) England, region and neighbour values (\(file.release))")
            } else {
                loaded.lines.append("\(source.key): \(outcome.writes.count) values from \(file.name) (\(file.release))")
            }
        }
        return loaded
    }

    /// The IMD 2019 rows (File 1, with File 6's children aged 0-15) of the authorities' LSOAs, in
    /// the file's order. IMD 2019 lists LSOAs under 2019 district codes, so an authority that is a
    /// county, or a unitary made since 2019, has none under its own code.
    public static func deprivationRows(for authorities: [LocalAuthority], files: OfficialFiles) throws -> [PerformanceStore.DeprivationRow] {
        let codes = Set(authorities.map(\.code))
        func own(_ rows: [[String]]) -> [[String]] {
            guard let header = rows.first,
                  let column = header.firstIndex(where: { $0.lowercased().hasPrefix("local authority district code") }) else { return rows }
            return [header] + rows.dropFirst().filter { $0.count > column && codes.contains($0[column]) }
        }
        let imd = own(try files.file(OfficialFiles.Name.deprivation).rows)
        let children = own(try files.file(OfficialFiles.Name.deprivationPopulation).rows)
        return try DeprivationFile.rows(imd: imd, population: children)
    }
}

extension PerformanceStore {
    /// Removes the values of an indicator that official-statistics imports wrote, before a newer
    /// release replaces them. Values from data returns and extracts are kept.
    static func removeOfficialValues(of indicator: Indicator, on db: any Database) async throws {
        let imports = try await DataImport.query(on: db).filter(\.$indicator.$id == indicator.requireID())
            .filter(\.$kind == "official_statistics").all(\.$id)
        guard !imports.isEmpty else { return }
        try await IndicatorValue.query(on: db).filter(\.$indicator.$id == indicator.requireID()).filter(\.$dataImport.$id ~~ imports.map { Optional($0) }).delete()
    }
}
