import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// One indicator of the dataset: what it counts, who supplies it, which way is better.
public struct IndicatorRecord: Sendable {
    public let id: UUID
    /// Used in data returns and the API; never changes once the indicator is made.
    public let key: String
    public let name: String
    public let definition: String
    /// The organisation whose contributors submit its values and write its story; none means the business unit.
    public let sourceOrganisationID: UUID?
    public let sourceOrganisationName: String?
    /// One of `IndicatorDraft.units`: `count`, `rate_per_10000`, `percentage`, `rate_per_100_pupils`.
    public let unit: String
    public let polarity: Polarity
    public let priority: String?
    public let isPublished: Bool
    /// Some of its figures are made up to show how the software works.
    public let isIllustrative: Bool

    /// From an indicator read with its source organisation.
    init(_ indicator: Indicator) throws {
        id = try indicator.requireID()
        key = indicator.key
        name = indicator.name
        definition = indicator.definition
        sourceOrganisationID = indicator.$sourceOrganisation.id
        sourceOrganisationName = indicator.sourceOrganisation?.name
        unit = indicator.unit
        polarity = Polarity(rawValue: indicator.polarity) ?? .neither
        priority = indicator.priority
        isPublished = indicator.isPublished
        isIllustrative = indicator.isIllustrative
    }

    /// The organisation that supplies the indicator, as the permission rules name it.
    var owner: OrganisationRef? { sourceOrganisationID.map { OrganisationRef($0.uuidString) } }

    /// The submitted fields with the key as it is: an indicator's key never changes.
    public func keepingKey(_ submitted: [String: String]) -> [String: String] {
        var values = submitted
        values["key"] = key
        return values
    }

    /// The indicator as the catalogue form's fields.
    public var fields: [String: String] {
        ["key": key, "name": name, "definition": definition, "source_organisation": sourceOrganisationName ?? "", "unit": unit,
         "polarity": polarity.rawValue, "priority": priority ?? "", "is_published": isPublished ? "yes" : "no"]
    }
}

/// The multi-agency dataset: each indicator's latest local value, direction of travel, position
/// against England and open escalations.
public struct IndicatorListPage: Sendable {
    public struct Row: Sendable {
        public let key: String
        public let name: String
        public let unit: String
        public let isIllustrative: Bool
        /// The latest value up to today (`judgement.latest`), its direction of travel and its
        /// position against England.
        public let judgement: IndicatorJudgement
        public let openEscalations: Int
    }

    public let partnershipName: String
    public let mayEditCatalogue: Bool
    /// Whether the viewer submits values for their organisation or aggregates extracts.
    public let maySubmitReturns: Bool
    public let rows: [Row]
}

/// One indicator's page: its definition, control chart, escalations, comparators, breakdowns and
/// the story behind the data, with the forms this viewer may use.
public struct IndicatorPage: Sendable {
    /// One version of the story behind the data.
    public struct StoryVersion: Sendable {
        public let periodLabel: String
        public let whatTheDataShows: String
        public let howMuch: String?
        public let howWell: String?
        public let betterOff: String?
        public let nextSteps: String?
        public let author: String
        public let writtenAt: Date
    }

    /// A learning source an escalation commissioned, that the viewer may see.
    public struct CommissionedSource: Sendable {
        public let id: UUID
        public let title: String
    }

    /// A worsening trend the control chart raised, and the decision on it if one is made.
    public struct EscalationLine: Sendable {
        public let id: UUID
        public let signal: String
        public let raisedAt: Date
        public let decision: PerformanceStore.Decision?
        public let reason: String?
        public let decidedBy: String?
        public let decidedAt: Date?
        public let commissioned: [CommissionedSource]
        /// It commissioned an audit that is not planned yet, and the viewer plans audits.
        public let mayPlanAudit: Bool
    }

    public let indicator: IndicatorRecord
    public let analysis: IndicatorAnalysis
    /// Direction of travel and position against England as at today, as the yearly report judges
    /// them as at its year's end.
    public let judgement: IndicatorJudgement
    /// Newest first.
    public let stories: [StoryVersion]
    /// Newest first.
    public let escalations: [EscalationLine]
    public let mayEditCatalogue: Bool
    /// The indicator's supplier (or an administrator) writes its story.
    public let mayWriteStory: Bool
    public let mayDecide: Bool
}

/// The form to add an indicator to the catalogue, or to change one.
public struct IndicatorFormPage: Sendable {
    public let partnershipName: String
    /// The indicator being changed; nil when adding one.
    public let editing: IndicatorRecord?
    /// The organisations that may supply an indicator.
    public let organisations: [OrganisationChoice]

    /// The submitted fields, with the key of the indicator being changed kept as it is.
    public func keepingKey(_ submitted: [String: String]) -> [String: String] {
        editing?.keepingKey(submitted) ?? submitted
    }
}

/// An indicator's stored values, as the API gives them.
public struct IndicatorValues: Sendable {
    /// One stored value, its period, series, breakdown and group as stored.
    public struct Point: Sendable {
        public let period: String
        public let series: String
        public let breakdown: String
        public let group: String
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?
    }

    public let indicator: IndicatorRecord
    /// Oldest period first.
    public let points: [Point]
}

/// An indicator's local values and current stories, each with a link to change or withdraw it.
public struct IndicatorValuesPage: Sendable {
    public struct Value: Sendable {
        public let id: UUID
        public let period: String
        public let breakdown: String
        public let group: String
        public let value: Double
        public let numerator: Double?
        public let denominator: Double?
    }

    public struct StoryLine: Sendable {
        public let id: UUID
        public let period: String
        public let author: String
        public let writtenAt: Date
    }

    public let partnershipName: String
    public let slug: String
    public let key: String
    public let name: String
    public let unit: String
    /// Newest period first.
    public let values: [Value]
    /// Newest first.
    public let stories: [StoryLine]
}

/// The form that changes one value of an indicator.
public struct ValueFormPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let id: UUID
    public let key: String
    public let indicatorName: String
    public let period: String
    public let breakdown: String
    public let group: String
    public let unit: String
    public let value: Double
    public let numerator: Double?
    public let denominator: Double?
}
