import Foundation

/// A yearly report as composed from the partnership's data: sections of narrative written by people
/// and content generated from the modules. It is a value, so a published report is frozen by storing
/// it, and every output (HTML, PDF, Word, Markdown) renders the same document.
public struct ReportDocument: Sendable, Codable, Equatable {
    public enum Audience: String, Sendable, Codable, Equatable {
        /// The statutory yearly report.
        case full
        /// The short plain-language version for children and young people.
        case children
    }

    public var partnershipName: String
    public var partnershipSlug: String
    public var localAuthorityName: String
    public var year: ReportingYear
    public var version: Int
    public var status: ReportStatus
    public var audience: Audience
    public var publishedOn: CalendarDate?
    /// The day the content was drawn from the data (the publication day, for a published report).
    public var composedOn: CalendarDate
    public var signOffs: [ReportSignature]
    public var sections: [ReportSectionContent]
    public var checklist: [ChecklistResult]
    public var suppressions: [Suppression]
    public var disclosureThreshold: Int

    public init(partnershipName: String, partnershipSlug: String, localAuthorityName: String, year: ReportingYear,
                version: Int, status: ReportStatus, audience: Audience, publishedOn: CalendarDate?, composedOn: CalendarDate,
                signOffs: [ReportSignature], sections: [ReportSectionContent], checklist: [ChecklistResult],
                suppressions: [Suppression], disclosureThreshold: Int) {
        self.partnershipName = partnershipName
        self.partnershipSlug = partnershipSlug
        self.localAuthorityName = localAuthorityName
        self.year = year
        self.version = version
        self.status = status
        self.audience = audience
        self.publishedOn = publishedOn
        self.composedOn = composedOn
        self.signOffs = signOffs
        self.sections = sections
        self.checklist = checklist
        self.suppressions = suppressions
        self.disclosureThreshold = disclosureThreshold
    }

    public var title: String {
        switch audience {
        case .full: "\(partnershipName): yearly report \(year)"
        case .children: "\(partnershipName): our year \(year), for children and young people"
        }
    }

    /// The document as it is published: without the sections the partnership chose to leave out, nor
    /// any section with nothing to print, and with the rest **renumbered** 1, 2, 3… so a reader never
    /// meets a gap in the numbering. A draft keeps the outline's numbers (a left-out section is shown
    /// there, marked), so that leaving one section out changes only that section in the sign-off digest.
    /// The Working Together table still names a left-out section, as left out (see `ChecklistResult`).
    public func forPublication() -> ReportDocument {
        var published = self
        published.sections = sections.filter { !$0.leftOut && !($0.narrative.isEmpty && $0.blocks.isEmpty) }
        for index in published.sections.indices { published.sections[index].number = index + 1 }
        return published
    }
}

public enum ReportStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case draft
    case published

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .published: "Published"
        }
    }
}

/// A statutory partner's sign-off: the partner, the role that signed, and the day.
public struct ReportSignature: Sendable, Codable, Equatable {
    public var partner: StatutoryPartner
    public var organisationName: String
    public var signedByRole: String
    public var signedOn: CalendarDate
    /// Stored only when true, so documents published before the flag existed still read.
    private var earlierDraft: Bool?

    public init(partner: StatutoryPartner, organisationName: String, signedByRole: String, signedOn: CalendarDate,
                isOfEarlierDraft: Bool = false) {
        self.partner = partner
        self.organisationName = organisationName
        self.signedByRole = signedByRole
        self.signedOn = signedOn
        self.earlierDraft = isOfEarlierDraft ? true : nil
    }

    /// The sign-off approved content that has changed since (a draft's outputs say so rather than
    /// show it as a signature). A published document only ever holds current sign-offs.
    public var isOfEarlierDraft: Bool { earlierDraft ?? false }
}

/// The three statutory safeguarding partners who sign the yearly report.
public enum StatutoryPartner: String, Sendable, Codable, Equatable, CaseIterable {
    case localAuthority = "local_authority"
    case integratedCareBoard = "integrated_care_board"
    case police

    public var label: String {
        switch self {
        case .localAuthority: "Local authority"
        case .integratedCareBoard: "Integrated care board"
        case .police: "Police"
        }
    }
}

/// One section as it will be read: its title, the narrative people wrote, and the generated content.
public struct ReportSectionContent: Sendable, Codable, Equatable {
    public var key: ReportSectionKey
    public var number: Int
    public var title: String
    /// The Working Together item this section answers, shown as a subtitle like the reference report does.
    public var subtitle: String?
    public var narrative: [MarkdownBlock]
    public var blocks: [ReportBlock]
    /// Whether the section's module holds data for the year; a section without is flagged in the draft.
    public var hasData: Bool
    /// What is missing, in words, when `hasData` is false.
    public var missing: String?
    /// Stored only when true: a document or digest made before the choice existed reads the same.
    private var leftOutChoice: Bool?

    enum CodingKeys: String, CodingKey {
        case key, number, title, subtitle, narrative, blocks, hasData, missing
        case leftOutChoice = "leftOut"
    }

    public init(key: ReportSectionKey, number: Int, title: String, subtitle: String?, narrative: [MarkdownBlock],
                blocks: [ReportBlock], hasData: Bool, missing: String?, leftOut: Bool = false) {
        self.key = key
        self.number = number
        self.title = title
        self.subtitle = subtitle
        self.narrative = narrative
        self.blocks = blocks
        self.hasData = hasData
        self.missing = missing
        self.leftOutChoice = leftOut ? true : nil
    }

    /// The partnership chose to leave the section out of the published report: a draft shows it,
    /// marked; `ReportDocument.forPublication()` drops it.
    public var leftOut: Bool {
        get { leftOutChoice ?? false }
        set { leftOutChoice = newValue ? true : nil }
    }

    /// A section that would be published holding only its heading: no data, no narrative, not left out.
    /// Publication is refused while any section is empty (`ReportWorkflow.emptySectionProblems`).
    public var isEmpty: Bool { !hasData && narrative.isEmpty && !leftOut }

    /// The anchor of the section in the HTML and the bookmark in Word.
    public var anchor: String { "section-\(key.rawValue)" }
}

/// Generated content inside a section.
public enum ReportBlock: Sendable, Codable, Equatable {
    /// A sub-heading inside the section.
    case heading(String)
    /// A short generated paragraph.
    case paragraph(String)
    /// Headline numbers, each linked to its source.
    case figures([ReportFigure])
    case table(ReportTable)
    case chart(ReportChart)
    /// A list of items, each optionally linked to its source.
    case list([ReportListItem])
    /// The structure chart of the partnership's groups.
    case structure([StructureBox])
}

/// Where a generated number came from, so a reader can check it in one click.
public struct FigureSource: Sendable, Codable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable, Equatable, Hashable {
        case areaFacts = "area_facts"
        case finance
        case organisations
        case subgroups
        case indicator
        case learningSource = "learning_source"
        case actions
        case reviews
        case localReview = "local_review"
        case incidents
        case reviewThemes = "review_themes"
        case dataImport = "data_import"
    }

    public var kind: Kind
    /// The record: an indicator key, a source's identifier, a reporting year.
    public var reference: String?
    /// Detail inside the record: the period of an indicator value.
    public var detail: String?
    /// What the link says when read aloud or printed: "Indicator Children in need, 2023-24".
    public var label: String

    public init(_ kind: Kind, reference: String? = nil, detail: String? = nil, label: String) {
        self.kind = kind
        self.reference = reference
        self.detail = detail
        self.label = label
    }

    /// Whether a printed figure is linked to its source: a suppressed `c` or a missing `:` is not a
    /// figure anyone can check, and a link would point at the hidden value.
    public static func isLinkable(_ text: String) -> Bool { text != "c" && text != ":" }
}

public struct ReportFigure: Sendable, Codable, Equatable {
    public var label: String
    public var value: String
    public var note: String?
    public var source: FigureSource?

    public init(label: String, value: String, note: String? = nil, source: FigureSource?) {
        self.label = label
        self.value = value
        self.note = note
        self.source = source
    }
}

public struct ReportListItem: Sendable, Codable, Equatable {
    public var text: String
    public var detail: String?
    public var source: FigureSource?

    public init(text: String, detail: String? = nil, source: FigureSource? = nil) {
        self.text = text
        self.detail = detail
        self.source = source
    }
}

/// A published table: column headings, rows with a header cell, and cells each linked to a source.
public struct ReportTable: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        public var text: String
        public var source: FigureSource?
        public var isNumber: Bool

        public init(_ text: String, source: FigureSource? = nil, isNumber: Bool = false) {
            self.text = text
            self.source = source
            self.isNumber = isNumber
        }
    }

    public struct Row: Sendable, Codable, Equatable {
        public var header: Cell
        public var cells: [Cell]
        /// A totals row, set in bold.
        public var isTotal: Bool

        public init(header: Cell, cells: [Cell], isTotal: Bool = false) {
            self.header = header
            self.cells = cells
            self.isTotal = isTotal
        }
    }

    public var id: String
    public var caption: String
    public var columns: [String]
    public var rows: [Row]
    public var note: String?

    public init(id: String, caption: String, columns: [String], rows: [Row], note: String? = nil) {
        self.id = id
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// A chart as data, drawn as SVG by the renderers; its table is always printed with it.
public struct ReportChart: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case line
        case bar
    }

    public struct Series: Sendable, Codable, Equatable {
        public var name: String
        public var values: [Double?]

        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var id: String
    public var kind: Kind
    public var title: String
    /// The text alternative: what the chart shows, in a sentence or two.
    public var description: String
    public var labels: [String]
    public var series: [Series]
    public var unit: String
    public var table: ReportTable

    public init(id: String, kind: Kind, title: String, description: String, labels: [String], series: [Series],
                unit: String, table: ReportTable) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.labels = labels
        self.series = series
        self.unit = unit
        self.table = table
    }
}

/// A box on the structure chart.
public struct StructureBox: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var kind: GroupKind
    public var chair: String?
    public var reportsTo: String?

    public init(id: String, name: String, kind: GroupKind, chair: String?, reportsTo: String?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.chair = chair
        self.reportsTo = reportsTo
    }

    /// The box in words, the structure chart's text alternative: "Subgroup, chaired by …, reports to …".
    public func summary(among boxes: [StructureBox]) -> String {
        [kind.label, chair.map { "chaired by the \($0)" },
         reportsTo.flatMap { id in boxes.first { $0.id == id } }.map { "reports to \($0.name)" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}
