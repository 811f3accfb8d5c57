import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The list of years a report can be written for.
public struct ReportListPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// Newest first: the last five reporting years and any other year with a report.
    public let years: [ReportYearLine]
}

/// One year on the list, and how far its report has got.
public struct ReportYearLine: Sendable {
    public enum Status: Sendable, Equatable {
        case published(CalendarDate?)
        case draft
        case notStarted
    }

    public let year: ReportingYear
    public let status: Status
    /// How many versions the year has (0: none yet).
    public let versions: Int
}

/// The yearly report's page: the version being worked on, its sections, checklist, disclosure
/// check, sign-offs, publication and copy, and what the viewer may change.
public struct ReportPage: Sendable {
    public let partnershipName: String
    public let slug: String
    public let year: ReportingYear
    public let version: Int
    public let isDraft: Bool
    public let published: CalendarDate?
    /// For a published version only: where the copy to the panel and the Department stands.
    public let copy: ReportCopyLine?
    public let sections: [ReportSectionLine]
    /// Whether the children's version has its narrative.
    public let childrenWritten: Bool
    public let checklist: [ChecklistResult]
    /// How many Working Together items are not covered.
    public let gaps: Int
    public let suppressions: [Suppression]
    public let disclosureThreshold: Int
    public let copyDays: Int
    /// One line per statutory partner, in the partners' order.
    public let signOffs: [ReportSignOffLine]
    /// What stops publication now (shown to those who publish).
    public let publicationProblems: [String]
    /// Every version of the year, newest first.
    public let versions: [ReportVersionLine]
    /// The viewer edits the report (narratives, settings, publication, copy, versions).
    public let mayEdit: Bool
    public let maySignOff: Bool
    /// A published version with no draft after it: a new version can be started.
    public let mayStartNewVersion: Bool
}

/// The copy of a published report to the national panel and the Department for Education.
public struct ReportCopyLine: Sendable {
    public let state: ReportWorkflow.CopyState
    public let isSent: Bool
}

/// A section of the report as the report page lists it.
public struct ReportSectionLine: Sendable {
    public let key: ReportSectionKey
    public let number: Int
    public let title: String
    public let anchor: String
    public let hasData: Bool
    /// What data is missing, when it has none.
    public let missing: String?
    /// Whether its narrative is written.
    public let isWritten: Bool
    /// The partnership chose to leave it out of the published report.
    public let leftOut: Bool
}

/// A statutory partner's sign-off, or its absence.
public struct ReportSignOffLine: Sendable {
    public let partner: StatutoryPartner
    public let signedByRole: String?
    public let signed: CalendarDate?
    /// For a draft's sign-off: whether it approved the content as it is now, or an earlier draft and
    /// what changed since. Nil when the partner has not signed, and on a published version.
    public let standing: ReportWorkflow.SignOffStanding?
}

/// One version of the year's report.
public struct ReportVersionLine: Sendable {
    public let version: Int
    public let isPublished: Bool
    public let published: CalendarDate?
}

/// The editor of one section's narrative, or of the children's version (`key` "children").
public struct ReportSectionEditorPage: Sendable {
    /// The key of the children's version, which is edited like a section.
    public static let childrenKey = ReportSectionText.childrenKey

    public let slug: String
    public let year: ReportingYear
    public let key: String
    /// The working version is published, so nothing can be saved until a new version is started.
    public let isPublished: Bool
    public let name: String
    public let prompt: String
    /// The module the section draws on; nil for the children's version.
    public let module: String?
    /// Whether the section may publish its small headline totals.
    public let offersHeadlineTotals: Bool
    /// Whether the section may be left out of the published report: any section, not the children's version.
    public let offersLeaveOut: Bool
    public let narrative: String
    public let headlineTotals: Bool
    public let leftOut: Bool

    /// The editor for `key`; a refused save builds it from the request alone, with the submitted values.
    public init(slug: String, year: ReportingYear, key: String, isPublished: Bool, narrative: String = "", headlineTotals: Bool = false,
                leftOut: Bool = false) {
        let section = ReportSectionKey(rawValue: key)
        self.slug = slug
        self.year = year
        self.key = key
        self.isPublished = isPublished
        self.name = section?.title ?? "The children's version: the Young Advisors' words"
        self.prompt = section?.prompt ?? "The Young Advisors' view of the year, in their own words, for children and young people."
        self.module = section?.module
        self.offersHeadlineTotals = section.map { [.scrutiny, .voice, .reviews].contains($0) } ?? false
        self.offersLeaveOut = section != nil
        self.narrative = narrative
        self.headlineTotals = headlineTotals
        self.leftOut = leftOut
    }
}

/// A version of the report to download, as the reader may see it.
public struct ReportFile: Sendable {
    public let document: ReportDocument
    public let slug: String
    /// A draft is shown with its flags for sections without data.
    public let isDraft: Bool
}

/// Why a download is refused; the web answers each with its own status.
public enum ReportFileRefusal: Error, Sendable, Equatable {
    case noPartnership
    case noSuchVersion(Int)
    /// Nothing published and nobody signed in: signing in may open the draft.
    case signInFirst
    case notPublishedYet
}
