import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The structure of the arrangements: a chart, then each group's purpose, chair and line of report.
enum SubgroupsPage {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.groups(access, req.context)
        return .html(SubgroupViews.list(page, frame: req.frame(access, title: "Subgroups and structure", section: .subgroups)))
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        return render(req, access, page, values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, _ page: GroupPage, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) -> Response {
        let frame = req.frame(access, title: errors.isEmpty ? page.group.name : "Error: \(page.group.name)", section: .subgroups)
        return .html(SubgroupViews.groupPage(page, frame: frame, flash: req.takeFlash(), values: values, errors: errors), status: status)
    }

    static func addMember(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            let role = try await RegisterWrites.addMember(access, values, groupID: page.group.id, req.context)
            req.flash("Added \(role) to \(page.group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return render(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func addMeeting(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            let heldOn = try await RegisterWrites.addMeeting(access, values, groupID: page.group.id, req.context)
            req.flash("Recorded the meeting on \(heldOn.long)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return render(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.newGroupForm(access, req.context)
        return .html(SubgroupViews.form(page, frame: req.frame(access, title: "Add a group", section: .subgroups), values: [:], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let values = req.formFields()
        do {
            let group = try await RegisterWrites.createGroup(access, values, req.context)
            req.flash("Added \(group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: group.id).path)
        } catch let errors as ValidationErrors {
            let page = try await RegisterReads.newGroupForm(access, req.context)
            return .html(SubgroupViews.form(page, frame: req.frame(access, title: "Error: Add a group", section: .subgroups), values: values,
                                            errors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// The structure chart and groups table, one group's page with its forms, and the form to add a group.
enum SubgroupViews {
    static func chart(for groups: [GroupRecord], title: String) -> StructureChart {
        StructureChart(title: title, bodies: groups.map { group in
            StructureChart.Body(id: group.id.uuidString, name: group.name, kind: group.kind, chair: group.chair, reportsTo: group.reportsToID?.uuidString)
        })
    }

    static func list(_ page: GroupListPage, frame: PageFrame) -> String {
        let chart = chart(for: page.groups, title: "Structure chart of the \(page.partnershipName)")
        return Layout.page(frame) {
            Components.heading("Subgroups and structure", caption: page.partnershipName)
            el("p", .class("app-body-text")) { "The Executive leads the arrangements. Each subgroup, panel and task and finish group reports to the body shown above it." }
            if page.mayEdit {
                el("a", .href(SiteRoute.newSubgroup(slug: page.slug).path), .class("govuk-button")) { "Add a group" }
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
                    for group in page.groups {
                        el("tr", .class("govuk-table__row")) {
                            el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                                el("a", .href(SiteRoute.subgroup(slug: page.slug, id: group.id).path), .class("app-link")) { group.name }
                            }
                            el("td", .class("govuk-table__cell")) { group.kind.label }
                            el("td", .class("govuk-table__cell")) { group.chair ?? "Not recorded" }
                            el("td", .class("govuk-table__cell")) { group.reportsToName ?? "–" }
                        }
                    }
                }
            }
        }
    }

    /// One group, with the forms to add a member and record a meeting (their values and errors after a rejected change).
    static func groupPage(_ page: GroupPage, frame: PageFrame, flash: String?, values: [String: String], errors: [FieldError]) -> String {
        let group = page.group
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.backLink(.subgroups(slug: page.slug), "Back to subgroups and structure")
            Components.heading(group.name, caption: group.kind.label)
            Components.summaryList([
                ("Purpose", .text(group.purpose)),
                ("Chair", .text(group.chair ?? "Not recorded")),
                ("Reports to", .text(group.reportsToName ?? "–")),
                ("Shared with", .text(group.jointWith ?? "–")),
            ])
            el("h2", .class("app-heading-m")) { "Members" }
            members(page)
            el("h2", .class("app-heading-m")) { "Meetings" }
            meetings(page.meetings)
            if page.mayEdit {
                memberForm(page, csrf: frame.csrf ?? "", values: values, errors: errors)
                meetingForm(page, csrf: frame.csrf ?? "", values: values, errors: errors)
            }
        }
    }

    static func members(_ page: GroupPage) -> HTMLNode {
        guard !page.members.isEmpty else { return el("p", .class("app-body-text")) { "No members recorded yet." } }
        return el("table", .class("govuk-table")) {
            el("caption", .class("govuk-table__caption app-visually-hidden")) { "Members of \(page.group.name)" }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    for header in ["Role", "Organisation", "Seat", "Account"] { el("th", .scope("col"), .class("govuk-table__header")) { header } }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for member in page.members {
                    el("tr", .class("govuk-table__row")) {
                        el("td", .class("govuk-table__cell")) { member.role }
                        el("td", .class("govuk-table__cell")) { member.organisation ?? "Partnership business unit" }
                        el("td", .class("govuk-table__cell")) { member.seat.replacingOccurrences(of: "_", with: " ").capitalized }
                        el("td", .class("govuk-table__cell")) { member.account ?? "–" }
                    }
                }
            }
        }
    }

    static func meetings(_ meetings: [MeetingLine]) -> HTMLNode {
        guard !meetings.isEmpty else { return el("p", .class("app-body-text")) { "No meetings recorded yet." } }
        return el("ul", .class("govuk-list")) {
            for meeting in meetings {
                el("li") {
                    el("strong") { (meeting.held?.long ?? meeting.heldOn) + ": " + meeting.title }
                    if let summary = meeting.summary { el("br"); el("span", .class("app-secondary-text")) { summary } }
                }
            }
        }
    }

    static func memberForm(_ page: GroupPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Add a member" }
            el("form", .method("post"), .action(SiteRoute.subgroupMembers(slug: page.slug, id: page.group.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.textInput(name: "member_role", label: "Role (not a name)", value: values["member_role"], errors: errors,
                                     hint: "For example: Designated Nurse for Safeguarding Children")
                Components.select(name: "member_organisation", label: "Organisation", options: page.organisations.map { ($0.id.uuidString.lowercased(), $0.name) },
                                  selected: values["member_organisation"], errors: errors, includeBlank: "Partnership business unit")
                Components.radios(name: "member_seat", legend: "Seat", options: MemberDraft.Seat.allCases.map { ($0.rawValue, $0.label) },
                                  selected: values["member_seat"] ?? "member", errors: errors, inline: true)
                Components.select(name: "member_account", label: "Account of the person in the seat (optional)",
                                  options: page.accounts.map { ($0.id.uuidString.lowercased(), "\($0.name) (\($0.email))") },
                                  selected: values["member_account"], errors: errors, includeBlank: "None")
                Components.button("Add member", secondary: true)
            }
        }
    }

    static func meetingForm(_ page: GroupPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Record a meeting" }
            el("form", .method("post"), .action(SiteRoute.subgroupMeetings(slug: page.slug, id: page.group.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.dateInput(name: "held_on", legend: "Date of the meeting", values: values, errors: errors)
                Components.textInput(name: "title", label: "What the meeting was", value: values["title"], errors: errors,
                                     hint: "For example: Executive meeting, development day")
                Components.textarea(name: "summary", label: "Summary (optional)", value: values["summary"], errors: errors,
                                    hint: "Decisions and challenges, in plain words. Name roles, not people.")
                Components.button("Record meeting", secondary: true)
            }
        }
    }

    static func form(_ page: GroupFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.subgroups(slug: page.slug), "Back to subgroups and structure")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Add a group", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.subgroups(slug: page.slug).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "kind", label: "Kind of group", options: GroupKind.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["kind"] ?? GroupKind.subgroup.rawValue, errors: errors)
                    Components.textarea(name: "purpose", label: "Purpose", value: values["purpose"], errors: errors)
                    Components.textInput(name: "chair", label: "Chair (optional)", value: values["chair"], errors: errors,
                                         hint: "A role, not a name: for example Head of Safeguarding, NHS trust")
                    Components.select(name: "reports_to", label: "Reports to", options: page.groups.map { ($0.id.uuidString.lowercased(), $0.name) },
                                      selected: values["reports_to"], errors: errors, includeBlank: "Nobody (the Executive only)")
                    Components.textInput(name: "joint_with", label: "Shared with (optional)", value: values["joint_with"], errors: errors,
                                         hint: "Another board or area, for example the Safeguarding Adults Board")
                    Components.button("Add group")
                }
            }
        }
    }
}
