import FluentKit
import Foundation
import SafeguardingDomain

/// The demo's safeguarding supervision survey: 149 responses built so that the results page
/// reproduces the published figures (just over half had heard of the framework and 99% of them
/// found it useful; 64% receive supervision and 11% are not sure; 85% say it is reflective; one
/// person rated it poor). How the other answers spread is illustrative.
extension DemoLearning {
    static let supervisionIntroduction = "A short survey for anyone who works with children or adults at risk in the area, about safeguarding supervision and the partnership's supervision framework. It takes about five minutes and is anonymous."

    struct DemoQuestion {
        let text: String
        let kind: SurveyQuestionKind
        let options: [String]
        let required: Bool
        var demographic = false
    }

    static let supervisionQuestions: [DemoQuestion] = [
        DemoQuestion(text: "Which best describes your role?", kind: .singleChoice, options: ["Practitioner", "Manager", "Other"], required: true, demographic: true),
        DemoQuestion(text: "Which sector do you work in?", kind: .singleChoice, options: ["Statutory", "Voluntary and community", "Other"], required: true, demographic: true),
        DemoQuestion(text: "Had you heard of the safeguarding supervision framework before this survey?", kind: .singleChoice, options: ["Yes", "No"], required: true),
        DemoQuestion(text: "If you have heard of it: is the framework useful, and is it used where you work?", kind: .singleChoice, options: ["Yes", "No"], required: false),
        DemoQuestion(text: "Do you receive safeguarding supervision in your role?", kind: .singleChoice, options: ["Yes", "No", "Not sure"], required: true),
        DemoQuestion(text: "If you receive supervision: does it give you space for reflective practice?", kind: .singleChoice, options: ["Yes", "No"], required: false),
        DemoQuestion(text: "If you receive supervision: how would you rate it?", kind: .scale, options: ["Poor", "Fair", "Good", "Very good", "Excellent"], required: false),
        DemoQuestion(text: "If you receive supervision: does it consider the child's lived experience and what it means for assessments and plans?", kind: .singleChoice,
                     options: ["Yes", "Sometimes", "No"], required: false),
        DemoQuestion(text: "Tell us how supervision has made a difference to your work (optional)", kind: .freeText, options: [], required: false),
    ]

    /// Paraphrased examples of the kind people gave.
    static let supervisionExamples = [
        "It stops cases drifting: we agree next steps, write them down and share the learning with the team.",
        "I get to talk through what worries me and hear what reviews elsewhere have found.",
        "Talking it through helps us check we are working together properly to keep children and families safe.",
        "Every case is discussed, risks are weighed up, and so are the multi-agency meetings like MARAC.",
        "It gives me time to step back from a busy caseload and think about the child's day-to-day life.",
        "My supervisor challenged my thinking on a neglect case and we escalated sooner than I would have.",
    ]

    static func loadSupervisionSurvey(_ survey: Survey, in partnership: Partnership, on db: any Database) async throws {
        let surveyID = try survey.requireID()
        for question in supervisionQuestions {
            try await SurveyStore.addQuestion(SurveyQuestionDraft(text: question.text, kind: question.kind, options: question.options,
                                                                  isRequired: question.required, isDemographic: question.demographic),
                                              to: surveyID, in: partnership, by: actor, on: db)
        }
        let records = try await SurveyQuestionRecord.query(on: db).filter(\.$survey.$id == surveyID).sort(\.$number).all()
        let ids = records.map { $0.id!.uuidString.lowercased() }
        let total = 149
        // A fixed shuffle, so who heard of the framework and who receives supervision are not the same people.
        let order = (0..<total).map { ($0 * 37) % total }
        var receiverIndex = 0
        for respondent in 0..<total {
            var answers: [String: SurveyResponseDraft.Answer] = [:]
            answers[ids[0]] = .choices([respondent < 74 ? 0 : respondent < 145 ? 1 : 2])
            answers[ids[1]] = .choices([respondent % 9 < 7 ? 0 : respondent % 9 < 8 || respondent == 148 ? 1 : 2])
            let heard = respondent < 78
            answers[ids[2]] = .choices([heard ? 0 : 1])
            if heard { answers[ids[3]] = .choices([respondent == 77 ? 1 : 0]) }
            let position = order[respondent]
            let supervision = position < 95 ? 0 : position < 111 ? 2 : 1
            answers[ids[4]] = .choices([supervision])
            if supervision == 0 {
                let r = receiverIndex
                receiverIndex += 1
                answers[ids[5]] = .choices([r < 81 ? 0 : 1])
                answers[ids[6]] = .choices([r == 0 ? 0 : r < 10 ? 1 : r < 45 ? 2 : r < 77 ? 3 : 4])
                answers[ids[7]] = .choices([r < 71 ? 0 : r < 89 ? 1 : 2])
                if r % 16 == 3 { answers[ids[8]] = .text(supervisionExamples[(r / 16) % supervisionExamples.count]) }
            }
            let day = CalendarDate(year: 2023, month: 10, day: 2)!.addingDays(respondent % 56)
            try await SurveyStore.store(SurveyResponseDraft(answers: answers), for: survey, records: records, on: db, submittedOn: day)
        }
    }
}
