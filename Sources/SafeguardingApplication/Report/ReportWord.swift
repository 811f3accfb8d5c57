import Foundation
import SafeguardingDomain
import SafeguardingOffice
import SafeguardingRendering

/// Maps a composed report onto a Word document: headings as Word heading styles, tables as Word
/// tables, charts as pictures (the same SVG, with a PNG for programs that cannot show SVG).
enum ReportWord {
    static func document(_ document: ReportDocument, link: @escaping @Sendable (FigureSource) -> String?, draftFlags: Bool) -> WordDocument {
        var blocks: [WordBlock] = []
        blocks.append(.paragraph([WordRun(document.partnershipName, bold: true)], style: .body))
        blocks.append(.paragraph([WordRun(document.audience == .full ? "Yearly report \(document.year)" : "Our year \(document.year): for children and young people")], style: .title))
        if let published = document.publishedOn {
            blocks.append(.paragraph([WordRun("Published \(published.long). Version \(document.version).")], style: .note))
        } else {
            blocks.append(.paragraph([WordRun("Draft, version \(document.version), composed from the data on \(document.composedOn.long). Not for publication.", bold: true)], style: .body))
        }
        blocks.append(.tableOfContents(title: "Contents"))
        blocks.append(.pageBreak)
        func value(_ text: String, _ source: FigureSource?) -> WordRun {
            guard let source, FigureSource.isLinkable(text) else { return WordRun(text) }
            return WordRun(text, link: link(source))
        }
        func table(_ table: ReportTable) -> WordBlock {
            .table(WordTable(caption: table.caption, header: [""] + table.columns,
                             rows: table.rows.map { row in
                                 [WordCell(row.header.text, link: row.header.source.flatMap(link), bold: true)]
                                     + row.cells.map { WordCell($0.text, link: FigureSource.isLinkable($0.text) ? $0.source.flatMap(link) : nil, bold: row.isTotal) }
                             },
                             columnAlignments: [.left] + table.columns.indices.map { index in
                                 table.rows.contains { $0.cells.indices.contains(index) && $0.cells[index].isNumber } ? .right : .left
                             },
                             rowHeaders: true))
        }
        // A draft shows a left-out section, marked; a published document no longer holds one.
        for section in document.sections where draftFlags || !section.leftOut {
            blocks.append(.heading(level: 1, text: "\(section.number). \(section.title)", anchor: section.anchor))
            if let subtitle = section.subtitle, document.audience == .full { blocks.append(.paragraph([WordRun(subtitle)], style: .note)) }
            if draftFlags, section.leftOut {
                blocks.append(.paragraph([WordRun("Left out of the published report: ", bold: true),
                                          WordRun("the partnership chose not to publish this section, so the Working Together items it answers show as gaps.")], style: .body))
            }
            if draftFlags, !section.hasData, let missing = section.missing {
                blocks.append(.paragraph([WordRun("Flagged in the draft: ", bold: true), WordRun(missing)], style: .body))
            }
            blocks += narrative(section.narrative)
            for block in section.blocks {
                switch block {
                case let .heading(text): blocks.append(.heading(level: 2, text: text, anchor: nil))
                case let .paragraph(text): blocks.append(.paragraph([WordRun(text)], style: .body))
                case let .figures(figures):
                    blocks.append(.table(WordTable(caption: nil, header: ["Figure", "Value"], rows: figures.map { figure in
                        [WordCell(figure.label + (figure.note.map { " (\($0))" } ?? "")),
                         WordCell(figure.value, link: FigureSource.isLinkable(figure.value) ? figure.source.flatMap(link) : nil, bold: true)]
                    }, columnAlignments: [.left, .right], rowHeaders: true)))
                case let .table(t): blocks.append(table(t))
                case let .chart(chart):
                    blocks.append(picture(ReportCharts.svg(chart), altText: chart.description, title: chart.title))
                    blocks.append(.paragraph([WordRun(chart.title, bold: true), WordRun(". " + chart.description)], style: .caption))
                    blocks.append(table(chart.table))
                case let .list(items):
                    blocks.append(.bulletList(items.map { item in
                        [WordRun(item.text, link: item.source.flatMap(link))] + (item.detail.flatMap { $0.isEmpty ? nil : [WordRun(" - " + $0)] } ?? [])
                    }))
                case let .structure(boxes):
                    blocks.append(picture(ReportCharts.structure(boxes, title: "The structure of \(document.partnershipName)"),
                                          altText: "The Executive and the groups that report to it.", title: "Structure chart"))
                    blocks.append(.bulletList(boxes.map { box in
                        [WordRun(box.name, bold: true), WordRun(" - " + box.summary(among: boxes))]
                    }))
                }
            }
        }
        if document.audience == .full {
            blocks.append(.heading(level: 1, text: "How this report meets Working Together", anchor: "working-together"))
            blocks.append(.table(WordTable(caption: "The Working Together checklist", header: ["Item", "Status"], rows: document.checklist.map { result in
                [WordCell("\(result.item.rawValue). \(result.item.text)"),
                 WordCell(result.statusText, bold: !result.isCovered)]
            }, columnAlignments: nil, rowHeaders: true)))
            blocks.append(.heading(level: 1, text: "About the figures", anchor: "about-the-figures"))
            blocks.append(.paragraph([WordRun("Counts from 1 to \(document.disclosureThreshold) in breakdowns of children are shown as c, and so is any count that would reveal one; 0 means none; : means not available.")], style: .body))
            let (current, earlier) = (document.signOffs.filter { !$0.isOfEarlierDraft }, document.signOffs.filter(\.isOfEarlierDraft))
            if !current.isEmpty {
                blocks.append(.heading(level: 2, text: "Signed off by the statutory partners", anchor: nil))
                blocks.append(.bulletList(current.map { [WordRun("\($0.partner.label): the \($0.signedByRole), \($0.signedOn.long)")] }))
            }
            if !earlier.isEmpty {
                blocks.append(.heading(level: 2, text: "Sign-offs of an earlier draft", anchor: nil))
                blocks.append(.paragraph([WordRun("The content has changed since these partners signed, so they have not signed off this draft.")], style: .body))
                blocks.append(.bulletList(earlier.map { [WordRun(ReportHTML.earlierDraftText($0))] }))
            }
        }
        return WordDocument(title: document.title, subject: "Yearly report \(document.year)", blocks: blocks,
                            footerText: "\(document.partnershipName) yearly report \(document.year)")
    }

    /// A chart as a picture: the SVG with a PNG drawn from it. A chart the rasteriser cannot draw says so
    /// in the document, rather than vanishing; its table follows either way.
    static func picture(_ svg: String, altText: String, title: String) -> WordBlock {
        do {
            let picture = try SVGRaster.png(svg: svg, scale: 2)
            return .image(WordImage(svg: Data(svg.utf8), png: picture.png, widthPixels: picture.width / 2, heightPixels: picture.height / 2,
                                    altText: altText, title: title))
        } catch {
            return .paragraph([WordRun("The picture of \(title) could not be drawn (\(error.description)); its figures are in the table.", italic: true)], style: .note)
        }
    }

    /// Narrative Markdown as Word paragraphs; its headings sit under the section's heading.
    static func narrative(_ blocks: [MarkdownBlock]) -> [WordBlock] {
        func runs(_ inlines: [MarkdownInline], bold: Bool = false, italic: Bool = false, link: String? = nil) -> [WordRun] {
            inlines.flatMap { inline -> [WordRun] in
                switch inline {
                case let .text(text): [WordRun(text, bold: bold, italic: italic, link: link)]
                case let .strong(inner): runs(inner, bold: true, italic: italic, link: link)
                case let .emphasis(inner): runs(inner, bold: bold, italic: true, link: link)
                case let .link(text, url): runs(text, bold: bold, italic: italic, link: url)
                }
            }
        }
        return blocks.map { block in
            switch block {
            case let .heading(level, inlines): .heading(level: min(level + 1, 4), text: Markdown.plainText(inlines), anchor: nil)
            case let .paragraph(inlines): .paragraph(runs(inlines), style: .body)
            case let .bulletList(items): .bulletList(items.map { runs($0) })
            case let .numberedList(items): .numberedList(items.map { runs($0) })
            case let .quote(inlines): .paragraph(runs(inlines, italic: true), style: .note)
            }
        }
    }
}
