/// Serious incidents, rapid reviews and local reviews as submitted, validated into values before
/// anything is written. Organisation identifiers are checked against the register by the store.

/// A serious incident as first recorded.
public struct IncidentDraft: Sendable, Equatable {
    public var childReference: String
    public var ageBand: AgeBand
    public var harm: IncidentHarm
    public var awareOn: CalendarDate
    public var summary: String
    public var careLeaver: Bool
    /// The organisations involved, by identifier as submitted.
    public var agencies: [String]

    public init(childReference: String, ageBand: AgeBand, harm: IncidentHarm, awareOn: CalendarDate, summary: String,
                careLeaver: Bool = false, agencies: [String] = []) {
        self.childReference = childReference
        self.ageBand = ageBand
        self.harm = harm
        self.awareOn = awareOn
        self.summary = summary
        self.careLeaver = careLeaver
        self.agencies = agencies
    }

    /// Reads `child_reference`, `age_band`, `harm`, `aware_on`, `summary`, `care_leaver` (yes) and
    /// `agencies` (identifiers separated by commas or lines). A care leaver is 16 to 24 (the notification
    /// duty covers care leavers up to and including 24); only a child who died is a care leaver death.
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> IncidentDraft {
        var v = Validator()
        let reference = ChildReference.validate(fields["child_reference"], validator: &v)
        let band: AgeBand? = v.choice(fields["age_band"], field: "age_band", missing: "Select the child's age band")
        let harm: IncidentHarm? = v.choice(fields["harm"], field: "harm", missing: "Select whether the child died or was seriously harmed")
        let awareOn = v.date(fields, field: "aware_on", required: true, missing: "Enter the date the local authority became aware")
        if let awareOn, awareOn > today { v.add("aware_on", "The date the local authority became aware cannot be in the future") }
        let summary = v.requiredText(fields["summary"], field: "summary", missing: "Describe briefly what happened, without names", maxLength: 4000)
        let careLeaver = ["yes", "true", "on"].contains(fields["care_leaver"]?.lowercased() ?? "")
        if careLeaver, let band, band != .sixteenToSeventeen, band != .eighteenToTwentyFour {
            v.add("care_leaver", "A care leaver is 16 to 24; choose the age band 16 to 17 or 18 to 24")
        }
        if careLeaver, harm == .seriousHarm {
            v.add("care_leaver", "The care leaver notification is for a death; for serious harm leave this unticked")
        }
        if !careLeaver, band == .eighteenToTwentyFour {
            v.add("age_band", "Someone aged 18 to 24 is notified only as a care leaver who died: tick the care leaver box")
        }
        let agencies = (fields["agencies"] ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if agencies.count > 40 { v.add("agencies", "Name at most 40 agencies") }
        try v.finish()
        return IncidentDraft(childReference: reference, ageBand: band!, harm: harm!, awareOn: awareOn!, summary: summary,
                             careLeaver: careLeaver, agencies: Array(Set(agencies)).sorted())
    }
}

/// The local authority's notification to the national panel.
public struct NotificationDraft: Sendable, Equatable {
    public var notifiedOn: CalendarDate
    public var panelReference: String?

    public static func validate(_ fields: [String: String], awareOn: CalendarDate, today: CalendarDate) throws(ValidationErrors) -> NotificationDraft {
        var v = Validator()
        let notified = v.date(fields, field: "notified_on", required: true, missing: "Enter the date the national panel was notified")
        if let notified, notified < awareOn { v.add("notified_on", "The notification cannot be before the local authority became aware (\(awareOn.long))") }
        if let notified, notified > today { v.add("notified_on", "The notification date cannot be in the future") }
        let reference = v.optionalText(fields["panel_reference"], field: "panel_reference", maxLength: 60)
        try v.finish()
        return NotificationDraft(notifiedOn: notified!, panelReference: reference)
    }
}

/// An agency asked for its summary, and when it came back.
public struct AgencySummaryDraft: Sendable, Equatable {
    public var organisation: String
    public var requestedOn: CalendarDate
    public var receivedOn: CalendarDate?

    public static func validate(_ fields: [String: String], prefix: String = "") throws(ValidationErrors) -> AgencySummaryDraft {
        var v = Validator()
        let organisation = v.requiredText(fields[prefix + "organisation"], field: prefix + "organisation", missing: "Select the agency", maxLength: 64)
        let requested = v.date(fields, field: prefix + "requested_on", required: true, missing: "Enter the date the summary was requested")
        let received = v.date(fields, field: prefix + "received_on", required: false, missing: "Enter the date the summary came back")
        if let requested, let received, received < requested {
            v.add(prefix + "received_on", "The summary cannot come back before it was requested (\(requested.long))")
        }
        try v.finish()
        return AgencySummaryDraft(organisation: organisation, requestedOn: requested!, receivedOn: received)
    }
}

/// The rapid review's panel, immediate safety actions and decision.
public struct RapidReviewDraft: Sendable, Equatable {
    public var panelMetOn: CalendarDate?
    public var immediateActions: String?
    public var decision: ReviewDecision?
    public var decisionReasons: String?
    public var decidedOn: CalendarDate?

    /// Reads `panel_met_on`, `immediate_actions`, `decision`, `decision_reasons` and `decided_on`.
    /// A decision needs its reasons and its date; none of them may come before the notification.
    public static func validate(_ fields: [String: String], notifiedOn: CalendarDate?) throws(ValidationErrors) -> RapidReviewDraft {
        var v = Validator()
        let panel = v.date(fields, field: "panel_met_on", required: false, missing: "Enter the date the rapid review panel met")
        let immediate = v.optionalText(fields["immediate_actions"], field: "immediate_actions", maxLength: 4000)
        var decision: ReviewDecision?
        if let raw = fields["decision"], !raw.isEmpty {
            decision = v.choice(raw, field: "decision", missing: "Select the decision")
        }
        let reasons = v.optionalText(fields["decision_reasons"], field: "decision_reasons", maxLength: 4000)
        let decided = v.date(fields, field: "decided_on", required: decision != nil, missing: "Enter the date of the decision")
        if decision != nil, reasons == nil { v.add("decision_reasons", "Give the reasons for the decision") }
        if decision == nil, decided != nil || reasons != nil { v.add("decision", "Select the decision the dates and reasons belong to") }
        if notifiedOn == nil, panel != nil || decision != nil {
            v.add("panel_met_on", "Record the notification to the national panel first: the rapid review runs from it")
        }
        if let notifiedOn, let panel, panel < notifiedOn { v.add("panel_met_on", "The panel cannot meet before the notification (\(notifiedOn.long))") }
        if let panel, let decided, decided < panel { v.add("decided_on", "The decision cannot come before the panel met (\(panel.long))") }
        try v.finish()
        return RapidReviewDraft(panelMetOn: panel, immediateActions: immediate, decision: decision, decisionReasons: reasons, decidedOn: decided)
    }
}

/// One statutory partner's sign-off of the rapid review.
public struct SignOffDraft: Sendable, Equatable {
    public var organisation: String
    public var signedByRole: String
    public var signedOn: CalendarDate

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> SignOffDraft {
        var v = Validator()
        let organisation = v.requiredText(fields["signoff_organisation"], field: "signoff_organisation", missing: "Select the statutory partner", maxLength: 64)
        let role = v.requiredText(fields["signed_by_role"], field: "signed_by_role", missing: "Enter the role of the person who signed off, not their name", maxLength: 200)
        let signed = v.date(fields, field: "signed_on", required: true, missing: "Enter the date of the sign-off")
        try v.finish()
        return SignOffDraft(organisation: organisation, signedByRole: role, signedOn: signed!)
    }
}

/// Submitting the rapid review to the national panel: only with a decision and every statutory
/// partner's sign-off.
public enum RapidReviewSubmission {
    public static func validate(_ fields: [String: String], decidedOn: CalendarDate?, partnersSigned: Int, partnersNeeded: Int = 3,
                                today: CalendarDate) throws(ValidationErrors) -> CalendarDate {
        var v = Validator()
        let submitted = v.date(fields, field: "submitted_on", required: true, missing: "Enter the date the rapid review was submitted")
        if decidedOn == nil { v.add("submitted_on", "Record the rapid review's decision before submitting it") }
        if partnersSigned < partnersNeeded {
            v.add("submitted_on", "All \(partnersNeeded) statutory partners must sign off first; \(partnersSigned) \(partnersSigned == 1 ? "has" : "have")")
        }
        if let submitted, let decidedOn, submitted < decidedOn { v.add("submitted_on", "The submission cannot come before the decision (\(decidedOn.long))") }
        if let submitted, submitted > today { v.add("submitted_on", "The submission date cannot be in the future") }
        try v.finish()
        return submitted!
    }
}

/// A local child safeguarding practice review as commissioned.
public struct LocalReviewDraft: Sendable, Equatable {
    public var childReference: String
    public var reportingYear: ReportingYear
    public var reviewer: String
    public var decidedOn: CalendarDate
    public var termsOfReference: [String]
    public var plannedPublicationOn: CalendarDate?
    public var summary: String?

    /// Reads `child_reference`, `reporting_year` (the year the review is reported in),
    /// `reviewer`, `decided_on`, `terms_of_reference` (one per line), `planned_publication_on`, `summary`.
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> LocalReviewDraft {
        var v = Validator()
        let reference = ChildReference.validate(fields["child_reference"], validator: &v)
        let yearText = (fields["reporting_year"] ?? "").trimmingCharacters(in: .whitespaces)
        let year = ReportingYear(yearText)
        if year == nil { v.add("reporting_year", "Enter the reporting year as two years, like 2023-24") }
        let reviewer = v.requiredText(fields["reviewer"], field: "reviewer", missing: "Enter the independent reviewer, by role or organisation", maxLength: 200)
        let decided = v.date(fields, field: "decided_on", required: true, missing: "Enter the date of the decision to hold the review")
        let terms = v.lines(fields["terms_of_reference"], field: "terms_of_reference")
        if terms.isEmpty { v.add("terms_of_reference", "Enter the terms of reference, one per line") }
        let planned = v.date(fields, field: "planned_publication_on", required: false, missing: "Enter the planned publication date")
        if let decided, let planned, planned < decided { v.add("planned_publication_on", "Publication cannot be planned before the decision (\(decided.long))") }
        let summary = v.optionalText(fields["summary"], field: "summary", maxLength: 8000)
        try v.finish()
        return LocalReviewDraft(childReference: reference, reportingYear: year!, reviewer: reviewer, decidedOn: decided!,
                                termsOfReference: terms, plannedPublicationOn: planned, summary: summary)
    }
}

/// A milestone of a local review: terms agreed, chronologies in, practitioner event, draft, panel.
public struct MilestoneDraft: Sendable, Equatable {
    public var title: String
    public var dueOn: CalendarDate
    public var doneOn: CalendarDate?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> MilestoneDraft {
        var v = Validator()
        let title = v.requiredText(fields["milestone_title"], field: "milestone_title", missing: "Enter the milestone, like Practitioner event", maxLength: 200)
        let due = v.date(fields, field: "milestone_due_on", required: true, missing: "Enter the milestone's due date")
        let done = v.date(fields, field: "milestone_done_on", required: false, missing: "Enter the date it was done")
        try v.finish()
        return MilestoneDraft(title: title, dueOn: due!, doneOn: done)
    }
}

/// The copy to the national panel and the Secretary of State, and publication.
public struct PublicationDraft: Sendable, Equatable {
    public var copySentOn: CalendarDate?
    public var publishedOn: CalendarDate?
    public var link: String?

    /// Reads `copy_sent_on`, `published_on` and `publication_link` (https://). Publishing needs the
    /// copy to have gone first, and a link to the published report. An empty form records nothing,
    /// and a review published on `publishedBefore` stays published: its date can be corrected, not
    /// removed (removing it would make a public review restricted again without a trace of why).
    public static func validate(_ fields: [String: String], decidedOn: CalendarDate, publishedBefore: CalendarDate? = nil,
                                today: CalendarDate) throws(ValidationErrors) -> PublicationDraft {
        var v = Validator()
        let publishing = ["published_on", "published_on-day", "published_on-month", "published_on-year"]
            .contains { !(fields[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        let copy = v.date(fields, field: "copy_sent_on", required: true,
                          missing: publishing ? "Send the copy to the national panel and the Secretary of State before publishing, and record the date"
                                              : "Enter the date the copy was sent to the national panel and the Secretary of State")
        let published = v.date(fields, field: "published_on", required: publishedBefore != nil,
                               missing: publishedBefore.map { "This review was published on \($0.long); correct the date, it cannot be removed" }
                                   ?? "Enter the publication date")
        let link = v.optionalText(fields["publication_link"], field: "publication_link", maxLength: 500)
        if let link, !(link.lowercased().hasPrefix("https://") && link.count > 10 && !link.contains(" ")) {
            v.add("publication_link", "Enter the address of the published report, starting https://")
        }
        if let copy, copy < decidedOn { v.add("copy_sent_on", "The copy cannot be sent before the review was decided on (\(decidedOn.long))") }
        if let copy, copy > today { v.add("copy_sent_on", "The date the copy was sent cannot be in the future") }
        if let published {
            if published > today { v.add("published_on", "Record publication once it has happened; the date cannot be in the future") }
            if let copy, copy > published { v.add("copy_sent_on", "The copy must go before publication (\(published.long)), not after") }
            if link == nil { v.add("publication_link", "Give the address of the published report") }
        }
        try v.finish()
        return PublicationDraft(copySentOn: copy, publishedOn: published, link: link)
    }
}
