import Fluent
import Foundation
import SafeguardingDomain

/// The demo partnership's multi-agency dataset: 21 indicators grounded in the reference report.
/// Children in need, child protection, children looked after, referrals, exclusions and home
/// education come from the official statistics in `shared/data/public` through the importer (see
/// `DemoPerformance.officialSources`); the other indicators have quarterly values that are made up
/// to show the software working, and every screen says so.
public enum DemoPerformance {
    public struct Definition: Sendable {
        public let key: String
        public let name: String
        public let definition: String
        public let source: String?
        public let unit: String
        public let polarity: Polarity
        public let priority: String
        public let illustrative: Bool
        /// For illustrative indicators: a starting level, a change per quarter, and how much it wobbles.
        let start: Double
        let drift: Double
        let wobble: Double
        /// A late jump, so the control chart has a special cause to find.
        let jumpFrom: Int?
        let jump: Double
    }

    static let council = "Calderdale Council"
    static let police = "West Yorkshire Police"
    static let hospital = "Calderdale and Huddersfield NHS Foundation Trust"
    static let adolescence = "Risk and Vulnerability in Adolescence"
    static let transitions = "Transition to adulthood"
    static let domesticAbuse = "Domestic abuse"
    static let scrutiny = "Independent scrutiny"

    static func real(_ key: String, _ name: String, _ definition: String, source: String, unit: String, polarity: Polarity, priority: String) -> Definition {
        Definition(key: key, name: name, definition: definition, source: source, unit: unit, polarity: polarity, priority: priority,
                   illustrative: false, start: 0, drift: 0, wobble: 0, jumpFrom: nil, jump: 0)
    }

    static func made(_ key: String, _ name: String, _ definition: String, source: String, unit: String, polarity: Polarity, priority: String,
                     start: Double, drift: Double, wobble: Double, jumpFrom: Int? = nil, jump: Double = 0) -> Definition {
        Definition(key: key, name: name, definition: definition, source: source, unit: unit, polarity: polarity, priority: priority,
                   illustrative: true, start: start, drift: drift, wobble: wobble, jumpFrom: jumpFrom, jump: jump)
    }

    public static let definitions: [Definition] = [
        real("cin_rate", "Children in need", "Children in need at 31 March per 10,000 children aged 0 to 17 (DfE convention: previous mid-year population).",
             source: council, unit: "rate_per_10000", polarity: .neither, priority: scrutiny),
        real("cpp_rate", "Children on a child protection plan", "Child protection plans at 31 March per 10,000 children aged 0 to 17.",
             source: council, unit: "rate_per_10000", polarity: .neither, priority: scrutiny),
        real("cla_rate", "Children looked after", "Children looked after at 31 March per 10,000 children aged 0 to 17.",
             source: council, unit: "rate_per_10000", polarity: .lowerIsBetter, priority: scrutiny),
        real("referrals_rate", "Referrals to children's social care", "Referrals in the year per 10,000 children aged 0 to 17.",
             source: council, unit: "rate_per_10000", polarity: .neither, priority: scrutiny),
        real("rereferrals_percent", "Re-referrals within 12 months", "Referrals within 12 months of a previous referral, as a percentage of referrals.",
             source: council, unit: "percentage", polarity: .lowerIsBetter, priority: scrutiny),
        real("cpp_second_time_percent", "Child protection plans for a second or later time", "Plans started in the year that were a child's second or later plan, as a percentage.",
             source: council, unit: "percentage", polarity: .lowerIsBetter, priority: scrutiny),
        real("suspension_rate", "Suspensions from school", "Suspensions per 100 pupils in the academic year (all state-funded schools).",
             source: council, unit: "rate_per_100_pupils", polarity: .lowerIsBetter, priority: adolescence),
        real("permanent_exclusion_rate", "Permanent exclusions from school", "Permanent exclusions per 100 pupils in the academic year.",
             source: council, unit: "rate_per_100_pupils", polarity: .lowerIsBetter, priority: adolescence),
        real("ehe_count", "Children electively home educated", "Children recorded as electively home educated at the census date (rounded to the nearest 10).",
             source: council, unit: "count", polarity: .neither, priority: adolescence),
        made("ehe_send", "Home educated children with special educational needs", "Electively home educated children with SEN support or an EHC plan at the end of the quarter.",
             source: council, unit: "count", polarity: .neither, priority: adolescence, start: 58, drift: 2.2, wobble: 5),
        made("ehe_ehcp", "Home educated children with an EHC plan", "Electively home educated children with an education, health and care plan at the end of the quarter.",
             source: council, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 9, drift: 0.4, wobble: 2, jumpFrom: 13, jump: 9),
        made("cla_from_other_areas", "Children placed in the area by other local authorities", "Children looked after by other local authorities living in the area at the end of the quarter.",
             source: council, unit: "count", polarity: .neither, priority: scrutiny, start: 235, drift: 4, wobble: 9),
        made("missing_episodes", "Missing episodes of children", "Episodes of children reported missing to the police in the quarter.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 310, drift: 1, wobble: 22),
        made("missing_regulated_homes", "Children missing from regulated children's homes", "Children reported missing from a registered children's home in the quarter.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 41, drift: 0.3, wobble: 6),
        made("missing_unregulated", "Children missing from unregulated settings", "Children reported missing from an unregistered or supported accommodation setting in the quarter.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 12, drift: 0.1, wobble: 3, jumpFrom: 12, jump: 10),
        made("violent_crime_child_victim", "Violent crime with a child victim", "Recorded violent offences in the quarter where the victim was under 18.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 265, drift: -1.5, wobble: 18),
        made("knife_crime_injury", "Knife crime with injury involving a child", "Recorded knife or sharp-object offences with injury where a child was a victim or suspect.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 14, drift: 0.1, wobble: 3),
        made("knife_crime_no_injury", "Knife crime without injury involving a child", "Recorded possession and threat offences involving a knife or sharp object where a child was involved.",
             source: police, unit: "count", polarity: .lowerIsBetter, priority: adolescence, start: 22, drift: 0.5, wobble: 4),
        made("was_not_brought", "Children not brought to health appointments", "Children's outpatient appointments where the child was not brought, as a percentage of appointments.",
             source: hospital, unit: "percentage", polarity: .lowerIsBetter, priority: transitions, start: 9.4, drift: -0.05, wobble: 0.5),
        made("ed_engagement", "Young people seen by the emergency department engagement service", "Young people aged 11 to 24 attending the emergency department and engaged by the youth work service.",
             source: hospital, unit: "count", polarity: .higherIsBetter, priority: adolescence, start: 48, drift: 2, wobble: 6),
        made("early_help_assessments", "Early help assessments started", "Early help assessments started in the quarter.",
             source: council, unit: "count", polarity: .higherIsBetter, priority: domesticAbuse, start: 420, drift: 3, wobble: 25),
    ]

    /// The quarters the illustrative series cover: four years to 2023-24 Q4.
    static let quarters: [ReportingQuarter] = (2020...2023).flatMap { ReportingYear(startYear: $0).quarters }

    /// A repeatable wobble (no random numbers: the demo is the same on every machine).
    static func wobble(_ index: Int, _ key: String) -> Double {
        let seed = key.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xffff }
        return sin(Double(index * 7 + seed % 13) * 1.3) * 0.8 + sin(Double(index + seed % 5) * 0.45) * 0.4
    }

    public static func illustrativeValues(for definition: Definition) -> [(Period, Double)] {
        quarters.enumerated().map { index, quarter in
            var value = definition.start + definition.drift * Double(index) + definition.wobble * wobble(index, definition.key)
            if let from = definition.jumpFrom, index >= from { value += definition.jump }
            let rounded = definition.unit == "percentage" ? (value * 10).rounded() / 10 : value.rounded()
            return (Period(quarter), max(0, rounded))
        }
    }

    /// Adds the catalogue and the illustrative values; the official values come from `DemoOfficialStatistics`.
    public static func loadCatalogue(for partnership: Partnership, on db: any Database) async throws -> [String: Indicator] {
        let pid = try partnership.requireID()
        var existing: [String: Indicator] = [:]
        for indicator in try await PerformanceStore.indicators(partnership, on: db) { existing[indicator.key] = indicator }
        let organisations = try await RegisterStore.organisations(partnership, on: db)
        for (position, definition) in definitions.enumerated() where existing[definition.key] == nil {
            let indicator = Indicator(partnershipID: pid, key: definition.key, name: definition.name, definition: definition.definition,
                                      sourceOrganisationID: organisations.first { $0.name == definition.source }?.id, unit: definition.unit,
                                      polarity: definition.polarity.rawValue, priority: definition.priority, isPublished: true,
                                      isIllustrative: definition.illustrative, position: position)
            try await indicator.create(on: db)
            existing[definition.key] = indicator
        }
        return existing
    }

    public static func illustrativeWrites(_ indicators: [String: Indicator]) -> [PerformanceStore.ValueWrite] {
        definitions.filter(\.illustrative).flatMap { definition in
            illustrativeValues(for: definition).map { period, value in
                PerformanceStore.ValueWrite(indicatorID: indicators[definition.key]!.id!, period: period, series: .local, breakdown: .all,
                                            group: "all", value: value, numerator: nil, denominator: nil)
            }
        }
    }
}

extension DemoPerformance {
    /// A file shipped with the demo, as bytes.
    public static func resource(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "demo") else {
            throw NotFound("demo file \(name)")
        }
        return Array(try Data(contentsOf: url))
    }
}
