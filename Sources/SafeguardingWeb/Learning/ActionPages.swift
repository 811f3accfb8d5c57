import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Actions: the lists (open, overdue, by organisation) and one action's page, where its owner
/// records evidence of impact and moves its status on. Done needs evidence; dropped needs a reason.
enum ActionPages {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        let filter = req.query[String.self, at: "status"].flatMap(LearningStore.ActionFilter.init(rawValue:)) ?? .open
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let organisation = req.query[String.self, at: "organisation"].flatMap(UUID.init(uuidString:)).flatMap { id in organisations.first { $0.id == id } }
        let today = req.today
        let actions = try await LearningReads.actions(access, filter: filter, organisationID: organisation?.id, req.context)
        let slug = access.slug
        let title = "\(filter.label) actions" + (organisation.map { " of \($0.name)" } ?? "")
        return .html(Layout.page(req.frame(access, title: title, section: .learning)) {
            Components.heading(title, caption: access.partnership.name)
            LearningViews.subNavigation(.actions, slug: slug)
            el("form", .method("get"), .action(SiteRoute.actions(slug: slug).path), .class("app-inline-list")) {
                Components.select(name: "status", label: "Status", options: LearningStore.ActionFilter.allCases.map { ($0.rawValue, $0.label) },
                                  selected: filter.rawValue, errors: [])
                Components.select(name: "organisation", label: "Organisation", options: organisations.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                  selected: organisation?.id?.uuidString.lowercased(), errors: [], includeBlank: "All organisations")
                Components.button("Show", secondary: true)
            }
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.recommendationsWithoutActions(slug: slug).path), .class("app-link")) { "Recommendations without an action" }
            }
            if actions.isEmpty {
                el("p", .class("app-body-text")) { "No actions match." }
            } else {
                LearningViews.actionsTable(actions, caption: "\(actions.count) action\(actions.count == 1 ? "" : "s")", slug: slug, today: today,
                                           showOrganisation: organisation == nil)
            }
        })
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readLearning)
        return try await render(req, access, id: req.uuidParameter("id"), status: [:], evidence: [:], errors: [], code: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, id: UUID, status values: [String: String], evidence: [String: String],
                       errors: [FieldError], code: HTTPResponseStatus) async throws -> Response {
        let detail = try await LearningReads.action(access, id: id, req.context)
        let action = detail.action
        let today = req.today
        let canUpdate = access.allows(.updateAction(owner: detail.organisation.ref))
        let slug = access.slug
        let flash = req.takeFlash()
        let title = "Action for \(detail.organisation.name)"
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .learning)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.learningSource(slug: slug, id: detail.source.id!), "Back to \(detail.source.title)")
            Components.heading(action.text, caption: title)
            Components.summaryList([
                ("Status", LearningViews.statusTag(action.status, isOverdue: action.isOverdue(today: today))),
                ("Owner", .text("\(action.owner), \(detail.organisation.name)")),
                ("Due", .text(LearningViews.date(action.dueOn))),
                ("Recommendation", el("a", .href(SiteRoute.recommendation(slug: slug, id: detail.recommendation.id!).path), .class("app-link")) {
                    "\(detail.recommendation.number). \(detail.recommendation.text)"
                }),
                ("From", el("a", .href(SiteRoute.learningSource(slug: slug, id: detail.source.id!).path), .class("app-link")) { detail.source.title }),
            ] + (action.droppedReason.map { [("Why it was dropped", HTMLNode.text($0))] } ?? []))
            el("h2", .class("app-heading-m")) { "Evidence of impact" }
            if detail.evidence.isEmpty {
                el("p", .class("app-body-text")) { "No evidence recorded yet. The action can be marked done only once there is some." }
            }
            for item in detail.evidence {
                el("div", .class("app-record")) {
                    Components.summaryList([
                        ("What changed", .text(item.whatChanged)),
                        ("How we know", .text(item.howWeKnow)),
                        ("Reference", item.reference.map { ref in
                            ref.lowercased().hasPrefix("http") ? el("a", .href(ref), .class("app-link app-break")) { ref } : .text(ref)
                        } ?? .text("–")),
                        ("Recorded", .text("\(LearningViews.date(item.recordedOn)) by \(item.recordedBy)")),
                    ])
                }
            }
            if canUpdate {
                el("h2", .class("app-heading-m")) { "Record evidence of impact" }
                el("form", .method("post"), .action(SiteRoute.actionEvidence(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textarea(name: "what_changed", label: "What changed for children or practitioners", value: evidence["what_changed"], errors: errors)
                    Components.textarea(name: "how_we_know", label: "How we know", value: evidence["how_we_know"], errors: errors,
                                        hint: "For example: a re-audit, the indicator's data, feedback from children or staff")
                    Components.textInput(name: "reference", label: "Link or document reference (optional)", value: evidence["reference"], errors: errors,
                                         hint: "A link starting https://, or a reference like QA/2024/07")
                    Components.checkboxes(id: "mark", legend: "Status", boxes: [("mark_done", "Mark the action done")], values: evidence, errors: errors)
                    Components.button("Record evidence")
                }
                el("h2", .class("app-heading-m")) { "Change the status" }
                el("form", .method("post"), .action(SiteRoute.actionStatus(slug: slug, id: id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.radios(name: "status", legend: "Status", options: ActionStatus.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["status"] ?? action.status.rawValue, errors: errors,
                                      hint: "Done needs evidence of impact first; dropped needs a reason.")
                    Components.textarea(name: "dropped_reason", label: "Why it is dropped (only if dropped)", value: values["dropped_reason"] ?? action.droppedReason,
                                        errors: errors)
                    Components.button("Save status", secondary: true)
                }
            }
        }, status: code)
    }

    static func changeStatus(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        _ = try await LearningReads.ownedAction(access, id: id, req.context)
        let values = req.formFields()
        do {
            let change = try await LearningStore.changeStatus(of: id, fields: values, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("The action is now \(change.status.label.lowercased())")
            return req.redirect(to: SiteRoute.action(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, status: values, evidence: [:], errors: errors.errors, code: .unprocessableEntity)
        }
    }

    static func addEvidence(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        _ = try await LearningReads.ownedAction(access, id: id, req.context)
        let values = req.formFields()
        do {
            let draft = try EvidenceDraft.validate(values)
            let markDone = values["mark_done"] == "yes"
            _ = try await LearningStore.addEvidence(draft, to: id, in: access.partnership, recordedOn: req.today, markDone: markDone,
                                                    by: access.actor(req), on: req.db)
            req.flash(markDone ? "Recorded the evidence and marked the action done" : "Recorded the evidence")
            return req.redirect(to: SiteRoute.action(slug: access.slug, id: id).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, id: id, status: [:], evidence: values, errors: errors.errors, code: .unprocessableEntity)
        }
    }
}
