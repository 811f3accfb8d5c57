import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The performance module's demo: its catalogue, the official statistics for the demo area,
/// illustrative local values, a record-level extract and the stories behind the data.
enum PerformanceDemo {
    static let actor = Actor(userID: nil, email: "demo loader", address: nil)

    /// The catalogue, then the same official starter data any partnership gets (`OfficialStarterData`,
    /// from the shipped national files), then the illustrative values, extract and stories.
    static func load(for partnership: Partnership, on db: any Database) async throws {
        let indicators = try await DemoPerformance.loadCatalogue(for: partnership, on: db)
        // Values are loaded once; a partnership that already has values keeps them.
        guard try await IndicatorValue.query(on: db).filter(\.$partnership.$id == partnership.requireID()).count() == 0 else { return }

        let files = try OfficialFiles.shipped()
        let calderdale = try PartnershipSetup.authorities(for: [partnership.localAuthorityCode], in: files.localAuthorities())
        try await PartnershipStore.completeLocalAuthority(calderdale[0], of: partnership, on: db)
        let deprivation = try OfficialStarterData.deprivationRows(for: calderdale, files: files)
        _ = try await PerformanceStore.loadDeprivation(deprivation, on: db)

        try await PerformanceStore.write(DemoPerformance.illustrativeWrites(indicators),
                                         record: .init(kind: "illustrative", fileName: "demo (illustrative values)", digest: "-", rowsRead: 0, notes: nil, indicatorID: nil),
                                         in: partnership, by: actor, on: db)
        _ = try await OfficialStarterData.load(indicators, authorities: calderdale, in: partnership, files: files, by: actor, on: db)

        // One indicator is built from a record-level extract (made up, deterministic), so the demo
        // shows breakdowns by deprivation, gender, ethnicity and age.
        if let indicator = indicators["violent_crime_child_victim"] {
            let extract = DemoExtract.make(lsoas: deprivation.map(\.lsoaCode),
                                           deciles: Dictionary(deprivation.map { ($0.lsoaCode, $0.decile) }, uniquingKeysWith: { a, _ in a }))
            _ = try await Importers.extract(chunks: [extract], fileName: "demo extract (illustrative)", indicator: indicator, partnership: partnership, actor: actor, on: db)
        }
        for indicator in indicators.values { try await PerformanceStore.refreshEscalations(for: indicator, on: db) }
        try await DemoPerformance.loadStories(indicators, in: partnership, on: db)
    }
}

/// Reads IMD 2019 File 1 (and optionally File 6 for children) into rows to load.
public enum DeprivationFile {
    public static func rows(imd: [[String]], population: [[String]]?) throws -> [PerformanceStore.DeprivationRow] {
        guard let header = imd.first else { return [] }
        func column(_ starts: String, in header: [String]) -> Int? {
            header.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix(starts.lowercased()) }
        }
        guard let code = column("LSOA code", in: header), let name = column("LSOA name", in: header),
              let la = column("Local Authority District code", in: header), let laName = column("Local Authority District name", in: header),
              let rank = column("Index of Multiple Deprivation (IMD) Rank", in: header), let decile = column("Index of Multiple Deprivation (IMD) Decile", in: header) else {
            throw ValidationErrors([FieldError(field: "file", message: "Expected the IMD 2019 File 1 columns: LSOA code (2011), LSOA name (2011), Local Authority District code (2019), …, Index of Multiple Deprivation (IMD) Rank, Index of Multiple Deprivation (IMD) Decile", line: 1)])
        }
        var children: [String: Double] = [:]
        if let population, let popHeader = population.first, let popCode = column("LSOA code", in: popHeader),
           let kids = column("Dependent Children aged 0-15", in: popHeader) {
            for fields in population.dropFirst() where fields.count > max(popCode, kids) {
                children[fields[popCode]] = OfficialValue(fields[kids]).number
            }
        }
        var errors: [FieldError] = []
        var out: [PerformanceStore.DeprivationRow] = []
        for (index, fields) in imd.enumerated().dropFirst() {
            guard fields.count == header.count, let r = OfficialValue(fields[rank]).number, let d = Int(fields[decile]), (1...10).contains(d) else {
                errors.append(FieldError(field: "row", message: "expected an LSOA with a numeric rank and a decile from 1 to 10", line: index + 1))
                if errors.count >= 50 { break }
                continue
            }
            out.append(.init(lsoaCode: fields[code], lsoaName: fields[name], laCode: fields[la], laName: fields[laName], rank: Int(r), decile: d,
                             children: children[fields[code]]))
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return out
    }
}

/// A made-up record-level extract for the demo: events spread over four years, more of them in
/// more deprived areas, with ages, genders and ethnic groups. The same bytes on every machine.
enum DemoExtract {
    static func make(lsoas: [String], deciles: [String: Int]) -> [UInt8] {
        var out = "event_date,lsoa,age,gender,ethnicity,child_ref\n"
        var state: UInt64 = 20_240_331
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let ethnicities = ["White", "White", "White", "White", "Asian", "Asian", "Mixed", "Black", "Other", "Unknown"]
        let genders = ["Female", "Male", "Male", "Female", "Unknown"]
        let quarters = (2020...2023).flatMap { ReportingYear(startYear: $0).quarters }
        var row = 0
        for (quarterIndex, quarter) in quarters.enumerated() {
            let events = 240 + quarterIndex * 3 + Int(next() % 40)
            for _ in 0..<events {
                // Areas in decile 1 are picked about three times as often as decile 10.
                var lsoa = lsoas[Int(next() % UInt64(lsoas.count))]
                if (deciles[lsoa] ?? 5) > 5, next() % 3 != 0 { lsoa = lsoas[Int(next() % UInt64(lsoas.count))] }
                let first = quarter.firstDay
                let date = CalendarDate(year: first.year, month: first.month + Int(next() % 3), day: 1 + Int(next() % 28))!
                row += 1
                out += "\(date),\(lsoa),\(6 + Int(next() % 12)),\(genders[Int(next() % 5)]),\(ethnicities[Int(next() % 10)]),DEMO\(row)\n"
            }
        }
        return Array(out.utf8)
    }
}
