/// What a person may do in one partnership. A user holds one role per partnership.
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrator
    case executive
    case contributor
    case childDeathPanelMember = "child_death_panel_member"
    case youngAdvisor = "young_advisor"
    case viewer

    public var label: String {
        switch self {
        case .administrator: "Administrator (business unit)"
        case .executive: "Executive member"
        case .contributor: "Contributor for an organisation"
        case .childDeathPanelMember: "Child death panel member"
        case .youngAdvisor: "Young advisor"
        case .viewer: "Viewer"
        }
    }

    /// Whether people in this role work for one organisation and must name it.
    public var needsOrganisation: Bool { self == .contributor }
}

/// Everything a page or an API call can ask permission for. Checked in one place, `Access.allows`.
public enum Permission: Sendable, Equatable {
    case readRegister
    case readFinance
    case editFinance
    case addOrganisation
    case editOrganisation(owner: OrganisationRef)
    case editStructure
    case manageUsers
    case readAuditLog
    case readChildDeathRecords
    case approve
    case readPerformance
    case editIndicators
    /// Submitting values, or writing the story, for an indicator the owner organisation supplies.
    case submitValues(owner: OrganisationRef?)
    case importOfficialData
    case decideEscalation
    /// Reading the learning tracker: sources, findings, recommendations, actions, audits and survey results.
    case readLearning
    /// Recording sources of learning, their findings and recommendations, audits and surveys.
    case editLearning
    /// Recording a challenge event and its judgements.
    case recordChallenge
    /// Updating an action (status, evidence of impact) that the owner organisation holds.
    case updateAction(owner: OrganisationRef)
    /// Answering an audit's questions for the owner organisation.
    case answerAudit(owner: OrganisationRef)
    /// Reading practice reviews before publication: serious incidents, rapid reviews, unpublished
    /// local reviews and reflective sessions. Published reviews are open to every reader of learning.
    case readUnpublishedReviews
    /// Recording serious incidents, rapid reviews, local reviews and their deadlines.
    case recordReviews
    /// Setting the partnership's statutory timescales and which subgroup holds practice reviews.
    case configureReviews
    /// Reading the yearly report before it is published: the draft, its flags, checklist and suppressions.
    case readReportDraft
    /// Writing the report's narrative and settings, publishing it and recording the copy sent.
    case editReport
    /// Recording a statutory partner's sign-off of the report.
    case signOffReport
    /// Writing the Young Advisors' part of the children's version.
    case writeChildrenReport
}

/// The organisation a record belongs to, compared by its identifier's text.
public struct OrganisationRef: Hashable, Sendable {
    public let id: String
    public init(_ id: String) { self.id = id }
}

/// A signed-in person's standing in one partnership.
public struct Grant: Sendable, Equatable {
    public let role: Role
    public let organisation: OrganisationRef?
    /// Whether the person sits on the subgroup that holds the partnership's practice reviews.
    public let sitsOnReviewGroup: Bool

    public init(role: Role, organisation: OrganisationRef?, sitsOnReviewGroup: Bool = false) {
        self.role = role
        self.organisation = organisation
        self.sitsOnReviewGroup = sitsOnReviewGroup
    }
}

public enum Access {
    /// Whether the grant reads restricted records: practice reviews before publication, child
    /// death records, the users and the audit log. A partnership may require two-factor sign-in
    /// of exactly these people.
    public static func readsRestrictedRecords(_ grant: Grant) -> Bool {
        allows(grant, .readUnpublishedReviews) || allows(grant, .readChildDeathRecords) || allows(grant, .manageUsers) || allows(grant, .readAuditLog)
    }

    /// Least privilege: each role gets what its work needs and no more.
    public static func allows(_ grant: Grant, _ permission: Permission) -> Bool {
        switch (grant.role, permission) {
        case (.administrator, _):
            return true
        case (.executive, .readUnpublishedReviews), (.executive, .readReportDraft), (.executive, .signOffReport):
            return true
        case (.contributor, .readReportDraft), (.viewer, .readReportDraft), (.youngAdvisor, .readReportDraft), (.youngAdvisor, .writeChildrenReport):
            return true
        case (.executive, .recordReviews), (.contributor, .recordReviews), (.childDeathPanelMember, .recordReviews),
             (.contributor, .readUnpublishedReviews), (.childDeathPanelMember, .readUnpublishedReviews), (.viewer, .readUnpublishedReviews):
            // The review subgroup's members own its work; a viewer on it may read but not record.
            return grant.sitsOnReviewGroup
        case (.executive, .readChildDeathRecords):
            return false
        case (.executive, .readRegister), (.executive, .readFinance), (.executive, .approve),
             (.executive, .readPerformance), (.executive, .decideEscalation),
             (.executive, .readLearning), (.executive, .recordChallenge):
            return true
        case (.executive, _):
            return false
        case (.contributor, .readRegister), (.contributor, .readFinance), (.contributor, .readPerformance), (.contributor, .readLearning):
            return true
        case let (.contributor, .updateAction(owner)), let (.contributor, .answerAudit(owner)):
            return grant.organisation == owner
        case let (.contributor, .editOrganisation(owner)):
            return grant.organisation == owner
        case let (.contributor, .submitValues(owner)):
            return owner != nil && grant.organisation == owner
        case (.contributor, _):
            return false
        case (.childDeathPanelMember, .readRegister), (.childDeathPanelMember, .readChildDeathRecords), (.childDeathPanelMember, .readPerformance):
            return true
        case (.childDeathPanelMember, _):
            return false
        case (.youngAdvisor, .readRegister), (.youngAdvisor, .readPerformance):
            return true
        case (.youngAdvisor, _):
            return false
        case (.viewer, .readRegister), (.viewer, .readFinance), (.viewer, .readPerformance), (.viewer, .readLearning):
            return true
        case (.viewer, _):
            return false
        }
    }
}
