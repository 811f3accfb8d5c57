import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The partnership's surveys, newest year first.
public struct SurveysPage: Sendable {
    public struct Row: Sendable {
        /// The survey's own id (its source of learning has another).
        public let id: UUID
        public let title: String
        public let reportingYear: String
        public let questions: Int
        public let responses: Int
        public let isOpen: Bool
    }

    public let partnershipName: String
    public let surveys: [Row]
    /// Builds surveys: the learning's editors.
    public let mayBuild: Bool
}

/// The form that builds a survey.
public struct SurveyFormPage: Sendable {
    public let partnershipName: String
    /// The subgroups, one of which may own the survey.
    public let groups: [GroupChoice]
    /// The reporting year today falls in, the form's starting value.
    public let currentYear: ReportingYear
}

/// One survey as the partnership sees it: whether it is open, the link to share, its results,
/// and the forms that open, close and add questions to it for whoever may.
public struct SurveyPage: Sendable {
    public let id: UUID
    /// The survey's source of learning, which holds its findings and actions.
    public let sourceID: UUID
    public let title: String
    public let reportingYear: String
    public let isIllustrative: Bool
    public let isOpen: Bool
    /// The token of the link that works without an account.
    public let publicToken: String
    public let responseCount: Int
    /// The most responses the link takes (`SurveyLimits`).
    public let responseLimit: Int
    public let results: SurveyResults
    /// Opens, closes and adds questions: the learning's editors.
    public let mayEdit: Bool
}

extension SurveysPage.Row {
    init(_ detail: SurveyStore.Detail) throws {
        id = try detail.survey.requireID()
        title = detail.source.title
        reportingYear = detail.source.reportingYear
        questions = detail.questions.count
        responses = detail.responseCount
        isOpen = detail.survey.isOpen
    }
}

extension SurveyFormPage {
    static func read(_ viewer: Viewer, _ context: AppContext) async throws -> SurveyFormPage {
        let groups = try await RegisterStore.groups(viewer.partnership, on: context.database)
        return SurveyFormPage(partnershipName: viewer.partnership.name, groups: try groups.map { GroupChoice(id: try $0.requireID(), name: $0.name) },
                              currentYear: ReportingYear(containing: context.today))
    }
}

extension SurveyPage {
    /// The survey with its results; the caller has checked the viewer may see it.
    static func read(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SurveyPage {
        let survey = try await SurveyStore.survey(id, in: viewer.partnership, on: context.database)
        let (detail, results) = try await SurveyStore.results(survey, on: context.database)
        return SurveyPage(id: id, sourceID: try detail.source.requireID(), title: detail.source.title, reportingYear: detail.source.reportingYear,
                          isIllustrative: detail.source.isIllustrative, isOpen: survey.isOpen, publicToken: survey.publicToken,
                          responseCount: detail.responseCount, responseLimit: survey.responseLimit, results: results,
                          mayEdit: viewer.allows(.editLearning))
    }
}
