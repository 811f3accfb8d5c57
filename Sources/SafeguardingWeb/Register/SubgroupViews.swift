import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The structure chart and groups table, one group's page with its forms, and the form to add a group.
enum SubgroupViews {
    static func chart(for groups: [GroupRecord], title: String) -> StructureChart {
        StructureChart(title: title, bodies: groups.map { group in
            StructureChart.Body(id: group.id.uuidString, name: group.name, kind: group.kind, chair: group.chair, reportsTo: group.reportsToID?.uuidString)
        })
    }

    static func list(_ page: GroupListPage, frame: PageFrame) -> String {
        let open = page.groups.filter { !$0.isClosed(on: page.today) }
        let closed = page.groups.filter { $0.isClosed(on: page.today) }
        let chart = chart(for: open, title: "Structure chart of the \(page.partnershipName)")
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
            groupTable(open, caption: "Groups", slug: page.slug, closed: false)
            if !closed.isEmpty {
                groupTable(closed, caption: "Closed groups", slug: page.slug, closed: true)
            }
        }
    }

    /// The groups as a table; closed groups say when they closed instead of who chairs them.
    static func groupTable(_ groups: [GroupRecord], caption: String, slug: String, closed: Bool) -> HTMLNode {
        el("table", .class("govuk-table")) {
            el("caption", .class("govuk-table__caption govuk-table__caption--m")) { caption }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    for header in ["Group", "Kind", closed ? "Closed" : "Chair", "Reports to", "Set up"] {
                        el("th", .scope("col"), .class("govuk-table__header")) { header }
                    }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for group in groups {
                    el("tr", .class("govuk-table__row")) {
                        el("th", .scope("row"), .class("govuk-table__header app-table__header--plain")) {
                            el("a", .href(SiteRoute.subgroup(slug: slug, id: group.id).path), .class("app-link")) { group.name }
                        }
                        el("td", .class("govuk-table__cell")) { group.kind.label }
                        el("td", .class("govuk-table__cell")) { closed ? group.closedOn?.long ?? "–" : group.chair ?? "Not recorded" }
                        el("td", .class("govuk-table__cell")) { group.reportsToName ?? "–" }
                        el("td", .class("govuk-table__cell app-nowrap")) { group.setUpOn?.long ?? "Not recorded" }
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
            if group.isClosed(on: page.today), let closed = group.closedOn {
                Components.notice("This group closed on \(closed.long). It stays in the register and in the reports of the years it met.")
            }
            Components.summaryList([
                ("Purpose", .text(group.purpose)),
                ("Chair", .text(group.chair ?? "Not recorded")),
                ("Reports to", .text(group.reportsToName ?? "–")),
                ("Shared with", .text(group.jointWith ?? "–")),
                ("Set up", .text(group.setUpOn?.long ?? "Not recorded")),
                ("Closed", .text(group.closedOn?.long ?? "Still meets")),
            ])
            if page.mayEdit {
                el("a", .href(SiteRoute.editSubgroup(slug: page.slug, id: group.id).path), .class("govuk-button govuk-button--secondary")) {
                    "Change details or close the group"
                }
            }
            el("h2", .class("app-heading-m")) { "Members" }
            members(page.members, caption: "Members of \(page.group.name)", former: false, changing: page.mayEdit ? page.slug : nil)
            if !page.pastMembers.isEmpty {
                el("h2", .class("app-heading-m")) { "Former members" }
                members(page.pastMembers, caption: "Former members of \(page.group.name)", former: true, changing: page.mayEdit ? page.slug : nil)
            }
            el("h2", .class("app-heading-m")) { "Meetings" }
            meetings(page.meetings, changing: page.mayEdit ? page.slug : nil)
            if page.mayEdit {
                memberForm(page, csrf: frame.csrf ?? "", values: values, errors: errors)
                if !page.members.isEmpty { endSeatForm(page, csrf: frame.csrf ?? "", values: values, errors: errors) }
                meetingForm(page, csrf: frame.csrf ?? "", values: values, errors: errors)
            }
        }
    }

    /// Seats as a table: since when each is held, and for former members when it ended; with a
    /// link to change each when `changing` gives the partnership's slug.
    static func members(_ members: [GroupMemberLine], caption: String, former: Bool, changing slug: String? = nil) -> HTMLNode {
        guard !members.isEmpty else { return el("p", .class("app-body-text")) { "No members recorded yet." } }
        return el("table", .class("govuk-table")) {
            el("caption", .class("govuk-table__caption app-visually-hidden")) { caption }
            el("thead", .class("govuk-table__head")) {
                el("tr", .class("govuk-table__row")) {
                    for header in ["Role", "Organisation", "Seat", "Account", "From"] + (former ? ["Until"] : []) {
                        el("th", .scope("col"), .class("govuk-table__header")) { header }
                    }
                    if slug != nil { el("th", .scope("col"), .class("govuk-table__header")) { el("span", .class("app-visually-hidden")) { "Actions" } } }
                }
            }
            el("tbody", .class("govuk-table__body")) {
                for member in members {
                    el("tr", .class("govuk-table__row")) {
                        el("td", .class("govuk-table__cell")) { member.role }
                        el("td", .class("govuk-table__cell")) { member.organisation ?? "Partnership business unit" }
                        el("td", .class("govuk-table__cell")) { seatLabel(member.seat) }
                        el("td", .class("govuk-table__cell")) { member.account ?? "–" }
                        el("td", .class("govuk-table__cell app-nowrap")) { member.startedOn?.long ?? "Not recorded" }
                        if former { el("td", .class("govuk-table__cell app-nowrap")) { member.endedOn?.long ?? "–" } }
                        if let slug {
                            el("td", .class("govuk-table__cell")) {
                                el("a", .href(SiteRoute.editSeat(slug: slug, id: member.id).path), .class("app-link")) {
                                    "Change"; el("span", .class("app-visually-hidden")) { " the seat of \(member.role)" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func seatLabel(_ seat: String) -> String {
        MemberDraft.Seat(rawValue: seat)?.label ?? seat.replacingOccurrences(of: "_", with: " ").capitalized
    }

    /// Ends a seat held now: the holder stood down, or the organisation left the group.
    static func endSeatForm(_ page: GroupPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "End a seat" }
            el("form", .method("post"), .action(SiteRoute.subgroupSeatEnd(slug: page.slug, id: page.group.id).path), .init("novalidate", nil), .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                Components.select(name: "seat", label: "Seat", options: page.members.map {
                    ($0.id.uuidString.lowercased(), "\($0.role), \($0.organisation ?? "Partnership business unit")")
                }, selected: values["seat"], errors: errors, includeBlank: "Select a seat")
                Components.dateInput(name: "ended_on", legend: "Date the seat ended", values: values, errors: errors,
                                     hint: "A linked account loses what the seat gave it from this day. For example, 31 3 2024")
                Components.button("End seat", secondary: true)
            }
        }
    }

    static func meetings(_ meetings: [MeetingLine], changing slug: String? = nil) -> HTMLNode {
        guard !meetings.isEmpty else { return el("p", .class("app-body-text")) { "No meetings recorded yet." } }
        return el("ul", .class("govuk-list")) {
            for meeting in meetings {
                el("li") {
                    el("strong") { (meeting.held?.long ?? meeting.heldOn) + ": " + meeting.title }
                    if let slug {
                        " "
                        el("a", .href(SiteRoute.editMeeting(slug: slug, id: meeting.id).path), .class("app-link")) {
                            "Change"; el("span", .class("app-visually-hidden")) { " the meeting \(meeting.title)" }
                        }
                    }
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
                Components.dateInput(name: "member_started_on", legend: "Date the seat was taken (optional)", values: values, errors: errors,
                                     hint: "Leave empty for today. For example, 1 4 2023")
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
                    Components.dateInput(name: "set_up_on", legend: "Date the group was set up", values: values, errors: errors,
                                         hint: "The yearly report counts the group from this day. For example, 1 4 2023")
                    Components.button("Add group")
                }
            }
        }
    }

    /// The form's values for a group as stored, dates in three boxes.
    static func values(of group: GroupRecord) -> [String: String] {
        var values: [String: String] = ["name": group.name, "kind": group.kind.rawValue, "purpose": group.purpose]
        values["chair"] = group.chair
        values["reports_to"] = group.reportsToID?.uuidString.lowercased()
        values["joint_with"] = group.jointWith
        for (name, date) in [("set_up_on", group.setUpOn), ("closed_on", group.closedOn)] {
            guard let date else { continue }
            values["\(name)-day"] = String(date.day)
            values["\(name)-month"] = String(date.month)
            values["\(name)-year"] = String(date.year)
        }
        return values
    }

    /// Changes a group's details; a date in "closed" closes it.
    static func editForm(_ page: GroupPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.subgroup(slug: page.slug, id: page.group.id), "Back to \(page.group.name)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Change \(page.group.name)", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.editSubgroup(slug: page.slug, id: page.group.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.select(name: "kind", label: "Kind of group", options: GroupKind.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["kind"], errors: errors)
                    Components.textarea(name: "purpose", label: "Purpose", value: values["purpose"], errors: errors)
                    Components.textInput(name: "chair", label: "Chair (optional)", value: values["chair"], errors: errors,
                                         hint: "A role, not a name: for example Head of Safeguarding, NHS trust")
                    Components.select(name: "reports_to", label: "Reports to", options: page.groupChoices.map { ($0.id.uuidString.lowercased(), $0.name) },
                                      selected: values["reports_to"], errors: errors, includeBlank: "Nobody (the Executive only)")
                    Components.textInput(name: "joint_with", label: "Shared with (optional)", value: values["joint_with"], errors: errors,
                                         hint: "Another board or area, for example the Safeguarding Adults Board")
                    Components.dateInput(name: "set_up_on", legend: "Date the group was set up", values: values, errors: errors,
                                         hint: "The yearly report counts the group from this day. For example, 1 4 2023")
                    Components.dateInput(name: "closed_on", legend: "Date the group closed (leave empty while it meets)", values: values, errors: errors,
                                         hint: "A closed group stays in the reports of the years it met. For example, 31 3 2025")
                    Components.button("Save changes")
                }
            }
            CorrectionViews.withdrawSection(.registerWithdraw(slug: page.slug, kind: RegisterCorrections.Kind.group.rawValue, id: page.group.id),
                                            what: "this group", csrf: frame.csrf ?? "")
        }
    }
}
