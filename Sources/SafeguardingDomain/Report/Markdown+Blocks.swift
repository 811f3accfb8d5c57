// The block part of the narrative Markdown reader: lines into headings, paragraphs, lists and quotes.

/// Something the writer should hear about, found while parsing.
struct MarkdownProblem {
    let line: Int
    let message: String
}

/// A line of the source with its indentation measured and its surrounding white space removed.
struct SourceLine {
    let number: Int
    let indent: Int
    let text: Substring
}

enum ListKind: Equatable {
    case bullet, numbered
}

struct BlockParser {
    private enum Open: Equatable {
        case nothing, paragraph, quote, list(ListKind)
    }

    private(set) var problems: [MarkdownProblem] = []
    private var blocks: [MarkdownBlock] = []
    /// The block being read, and its lines (a paragraph or quote) or items (a list). They are
    /// kept outside the enum so that appending a line does not copy the lines before it.
    private var open = Open.nothing
    private var lines: [SourceLine] = []
    private var items: [[SourceLine]] = []
    /// A blank line was seen in the open list, so only a new item (not a continuation) keeps it open.
    private var afterBlank = false

    mutating func parse(_ source: String) -> [MarkdownBlock] {
        for line in Self.lines(of: source) { take(line) }
        close()
        return blocks
    }

    /// Splits on LF, CRLF and CR. Control characters other than tab are dropped first: they are
    /// invisible to the writer, and XML (so the Word output) cannot hold them at all.
    static func lines(of source: String) -> [SourceLine] {
        var kept = String.UnicodeScalarView()
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0x0...0x8, 0xB, 0xC, 0xE...0x1F, 0x7F, 0xFFFE, 0xFFFF: continue
            default: kept.append(scalar)
            }
        }
        let text = String(kept)
        var lines: [SourceLine] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).enumerated() {
            let indent = raw.prefix(while: \.isWhitespace).count
            let trimmed = raw.dropFirst(indent).reversed().drop(while: \.isWhitespace).count
            lines.append(SourceLine(number: index + 1, indent: indent, text: raw.dropFirst(indent).prefix(trimmed)))
        }
        return lines
    }

    private mutating func take(_ line: SourceLine) {
        if line.text.isEmpty {
            if case .list = open { afterBlank = true } else { close() }
            return
        }

        if case .list(let kind) = open {
            if let item = Self.listItem(line) {
                // Lists are one level deep: an indented item is kept as an item of this list
                // rather than lost or glued to the item above.
                if line.indent > 0 || item.kind == kind {
                    items.append([item.content])
                    afterBlank = false
                    return
                }
            } else if line.indent > 0 && !afterBlank {
                items[items.count - 1].append(line)
                return
            }
            close()
        }

        if let (level, content) = heading(line) {
            close()
            // An empty heading would be an empty landmark for screen readers: it is dropped.
            if !content.isEmpty {
                blocks.append(.heading(level: level, inlines([SourceLine(number: line.number, indent: 0, text: content)])))
            }
            return
        }

        if let content = Self.quoted(line) {
            if open != .quote { close() }
            // The quote holds one paragraph, so an empty `>` line ends it.
            if content.text.isEmpty {
                close()
            } else {
                open = .quote
                lines.append(content)
            }
            return
        }

        if let item = Self.listItem(line) {
            // As in CommonMark, only "1." starts a numbered list inside a paragraph, so a line
            // that happens to begin "12. " carries on the sentence.
            if !(open == .paragraph && item.kind == .numbered && item.number != 1) {
                close()
                open = .list(item.kind)
                items = [[item.content]]
                return
            }
        }

        if open != .paragraph { close() }
        open = .paragraph
        lines.append(line)
    }

    private mutating func close() {
        switch open {
        case .nothing: break
        case .paragraph: blocks.append(.paragraph(inlines(lines)))
        case .quote: blocks.append(.quote(inlines(lines)))
        case .list(let kind):
            let parsed = items.map { inlines($0) }
            blocks.append(kind == .bullet ? .bulletList(parsed) : .numberedList(parsed))
        }
        open = .nothing
        lines = []
        items = []
        afterBlank = false
    }

    /// `#` to `####` followed by a space; `#####` and `######` become level 4 and seven or more
    /// are text (as in CommonMark), both with a problem. A closing run of `#` is dropped.
    private mutating func heading(_ line: SourceLine) -> (Int, Substring)? {
        let hashes = line.text.prefix(while: { $0 == "#" }).count
        guard hashes > 0 else { return nil }
        var content = line.text.dropFirst(hashes)
        guard content.isEmpty || content.first!.isWhitespace else { return nil }
        guard hashes <= 6 else {
            problems.append(MarkdownProblem(line: line.number, message:
                "headings go down to 4 levels (####): “\(String(repeating: "#", count: min(hashes, 12)))” would show as text"))
            return nil
        }
        if hashes > 4 {
            problems.append(MarkdownProblem(line: line.number, message:
                "headings go down to 4 levels (####): “\(String(repeating: "#", count: hashes))” would show as a level 4 heading"))
        }
        content = content.drop(while: \.isWhitespace)
        let closing = content.reversed().prefix(while: { $0 == "#" }).count
        if closing == content.count {
            content = content.prefix(0)
        } else if closing > 0, content.dropLast(closing).last!.isWhitespace {
            content = content.dropLast(closing)
            content = content.prefix(content.count - content.reversed().prefix(while: \.isWhitespace).count)
        }
        return (min(hashes, 4), content)
    }

    /// The text after `>` (and any further `>`: nested quotes are read as one), or nil.
    private static func quoted(_ line: SourceLine) -> SourceLine? {
        guard line.text.first == ">" else { return nil }
        let content = line.text.drop(while: { $0 == ">" || $0.isWhitespace })
        return SourceLine(number: line.number, indent: 0, text: content)
    }

    /// `- `, `* `, `1. ` or `1) ` followed by some text.
    private static func listItem(_ line: SourceLine) -> (kind: ListKind, number: Int, content: SourceLine)? {
        let text = line.text
        let kind: ListKind
        let number: Int
        var rest: Substring
        if text.first == "-" || text.first == "*" {
            kind = .bullet
            number = 0
            rest = text.dropFirst()
        } else {
            // Up to three digits, so a year starting a line ("2023. A year of change") stays text.
            let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
            guard (1...3).contains(digits.count), let after = text.dropFirst(digits.count).first, after == "." || after == ")" else { return nil }
            kind = .numbered
            number = Int(digits) ?? 0
            rest = text.dropFirst(digits.count + 1)
        }
        guard let space = rest.first, space.isWhitespace else { return nil }
        rest = rest.drop(while: \.isWhitespace)
        guard !rest.isEmpty else { return nil }
        return (kind, number, SourceLine(number: line.number, indent: 0, text: rest))
    }

    /// Joins `lines` with spaces and reads their inline content.
    private mutating func inlines(_ lines: [SourceLine]) -> [MarkdownInline] {
        var characters: [Character] = []
        var lineStarts: [(offset: Int, line: Int)] = []
        for line in lines {
            if !characters.isEmpty { characters.append(" ") }
            lineStarts.append((characters.count, line.number))
            characters.append(contentsOf: line.text)
        }
        var parser = InlineParser(characters: characters, lineStarts: lineStarts)
        let content = parser.parse()
        problems += parser.problems
        return content
    }
}
