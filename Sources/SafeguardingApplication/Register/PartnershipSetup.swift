import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Creating a partnership from nothing, with its own official starter data, offline: the
/// partnership and the local authorities it covers, the standard indicator catalogue, each
/// indicator's local, England, region and statistical-neighbour values from the shipped national
/// files, and the IMD 2019 deciles of its own LSOAs. Also lists partnerships and refreshes their
/// official values from newer releases.
public enum PartnershipSetup {
    /// A partnership as the list shows it.
    public struct Listing: Sendable, Equatable {
        public let slug: String
        public let name: String
        public let shortName: String
        /// `E08000034 Kirklees`, primary first.
        public let localAuthorities: [String]
    }

    /// What creating a partnership made.
    public struct Created: Sendable {
        public let slug: String
        public let name: String
        public let authorities: [LocalAuthority]
        public let indicators: Int
        public let values: Int
        public let lsoas: Int
        /// Anything the person should know: an authority without IMD 2019 LSOAs under its code.
        public let notes: [String]
    }

    /// The authorities with these codes, in order; a code not in the list is refused, naming the
    /// nearest matches by code and by name.
    public static func authorities(for codes: [String], in directory: LocalAuthorityDirectory) throws(ValidationErrors) -> [LocalAuthority] {
        var found: [LocalAuthority] = [], problems: [FieldError] = []
        for code in codes {
            if let authority = directory.authority(code: code) {
                found.append(authority)
            } else {
                problems.append(FieldError(field: "local_authority", message: directory.unknownCodeMessage(code)))
            }
        }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        return found
    }

    /// Creates the partnership and all its starter data in one transaction: if anything fails,
    /// nothing is left behind. `files` defaults to the shipped national files.
    public static func create(_ draft: PartnershipDraft, by actor: Actor, on db: any Database, files: OfficialFiles? = nil) async throws -> Created {
        let files = try files ?? OfficialFiles.shipped()
        let authorities = try authorities(for: draft.localAuthorityCodes, in: files.localAuthorities())
        let deprivation = try OfficialStarterData.deprivationRows(for: authorities, files: files)
        let withLSOAs = Set(deprivation.map(\.laCode))
        let notes = authorities.filter { !withLSOAs.contains($0.code) }.map {
            "IMD 2019 lists no LSOAs under \($0.code) \($0.name): it uses 2019 district codes, so a county or a unitary authority made since 2019 "
                + "has its LSOAs under its districts' codes. Load them with `safeguarding import imd` if needed."
        }
        return try await db.transaction { tx in
            let partnership = try await PartnershipStore.create(draft, authorities: authorities, by: actor, on: tx)
            let indicators = try await OfficialIndicators.addCatalogue(to: partnership, on: tx)
            let loaded = try await OfficialStarterData.load(indicators, authorities: authorities, in: partnership, files: files, by: actor, on: tx)
            let lsoas = try await PerformanceStore.loadDeprivation(deprivation, on: tx)
            return Created(slug: partnership.slug, name: partnership.name, authorities: authorities, indicators: indicators.count,
                           values: loaded.values, lsoas: lsoas, notes: notes)
        }
    }

    /// Every partnership with its local authorities.
    public static func list(on db: any Database) async throws -> [Listing] {
        try await PartnershipStore.all(on: db).map { partnership, authorities in
            Listing(slug: partnership.slug, name: partnership.name, shortName: partnership.shortName,
                    localAuthorities: authorities.isEmpty ? ["\(partnership.localAuthorityCode) \(partnership.localAuthorityName)"]
                        : authorities.map { "\($0.code) \($0.name)" })
        }
    }

    /// Replaces the official values of the partnership's standard indicators with those in
    /// `files` (newer releases of the same file names, or the shipped ones), in one transaction;
    /// each indicator's import record names the file and its release.
    public static func refresh(slug: String, files: OfficialFiles, by actor: Actor, on db: any Database) async throws -> OfficialStarterData.Loaded {
        guard let partnership = try await RegisterStore.partnership(slug: slug, on: db) else {
            throw ValidationErrors([FieldError(field: "partnership", message: "There is no partnership with the slug \(slug)")])
        }
        let directory = try files.localAuthorities()
        let shippedDirectory = try OfficialFiles.shipped().localAuthorities()
        var codes = try await PartnershipStore.localAuthorities(of: partnership, on: db).map(\.code)
        if codes.isEmpty { codes = [partnership.localAuthorityCode] }
        // An authority missing from a newer file (renamed, merged) is looked up in the shipped list,
        // so the refusal below only happens when neither knows it.
        var authorities: [LocalAuthority] = []
        for code in codes {
            guard let authority = directory.authority(code: code) ?? shippedDirectory.authority(code: code) else {
                throw ValidationErrors([FieldError(field: "local_authority", message: directory.unknownCodeMessage(code))])
            }
            authorities.append(authority)
        }
        let area = authorities
        return try await db.transaction { tx in
            var indicators: [String: Indicator] = [:]
            for indicator in try await PerformanceStore.indicators(partnership, on: tx) { indicators[indicator.key] = indicator }
            return try await OfficialStarterData.load(indicators, authorities: area, in: partnership, files: files, replacing: true, by: actor, on: tx)
        }
    }
}
