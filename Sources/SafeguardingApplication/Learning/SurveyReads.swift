import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The partnership's surveys, for one viewer: the tracker's readers see them and their results,
/// the learning's editors build them. The public form is `PublicSurvey`'s, not this.
public enum SurveyReads {
    /// Every survey of the partnership, newest year first.
    public static func surveysPage(_ viewer: Viewer, _ context: AppContext) async throws -> SurveysPage {
        try viewer.require(.readLearning)
        let surveys = try await SurveyStore.surveys(viewer.partnership, on: context.database)
        return SurveysPage(partnershipName: viewer.partnership.name, surveys: try surveys.map(SurveysPage.Row.init), mayBuild: viewer.allows(.editLearning))
    }

    /// The form that builds a survey, for the learning's editors.
    public static func surveyFormPage(_ viewer: Viewer, _ context: AppContext) async throws -> SurveyFormPage {
        try viewer.require(.editLearning)
        return try await SurveyFormPage.read(viewer, context)
    }

    /// One survey with its results; "not found" for another partnership's.
    public static func surveyPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> SurveyPage {
        try viewer.require(.readLearning)
        return try await SurveyPage.read(viewer, id: id, context)
    }

    /// Every response as CSV, oldest first. Taking the responses away is recorded in the audit log.
    public static func responsesCSV(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> String {
        try viewer.require(.readLearning)
        let survey = try await SurveyStore.survey(id, in: viewer.partnership, on: context.database)
        let text = try await SurveyStore.csv(survey, on: context.database)
        try await AuditTrail.record(on: context.database, partnershipID: viewer.partnership.id, actor: viewer.actor, action: "export",
                                    subjectType: "survey", subjectID: survey.id?.uuidString, summary: "Downloaded a survey's responses")
        return text
    }
}

extension SurveyReads {
    static let registry: [ReadUseCase] = [
        .list("SurveyReads.surveysPage") { try await surveysPage($0, $1) },
        .list("SurveyReads.surveyFormPage") { try await surveyFormPage($0, $1) },
        .record("SurveyReads.surveyPage", ids: surveyIDs) { try await surveyPage($0, id: $1, $2) },
        .record("SurveyReads.responsesCSV", ids: surveyIDs) { try await responsesCSV($0, id: $1, $2) },
    ]

    @Sendable static func surveyIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await Survey.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }
}
