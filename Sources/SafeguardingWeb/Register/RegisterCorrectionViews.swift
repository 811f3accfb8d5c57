import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The pages of correcting records: withdrawing one, the withdrawn records with a Restore button
/// each, and the forms that change a seat, a meeting or a contribution.
enum CorrectionViews {
    /// The reason field and button that withdraw a record, for its own form page or an edit page.
    static func withdrawFields(csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            Components.csrfField(csrf)
            Components.textarea(name: "reason", label: "Why is it being withdrawn?", value: values["reason"], errors: errors,
                                hint: "For example: added twice, or entered for the wrong partnership. The record is kept, with this reason, and an administrator can restore it.")
            Components.button("Withdraw", secondary: true)
        }
    }

    /// A "Withdraw" section at the foot of an edit page, posting to the record's withdraw form.
    static func withdrawSection(_ action: SiteRoute, what: String, csrf: String) -> HTMLNode {
        el("div", .class("app-grid-two-thirds")) {
            el("h2", .class("app-heading-m")) { "Withdraw \(what)" }
            el("p", .class("app-body-text")) {
                "If it was added by mistake, withdraw it: it is hidden from lists, counts and the yearly report, and kept so it can be restored."
            }
            el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
                withdrawFields(csrf: csrf, values: [:], errors: [])
            }
        }
    }

    static func withdraw(_ page: WithdrawFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(page.back)
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Withdraw \(page.kindLabel.lowercased())", caption: page.partnershipName)
                Components.summaryList([(page.kindLabel, .text(page.description))])
                el("form", .method("post"), .action(page.action.path), .init("novalidate", nil)) {
                    withdrawFields(csrf: frame.csrf ?? "", values: values, errors: errors)
                }
            }
        }
    }

    static func withdrawn(_ page: WithdrawnRecordsPage, frame: PageFrame, flash: String?, errors: [FieldError]) -> String {
        Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.heading("Withdrawn \(page.moduleName.lowercased()) records", caption: page.partnershipName)
            el("p", .class("app-body-text"), .id("id")) {
                "Records withdrawn as mistakes are hidden from every list, count and the yearly report. Restoring one brings it back as it was."
            }
            if page.records.isEmpty {
                el("p", .class("app-body-text")) { "Nothing has been withdrawn." }
            } else {
                Components.table(caption: "Withdrawn records", hiddenCaption: true, headers: ["Record", "Kind", "Reason", "Withdrawn", ""],
                                 rows: page.records.map { record in
                    [.text(record.description), .text(record.kindLabel), .text(record.reason),
                     .text("by \(record.withdrawnBy)" + (record.withdrawnAt.map { ", \(AuditPage.timestamp($0))" } ?? "")),
                     el("form", .method("post"), .action(page.action.path)) {
                         Components.csrfField(frame.csrf ?? "")
                         el("input", .type("hidden"), .name("kind"), .value(record.kind))
                         el("input", .type("hidden"), .name("id"), .value(record.id.uuidString.lowercased()))
                         el("button", .type("submit"), .class("govuk-button govuk-button--secondary app-button--small")) {
                             "Restore"; el("span", .class("app-visually-hidden")) { " " + record.description }
                         }
                     }]
                })
            }
        }
    }

    // MARK: Seats

    static func values(of page: SeatFormPage) -> [String: String] {
        var values = ["member_role": page.role, "member_seat": page.seat,
                      "member_organisation": page.organisationID?.uuidString.lowercased() ?? "",
                      "member_account": page.accountID?.uuidString.lowercased() ?? ""]
        values.merge(Components.dateBoxes("member_started_on", page.startedOn)) { a, _ in a }
        values.merge(Components.dateBoxes("member_ended_on", page.endedOn)) { a, _ in a }
        return values
    }

    static func seatForm(_ page: SeatFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.subgroup(slug: page.slug, id: page.groupID), "Back to \(page.groupName)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Change a seat on \(page.groupName)", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.editSeat(slug: page.slug, id: page.seatID).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "member_role", label: "Role", value: values["member_role"], errors: errors,
                                         hint: "A role, not a name: for example Designated Nurse")
                    Components.select(name: "member_organisation", label: "Organisation",
                                      options: page.organisations.map { ($0.id.uuidString.lowercased(), $0.name) },
                                      selected: values["member_organisation"], errors: errors, includeBlank: "The partnership's business unit")
                    Components.radios(name: "member_seat", legend: "Seat", options: MemberDraft.Seat.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["member_seat"], errors: errors, inline: true)
                    Components.select(name: "member_account", label: "Account of the person in the seat (optional)",
                                      options: page.accounts.map { ($0.id.uuidString.lowercased(), "\($0.name) (\($0.email))") },
                                      selected: values["member_account"], errors: errors, includeBlank: "No account")
                    Components.dateInput(name: "member_started_on", legend: "Date the seat was taken", values: values, errors: errors)
                    Components.dateInput(name: "member_ended_on", legend: "Date the seat ended (leave empty while it is held)", values: values, errors: errors)
                    Components.button("Save changes")
                }
            }
            withdrawSection(.registerWithdraw(slug: page.slug, kind: RegisterCorrections.Kind.seat.rawValue, id: page.seatID),
                            what: "this seat", csrf: frame.csrf ?? "")
        }
    }

    // MARK: Meetings

    static func values(of page: MeetingFormPage) -> [String: String] {
        ["title": page.title, "summary": page.summary ?? ""].merging(Components.dateBoxes("held_on", page.heldOn)) { a, _ in a }
    }

    static func meetingForm(_ page: MeetingFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.subgroup(slug: page.slug, id: page.groupID), "Back to \(page.groupName)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Change a meeting of \(page.groupName)", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.editMeeting(slug: page.slug, id: page.meetingID).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.dateInput(name: "held_on", legend: "Date of the meeting", values: values, errors: errors)
                    Components.textInput(name: "title", label: "What the meeting was", value: values["title"], errors: errors)
                    Components.textarea(name: "summary", label: "Summary (optional)", value: values["summary"], errors: errors)
                    Components.button("Save changes")
                }
            }
            withdrawSection(.registerWithdraw(slug: page.slug, kind: RegisterCorrections.Kind.meeting.rawValue, id: page.meetingID),
                            what: "this meeting", csrf: frame.csrf ?? "")
        }
    }

    // MARK: Contributions

    static func values(of page: ContributionFormPage) -> [String: String] {
        ["label": page.line.label, "category": page.line.category.rawValue, "organisation": page.line.organisation ?? "",
         "amount": page.line.amount.editable, "note": page.line.note ?? ""]
    }

    static func contributionForm(_ page: ContributionFormPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        Layout.page(frame) {
            Components.backLink(.financeYear(slug: page.slug, year: page.year), "Back to finance \(page.year.slashed)")
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading("Change a contribution for \(page.year.slashed)", caption: page.partnershipName)
                el("form", .method("post"), .action(SiteRoute.editContribution(slug: page.slug, id: page.line.id).path), .init("novalidate", nil)) {
                    Components.csrfField(frame.csrf ?? "")
                    Components.textInput(name: "label", label: "Contribution", value: values["label"], errors: errors,
                                         hint: "As it will appear in the yearly report")
                    Components.select(name: "category", label: "Kind", options: ContributionCategory.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["category"], errors: errors)
                    Components.select(name: "organisation", label: "From (optional)", options: page.organisationNames.map { ($0, $0) },
                                      selected: values["organisation"], errors: errors, includeBlank: "Not from one organisation")
                    Components.textInput(name: "amount", label: "Amount in pounds", value: values["amount"], errors: errors,
                                         hint: "For example 14630 or 14,630.50", width: "app-input--half")
                    Components.textInput(name: "note", label: "Note (optional)", value: values["note"], errors: errors)
                    Components.button("Save changes")
                }
            }
            withdrawSection(.registerWithdraw(slug: page.slug, kind: RegisterCorrections.Kind.contribution.rawValue, id: page.line.id),
                            what: "this contribution", csrf: frame.csrf ?? "")
        }
    }
}
