import SafeguardingDomain

/// Report narratives (`MarkdownBlock`s) as GOV.UK-styled HTML. Every piece of text goes through
/// `HTMLNode.text`, so nothing the writer typed reaches the page as markup.
public enum MarkdownHTML {
    /// The blocks as HTML. A heading of level n becomes `h(n + headingOffset)`, kept between h1
    /// and h6, so a narrative's `#` sits under the heading of the section that holds it.
    public static func html(_ blocks: [MarkdownBlock], headingOffset: Int) -> String {
        node(blocks, headingOffset: headingOffset).render()
    }

    /// The blocks as a node, for pages built with the HTML builder.
    public static func node(_ blocks: [MarkdownBlock], headingOffset: Int) -> HTMLNode {
        .fragment(blocks.map { block in
            switch block {
            case let .heading(level, content):
                let clamped = min(max(level + headingOffset, 1), 6)
                return .element("h\(clamped)", [], inline(content))
            case .paragraph(let content):
                return .element("p", [], inline(content))
            case .bulletList(let items):
                return .element("ul", [.class("govuk-list govuk-list--bullet")], items.map { .element("li", [], inline($0)) })
            case .numberedList(let items):
                return .element("ol", [.class("govuk-list govuk-list--number")], items.map { .element("li", [], inline($0)) })
            case .quote(let content):
                return .element("blockquote", [], [.element("p", [], inline(content))])
            }
        })
    }

    private static func inline(_ inlines: [MarkdownInline], insideLink: Bool = false) -> [HTMLNode] {
        inlines.map { inline in
            switch inline {
            case .text(let text):
                return .text(text)
            case .strong(let content):
                return .element("strong", [], Self.inline(content, insideLink: insideLink))
            case .emphasis(let content):
                return .element("em", [], Self.inline(content, insideLink: insideLink))
            case let .link(text, url):
                // The parser only makes allowed links, but blocks may come back from storage:
                // the address is checked again here, and a link inside a link (invalid HTML) is text.
                guard !insideLink, Markdown.isAllowedAddress(url) else { return .fragment(Self.inline(text, insideLink: insideLink)) }
                return .element("a", [.class("govuk-link"), .href(url)], Self.inline(text, insideLink: true))
            }
        }
    }
}
