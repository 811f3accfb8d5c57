import Foundation
import SafeguardingDomain
import SafeguardingRendering
import Testing

@Suite("The yearly report: checklist, workflow, forms and the renderers")
struct ReportTests {
    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("Each Working Together item is covered only when all its evidence is present, and the gaps say what is missing")
    func checklist() {
        let everything = Set(ReportEvidence.allCases)
        let all = WorkingTogetherChecklist.evaluate(present: everything)
        #expect(all.filter { !$0.isCovered }.isEmpty)
        let results = WorkingTogetherChecklist.evaluate(present: everything.subtracting([.training, .priorities]))
        #expect(results.filter { !$0.isCovered }.map(\.item) == [.impact, .priorities])
        #expect(WorkingTogetherChecklist.gaps(results) == [
            "Item 2: no training delivered in the year",
            "Item 8: no priorities for the coming year written in the summary",
        ])
        // Item 2 is answered by scrutiny, voice, reviews and training, in report order.
        #expect(WorkingTogetherItem.impact.sections == [.scrutiny, .voice, .reviews, .training])
        #expect(WorkingTogetherChecklist.evaluate(present: []).count == 8)
    }

    @Test("Publication needs all three statutory partners signed off the current content, and a published version cannot be published again")
    func publication() {
        let all = Dictionary(uniqueKeysWithValues: StatutoryPartner.allCases.map { ($0, ReportWorkflow.SignOffStanding.current) })
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [], signOffs: [.localAuthority: .current, .integratedCareBoard: .current])
                == ["The police has not signed off the report."])
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [], signOffs: all).isEmpty)
        #expect(ReportWorkflow.publicationProblems(status: .published, sections: [], signOffs: all).count == 1)
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [], signOffs: [:]).count == 3)
        // Sign-offs of an earlier draft are named together, after the partners who have not signed.
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [], signOffs: [.localAuthority: .earlierDraft(changes: ["1. Foreword (narrative)"]),
                                                                            .integratedCareBoard: .earlierDraft(changes: [])]) == [
            "The police has not signed off the report.",
            "The local authority and the integrated care board signed off an earlier draft, not the report as it is now: record their sign-offs again before publishing.",
        ])
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [], signOffs: all.merging([.police: .earlierDraft(changes: [])]) { $1 }) == [
            "The police signed off an earlier draft, not the report as it is now: record that sign-off again before publishing.",
        ])
    }

    @Test("No section is published holding only its heading: without data it needs narrative or to be left out, and the problem names it")
    func emptySections() {
        let all = Dictionary(uniqueKeysWithValues: StatutoryPartner.allCases.map { ($0, ReportWorkflow.SignOffStanding.current) })
        func section(_ key: ReportSectionKey, _ number: Int, hasData: Bool = false, narrative: String = "", leftOut: Bool = false) -> ReportSectionContent {
            ReportSectionContent(key: key, number: number, title: key.title, subtitle: nil, narrative: Markdown.parse(narrative), blocks: [],
                                 hasData: hasData, missing: hasData ? nil : "Nothing recorded", leftOut: leftOut)
        }
        let empty = [section(.area, 2, hasData: true), section(.childDeaths, 9), section(.foreword, 1)]
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: empty, signOffs: all) == [
            "Section 9 Child deaths has no data and no narrative: write why there is nothing to report, or leave it out.",
            "Section 1 Foreword has no narrative: write it, or leave it out.",
        ])
        // Narrative saying why there is nothing to report, or the choice to leave the section out, clears it.
        let explained = [section(.childDeaths, 9, narrative: "The panel reports in its own yearly report."), section(.foreword, 1, leftOut: true)]
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: explained, signOffs: all).isEmpty)
        // The section problems come before the sign-offs'.
        #expect(ReportWorkflow.publicationProblems(status: .draft, sections: [section(.training, 10)], signOffs: [:]).first?.hasPrefix("Section 10 Workforce learning") == true)
    }

    @Test("A left-out section makes the items it answers gaps, and the published document drops it and renumbers the rest")
    func leftOutSections() throws {
        let results = WorkingTogetherChecklist.evaluate(present: Set(ReportEvidence.allCases), leftOut: [.voice])
        #expect(results.filter { !$0.isCovered }.map(\.item) == [.impact, .feedback])
        #expect(WorkingTogetherChecklist.gaps(results) == [
            "Item 2: section left out (Voice and engagement of children and families)",
            "Item 5: section left out (Voice and engagement of children and families)",
        ])
        #expect(results[4].statusText == "Not covered: section left out (Voice and engagement of children and families)")
        // Kept-in sections add nothing to the JSON, so documents and digests made before the choice read alike.
        let document = Self.document()
        #expect(!String(decoding: try JSONEncoder().encode(document), as: UTF8.self).contains("leftOut"))

        var draft = document
        draft.sections.insert(ReportSectionContent(key: .changes, number: 4, title: ReportSectionKey.changes.title, subtitle: nil, narrative: [],
                                                   blocks: [], hasData: false, missing: "No procedure changes", leftOut: true), at: 0)
        draft.sections[1].number = 5
        let published = draft.forPublication()
        #expect(published.sections.map(\.key) == [.scrutiny] && published.sections.map(\.number) == [1])
        let html = ReportHTML(document: published, showsDraftFlags: false, link: { _ in nil }).render()
        #expect(!html.contains("Changes to the arrangements") && html.contains("1.</span> Independent scrutiny"))
        let draftHTML = ReportHTML(document: draft, showsDraftFlags: true, link: { _ in nil }).render()
        #expect(draftHTML.contains("Left out of the published report: </strong>"))

        // Leaving a section out after sign-off changes what was signed, and the page can say where.
        var kept = draft
        kept.sections[0].leftOut = false
        #expect(try draft.contentDigest().changes(since: try kept.contentDigest()) == ["4. Changes to the arrangements (left out)"])
    }

    @Test("A draft's sign-off of an earlier draft is listed as such in the HTML and the Markdown, never as a signature")
    func staleSignOffs() {
        var document = Self.document()
        document.signOffs = [
            ReportSignature(partner: .localAuthority, organisationName: "Local authority", signedByRole: "Director of Children's Services", signedOn: Self.date("2024-09-16")),
            ReportSignature(partner: .police, organisationName: "Police", signedByRole: "Chief Superintendent", signedOn: Self.date("2024-09-20"), isOfEarlierDraft: true),
        ]
        let html = ReportHTML(document: document, showsDraftFlags: true, link: { _ in nil }).render()
        #expect(html.contains("Local authority: the Director of Children's Services, 16 September 2024"))
        #expect(html.contains("Police: the Chief Superintendent signed an earlier draft on 20 September 2024, not this one"))
        #expect(!html.contains("Police: the Chief Superintendent, 20 September 2024"))
        let markdown = ReportMarkdown.render(document, link: { _ in nil })
        #expect(markdown.contains("- Police: the Chief Superintendent signed an earlier draft on 20 September 2024, not this one"))
        #expect(!markdown.contains("Signed off for the police"))
    }

    @Test("SHA-256 matches the standard's test vectors, across block boundaries")
    func sha256() {
        #expect(Hex.sha256(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.sha256(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.sha256(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hex.sha256(of: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Hex.sha256(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("A sign-off's digest covers narrative and figures, not the day composed, the sign-offs, the status or the version")
    func contentDigest() throws {
        let document = Self.document()
        let digest = try document.contentDigest()
        #expect(digest.whole.count == 64 && digest.sections.map(\.key) == ["scrutiny"])
        #expect(try Self.document().contentDigest() == digest)

        // What changes without the content changing leaves the digest alone.
        var recomposed = document
        recomposed.composedOn = Self.date("2025-01-15")
        recomposed.signOffs = [ReportSignature(partner: .police, organisationName: "Police", signedByRole: "Chief Superintendent", signedOn: Self.date("2024-09-20"))]
        recomposed.version = 3
        #expect(try recomposed.contentDigest() == digest)
        #expect(try Self.document(status: .published).contentDigest() == digest)

        // One word of the narrative.
        var reworded = document
        reworded.sections[0].narrative = Markdown.parse("Some **bold** word.")
        let narrativeChanged = try reworded.contentDigest()
        #expect(narrativeChanged.whole != digest.whole)
        #expect(narrativeChanged.changes(since: digest) == ["5. Independent scrutiny and assurance (narrative)"])
        #expect(ReportWorkflow.standing(of: digest, now: narrativeChanged) == .earlierDraft(changes: ["5. Independent scrutiny and assurance (narrative)"]))
        #expect(ReportWorkflow.standing(of: digest, now: digest) == .current)

        // One figure.
        var refigured = document
        refigured.sections[0].blocks[0] = .figures([ReportFigure(label: "Audits", value: "4", source: nil)])
        let figureChanged = try refigured.contentDigest()
        #expect(figureChanged.whole != digest.whole)
        #expect(figureChanged.changes(since: digest) == ["5. Independent scrutiny and assurance (figures)"])

        // Outside the sections: the threshold of the disclosure check.
        var stricter = document
        stricter.disclosureThreshold = 10
        #expect(try stricter.contentDigest().changes(since: digest) == ["the checklist, the disclosure check or the report's title"])

        // A sign-off stored with its whole digest only, or none, is of an earlier draft without detail.
        #expect(narrativeChanged.changes(since: ReportContentDigest(whole: digest.whole, sections: [])).isEmpty)
        #expect(ReportWorkflow.standing(of: nil, now: digest) == .earlierDraft(changes: []))
    }

    @Test("The copy is due 7 days after publication: due, due today, overdue, sent on time, sent late")
    func copyDeadline() {
        let published = Self.date("2024-10-01")
        #expect(ReportWorkflow.copyDeadline(publishedOn: published, days: 7) == Self.date("2024-10-08"))
        #expect(ReportWorkflow.copyState(publishedOn: published, days: 7, sentOn: nil, today: Self.date("2024-10-03")) == .due(by: Self.date("2024-10-08"), daysLeft: 5))
        #expect(ReportWorkflow.copyState(publishedOn: published, days: 7, sentOn: nil, today: Self.date("2024-10-08")).summary == "Copy due today (8 October 2024)")
        let overdue = ReportWorkflow.copyState(publishedOn: published, days: 7, sentOn: nil, today: Self.date("2024-10-10"))
        #expect(overdue == .overdue(since: Self.date("2024-10-08"), days: 2) && overdue.isMissed)
        #expect(ReportWorkflow.copyState(publishedOn: published, days: 7, sentOn: Self.date("2024-10-08"), today: Self.date("2025-01-01")) == .sent(on: Self.date("2024-10-08"), daysLate: 0))
        let late = ReportWorkflow.copyState(publishedOn: published, days: 7, sentOn: Self.date("2024-10-09"), today: Self.date("2025-01-01"))
        #expect(late.isMissed && late.summary == "Copy sent 9 October 2024, 1 day late")
        // Across the month and year end.
        #expect(ReportWorkflow.copyDeadline(publishedOn: Self.date("2024-12-28"), days: 7) == Self.date("2025-01-04"))
    }

    @Test("A sign-off names the partner, a role (not an email) and a date not in the future")
    func signOffForm() throws {
        let today = Self.date("2024-09-30")
        let good = try ReportSignOffDraft.validate(["partner": "police", "signed_by_role": " Chief Superintendent ", "signed_on-day": "20", "signed_on-month": "9", "signed_on-year": "2024"], today: today)
        #expect(good == ReportSignOffDraft(partner: .police, signedByRole: "Chief Superintendent", signedOn: Self.date("2024-09-20")))
        do {
            _ = try ReportSignOffDraft.validate(["partner": "fire", "signed_by_role": "a@b.example", "signed_on": "2024-10-01"], today: today)
            Issue.record("accepted a bad sign-off")
        } catch {
            #expect(error.errors.map(\.field) == ["partner", "signed_by_role", "signed_on"])
            #expect(error.message(for: "signed_on") == "The date signed cannot be in the future")
        }
        #expect(throws: ValidationErrors.self) { try ReportSignOffDraft.validate([:], today: today) }
    }

    @Test("Settings take whole numbers in range; a narrative refuses unsafe links and overlong text")
    func settingsAndNarrative() throws {
        #expect(try ReportSettingsDraft.validate(["threshold": "10", "copy_days": "7"]) == ReportSettingsDraft(threshold: 10, copyDays: 7))
        do {
            _ = try ReportSettingsDraft.validate(["threshold": "0", "copy_days": "x"])
            Issue.record("accepted bad settings")
        } catch {
            #expect(error.errors.map(\.field) == ["threshold", "copy_days"])
        }
        let narrative = try SectionNarrativeDraft.validate(["narrative": "A *year*.\r\n\r\nSecond.", "headline_totals": "yes"])
        #expect(narrative == SectionNarrativeDraft(narrative: "A *year*.\n\nSecond.", headlineTotals: true))
        #expect(throws: ValidationErrors.self) { try SectionNarrativeDraft.validate(["narrative": "[x](javascript:alert(1))"]) }
        #expect(throws: ValidationErrors.self) { try SectionNarrativeDraft.validate(["narrative": String(repeating: "a", count: 20_001)]) }
    }

    static func document(status: ReportStatus = .draft) -> ReportDocument {
        let source = FigureSource(.indicator, reference: "cpp_rate", detail: "2023-24", label: "Indicator CP plans, 2023-24")
        let table = ReportTable(id: "t", caption: "A table | with a pipe", columns: ["Q1", "Total"], rows: [
            ReportTable.Row(header: .init("Decile 1"), cells: [.init("12", source: source, isNumber: true), .init("c", source: source, isNumber: true)]),
        ])
        let section = ReportSectionContent(key: .scrutiny, number: 5, title: "Independent scrutiny and assurance", subtitle: nil,
                                           narrative: Markdown.parse("Some **bold** words."),
                                           blocks: [.figures([ReportFigure(label: "Audits", value: "3", source: source)]), .table(table)],
                                           hasData: false, missing: "Nothing recorded")
        return ReportDocument(partnershipName: "Test Partnership", partnershipSlug: "test", localAuthorityName: "Testshire", year: ReportingYear(startYear: 2023),
                              version: 2, status: status, audience: .full, publishedOn: status == .published ? Self.date("2024-10-01") : nil,
                              composedOn: Self.date("2024-09-30"), signOffs: [], sections: [section],
                              checklist: WorkingTogetherChecklist.evaluate(present: []), suppressions: [], disclosureThreshold: 5)
    }

    @Test("The HTML links each number to its source, never a suppressed c, and flags sections only in a draft")
    func html() {
        let link: @Sendable (FigureSource) -> String? = { "https://app.example/\($0.reference ?? "")?p=\($0.detail ?? "")" }
        let html = ReportHTML(document: Self.document(), showsDraftFlags: true, link: link).render()
        #expect(html.contains("<a href=\"https://app.example/cpp_rate?p=2023-24\" class=\"report-source\">12<span class=\"visually-hidden\"> (source: Indicator CP plans, 2023-24)</span></a>"))
        #expect(html.contains("<td class=\"report-table__number\">c</td>"))
        #expect(html.contains("Flagged in the draft: </strong>Nothing recorded"))
        #expect(html.contains("<th scope=\"row\">Decile 1</th>"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("Draft, version 2"))
        let published = ReportHTML(document: Self.document(status: .published), showsDraftFlags: false, link: link).render()
        #expect(!published.contains("Flagged in the draft"))
        #expect(published.contains("Published 1 October 2024. Version 2."))
    }

    @Test("The Markdown output escapes generated text and keeps tables as pipe tables")
    func markdown() {
        let text = ReportMarkdown.render(Self.document(), link: { _ in "/x" })
        #expect(text.contains("**A table \\| with a pipe**"))
        #expect(text.contains("| Decile 1 | [12](/x) | c |"))
        #expect(text.contains("- Audits: **[3](/x)**"))
        #expect(text.contains("> **Flagged in the draft:** Nothing recorded"))
    }

    @Test("A document survives the JSON round trip that freezes a published report")
    func frozen() throws {
        let document = Self.document(status: .published)
        let data = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(ReportDocument.self, from: data) == document)
    }
}
