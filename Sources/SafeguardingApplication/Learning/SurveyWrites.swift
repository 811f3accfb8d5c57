import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Every change the partnership makes to its surveys, for the learning's editors: building one,
/// adding its questions, opening and closing it. Responses come through `PublicSurvey`.
public enum SurveyWrites {
    /// A new survey (a source of learning of kind survey) with the `introduction` people answering
    /// read; closed until it has questions. `id` is the survey's.
    public static func create(_ viewer: Viewer, fields submitted: [String: String], _ context: AppContext) async throws -> FormOutcome<SurveyFormPage> {
        try viewer.require(.editLearning)
        var fields = submitted
        fields["kind"] = SourceKind.survey.rawValue
        do {
            var v = Validator()
            let introduction = v.optionalText(fields["introduction"], field: "introduction", maxLength: 4000)
            var errors = v.errors
            var maximum = SurveyLimits.defaultMaximumResponses
            do { maximum = try SurveyLimits.maximumResponses(fields["maximum_responses"]) } catch { errors += error.errors }
            var draft: SourceDraft?
            do { draft = try SourceDraft.validate(fields) } catch { errors += error.errors }
            guard errors.isEmpty, let draft else { throw ValidationErrors(errors) }
            let survey = try await SurveyStore.create(draft, introduction: introduction, maximumResponses: maximum, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Created the survey. Add its questions, then open it for responses.", id: try survey.requireID())
        } catch let errors as ValidationErrors {
            return .rejected(try await SurveyFormPage.read(viewer, context), errors.errors)
        }
    }

    /// Adds a question, until the first response comes in (so every response answers the same survey).
    public static func addQuestion(_ viewer: Viewer, to surveyID: UUID, fields: [String: String],
                                   _ context: AppContext) async throws -> FormOutcome<SurveyPage> {
        try viewer.require(.editLearning)
        do {
            let draft = try SurveyQuestionDraft.validate(fields)
            try await SurveyStore.addQuestion(draft, to: surveyID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: "Added the question", id: surveyID)
        } catch let errors as ValidationErrors {
            return .rejected(try await SurveyPage.read(viewer, id: surveyID, context), errors.errors)
        }
    }

    /// Opens the survey for responses (it needs a question first) or closes it.
    public static func setOpen(_ viewer: Viewer, _ isOpen: Bool, surveyID: UUID, _ context: AppContext) async throws -> FormOutcome<SurveyPage> {
        try viewer.require(.editLearning)
        do {
            try await SurveyStore.setOpen(isOpen, surveyID: surveyID, in: viewer.partnership, by: viewer.actor, on: context.database)
            return .done(message: isOpen ? "The survey is open: share its link" : "The survey is closed", id: surveyID)
        } catch let errors as ValidationErrors {
            return .rejected(try await SurveyPage.read(viewer, id: surveyID, context), errors.errors)
        }
    }
}
