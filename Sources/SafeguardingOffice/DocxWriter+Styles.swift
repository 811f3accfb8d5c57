import Foundation

/// The look of the document, as Word styles a reader can change in one place: styles.xml, the
/// list definitions in numbering.xml, and the footer.
enum DocxStyles {
    static let font = "Arial"
    /// Secondary text (notes, the footer): dark enough for 4.5:1 contrast on white.
    static let secondaryTextColour = "505A5F"
    static let linkColour = "1D70B8"
    static let borderColour = "B1B4B6"
    static let headerFill = "F3F2F1"

    static let mainNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// `word/styles.xml`. Built-in styles keep Word's ids and names (`Heading1`, "heading 1"), which
    /// is how Word, LibreOffice and PDF export know them for what they are; sizes are half-points.
    static let part = DocxWriter.declaration
        + #"<w:styles xmlns:w="\#(mainNamespace)">"#
        + "<w:docDefaults><w:rPrDefault><w:rPr>"
        + #"<w:rFonts w:ascii="\#(font)" w:hAnsi="\#(font)" w:eastAsia="\#(font)" w:cs="\#(font)"/>"#
        + #"<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>"#
        + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        + #"<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>"#
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + [
            #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>"#
                + #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            #"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            paragraphStyle("Title", name: "Title", priority: 10, paragraph: #"<w:spacing w:before="0" w:after="360"/><w:contextualSpacing/>"#,
                           run: #"<w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="52"/><w:szCs w:val="52"/>"#),
            heading(1, before: 480, after: 160, size: 36),
            heading(2, before: 360, after: 120, size: 30),
            heading(3, before: 280, after: 100, size: 26),
            heading(4, before: 240, after: 80, size: 22),
            paragraphStyle("Lead", name: "Lead", priority: 11, paragraph: #"<w:spacing w:after="240"/>"#, run: #"<w:sz w:val="28"/><w:szCs w:val="28"/>"#),
            paragraphStyle("Caption", name: "caption", priority: 35, paragraph: #"<w:spacing w:before="120" w:after="120"/>"#,
                           run: #"<w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/>"#),
            paragraphStyle("Note", name: "Note", priority: 12, paragraph: "",
                           run: #"<w:color w:val="\#(secondaryTextColour)"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#),
            paragraphStyle("Figure", name: "Figure", priority: 36, paragraph: #"<w:keepNext/><w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#, run: ""),
            paragraphStyle("ListParagraph", name: "List Paragraph", priority: 34, paragraph: #"<w:spacing w:after="80"/><w:ind w:left="720"/>"#, run: ""),
            paragraphStyle("TableText", name: "Table Text", priority: 37, paragraph: #"<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>"#,
                           run: #"<w:sz w:val="20"/><w:szCs w:val="20"/>"#),
            paragraphStyle("Footer", name: "footer", priority: 99, paragraph: #"<w:tabs><w:tab w:val="center" w:pos="\#(DocxBody.textWidth / 2)"/><w:tab w:val="right" w:pos="\#(DocxBody.textWidth)"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
                           run: #"<w:color w:val="\#(secondaryTextColour)"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#),
            // Word's own heading for a table of contents: like Heading 1, but not listed in the contents itself.
            #"<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>"#,
            tocStyle(1), tocStyle(2), tocStyle(3),
            #"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#
                + #"<w:rPr><w:color w:val="\#(linkColour)"/><w:u w:val="single"/></w:rPr></w:style>"#,
            #"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>"#
                + #"<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>"#
                + ["top", "left", "bottom", "right", "insideH", "insideV"].map { #"<w:\#($0) w:val="single" w:sz="4" w:space="0" w:color="\#(borderColour)"/>"# }.joined()
                + #"</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        ].joined()
        + "</w:styles>"

    private static func paragraphStyle(_ id: String, name: String, priority: Int, paragraph: String, run: String) -> String {
        #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#
            + #"<w:uiPriority w:val="\#(priority)"/><w:qFormat/>"#
            + (paragraph.isEmpty ? "" : "<w:pPr>\(paragraph)</w:pPr>") + (run.isEmpty ? "" : "<w:rPr>\(run)</w:rPr>")
            + "</w:style>"
    }

    /// Heading 1–4: kept with the next paragraph, and at outline levels 0–3, which is what the
    /// navigation pane and TOC `\o` read.
    private static func heading(_ level: Int, before: Int, after: Int, size: Int) -> String {
        #"<w:style w:type="paragraph" w:styleId="Heading\#(level)"><w:name w:val="heading \#(level)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#
            + #"<w:uiPriority w:val="9"/>\#(level > 1 ? "<w:unhideWhenUsed/>" : "")<w:qFormat/>"#
            + #"<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="\#(before)" w:after="\#(after)"/><w:outlineLvl w:val="\#(level - 1)"/></w:pPr>"#
            + #"<w:rPr><w:b/><w:bCs/><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr></w:style>"#
    }

    private static func tocStyle(_ level: Int) -> String {
        #"<w:style w:type="paragraph" w:styleId="TOC\#(level)"><w:name w:val="toc \#(level)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#
            + #"<w:uiPriority w:val="39"/><w:unhideWhenUsed/>"#
            + #"<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="\#(DocxBody.textWidth)"/></w:tabs><w:spacing w:after="100"/><w:ind w:left="\#((level - 1) * 220)"/></w:pPr></w:style>"#
    }

    /// `word/numbering.xml`: one bulleted list definition, shared by every bulleted list (numId 1),
    /// and one numbered definition with an instance per numbered list (numId 2, 3, …), each restarting at 1.
    static func numbering(numberedLists: Int) -> String {
        func level(format: String, text: String) -> String {
            #"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="\#(format)"/><w:lvlText w:val="\#(text)"/><w:lvlJc w:val="left"/>"#
                + #"<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>"#
                + #"<w:rPr><w:rFonts w:ascii="\#(font)" w:hAnsi="\#(font)" w:hint="default"/></w:rPr></w:lvl>"#
        }
        return DocxWriter.declaration
            + #"<w:numbering xmlns:w="\#(mainNamespace)">"#
            + #"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>\#(level(format: "bullet", text: "•"))</w:abstractNum>"#
            + #"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>\#(level(format: "decimal", text: "%1."))</w:abstractNum>"#
            + #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
            + (0..<numberedLists).map { list in
                #"<w:num w:numId="\#(list + 2)"><w:abstractNumId w:val="1"/>"#
                    + #"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#
            }.joined()
            + "</w:numbering>"
    }

    /// `word/footer1.xml`: `text` on the left and "Page N of M" on the right, or the page number
    /// alone in the centre.
    static func footer(text: String?) -> String {
        func field(_ instruction: String) -> String {
            #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> \#(instruction) </w:instrText></w:r>"#
                + #"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        }
        let pageNumber = #"<w:r><w:t xml:space="preserve">Page </w:t></w:r>\#(field("PAGE"))"#
            + #"<w:r><w:t xml:space="preserve"> of </w:t></w:r>\#(field("NUMPAGES"))"#
        let paragraph: String
        if let text, !text.isEmpty {
            // Without the centre tab, the page number goes to the right margin however short the text.
            paragraph = #"<w:p><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="clear" w:pos="\#(DocxBody.textWidth / 2)"/></w:tabs></w:pPr>"#
                + "<w:r>\(DocxBody.runContent(text))<w:tab/></w:r>\(pageNumber)</w:p>"
        } else {
            paragraph = #"<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>\#(pageNumber)</w:p>"#
        }
        return DocxWriter.declaration
            + #"<w:ftr xmlns:w="\#(mainNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + paragraph + "</w:ftr>"
    }
}
