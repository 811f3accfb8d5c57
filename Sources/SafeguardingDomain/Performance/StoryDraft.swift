import Foundation

/// The story behind the data for one period, as written in the form: the Results-Based
/// Accountability questions, of which only "what the data shows" is required.
public struct StoryDraft: Sendable {
    public let period: Period
    public let whatTheDataShows: String
    public let howMuch: String?
    public let howWell: String?
    public let betterOff: String?
    public let nextSteps: String?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> StoryDraft {
        var v = Validator()
        let periodText = v.requiredText(fields["period"], field: "period", missing: "Enter the period the story is about, like 2023-24 Q3", maxLength: 40)
        let period = Period(periodText)
        if !periodText.isEmpty, period == nil { v.add("period", "Enter the period like 2023-24 Q3, 2023-24 or 2022/23") }
        let shows = v.requiredText(fields["what_the_data_shows"], field: "what_the_data_shows", missing: "Say what the data shows", maxLength: 4000)
        let howMuch = v.optionalText(fields["how_much"], field: "how_much", maxLength: 4000)
        let howWell = v.optionalText(fields["how_well"], field: "how_well", maxLength: 4000)
        let betterOff = v.optionalText(fields["better_off"], field: "better_off", maxLength: 4000)
        let next = v.optionalText(fields["next_steps"], field: "next_steps", maxLength: 4000)
        try v.finish()
        return StoryDraft(period: period!, whatTheDataShows: shows, howMuch: howMuch, howWell: howWell, betterOff: betterOff, nextSteps: next)
    }
}
