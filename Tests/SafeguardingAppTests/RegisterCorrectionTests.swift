import FluentKit
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import Testing
import Vapor
import VaporTesting
@testable import SafeguardingWeb

extension AppTests {
    @Suite("Correcting the register: change, withdraw and restore")
    struct RegisterCorrectionTests {
        static let base = "/partnerships/calderdale"
        static let report = "\(base)/reports/2023-24.md"

        /// The audit event of `action` on the record `id`, newest first.
        static func audit(_ action: String, _ id: UUID, on db: any Database) async throws -> AuditEvent? {
            try await AuditEvent.query(on: db).filter(\.$action == action).filter(\.$subjectID == id.uuidString).sort(\.$occurredAt, .descending).first()
        }

        /// The meetings the report's groups table gives `group`, read from the Markdown.
        static func meetingsRecorded(_ markdown: String, group: String) -> Int? {
            let lines = markdown.split(separator: "\n").map(String.init)
            guard let start = lines.firstIndex(where: { $0.contains("The Executive and its subgroups in 2023-24") }) else { return nil }
            guard let row = lines[start...].first(where: { $0.hasPrefix("| ") && $0.contains(group) }) else { return nil }
            let last = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } ?? ""
            let text = last.hasPrefix("[") ? String(last.dropFirst().prefix { $0 != "]" }) : last
            return Int(text)
        }

        @Test("A contribution: the edit changes the finance total and the report, with old and new audited; withdrawn it leaves both; only an administrator restores it")
        func contribution() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let lines = try await RegisterStore.finance(partnership, year: ReportingYear(startYear: 2023), on: app.db).contributions
                let line = try #require(lines.first { $0.amountPence == 1_463_000 })
                let id = try line.requireID()
                let finance = "\(Self.base)/finance/2023-24"
                #expect(try await admin.get(finance).body.string.contains("£258,310<"))
                #expect(try await admin.get(Self.report).body.string.contains("£258,310"))

                // Bad input names the field; nothing changes.
                let bad = try await admin.post("\(Self.base)/contributions/\(id.uuidString.lowercased())",
                                               ["label": "", "category": "partner", "amount": "lots"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Enter what the contribution is"))
                #expect(bad.body.string.contains("Enter the amount in pounds, like 80360 or 80,360.50"))

                let form = try await admin.get("\(Self.base)/contributions/\(id.uuidString.lowercased())")
                #expect(form.status == .ok)
                #expect(form.body.string.contains("value=\"14630.00\"") || form.body.string.contains("value=\"14,630.00\"") || form.body.string.contains("value=\"14630\""))
                let saved = try await admin.post("\(Self.base)/contributions/\(id.uuidString.lowercased())",
                                                 ["label": line.label, "category": line.category.rawValue, "organisation": line.organisation?.name ?? "",
                                                  "amount": "15,630", "note": line.note ?? ""])
                #expect(saved.status == .seeOther)
                #expect(try await admin.get(finance).body.string.contains("£259,310<"))
                #expect(try await admin.get(finance).body.string.contains(" \(line.label)</span>"))
                #expect(try await admin.get(Self.report).body.string.contains("£259,310"))
                let edit = try #require(try await Self.audit("update", id, on: app.db))
                #expect(edit.changes?.contains("\"amount_pence\":[\"1463000\",\"1563000\"]") == true)

                // Withdrawing needs a reason.
                let withdraw = "\(Self.base)/register/contribution/\(id.uuidString.lowercased())/withdraw"
                let noReason = try await admin.post(withdraw, ["reason": "  "])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains("Enter why this record is being withdrawn"))
                #expect(try await admin.post(withdraw, ["reason": "Entered twice"]).status == .seeOther)
                _ = try await admin.get(finance) // the flash names it once
                let afterWithdraw = try await admin.get(finance).body.string
                // The line's row (its Change link names it); the add form's hint also mentions a police contribution.
                #expect(!afterWithdraw.contains(" \(line.label)</span>"))
                #expect(afterWithdraw.contains("£243,680<"))
                let reportAfter = try await admin.get(Self.report).body.string
                #expect(reportAfter.contains("£243,680") && !reportAfter.contains(line.label))
                let withdrawal = try #require(try await Self.audit("withdraw", id, on: app.db))
                #expect(withdrawal.changes?.contains("Entered twice") == true)
                #expect(try await Contribution.query(on: app.db).withDeleted().filter(\.$id == id).first()?.withdrawnBy == "admin@calderdale.example")

                // A new line cannot take the withdrawn one's label while it is kept.
                let clash = try await admin.post("\(finance)/lines", ["label": line.label, "category": "partner", "amount": "10"])
                #expect(clash.status == .unprocessableEntity)
                #expect(clash.body.string.contains("has a withdrawn line called"))

                // Only an administrator restores.
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                #expect(try await executive.get("\(Self.base)/register/withdrawn").status == .forbidden)
                #expect(try await executive.post("\(Self.base)/register/withdrawn", ["kind": "contribution", "id": id.uuidString]).status == .forbidden)
                #expect(try await executive.post(withdraw, ["reason": "Not mine to withdraw"]).status == .forbidden)
                let list = try await admin.get("\(Self.base)/register/withdrawn").body.string
                #expect(list.contains(line.label) && list.contains("Entered twice"))
                #expect(try await admin.post("\(Self.base)/register/withdrawn", ["kind": "contribution", "id": id.uuidString]).status == .seeOther)
                #expect(try await admin.get(finance).body.string.contains("£259,310<"))
                #expect(try await admin.get(Self.report).body.string.contains("£259,310"))
                #expect(try await Self.audit("restore", id, on: app.db) != nil)
                #expect(!(try await admin.get("\(Self.base)/register/withdrawn").body.string.contains("Entered twice")))
                let unknown = try await admin.post("\(Self.base)/register/withdrawn", ["kind": "nonsense", "id": "x"])
                #expect(unknown.status == .unprocessableEntity)
                #expect(unknown.body.string.contains("Select a withdrawn record to restore"))
            }
        }

        @Test("An organisation: withdrawn it leaves the register, the dashboard's counts and the report; one still named by accounts is refused with a message")
        func organisation() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                #expect(try await admin.post("\(Self.base)/organisations", ["name": "Mistaken Academy", "kind": "school_or_college", "sector": "education",
                                                                           "joined_on-day": "1", "joined_on-month": "4", "joined_on-year": "2023"]).status == .seeOther)
                let organisation = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Mistaken Academy").first())
                let id = try organisation.requireID().uuidString.lowercased()
                #expect(try await admin.get("\(Self.base)/organisations").body.string.contains("29 organisations"))
                let reportBefore = try await admin.get(Self.report).body.string
                #expect(reportBefore.contains("Mistaken Academy"))

                let edit = try await admin.get("\(Self.base)/organisations/\(id)/edit").body.string
                #expect(edit.contains("Withdraw this organisation"))
                #expect(try await admin.post("\(Self.base)/register/organisation/\(id)/withdraw", ["reason": "Not in Calderdale"]).status == .seeOther)
                _ = try await admin.get("\(Self.base)/organisations") // the flash names it once
                let list = try await admin.get("\(Self.base)/organisations").body.string
                #expect(list.contains("28 organisations") && !list.contains("Mistaken Academy"))
                #expect(try await admin.get("\(Self.base)/organisations/\(id)").status == .notFound)
                #expect(!(try await admin.get(Self.report).body.string.contains("Mistaken Academy")))
                #expect(try await admin.get("\(Self.base)").status == .ok)

                // The name is kept for it; adding it again says so.
                let again = try await admin.post("\(Self.base)/organisations", ["name": "mistaken academy", "kind": "school_or_college", "sector": "education"])
                #expect(again.status == .unprocessableEntity)
                #expect(again.body.string.contains("was withdrawn; an administrator can restore it"))

                // The council has accounts, seats and actions: refused, naming them, not a 500.
                let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Calderdale Council").first())
                let refused = try await admin.post("\(Self.base)/register/organisation/\(council.requireID().uuidString.lowercased())/withdraw",
                                                   ["reason": "Testing"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Calderdale Council is still named by 1 account"))

                #expect(try await admin.post("\(Self.base)/register/withdrawn", ["kind": "organisation", "id": id]).status == .seeOther)
                #expect(try await admin.get("\(Self.base)/organisations").body.string.contains("29 organisations"))
                #expect(try await admin.get(Self.report).body.string == reportBefore)
            }
        }

        @Test("Groups, seats and meetings: a seat's edit is audited with old and new; a withdrawn meeting leaves the report's count; a withdrawn review-group seat gives nothing")
        func structure() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let groups = try await RegisterStore.groups(partnership, on: app.db)
                let executive = try #require(groups.first { $0.kind == .executive })
                let executiveID = try executive.requireID()

                // A group others report to cannot be withdrawn.
                let refused = try await admin.post("\(Self.base)/register/group/\(executiveID.uuidString.lowercased())/withdraw", ["reason": "Testing"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("is still named by the groups that report to it"))

                // A group added by mistake goes, and comes back.
                #expect(try await admin.post("\(Self.base)/subgroups", ["name": "Duplicate panel", "kind": "task_and_finish", "purpose": "Added twice",
                                                                       "reports_to": executiveID.uuidString.lowercased(),
                                                                       "set_up_on-day": "1", "set_up_on-month": "4", "set_up_on-year": "2023"]).status == .seeOther)
                let duplicate = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "Duplicate panel").first())
                #expect(try await admin.get(Self.report).body.string.contains("Duplicate panel"))
                #expect(try await admin.post("\(Self.base)/register/group/\(duplicate.requireID().uuidString.lowercased())/withdraw", ["reason": "Added twice"]).status == .seeOther)
                _ = try await admin.get("\(Self.base)/subgroups") // the flash names it once
                #expect(!(try await admin.get("\(Self.base)/subgroups").body.string.contains("Duplicate panel")))
                #expect(!(try await admin.get(Self.report).body.string.contains("Duplicate panel")))

                // Meetings: the report counts two for the Executive; withdrawing one leaves one.
                let meetings = try await Meeting.query(on: app.db).filter(\.$group.$id == executiveID).sort(\.$heldOn).all()
                #expect(meetings.count == 2)
                let reportBefore = try await admin.get(Self.report).body.string
                #expect(Self.meetingsRecorded(reportBefore, group: executive.name) == 2)
                let meeting = try meetings[0].requireID().uuidString.lowercased()
                let badMeeting = try await admin.post("\(Self.base)/meetings/\(meeting)", ["title": "", "held_on-day": "31", "held_on-month": "2", "held_on-year": "2024"])
                #expect(badMeeting.status == .unprocessableEntity)
                #expect(badMeeting.body.string.contains("Enter what the meeting was"))
                #expect(try await admin.post("\(Self.base)/meetings/\(meeting)", ["title": "Development day", "held_on-day": "12", "held_on-month": "10",
                                                                                 "held_on-year": "2023"]).status == .seeOther)
                let meetingEdit = try #require(try await Self.audit("update", meetings[0].requireID(), on: app.db))
                #expect(meetingEdit.changes?.contains("Development day") == true && meetingEdit.changes?.contains("illustrative date") == true)
                #expect(try await admin.post("\(Self.base)/register/meeting/\(meeting)/withdraw", ["reason": "Never held"]).status == .seeOther)
                let reportAfter = try await admin.get(Self.report).body.string
                #expect(Self.meetingsRecorded(reportAfter, group: executive.name) == 1)
                _ = try await admin.get("\(Self.base)/subgroups/\(executiveID.uuidString.lowercased())") // the flash names it once
                #expect(!(try await admin.get("\(Self.base)/subgroups/\(executiveID.uuidString.lowercased())").body.string.contains("Development day")))

                // Seats: the contributor sits on the review subgroup through a seat linked to the account.
                let contributor = try #require(try await AccountStore.user(email: "contributor@calderdale.example", on: app.db))
                let seat = try #require(try await GroupMember.query(on: app.db).filter(\.$user.$id == contributor.requireID()).first())
                let seatID = try seat.requireID().uuidString.lowercased()
                let today = CalendarDate.today()
                #expect(try await ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: today, on: app.db))
                let badSeat = try await admin.post("\(Self.base)/seats/\(seatID)", ["member_role": "", "member_seat": "throne"])
                #expect(badSeat.status == .unprocessableEntity)
                #expect(badSeat.body.string.contains("Enter the member&#39;s role") || badSeat.body.string.contains("Enter the member's role"))
                #expect(badSeat.body.string.contains("Select the seat"))
                var fields = CorrectionViews.values(of: try await RegisterCorrectionReads.seatForm(
                    try await Viewer.resolve(user: Account(try #require(try await AccountStore.user(email: "admin@calderdale.example", on: app.db))),
                                             slug: "calderdale", address: nil, today: today, on: app.db),
                    id: seat.requireID(), AppContext(database: app.db, today: today)))
                fields["member_role"] = "Detective Inspector, safeguarding"
                #expect(try await admin.post("\(Self.base)/seats/\(seatID)", fields).status == .seeOther)
                let seatEdit = try #require(try await Self.audit("update", seat.requireID(), on: app.db))
                #expect(seatEdit.changes?.contains("\"member_role\":[\"\(seat.memberRole)\",\"Detective Inspector, safeguarding\"]") == true)
                #expect(try await admin.post("\(Self.base)/register/group_member/\(seatID)/withdraw", ["reason": "Wrong person linked"]).status == .seeOther)
                // The join through the seat leaves the withdrawn one out.
                #expect(!(try await ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: today, on: app.db)))
                #expect(try await admin.post("\(Self.base)/register/withdrawn", ["kind": "group_member", "id": seatID]).status == .seeOther)
                #expect(try await ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: today, on: app.db))
            }
        }

        @Test("A published report is final: its narrative refuses edits with a clear message, and a withdrawal after publication leaves it as published")
        func publishedReportIsFinal() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                var executive = Visitor(app)
                try await executive.signIn("executive@calderdale.example")
                try await AppTests.ReportAppTests.signAll(&executive, on: "2024-09-20")
                #expect(try await admin.post("\(Self.base)/reports/2023-24/publication", ["published_on": "2024-10-01", "confirm_gaps": "yes"]).status == .seeOther)
                let edit = try await admin.post("\(Self.base)/reports/2023-24/sections/foreword", ["narrative": "Changed after publication"])
                #expect(edit.status == .conflict)
                #expect(edit.body.string.contains("This version is published and frozen; make a new version to change it."))

                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let line = try #require(try await RegisterStore.finance(partnership, year: ReportingYear(startYear: 2023), on: app.db).contributions.first)
                #expect(try await admin.post("\(Self.base)/register/contribution/\(line.requireID().uuidString.lowercased())/withdraw",
                                             ["reason": "After publication"]).status == .seeOther)
                let published = try await admin.get("\(Self.base)/reports/2023-24.html").body.string
                #expect(published.contains(line.label))
            }
        }
    }
}
