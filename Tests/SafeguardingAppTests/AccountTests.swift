import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

/// The path of the first set-password link in a page or an email.
func accountLinkPath(in text: String) -> String? {
    guard let start = text.range(of: "/account/links/") else { return nil }
    let token = text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    return token.isEmpty ? nil : "/account/links/" + token
}

extension AppTests {
    @Suite("People and accounts: invitations, links, passwords, locking, switching partnerships")
    struct AccountTests {
        static let users = "/partnerships/calderdale/users"

        static func userPath(_ email: String, _ app: Application, action: String? = nil) async throws -> String {
            let user = try #require(try await AccountStore.user(email: email, on: app.db))
            return users + "/" + user.id!.uuidString.lowercased() + (action.map { "/" + $0 } ?? "")
        }

        @Test("An administrator invites a person: the link is shown and emailed, works once, and the person signs in")
        func invitation() async throws {
            try await withDemoApp { app in
                let recorder = MailRecorder()
                app.mailer = .recording(recorder)
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let form = try await admin.get(Self.users + "/new")
                #expect(form.body.string.contains("Invite a person"))
                #expect(!form.body.string.contains("name=\"password\""), "an administrator no longer chooses anyone's password")

                let invalid = try await admin.post(Self.users, ["email": "x", "name": "", "role": "contributor"])
                #expect(invalid.status == .unprocessableEntity)
                for message in ["Enter an email address in the right format", "Enter the person", "Select the organisation a contributor works for"] {
                    #expect(invalid.body.string.contains(message), "\(message)")
                }
                let duplicate = try await admin.post(Self.users, ["email": "viewer@calderdale.example", "name": "V", "role": "viewer"])
                #expect(duplicate.status == .unprocessableEntity)
                #expect(duplicate.body.string.contains("already has access to"))

                let invited = try await admin.post(Self.users, ["email": "DSL@School.example", "name": "School DSL", "role": "contributor",
                                                                "organisation": "Calderdale College"])
                #expect(invited.status == .created)
                let path = try #require(accountLinkPath(in: invited.body.string))
                #expect(invited.body.string.contains("We have also emailed the link to dsl@school.example"))
                let mail = try #require(await recorder.waitFor(count: 1).first)
                #expect(mail.to == "dsl@school.example")
                #expect(accountLinkPath(in: mail.body) == path)
                #expect(mail.body.contains("within 72 hours"))

                let list = try await admin.get(Self.users)
                #expect(list.body.string.contains("Invited – password not yet set"))
                #expect(list.body.string.contains("Never"))

                // The invited account cannot sign in before it has a password.
                var newcomer = Visitor(app)
                #expect(try await newcomer.post("/login", ["email": "dsl@school.example", "password": ""]).status == .unprocessableEntity)
                let page = try await newcomer.get(path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Choose your password"))
                let weak = try await newcomer.post(path, ["password": "password123456", "password_confirmation": "password123456"])
                #expect(weak.status == .unprocessableEntity)
                #expect(weak.body.string.contains("list of common passwords"))
                let mismatch = try await newcomer.post(path, ["password": "four random words", "password_confirmation": "four random word"])
                #expect(mismatch.body.string.contains("do not match"))
                let set = try await newcomer.post(path, ["password": "four random words", "password_confirmation": "four random words"])
                #expect(set.status == .seeOther)
                #expect(set.headers.first(name: .location) == "/login")
                try await newcomer.signIn("dsl@school.example", password: "four random words")
                #expect(try await newcomer.get("/partnerships/calderdale").status == .ok)

                var again = Visitor(app)
                let reused = try await again.get(path)
                #expect(reused.status == .gone)
                #expect(reused.body.string.contains("already been used"))
                let reusedPost = try await again.post(path, ["password": "another long phrase", "password_confirmation": "another long phrase"])
                #expect(reusedPost.status == .gone)
                #expect(try await again.get("/account/links/not-a-real-token").status == .gone)

                let stored = try #require(try await AccountStore.user(email: "dsl@school.example", on: app.db))
                #expect(Credentials.verify("four random words", hash: stored.passwordHash))
                let events = try await AuditEvent.query(on: app.db).all()
                let summaries = events.map(\.summary)
                #expect(summaries.contains("Invited dsl@school.example as contributor for an organisation"))
                #expect(summaries.contains("Issued a set-password link for dsl@school.example, valid for 72 hours"))
                #expect(summaries.contains { $0.hasPrefix("Set their first password through an invitation link") })
                let token = String(path.dropFirst("/account/links/".count))
                let digest = Credentials.digest(ofToken: token)
                for event in events {
                    #expect(!event.summary.contains(token) && !(event.changes ?? "").contains(token) && !(event.changes ?? "").contains(digest))
                }
                #expect(try await AccountLink.query(on: app.db).filter(\.$tokenDigest == token).count() == 0, "only the digest is stored")
            }
        }

        @Test("A link expires 72 hours after it was issued, even unused")
        func expiry() async throws {
            try await withDemoApp { app in
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let issued = Date()
                for (email, hoursLater, works) in [("early@school.example", 71.99, true), ("late@school.example", 72.01, false)] {
                    let token = Credentials.newLinkToken()
                    let link = AccountLinkStore.NewLink(digest: Credentials.digest(ofToken: token), expiresAt: issued.addingTimeInterval(AccountLinkPurpose.invitation.lifetime))
                    _ = try await AccountLinkStore.invite(try InvitationDraft.validate(["email": email, "name": "N", "role": "viewer"]), to: partnership,
                                                          link: link, by: .commandLine(), on: app.db)
                    let context = AppContext(database: app.db, today: CalendarDate(year: 2024, month: 3, day: 31)!)
                    let later = issued.addingTimeInterval(hoursLater * 3600)
                    let outcome = try await AccountLinks.setPassword(token: token, try NewPasswordDraft.validate(["password": "long enough phrase", "password_confirmation": "long enough phrase"]),
                                                                     hash: { try Credentials.hash($0, cost: 4) }, address: nil, now: later, context)
                    switch outcome {
                    case .passwordSet: #expect(works, "\(email) was set \(hoursLater) hours later")
                    case .refused(let state): #expect(!works && state == .expired, "\(email): \(state)")
                    }
                }
            }
        }

        @Test("Inviting someone who has an account elsewhere gives them a role here; they switch between partnerships")
        func switching() async throws {
            try await withDemoApp { app in
                let kirklees = Partnership(name: "Kirklees Safeguarding Children Partnership", shortName: "KSCP", slug: "kirklees",
                                           localAuthorityCode: "E08000034", localAuthorityName: "Kirklees")
                try await kirklees.create(on: app.db)
                let viewer = try #require(try await AccountStore.user(email: "viewer@calderdale.example", on: app.db))
                try await Membership(userID: viewer.id!, partnershipID: kirklees.id!, role: .administrator, organisationID: nil).create(on: app.db)

                var person = Visitor(app)
                let signedIn = try await person.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                #expect(signedIn.headers.first(name: .location) == "/partnerships")
                let list = try await person.get("/partnerships")
                #expect(list.status == .ok)
                #expect(list.body.string.contains("Kirklees Safeguarding Children Partnership"))
                #expect(list.body.string.contains("Administrator (business unit)"))
                #expect(list.body.string.contains("Viewer"))
                let dashboard = try await person.get("/partnerships/calderdale")
                #expect(dashboard.body.string.contains("Switch partnership"))
                // The role is the one held in the partnership of the address.
                #expect(try await person.get("/partnerships/calderdale/users").status == .forbidden)
                #expect(try await person.get("/partnerships/kirklees/users").status == .ok)
                // A partnership the person has no role in does not exist for them.
                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                #expect(try await contributor.get("/partnerships/kirklees").status == .notFound)
                #expect(!(try await contributor.get("/partnerships/calderdale")).body.string.contains("Switch partnership"))

                // The Kirklees administrator invites a Calderdale contributor: an existing account gets a role, no link.
                let added = try await person.post("/partnerships/kirklees/users", ["email": "contributor@calderdale.example", "name": "Ignored", "role": "viewer"])
                #expect(added.status == .created)
                #expect(added.body.string.contains("already had an account"))
                #expect(accountLinkPath(in: added.body.string) == nil)
                let after = try await contributor.get("/partnerships/kirklees")
                #expect(after.status == .ok)
            }
        }

        @Test("A forgotten password: the page says the same for any address, the link is emailed, and using it ends every session")
        func forgottenPassword() async throws {
            try await withDemoApp { app in
                let recorder = MailRecorder()
                app.mailer = .recording(recorder)
                var old = Visitor(app)
                try await old.signIn("executive@calderdale.example")
                #expect(try await old.get("/partnerships/calderdale").status == .ok)

                var visitor = Visitor(app)
                let login = try await visitor.get("/login")
                #expect(login.body.string.contains("Forgotten your password?"))
                let empty = try await visitor.post("/login/forgotten", ["email": ""])
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.body.string.contains("Enter your email address"))
                let unknown = try await visitor.post("/login/forgotten", ["email": "nobody@calderdale.example"])
                let known = try await visitor.post("/login/forgotten", ["email": "Executive@Calderdale.example"])
                #expect(unknown.status == .ok && known.status == .ok)
                #expect(unknown.body.string.contains(AccountPages.resetSentMessage))
                #expect(known.body.string.contains(AccountPages.resetSentMessage))
                let mails = await recorder.waitFor(count: 1)
                #expect(mails.count == 1)
                let mail = try #require(mails.first)
                #expect(mail.to == "executive@calderdale.example")
                #expect(mail.body.contains("within 2 hours"))
                let path = try #require(accountLinkPath(in: mail.body))
                let stored = try #require(try await AccountLink.query(on: app.db).filter(\.$tokenDigest == Credentials.digest(ofToken: String(path.dropFirst(15)))).first())
                #expect(abs(stored.expiresAt.timeIntervalSinceNow - 2 * 3600) < 120)

                let set = try await visitor.post(path, ["password": "a brand new phrase", "password_confirmation": "a brand new phrase"])
                #expect(set.status == .seeOther)
                // The session signed in before the reset has ended.
                let ended = try await old.get("/partnerships/calderdale")
                #expect(ended.status == .seeOther)
                #expect(ended.headers.first(name: .location) == "/login")
                #expect(try await visitor.post("/login", ["email": "executive@calderdale.example", "password": "demo-password"]).status == .unprocessableEntity)
                try await visitor.signIn("executive@calderdale.example", password: "a brand new phrase")
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "password_set").first()?.summary.contains("ended 1 session") == true)
                // Still only the one email: the unknown address got nothing.
                #expect(await recorder.messages.count == 1)
            }
        }

        @Test("Without outgoing mail nothing is sent, and the page still says the same")
        func forgottenWithoutMail() async throws {
            try await withDemoApp { app in
                var visitor = Visitor(app)
                let page = try await visitor.get("/login/forgotten")
                #expect(page.body.string.contains("does not send email"))
                let sent = try await visitor.post("/login/forgotten", ["email": "executive@calderdale.example"])
                #expect(sent.body.string.contains(AccountPages.resetSentMessage))
                try await Task.sleep(nanoseconds: 200_000_000)
                #expect(try await AccountLink.query(on: app.db).count() == 0)
            }
        }

        @Test("Changing your own password needs the current one and ends your other sessions only")
        func changePassword() async throws {
            try await withDemoApp { app in
                var phone = Visitor(app)
                try await phone.signIn("contributor@calderdale.example")
                var laptop = Visitor(app)
                try await laptop.signIn("contributor@calderdale.example")
                #expect(try await laptop.get("/account/password").body.string.contains("Current password"))
                let wrong = try await laptop.post("/account/password", ["current_password": "not-my-password", "password": "river stone lantern",
                                                                         "password_confirmation": "river stone lantern"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("Your current password is not right"))
                let short = try await laptop.post("/account/password", ["current_password": "demo-password", "password": "short", "password_confirmation": "short"])
                #expect(short.body.string.contains("at least 12 characters"))
                let changed = try await laptop.post("/account/password", ["current_password": "demo-password", "password": "river stone lantern",
                                                                           "password_confirmation": "river stone lantern"])
                #expect(changed.status == .seeOther)
                #expect(try await laptop.get("/partnerships/calderdale").status == .ok, "the session that changed it carries on")
                #expect(try await phone.get("/partnerships/calderdale").status == .seeOther, "the other session has ended")
                var fresh = Visitor(app)
                try await fresh.signIn("contributor@calderdale.example", password: "river stone lantern")
                let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "password_changed").first())
                #expect(event.summary == "Changed their own password; ended 1 other session")
                #expect(!(event.changes ?? "").contains("river"))
            }
        }

        @Test("Locking ends the sessions and stops sign-in and API tokens; unlocking lets them back; nobody locks themselves")
        func locking() async throws {
            try await withDemoApp { app in
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                #expect(try await viewer.post(try await Self.userPath("admin@calderdale.example", app, action: "lock"), [:]).status == .forbidden)

                let locked = try await admin.post(try await Self.userPath("viewer@calderdale.example", app, action: "lock"), [:])
                #expect(locked.status == .seeOther)
                #expect(try await viewer.get("/partnerships/calderdale").status == .seeOther)
                #expect(try await StoredSession.query(on: app.db).filter(\.$userID == (try await AccountStore.user(email: "viewer@calderdale.example", on: app.db))!.id).count() == 0)
                var stranger = Visitor(app)
                #expect(try await stranger.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"]).status == .unprocessableEntity)
                #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
                let list = try await admin.get(Self.users)
                #expect(list.body.string.contains("Locked"))
                // A locked account gets no reset link, and its page offers unlocking instead.
                let page = try await admin.get(try await Self.userPath("viewer@calderdale.example", app))
                #expect(page.body.string.contains("Unlock account"))
                let refused = try await admin.post(try await Self.userPath("viewer@calderdale.example", app, action: "reset-link"), [:])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("unlock the account before issuing a link"))

                let unlocked = try await admin.post(try await Self.userPath("viewer@calderdale.example", app, action: "unlock"), [:])
                #expect(unlocked.status == .seeOther)
                try await stranger.signIn("viewer@calderdale.example")
                #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .ok)

                let selfLock = try await admin.post(try await Self.userPath("admin@calderdale.example", app, action: "lock"), [:])
                #expect(selfLock.status == .unprocessableEntity)
                #expect(selfLock.body.string.contains("You cannot lock your own account"))
                let summaries = try await AuditEvent.query(on: app.db).all().map(\.summary)
                #expect(summaries.contains("Locked the account of viewer@calderdale.example; ended 1 session"))
                #expect(summaries.contains("Unlocked the account of viewer@calderdale.example"))
            }
        }

        @Test("An administrator issues a reset link; a failed email still shows the link")
        func administratorReset() async throws {
            try await withDemoApp { app in
                app.mailer = Mailer(isConfigured: true) { _ in throw SMTPError("The mail server refused RCPT TO: 550 no such mailbox") }
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = try await Self.userPath("young.advisor@calderdale.example", app)
                #expect(try await admin.get(path).body.string.contains("Issue a password reset link"))
                let issued = try await admin.post(path + "/reset-link", [:])
                #expect(issued.status == .ok)
                #expect(issued.body.string.contains("Not emailed"))
                #expect(issued.body.string.contains("550 no such mailbox"))
                let link = try #require(accountLinkPath(in: issued.body.string))
                var person = Visitor(app)
                let set = try await person.post(link, ["password": "seven silver swans", "password_confirmation": "seven silver swans"])
                #expect(set.status == .seeOther)
                try await person.signIn("young.advisor@calderdale.example", password: "seven silver swans")
                let summaries = try await AuditEvent.query(on: app.db).all().map(\.summary)
                #expect(summaries.contains("Issued a password reset link for young.advisor@calderdale.example, valid for 72 hours"))
                #expect(summaries.contains { $0.hasPrefix("Reset their password through a one-time link") })
            }
        }
    }
}
