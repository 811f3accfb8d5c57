import Foundation
import SafeguardingDomain

/// The yearly report as Markdown: for partnerships that edit in their own tools or publish on a
/// static site. Tables are pipe tables; charts are described, then their table follows.
public enum ReportMarkdown {
    public static func render(_ document: ReportDocument, link: (FigureSource) -> String?) -> String {
        var out: [String] = ["# \(document.title)", ""]
        if let published = document.publishedOn {
            out.append("Published \(published.long). Version \(document.version).")
        } else {
            out.append("**Draft, version \(document.version), composed from the data on \(document.composedOn.long). Not for publication.**")
        }
        out.append("")
        func value(_ text: String, _ source: FigureSource?) -> String {
            guard let source, FigureSource.isLinkable(text), let href = link(source) else { return escape(text) }
            return "[\(escape(text))](\(href))"
        }
        func table(_ table: ReportTable) {
            out.append("**\(escape(table.caption))**")
            out.append("")
            out.append("| | " + table.columns.map(escape).joined(separator: " | ") + " |")
            out.append("|---|" + table.columns.map { _ in "---:|" }.joined())
            for row in table.rows {
                let header = value(row.header.text, row.header.source)
                out.append("| " + (row.isTotal ? "**\(header)**" : header) + " | " + row.cells.map { value($0.text, $0.source) }.joined(separator: " | ") + " |")
            }
            if let note = table.note { out += ["", "_\(escape(note))_"] }
            out.append("")
        }
        // A draft shows a left-out section, marked; a published document no longer holds one.
        for section in document.sections where document.status == .draft || !section.leftOut {
            out.append("## \(section.number). \(section.title)")
            out.append("")
            if document.status == .draft, section.leftOut {
                out += ["> **Left out of the published report:** the partnership chose not to publish this section, so the Working Together items it answers show as gaps.", ""]
            }
            if document.status == .draft, !section.hasData, let missing = section.missing { out += ["> **Flagged in the draft:** \(escape(missing))", ""] }
            if !section.narrative.isEmpty {
                // Narrative headings sit below the section's own heading.
                let shifted = section.narrative.map { block -> MarkdownBlock in
                    if case let .heading(level, text) = block { return .heading(level: min(level + 2, 6), text) }
                    return block
                }
                out.append(Markdown.render(shifted))
                out.append("")
            }
            for block in section.blocks {
                switch block {
                case let .heading(text): out += ["### \(escape(text))", ""]
                case let .paragraph(text): out += [escape(text), ""]
                case let .figures(figures):
                    out += figures.map { "- \(escape($0.label)): **\(value($0.value, $0.source))**" + ($0.note.map { " (\(escape($0)))" } ?? "") }
                    out.append("")
                case let .table(t): table(t)
                case let .chart(chart):
                    out += ["_Chart: \(escape(chart.title)). \(escape(chart.description))_", ""]
                    table(chart.table)
                case let .list(items):
                    out += items.map { item in
                        let text = item.source.flatMap(link).map { "[\(escape(item.text))](\($0))" } ?? escape(item.text)
                        return "- " + text + (item.detail.flatMap { $0.isEmpty ? nil : " - \(escape($0))" } ?? "")
                    }
                    out.append("")
                case let .structure(boxes):
                    out += boxes.map { "- \(escape($0.name)) - \(escape($0.summary(among: boxes)))" }
                    out.append("")
                }
            }
        }
        if document.audience == .full {
            out += ["## How this report meets Working Together", ""]
            out += document.checklist.map { result in
                "- \(result.item.rawValue). \(escape(result.item.text)): " + (result.isCovered ? "covered" : "**not yet covered**: " + result.missingText)
            }
            out += ["", "## About the figures", "",
                    "Counts from 1 to \(document.disclosureThreshold) in breakdowns of children are shown as c, and so is any count that would reveal one; 0 means none; : means not available.", ""]
            let (current, earlier) = (document.signOffs.filter { !$0.isOfEarlierDraft }, document.signOffs.filter(\.isOfEarlierDraft))
            if !current.isEmpty {
                out += current.map { "- Signed off for the \($0.partner.label.lowercased()) by the \(escape($0.signedByRole)), \($0.signedOn.long)" }
                out.append("")
            }
            if !earlier.isEmpty {
                out += ["Sign-offs of an earlier draft (the content has changed since; not sign-offs of this draft):", ""]
                out += earlier.map { "- " + escape(ReportHTML.earlierDraftText($0)) }
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }

    /// Characters that would start Markdown syntax inside generated text.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]|<>#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
