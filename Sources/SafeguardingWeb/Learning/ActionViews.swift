import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

extension LearningViews {
    /// The actions list with its filter.
    static func actions(_ page: ActionsPage, frame: PageFrame, slug: String) -> String {
        Layout.page(frame) {
            Components.heading(frame.title, caption: page.partnershipName)
            subNavigation(.actions, slug: slug)
            el("form", .method("get"), .action(SiteRoute.actions(slug: slug).path), .class("app-inline-list")) {
                Components.select(name: "status", label: "Status", options: ActionFilter.allCases.map { ($0.rawValue, $0.label) },
                                  selected: page.filter.rawValue, errors: [])
                Components.select(name: "organisation", label: "Organisation", options: page.organisations.map { ($0.id.uuidString.lowercased(), $0.name) },
                                  selected: page.organisation?.id.uuidString.lowercased(), errors: [], includeBlank: "All organisations")
                Components.button("Show", secondary: true)
            }
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.recommendationsWithoutActions(slug: slug).path), .class("app-link")) { "Recommendations without an action" }
            }
            if page.actions.isEmpty {
                el("p", .class("app-body-text")) { "No actions match." }
            } else {
                actionsTable(page.actions, caption: "\(page.actions.count) action\(page.actions.count == 1 ? "" : "s")", slug: slug,
                             showOrganisation: page.organisation == nil)
            }
        }
    }

    /// The title of the actions list, which is also its heading.
    static func actionsTitle(_ page: ActionsPage) -> String {
        "\(page.filter.label) actions" + (page.organisation.map { " of \($0.name)" } ?? "")
    }

    /// What one post to an action's page sent back: the form's values and what was wrong.
    struct ActionForms {
        var status: [String: String] = [:]
        var evidence: [String: String] = [:]
        var errors: [FieldError] = []
    }

    /// One action's page, with the evidence and status forms for whoever may update it.
    static func action(_ page: ActionPage, frame: PageFrame, slug: String, flash: String?, forms: ActionForms = ActionForms()) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(forms.errors)
            Components.backLink(.learningSource(slug: slug, id: page.sourceID), "Back to \(page.sourceTitle)")
            Components.heading(page.text, caption: actionTitle(page))
            Components.summaryList([
                ("Status", statusTag(page.status, isOverdue: page.isOverdue)),
                ("Owner", .text("\(page.owner), \(page.organisationName)")),
                ("Due", .text(date(page.dueOn))),
                ("Recommendation", el("a", .href(SiteRoute.recommendation(slug: slug, id: page.recommendationID).path), .class("app-link")) {
                    "\(page.recommendationNumber). \(page.recommendationText)"
                }),
                ("From", el("a", .href(SiteRoute.learningSource(slug: slug, id: page.sourceID).path), .class("app-link")) { page.sourceTitle }),
            ] + (page.droppedReason.map { [("Why it was dropped", HTMLNode.text($0))] } ?? []))
            if page.mayEdit {
                el("p", .class("app-body-text")) {
                    el("a", .href(SiteRoute.learningRecordEdit(slug: slug, kind: .action, id: page.id).path), .class("app-link")) {
                        "Change or withdraw this action"
                    }
                }
            }
            evidence(page.evidence)
            history(page.history)
            if page.mayUpdate { updateForms(page, slug: slug, csrf: frame.csrf ?? "", forms: forms) }
        }
    }

    static func actionTitle(_ page: ActionPage) -> String { "Action for \(page.organisationName)" }

    private static func evidence(_ evidence: [ActionPage.Evidence]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Evidence of impact" }
            if evidence.isEmpty {
                el("p", .class("app-body-text")) { "No evidence recorded yet. The action can be marked done only once there is some." }
            }
            for item in evidence {
                el("div", .class("app-record")) {
                    Components.summaryList([
                        ("What changed", .text(item.whatChanged)),
                        ("How we know", .text(item.howWeKnow)),
                        ("Reference", item.reference.map { ref in
                            ref.lowercased().hasPrefix("http") ? el("a", .href(ref), .class("app-link app-break")) { ref } : .text(ref)
                        } ?? .text("–")),
                        ("Recorded", .text("\(date(item.recordedOn)) by \(item.recordedBy)")),
                    ])
                }
            }
        }
    }

    /// Every change of status, newest first: when, to what, and who recorded it.
    private static func history(_ history: [ActionPage.Change]) -> HTMLNode {
        group {
            if !history.isEmpty {
                Components.table(caption: "Status history", headers: ["Date", "Status", "Recorded by"], rows: history.map { change in
                    [.text(date(change.changedOn)),
                     .text(change.status.label + (change.droppedReason.map { ": \($0)" } ?? "")),
                     .text(change.changedBy ?? "Not recorded")]
                })
            }
        }
    }

    private static func updateForms(_ page: ActionPage, slug: String, csrf: String, forms: ActionForms) -> HTMLNode {
        let (values, evidence, errors) = (forms.status, forms.evidence, forms.errors)
        return group {
            el("h2", .class("app-heading-m")) { "Record evidence of impact" }
            el("form", .method("post"), .action(SiteRoute.actionEvidence(slug: slug, id: page.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textarea(name: "what_changed", label: "What changed for children or practitioners", value: evidence["what_changed"], errors: errors)
                Components.textarea(name: "how_we_know", label: "How we know", value: evidence["how_we_know"], errors: errors,
                                    hint: "For example: a re-audit, the indicator's data, feedback from children or staff")
                Components.textInput(name: "reference", label: "Link or document reference (optional)", value: evidence["reference"], errors: errors,
                                     hint: "A link starting https://, or a reference like QA/2024/07")
                Components.checkboxes(id: "mark", legend: "Status", boxes: [("mark_done", "Mark the action done")], values: evidence, errors: errors)
                Components.button("Record evidence")
            }
            el("h2", .class("app-heading-m")) { "Change the status" }
            el("form", .method("post"), .action(SiteRoute.actionStatus(slug: slug, id: page.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.radios(name: "status", legend: "Status", options: ActionStatus.allCases.map { ($0.rawValue, $0.label) },
                                  selected: values["status"] ?? page.status.rawValue, errors: errors,
                                  hint: "Done needs evidence of impact first; dropped needs a reason.")
                Components.textarea(name: "dropped_reason", label: "Why it is dropped (only if dropped)", value: values["dropped_reason"] ?? page.droppedReason,
                                    errors: errors)
                Components.button("Save status", secondary: true)
            }
        }
    }
}
