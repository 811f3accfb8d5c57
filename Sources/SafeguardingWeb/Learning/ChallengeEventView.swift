import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    static let challengeEventTitle = "Record a challenge event"

    /// The challenge event form, with what was typed and what was wrong.
    static func challengeEvent(_ page: ChallengeEventPage, frame: PageFrame, slug: String, values: [String: String] = [:],
                               errors: [FieldError] = []) -> String {
        Layout.page(frame) {
            Components.backLink(.learningSource(slug: slug, id: page.sourceID), "Back to \(page.sourceTitle)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(challengeEventTitle, caption: page.sourceTitle)
                el("p", .class("app-body-text")) {
                    "Some months after the recommendations, the partners challenge the people responsible: what changed, what difference did it make, and what still needs doing?"
                }
                el("form", .method("post"), .action(SiteRoute.challengeEvent(slug: slug, sourceID: page.sourceID).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.dateInput(name: "held_on", legend: "Date of the challenge event", values: values, errors: errors)
                    Components.textarea(name: "who_was_challenged", label: "Who was challenged", value: values["who_was_challenged"], errors: errors,
                                        hint: "Roles, not names: for example front-line practitioners and managers from schools and early help")
                    Components.textarea(name: "assurance_given", label: "Assurance given", value: values["assurance_given"], errors: errors,
                                        hint: "What changed and what difference it made, in the words of those challenged")
                    for item in page.recommendations {
                        Components.radios(name: "judgement-\(item.id.uuidString.lowercased())",
                                          legend: "Recommendation \(item.number): \(item.text)",
                                          options: Judgement.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["judgement-\(item.id.uuidString.lowercased())"], errors: errors,
                                          hint: "\(item.actions) action\(item.actions == 1 ? "" : "s"), \(item.doneActions) done",
                                          inline: true)
                    }
                    el("h2", .class("app-heading-m")) { "Add an action (optional)" }
                    el("p", .class("app-body-text")) { "If the event found something still to do, record it here; leave these empty otherwise." }
                    Components.select(name: "action_recommendation", label: "Recommendation it answers",
                                      options: page.recommendations.map { ($0.id.uuidString.lowercased(), "Recommendation \($0.number)") },
                                      selected: values["action_recommendation"], errors: errors, includeBlank: "Select")
                    Components.textarea(name: "action_text", label: "What will be done", value: values["action_text"], errors: errors)
                    Components.select(name: "action_owner_organisation", label: "Organisation that owns it", options: page.ownerChoices.map { ($0, $0) },
                                      selected: values["action_owner_organisation"], errors: errors, includeBlank: "Select")
                    Components.textInput(name: "action_owner", label: "Owner, by role or name", value: values["action_owner"], errors: errors)
                    Components.dateInput(name: "action_due_on", legend: "Due date", values: values, errors: errors)
                    Components.button("Record challenge event")
                }
            }
        }
    }
}
