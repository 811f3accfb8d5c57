import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The practice reviews overview, as one viewer may see it: open cases and their next deadline,
/// rapid reviews submitted, local reviews, reflective sessions and national reviews, and the
/// partnership's timescales.
public struct ReviewsOverviewPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// Sees serious incidents, rapid reviews and unpublished reviews (the Executive and the review subgroup).
    public let mayReadAll: Bool
    public let mayRecord: Bool
    public let mayConfigure: Bool
    /// Serious incidents still waiting for their notification or rapid review; empty unless `mayReadAll`.
    public let openIncidents: [IncidentRecord]
    /// Rapid reviews submitted to the national panel; empty unless `mayReadAll`.
    public let submittedIncidents: [IncidentRecord]
    /// Newest decision first; published ones only unless `mayReadAll`.
    public let localReviews: [LocalReviewRecord]
    public let reflectiveSessionsAndNationalReviews: [ReviewSourceLine]
    public let timescales: ReviewTimescales
    public let reviewGroupID: UUID?
    public let reviewGroupName: String?
    /// The partnership's groups, any of which may hold practice reviews.
    public let groups: [GroupChoice]
    /// The years the bank-holiday data covers, in words.
    public let bankHolidaysKnown: String
}

/// A reflective session or national review in the learning tracker.
public struct ReviewSourceLine: Sendable {
    public let id: UUID
    public let title: String
    public let kind: SourceKind
    public let reportingYear: String
    public let recommendations: Int
    public let openActions: Int
    public let doneActions: Int

    init(_ summary: LearningStore.SourceSummary) throws {
        id = try summary.source.requireID()
        title = summary.source.title
        kind = summary.source.kind
        reportingYear = summary.source.reportingYear
        recommendations = summary.recommendations
        openActions = summary.openActions
        doneActions = summary.doneActions
    }
}

/// A group of the partnership, as a choice on a form.
public struct GroupChoice: Sendable {
    public let id: UUID
    public let name: String
}

/// Themes across the partnership's own reviews in a four-year window, beside the national
/// panel's recommendations on the same themes.
public struct ReviewThemesPage: Sendable {
    public let partnershipName: String
    public let slug: String
    /// The four reporting years, oldest first.
    public let years: [ReportingYear]
    /// Most frequent theme first.
    public let rows: [ThemesAcrossReviews.Row]
    /// The partnership's own reviews in the window.
    public let reviewsCounted: Int
}
