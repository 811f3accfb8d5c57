import Foundation

/// A person an administrator invites: no password, which they choose through the link they are sent.
public struct InvitationDraft: Sendable, Equatable {
    public var email: String
    public var name: String
    public var role: Role
    /// The organisation's name as chosen; required for a contributor.
    public var organisationName: String?

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> InvitationDraft {
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
        try v.finish()
        return InvitationDraft(email: email!, name: name, role: role!, organisationName: organisation)
    }
}

/// A new password typed twice, through a set-password or reset link.
public struct NewPasswordDraft: Sendable, Equatable {
    public var password: String

    public static func validate(_ fields: [String: String], common: CommonPasswords = .shipped) throws(ValidationErrors) -> NewPasswordDraft {
        var v = Validator()
        let password = fields["password"] ?? ""
        if let problem = PasswordPolicy.problem(with: password, common: common) { v.add("password", problem) }
        let confirmation = fields["password_confirmation"] ?? ""
        if confirmation.isEmpty {
            v.add("password_confirmation", "Enter the new password again")
        } else if confirmation != password {
            v.add("password_confirmation", "The two passwords do not match; type the same password in both boxes")
        }
        try v.finish()
        return NewPasswordDraft(password: password)
    }
}

/// Changing one's own password: the current one, and the new one twice.
public struct PasswordChangeDraft: Sendable, Equatable {
    public var currentPassword: String
    public var newPassword: String

    public static func validate(_ fields: [String: String], common: CommonPasswords = .shipped) throws(ValidationErrors) -> PasswordChangeDraft {
        var errors: [FieldError] = []
        let current = fields["current_password"] ?? ""
        if current.isEmpty { errors.append(FieldError(field: "current_password", message: "Enter your current password")) }
        var new: String?
        do throws(ValidationErrors) {
            new = try NewPasswordDraft.validate(fields, common: common).password
        } catch {
            errors += error.errors
        }
        if let new, !current.isEmpty, new == current {
            errors.append(FieldError(field: "password", message: "The new password must be different from your current one"))
        }
        guard errors.isEmpty, let new else { throw ValidationErrors(errors) }
        return PasswordChangeDraft(currentPassword: current, newPassword: new)
    }
}

/// The address typed on the forgotten-password page.
public struct ForgottenPasswordDraft: Sendable, Equatable {
    public var email: String

    public static func validate(_ fields: [String: String]) throws(ValidationErrors) -> ForgottenPasswordDraft {
        var v = Validator()
        let raw = v.requiredText(fields["email"], field: "email", missing: "Enter your email address", maxLength: 254)
        let email = EmailAddress.normalised(raw)
        if !raw.isEmpty, email == nil { v.add("email", "Enter an email address in the right format, like name@example.org") }
        try v.finish()
        return ForgottenPasswordDraft(email: email!)
    }
}
