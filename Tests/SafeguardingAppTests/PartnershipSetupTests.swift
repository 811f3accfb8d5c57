import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
@testable import SafeguardingWeb

/// A fresh app on an empty database (migrated, no demo): an installation on its first day.
func withEmptyApp(_ test: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        let config = AppConfiguration(database: testDatabase, secureCookies: true, passwordCost: 4, loadDemo: false)
        try await configure(app, config, migrate: false)
        try await app.database.revertAll()
        try await app.database.migrate()
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// One stored value of a partnership's indicator (headline breakdown).
func partnershipValue(_ slug: String, _ key: String, _ period: String, _ series: String = "local", on db: any Database) async throws -> Double? {
    guard let partnership = try await RegisterStore.partnership(slug: slug, on: db) else { return nil }
    let indicator = try await PerformanceStore.indicator(key: key, in: partnership, on: db)
    return try await IndicatorValue.query(on: db).filter(\.$indicator.$id == indicator.requireID()).filter(\.$period == period)
        .filter(\.$series == series).filter(\.$breakdown == "all").first()?.value
}

@discardableResult
func createPartnership(_ slug: String, _ codes: [String], on db: any Database) async throws -> PartnershipSetup.Created {
    let draft = try PartnershipDraft.validate(name: "\(slug.capitalized) Safeguarding Children Partnership", shortName: slug.uppercased(),
                                              slug: slug, localAuthorityCodes: codes)
    return try await PartnershipSetup.create(draft, by: .commandLine(), on: db)
}

extension AppTests {
    @Suite("Creating a partnership for any area, with its official starter data")
    struct PartnershipSetupTests {
        @Test("Kirklees from nothing: the standard catalogue with its own, England, region and neighbour values, and its LSOAs")
        func kirklees() async throws {
            try await withEmptyApp { app in
                let created = try await createPartnership("kirklees", ["E08000034"], on: app.db)
                #expect(created.authorities.map(\.name) == ["Kirklees"])
                #expect(created.authorities.first?.regionName == "Yorkshire and The Humber")
                #expect(created.notes.isEmpty)

                let partnership = try #require(try await RegisterStore.partnership(slug: "kirklees", on: app.db))
                #expect(partnership.localAuthorityCode == "E08000034")
                let covered = try await PartnershipStore.localAuthorities(of: partnership, on: app.db)
                #expect(covered.map(\.code) == ["E08000034"])
                #expect(covered.first?.oldCode == "382")

                // The standard catalogue only: no illustrative indicators, no stories.
                let indicators = try await PerformanceStore.indicators(partnership, on: app.db)
                #expect(indicators.map(\.key).sorted() == OfficialIndicators.all.map(\.key).sorted())
                #expect(indicators.allSatisfy { !$0.isIllustrative })
                #expect(try await Story.query(on: app.db).count() == 0)

                // DfE's published rates (LAIT, see publishedRates below) for Kirklees.
                #expect(try await partnershipValue("kirklees", "cin_rate", "2024-25", on: app.db) == 222.1)
                #expect(try await partnershipValue("kirklees", "cpp_rate", "2024-25", on: app.db) == 48.4)
                #expect(try await partnershipValue("kirklees", "cla_rate", "2024-25", on: app.db).map { $0.rounded() } == 64)
                // England and Yorkshire and the Humber as LAIT publishes them for 2025.
                #expect(try await partnershipValue("kirklees", "cin_rate", "2024-25", "england", on: app.db) == 330.3)
                #expect(try await partnershipValue("kirklees", "cin_rate", "2024-25", "region", on: app.db) == 341.3)
                #expect(try await partnershipValue("kirklees", "cpp_rate", "2024-25", "region", on: app.db) == 48.5)
                #expect(try await partnershipValue("kirklees", "cin_rate", "2024-25", "statistical_neighbours", on: app.db) != nil)
                #expect(try await partnershipValue("kirklees", "ehe_count", "2022/23 Spring", on: app.db) != nil)
                #expect(try await partnershipValue("kirklees", "suspension_rate", "2022/23", on: app.db) != nil)

                // Kirklees has 259 LSOAs in IMD 2019 File 1, 31 of them in decile 1 (counted from the file).
                let areas = try await DeprivationArea.query(on: app.db).all()
                #expect(areas.count == 259)
                #expect(areas.allSatisfy { $0.laCode == "E08000034" })
                #expect(areas.filter { $0.imdDecile == 1 }.count == 31)
                #expect(areas.allSatisfy { $0.children != nil })

                // Each import names its file and release.
                let imports = try await DataImport.query(on: app.db).filter(\.$kind == "official_statistics").all()
                #expect(imports.count == OfficialStarterData.sources.count)
                let cin = try #require(imports.first { $0.fileName == "b1_children_in_need_2013_to_2025.csv" })
                #expect(cin.notes?.contains("Release: time_period 2013 to 2025") == true)
                #expect(cin.notes?.contains("ons_mid-year_population_estimates_2012_to_2024.csv, time_period 2012 to 2024") == true)
                let audit = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "partnership").all()
                #expect(audit.map(\.action) == ["create"])
            }
        }

        /// Expected values are DfE's own published figures, not our computation.
        /// Children in need (LAIT `CIN`) and child protection plans (`CPP_rate`) at 31 March 2025 and
        /// 2024 per 10,000: dfe-analytical-services/local-authority-interactive-tool,
        /// 01_data/02_prod/bds_long_0.parquet at commit 2e30e3959a6ab8b2d22941b84764da41a40ac91b
        /// (read with DuckDB). Looked after at 31 March: the `rate_per_10000` column DfE publishes in
        /// cla_number_and_rate_per_10k_children.csv (whole numbers). Hampshire's 2024 children in
        /// need figures are `u` (low reliability) in DfE's file, so it has no 2023-24 value.
        static let published: [(code: String, cin: [String: Double], cpp: [String: Double], cla: [String: Double])] = [
            ("E08000003", ["2024-25": 441.5, "2023-24": 428.5], ["2024-25": 50.1, "2023-24": 43.7], ["2024-25": 97, "2023-24": 100]),   // Manchester
            ("E08000034", ["2024-25": 222.1, "2023-24": 219.8], ["2024-25": 48.4, "2023-24": 42.6], ["2024-25": 64, "2023-24": 61]),    // Kirklees
            ("E08000035", ["2024-25": 327.7, "2023-24": 332.1], ["2024-25": 36.0, "2023-24": 38.7], ["2024-25": 85, "2023-24": 89]),    // Leeds
            ("E10000020", ["2024-25": 270.2, "2023-24": 279.5], ["2024-25": 26.4, "2023-24": 28.4], ["2024-25": 62, "2023-24": 68]),    // Norfolk
            ("E10000014", ["2024-25": 368.4], ["2024-25": 31.9], ["2024-25": 60, "2023-24": 66]),                                       // Hampshire
            ("E06000052", ["2024-25": 302.8, "2023-24": 288.6], ["2024-25": 32.2, "2023-24": 35.9], ["2024-25": 60, "2023-24": 58]),    // Cornwall
            ("E09000007", ["2024-25": 512.5, "2023-24": 493.6], ["2024-25": 42.8, "2023-24": 46.1], ["2024-25": 58, "2023-24": 59]),    // Camden
        ]

        @Test("Rates equal DfE's published rates per 10,000 for seven areas: children in need, protection plans, looked after")
        func publishedRates() async throws {
            try await withEmptyApp { app in
                for (index, area) in Self.published.enumerated() {
                    let slug = "area-\(index)"
                    try await createPartnership(slug, [area.code], on: app.db)
                    for (period, rate) in area.cin {
                        #expect(try await partnershipValue(slug, "cin_rate", period, on: app.db) == rate, "children in need \(area.code) \(period)")
                    }
                    for (period, rate) in area.cpp {
                        #expect(try await partnershipValue(slug, "cpp_rate", period, on: app.db) == rate, "protection plans \(area.code) \(period)")
                    }
                    for (period, rate) in area.cla {
                        #expect(try await partnershipValue(slug, "cla_rate", period, on: app.db).map { $0.rounded() } == rate, "looked after \(area.code) \(period)")
                    }
                }
                // Hampshire's 2024 return is published as low reliability (`u`): no value, never a zero.
                #expect(try await partnershipValue("area-4", "cin_rate", "2023-24", on: app.db) == nil)
                // Cornwall's home education figures are all `x`: no local value, but England's is there.
                #expect(try await partnershipValue("area-5", "ehe_count", "2022/23 Spring", on: app.db) == nil)
                #expect(try await partnershipValue("area-5", "ehe_count", "2022/23 Spring", "england", on: app.db) != nil)
            }
        }

        @Test("A partnership of two authorities adds numerators and denominators, and compares with the union of their neighbours")
        func twoAuthorities() async throws {
            try await withEmptyApp { app in
                let created = try await createPartnership("calderdale-kirklees", ["E08000033", "E08000034"], on: app.db)
                #expect(created.lsoas == 128 + 259)
                // From the CSVs by hand: children in need at 31 March 2025 1,625 (Calderdale) + 2,217 (Kirklees);
                // 0-17 population mid-2024 45,130 + 99,822. 3,842 / 144,952 × 10,000 = 265.05 → 265.1.
                #expect(try await partnershipValue("calderdale-kirklees", "cin_rate", "2024-25", on: app.db) == 265.1)
                // Re-referrals 2025: (543 + 644) / (2,665 + 3,277) × 100 = 19.98 → 20.0, not the mean of 20.4 and 19.7.
                #expect(try await partnershipValue("calderdale-kirklees", "rereferrals_percent", "2024-25", on: app.db) == 20.0)
                // The region is the primary authority's.
                #expect(try await partnershipValue("calderdale-kirklees", "cin_rate", "2024-25", "region", on: app.db) == 341.3)

                let directory = try OfficialFiles.shipped().localAuthorities()
                let both = try PartnershipSetup.authorities(for: ["E08000033", "E08000034"], in: directory)
                let groupings = StatisticalNeighbours.parse(rows: try OfficialFiles.shipped().file(OfficialFiles.Name.neighbours).rows)
                let neighbours = OfficialStatisticsImport.Area.neighbours(of: both, in: groupings)
                // Calderdale's ten and Kirklees's ten share 808, 351, 383 and 888 and name each other: 14 left.
                #expect(neighbours == ["888", "808", "351", "841", "891", "830", "343", "359", "383", "350", "332", "831", "354", "894"])
            }
        }

        @Test("Wrong codes, slugs and clashes are refused with the nearest matches named")
        func refusals() async throws {
            try await withEmptyApp { app in
                let directory = try OfficialFiles.shipped().localAuthorities()
                #expect(directory.authorities.count == 153)
                #expect(throws: ValidationErrors.self) { try PartnershipSetup.authorities(for: ["E08000343"], in: directory) }
                do {
                    _ = try PartnershipSetup.authorities(for: ["E08000343"], in: directory)
                } catch let error as ValidationErrors {
                    let message = error.errors.first?.message ?? ""
                    #expect(message.contains("E08000343 is not the code of an English local authority"))
                    #expect(message.contains("Nearest by code: E08000034 Kirklees"))
                }
                do {
                    _ = try PartnershipSetup.authorities(for: ["Kirklees"], in: directory)
                    Issue.record("a name is not a code")
                } catch let error as ValidationErrors {
                    #expect(error.errors.first?.message.contains("Nearest by name: E08000034 Kirklees") == true)
                }
                #expect(throws: ValidationErrors.self) {
                    try PartnershipDraft.validate(name: "X", shortName: "X", slug: "Kirk Lees!", localAuthorityCodes: ["E08000034"])
                }
                #expect(throws: ValidationErrors.self) {
                    try PartnershipDraft.validate(name: "X", shortName: "X", slug: "x", localAuthorityCodes: [])
                }

                try await createPartnership("kirklees", ["E08000034"], on: app.db)
                do {
                    try await createPartnership("kirklees", ["E08000035"], on: app.db)
                    Issue.record("the slug is taken")
                } catch let error as ValidationErrors {
                    #expect(error.message(for: "slug")?.contains("already taken") == true)
                }
                do {
                    try await createPartnership("west-yorkshire", ["E08000035", "E08000034"], on: app.db)
                    Issue.record("Kirklees is covered already")
                } catch let error as ValidationErrors {
                    #expect(error.message(for: "local_authority")?.contains("E08000034 Kirklees is already covered by the partnership") == true)
                }
                // Nothing of the refused partnerships was written.
                #expect(try await Partnership.query(on: app.db).count() == 1)
                #expect(try await PartnershipLocalAuthority.query(on: app.db).count() == 1)
            }
        }

        @Test("Refreshing from a newer release replaces the official values and records the file and release")
        func refresh() async throws {
            try await withEmptyApp { app in
                try await createPartnership("kirklees", ["E08000034"], on: app.db)
                // A "newer release": the children in need file with Kirklees's 2025 count changed to 2,400.
                let original = try OfficialFiles.shipped().file(OfficialFiles.Name.childrenInNeed)
                let header = original.rows[0]
                let count = try #require(header.firstIndex(of: "At31_episodes")), code = try #require(header.firstIndex(of: "new_la_code"))
                let period = try #require(header.firstIndex(of: "time_period"))
                let changed = original.rows.map { row -> [String] in
                    var row = row
                    if row.count > count, row[code] == "E08000034", row[period] == "2025" { row[count] = "2400" }
                    return row
                }
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("official-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                try Data(CSVWriter.write(changed).utf8).write(to: folder.appendingPathComponent(original.name))

                let files = try OfficialFiles.newerReleases(in: folder)
                let loaded = try await PartnershipSetup.refresh(slug: "kirklees", files: files, by: .commandLine(), on: app.db)
                #expect(loaded.lines.count == OfficialStarterData.sources.count)
                // 2,400 / 99,822 × 10,000 = 240.43 → 240.4; the other indicators keep the shipped figures.
                #expect(try await partnershipValue("kirklees", "cin_rate", "2024-25", on: app.db) == 240.4)
                #expect(try await partnershipValue("kirklees", "cpp_rate", "2024-25", on: app.db) == 48.4)
                let newest = try await DataImport.query(on: app.db).filter(\.$fileName == original.name).sort(\.$importedAt, .descending).first()
                #expect(newest?.notes?.contains(folder.appendingPathComponent(original.name).path) == true)
                #expect(newest?.notes?.contains("time_period 2013 to 2025") == true)
                // Replaced, not added: one local value per period.
                let partnership = try #require(try await RegisterStore.partnership(slug: "kirklees", on: app.db))
                let cin = try await PerformanceStore.indicator(key: "cin_rate", in: partnership, on: app.db)
                let local = try await IndicatorValue.query(on: app.db).filter(\.$indicator.$id == cin.requireID()).filter(\.$series == "local").all()
                #expect(Set(local.map(\.period)).count == local.count)

                #expect(throws: ValidationErrors.self) { try OfficialFiles.newerReleases(in: folder.appendingPathComponent("nothing-here")) }
            }
        }
    }
}
