import FluentKit
import Foundation
import SafeguardingDomain

/// The standard indicator catalogue every partnership starts with: the indicators whose values
/// come from national official statistics (children in need, child protection, children looked
/// after, referrals, exclusions, home education). The demo's illustrative indicators are not in it.
public enum OfficialIndicators {
    public struct Definition: Sendable {
        public let key: String
        public let name: String
        public let definition: String
        public let unit: String
        public let polarity: Polarity
    }

    public static let all: [Definition] = [
        .init(key: "cin_rate", name: "Children in need",
              definition: "Children in need at 31 March per 10,000 children aged 0 to 17 (DfE convention: previous mid-year population).",
              unit: "rate_per_10000", polarity: .neither),
        .init(key: "cpp_rate", name: "Children on a child protection plan",
              definition: "Child protection plans at 31 March per 10,000 children aged 0 to 17.", unit: "rate_per_10000", polarity: .neither),
        .init(key: "cla_rate", name: "Children looked after",
              definition: "Children looked after at 31 March per 10,000 children aged 0 to 17.", unit: "rate_per_10000", polarity: .lowerIsBetter),
        .init(key: "referrals_rate", name: "Referrals to children's social care",
              definition: "Referrals in the year per 10,000 children aged 0 to 17.", unit: "rate_per_10000", polarity: .neither),
        .init(key: "rereferrals_percent", name: "Re-referrals within 12 months",
              definition: "Referrals within 12 months of a previous referral, as a percentage of referrals.", unit: "percentage", polarity: .lowerIsBetter),
        .init(key: "cpp_second_time_percent", name: "Child protection plans for a second or later time",
              definition: "Plans started in the year that were a child's second or later plan, as a percentage.", unit: "percentage", polarity: .lowerIsBetter),
        .init(key: "suspension_rate", name: "Suspensions from school",
              definition: "Suspensions per 100 pupils in the academic year (all state-funded schools).", unit: "rate_per_100_pupils", polarity: .lowerIsBetter),
        .init(key: "permanent_exclusion_rate", name: "Permanent exclusions from school",
              definition: "Permanent exclusions per 100 pupils in the academic year.", unit: "rate_per_100_pupils", polarity: .lowerIsBetter),
        .init(key: "ehe_count", name: "Children electively home educated",
              definition: "Children recorded as electively home educated at the census date (rounded to the nearest 10).", unit: "count", polarity: .neither),
    ]

    /// The definition with this key; nil for an indicator outside the standard catalogue.
    public static func definition(_ key: String) -> Definition? { all.first { $0.key == key } }

    /// Adds whichever standard indicators the partnership lacks (no source organisation, no
    /// priority: the partnership sets those), and returns all of its indicators by key.
    public static func addCatalogue(to partnership: Partnership, on db: any Database) async throws -> [String: Indicator] {
        let pid = try partnership.requireID()
        var existing: [String: Indicator] = [:]
        for indicator in try await PerformanceStore.indicators(partnership, on: db) { existing[indicator.key] = indicator }
        for (position, definition) in all.enumerated() where existing[definition.key] == nil {
            let indicator = Indicator(partnershipID: pid, key: definition.key, name: definition.name, definition: definition.definition,
                                      sourceOrganisationID: nil, unit: definition.unit, polarity: definition.polarity.rawValue, priority: nil,
                                      isPublished: true, isIllustrative: false, position: position)
            try await indicator.create(on: db)
            existing[definition.key] = indicator
        }
        return existing
    }
}
