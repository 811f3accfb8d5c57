import Foundation
import Testing
@testable import SafeguardingDomain
@testable import SafeguardingRendering

// Every expected tree and page below was written by hand from the rules in Markdown.swift, not
// copied from the parser's output.

private func text(_ string: String) -> MarkdownInline { .text(string) }

/// A fixed-seed generator, so the generated-text test reads the same text on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Report narratives in Markdown")
struct MarkdownTests {
    // MARK: Blocks

    @Test("Empty text, and text of only white space, give no blocks and no problems")
    func emptyInput() {
        for source in ["", " ", "\n\n", " \t \r\n  \r  \n"] {
            #expect(Markdown.parse(source) == [])
            #expect(Markdown.problems(in: source) == [])
        }
        #expect(Markdown.render([]) == "")
        #expect(MarkdownHTML.html([], headingOffset: 2) == "")
    }

    @Test("Headings need a space after the #; a closing run of # is dropped and an empty heading is left out")
    func headings() {
        let blocks = Markdown.parse("# One\n## Two ##\n### Three\n#### Four\n#\n#NoWrongDoor is our campaign, in C#")
        #expect(blocks == [
            .heading(level: 1, [text("One")]),
            .heading(level: 2, [text("Two")]),
            .heading(level: 3, [text("Three")]),
            .heading(level: 4, [text("Four")]),
            .paragraph([text("#NoWrongDoor is our campaign, in C#")]),
        ])
    }

    @Test("Headings deeper than four levels are reported: five and six # show as level 4, seven or more as text")
    func deepHeadings() {
        let source = "##### Five\n\n###### Six\n\n####### Seven"
        #expect(Markdown.parse(source) == [
            .heading(level: 4, [text("Five")]),
            .heading(level: 4, [text("Six")]),
            .paragraph([text("####### Seven")]),
        ])
        #expect(Markdown.problems(in: source) == [
            "Line 1: headings go down to 4 levels (####): “#####” would show as a level 4 heading",
            "Line 3: headings go down to 4 levels (####): “######” would show as a level 4 heading",
            "Line 5: headings go down to 4 levels (####): “#######” would show as text",
        ])
    }

    @Test("Consecutive lines make one paragraph joined by spaces; a blank line starts another")
    func paragraphs() {
        let blocks = Markdown.parse("  The partnership met   \nsix times this year.\n\n\n   Attendance was good.  ")
        #expect(blocks == [
            .paragraph([text("The partnership met six times this year.")]),
            .paragraph([text("Attendance was good.")]),
        ])
    }

    @Test("Windows (CRLF) and old Mac (CR) line endings read as LF, and line numbers still count lines")
    func lineEndings() {
        let lf = "# Title\n\nFirst line\nsecond line\n\n- item"
        let expected: [MarkdownBlock] = [
            .heading(level: 1, [text("Title")]),
            .paragraph([text("First line second line")]),
            .bulletList([[text("item")]]),
        ]
        #expect(Markdown.parse(lf) == expected)
        #expect(Markdown.parse(lf.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
        #expect(Markdown.parse(lf.replacingOccurrences(of: "\n", with: "\r")) == expected)
        #expect(Markdown.problems(in: "a\r\n\r\n<b>bold</b>") == [
            "Line 3: “<b>” is HTML, which would show as text: use Markdown instead, like **bold** or [link text](https://…)",
        ])
    }

    @Test("Bullet lists take - and *; an indented line carries on the item, an unindented one ends the list")
    func bulletLists() {
        let blocks = Markdown.parse("- Early help\n* Neglect\n  and its impact\n\n- Exploitation\nThese were our priorities.")
        #expect(blocks == [
            .bulletList([[text("Early help")], [text("Neglect and its impact")], [text("Exploitation")]]),
            .paragraph([text("These were our priorities.")]),
        ])
    }

    @Test("Numbered lists ignore the numbers typed; only 1 starts a list inside a paragraph, and a year starting a line is text")
    func numberedLists() {
        #expect(Markdown.parse("1. First\n2) Second\n10. Third") == [.numberedList([[text("First")], [text("Second")], [text("Third")]])])
        #expect(Markdown.parse("Our aims:\n1. First") == [.paragraph([text("Our aims:")]), .numberedList([[text("First")]])])
        #expect(Markdown.parse("Referrals rose by\n12. That is a lot") == [.paragraph([text("Referrals rose by 12. That is a lot")])])
        #expect(Markdown.parse("2023. A year of change") == [.paragraph([text("2023. A year of change")])])
        #expect(Markdown.parse("- a\n1. b") == [.bulletList([[text("a")]]), .numberedList([[text("b")]])])
        #expect(Markdown.parse("-not a bullet\n1.not a number") == [.paragraph([text("-not a bullet 1.not a number")])])
    }

    @Test("Lists are one level: an indented item joins the list as an item of its own")
    func nestedItemsFlatten() {
        #expect(Markdown.parse("- Health\n  - GPs\n  1. Hospitals\n- Police") == [
            .bulletList([[text("Health")], [text("GPs")], [text("Hospitals")], [text("Police")]]),
        ])
    }

    @Test("Consecutive > lines make one quote; an empty > line or an unmarked line ends it")
    func quotes() {
        let blocks = Markdown.parse("> I felt listened to\n> by my social worker.\n>\n> > Nested\nSaid a young person.")
        #expect(blocks == [
            .quote([text("I felt listened to by my social worker.")]),
            .quote([text("Nested")]),
            .paragraph([text("Said a young person.")]),
        ])
    }

    // MARK: Inline content

    @Test("**strong**, *emphasis* and _emphasis_, and all three markers together")
    func strongAndEmphasis() {
        #expect(Markdown.parse("**Strong** and *stressed* and _also_ and ***both***") == [.paragraph([
            .strong([text("Strong")]), text(" and "), .emphasis([text("stressed")]), text(" and "),
            .emphasis([text("also")]), text(" and "), .emphasis([.strong([text("both")])]),
        ])])
    }

    @Test("_ does not emphasise inside a word, * does")
    func underscoresInsideWords() {
        #expect(Markdown.parse("cin_rate_per_10k and 1_000 but un*frigging*believable") == [.paragraph([
            text("cin_rate_per_10k and 1_000 but un"), .emphasis([text("frigging")]), text("believable"),
        ])])
    }

    @Test("Strong and emphasis nest inside each other and inside links")
    func nestedInline() {
        #expect(Markdown.parse("**bold with _stress_ inside** and *stress with **bold***") == [.paragraph([
            .strong([text("bold with "), .emphasis([text("stress")]), text(" inside")]),
            text(" and "),
            .emphasis([text("stress with "), .strong([text("bold")])]),
        ])])
        #expect(Markdown.parse("[the **full** report](https://example.org/r)") == [.paragraph([
            .link(text: [text("the "), .strong([text("full")]), text(" report")], url: "https://example.org/r"),
        ])])
    }

    @Test("Links to web addresses, email addresses and pages or anchors on this site; parentheses in an address when balanced")
    func links() {
        let source = "[Wiki](https://en.wikipedia.org/wiki/Hull_(disambiguation)), [mail](MAILTO:scp@example.org), "
            + "[reviews](/reviews/2024?year=1), [top](#top), [plain](http://example.org)"
        #expect(Markdown.parse(source) == [.paragraph([
            .link(text: [text("Wiki")], url: "https://en.wikipedia.org/wiki/Hull_(disambiguation)"), text(", "),
            .link(text: [text("mail")], url: "MAILTO:scp@example.org"), text(", "),
            .link(text: [text("reviews")], url: "/reviews/2024?year=1"), text(", "),
            .link(text: [text("top")], url: "#top"), text(", "),
            .link(text: [text("plain")], url: "http://example.org"),
        ])])
        #expect(Markdown.problems(in: source) == [])
    }

    @Test("<https://…> and <name@example.org> are links; a link with no words shows its address")
    func autolinksAndEmptyText() {
        #expect(Markdown.parse("Write to <scp@calderdale.example> or see <https://example.org/a?b=1&c=2>. [ ](https://example.org)") == [.paragraph([
            text("Write to "), .link(text: [text("scp@calderdale.example")], url: "mailto:scp@calderdale.example"),
            text(" or see "), .link(text: [text("https://example.org/a?b=1&c=2")], url: "https://example.org/a?b=1&c=2"),
            text(". "), .link(text: [text("https://example.org")], url: "https://example.org"),
        ])])
    }

    @Test("A link to anything but http(s), mailto, / or # is its text alone, and is reported with its line")
    func unsafeLinks() {
        let source = "Click [here](javascript:alert(1)) or [there](JavaScript:void(0)).\n"
            + "[Data](data:text/html;base64,PHNjcmlwdD4=) [away](//evil.example) [back](/\\evil.example)\n"
            + "[file](report.pdf) [nothing]() <javascript:alert(1)>"
        #expect(Markdown.parse(source) == [.paragraph([
            text("Click here or there. Data away back file nothing <javascript:alert(1)>"),
        ])])
        let notAllowed = "which is not a web address (https://…), an email address (mailto:…) or a page on this site (/…): it would show as text without a link"
        #expect(Markdown.problems(in: source) == [
            "Line 1: the link “here” goes to “javascript:alert(1)”, \(notAllowed)",
            "Line 1: the link “there” goes to “JavaScript:void(0)”, \(notAllowed)",
            "Line 2: the link “Data” goes to “data:text/html;base64,PHNjcmlwdD4=”, \(notAllowed)",
            "Line 2: the link “away” goes to “//evil.example”, \(notAllowed)",
            "Line 2: the link “back” goes to “/\\evil.example”, \(notAllowed)",
            "Line 3: the link “file” goes to “report.pdf”, \(notAllowed)",
            "Line 3: the link “nothing” has no address: add one in brackets, like [nothing](https://…)",
            "Line 3: the link “javascript:alert(1)” is not a web address (https://…) or an email address (mailto:…): it would show as text without a link",
        ])
    }

    @Test("Raw HTML is text, escaped on the page, and reported once a line; a < that is no tag is not reported")
    func rawHTML() {
        let source = "<script>alert('x')</script> <b>bold</b>\nChildren aged <5 and <name> stay as typed.\n<!-- note --> <IMG src=x onerror=alert(1)>"
        let blocks = Markdown.parse(source)
        #expect(blocks == [.paragraph([
            text("<script>alert('x')</script> <b>bold</b> Children aged <5 and <name> stay as typed. <!-- note --> <IMG src=x onerror=alert(1)>"),
        ])])
        #expect(Markdown.problems(in: source) == [
            "Line 1: “<script>” is HTML, which would show as text: use Markdown instead, like **bold** or [link text](https://…)",
            "Line 3: “<!--” is HTML, which would show as text: use Markdown instead, like **bold** or [link text](https://…)",
        ])
        #expect(MarkdownHTML.html(blocks, headingOffset: 0) == "<p>&lt;script&gt;alert('x')&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; Children aged &lt;5 and "
            + "&lt;name&gt; stay as typed. &lt;!-- note --&gt; &lt;IMG src=x onerror=alert(1)&gt;</p>")
    }

    @Test("A backslash keeps a marker as text; before anything else it is a backslash")
    func backslashEscapes() {
        #expect(Markdown.parse("\\*not stressed\\* \\[not a link\\](/x) \\<b> C:\\Users\\ end\\") == [.paragraph([
            text("*not stressed* [not a link](/x) <b> C:\\Users\\ end\\"),
        ])])
        #expect(Markdown.parse("\\# Not a heading\n\n\\- Not a bullet") == [
            .paragraph([text("# Not a heading")]), .paragraph([text("- Not a bullet")]),
        ])
    }

    @Test("Unbalanced markers stay as typed")
    func unbalancedMarkers() {
        let sources = ["**unclosed strong", "*unclosed", "_unclosed", "closed** only", "[unclosed", "a ] b", "[text](https://example.org",
                       "[text] (https://example.org)", "5 * 3 = 15", "** spaced **", "<https://example.org", "[a **b](/c) d**"]
        for source in sources.dropLast() {
            #expect(Markdown.parse(source) == [.paragraph([text(source)])], "\(source)")
        }
        // The link closes first, so the ** inside it cannot pair with the one after it.
        #expect(Markdown.parse("[a **b](/c) d**") == [.paragraph([.link(text: [text("a **b")], url: "/c"), text(" d**")])])
    }

    @Test("Hostile text: 10,000 nested markers finish quickly and every character is kept")
    func hostileInput() {
        let n = 10_000
        let literal = [
            String(repeating: "*", count: n), String(repeating: "[", count: n),
            String(repeating: "_", count: n), String(repeating: "[](", count: n / 3),
            String(repeating: "<", count: n), String(repeating: "<a", count: n / 2),
            "[a](" + String(repeating: "(", count: n), String(repeating: "_a ", count: n / 3).trimmingCharacters(in: .whitespaces),
        ]
        let mixed = [
            String(repeating: "*_[", count: n / 3) + "x" + String(repeating: "_*](/a)", count: n / 7),
            String(repeating: "**a ", count: n / 4) + String(repeating: " b**", count: n / 4),
            String(repeating: "*[", count: n / 2), String(repeating: "*a", count: n / 2), String(repeating: "\\", count: n),
            String(repeating: "[a](b", count: n / 5), String(repeating: "- a\n", count: n / 4), String(repeating: "> ", count: n / 2),
            "a*b " + String(repeating: "_c ", count: n / 6) + String(repeating: "d** ", count: n / 8),
        ]
        let clock = ContinuousClock()
        func work(_ source: String) -> Duration {
            clock.measure {
                let blocks = Markdown.parse(source)
                _ = Markdown.problems(in: source)
                _ = MarkdownHTML.html(blocks, headingOffset: 1)
                _ = Markdown.render(blocks)
            }
        }
        // Against plain prose of the same length, measured in the same run, so a busy machine slows
        // both alike: a parser that went quadratic would be thousands of times slower than this bound.
        let reference = (0..<3).map { _ in work(String(repeating: "word ", count: n / 5)) }.min() ?? .zero
        let bound = reference * 300 + .milliseconds(100)
        for source in literal + mixed {
            let elapsed = work(source)
            #expect(elapsed < bound, "\(source.prefix(12))… took \(elapsed), plain text of its length \(reference)")
        }
        for source in literal {
            #expect(Markdown.parse(source) == [.paragraph([text(source)])], "\(source.prefix(12))…")
        }
        // Markers open at most twelve deep, so the tree (and every recursion over it) stays shallow.
        let deep = String(repeating: "*a ", count: 50) + "b" + String(repeating: " c*", count: 50)
        #expect(depth(Markdown.parse(deep)) <= 24)
    }

    @Test("Control characters other than tab are dropped: they are invisible and cannot go into Word's XML")
    func controlCharacters() {
        #expect(Markdown.parse("a\u{0}b\u{7}c\u{1B}d\u{7F}e\tf\u{FFFF}") == [.paragraph([text("abcde\tf")])])
    }

    @Test("Plain text keeps the words of strong, emphasis and link text")
    func plainText() {
        let inlines: [MarkdownInline] = [text("See "), .link(text: [.strong([text("the")]), text(" report")], url: "/r"), text(" "), .emphasis([text("now")])]
        #expect(Markdown.plainText(inlines) == "See the report now")
    }

    // MARK: HTML

    @Test("HTML: GOV.UK lists and links, headings moved down by the offset, text escaped")
    func html() {
        let source = "# Foreword\n\nWe **listened** to *children* & families.\n\n- One\n- [Two](https://example.org/?a=1&b=\"2\")\n\n"
            + "1. First\n2. Second\n\n> Quoted\n\n#### Deep"
        #expect(MarkdownHTML.html(Markdown.parse(source), headingOffset: 1) == "<h2>Foreword</h2>"
            + "<p>We <strong>listened</strong> to <em>children</em> &amp; families.</p>"
            + "<ul class=\"govuk-list govuk-list--bullet\"><li>One</li><li><a class=\"govuk-link\" href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">Two</a></li></ul>"
            + "<ol class=\"govuk-list govuk-list--number\"><li>First</li><li>Second</li></ol>"
            + "<blockquote><p>Quoted</p></blockquote>"
            + "<h5>Deep</h5>")
    }

    @Test("HTML: heading levels stay between h1 and h6 whatever the offset")
    func headingOffsetClamped() {
        let blocks = Markdown.parse("# One\n#### Four")
        #expect(MarkdownHTML.html(blocks, headingOffset: 3) == "<h4>One</h4><h6>Four</h6>")
        #expect(MarkdownHTML.html(blocks, headingOffset: -2) == "<h1>One</h1><h2>Four</h2>")
    }

    @Test("HTML: a stored tree with a javascript: link or a link inside a link renders the text only")
    func htmlChecksStoredLinks() {
        let blocks: [MarkdownBlock] = [.paragraph([
            .link(text: [text("bad")], url: "javascript:alert(1)"),
            .link(text: [text("outer "), .link(text: [text("inner")], url: "/in")], url: "/out"),
            text("\"quoted\" <i>"),
        ])]
        #expect(MarkdownHTML.html(blocks, headingOffset: 0)
            == "<p>bad<a class=\"govuk-link\" href=\"/out\">outer inner</a>\"quoted\" &lt;i&gt;</p>")
    }

    // MARK: Markdown output

    @Test("Markdown output is normalised: - bullets, numbers from 1, one line a block, blank lines between")
    func renderNormalised() {
        let source = "Title\n=====\n\n## Aims ##\n\n* one\n* two\n  wrapped\n\n3. a\n7. b\n\n> said\n> twice\n\nSee <https://example.org>, "
            + "[the *plan*](/plan) and **bold _inside_**."
        #expect(Markdown.render(Markdown.parse(source)) == "Title =====\n\n## Aims\n\n- one\n- two wrapped\n\n1. a\n2. b\n\n> said twice\n\n"
            + "See <https://example.org>, [the _plan_](/plan) and **bold _inside_**.\n")
        // The report moves narrative headings under its own, so levels past 4 are written as given, up to 6.
        #expect(Markdown.render([.heading(level: 6, [text("Six")]), .heading(level: 9, [text("Nine")]), .heading(level: 0, [text("Zero")])])
            == "###### Six\n\n###### Nine\n\n# Zero\n")
    }

    @Test("Markdown output escapes text that would otherwise read as Markdown or HTML")
    func renderEscapes() {
        let blocks: [MarkdownBlock] = [
            .paragraph([text("# not a heading")]),
            .paragraph([text("- not a bullet, 5 * 3, *stars*, [brackets], snake_case")]),
            .paragraph([text("12. not a list")]),
            .quote([text("> not nested")]),
            .heading(level: 2, [text("Item #")]),
            .paragraph([text("<script>alert(1)</script> &amp; C:\\Users \\*")]),
        ]
        let markdown = Markdown.render(blocks)
        #expect(markdown == "\\# not a heading\n\n\\- not a bullet, 5 * 3, \\*stars\\*, \\[brackets\\], snake_case\n\n12\\. not a list\n\n"
            + "> \\> not nested\n\n## Item \\#\n\n\\<script>alert(1)\\</script> \\&amp; C:\\Users \\\\\\*\n")
        #expect(Markdown.parse(markdown) == blocks)
    }

    @Test("Markdown output reads back to the same blocks, for a report and for generated text")
    func renderRoundTrip() {
        let report = """
            # Foreword from the partners

            This year the **Calderdale Safeguarding Children Partnership** focused on _neglect_,
            [exploitation](https://example.org/exploitation_(2024)) and *the voice of the child*.

            ## Our priorities

            - **Neglect:** the graded care profile, used in 1,204 assessments
            - Exploitation: see <https://example.org/cse> or write to <scp@example.org>
            1. Audit
            2. Review

            > Nobody asked me what *I* wanted. \\*Names changed\\*

            #### What we will do next #
            """
        var sources = [report]
        // Text built from the pieces writers use, in random order, including stray markers.
        let pieces = ["care", "child", "Calderdale", " ", " ", ", ", ". ", "**bold**", "_stressed_", "*stressed*", "x*y*z",
                      "[link](https://example.org/a_(b))", "[**b** x](/p)", "<https://example.org>", "<a@example.org>", "snake_case",
                      "5 * 3", "\n", "\n\n", "- ", "1. ", "> ", "# ", "## ", "<b>", "&", "&amp;", "\\*", "#tag", "C#", "2023. ",
                      "(", ")", "[", "]", "*", "_", "\\", "!", "\"", "’", "-"]
        var generator = SplitMix64(state: 2024)
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...12, using: &generator)
            sources.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for source in sources {
            let blocks = Markdown.parse(source)
            #expect(Markdown.parse(Markdown.render(blocks)) == blocks, "\(source)")
        }
    }

    @Test("Blocks survive encoding to JSON and back")
    func codable() throws {
        let blocks = Markdown.parse("# T\n\nA **b** _c_ [d](/e)\n\n- f\n\n1. g\n\n> h")
        let decoded = try JSONDecoder().decode([MarkdownBlock].self, from: JSONEncoder().encode(blocks))
        #expect(decoded == blocks)
    }
}

/// How deeply inline content nests.
private func depth(_ blocks: [MarkdownBlock]) -> Int {
    func depth(_ inlines: [MarkdownInline]) -> Int {
        inlines.map { inline in
            switch inline {
            case .text: 0
            case .strong(let content), .emphasis(let content): 1 + depth(content)
            case .link(let text, _): 1 + depth(text)
            }
        }.max() ?? 0
    }
    return blocks.map { block in
        switch block {
        case .heading(_, let content), .paragraph(let content), .quote(let content): depth(content)
        case .bulletList(let items), .numberedList(let items): items.map(depth).max() ?? 0
        }
    }.max() ?? 0
}
