import Foundation

/// An organisation as submitted by a form or the API, checked field by field.
public struct OrganisationDraft: Sendable, Equatable {
    public var name: String
    public var kind: OrganisationKind
    public var sector: Sector
    public var typeDescription: String?
    public var leadPartnerRole: String?
    public var delegatedPartnerRole: String?
    public var contactEmail: String?
    /// The day it joined the arrangements: what the yearly report counts it from. Nil when the
    /// fields leave it out (the API may): a new organisation joins today, an edited one keeps its date.
    public var joinedOn: CalendarDate?
    /// The day it left the arrangements; an organisation that has left is inactive. Nil: still in them.
    public var leftOn: CalendarDate?

    public init(name: String, kind: OrganisationKind, sector: Sector, typeDescription: String? = nil,
                leadPartnerRole: String? = nil, delegatedPartnerRole: String? = nil, contactEmail: String? = nil,
                joinedOn: CalendarDate? = nil, leftOn: CalendarDate? = nil) {
        self.name = name
        self.kind = kind
        self.sector = sector
        self.typeDescription = typeDescription
        self.leadPartnerRole = leadPartnerRole
        self.delegatedPartnerRole = delegatedPartnerRole
        self.contactEmail = contactEmail
        self.joinedOn = joinedOn
        self.leftOn = leftOn
    }

    /// Reads the submitted fields (`name`, `kind`, `sector`, `type_description`, `lead_partner_role`,
    /// `delegated_partner_role`, `contact_email`, and the dates `joined_on` and `left_on`, as ISO text
    /// or three boxes). Neither date may be after `today`, and it cannot leave before it joined.
    /// `joined_on` is required once its field is sent (the form always sends it).
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> OrganisationDraft {
        var v = Validator()
        let name = v.requiredText(fields["name"], field: "name", missing: "Enter the organisation's name", maxLength: 150)
        let kind: OrganisationKind? = v.choice(fields["kind"], field: "kind", missing: "Select what kind of organisation it is")
        let sector: Sector? = v.choice(fields["sector"], field: "sector", missing: "Select the organisation's sector")
        let type = v.optionalText(fields["type_description"], field: "type_description", maxLength: 150)
        let lead = v.optionalText(fields["lead_partner_role"], field: "lead_partner_role", maxLength: 150)
        let delegated = v.optionalText(fields["delegated_partner_role"], field: "delegated_partner_role", maxLength: 150)
        var email: String?
        if let raw = v.optionalText(fields["contact_email"], field: "contact_email", maxLength: 254) {
            email = EmailAddress.normalised(raw)
            if email == nil { v.add("contact_email", "Enter the contact email in the right format, like name@example.org") }
        }
        if let kind, !kind.isStatutoryPartner, lead != nil || delegated != nil {
            v.add("lead_partner_role", "Only a statutory partner has lead and delegated safeguarding partner roles")
        }
        let joinedSent = fields.keys.contains { $0 == "joined_on" || $0.hasPrefix("joined_on-") }
        let joined = v.date(fields, field: "joined_on", required: joinedSent, missing: "Enter the date it joined the arrangements")
        let left = v.date(fields, field: "left_on", required: false, missing: "Enter the date it left the arrangements")
        if let joined, joined > today { v.add("joined_on", "The date it joined the arrangements must be today or in the past") }
        if let left, left > today { v.add("left_on", "The date it left the arrangements must be today or in the past") }
        if let joined, let left, left < joined {
            v.add("left_on", "The date it left the arrangements must be the same as or after the date it joined (\(joined.long))")
        }
        try v.finish()
        return OrganisationDraft(name: name, kind: kind!, sector: sector!, typeDescription: type,
                                 leadPartnerRole: lead, delegatedPartnerRole: delegated, contactEmail: email, joinedOn: joined, leftOn: left)
    }
}

/// A new user account as submitted by an administrator or the command line.
public struct UserDraft: Sendable, Equatable {
    public var email: String
    public var name: String
    public var role: Role
    /// The organisation's name as typed; required for a contributor.
    public var organisationName: String?
    public var password: String

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> UserDraft {
        var v = Validator()
        let rawEmail = v.requiredText(fields["email"], field: "email", missing: "Enter an email address", maxLength: 254)
        let email = EmailAddress.normalised(rawEmail)
        if !rawEmail.isEmpty, email == nil { v.add("email", "Enter an email address in the right format, like name@example.org") }
        let name = v.requiredText(fields["name"], field: "name", missing: "Enter the person's name", maxLength: 150)
        let role: Role? = v.choice(fields["role"], field: "role", missing: "Select a role")
        let organisation = v.optionalText(fields["organisation"], field: "organisation", maxLength: 150)
        if let role, role.needsOrganisation, organisation == nil {
            v.add("organisation", "Select the organisation a contributor works for")
        }
        let password = fields["password"] ?? ""
        if let problem = PasswordPolicy.problem(with: password) { v.add("password", problem) }
        try v.finish()
        return UserDraft(email: email!, name: name, role: role!, organisationName: organisation, password: password)
    }
}

/// One line of a year's contributions as submitted.
public struct ContributionDraft: Sendable, Equatable {
    public var label: String
    public var category: ContributionCategory
    public var organisationName: String?
    public var amount: Pence
    public var note: String?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> ContributionDraft {
        var v = Validator()
        let label = v.requiredText(fields["label"], field: "label", missing: "Enter what the contribution is", maxLength: 150)
        let category: ContributionCategory? = v.choice(fields["category"], field: "category", missing: "Select the kind of contribution")
        let organisation = v.optionalText(fields["organisation"], field: "organisation", maxLength: 150)
        let amount = Self.amount(fields["amount"], field: "amount", validator: &v)
        let note = v.optionalText(fields["note"], field: "note", maxLength: 500)
        try v.finish()
        return ContributionDraft(label: label, category: category!, organisationName: organisation, amount: amount!, note: note)
    }

    /// An amount in pounds that is zero or more.
    public static func amount(_ raw: String?, field: String, validator v: inout Validator) -> Pence? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { v.add(field, "Enter the amount in pounds"); return nil }
        guard let pence = Pence(pounds: text) else {
            v.add(field, "Enter the amount in pounds, like 80360 or 80,360.50")
            return nil
        }
        guard pence.value >= 0 else { v.add(field, "The amount must be £0 or more"); return nil }
        guard pence.value <= 100_000_000_00 else { v.add(field, "The amount must be less than £100,000,000"); return nil }
        return pence
    }
}

/// A group of the arrangements as submitted: the Executive, a subgroup, a panel…
public struct GroupDraft: Sendable, Equatable {
    public var name: String
    public var kind: GroupKind
    public var purpose: String
    public var chair: String?
    /// The identifier of the group it reports to, as submitted; checked against the partnership by the store.
    public var reportsTo: String?
    public var jointWith: String?
    /// The day the group was set up: what the yearly report counts it from. Nil when the field was
    /// not sent (the API's older clients): the store takes today.
    public var setUpOn: CalendarDate?
    /// The day it closed; nil while it meets. A closed group stays in the register and in the
    /// reports of the years it was in place.
    public var closedOn: CalendarDate?

    public init(name: String, kind: GroupKind, purpose: String, chair: String?, reportsTo: String?, jointWith: String?,
                setUpOn: CalendarDate? = nil, closedOn: CalendarDate? = nil) {
        self.name = name
        self.kind = kind
        self.purpose = purpose
        self.chair = chair
        self.reportsTo = reportsTo
        self.jointWith = jointWith
        self.setUpOn = setUpOn
        self.closedOn = closedOn
    }

    /// Reads `name`, `kind`, `purpose`, `chair`, `reports_to`, `joint_with`, and the dates
    /// `set_up_on` and `closed_on` (ISO text or three boxes). Neither date may be after `today`,
    /// and a group cannot close before it was set up. `set_up_on` is required once sent.
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> GroupDraft {
        var v = Validator()
        let name = v.requiredText(fields["name"], field: "name", missing: "Enter the group's name", maxLength: 150)
        let kind: GroupKind? = v.choice(fields["kind"], field: "kind", missing: "Select what kind of group it is")
        let purpose = v.requiredText(fields["purpose"], field: "purpose", missing: "Enter the group's purpose", maxLength: 1000)
        let chair = v.optionalText(fields["chair"], field: "chair", maxLength: 200)
        let reportsTo = v.optionalText(fields["reports_to"], field: "reports_to", maxLength: 64)
        let jointWith = v.optionalText(fields["joint_with"], field: "joint_with", maxLength: 200)
        if let kind, kind == .executive, reportsTo != nil {
            v.add("reports_to", "The Executive reports to no other group: leave this empty")
        }
        if let kind, kind != .executive, reportsTo == nil {
            v.add("reports_to", "Select the group this one reports to")
        }
        let setUpSent = fields.keys.contains { $0 == "set_up_on" || $0.hasPrefix("set_up_on-") }
        let setUp = v.date(fields, field: "set_up_on", required: setUpSent, missing: "Enter the date the group was set up")
        let closed = v.date(fields, field: "closed_on", required: false, missing: "Enter the date the group closed")
        if let setUp, setUp > today { v.add("set_up_on", "The date the group was set up must be today or in the past") }
        if let closed, closed > today { v.add("closed_on", "The date the group closed must be today or in the past") }
        if let setUp, let closed, closed < setUp {
            v.add("closed_on", "The date the group closed must be the same as or after the date it was set up (\(setUp.long))")
        }
        try v.finish()
        return GroupDraft(name: name, kind: kind!, purpose: purpose, chair: chair, reportsTo: reportsTo, jointWith: jointWith,
                          setUpOn: setUp, closedOn: closed)
    }
}

/// A meeting as submitted, with its date in three boxes (day, month, year) as GOV.UK asks for dates, or ISO text.
public struct MeetingDraft: Sendable, Equatable {
    public var heldOn: CalendarDate
    public var title: String
    public var summary: String?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> MeetingDraft {
        var v = Validator()
        let date = v.date(fields, field: "held_on", required: true, missing: "Enter the date", invalid: "The date must be a real date, like 14 3 2024")
        let title = v.requiredText(fields["title"], field: "title", missing: "Enter what the meeting was", maxLength: 200)
        let summary = v.optionalText(fields["summary"], field: "summary", maxLength: 4000)
        try v.finish()
        return MeetingDraft(heldOn: date!, title: title, summary: summary)
    }
}

/// A seat on a group as submitted: the member's role (never a name), their organisation, the
/// seat, and optionally the account of the person in it. Identifiers are checked by the store.
public struct MemberDraft: Sendable, Equatable {
    public enum Seat: String, CaseIterable, Sendable {
        case chair
        case viceChair = "vice_chair"
        case member

        public var label: String {
            switch self {
            case .chair: "Chair"
            case .viceChair: "Vice chair"
            case .member: "Member"
            }
        }
    }

    public var memberRole: String
    public var seat: Seat
    public var organisation: String?
    public var account: String?
    /// The day the seat was taken: nil when not sent (the store takes today).
    public var startedOn: CalendarDate?

    public init(memberRole: String, seat: Seat, organisation: String?, account: String?, startedOn: CalendarDate? = nil) {
        self.memberRole = memberRole
        self.seat = seat
        self.organisation = organisation
        self.account = account
        self.startedOn = startedOn
    }

    /// Reads `member_role`, `member_seat`, `member_organisation`, `member_account` and
    /// `member_started_on` (not after `today`).
    public static func validate(_ fields: [String: String], today: CalendarDate) throws(ValidationErrors) -> MemberDraft {
        var v = Validator()
        let role = v.requiredText(fields["member_role"], field: "member_role", missing: "Enter the member's role, like Designated Nurse, not their name", maxLength: 200)
        let seat: Seat? = v.choice(fields["member_seat"], field: "member_seat", missing: "Select the seat")
        let organisation = v.optionalText(fields["member_organisation"], field: "member_organisation", maxLength: 64)
        let account = v.optionalText(fields["member_account"], field: "member_account", maxLength: 64)
        let started = v.date(fields, field: "member_started_on", required: false, missing: "Enter the date the seat was taken")
        if let started, started > today { v.add("member_started_on", "The date the seat was taken must be today or in the past") }
        try v.finish()
        return MemberDraft(memberRole: role, seat: seat!, organisation: organisation, account: account, startedOn: started)
    }
}

/// The end of a seat: the day its holder stood down. A seat that has ended no longer gives its
/// account anything (the review subgroup's sight of unpublished reviews ends with it).
public struct SeatEnd: Sendable, Equatable {
    public var endedOn: CalendarDate

    public init(endedOn: CalendarDate) { self.endedOn = endedOn }

    /// Reads `ended_on`: required, not after `today`, and not before the seat was taken (`startedOn`).
    public static func validate(_ fields: [String: String], startedOn: CalendarDate?, today: CalendarDate) throws(ValidationErrors) -> SeatEnd {
        var v = Validator()
        let ended = v.date(fields, field: "ended_on", required: true, missing: "Enter the date the seat ended")
        if let ended, ended > today { v.add("ended_on", "The date the seat ended must be today or in the past") }
        if let ended, let startedOn, ended < startedOn {
            v.add("ended_on", "The date the seat ended must be the same as or after the date it was taken (\(startedOn.long))")
        }
        try v.finish()
        return SeatEnd(endedOn: ended!)
    }
}

/// A change to someone's access in one partnership: their role, organisation, and (when the field
/// is sent) whether they may sign in; the users pages lock and unlock with buttons of their own.
public struct AccessChange: Sendable, Equatable {
    public var role: Role
    public var organisationName: String?
    public var isActive: Bool?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> AccessChange {
        var v = Validator()
        let role: Role? = v.choice(fields["role"], field: "role", missing: "Select a role")
        let organisation = v.optionalText(fields["organisation"], field: "organisation", maxLength: 150)
        if let role, role.needsOrganisation, organisation == nil {
            v.add("organisation", "Select the organisation a contributor works for")
        }
        let active: Bool?
        switch fields["active"] {
        case "yes": active = true
        case "no": active = false
        case nil: active = nil
        default: v.add("active", "Select whether the person may sign in: yes or no"); active = nil
        }
        try v.finish()
        return AccessChange(role: role!, organisationName: organisation, isActive: active)
    }
}

/// An indicator of the dataset as an administrator defines it.
public struct IndicatorDraft: Sendable, Equatable {
    public static let units = ["count": "Number", "rate_per_10000": "Rate per 10,000 children", "percentage": "Percentage", "rate_per_100_pupils": "Rate per 100 pupils"]

    public var key: String
    public var name: String
    public var definition: String
    public var sourceOrganisation: String?
    public var unit: String
    public var polarity: Polarity
    public var priority: String?
    public var isPublished: Bool

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> IndicatorDraft {
        var v = Validator()
        let key = v.requiredText(fields["key"], field: "key", missing: "Enter a short key for the indicator, like cin_rate", maxLength: 60)
        if !key.isEmpty, !(key.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" } && key.first!.isLetter) || key == "new" {
            v.add("key", "The key must start with a letter and use only lower-case letters, digits and underscores, like cin_rate")
        }
        let name = v.requiredText(fields["name"], field: "name", missing: "Enter the indicator's name", maxLength: 150)
        let definition = v.requiredText(fields["definition"], field: "definition", missing: "Say exactly what is counted", maxLength: 2000)
        let source = v.optionalText(fields["source_organisation"], field: "source_organisation", maxLength: 150)
        let unit = (fields["unit"] ?? "").trimmingCharacters(in: .whitespaces)
        if units[unit] == nil { v.add("unit", "Select the unit: expected one of \(units.keys.sorted().joined(separator: ", "))") }
        let polarity: Polarity? = v.choice(fields["polarity"], field: "polarity", missing: "Select which way is better")
        let priority = v.optionalText(fields["priority"], field: "priority", maxLength: 150)
        let published = fields["is_published"] == "yes"
        try v.finish()
        return IndicatorDraft(key: key, name: name, definition: definition, sourceOrganisation: source, unit: unit, polarity: polarity!,
                              priority: priority, isPublished: published)
    }
}
