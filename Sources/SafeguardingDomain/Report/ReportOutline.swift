import Foundation

/// The sections of a yearly report, in the order the reference report uses.
public enum ReportSectionKey: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    case foreword
    case area
    case governance
    case changes
    case scrutiny
    case voice
    case reviews
    case assessment
    case childDeaths = "child_deaths"
    case training
    case priorities
    case appendices

    public var title: String {
        switch self {
        case .foreword: "Foreword"
        case .area: "Our area"
        case .governance: "Governance and the partners' contributions"
        case .changes: "Changes to the arrangements"
        case .scrutiny: "Independent scrutiny and assurance"
        case .voice: "Voice and engagement of children and families"
        case .reviews: "Practice reviews"
        case .assessment: "Organisational safeguarding assessment"
        case .childDeaths: "Child deaths"
        case .training: "Workforce learning and training"
        case .priorities: "Summary and priorities for next year"
        case .appendices: "Appendices"
        }
    }

    /// The module whose data the section draws on, named as users know it.
    public var module: String {
        switch self {
        case .foreword: "narrative only"
        case .area: "area facts and official statistics"
        case .governance: "the partnership register and finance"
        case .changes: "the procedures change log"
        case .scrutiny: "learning and improvement, and performance management"
        case .voice: "surveys and Young Advisors' work"
        case .reviews: "practice reviews"
        case .assessment: "the organisational safeguarding assessment"
        case .childDeaths: "the Child Death Overview Panel"
        case .training: "workforce learning"
        case .priorities: "priorities"
        case .appendices: "the partnership register"
        }
    }

    /// What the writer is asked for when the narrative is empty.
    public var prompt: String {
        switch self {
        case .foreword: "A short introduction from the independent chair or the statutory partners: what the year meant for children."
        case .area: "What the figures say about children in the area, and how the partners used them."
        case .governance: "How the statutory partners led the arrangements and how education settings took part."
        case .changes: "What changed in the arrangements during the year, and why."
        case .scrutiny: "What audits, challenge events and scrutiny found, and what changed as a result."
        case .voice: "How children and families were heard and what the partners did with it."
        case .reviews: "What the practice reviews taught the partnership and what changed in practice."
        case .assessment: "What organisations said about their own safeguarding, and what the partnership did with it."
        case .childDeaths: "What the panel learned from child deaths, without identifying any child."
        case .training: "What training was offered and the difference it made."
        case .priorities: "Where progress was slow, and the priorities for the coming year."
        case .appendices: "Anything the appendices need to explain."
        }
    }

    /// Sections that only people can write: no generated content, so "no data" means no narrative yet.
    public var isNarrativeOnly: Bool { self == .foreword || self == .priorities }

    /// What a draft says of a section whose module is not yet in use for the year.
    public func notYetRecorded(year: ReportingYear) -> String {
        switch self {
        case .changes: "No procedure changes are recorded for \(year): the procedures change log is not yet kept in the app."
        case .childDeaths: "No child death figures are recorded for \(year): the Child Death Overview Panel module is not yet in use."
        case .training: "No training is recorded for \(year): the workforce learning module is not yet in use."
        default: "Nothing is recorded for \(year) in the module that writes this section."
        }
    }
}

/// Evidence a section can hold, named so the Working Together checklist can ask for it.
public enum ReportEvidence: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    case statutoryPartners = "statutory_partners"
    case financeTable = "finance_table"
    case educationInvolvement = "education_involvement"
    case indicators
    case audits
    case training
    case progressAnalysis = "progress_analysis"
    case reviewDecisions = "review_decisions"
    case reviewActions = "review_actions"
    case nationalReviews = "national_reviews"
    case childFeedback = "child_feedback"
    case independentScrutiny = "independent_scrutiny"
    case priorities

    public var label: String {
        switch self {
        case .statutoryPartners: "the statutory partners and their roles in the register"
        case .financeTable: "contributions for the year in the finance table"
        case .educationInvolvement: "schools, colleges or early years settings in the register or on a subgroup"
        case .indicators: "indicator values for the year"
        case .audits: "audits completed in the year"
        case .training: "training delivered in the year"
        case .progressAnalysis: "actions or indicators to show where progress was slow"
        case .reviewDecisions: "rapid review decisions or local reviews published in the year"
        case .reviewActions: "actions on practice review recommendations"
        case .nationalReviews: "national panel reviews considered"
        case .childFeedback: "surveys of children or Young Advisors' work in the year"
        case .independentScrutiny: "independent scrutiny recorded for the year"
        case .priorities: "priorities for the coming year written in the summary"
        }
    }

    /// The section where this evidence appears.
    public var section: ReportSectionKey {
        switch self {
        case .statutoryPartners, .financeTable, .educationInvolvement: .governance
        case .indicators, .audits, .progressAnalysis, .independentScrutiny: .scrutiny
        case .training: .training
        case .reviewDecisions, .reviewActions, .nationalReviews: .reviews
        case .childFeedback: .voice
        case .priorities: .priorities
        }
    }
}

/// What Working Together to Safeguard Children 2023 says a yearly report should include.
public enum WorkingTogetherItem: Int, Sendable, Codable, Equatable, CaseIterable {
    case contributions = 1
    case impact
    case littleProgress
    case reviewActions
    case feedback
    case education
    case scrutiny
    case priorities

    public var text: String {
        switch self {
        case .contributions: "The contribution of each safeguarding partner to the functioning and structure of the arrangements, including money"
        case .impact: "Evidence of the impact of the work of partners and relevant agencies, including training, on outcomes for children and families"
        case .littleProgress: "An analysis of any areas with little or no evidence of progress on agreed priorities"
        case .reviewActions: "Decisions and actions taken to implement the recommendations of local and national practice reviews, and the resulting improvements"
        case .feedback: "How the partners sought and used feedback from children and families"
        case .education: "How education and childcare settings are represented and involved"
        case .scrutiny: "How the arrangements were independently scrutinised, and the conclusions"
        case .priorities: "The priorities for the coming year"
        }
    }

    /// The evidence the report needs before this item counts as covered.
    public var evidence: [ReportEvidence] {
        switch self {
        case .contributions: [.statutoryPartners, .financeTable]
        case .impact: [.indicators, .audits, .training]
        case .littleProgress: [.progressAnalysis]
        case .reviewActions: [.reviewDecisions, .reviewActions, .nationalReviews]
        case .feedback: [.childFeedback]
        case .education: [.educationInvolvement]
        case .scrutiny: [.independentScrutiny]
        case .priorities: [.priorities]
        }
    }

    /// The sections that answer this item, in report order.
    public var sections: [ReportSectionKey] {
        var keys = evidence.map(\.section)
        switch self {
        case .impact: keys += [.voice, .reviews]
        case .littleProgress: keys += [.priorities]
        default: break
        }
        return ReportSectionKey.allCases.filter(keys.contains)
    }
}

/// One line of the Working Together checklist: the item, the sections that cover it, and what is missing.
public struct ChecklistResult: Sendable, Codable, Equatable {
    public var item: WorkingTogetherItem
    public var sections: [ReportSectionKey]
    public var present: [ReportEvidence]
    public var missing: [ReportEvidence]
    /// Stored only when some are: documents and digests made before sections could be left out read the same.
    private var sectionsLeftOut: [ReportSectionKey]?

    enum CodingKeys: String, CodingKey {
        case item, sections, present, missing
        case sectionsLeftOut = "leftOut"
    }

    public init(item: WorkingTogetherItem, sections: [ReportSectionKey], present: [ReportEvidence], missing: [ReportEvidence],
                leftOut: [ReportSectionKey] = []) {
        self.item = item
        self.sections = sections
        self.present = present
        self.missing = missing
        self.sectionsLeftOut = leftOut.isEmpty ? nil : leftOut
    }

    /// The item's sections that the partnership left out of the report: the item is a gap while any is.
    public var leftOut: [ReportSectionKey] { sectionsLeftOut ?? [] }

    public var isCovered: Bool { missing.isEmpty && leftOut.isEmpty }

    /// What is missing, in words: "section left out (Child deaths); no training delivered in the year; no …".
    public var missingText: String {
        let left = leftOut.isEmpty ? [] : ["section left out (\(leftOut.map(\.title).joined(separator: ", ")))"]
        return (left + missing.map { "no " + $0.label }).joined(separator: "; ")
    }

    /// The status as the report prints it.
    public var statusText: String {
        if isCovered { return "Covered" }
        return (leftOut.isEmpty ? "Not yet covered: " : "Not covered: ") + missingText
    }
}

public enum WorkingTogetherChecklist {
    /// Checks each item against the evidence the composed report holds. An item one of whose sections
    /// is in `leftOut` is a gap whatever its evidence: the published report will not answer it there.
    public static func evaluate(present evidence: Set<ReportEvidence>, leftOut: Set<ReportSectionKey> = []) -> [ChecklistResult] {
        WorkingTogetherItem.allCases.map { item in
            ChecklistResult(item: item, sections: item.sections,
                            present: item.evidence.filter(evidence.contains),
                            missing: item.evidence.filter { !evidence.contains($0) },
                            leftOut: item.sections.filter(leftOut.contains))
        }
    }

    /// The checklist's gaps in one line each, as shown before publication.
    public static func gaps(_ results: [ChecklistResult]) -> [String] {
        results.filter { !$0.isCovered }.map { "Item \($0.item.rawValue): \($0.missingText)" }
    }
}
