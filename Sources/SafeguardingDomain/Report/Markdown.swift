// The Markdown that staff write for the yearly report's narrative (foreword, introductions,
// summaries), read into a small typed tree that the HTML, Word and Markdown outputs all render.
//
// Only a subset is read, and nothing in it can reach the page as markup: raw HTML stays text,
// and a link is a link only when its address is a web address, an email address or a page on
// this site. The parser never fails: anything it does not understand, including unbalanced
// markers, is kept as the literal text the writer typed.

/// A block of narrative: a heading, a paragraph, a list or a quote.
public enum MarkdownBlock: Sendable, Equatable, Codable {
    /// A heading of level 1 to 4 (`#` to `####`), relative to the section it sits in.
    case heading(level: Int, [MarkdownInline])
    /// Consecutive lines of text, joined with a space.
    case paragraph([MarkdownInline])
    /// A `-` or `*` list; each item is one line of inline content.
    case bulletList([[MarkdownInline]])
    /// A `1.` list; the numbers the writer typed are not kept, items are numbered from 1.
    case numberedList([[MarkdownInline]])
    /// Consecutive `>` lines, joined with a space.
    case quote([MarkdownInline])
}

/// Inline content of a block.
public indirect enum MarkdownInline: Sendable, Equatable, Codable {
    case text(String)
    case strong([MarkdownInline])
    case emphasis([MarkdownInline])
    /// A link whose address passed `Markdown.isAllowedAddress(_:)`.
    case link(text: [MarkdownInline], url: String)
}

/// Reads, checks and writes back the Markdown subset of report narratives.
public enum Markdown {
    /// Reads `source` into blocks. Never fails: what is not understood stays as text.
    public static func parse(_ source: String) -> [MarkdownBlock] {
        var parser = BlockParser()
        return parser.parse(source)
    }

    /// The words of `inlines` without any formatting; a link gives its text.
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        appendPlainText(inlines, to: &out)
        return out
    }

    /// Problems worth telling the writer about (a link whose address is not http(s), mailto or a
    /// path starting with "/", "#" heading deeper than 4, raw HTML which is shown as text), each
    /// naming the line number.
    public static func problems(in source: String) -> [String] {
        var parser = BlockParser()
        _ = parser.parse(source)
        // Sorted by line only: problems on one line keep the order they appear in.
        return parser.problems.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map { "Line \($0.element.line): \($0.element.message)" }
    }

    /// Back to Markdown text (normalised), for the Markdown output.
    ///
    /// Blocks are separated by a blank line, every paragraph, item and quote is on one line,
    /// headings keep their level from 1 to 6 (so a caller may move them down), bullets are
    /// `-`, numbered items count from 1, and text that would otherwise read as
    /// Markdown (or as HTML in another renderer) is backslash-escaped, so reading the result
    /// back gives the same blocks. The one exception is emphasis that could only be written by
    /// splitting a run of three `*` three ways, like `***a*b*c`: it comes back partly as text.
    public static func render(_ blocks: [MarkdownBlock]) -> String {
        let parts = blocks.map(MarkdownWriter.block)
        return parts.isEmpty ? "" : parts.joined(separator: "\n\n") + "\n"
    }

    /// Whether a link may point at `address`: a web address (http:// or https://), an email
    /// address (mailto:), or a page or anchor on this site ("/…" or "#…"). Everything else,
    /// `javascript:` and `data:` above all, is refused. "//host" and "/\host" are refused too:
    /// browsers read both as another site, not as a path here.
    public static func isAllowedAddress(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
            return true
        }
        guard lower.hasPrefix("/") else { return false }
        let second = lower.dropFirst().first
        return second != "/" && second != "\\"
    }

    private static func appendPlainText(_ inlines: [MarkdownInline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text): out += text
            case .strong(let content), .emphasis(let content): appendPlainText(content, to: &out)
            case .link(let text, _): appendPlainText(text, to: &out)
            }
        }
    }
}
