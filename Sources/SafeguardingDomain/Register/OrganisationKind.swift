/// Where an organisation stands in the arrangements (Working Together 2023).
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case localAuthority = "local_authority"
    case integratedCareBoard = "integrated_care_board"
    case police
    case relevantAgency = "relevant_agency"
    case schoolOrCollege = "school_or_college"
    case voluntarySector = "voluntary_sector"

    public var label: String {
        switch self {
        case .localAuthority: "Statutory partner: local authority"
        case .integratedCareBoard: "Statutory partner: integrated care board"
        case .police: "Statutory partner: police"
        case .relevantAgency: "Relevant agency"
        case .schoolOrCollege: "School or college"
        case .voluntarySector: "Voluntary and community sector"
        }
    }

    public var isStatutoryPartner: Bool {
        switch self {
        case .localAuthority, .integratedCareBoard, .police: true
        default: false
        }
    }
}

/// The sector an organisation works in, for grouping in the register and the yearly report.
public enum Sector: String, CaseIterable, Codable, Sendable {
    case localGovernment = "local_government"
    case health
    case policing
    case justice
    case education
    case earlyYears = "early_years"
    case housing
    case voluntary
    case fireAndRescue = "fire_and_rescue"
    case faith
    case sportAndLeisure = "sport_and_leisure"
    case care
    case other

    public var label: String {
        switch self {
        case .localGovernment: "Local government"
        case .health: "Health"
        case .policing: "Policing"
        case .justice: "Justice"
        case .education: "Education"
        case .earlyYears: "Early years"
        case .housing: "Housing"
        case .voluntary: "Voluntary and community"
        case .fireAndRescue: "Fire and rescue"
        case .faith: "Faith"
        case .sportAndLeisure: "Sport and leisure"
        case .care: "Children's homes and fostering"
        case .other: "Other"
        }
    }
}

/// The bodies of the arrangements: the Executive at the top, subgroups and panels beneath it.
public enum GroupKind: String, CaseIterable, Codable, Sendable {
    case executive
    case subgroup
    case panel
    case taskAndFinish = "task_and_finish"
    case network

    public var label: String {
        switch self {
        case .executive: "Executive"
        case .subgroup: "Subgroup"
        case .panel: "Panel"
        case .taskAndFinish: "Task and finish group"
        case .network: "Network"
        }
    }
}

/// Where a contribution to the partnership's budget comes from.
public enum ContributionCategory: String, CaseIterable, Codable, Sendable {
    case partner
    case grant
    case other

    public var label: String {
        switch self {
        case .partner: "Partner contribution"
        case .grant: "Grant"
        case .other: "Other contribution"
        }
    }
}
