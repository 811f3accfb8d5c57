import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// The structure of the arrangements: a chart, then each group's purpose, chair and line of report.
enum SubgroupsPage {
    static func chart(for groups: [PartnershipGroup], title: String) -> StructureChart {
        StructureChart(title: title, bodies: groups.map { group in
            StructureChart.Body(id: group.id!.uuidString, name: group.name, kind: group.kind, chair: group.chair,
                                reportsTo: group.$reportsTo.id?.uuidString)
        })
    }

    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        let names = Dictionary(groups.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let chart = chart(for: groups, title: "Structure chart of the \(access.partnership.name)")
        return .html(Layout.page(req.frame(access, title: "Subgroups and structure", section: .subgroups)) {
            Components.heading("Subgroups and structure", caption: access.partnership.name)
            el("p", .class("app-body-text")) { "The Executive leads the arrangements. Each subgroup, panel and task and finish group reports to the body shown above it." }
            if access.allows(.editStructure) {
                el("a", .href(SiteRoute.newSubgroup(slug: access.slug).path), .class("govuk-button")) { "Add a group" }
            }
            el("figure", .class("app-figure")) {
                el("div", .class("app-chart-scroll")) { HTMLNode.raw(chart.svg()) }
                el("figcaption", .class("app-secondary-text")) {
                    el("ul", .class("app-legend")) {
                        for kind in GroupKind.allCases {
                            el("li") { el("span", .class("app-legend__swatch app-legend__swatch--\(kind.rawValue)"), .aria("hidden", "true")); kind.label }
                        }
                    }
                    "The table below gives the same information as text."
                }
            }
            el("table", .class("govuk-table")) {
                el("caption", .class("govuk-table__caption govuk-table__caption--m")) { "Groups" }
                el("thead", .class("govuk-table__head")) {
                    el("tr", .class("govuk-table__row")) {
                        for header in ["Group", "Kind", "Chair", "Reports to"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                    }
                }
                el("tbody", .class("govuk-table__body")) {
                    for group in groups {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.subgroup(slug: access.slug, id: group.id!).path), .class("app-link")) { group.name }
                            }
                            el("td", .class("govuk-table__cell")) { group.kind.label }
                            el("td", .class("govuk-table__cell")) { group.chair ?? "Not recorded" }
                            el("td", .class("govuk-table__cell")) { group.$reportsTo.id.flatMap { names[$0] } ?? "–" }
                        }
                    }
                }
            }
        })
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.readRegister)
        let detail = try await RegisterStore.group(req.uuidParameter("id"), in: access.partnership, on: req.db)
        return try await render(req, access, detail, meeting: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, _ detail: RegisterStore.GroupDetail,
                       meeting values: [String: String], errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let group = detail.group
        let canEdit = access.allows(.editStructure)
        let organisations = canEdit ? try await RegisterStore.organisations(access.partnership, on: req.db) : []
        let accounts = canEdit ? try await AccountStore.members(of: access.partnership, on: req.db).map(\.user) : []
        let flash = req.takeFlash()
        return .html(Layout.page(req.frame(access, title: errors.isEmpty ? group.name : "Error: \(group.name)", section: .subgroups)) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.subgroups(slug: access.slug), "Back to subgroups and structure")
            Components.heading(group.name, caption: group.kind.label)
            Components.summaryList([
                ("Purpose", .text(group.purpose)),
                ("Chair", .text(group.chair ?? "Not recorded")),
                ("Reports to", .text(group.reportsTo?.name ?? "–")),
                ("Shared with", .text(group.jointWith ?? "–")),
            ])
            el("h2", .class("app-heading-m")) { "Members" }
            if detail.members.isEmpty {
                el("p", .class("app-body-text")) { "No members recorded yet." }
            } else {
                el("table", .class("govuk-table")) {
                    el("caption", .class("govuk-table__caption app-visually-hidden")) { "Members of \(group.name)" }
                    el("thead", .class("govuk-table__head")) {
                        el("tr", .class("govuk-table__row")) {
                            for header in ["Role", "Organisation", "Seat", "Account"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                        }
                    }
                    el("tbody", .class("govuk-table__body")) {
                        for member in detail.members {
                            el("tr", .class("govuk-table__row")) {
                                el("td", .class("govuk-table__cell")) { member.memberRole }
                                el("td", .class("govuk-table__cell")) { member.organisation?.name ?? "Partnership business unit" }
                                el("td", .class("govuk-table__cell")) { member.seat.replacingOccurrences(of: "_", with: " ").capitalized }
                                el("td", .class("govuk-table__cell")) { member.user?.name ?? "–" }
                            }
                        }
                    }
                }
            }
            el("h2", .class("app-heading-m")) { "Meetings" }
            if detail.meetings.isEmpty {
                el("p", .class("app-body-text")) { "No meetings recorded yet." }
            } else {
                el("ul", .class("govuk-list")) {
                    for meeting in detail.meetings {
                        el("li") {
                            el("strong") { (CalendarDate(iso: meeting.heldOn)?.long ?? meeting.heldOn) + ": " + meeting.title }
                            if let summary = meeting.summary { el("br"); el("span", .class("app-secondary-text")) { summary } }
                        }
                    }
                }
            }
            if access.allows(.editStructure) {
                el("h2", .class("app-heading-m")) { "Add a member" }
                el("form", .method("post"), .action(SiteRoute.subgroupMembers(slug: access.slug, id: group.id!).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "member_role", label: "Role (not a name)", value: values["member_role"], errors: errors,
                                         hint: "For example: Designated Nurse for Safeguarding Children")
                    Components.select(name: "member_organisation", label: "Organisation", options: organisations.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                      selected: values["member_organisation"], errors: errors, includeBlank: "Partnership business unit")
                    Components.radios(name: "member_seat", legend: "Seat", options: MemberDraft.Seat.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["member_seat"] ?? "member", errors: errors, inline: true)
                    Components.select(name: "member_account", label: "Account of the person in the seat (optional)",
                                      options: accounts.map { ($0.id!.uuidString.lowercased(), "\($0.name) (\($0.email))") },
                                      selected: values["member_account"], errors: errors, includeBlank: "None")
                    Components.button("Add member", secondary: true)
                }
                el("h2", .class("app-heading-m")) { "Record a meeting" }
                el("form", .method("post"), .action(SiteRoute.subgroupMeetings(slug: access.slug, id: group.id!).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.dateInput(name: "held_on", legend: "Date of the meeting", values: values, errors: errors)
                    Components.textInput(name: "title", label: "What the meeting was", value: values["title"], errors: errors,
                                         hint: "For example: Executive meeting, development day")
                    Components.textarea(name: "summary", label: "Summary (optional)", value: values["summary"], errors: errors,
                                        hint: "Decisions and challenges, in plain words. Name roles, not people.")
                    Components.button("Record meeting", secondary: true)
                }
            }
        }, status: status)
    }

    static func addMember(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editStructure)
        let detail = try await RegisterStore.group(req.uuidParameter("id"), in: access.partnership, on: req.db)
        let values = req.formFields()
        do {
            let draft = try MemberDraft.validate(values)
            _ = try await RegisterStore.addMember(draft, to: detail.group.id!, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(draft.memberRole) to \(detail.group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: detail.group.id!).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, detail, meeting: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func addMeeting(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editStructure)
        let detail = try await RegisterStore.group(req.uuidParameter("id"), in: access.partnership, on: req.db)
        let values = req.formFields()
        do {
            let draft = try MeetingDraft.validate(values)
            _ = try await RegisterStore.addMeeting(draft, to: detail.group.id!, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Recorded the meeting on \(draft.heldOn.long)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: detail.group.id!).path)
        } catch let errors as ValidationErrors {
            return try await render(req, access, detail, meeting: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func form(_ req: Request, _ access: PartnershipAccess, groups: [PartnershipGroup], values: [String: String], errors: [FieldError]) -> String {
        Layout.page(req.frame(access, title: errors.isEmpty ? "Add a group" : "Error: Add a group", section: .subgroups)) {
            Components.backLink(.subgroups(slug: access.slug), "Back to subgroups and structure")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Add a group", caption: access.partnership.name)
                el("form", .method("post"), .action(SiteRoute.subgroups(slug: access.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "kind", label: "Kind of group", options: GroupKind.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["kind"] ?? GroupKind.subgroup.rawValue, errors: errors)
                    Components.textarea(name: "purpose", label: "Purpose", value: values["purpose"], errors: errors)
                    Components.textInput(name: "chair", label: "Chair (optional)", value: values["chair"], errors: errors,
                                         hint: "A role, not a name: for example Head of Safeguarding, NHS trust")
                    Components.select(name: "reports_to", label: "Reports to", options: groups.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                      selected: values["reports_to"], errors: errors, includeBlank: "Nobody (the Executive only)")
                    Components.textInput(name: "joint_with", label: "Shared with (optional)", value: values["joint_with"], errors: errors,
                                         hint: "Another board or area, for example the Safeguarding Adults Board")
                    Components.button("Add group")
                }
            }
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editStructure)
        let groups = try await RegisterStore.groups(access.partnership, on: req.db)
        return .html(form(req, access, groups: groups, values: [:], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editStructure)
        let values = req.formFields()
        do {
            let draft = try GroupDraft.validate(values)
            let group = try await RegisterStore.addGroup(draft, to: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: group.id!).path)
        } catch let errors as ValidationErrors {
            let groups = try await RegisterStore.groups(access.partnership, on: req.db)
            return .html(form(req, access, groups: groups, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}
