import Foundation

/// A source of learning as submitted: an audit in the programme, a survey, a scrutiny, a
/// self-assessment or an assurance request. Kind-specific fields are optional and kept only for their kind.
public struct SourceDraft: Sendable, Equatable {
    public var kind: SourceKind
    public var title: String
    public var reportingYear: ReportingYear
    public var summary: String?
    public var leadRole: String?
    /// The lead organisation's name as typed; checked against the register by the store.
    public var leadOrganisation: String?
    /// The identifier of the subgroup that owns the work, as submitted.
    public var group: String?
    public var commissionedReason: String?
    /// The identifier of the performance escalation that commissioned the work, as submitted.
    public var escalation: String?
    public var plannedOn: CalendarDate?
    public var startedOn: CalendarDate?
    public var completedOn: CalendarDate?
    public var challengeDueOn: CalendarDate?
    public var scope: String?
    public var auditType: AuditType?
    public var reviewer: String?
    public var termsOfReference: [String]
    public var methods: String?
    public var observed: String?
    public var framework: String?
    public var askedOf: String?

    public init(kind: SourceKind, title: String, reportingYear: ReportingYear, summary: String? = nil, leadRole: String? = nil,
                leadOrganisation: String? = nil, group: String? = nil, commissionedReason: String? = nil, escalation: String? = nil,
                plannedOn: CalendarDate? = nil, startedOn: CalendarDate? = nil, completedOn: CalendarDate? = nil,
                challengeDueOn: CalendarDate? = nil, scope: String? = nil, auditType: AuditType? = nil, reviewer: String? = nil,
                termsOfReference: [String] = [], methods: String? = nil, observed: String? = nil, framework: String? = nil,
                askedOf: String? = nil) {
        self.kind = kind
        self.title = title
        self.reportingYear = reportingYear
        self.summary = summary
        self.leadRole = leadRole
        self.leadOrganisation = leadOrganisation
        self.group = group
        self.commissionedReason = commissionedReason
        self.escalation = escalation
        self.plannedOn = plannedOn
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.challengeDueOn = challengeDueOn
        self.scope = scope
        self.auditType = auditType
        self.reviewer = reviewer
        self.termsOfReference = termsOfReference
        self.methods = methods
        self.observed = observed
        self.framework = framework
        self.askedOf = askedOf
    }

    /// Reads `kind`, `title`, `reporting_year`, `summary`, `lead_role`, `lead_organisation`, `group`,
    /// `commissioned_reason`, `escalation`, the dates `planned_on`, `started_on`, `completed_on`,
    /// `challenge_due_on`, and for their kinds `scope`, `audit_type`, `reviewer`, `terms_of_reference`
    /// (one per line), `methods`, `observed`, `framework`, `asked_of`.
    /// `allowing` lists the kinds the calling module records (the learning pages by default).
    public static func validate(_ fields: [String: String], allowing kinds: [SourceKind] = SourceKind.recordedHere) throws(ValidationErrors) -> SourceDraft {
        var v = Validator()
        let kind: SourceKind? = v.choice(fields["kind"], field: "kind", missing: "Select what kind of learning this is")
        if let kind, !kinds.contains(kind) {
            v.add("kind", "\(kind.label) is recorded in its own module: expected one of \(kinds.map(\.rawValue).joined(separator: ", "))")
        }
        let title = v.requiredText(fields["title"], field: "title", missing: "Enter a title, like the audit's theme", maxLength: 200)
        var year: ReportingYear?
        let yearText = (fields["reporting_year"] ?? "").trimmingCharacters(in: .whitespaces)
        if yearText.isEmpty {
            v.add("reporting_year", "Enter the reporting year, like 2023-24")
        } else if let parsed = ReportingYear(yearText) {
            year = parsed
        } else {
            v.add("reporting_year", "Enter the reporting year as two years, like 2023-24")
        }
        let summary = v.optionalText(fields["summary"], field: "summary", maxLength: 8000)
        let leadRole = v.optionalText(fields["lead_role"], field: "lead_role", maxLength: 200)
        let leadOrganisation = v.optionalText(fields["lead_organisation"], field: "lead_organisation", maxLength: 150)
        let group = v.optionalText(fields["group"], field: "group", maxLength: 64)
        let reason = v.optionalText(fields["commissioned_reason"], field: "commissioned_reason", maxLength: 2000)
        let escalation = v.optionalText(fields["escalation"], field: "escalation", maxLength: 64)
        let planned = v.date(fields, field: "planned_on", required: false, missing: "Enter the planned date")
        let started = v.date(fields, field: "started_on", required: false, missing: "Enter the start date")
        let completed = v.date(fields, field: "completed_on", required: false, missing: "Enter the completion date")
        var challengeDue = v.date(fields, field: "challenge_due_on", required: false, missing: "Enter when the challenge event is due")
        if let started, let completed, completed < started {
            v.add("completed_on", "The completion date must be on or after the start date (\(started.long))")
        }
        if let completed, let challengeDue, challengeDue < completed {
            v.add("challenge_due_on", "The challenge event is due after the work completes (\(completed.long)), not before")
        }
        if challengeDue == nil, let completed {
            challengeDue = completed.addingMonths(TrackerRules.defaultChallengeInterval)
        }
        let scope = v.optionalText(fields["scope"], field: "scope", maxLength: 4000)
        var auditType: AuditType?
        if kind == .audit {
            auditType = v.choice(fields["audit_type"], field: "audit_type", missing: "Select the type of audit")
        }
        let reviewer = v.optionalText(fields["reviewer"], field: "reviewer", maxLength: 200)
        let terms = v.lines(fields["terms_of_reference"], field: "terms_of_reference")
        let methods = v.optionalText(fields["methods"], field: "methods", maxLength: 4000)
        let observed = v.optionalText(fields["observed"], field: "observed", maxLength: 4000)
        let framework = v.optionalText(fields["framework"], field: "framework", maxLength: 200)
        let askedOf = v.optionalText(fields["asked_of"], field: "asked_of", maxLength: 200)
        if kind == .scrutiny || kind == .nationalReview, reviewer == nil {
            v.add("reviewer", "Say who carried out the scrutiny, like an external expert body")
        }
        if kind == .selfAssessment, framework == nil {
            v.add("framework", "Name the framework the partners assessed themselves against")
        }
        if kind == .assuranceRequest, askedOf == nil {
            v.add("asked_of", "Say whom the partnership asked for assurance")
        }
        try v.finish()
        let k = kind!
        return SourceDraft(kind: k, title: title, reportingYear: year!, summary: summary, leadRole: leadRole,
                           leadOrganisation: leadOrganisation, group: group, commissionedReason: reason, escalation: escalation,
                           plannedOn: planned, startedOn: started, completedOn: completed, challengeDueOn: challengeDue,
                           scope: scope, auditType: auditType,
                           reviewer: k == .scrutiny || SourceKind.reviews.contains(k) ? reviewer : nil,
                           termsOfReference: k == .scrutiny || k == .audit || k == .assuranceRequest || SourceKind.reviews.contains(k) ? terms : [],
                           methods: methods, observed: k == .scrutiny ? observed : nil,
                           framework: k == .selfAssessment ? framework : nil,
                           askedOf: k == .assuranceRequest ? askedOf : nil)
    }
}

/// A finding of a source: a strength, an area for improvement or a national issue.
public struct FindingDraft: Sendable, Equatable {
    public var kind: FindingKind
    public var text: String
    public var themes: [String]

    public init(kind: FindingKind, text: String, themes: [String] = []) {
        self.kind = kind
        self.text = text
        self.themes = themes
    }

    /// Reads `kind`, `text` and `themes` (comma-separated, like `domestic abuse, information sharing`).
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> FindingDraft {
        var v = Validator()
        let kind: FindingKind? = v.choice(fields["kind"], field: "kind", missing: "Select whether this is a strength, an area for improvement or a national issue")
        let text = v.requiredText(fields["text"], field: "text", missing: "Enter the finding", maxLength: 4000)
        let themes = Self.themes(fields["themes"], validator: &v)
        try v.finish()
        return FindingDraft(kind: kind!, text: text, themes: themes)
    }

    /// Themes in lower case, each once, in the order given.
    public static func themes(_ raw: String?, validator v: inout Validator) -> [String] {
        var seen = Set<String>()
        var themes: [String] = []
        for part in (raw ?? "").split(separator: ",") {
            let theme = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard !theme.isEmpty else { continue }
            if theme.count > 60 { v.add("themes", "Each theme must be 60 characters or fewer"); continue }
            if seen.insert(theme).inserted { themes.append(theme) }
        }
        if themes.count > 12 { v.add("themes", "Give at most 12 themes") }
        return themes
    }
}

/// A recommendation, optionally answering one finding of the same source.
public struct RecommendationDraft: Sendable, Equatable {
    public var text: String
    /// The identifier of the finding, as submitted; checked against the source by the store.
    public var finding: String?

    public init(text: String, finding: String? = nil) {
        self.text = text
        self.finding = finding
    }

    /// Reads `text` and `finding`.
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> RecommendationDraft {
        var v = Validator()
        let text = v.requiredText(fields["text"], field: "text", missing: "Enter the recommendation", maxLength: 4000)
        let finding = v.optionalText(fields["finding"], field: "finding", maxLength: 64)
        try v.finish()
        return RecommendationDraft(text: text, finding: finding)
    }
}

/// An action towards a recommendation, owned by an organisation and a person.
public struct ActionDraft: Sendable, Equatable {
    public var text: String
    /// The owning organisation's name or identifier as submitted; checked against the register by the store.
    public var ownerOrganisation: String
    /// The person who owns it, by role or name.
    public var owner: String
    public var dueOn: CalendarDate
    /// The day it was raised, when given (a tracker typed in after the fact); nil means the caller's
    /// day: today for the pages and the API, the day of the challenge event that adds it.
    public var raisedOn: CalendarDate?

    public init(text: String, ownerOrganisation: String, owner: String, dueOn: CalendarDate, raisedOn: CalendarDate? = nil) {
        self.text = text
        self.ownerOrganisation = ownerOrganisation
        self.owner = owner
        self.dueOn = dueOn
        self.raisedOn = raisedOn
    }

    /// Reads `text`, `owner_organisation`, `owner`, `due_on` and `raised_on` (dates ISO or three boxes;
    /// `raised_on` may be left out). `prefix` reads the same fields with a prefix, as when a challenge
    /// event's form adds an action (`action_text`…). A given `raised_on` is not after `today` (when
    /// given) nor after the due date.
    public static func validate(_ fields: [String: String], prefix: String = "", today: CalendarDate? = nil) throws(ValidationErrors) -> ActionDraft {
        var v = Validator()
        let text = v.requiredText(fields[prefix + "text"], field: prefix + "text", missing: "Enter what will be done", maxLength: 2000)
        let organisation = v.requiredText(fields[prefix + "owner_organisation"], field: prefix + "owner_organisation",
                                          missing: "Select the organisation that owns the action", maxLength: 150)
        let owner = v.requiredText(fields[prefix + "owner"], field: prefix + "owner", missing: "Enter who owns the action, by role or name", maxLength: 200)
        let due = v.date(fields, field: prefix + "due_on", required: true, missing: "Enter the date the action is due")
        let raised = v.date(fields, field: prefix + "raised_on", required: false, missing: "Enter the date the action was raised")
        if let raised, let today, raised > today {
            v.add(prefix + "raised_on", "The date the action was raised must be today or in the past, not after \(today.long)")
        } else if let raised, let due, raised > due {
            v.add(prefix + "raised_on", "The date the action was raised must be on or before its due date (\(due.long))")
        }
        try v.finish()
        return ActionDraft(text: text, ownerOrganisation: organisation, owner: owner, dueOn: due!, raisedOn: raised)
    }
}

/// Evidence of impact: what changed for children or practitioners and how we know.
public struct EvidenceDraft: Sendable, Equatable {
    public var whatChanged: String
    public var howWeKnow: String
    /// A link (http or https) or a document reference.
    public var reference: String?

    public init(whatChanged: String, howWeKnow: String, reference: String? = nil) {
        self.whatChanged = whatChanged
        self.howWeKnow = howWeKnow
        self.reference = reference
    }

    /// Reads `what_changed`, `how_we_know` and `reference`.
    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> EvidenceDraft {
        var v = Validator()
        let what = v.requiredText(fields["what_changed"], field: "what_changed",
                                  missing: "Say what changed for children or practitioners", maxLength: 4000)
        let how = v.requiredText(fields["how_we_know"], field: "how_we_know",
                                 missing: "Say how we know it changed, like an audit, data or feedback", maxLength: 4000)
        let reference = v.optionalText(fields["reference"], field: "reference", maxLength: 500)
        if let reference, reference.contains("://") || reference.lowercased().hasPrefix("www.") {
            let lower = reference.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || reference.contains(where: \.isWhitespace) {
                v.add("reference", "A link must start with https:// and have no spaces; otherwise give a document reference")
            }
        }
        try v.finish()
        return EvidenceDraft(whatChanged: what, howWeKnow: how, reference: reference)
    }
}

/// A change of an action's status, checked against the rules: done needs evidence of impact,
/// dropped needs a reason.
public struct ActionStatusChange: Sendable, Equatable {
    public var status: ActionStatus
    public var droppedReason: String?

    public init(status: ActionStatus, droppedReason: String? = nil) {
        self.status = status
        self.droppedReason = droppedReason
    }

    public static let needsEvidence = "An action is marked done only with evidence of impact: record what changed and how we know first"

    /// Reads `status` and `dropped_reason`; `evidenceCount` is how much evidence the action already has.
    public static func validate(_ fields: [String: String], evidenceCount: Int) throws(ValidationErrors) -> ActionStatusChange {
        var v = Validator()
        let status: ActionStatus? = v.choice(fields["status"], field: "status", missing: "Select the action's status")
        let reason = v.optionalText(fields["dropped_reason"], field: "dropped_reason", maxLength: 2000)
        if status == .done, evidenceCount == 0 {
            v.add("status", needsEvidence)
        }
        if status == .dropped, reason == nil {
            v.add("dropped_reason", "Say why the action is dropped")
        }
        try v.finish()
        return ActionStatusChange(status: status!, droppedReason: status == .dropped ? reason : nil)
    }
}

/// A challenge (or progress) event: who was challenged, what assurance they gave, and a judgement
/// on each of the source's recommendations.
public struct ChallengeEventDraft: Sendable, Equatable {
    public var heldOn: CalendarDate
    public var whoWasChallenged: String
    public var assuranceGiven: String
    /// Judgement per recommendation identifier (lower-case UUID text).
    public var judgements: [String: Judgement]

    public init(heldOn: CalendarDate, whoWasChallenged: String, assuranceGiven: String, judgements: [String: Judgement]) {
        self.heldOn = heldOn
        self.whoWasChallenged = whoWasChallenged
        self.assuranceGiven = assuranceGiven
        self.judgements = judgements
    }

    /// Reads `held_on`, `who_was_challenged`, `assurance_given` and `judgement-<recommendation id>` for
    /// each recommendation of the source; every recommendation needs a judgement.
    public static func validate(_ fields: [String: String], recommendations: [(id: String, number: Int)]) throws(ValidationErrors) -> ChallengeEventDraft {
        var v = Validator()
        let held = v.date(fields, field: "held_on", required: true, missing: "Enter the date the challenge event was held")
        let who = v.requiredText(fields["who_was_challenged"], field: "who_was_challenged",
                                 missing: "Say who was challenged, by role", maxLength: 2000)
        let assurance = v.requiredText(fields["assurance_given"], field: "assurance_given",
                                       missing: "Say what assurance was given", maxLength: 8000)
        var judgements: [String: Judgement] = [:]
        for recommendation in recommendations {
            let field = "judgement-\(recommendation.id)"
            let judgement: Judgement? = v.choice(fields[field], field: field,
                                                 missing: "Select a judgement for recommendation \(recommendation.number)")
            if let judgement { judgements[recommendation.id] = judgement }
        }
        try v.finish()
        return ChallengeEventDraft(heldOn: held!, whoWasChallenged: who, assuranceGiven: assurance, judgements: judgements)
    }
}
