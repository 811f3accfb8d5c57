import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    static func recommendationTitle(_ page: RecommendationPage) -> String { "Recommendation \(page.number)" }

    /// One recommendation with its actions, and the form to add one (with what was typed and what was wrong).
    static func recommendation(_ page: RecommendationPage, frame: PageFrame, slug: String, flash: String?,
                               values: [String: String] = [:], errors: [FieldError] = []) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.learningSource(slug: slug, id: page.sourceID), "Back to \(page.sourceTitle)")
            Components.heading(recommendationTitle(page), caption: page.sourceTitle)
            el("p", .class("app-body-text")) { page.text }
            if let finding = page.findingText { el("p", .class("app-inset")) { "The finding: " + finding } }
            if page.mayEdit {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.learningRecordEdit(slug: slug, kind: .recommendation, id: page.id).path), .class("app-link")) {
                        "Change or withdraw this recommendation"
                    }
                }
            }
            if page.actions.isEmpty {
                el("p", .class("app-body-text")) { "No action answers this recommendation yet." }
            } else {
                actionsTable(page.actions, caption: "Actions", slug: slug, showSource: false)
            }
            if page.mayEdit {
                el("h2", .class("app-heading-m")) { "Add an action" }
                el("form", .method("post"), .action(SiteRoute.recommendationActions(slug: slug, id: page.id).path), .init("novalidate", nil),
                   .class("app-grid-two-thirds")) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textarea(name: "text", label: "What will be done", value: values["text"], errors: errors)
                    Components.select(name: "owner_organisation", label: "Organisation that owns it", options: page.ownerChoices.map { ($0, $0) },
                                      selected: values["owner_organisation"], errors: errors, includeBlank: "Select")
                    Components.textInput(name: "owner", label: "Owner, by role or name", value: values["owner"], errors: errors,
                                         hint: "For example: Exclusions Officer")
                    Components.dateInput(name: "due_on", legend: "Due date", values: values, errors: errors)
                    // Today unless the action was raised earlier, as when last year's tracker is typed in.
                    Components.dateInput(name: "raised_on", legend: "Date raised", values: values.isEmpty ? Components.dateBoxes("raised_on", page.today) : values,
                                         errors: errors, hint: "The day the action was agreed: today, or an earlier day if you are recording past actions")
                    Components.button("Add action")
                }
            }
        }
    }

    static func recommendationsWithoutActions(_ page: RecommendationsWithoutActionsPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading("Recommendations without an action", caption: page.partnershipName)
            subNavigation(.actions, slug: slug)
            if page.items.isEmpty {
                el("p", .class("app-body-text")) { "Every recommendation has at least one action." }
            } else {
                Components.table(caption: "Recommendations without an action", hiddenCaption: true, headers: ["Recommendation", "Source", "Year"],
                                 rows: page.items.map { r in
                                     [el("a", .href(SiteRoute.recommendation(slug: slug, id: r.id).path), .class("app-link")) { "\(r.number). \(r.text)" },
                                      .text(r.sourceTitle), .text(r.reportingYear)]
                                 })
            }
        }
    }
}
