import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// A survey's public form (`/s/TOKEN`), for anyone holding its link.
///
/// It takes the link's token instead of a `Viewer` because the people answering have no account
/// and are not asked who they are: the 128-bit token, which cannot be guessed, is the only key,
/// and it opens one survey and nothing else. So this is not a registry read: what it answers is
/// only what the form shows (the survey's title, introduction and questions, and the
/// partnership's name), never an id, a result or another record, and a response keeps nothing
/// that identifies the person, only the day. An unknown token is `nil`, which the web layer
/// answers as "not found".
public enum PublicSurvey {
    /// What a response came to.
    public enum Outcome: Sendable {
        /// Received; `token` is the survey's, for the thank-you page's address.
        case received(token: String)
        /// The form again with what was wrong (a closed survey is one of those).
        case rejected(PublicSurveyPage, [FieldError])
    }

    /// The form, or that the survey is closed.
    public static func form(token: String, _ context: AppContext) async throws -> PublicSurveyPage? {
        guard let survey = try await SurveyStore.survey(token: token, on: context.database) else { return nil }
        return try await PublicSurveyPage(survey, context)
    }

    /// Records an anonymous response, dated today.
    public static func respond(token: String, fields: [String: String], _ context: AppContext) async throws -> Outcome? {
        guard let survey = try await SurveyStore.survey(token: token, on: context.database) else { return nil }
        do {
            try await SurveyStore.respond(fields, to: survey, on: context.database, today: context.today)
            return .received(token: survey.publicToken)
        } catch let errors as ValidationErrors {
            return .rejected(try await PublicSurveyPage(survey, context), errors.errors)
        }
    }

    /// The name of the partnership that asked, for the thank-you page.
    public static func partnershipName(token: String, _ context: AppContext) async throws -> String? {
        try await SurveyStore.survey(token: token, on: context.database)?.partnership.name
    }
}

/// A survey's public form: only what the person answering reads.
public struct PublicSurveyPage: Sendable {
    public let token: String
    public let title: String
    public let partnershipName: String
    public let introduction: String?
    public let isOpen: Bool
    public let questions: [SurveyQuestion]
}

extension PublicSurveyPage {
    init(_ survey: Survey, _ context: AppContext) async throws {
        let detail = try await SurveyStore.detail(survey, on: context.database)
        self.init(token: survey.publicToken, title: detail.source.title, partnershipName: survey.partnership.name,
                  introduction: survey.introduction, isOpen: survey.isOpen, questions: detail.questions)
    }
}
