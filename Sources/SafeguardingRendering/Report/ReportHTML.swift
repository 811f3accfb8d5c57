import Foundation
import SafeguardingDomain

/// The yearly report as one accessible HTML document: a contents list, headings in order, tables
/// with headers, charts with text alternatives and their tables, and a print stylesheet that the
/// PDF uses (A4, page numbers). Every generated number links to where it came from.
public struct ReportHTML: Sendable {
    public let document: ReportDocument
    /// Where a figure's source lives; nil prints the number without a link.
    public let link: @Sendable (FigureSource) -> String?
    /// Whether to show the draft's flags (sections without data, the checklist's gaps).
    public let showsDraftFlags: Bool

    public init(document: ReportDocument, showsDraftFlags: Bool, link: @escaping @Sendable (FigureSource) -> String?) {
        self.document = document
        self.link = link
        self.showsDraftFlags = showsDraftFlags
    }

    public func render() -> String {
        "<!DOCTYPE html>" + el("html", .init("lang", "en-GB")) {
            el("head") {
                el("meta", .init("charset", "utf-8"))
                el("meta", .name("viewport"), .init("content", "width=device-width, initial-scale=1"))
                el("title") { document.title }
                el("style") { HTMLNode.raw(ReportStyle.css(footer: "\(document.partnershipName) yearly report \(document.year)")) }
            }
            el("body") {
                el("main", .class("report"), .id("main")) {
                    cover()
                    contents()
                    for section in sections { self.section(section) }
                    if document.audience == .full { closing() }
                }
            }
        }.render()
    }

    /// The sections to print: a draft shows a left-out section, marked; without the draft's flags it is
    /// not printed (a published document no longer holds it, see `ReportDocument.forPublication`).
    var sections: [ReportSectionContent] { showsDraftFlags ? document.sections : document.sections.filter { !$0.leftOut } }

    func cover() -> HTMLNode {
        el("header", .class("report-cover")) {
            el("p", .class("report-cover__partnership")) { document.partnershipName }
            el("h1") { document.audience == .full ? "Yearly report \(document.year)" : "Our year \(document.year): for children and young people" }
            el("p", .class("report-cover__lead")) {
                document.audience == .full
                    ? "How the safeguarding partners in \(document.localAuthorityName) worked together to keep children safe, from 1 April \(document.year.startYear) to 31 March \(document.year.endYear)."
                    : "What the people who keep children safe in \(document.localAuthorityName) did this year, in plain words."
            }
            if let published = document.publishedOn {
                el("p", .class("report-cover__status")) { "Published \(published.long). Version \(document.version)." }
            } else {
                el("p", .class("report-cover__status report-cover__status--draft")) {
                    "Draft, version \(document.version), composed from the data on \(document.composedOn.long). Not for publication."
                }
            }
        }
    }

    func contents() -> HTMLNode {
        el("nav", .class("report-contents"), .aria("labelledby", "contents-title")) {
            el("h2", .id("contents-title")) { "Contents" }
            el("ol") {
                for section in sections {
                    el("li") { el("a", .href("#\(section.anchor)")) { section.title + (section.leftOut ? " (left out of the published report)" : "") } }
                }
                if document.audience == .full {
                    el("li") { el("a", .href("#working-together")) { "How this report meets Working Together" } }
                    el("li") { el("a", .href("#about-the-figures")) { "About the figures" } }
                }
            }
        }
    }

    func section(_ section: ReportSectionContent) -> HTMLNode {
        el("section", .class("report-section"), .id(section.anchor), .aria("labelledby", "\(section.anchor)-title")) {
            el("h2", .id("\(section.anchor)-title")) {
                el("span", .class("report-section__number")) { "\(section.number)." }
                " \(section.title)"
            }
            if let subtitle = section.subtitle, document.audience == .full { el("p", .class("report-section__subtitle")) { subtitle } }
            if showsDraftFlags, section.leftOut {
                el("div", .class("report-flag"), .role("note")) {
                    el("strong") { "Left out of the published report: " }
                    "the partnership chose not to publish this section, so the Working Together items it answers show as gaps."
                }
            }
            if showsDraftFlags, !section.hasData, let missing = section.missing {
                el("div", .class("report-flag"), .role("note")) {
                    el("strong") { "Flagged in the draft: " }
                    missing
                }
            }
            if !section.narrative.isEmpty {
                el("div", .class("report-narrative")) { HTMLNode.raw(MarkdownHTML.html(section.narrative, headingOffset: 2)) }
            }
            for (index, block) in section.blocks.enumerated() { self.block(block, in: section, index: index) }
        }
    }

    func block(_ block: ReportBlock, in section: ReportSectionContent, index: Int) -> HTMLNode {
        switch block {
        case let .heading(text):
            return el("h3") { text }
        case let .paragraph(text):
            return el("p") { text }
        case let .figures(figures):
            return el("dl", .class("report-figures")) {
                for figure in figures {
                    el("div", .class("report-figure")) {
                        el("dt") { figure.label }
                        el("dd", .class("report-figure__value")) { value(figure.value, source: figure.source) }
                        if let note = figure.note { el("dd", .class("report-figure__note")) { note } }
                    }
                }
            }
        case let .table(table):
            return self.table(table)
        case let .chart(chart):
            return el("figure", .class("report-chart"), .id(chart.id)) {
                HTMLNode.raw(ReportCharts.svg(chart))
                el("figcaption") {
                    el("strong") { chart.title }
                    el("span", .class("report-chart__description")) { " " + chart.description }
                }
                self.table(chart.table)
            }
        case let .list(items):
            return el("ul", .class("report-list")) {
                for item in items {
                    el("li") {
                        if let source = item.source, let href = link(source) {
                            el("a", .href(href)) { item.text }
                        } else {
                            item.text
                        }
                        if let detail = item.detail, !detail.isEmpty { el("span", .class("report-list__detail")) { " - " + detail } }
                    }
                }
            }
        case let .structure(boxes):
            let chart = ReportCharts.structure(boxes, title: "The structure of \(document.partnershipName)")
            return el("figure", .class("report-chart report-chart--structure")) {
                HTMLNode.raw(chart)
                el("figcaption") { "The Executive and the groups that report to it." }
                el("ul", .class("report-list")) {
                    for box in boxes {
                        el("li") {
                            box.name
                            el("span", .class("report-list__detail")) { " - " + box.summary(among: boxes) }
                        }
                    }
                }
            }
        }
    }

    /// How every output lists a sign-off of an earlier draft: never as a signature of this one.
    public static func earlierDraftText(_ signature: ReportSignature) -> String {
        "\(signature.partner.label): the \(signature.signedByRole) signed an earlier draft on \(signature.signedOn.long), not this one"
    }

    func value(_ text: String, source: FigureSource?) -> HTMLNode {
        guard let source, FigureSource.isLinkable(text), let href = link(source) else { return .text(text) }
        return el("a", .href(href), .class("report-source")) {
            text
            el("span", .class("visually-hidden")) { " (source: \(source.label))" }
        }
    }

    func table(_ table: ReportTable) -> HTMLNode {
        // A short table is kept on one page in print; a long one breaks between rows, its header repeated.
        el("div", .class(table.rows.count <= 12 ? "report-table-wrap report-table-wrap--short" : "report-table-wrap")) {
            el("table", .class("report-table"), .id(table.id)) {
                el("caption") { table.caption }
                el("thead") {
                    el("tr") {
                        el("td") {}
                        for (index, column) in table.columns.enumerated() {
                            let numeric = table.rows.contains { $0.cells.indices.contains(index) && $0.cells[index].isNumber }
                            el("th", .scope("col"), numeric ? .class("report-table__number") : nil) { column }
                        }
                    }
                }
                el("tbody") {
                    for row in table.rows {
                        el("tr", row.isTotal ? .class("report-table__total") : nil) {
                            el("th", .scope("row")) { value(row.header.text, source: row.header.source) }
                            for cell in row.cells {
                                el("td", cell.isNumber ? .class("report-table__number") : nil) { value(cell.text, source: cell.source) }
                            }
                        }
                    }
                }
            }
            if let note = table.note { el("p", .class("report-table__note")) { note } }
        }
    }

    func closing() -> HTMLNode {
        group {
            el("section", .class("report-section"), .id("working-together"), .aria("labelledby", "working-together-title")) {
                el("h2", .id("working-together-title")) { "How this report meets Working Together" }
                el("p") { "Working Together to Safeguard Children 2023 asks every yearly report to include these things. The table shows where this report covers each one, and what is still missing." }
                el("div", .class("report-table-wrap")) {
                    el("table", .class("report-table report-table--checklist")) {
                        el("caption") { "The Working Together checklist" }
                        el("thead") {
                            el("tr") {
                                el("th", .scope("col")) { "Item" }
                                el("th", .scope("col")) { "Sections" }
                                el("th", .scope("col")) { "Status" }
                            }
                        }
                        el("tbody") {
                            for result in document.checklist {
                                el("tr") {
                                    el("th", .scope("row")) { "\(result.item.rawValue). \(result.item.text)" }
                                    el("td") {
                                        for (i, key) in result.sections.enumerated() {
                                            if i > 0 { ", " }
                                            // A left-out section is named, not linked: the published report does not hold it.
                                            if let section = sections.first(where: { $0.key == key }), !section.leftOut {
                                                el("a", .href("#\(section.anchor)")) { "\(section.number). \(section.title)" }
                                            } else {
                                                "\(key.title) (left out)"
                                            }
                                        }
                                    }
                                    el("td", result.isCovered ? nil : .class("report-table__gap")) {
                                        result.statusText
                                    }
                                }
                            }
                        }
                    }
                }
            }
            el("section", .class("report-section"), .id("about-the-figures"), .aria("labelledby", "about-the-figures-title")) {
                el("h2", .id("about-the-figures-title")) { "About the figures" }
                el("p") {
                    "Every figure comes from the data the partnership keeps, and each links to its source. In tables that break counts of children down, counts from 1 to \(document.disclosureThreshold) are shown as c, and so is any other count that would let a hidden one be worked out from a total; 0 means none; : means not available."
                }
                el("p") {
                    document.suppressions.isEmpty ? "No figures needed to be hidden in this report."
                        : "\(document.suppressions.count) figure\(document.suppressions.count == 1 ? " was" : "s were") hidden this way."
                }
                let (current, earlier) = (document.signOffs.filter { !$0.isOfEarlierDraft }, document.signOffs.filter(\.isOfEarlierDraft))
                if !current.isEmpty {
                    el("h3") { "Signed off by the statutory partners" }
                    el("ul", .class("report-list")) {
                        for signature in current {
                            el("li") { "\(signature.partner.label): the \(signature.signedByRole), \(signature.signedOn.long)" }
                        }
                    }
                }
                if !earlier.isEmpty {
                    el("h3") { "Sign-offs of an earlier draft" }
                    el("p") { "The content has changed since these partners signed, so they have not signed off this draft." }
                    el("ul", .class("report-list")) {
                        for signature in earlier { el("li") { ReportHTML.earlierDraftText(signature) } }
                    }
                }
            }
        }
    }
}
