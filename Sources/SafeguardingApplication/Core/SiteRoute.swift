import Foundation
import SafeguardingDomain

/// Every page of the site. The same value registers a route and builds a link to it, so a link
/// cannot point at a page that does not exist.
public enum SiteRoute: Sendable, Equatable {
    case home
    case signIn
    case signOut
    /// Asking for a reset link by email.
    case forgottenPassword
    /// A one-time set-password link (an invitation or a reset).
    case accountLink(token: String)
    /// Changing one's own password.
    case changePassword
    /// Every partnership the person belongs to: the switcher.
    case yourPartnerships
    /// The code from an authenticator app, asked for after the password.
    case signInCode
    /// The person's own signed-in sessions (GET); ending one (POST `sessionEnd`) or all others (POST `otherSessionsEnd`).
    case yourSessions
    case sessionEnd(id: UUID)
    case otherSessionsEnd
    /// Two-factor sign-in: its state (GET); starting, confirming and turning it off (POST).
    case twoFactor
    case twoFactorStart
    case twoFactorConfirm
    case twoFactorDisable
    /// An administrator ends a member's sessions: all of them, or one.
    case userSessionsEnd(slug: String, id: UUID)
    case userSessionEnd(slug: String, id: UUID, sessionID: UUID)
    /// The partnership's setting that requires two-factor sign-in of roles that read restricted records.
    case twoFactorRequirement(slug: String)
    case dashboard(slug: String)
    case organisations(slug: String)
    case newOrganisation(slug: String)
    case organisation(slug: String, id: UUID)
    case editOrganisation(slug: String, id: UUID)
    case subgroups(slug: String)
    case subgroup(slug: String, id: UUID)
    case newSubgroup(slug: String)
    case subgroupMeetings(slug: String, id: UUID)
    case subgroupMembers(slug: String, id: UUID)
    /// The form that changes a group's details or closes it (GET), and its submission (POST).
    case editSubgroup(slug: String, id: UUID)
    /// Ends a seat on the group (POST).
    case subgroupSeatEnd(slug: String, id: UUID)
    case finance(slug: String)
    case financeYear(slug: String, year: ReportingYear)
    case financeLines(slug: String, year: ReportingYear)
    case users(slug: String)
    case newUser(slug: String)
    case user(slug: String, id: UUID)
    case userLock(slug: String, id: UUID)
    case userUnlock(slug: String, id: UUID)
    case userResetLink(slug: String, id: UUID)
    case audit(slug: String)
    case indicators(slug: String)
    case indicator(slug: String, key: String)
    case newIndicator(slug: String)
    case editIndicator(slug: String, key: String)
    case indicatorStory(slug: String, key: String)
    case escalation(slug: String, key: String, id: UUID)
    case dataReturns(slug: String)
    case dataReturnValue(slug: String)
    case dataReturnUpload(slug: String)
    case extractUpload(slug: String)
    case learning(slug: String)
    case learningSources(slug: String)
    case newLearningSource(slug: String)
    case learningSource(slug: String, id: UUID)
    case editLearningSource(slug: String, id: UUID)
    case sourceFindings(slug: String, id: UUID)
    case sourceRecommendations(slug: String, id: UUID)
    case challengeEvent(slug: String, sourceID: UUID)
    case recommendation(slug: String, id: UUID)
    case recommendationActions(slug: String, id: UUID)
    case recommendationsWithoutActions(slug: String)
    case actions(slug: String)
    case action(slug: String, id: UUID)
    case actionStatus(slug: String, id: UUID)
    case actionEvidence(slug: String, id: UUID)
    case audits(slug: String)
    case auditTool(slug: String, id: UUID)
    case auditQuestions(slug: String, id: UUID)
    case auditCases(slug: String, id: UUID)
    case auditParticipants(slug: String, id: UUID)
    case auditAnswers(slug: String, id: UUID, caseID: UUID, organisationID: UUID)
    case surveys(slug: String)
    case newSurvey(slug: String)
    case survey(slug: String, id: UUID)
    case surveyQuestions(slug: String, id: UUID)
    case surveyStatus(slug: String, id: UUID)
    case surveyResultsCSV(slug: String, id: UUID)
    case reviews(slug: String)
    case reviewSettings(slug: String)
    case incidents(slug: String)
    case newIncident(slug: String)
    case incident(slug: String, id: UUID)
    case incidentStep(slug: String, id: UUID, step: IncidentStep)
    case localReviews(slug: String)
    case newLocalReview(slug: String)
    case localReview(slug: String, id: UUID)
    case localReviewMilestones(slug: String, id: UUID)
    case localReviewMilestoneDone(slug: String, id: UUID, milestoneID: UUID)
    case localReviewPublication(slug: String, id: UUID)
    case reviewSources(slug: String)
    case newReviewSource(slug: String)
    case reviewThemes(slug: String)
    case reports(slug: String)
    /// The report's page: `reports/2023-24`.
    case report(slug: String, year: ReportingYear)
    /// An output of the report: `reports/2023-24.pdf`. Shares its route with `report`.
    case reportFile(slug: String, year: ReportingYear, format: ReportOutputFormat)
    /// The children's version: `reports/2023-24/children.html`.
    case reportChildren(slug: String, year: ReportingYear, format: ReportOutputFormat)
    case reportSection(slug: String, year: ReportingYear, key: String)
    case reportSettings(slug: String, year: ReportingYear)
    case reportSignOffs(slug: String, year: ReportingYear)
    case reportPublication(slug: String, year: ReportingYear)
    case reportCopy(slug: String, year: ReportingYear)
    case reportVersions(slug: String, year: ReportingYear)
    // Corrections to the learning tracker and practice reviews: the form that changes or withdraws
    // a record (GET, and POST to save), its withdrawal (POST), the withdrawn records of the module,
    // and the restore of one (POST, administrators).
    case learningRecordEdit(slug: String, kind: LearningRecordKind, id: UUID)
    case learningRecordWithdraw(slug: String, kind: LearningRecordKind, id: UUID)
    case learningWithdrawn(slug: String)
    case learningRecordRestore(slug: String, kind: LearningRecordKind, id: UUID)
    case reviewRecordEdit(slug: String, kind: ReviewRecordKind, id: UUID)
    case reviewRecordWithdraw(slug: String, kind: ReviewRecordKind, id: UUID)
    case reviewsWithdrawn(slug: String)
    case reviewRecordRestore(slug: String, kind: ReviewRecordKind, id: UUID)
    case publicSurvey(token: String)
    case publicSurveyThanks(token: String)
    /// The one-time set-up link of a new installation.
    case setup(token: String)
    case stylesheet
    // Correcting the register and performance: changing seats, meetings and contributions,
    // withdrawing records added by mistake, and the administrators' lists of withdrawn records.
    /// The register's withdrawn records (GET), and restoring one (POST `kind`, `id`).
    case registerWithdrawn(slug: String)
    /// The form that withdraws one register record (GET), and its submission (POST).
    case registerWithdraw(slug: String, kind: String, id: UUID)
    case editSeat(slug: String, id: UUID)
    case editMeeting(slug: String, id: UUID)
    case editContribution(slug: String, id: UUID)
    /// Performance's withdrawn values and stories (GET), and restoring one (POST `kind`, `id`).
    case performanceWithdrawn(slug: String)
    /// The form that withdraws a value or a story (GET), and its submission (POST).
    case performanceWithdraw(slug: String, kind: String, id: UUID)
    /// An indicator's local values and current stories, each with its corrections.
    case indicatorValues(slug: String, key: String)
    /// The form that changes one value (GET), and its submission (POST).
    case editIndicatorValue(slug: String, id: UUID)

    public enum Segment: Sendable {
        case constant(String)
        case parameter(String, String)
    }

    public var segments: [Segment] {
        switch self {
        case .home: []
        case .signIn: [.constant("login")]
        case .signOut: [.constant("logout")]
        case .forgottenPassword: [.constant("login"), .constant("forgotten")]
        case .accountLink(let token): [.constant("account"), .constant("links"), .parameter("token", token)]
        case .changePassword: [.constant("account"), .constant("password")]
        case .yourPartnerships: [.constant("partnerships")]
        case .signInCode: [.constant("login"), .constant("code")]
        case .yourSessions: [.constant("account"), .constant("sessions")]
        case .sessionEnd(let id): [.constant("account"), .constant("sessions"), .parameter("id", id.uuidString.lowercased()), .constant("end")]
        case .otherSessionsEnd: [.constant("account"), .constant("sessions"), .constant("end-others")]
        case .twoFactor: [.constant("account"), .constant("two-factor")]
        case .twoFactorStart: [.constant("account"), .constant("two-factor"), .constant("start")]
        case .twoFactorConfirm: [.constant("account"), .constant("two-factor"), .constant("confirm")]
        case .twoFactorDisable: [.constant("account"), .constant("two-factor"), .constant("disable")]
        case let .userSessionsEnd(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased()), .constant("sessions"), .constant("end")]
        case let .userSessionEnd(slug, id, sessionID): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased()), .constant("sessions"),
                                                                                 .parameter("sessionID", sessionID.uuidString.lowercased()), .constant("end")]
        case .twoFactorRequirement(let slug): Self.partnership(slug) + [.constant("users"), .constant("two-factor")]
        case .stylesheet: [.constant("assets"), .constant("app.css")]
        case .dashboard(let slug): Self.partnership(slug)
        case .organisations(let slug): Self.partnership(slug) + [.constant("organisations")]
        case .newOrganisation(let slug): Self.partnership(slug) + [.constant("organisations"), .constant("new")]
        case let .organisation(slug, id): Self.partnership(slug) + [.constant("organisations"), .parameter("id", id.uuidString.lowercased())]
        case let .editOrganisation(slug, id): Self.partnership(slug) + [.constant("organisations"), .parameter("id", id.uuidString.lowercased()), .constant("edit")]
        case .subgroups(let slug): Self.partnership(slug) + [.constant("subgroups")]
        case let .subgroup(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased())]
        case .newSubgroup(let slug): Self.partnership(slug) + [.constant("subgroups"), .constant("new")]
        case let .subgroupMeetings(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased()), .constant("meetings")]
        case let .subgroupMembers(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased()), .constant("members")]
        case let .editSubgroup(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased()), .constant("edit")]
        case let .subgroupSeatEnd(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased()), .constant("seats"), .constant("end")]
        case .finance(let slug): Self.partnership(slug) + [.constant("finance")]
        case let .financeYear(slug, year): Self.partnership(slug) + [.constant("finance"), .parameter("year", year.description)]
        case let .financeLines(slug, year): Self.partnership(slug) + [.constant("finance"), .parameter("year", year.description), .constant("lines")]
        case .users(let slug): Self.partnership(slug) + [.constant("users")]
        case .newUser(let slug): Self.partnership(slug) + [.constant("users"), .constant("new")]
        case let .user(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased())]
        case let .userLock(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased()), .constant("lock")]
        case let .userUnlock(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased()), .constant("unlock")]
        case let .userResetLink(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased()), .constant("reset-link")]
        case .audit(let slug): Self.partnership(slug) + [.constant("audit")]
        case .indicators(let slug): Self.partnership(slug) + [.constant("indicators")]
        case let .indicator(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key)]
        case .newIndicator(let slug): Self.partnership(slug) + [.constant("indicators"), .constant("new")]
        case let .editIndicator(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("edit")]
        case let .indicatorStory(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("story")]
        case let .escalation(slug, key, id): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("escalations"), .parameter("id", id.uuidString.lowercased())]
        case .dataReturns(let slug): Self.partnership(slug) + [.constant("data-returns")]
        case .dataReturnValue(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("value")]
        case .dataReturnUpload(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("upload")]
        case .extractUpload(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("extract")]
        case .learning(let slug): Self.partnership(slug) + [.constant("learning")]
        case .learningSources(let slug): Self.partnership(slug) + [.constant("learning"), .constant("sources")]
        case .newLearningSource(let slug): Self.partnership(slug) + [.constant("learning"), .constant("sources"), .constant("new")]
        case let .learningSource(slug, id): Self.source(slug, id)
        case let .editLearningSource(slug, id): Self.source(slug, id) + [.constant("edit")]
        case let .sourceFindings(slug, id): Self.source(slug, id) + [.constant("findings")]
        case let .sourceRecommendations(slug, id): Self.source(slug, id) + [.constant("recommendations")]
        case let .challengeEvent(slug, id): Self.source(slug, id) + [.constant("challenge-event")]
        case let .recommendation(slug, id): Self.partnership(slug) + [.constant("learning"), .constant("recommendations"), Self.id(id)]
        case let .recommendationActions(slug, id): Self.partnership(slug) + [.constant("learning"), .constant("recommendations"), Self.id(id), .constant("actions")]
        case .recommendationsWithoutActions(let slug): Self.partnership(slug) + [.constant("learning"), .constant("recommendations")]
        case .actions(let slug): Self.partnership(slug) + [.constant("learning"), .constant("actions")]
        case let .action(slug, id): Self.partnership(slug) + [.constant("learning"), .constant("actions"), Self.id(id)]
        case let .actionStatus(slug, id): Self.partnership(slug) + [.constant("learning"), .constant("actions"), Self.id(id), .constant("status")]
        case let .actionEvidence(slug, id): Self.partnership(slug) + [.constant("learning"), .constant("actions"), Self.id(id), .constant("evidence")]
        case .audits(let slug): Self.partnership(slug) + [.constant("audits")]
        case let .auditTool(slug, id): Self.partnership(slug) + [.constant("audits"), Self.id(id)]
        case let .auditQuestions(slug, id): Self.partnership(slug) + [.constant("audits"), Self.id(id), .constant("questions")]
        case let .auditCases(slug, id): Self.partnership(slug) + [.constant("audits"), Self.id(id), .constant("cases")]
        case let .auditParticipants(slug, id): Self.partnership(slug) + [.constant("audits"), Self.id(id), .constant("organisations")]
        case let .auditAnswers(slug, id, caseID, organisationID):
            Self.partnership(slug) + [.constant("audits"), Self.id(id), .constant("cases"), .parameter("case", caseID.uuidString.lowercased()),
                                      .constant("organisations"), .parameter("organisation", organisationID.uuidString.lowercased())]
        case .surveys(let slug): Self.partnership(slug) + [.constant("surveys")]
        case .newSurvey(let slug): Self.partnership(slug) + [.constant("surveys"), .constant("new")]
        case let .survey(slug, id): Self.partnership(slug) + [.constant("surveys"), Self.id(id)]
        case let .surveyQuestions(slug, id): Self.partnership(slug) + [.constant("surveys"), Self.id(id), .constant("questions")]
        case let .surveyStatus(slug, id): Self.partnership(slug) + [.constant("surveys"), Self.id(id), .constant("status")]
        case let .surveyResultsCSV(slug, id): Self.partnership(slug) + [.constant("surveys"), Self.id(id), .constant("results.csv")]
        case .reviews(let slug): Self.reviews(slug)
        case .reviewSettings(let slug): Self.reviews(slug) + [.constant("settings")]
        case .incidents(let slug): Self.reviews(slug) + [.constant("incidents")]
        case .newIncident(let slug): Self.reviews(slug) + [.constant("incidents"), .constant("new")]
        case let .incident(slug, id): Self.reviews(slug) + [.constant("incidents"), Self.id(id)]
        case let .incidentStep(slug, id, step): Self.reviews(slug) + [.constant("incidents"), Self.id(id), .constant(step.rawValue)]
        case .localReviews(let slug): Self.reviews(slug) + [.constant("local")]
        case .newLocalReview(let slug): Self.reviews(slug) + [.constant("local"), .constant("new")]
        case let .localReview(slug, id): Self.reviews(slug) + [.constant("local"), Self.id(id)]
        case let .localReviewMilestones(slug, id): Self.reviews(slug) + [.constant("local"), Self.id(id), .constant("milestones")]
        case let .localReviewMilestoneDone(slug, id, milestoneID):
            Self.reviews(slug) + [.constant("local"), Self.id(id), .constant("milestones"), .parameter("milestone", milestoneID.uuidString.lowercased()), .constant("done")]
        case let .localReviewPublication(slug, id): Self.reviews(slug) + [.constant("local"), Self.id(id), .constant("publication")]
        case .reviewSources(let slug): Self.reviews(slug) + [.constant("sources")]
        case .newReviewSource(let slug): Self.reviews(slug) + [.constant("sources"), .constant("new")]
        case .reviewThemes(let slug): Self.reviews(slug) + [.constant("themes")]
        case .reports(let slug): Self.partnership(slug) + [.constant("reports")]
        case let .report(slug, year): Self.partnership(slug) + [.constant("reports"), .parameter("year", year.description)]
        case let .reportFile(slug, year, format): Self.partnership(slug) + [.constant("reports"), .parameter("year", "\(year).\(format.rawValue)")]
        case let .reportChildren(slug, year, format): Self.report(slug, year) + [.parameter("file", "children.\(format.rawValue)")]
        case let .reportSection(slug, year, key): Self.report(slug, year) + [.constant("sections"), .parameter("key", key)]
        case let .reportSettings(slug, year): Self.report(slug, year) + [.constant("settings")]
        case let .reportSignOffs(slug, year): Self.report(slug, year) + [.constant("sign-offs")]
        case let .reportPublication(slug, year): Self.report(slug, year) + [.constant("publication")]
        case let .reportCopy(slug, year): Self.report(slug, year) + [.constant("copy")]
        case let .reportVersions(slug, year): Self.report(slug, year) + [.constant("versions")]
        case let .learningRecordEdit(slug, kind, id): Self.learning(slug) + [.constant(kind.rawValue), Self.id(id), .constant("edit")]
        case let .learningRecordWithdraw(slug, kind, id): Self.learning(slug) + [.constant(kind.rawValue), Self.id(id), .constant("withdraw")]
        case .learningWithdrawn(let slug): Self.learning(slug) + [.constant("withdrawn")]
        case let .learningRecordRestore(slug, kind, id): Self.learning(slug) + [.constant("withdrawn"), .constant(kind.rawValue), Self.id(id), .constant("restore")]
        case let .reviewRecordEdit(slug, kind, id): Self.reviews(slug) + [.constant(kind.rawValue), Self.id(id), .constant("edit")]
        case let .reviewRecordWithdraw(slug, kind, id): Self.reviews(slug) + [.constant(kind.rawValue), Self.id(id), .constant("withdraw")]
        case .reviewsWithdrawn(let slug): Self.reviews(slug) + [.constant("withdrawn")]
        case let .reviewRecordRestore(slug, kind, id): Self.reviews(slug) + [.constant("withdrawn"), .constant(kind.rawValue), Self.id(id), .constant("restore")]
        case .publicSurvey(let token): [.constant("s"), .parameter("token", token)]
        case .publicSurveyThanks(let token): [.constant("s"), .parameter("token", token), .constant("thanks")]
        case .setup(let token): [.constant("setup"), .parameter("token", token)]
        case .registerWithdrawn(let slug): Self.partnership(slug) + [.constant("register"), .constant("withdrawn")]
        case let .registerWithdraw(slug, kind, id): Self.partnership(slug) + [.constant("register"), .parameter("kind", kind), Self.id(id), .constant("withdraw")]
        case let .editSeat(slug, id): Self.partnership(slug) + [.constant("seats"), Self.id(id)]
        case let .editMeeting(slug, id): Self.partnership(slug) + [.constant("meetings"), Self.id(id)]
        case let .editContribution(slug, id): Self.partnership(slug) + [.constant("contributions"), Self.id(id)]
        case .performanceWithdrawn(let slug): Self.partnership(slug) + [.constant("performance"), .constant("withdrawn")]
        case let .performanceWithdraw(slug, kind, id): Self.partnership(slug) + [.constant("performance"), .parameter("kind", kind), Self.id(id), .constant("withdraw")]
        case let .indicatorValues(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("values")]
        case let .editIndicatorValue(slug, id): Self.partnership(slug) + [.constant("performance"), .constant("values"), Self.id(id)]
        }
    }

    private static func id(_ id: UUID) -> Segment { .parameter("id", id.uuidString.lowercased()) }

    private static func source(_ slug: String, _ id: UUID) -> [Segment] {
        partnership(slug) + [.constant("learning"), .constant("sources"), Self.id(id)]
    }

    private static func report(_ slug: String, _ year: ReportingYear) -> [Segment] {
        partnership(slug) + [.constant("reports"), .parameter("year", year.description)]
    }

    private static func reviews(_ slug: String) -> [Segment] { partnership(slug) + [.constant("reviews")] }

    private static func learning(_ slug: String) -> [Segment] { partnership(slug) + [.constant("learning")] }

    private static func partnership(_ slug: String) -> [Segment] {
        [.constant("partnerships"), .parameter("slug", slug)]
    }

    /// The link: `/partnerships/calderdale/organisations`.
    public var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(_, let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
            }
        }.joined(separator: "/")
    }
}

/// The steps of a serious incident's page that each have a form.
public enum IncidentStep: String, CaseIterable, Sendable {
    case notification
    case agencies
    case rapidReview = "rapid-review"
    case signOffs = "sign-offs"
    case submission
}

/// The formats the yearly report comes in.
public enum ReportOutputFormat: String, CaseIterable, Sendable {
    case html
    case pdf
    case docx
    case md

    public var label: String {
        switch self {
        case .html: "Web page (HTML)"
        case .pdf: "PDF"
        case .docx: "Word (.docx)"
        case .md: "Markdown"
        }
    }

    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .md: "text/markdown; charset=utf-8"
        }
    }
}
