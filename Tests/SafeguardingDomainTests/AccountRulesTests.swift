import Foundation
import SafeguardingDomain
import Testing

@Suite("Passwords, set-password links and account status")
struct AccountRulesTests {
    @Test("The shipped list of common passwords is the whole 10,000")
    func shippedList() {
        #expect(CommonPasswords.shipped.count == 10_000)
        #expect(CommonPasswords.shipped.covers("password"))
        #expect(CommonPasswords.shipped.covers("QWERTY"))
    }

    @Test("At least 12 characters, no more than 72 bytes, no composition rules")
    func lengths() {
        #expect(PasswordPolicy.problem(with: "")?.contains("Enter a password") == true)
        #expect(PasswordPolicy.problem(with: "elevenchars")?.contains("at least 12 characters") == true)
        #expect(PasswordPolicy.problem(with: "twelve chars") == nil)
        #expect(PasswordPolicy.problem(with: "demo-password") == nil, "the demo's password must stay valid")
        // Lower-case words alone are fine: no demand for digits, capitals or symbols.
        #expect(PasswordPolicy.problem(with: "correct horse battery staple") == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "a", count: 72) ) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "b", count: 73))?.contains("72 characters or fewer") == true)
        // Accented letters take two bytes each in bcrypt's 72.
        #expect(PasswordPolicy.problem(with: String(repeating: "é", count: 40))?.contains("72 characters or fewer") == true)
    }

    @Test("Common passwords are refused, also with digits added or typed twice")
    func common() {
        let message = PasswordPolicy.problem(with: "masturbation")
        #expect(message?.contains("list of common passwords") == true)
        #expect(PasswordPolicy.problem(with: "Unbelievable") != nil, "compared without regard to case")
        #expect(PasswordPolicy.problem(with: "password123456") != nil)
        #expect(PasswordPolicy.problem(with: "Monkey2024!!!") != nil)
        #expect(PasswordPolicy.problem(with: "monkeymonkey") != nil)
        #expect(PasswordPolicy.problem(with: "monkey orchard") == nil)
        let own = CommonPasswords(["safeguarding"])
        #expect(PasswordPolicy.problem(with: "Safeguarding2024", common: own) != nil)
        #expect(PasswordPolicy.problem(with: "safe-guarding-2024", common: own) == nil)
    }

    @Test("A new password must be typed twice alike; a change needs the current one and a different new one")
    func drafts() throws {
        #expect(throws: ValidationErrors.self) { try NewPasswordDraft.validate(["password": "long enough words", "password_confirmation": "long enough word"]) }
        do {
            _ = try NewPasswordDraft.validate(["password": "long enough words", "password_confirmation": "long enough word"])
        } catch {
            #expect(error.message(for: "password_confirmation")?.contains("do not match") == true)
        }
        #expect(try NewPasswordDraft.validate(["password": "long enough words", "password_confirmation": "long enough words"]).password == "long enough words")
        do {
            _ = try PasswordChangeDraft.validate(["current_password": "", "password": "short", "password_confirmation": "short"])
            Issue.record("an empty current password and a short new one were accepted")
        } catch {
            #expect(error.message(for: "current_password") == "Enter your current password")
            #expect(error.message(for: "password")?.contains("at least 12") == true)
        }
        do {
            _ = try PasswordChangeDraft.validate(["current_password": "same old words", "password": "same old words", "password_confirmation": "same old words"])
            Issue.record("the same password was accepted as a new one")
        } catch {
            #expect(error.message(for: "password")?.contains("different") == true)
        }
        let change = try PasswordChangeDraft.validate(["current_password": "demo-password", "password": "a new long phrase", "password_confirmation": "a new long phrase"])
        #expect(change.newPassword == "a new long phrase")
    }

    @Test("An invitation names a contributor's organisation; a forgotten-password address must be an address")
    func invitationDraft() throws {
        do {
            _ = try InvitationDraft.validate(["email": "not an address", "name": "", "role": "contributor"])
            Issue.record("a bad invitation was accepted")
        } catch {
            #expect(error.message(for: "email")?.contains("right format") == true)
            #expect(error.message(for: "name") == "Enter the person's name")
            #expect(error.message(for: "organisation")?.contains("organisation a contributor works for") == true)
        }
        let draft = try InvitationDraft.validate(["email": " DSL@School.Example ", "name": "School DSL", "role": "viewer"])
        #expect(draft.email == "dsl@school.example")
        #expect(draft.organisationName == nil)
        #expect(throws: ValidationErrors.self) { try ForgottenPasswordDraft.validate(["email": ""]) }
        #expect(try ForgottenPasswordDraft.validate(["email": "Admin@Calderdale.example"]).email == "admin@calderdale.example")
    }

    @Test("A link works once, until the moment it expires; invitations last 72 hours, emailed resets 2")
    func linkState() {
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let expires = issued.addingTimeInterval(AccountLinkPurpose.invitation.lifetime)
        #expect(AccountLinkPurpose.invitation.lifetime == 72 * 3600)
        #expect(AccountLinkPurpose.adminReset.lifetime == 72 * 3600)
        #expect(AccountLinkPurpose.reset.lifetime == 2 * 3600)
        #expect(AccountLinkState.of(expiresAt: expires, usedAt: nil, now: issued) == .usable)
        #expect(AccountLinkState.of(expiresAt: expires, usedAt: nil, now: expires.addingTimeInterval(-1)) == .usable)
        #expect(AccountLinkState.of(expiresAt: expires, usedAt: nil, now: expires) == .expired)
        #expect(AccountLinkState.of(expiresAt: expires, usedAt: issued, now: issued) == .used)
        #expect(AccountLinkState.used.explanation?.contains("already been used") == true)
    }

    @Test("An account is locked, invited (no password yet) or active")
    func status() {
        #expect(AccountStatus.of(isActive: false, hasPassword: true) == .locked)
        #expect(AccountStatus.of(isActive: false, hasPassword: false) == .locked)
        #expect(AccountStatus.of(isActive: true, hasPassword: false) == .invited)
        #expect(AccountStatus.of(isActive: true, hasPassword: true) == .active)
        #expect(AccountStatus.invited.label == "Invited – password not yet set")
    }
}
