import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// A person's own account: a forgotten password, a one-time set-password link, changing their
/// password, and the partnerships they can switch between.
enum AccountPages {
    static let resetSentMessage = "If that address has an account, we have sent it a link to choose a new password. The link works once, within 2 hours. If nothing arrives, check your spam folder or ask your partnership's business unit to issue you a link."

    static func forgotten(_ req: Request) async throws -> Response {
        .html(AccountViews.forgotten(csrf: CSRF.token(for: req), mailConfigured: req.application.mailer.isConfigured, email: "", errors: [], sent: false))
    }

    /// Always answers the same page for a well-formed address, and at once: the work (and the mail)
    /// happens after the answer, so neither the words nor the time say whether the address has an account.
    static func requestReset(_ req: Request) async throws -> Response {
        let fields = req.formFields()
        let mailer = req.application.mailer
        let csrf = CSRF.token(for: req)
        do {
            let draft = try ForgottenPasswordDraft.validate(fields)
            let (context, address, base, logger) = (req.context, req.clientAddress, req.application.appConfiguration.linkBase, req.logger)
            Task {
                do {
                    let delivery = try await AccountLinks.requestReset(draft, address: address, linkBase: base, mailer: mailer, now: Date(), context)
                    if case .failed(let reason) = delivery { logger.error("password reset email not sent: \(reason)") }
                } catch {
                    logger.error("password reset request failed: \(error)")
                }
            }
            return .html(AccountViews.forgotten(csrf: csrf, mailConfigured: mailer.isConfigured, email: "", errors: [], sent: true))
        } catch {
            return .html(AccountViews.forgotten(csrf: csrf, mailConfigured: mailer.isConfigured, email: fields["email"] ?? "", errors: error.errors, sent: false),
                         status: .unprocessableEntity)
        }
    }

    static func link(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let details = try await AccountLinks.link(token: token, now: Date(), req.context)
        return .html(AccountViews.link(details, token: token, csrf: CSRF.token(for: req), errors: []),
                     status: details?.state == .usable ? .ok : .gone)
    }

    static func setPassword(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let csrf = CSRF.token(for: req)
        do {
            let draft = try NewPasswordDraft.validate(req.formFields())
            let cost = req.application.appConfiguration.passwordCost
            let pool = req.application.passwordHashing
            let outcome = try await AccountLinks.setPassword(token: token, draft, hash: { password in
                try await pool.runIfActive { try Credentials.hash(password, cost: cost) }
            }, address: req.clientAddress, now: Date(), req.context)
            switch outcome {
            case .passwordSet(let email, _):
                // Every session of the person has ended, this browser's included if it was theirs.
                req.auth.logout(Account.self)
                req.session.data = SessionData()
                req.flash("Your password is set. Sign in with \(email) and your new password.")
                return req.redirect(to: SiteRoute.signIn.path)
            case .refused:
                let details = try await AccountLinks.link(token: token, now: Date(), req.context)
                return .html(AccountViews.link(details, token: token, csrf: csrf, errors: []), status: .gone)
            }
        } catch let errors as ValidationErrors {
            let details = try await AccountLinks.link(token: token, now: Date(), req.context)
            return .html(AccountViews.link(details, token: token, csrf: csrf, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func partnerships(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let page = try await AccountReads.partnerships(account, req.context)
        return .html(AccountViews.partnerships(page, frame: req.accountFrame(account, title: "Your partnerships", hasSeveral: page.partnerships.count > 1)))
    }

    static func changePasswordForm(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let several = try await AccountReads.partnerships(account, req.context).partnerships.count > 1
        return .html(AccountViews.changePassword(frame: req.accountFrame(account, title: "Change your password", hasSeveral: several),
                                                 errors: [], flash: req.takeFlash()))
    }

    static func changePassword(_ req: Request) async throws -> Response {
        guard let account = req.currentUser else { return req.redirect(to: SiteRoute.signIn.path) }
        let pool = req.application.passwordHashing
        let cost = req.application.appConfiguration.passwordCost
        do {
            let draft = try PasswordChangeDraft.validate(req.formFields())
            try await AccountWrites.changePassword(
                account, draft, keepSession: req.session.id?.string, address: req.clientAddress,
                verify: { password, hash in try await pool.runIfActive { Credentials.verify(password, hash: hash) } },
                hash: { password in try await pool.runIfActive { try Credentials.hash(password, cost: cost) } },
                req.context)
            req.flash("Your password has changed. You have been signed out everywhere else.")
            return req.redirect(to: SiteRoute.changePassword.path)
        } catch let errors as ValidationErrors {
            let several = try await AccountReads.partnerships(account, req.context).partnerships.count > 1
            return .html(AccountViews.changePassword(frame: req.accountFrame(account, title: "Error: Change your password", hasSeveral: several),
                                                     errors: errors.errors, flash: nil), status: .unprocessableEntity)
        }
    }
}

extension Request {
    /// The frame of a page about the person's own account, outside any one partnership.
    func accountFrame(_ account: Account, title: String, hasSeveral: Bool) -> PageFrame {
        PageFrame(title: title,
                  signedIn: .init(name: account.name, slug: nil, partnershipName: nil, roleLabel: nil, canManageUsers: false, canReadAudit: false,
                                  hasOtherPartnerships: hasSeveral),
                  csrf: CSRF.token(for: self))
    }
}
