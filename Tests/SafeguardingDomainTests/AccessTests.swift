import Foundation
import Testing
@testable import SafeguardingDomain

@Suite("Roles and permissions")
struct AccessTests {
    let police = OrganisationRef("police")
    let council = OrganisationRef("council")

    @Test("A contributor edits only their own organisation")
    func contributorOwnOrganisation() {
        let grant = Grant(role: .contributor, organisation: police)
        #expect(Access.allows(grant, .editOrganisation(owner: police)))
        #expect(!Access.allows(grant, .editOrganisation(owner: council)))
        #expect(!Access.allows(grant, .addOrganisation))
        #expect(!Access.allows(grant, .editFinance))
        #expect(!Access.allows(grant, .manageUsers))
    }

    @Test("A contributor with no organisation edits nothing")
    func contributorWithoutOrganisation() {
        #expect(!Access.allows(Grant(role: .contributor, organisation: nil), .editOrganisation(owner: police)))
    }

    @Test("The executive reads everything but child deaths, and changes nothing in the register")
    func executive() {
        let grant = Grant(role: .executive, organisation: council)
        #expect(Access.allows(grant, .readRegister))
        #expect(Access.allows(grant, .readFinance))
        #expect(Access.allows(grant, .approve))
        #expect(!Access.allows(grant, .readChildDeathRecords))
        #expect(!Access.allows(grant, .editOrganisation(owner: council)))
        #expect(!Access.allows(grant, .readAuditLog))
    }

    @Test("Only child death panel members (and administrators) read child death records")
    func childDeaths() {
        for role in Role.allCases {
            let allowed = Access.allows(Grant(role: role, organisation: nil), .readChildDeathRecords)
            #expect(allowed == (role == .childDeathPanelMember || role == .administrator), "\(role)")
        }
    }

    @Test("Only administrators manage users and read the audit log")
    func administratorsOnly() {
        for role in Role.allCases {
            let grant = Grant(role: role, organisation: police)
            #expect(Access.allows(grant, .manageUsers) == (role == .administrator))
            #expect(Access.allows(grant, .readAuditLog) == (role == .administrator))
        }
    }

    @Test("Young advisors see the register but not the money")
    func youngAdvisor() {
        let grant = Grant(role: .youngAdvisor, organisation: nil)
        #expect(Access.allows(grant, .readRegister))
        #expect(!Access.allows(grant, .readFinance))
    }
}

@Suite("Sign-in throttling")
struct SignInThrottleTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("Four failures do not lock; the fifth locks until the oldest leaves the window")
    func locks() throws {
        let throttle = SignInThrottle(maximumFailures: 5, window: 900)
        let four = (1...4).map { now.addingTimeInterval(Double(-60 * $0)) }
        #expect(throttle.lockedUntil(failures: four, now: now) == nil)
        let five = four + [now.addingTimeInterval(-300)]
        let until = try #require(throttle.lockedUntil(failures: five, now: now))
        // Oldest counted failure was 300 s ago, so the lock lifts 600 s from now.
        #expect(until == now.addingTimeInterval(600))
    }

    @Test("Failures older than the window do not count")
    func oldFailures() {
        let throttle = SignInThrottle(maximumFailures: 3, window: 900)
        let old = (0..<10).map { now.addingTimeInterval(Double(-1000 - $0)) }
        #expect(throttle.lockedUntil(failures: old, now: now) == nil)
    }
}

@Suite("Validating what people submit")
struct ValidationTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 2)!

    @Test("An organisation needs a name, a kind and a sector, and says which are missing")
    func organisationMissingFields() {
        #expect(throws: ValidationErrors.self) { try OrganisationDraft.validate([:], today: Self.today) }
        do {
            _ = try OrganisationDraft.validate(["name": "  ", "kind": "castle", "sector": "health"], today: Self.today)
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.field) == ["name", "kind"])
            #expect(error.message(for: "name") == "Enter the organisation's name")
            #expect(error.message(for: "kind")?.contains("expected one of local_authority") == true)
        }
    }

    @Test("Text with a control character is refused naming the field and the character; tabs and line breaks are kept")
    func controlCharacters() throws {
        // Found by the API fuzz: a name with a NUL byte was stored cut short, and a second one clashed in the database (a 500).
        do {
            _ = try OrganisationDraft.validate(["name": "\u{1C}Ab\u{0}cd", "kind": "police", "sector": "policing",
                                                "lead_partner_role": "Chief\u{7F} Constable"], today: Self.today)
            Issue.record("expected errors")
        } catch {
            #expect(error.message(for: "name") == "Name contains a control character (U+001C): type it again without it")
            #expect(error.message(for: "lead_partner_role")?.contains("U+007F") == true)
        }
        var validator = Validator()
        #expect(validator.optionalText("Line one\n\tLine two", field: "narrative") == "Line one\n\tLine two")
        #expect(validator.lines("one\ntwo\u{0}", field: "options") == ["one", "two\u{0}"])
        #expect(validator.errors.map(\.field) == ["options"])
    }

    @Test("Only statutory partners have lead and delegated partner roles")
    func partnerRoles() throws {
        #expect(throws: ValidationErrors.self) {
            try OrganisationDraft.validate(["name": "CAFCASS", "kind": "relevant_agency", "sector": "justice", "lead_partner_role": "Chief Executive"], today: Self.today)
        }
        let police = try OrganisationDraft.validate(["name": " West Yorkshire Police ", "kind": "police", "sector": "policing", "lead_partner_role": "Chief Constable"], today: Self.today)
        #expect(police.name == "West Yorkshire Police")
        #expect(police.leadPartnerRole == "Chief Constable")
    }

    @Test("An organisation's dates in the arrangements: boxes or ISO, not in the future, never leaving before joining")
    func organisationDates() throws {
        let base = ["name": "Probation Service", "kind": "relevant_agency", "sector": "justice"]
        // The API may leave the dates out; the form always sends the joining boxes, so blank ones are missing.
        #expect(try OrganisationDraft.validate(base, today: Self.today).joinedOn == nil)
        let boxes = try OrganisationDraft.validate(base.merging(["joined_on-day": "1", "joined_on-month": "4", "joined_on-year": "2024"]) { $1 }, today: Self.today)
        #expect(boxes.joinedOn == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(boxes.leftOn == nil)
        let left = try OrganisationDraft.validate(base.merging(["joined_on": "2019-09-29", "left_on": "2026-06-30"]) { $1 }, today: Self.today)
        #expect(left.leftOn == CalendarDate(year: 2026, month: 6, day: 30))
        func problems(_ fields: [String: String]) -> [String: String] {
            do {
                _ = try OrganisationDraft.validate(base.merging(fields) { $1 }, today: Self.today)
                return [:]
            } catch {
                return Dictionary(error.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            }
        }
        #expect(problems(["joined_on-day": "", "joined_on-month": "", "joined_on-year": ""]) == ["joined_on": "Enter the date it joined the arrangements"])
        #expect(problems(["joined_on-day": "31", "joined_on-month": "2", "joined_on-year": "2024"])["joined_on"]?.contains("real date") == true)
        #expect(problems(["joined_on": "2027-01-01"]) == ["joined_on": "The date it joined the arrangements must be today or in the past"])
        #expect(problems(["joined_on": "2024-04-01", "left_on": "2027-01-01"]) == ["left_on": "The date it left the arrangements must be today or in the past"])
        #expect(problems(["joined_on": "2024-04-01", "left_on": "2024-03-31"])
                == ["left_on": "The date it left the arrangements must be the same as or after the date it joined (1 April 2024)"])
    }

    @Test("Emails are checked and lower-cased", arguments: [
        ("Name@Example.org", "name@example.org"), ("a@b.c", "a@b.c"), ("no-at-sign", nil), ("a@b", nil), ("a b@c.d", nil), ("@b.c", nil), ("a@b..c", nil),
    ])
    func emails(text: String, expected: String?) {
        #expect(EmailAddress.normalised(text) == expected)
    }

    @Test("A contributor must name their organisation; passwords have a minimum length")
    func users() {
        do {
            _ = try UserDraft.validate(["email": "x@y.org", "name": "X", "role": "contributor", "password": "short"])
            Issue.record("expected errors")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["organisation", "password"])
        }
    }

    @Test("A contribution's amount must be pounds, zero or more")
    func contributions() throws {
        let good = try ContributionDraft.validate(["label": "Police contribution", "category": "partner", "amount": "£14,630"])
        #expect(good.amount == Pence(1_463_000))
        for bad in ["-1", "lots", ""] {
            #expect(throws: ValidationErrors.self) { try ContributionDraft.validate(["label": "X", "category": "partner", "amount": bad]) }
        }
    }

    @Test("Local authority codes and slugs")
    func codes() {
        #expect(LocalAuthorityCode.isValid("E08000033"))
        #expect(!LocalAuthorityCode.isValid("E0800003"))
        #expect(!LocalAuthorityCode.isValid("W06000001"))
        #expect(Slug.isValid("calderdale"))
        #expect(!Slug.isValid("Calderdale"))
        #expect(!Slug.isValid("-x"))
    }
}
