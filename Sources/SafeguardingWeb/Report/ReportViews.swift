import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// The yearly report's pages: the list of years, the report page and the section editor, as pure
/// functions of their page models. `values` and `errors` are those of a form that was refused.
enum ReportViews {
    static func list(_ page: ReportListPage, frame: PageFrame) -> String {
        let slug = page.slug
        return Layout.page(frame) {
            Components.heading("Yearly reports", caption: page.partnershipName)
            el("p", .class("app-body-text")) {
                "Each year's report is composed from the data the partnership keeps, with the narrative people write. It is signed off by the three statutory partners, then published and frozen."
            }
            el("p", .class("app-body-text")) {
                page.years.contains { $0.year == page.opening && $0.status != .notStarted } ? "The newest report with work on it is " : "This reporting year's report is "
                el("a", .href(SiteRoute.report(slug: slug, year: page.opening).path), .class("app-link")) { "the \(page.opening) report" }
                "."
            }
            Components.table(caption: "Reports by year", hiddenCaption: true, headers: ["Year", "Status", "Versions"], rows: page.years.map { line in
                let status: HTMLNode = switch line.status {
                case let .published(on): Components.tag("Published \(on?.long ?? "")", colour: "green")
                case .draft: Components.tag("Draft", colour: "yellow")
                case .notStarted: .text("Not started")
                }
                return [el("a", .href(SiteRoute.report(slug: slug, year: line.year).path), .class("app-link")) { "Yearly report \(line.year)" },
                        status, .text(line.versions == 0 ? "None" : String(line.versions))]
            })
        }
    }

    static func report(_ page: ReportPage, frame: PageFrame, flash: String?, values: [String: String], errors: [FieldError]) -> String {
        let (slug, year) = (page.slug, page.year)
        let title = "Yearly report \(year)"
        var frame = frame
        frame.title = errors.isEmpty ? title : "Error: \(title)"
        let csrf = frame.csrf ?? ""
        return Layout.page(frame) {
            if let flash { Components.notice(flash) }
            Components.errorSummary(errors)
            Components.heading(title, caption: page.partnershipName)
            el("p", .class("app-body-text")) {
                if page.isDraft {
                    Components.tag("Draft, version \(page.version)", colour: "yellow")
                    " The draft is composed from the data each time it is opened."
                } else {
                    Components.tag("Published \(page.published?.long ?? ""), version \(page.version)", colour: "green")
                    " This version is frozen: it no longer changes when the data does."
                }
            }
            downloads(slug: slug, year: year)
            if let copy = page.copy { copyAndVersion(page, copy: copy, csrf: csrf, values: values, errors: errors) }
            sections(page, canEdit: page.mayEdit && page.isDraft)
            checklist(page)
            disclosure(page, csrf: csrf, values: values, errors: errors, canEdit: page.mayEdit && page.isDraft)
            signOff(page, csrf: csrf, values: values, errors: errors)
            if page.isDraft, page.mayEdit { publication(page, csrf: csrf, values: values, errors: errors) }
            if page.versions.count > 1 { versions(page) }
        }
    }

    /// A published version: where its copy stands, and the forms to record it or start a new version.
    static func copyAndVersion(_ page: ReportPage, copy: ReportCopyLine, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        let (slug, year) = (page.slug, page.year)
        return group {
            el("h2", .class("app-heading-m")) { "Copy to the national panel and the Department for Education" }
            el("p", .class("app-body-text")) { Components.tag(copy.state.summary, colour: copy.state.isMissed ? "red" : (copy.isSent ? "green" : "yellow")) }
            if page.mayEdit, !copy.isSent {
                el("form", .method("post"), .action(SiteRoute.reportCopy(slug: slug, year: year).path), .init("novalidate", nil)) {
                    Components.csrfField(csrf)
                    Components.dateInput(name: "copy_sent_on", legend: "Date the copy was sent", values: values, errors: errors)
                    Components.button("Record the copy sent", secondary: true)
                }
            }
            if page.mayStartNewVersion {
                el("form", .method("post"), .action(SiteRoute.reportVersions(slug: slug, year: year).path)) {
                    Components.csrfField(csrf)
                    Components.button("Start a new version", secondary: true)
                }
            }
        }
    }

    static func downloads(slug: String, year: ReportingYear) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Read and download" }
            el("ul", .class("app-inline-list")) {
                for format in ReportOutputFormat.allCases {
                    el("li") { el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: format).path), .class("app-link")) { format.label } }
                }
            }
            el("p", .class("app-body-text")) {
                "For children and young people: "
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .html).path), .class("app-link")) { "the children's version" }
                " ("
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .pdf).path), .class("app-link")) { "PDF" }
                ", "
                el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .docx).path), .class("app-link")) { "Word" }
                ")."
            }
        }
    }

    /// The sections with their data and narrative; the flags show what has no data for the year, and
    /// which sections the partnership left out of the published report.
    static func sections(_ page: ReportPage, canEdit: Bool) -> HTMLNode {
        let (slug, year) = (page.slug, page.year)
        return group {
            el("h2", .class("app-heading-m")) { "Sections" }
            Components.table(caption: "Sections of the report", hiddenCaption: true, headers: ["Section", "Data for the year", "Narrative", "Change"], rows:
                page.sections.map { section in
                    [el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .html).path + "#\(section.anchor)"), .class("app-link")) {
                        "\(section.number). \(section.title)"
                     },
                     section.leftOut ? el("span") {
                            Components.tag("Left out", colour: "grey")
                            HTMLNode.text(" Not in the published report, by the partnership's choice.")
                        }
                        : section.hasData ? Components.tag("Present", colour: "green")
                        : el("span") {
                            Components.tag("Flagged", colour: "red")
                            HTMLNode.text(" " + (section.missing ?? ""))
                        },
                     section.isWritten ? .text("Written") : .text("Not written"),
                     canEdit ? el("a", .href(SiteRoute.reportSection(slug: slug, year: year, key: section.key.rawValue).path), .class("app-link")) {
                         "Edit"
                         el("span", .class("app-visually-hidden")) { " \(section.title)" }
                     } : .text("")]
                } + [[el("a", .href(SiteRoute.reportChildren(slug: slug, year: year, format: .html).path), .class("app-link")) { "The children's version" },
                      .text("From the same data"),
                      page.childrenWritten ? .text("Written") : .text("Not written"),
                      canEdit ? el("a", .href(SiteRoute.reportSection(slug: slug, year: year, key: ReportSectionEditorPage.childrenKey).path), .class("app-link")) {
                          "Edit"
                          el("span", .class("app-visually-hidden")) { " the children's version" }
                      } : .text("")]])
        }
    }

    static func checklist(_ page: ReportPage) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("checklist")) { "Working Together checklist" }
            Components.table(caption: "What Working Together asks the report to include", hiddenCaption: true,
                             headers: ["Item", "Sections", "Data behind it"], rows: page.checklist.map { result in
                [.text("\(result.item.rawValue). \(result.item.text)"),
                 .text(result.sections.compactMap { key in page.sections.first { $0.key == key }.map { "\($0.number). \($0.title)" } }.joined(separator: "; ")),
                 result.isCovered ? Components.tag("Covered", colour: "green")
                    : el("span") {
                        Components.tag("Gap", colour: "red")
                        HTMLNode.text(" " + result.missingText.prefix(1).uppercased() + result.missingText.dropFirst())
                    }]
            })
        }
    }

    static func disclosure(_ page: ReportPage, csrf: String, values: [String: String], errors: [FieldError], canEdit: Bool) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("disclosure")) { "Disclosure check" }
            el("p", .class("app-body-text")) {
                "Counts from 1 to \(page.disclosureThreshold) in breakdowns of children are shown as c, with further cells hidden where a total would reveal them. Sections set to publish headline totals show their small totals."
            }
            if page.suppressions.isEmpty {
                el("p", .class("app-body-text")) { "Nothing needed to be suppressed." }
            } else {
                Components.table(caption: "What was suppressed, and why", headers: ["Table", "Row", "Column", "Why"], rows: page.suppressions.map { s in
                    [.text(s.tableTitle), .text(s.row), .text(s.column), .text(s.reason.explanation)]
                }, compact: true)
            }
            if canEdit {
                el("details", .class("govuk-details"), .flag("open", errors.contains { ["threshold", "copy_days"].contains($0.field) })) {
                    el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Change the threshold or the copy deadline" } }
                    el("form", .method("post"), .action(SiteRoute.reportSettings(slug: page.slug, year: page.year).path), .init("novalidate", nil)) {
                        Components.csrfField(csrf)
                        Components.textInput(name: "threshold", label: "Suppress counts from 1 up to", value: values["threshold"] ?? String(page.disclosureThreshold),
                                             errors: errors, hint: "The Department for Education suppresses 1 to 5", width: "app-input--width-4")
                        Components.textInput(name: "copy_days", label: "Days after publication to send the copy", value: values["copy_days"] ?? String(page.copyDays),
                                             errors: errors, hint: "Working Together says 7", width: "app-input--width-4")
                        Components.button("Save settings", secondary: true)
                    }
                }
            }
        }
    }

    static func signOff(_ page: ReportPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("sign-off")) { "Sign-off by the statutory partners" }
            // A draft's sign-off approves the content as it read when recorded; a change since makes it one of an earlier draft.
            Components.table(caption: "Sign-off", hiddenCaption: true, headers: ["Partner", "Signed by", "Date"] + (page.isDraft ? ["What was signed"] : []),
                             rows: page.signOffs.map { line in
                [.text(line.partner.label), .text(line.signedByRole.map { "The \($0)" } ?? "Not signed"),
                 line.signed.map { .text($0.long) } ?? Components.tag("Waiting", colour: "yellow")]
                    + (page.isDraft ? [signedContent(line.standing)] : [])
            })
            if page.isDraft, page.maySignOff {
                el("details", .class("govuk-details"), .flag("open", errors.contains { ["partner", "signed_by_role", "signed_on"].contains($0.field) })) {
                    el("summary", .class("govuk-details__summary")) { el("span", .class("govuk-details__summary-text")) { "Record a partner's sign-off" } }
                    el("form", .method("post"), .action(SiteRoute.reportSignOffs(slug: page.slug, year: page.year).path), .init("novalidate", nil),
                       .class("app-grid-two-thirds")) {
                        Components.csrfField(csrf)
                        Components.radios(name: "partner", legend: "Statutory partner", options: StatutoryPartner.allCases.map { ($0.rawValue, $0.label) },
                                          selected: values["partner"], errors: errors)
                        Components.textInput(name: "signed_by_role", label: "Role of the person who signed", value: values["signed_by_role"], errors: errors,
                                             hint: "The role, not the name: for example Director of Children's Services")
                        Components.dateInput(name: "signed_on", legend: "Date signed", values: values, errors: errors)
                        Components.button("Record the sign-off", secondary: true)
                    }
                }
            }
        }
    }

    /// Whether a draft's sign-off is of the content as it reads now, and if not, what changed since.
    static func signedContent(_ standing: ReportWorkflow.SignOffStanding?) -> HTMLNode {
        switch standing {
        case nil: .text("")
        case .current: Components.tag("The current content", colour: "green")
        case let .earlierDraft(changes):
            el("span") {
                Components.tag("Signed an earlier draft", colour: "orange")
                HTMLNode.text(changes.isEmpty ? " Not the report as it reads now: record this sign-off again before publishing."
                              : " Changed since: \(changes.joined(separator: "; ")). Record this sign-off again before publishing.")
            }
        }
    }

    static func publication(_ page: ReportPage, csrf: String, values: [String: String], errors: [FieldError]) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m"), .id("publish")) { "Publish" }
            if !page.publicationProblems.isEmpty {
                el("ul", .class("govuk-list govuk-list--bullet")) { for problem in page.publicationProblems { el("li") { problem } } }
            }
            el("form", .method("post"), .action(SiteRoute.reportPublication(slug: page.slug, year: page.year).path), .init("novalidate", nil),
               .class("app-grid-two-thirds")) {
                Components.csrfField(csrf)
                if page.gaps > 0 {
                    Components.checkboxes(id: "confirm_gaps", legend: "The checklist still has gaps", boxes: [
                        ("confirm_gaps", "Publish with \(page.gaps) Working Together item\(page.gaps == 1 ? "" : "s") not covered"),
                    ], values: values, errors: errors, hint: "The report says which items are not covered, in its Working Together table.")
                }
                Components.dateInput(name: "published_on", legend: "Publication date", values: values, errors: errors)
                Components.button("Publish the report")
            }
        }
    }

    static func versions(_ page: ReportPage) -> HTMLNode {
        group {
            el("h2", .class("app-heading-m")) { "Versions" }
            el("ul", .class("govuk-list")) {
                for version in page.versions {
                    el("li") {
                        el("a", .href(SiteRoute.reportFile(slug: page.slug, year: page.year, format: .html).path + "?version=\(version.version)"), .class("app-link")) {
                            "Version \(version.version): \(version.isPublished ? "published \(version.published?.long ?? "")" : "draft")"
                        }
                    }
                }
            }
        }
    }

    // MARK: Section editor

    static func sectionEditor(_ page: ReportSectionEditorPage, frame: PageFrame, values: [String: String], errors: [FieldError]) -> String {
        let (slug, year) = (page.slug, page.year)
        var frame = frame
        frame.title = errors.isEmpty ? page.name : "Error: \(page.name)"
        let csrf = frame.csrf ?? ""
        return Layout.page(frame) {
            Components.backLink(.report(slug: slug, year: year), "Back to the yearly report \(year)")
            Components.errorSummary(errors)
            Components.heading(page.name, caption: "Yearly report \(year)")
            if page.isPublished {
                el("p", .class("app-body-text")) { "This year's report is published. Start a new version on the report page to change it." }
            } else {
                if let module = page.module { el("p", .class("app-body-text")) { "This section draws on \(module)." } }
                el("form", .method("post"), .action(SiteRoute.reportSection(slug: slug, year: year, key: page.key).path), .init("novalidate", nil),
                   .class("app-grid-two-thirds")) {
                    Components.csrfField(csrf)
                    Components.textarea(name: "narrative", label: "Narrative", value: values["narrative"], errors: errors,
                                        hint: "\(page.prompt) Write in plain English, naming roles rather than people. Use a blank line between paragraphs, # for a heading, - for a list item, **bold**, *italic* and [link text](https://…).")
                    if page.offersHeadlineTotals {
                        Components.checkboxes(id: "headline_totals_group", legend: "Small headline totals", boxes: [
                            ("headline_totals", "Publish this section's headline totals even when they are 5 or fewer"),
                        ], values: values, errors: errors, hint: "Breakdown tables are always checked. Only tick this where the partnership has decided a small total can be published, as for the number of rapid reviews.")
                    }
                    if page.offersLeaveOut {
                        Components.checkboxes(id: "left_out_group", legend: "Leave this section out", boxes: [
                            ("left_out", "Leave this section out of the published report"),
                        ], values: values, errors: errors, hint: "For a section with nothing to report this year, either write why above, or leave it out. A section left out is not published, and the Working Together items it answers show as gaps.")
                    }
                    Components.button("Save the section")
                }
            }
        }
    }

    /// Answered when a PDF cannot be made (no Chromium): the other formats still work.
    static func unavailable(_ message: String, slug: String, year: ReportingYear) -> String {
        Layout.page(PageFrame(title: "PDF not available")) {
            Components.heading("The PDF is not available")
            el("p", .class("app-body-text")) { message }
            el("p", .class("app-body-text")) {
                el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .html).path), .class("app-link")) { "Read the report as a web page" }
                " or "
                el("a", .href(SiteRoute.reportFile(slug: slug, year: year, format: .docx).path), .class("app-link")) { "download it for Word" }
                "."
            }
        }
    }
}
