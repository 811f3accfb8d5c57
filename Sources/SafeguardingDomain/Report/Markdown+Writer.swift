// Writing narrative back as Markdown that reads back to the same tree.

/// Writes inline content as Markdown that reads back to the same content.
struct MarkdownWriter {
    /// The markers tried first for strong text and emphasis.
    struct Style {
        let strong: Character
        let emphasis: Character

        /// `**strong**` and `_emphasis_` are the most usual spellings, so they are tried first.
        static let all = [Style(strong: "*", emphasis: "_"), Style(strong: "*", emphasis: "*"),
                          Style(strong: "_", emphasis: "_"), Style(strong: "_", emphasis: "*")]
    }

    private let style: Style
    private var out = ""
    /// Whether the last character written is backslash-escaped: then it cannot join a marker run.
    private var endsEscaped = false

    private init(style: Style) {
        self.style = style
    }

    /// The block as Markdown, in the first style that reads back to the same block. Markers that
    /// touch (`*a*_b_**c**`) can defeat every local rule for choosing between `*` and `_`, so
    /// the result is checked by reading it back rather than trusted.
    static func block(_ block: MarkdownBlock) -> String {
        // Reading back caps headings at level 4, so a deeper one is compared at level 4.
        var expected = block
        if case let .heading(level, content) = block { expected = .heading(level: min(max(level, 1), 4), content) }
        var first: String?
        for style in Style.all {
            let text = write(block, style: style)
            if Markdown.parse(text) == [expected] { return text }
            if first == nil { first = text }
        }
        return first ?? ""
    }

    private static func write(_ block: MarkdownBlock, style: Style) -> String {
        switch block {
        case let .heading(level, content):
            // Levels 5 and 6 are kept: the report moves narrative headings down under its own.
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + heading(content, style: style)
        case .paragraph(let content):
            return line(content, style: style)
        case .bulletList(let items):
            return items.map { "- " + line($0, style: style) }.joined(separator: "\n")
        case .numberedList(let items):
            return items.enumerated().map { "\($0.offset + 1). " + line($0.element, style: style) }.joined(separator: "\n")
        case .quote(let content):
            return "> " + line(content, style: style)
        }
    }

    /// A paragraph, item or quote: one line, escaped where it would otherwise start a block.
    private static func line(_ inlines: [MarkdownInline], style: Style) -> String {
        var writer = MarkdownWriter(style: style)
        writer.write(inlines, Surroundings())
        return escapingBlockStart(writer.out)
    }

    /// A heading's text: as a line, and a final run of `#` escaped so it is not taken as closing.
    private static func heading(_ inlines: [MarkdownInline], style: Style) -> String {
        var writer = MarkdownWriter(style: style)
        writer.write(inlines, Surroundings())
        var text = writer.out
        let closing = text.reversed().prefix(while: { $0 == "#" }).count
        if closing > 0 {
            let runStart = text.index(text.endIndex, offsetBy: -closing)
            if runStart == text.startIndex || text[text.index(before: runStart)].isWhitespace {
                text.insert("\\", at: runStart)
            }
        }
        return escapingBlockStart(text)
    }

    private static func escapingBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        let second = text.dropFirst().first
        switch first {
        case ">":
            return "\\" + text
        case "-", "*", "+":
            return second == nil || second!.isWhitespace ? "\\" + text : text
        case "#":
            let after = text.drop(while: { $0 == "#" }).first
            return after == nil || after!.isWhitespace ? "\\" + text : text
        default:
            let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
            let rest = text.dropFirst(digits.count)
            guard !digits.isEmpty, let marker = rest.first, marker == "." || marker == ")" else { return text }
            let after = rest.dropFirst().first
            return after == nil || after!.isWhitespace ? digits + "\\" + rest : text
        }
    }

    /// What surrounds the content being written, which its own markers must not run into.
    private struct Surroundings {
        /// The character written just after the content: the enclosing closing marker, or nil.
        var closing: Character?
        var emphasisMarker: Character?
        var strongMarker: Character?
        /// The enclosing marker is a `*` touching a word, so a marker at this edge must be `*`
        /// too and join its run: `a***b***c` is the only way to write that nesting inside a word.
        var joinAtStart = false
        var joinAtEnd = false
    }

    private mutating func write(_ inlines: [MarkdownInline], _ surroundings: Surroundings) {
        for (index, inline) in inlines.enumerated() {
            let isLast = index == inlines.count - 1
            let next = isLast ? surroundings.closing : Self.leadingCharacter(of: inlines, at: index + 1, closing: surroundings.closing)
            switch inline {
            case .text(let text):
                writeText(text)
            case .strong(let content), .emphasis(let content):
                let isStrong = if case .strong = inline { true } else { false }
                let previous: Character? = endsEscaped ? "\\" : out.last
                let joinsRun = (index == 0 && surroundings.joinAtStart) || (isLast && surroundings.joinAtEnd)
                let marker: Character
                if Self.isWordCharacter(previous) || Self.isWordCharacter(next) || joinsRun {
                    // `_` cannot open or close inside a word.
                    marker = "*"
                } else {
                    // Otherwise the preferred marker, unless it would run into the same marker
                    // beside it or repeat the one it sits inside (and the other would not).
                    let preferred = isStrong ? style.strong : style.emphasis
                    let other: Character = preferred == "*" ? "_" : "*"
                    let enclosing = isStrong ? surroundings.strongMarker : surroundings.emphasisMarker
                    let avoid = previous == preferred || next == preferred || enclosing == preferred
                    marker = avoid && previous != other && next != other ? other : preferred
                }
                var inner = surroundings
                inner.closing = marker
                if isStrong { inner.strongMarker = marker } else { inner.emphasisMarker = marker }
                inner.joinAtStart = marker == "*" && (Self.isWordCharacter(previous) || (index == 0 && surroundings.joinAtStart))
                inner.joinAtEnd = marker == "*" && (Self.isWordCharacter(next) || (isLast && surroundings.joinAtEnd))
                let markers = String(repeating: marker, count: isStrong ? 2 : 1)
                out += markers
                endsEscaped = false
                write(content, inner)
                out += markers
                endsEscaped = false
            case let .link(text, url):
                writeLink(text, url)
                endsEscaped = false
            }
        }
    }

    /// The first character `inlines[index]` will be written with, as far as choosing the marker
    /// before it goes: its first letter, `*` for a marker that must be `*`, and punctuation otherwise.
    private static func leadingCharacter(of inlines: [MarkdownInline], at index: Int, closing: Character?) -> Character? {
        switch inlines[index] {
        case .text(let text):
            // A marker character at the start of text is written escaped, after a backslash.
            return text.first.map { "*_[]\\".contains($0) ? "\\" : $0 }
        case .strong, .emphasis:
            let after: Character?
            if index + 1 < inlines.count {
                if case .text(let text) = inlines[index + 1] { after = text.first } else { after = "[" }
            } else {
                after = closing
            }
            return isWordCharacter(after) ? "*" : "["
        case .link:
            return "["
        }
    }

    private mutating func writeLink(_ text: [MarkdownInline], _ url: String) {
        let safeForAngles = !url.contains { $0.isWhitespace || $0 == "<" || $0 == ">" }
        if text == [.text(url)], safeForAngles, url.contains(":"), Markdown.isAllowedAddress(url) {
            out += "<" + url + ">"
            return
        }
        if case .text(let address) = text.first, text.count == 1, url == "mailto:" + address, safeForAngles, address.contains("@") {
            out += "<" + address + ">"
            return
        }
        out += "["
        write(text, Surroundings(closing: "]"))
        out += "](" + Self.addressForParentheses(url) + ")"
    }

    /// The address as it can stand in `(…)`: spaces and unbalanced parentheses percent-encoded.
    private static func addressForParentheses(_ url: String) -> String {
        var depth = 0
        var balanced = true
        for character in url {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1; if depth < 0 { balanced = false } }
        }
        balanced = balanced && depth == 0
        var out = ""
        for character in url {
            switch character {
            case _ where character.isWhitespace: out += "%20"
            case "(" where !balanced: out += "%28"
            case ")" where !balanced: out += "%29"
            default: out.append(character)
            }
        }
        return out
    }

    private mutating func writeText(_ text: String) {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let escaped: Bool
            switch character {
            case _ where character.isNewline:
                out.append(" ")
                endsEscaped = false
                continue
            case "\\":
                // Only a backslash before punctuation (or at the end, before whatever comes next) is read as an escape.
                escaped = after == nil || Self.isASCIIPunctuation(after!)
            case "[", "]":
                escaped = true
            case "*", "_":
                // Left bare where it cannot open or close: between spaces ("5 * 3"), or `_` inside a word.
                let spaced = before?.isWhitespace == true && after?.isWhitespace == true
                let inWord = character == "_" && Self.isWordCharacter(before) && Self.isWordCharacter(after)
                escaped = !spaced && !inWord
            case "<":
                // Escaped where this or another renderer could take it for a tag or an autolink.
                escaped = after == nil || after!.isLetter || after == "/" || after == "!" || after == "?"
            case "&":
                // Escaped where another renderer could take it for an entity like `&amp;`.
                escaped = after != nil && (after!.isLetter || after!.isNumber || after == "#")
            default:
                escaped = false
            }
            if escaped { out.append("\\") }
            out.append(character)
            endsEscaped = escaped
        }
    }

    private static func isASCIIPunctuation(_ character: Character) -> Bool {
        character.isASCII && (character.isPunctuation || character.isSymbol)
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
