import FluentKit
import Foundation
import SafeguardingDomain

/// The demo partnership's multi-agency dataset: 21 indicators grounded in the reference report.
/// Children in need, child protection, children looked after, referrals, exclusions and home
/// education are the standard catalogue (`OfficialIndicators`), whose values come from the shipped
/// national files through the same use case as any partnership's (`PartnershipSetup`); the other indicators have quarterly values that are made up
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

    /// An indicator of the standard catalogue (`OfficialIndicators`), with the demo's source and priority.
    static func real(_ key: String, source: String, priority: String) -> Definition {
        let official = OfficialIndicators.definition(key)!
        return Definition(key: key, name: official.name, definition: official.definition, source: source, unit: official.unit,
                          polarity: official.polarity, priority: priority, illustrative: false, start: 0, drift: 0, wobble: 0, jumpFrom: nil, jump: 0)
    }

    static func made(_ key: String, _ name: String, _ definition: String, source: String, unit: String, polarity: Polarity, priority: String,
                     start: Double, drift: Double, wobble: Double, jumpFrom: Int? = nil, jump: Double = 0) -> Definition {
        Definition(key: key, name: name, definition: definition, source: source, unit: unit, polarity: polarity, priority: priority,
                   illustrative: true, start: start, drift: drift, wobble: wobble, jumpFrom: jumpFrom, jump: jump)
    }

    public static let definitions: [Definition] = [
        real("cin_rate", source: council, priority: scrutiny),
        real("cpp_rate", source: council, priority: scrutiny),
        real("cla_rate", source: council, priority: scrutiny),
        real("referrals_rate", source: council, priority: scrutiny),
        real("rereferrals_percent", source: council, priority: scrutiny),
        real("cpp_second_time_percent", source: council, priority: scrutiny),
        real("suspension_rate", source: council, priority: adolescence),
        real("permanent_exclusion_rate", source: council, priority: adolescence),
        real("ehe_count", source: council, priority: adolescence),
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
    /// The story behind each indicator's curve, in our own words, written as the supplying
    /// organisation's lead would write it. Illustrative: it shows how stories are kept.
    static let stories: [String: (shows: String, howMuch: String, next: String)] = [
        "cin_rate": ("The rate has climbed back towards the statistical neighbours' average after a dip in 2020-21, when fewer children were seen by universal services.", "Every open child in need plan was reviewed by a team manager in the year.", "Check with the front door that step-downs to early help are happening when plans close."),
        "cpp_rate": ("More children are on a plan than two years ago, but the rate stays close to the region.", "Conferences were held within 15 working days for nearly all children.", "A joint audit of plans that last over a year."),
        "cla_rate": ("The rate is above England and has been for several years; it eased slightly in the last year.", "Edge-of-care support worked with families of adolescents at risk of coming into care.", "Review the placement sufficiency plan with health and police partners."),
        "referrals_rate": ("Referrals rose sharply in the last year, mostly from police and schools.", "The front door screened every referral within one working day.", "Multi-agency audit of referrals that led to no further action."),
        "rereferrals_percent": ("Re-referrals fell in the last year and are now below England.", "Closing summaries now name who the family can call.", "Keep watching: the fall is recent."),
        "cpp_second_time_percent": ("Fewer plans were a child's second plan than the year before.", "Second plans now get a review by the independent reviewing service.", "Share the learning from second plans at the practice review subgroup."),
        "suspension_rate": ("Suspensions have risen for three years in a row and are above England.", "Schools shared suspension data each term with the partnership.", "Escalated to the Executive; a multi-agency audit of suspended children was commissioned."),
        "permanent_exclusion_rate": ("Permanent exclusions are above England and rising.", "Inclusion panels met every fortnight.", "Audit the routes from suspension to permanent exclusion."),
        "ehe_count": ("The number of children educated at home rose between the autumn and spring censuses.", "Every family was offered a visit by the home education team.", "Check how many home-educated children are known to social care."),
        "ehe_send": ("More home-educated children have special educational needs each quarter.", "Families were told about support that continues outside school.", "Work with the SEND team on why families withdraw."),
        "ehe_ehcp": ("A step change: many more home-educated children have an EHC plan in the last year.", "Annual reviews continued for these children.", "The control chart raised this; the subgroup decides whether to audit."),
        "cla_from_other_areas": ("Other areas place many children here, more than our own children in care in some settings.", "Notifications from placing authorities were chased when missing.", "Independent scrutiny of out-of-area placements reports to the Executive."),
        "missing_episodes": ("Missing episodes are steady, with the usual summer peak.", "Return home interviews were offered after every episode.", "Focus on children with repeated episodes."),
        "missing_regulated_homes": ("Episodes from children's homes are steady.", "Homes followed the missing-from-care protocol.", "Share good practice from homes with few episodes."),
        "missing_unregulated": ("Episodes from unregulated settings jumped in the last year.", "Police raised this with placing authorities.", "The control chart raised this; the subgroup decides what to do."),
        "violent_crime_child_victim": ("Violent crime against children is highest in the most deprived areas; the rate there is well above elsewhere.", "The violence reduction partnership funded detached youth work in those areas.", "Look at the areas behind decile 1 with neighbourhood policing."),
        "knife_crime_injury": ("Small numbers that move about from quarter to quarter; no trend.", "Schools delivered knife-crime awareness sessions.", "Keep monitoring."),
        "knife_crime_no_injury": ("A slow rise in possession offences involving children.", "Stop-and-search outcomes were reviewed with youth justice.", "Review with the serious violence duty partners."),
        "was_not_brought": ("Slightly fewer children missed appointments.", "Text reminders went to parents of children with repeated missed appointments.", "Link 'was not brought' with safeguarding records for the children most affected."),
        "ed_engagement": ("The emergency department youth work service is reaching more young people.", "Youth workers were present on the busiest evenings.", "Extend the service to weekends."),
        "early_help_assessments": ("Early help assessments continue to increase.", "Family hubs completed most assessments.", "Measure how many families step up to social care after early help."),
    ]

    public static func loadStories(_ indicators: [String: Indicator], in partnership: Partnership, on db: any Database) async throws {
        let author = "Performance Management Subgroup (illustrative story)"
        for (key, story) in stories {
            guard let indicator = indicators[key], let id = indicator.id,
                  try await Story.query(on: db).filter(\.$indicator.$id == id).count() == 0,
                  let latest = try await IndicatorValue.query(on: db).filter(\.$indicator.$id == id).filter(\.$series == "local")
                    .sort(\.$periodStart, .descending).first() else { continue }
            let row = Story()
            row.$partnership.id = try partnership.requireID()
            row.$indicator.id = id
            row.period = latest.period
            row.whatTheDataShows = story.shows
            row.howMuch = story.howMuch
            row.nextSteps = story.next
            row.author = author
            row.writtenAt = Date()
            try await row.create(on: db)
        }
    }
}
