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
    @Suite("The partnership register: organisations, subgroups, finance, users")
    struct RegisterTests {
        @Test("The demo partnership has its partners, agencies, groups and 2023-24 money, and loading it twice adds nothing")
        func demoData() async throws {
            try await withDemoApp { app in
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let organisations = try await RegisterStore.organisations(partnership, on: app.db)
                #expect(organisations.filter { $0.kind.isStatutoryPartner }.map(\.name).sorted()
                        == ["Calderdale Council", "West Yorkshire Integrated Care Board", "West Yorkshire Police"])
                #expect(organisations.count == 28)
                let finance = try await RegisterStore.finance(partnership, year: ReportingYear(startYear: 2023), on: app.db)
                #expect(finance.contributions.map(\.amount.value) == [8_036_000, 1_463_000, 11_401_000, 4_730_000, 201_000])
                #expect(finance.total == Pence(25_831_000))
                let groups = try await RegisterStore.groups(partnership, on: app.db)
                #expect(groups.contains { $0.kind == .executive && $0.name == "CSCP Executive" })

                try await DemoPartnership.load(on: app.db) { try Credentials.hash($0, cost: 4) }
                #expect(try await Organisation.query(on: app.db).count() == 28)
                #expect(try await Contribution.query(on: app.db).count() == 5)
                #expect(try await PartnershipGroup.query(on: app.db).count() == groups.count)
                #expect(try await User.query(on: app.db).count() == DemoPartnership.accounts.count)
            }
        }

        @Test("An administrator adds an organisation; errors are listed, duplicates refused, nothing half-written")
        func addOrganisation() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/organisations"

                let empty = try await admin.post(path, ["name": "", "kind": "", "sector": ""])
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.body.string.contains("Enter the organisation&#39;s name") || empty.body.string.contains("Enter the organisation's name"))
                #expect(empty.body.string.contains("Select what kind of organisation it is"))

                let duplicate = try await admin.post(path, ["name": "cafcass", "kind": "relevant_agency", "sector": "justice"])
                #expect(duplicate.status == .unprocessableEntity)
                #expect(duplicate.body.string.contains("An organisation called CAFCASS already exists"))

                let badEmail = try await admin.post(path, ["name": "Kirklees College", "kind": "school_or_college", "sector": "education", "contact_email": "nope"])
                #expect(badEmail.body.string.contains("Enter the contact email in the right format"))

                let good = try await admin.post(path, ["name": "Kirklees College", "kind": "school_or_college", "sector": "education", "contact_email": "DSL@kirklees.example"])
                #expect(good.status == .seeOther)
                let list = try await admin.get(path)
                #expect(list.body.string.contains("Kirklees College"))
                #expect(list.body.string.contains("Added Kirklees College"))
                let saved = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Kirklees College").first())
                #expect(saved.contactEmail == "dsl@kirklees.example")
                let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$subjectID == saved.id!.uuidString).first())
                #expect(audit.actor == "admin@calderdale.example")
                #expect(audit.action == "create")
                #expect(try await Organisation.query(on: app.db).count() == 29)
            }
        }

        @Test("A contributor edits their own organisation's details, and cannot edit another's (page)")
        func contributorPages() async throws {
            try await withDemoApp { app in
                let police = try #require(try await Organisation.query(on: app.db).filter(\.$name == "West Yorkshire Police").first())
                let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Calderdale Council").first())
                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")

                let list = try await contributor.get("/partnerships/calderdale/organisations")
                #expect(list.body.string.contains("/organisations/\(police.id!.uuidString.lowercased())/edit"))
                #expect(!list.body.string.contains("/organisations/\(council.id!.uuidString.lowercased())/edit"))
                #expect(!list.body.string.contains("Add an organisation"))

                let otherEdit = try await contributor.get("/partnerships/calderdale/organisations/\(council.id!.uuidString)/edit")
                #expect(otherEdit.status == .forbidden)
                let otherPost = try await contributor.post("/partnerships/calderdale/organisations/\(council.id!.uuidString)",
                                                           ["name": "Hijacked", "kind": "local_authority", "sector": "local_government"])
                #expect(otherPost.status == .forbidden)
                #expect(try await Organisation.find(council.id, on: app.db)?.name == "Calderdale Council")

                let own = try await contributor.post("/partnerships/calderdale/organisations/\(police.id!.uuidString)",
                                                     ["name": "Renamed Police", "kind": "relevant_agency", "sector": "policing",
                                                      "type_description": "Police force", "contact_email": "safeguarding@police.example"])
                #expect(own.status == .seeOther)
                let updated = try #require(try await Organisation.find(police.id, on: app.db))
                #expect(updated.contactEmail == "safeguarding@police.example")
                #expect(updated.name == "West Yorkshire Police")
                #expect(updated.kind == .police)

                let add = try await contributor.get("/partnerships/calderdale/organisations/new")
                #expect(add.status == .forbidden)
                #expect(add.body.string.contains("You do not have permission to see this page"))
            }
        }

        @Test("An organisation's dates in the arrangements: the form starts at today, wrong dates re-render with 422, leaving makes it inactive")
        func organisationDates() async throws {
            try await withDemoApp(today: CalendarDate(year: 2026, month: 12, day: 2)) { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/organisations"
                let form = try await admin.get("\(path)/new").body.string
                #expect(form.contains("Joined the arrangements on"))
                #expect(form.contains("name=\"joined_on-day\" type=\"text\" inputmode=\"numeric\" value=\"2\""))
                #expect(form.contains("name=\"joined_on-year\" type=\"text\" inputmode=\"numeric\" value=\"2026\""))
                #expect(!form.contains("Left the arrangements on"))

                let fields = ["name": "Calderdale Youth Sport Trust", "kind": "voluntary_sector", "sector": "sport_and_leisure"]
                let blank = try await admin.post(path, fields.merging(["joined_on-day": "", "joined_on-month": "", "joined_on-year": ""]) { $1 })
                #expect(blank.status == .unprocessableEntity)
                #expect(blank.body.string.contains("Enter the date it joined the arrangements"))
                let future = try await admin.post(path, fields.merging(["joined_on-day": "1", "joined_on-month": "1", "joined_on-year": "2027"]) { $1 })
                #expect(future.status == .unprocessableEntity)
                #expect(future.body.string.contains("The date it joined the arrangements must be today or in the past"))
                // The boxes come back as they were typed.
                #expect(future.body.string.contains("name=\"joined_on-year\" type=\"text\" inputmode=\"numeric\" value=\"2027\""))
                let added = try await admin.post(path, fields.merging(["joined_on-day": "1", "joined_on-month": "5", "joined_on-year": "2026"]) { $1 })
                #expect(added.status == .seeOther)
                let trust = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Calderdale Youth Sport Trust").first())
                #expect(trust.joinedOn == "2026-05-01")
                #expect(trust.isActive)

                let edit = try await admin.get("\(path)/\(trust.id!.uuidString)/edit").body.string
                #expect(edit.contains("Left the arrangements on (optional)"))
                #expect(edit.contains("name=\"joined_on-month\" type=\"text\" inputmode=\"numeric\" value=\"5\""))
                let tooEarly = try await admin.post("\(path)/\(trust.id!.uuidString)", fields.merging([
                    "joined_on-day": "1", "joined_on-month": "5", "joined_on-year": "2026", "left_on-day": "30", "left_on-month": "4", "left_on-year": "2026"]) { $1 })
                #expect(tooEarly.status == .unprocessableEntity)
                #expect(tooEarly.body.string.contains("The date it left the arrangements must be the same as or after the date it joined (1 May 2026)"))
                let left = try await admin.post("\(path)/\(trust.id!.uuidString)", fields.merging([
                    "joined_on-day": "1", "joined_on-month": "5", "joined_on-year": "2026", "left_on-day": "30", "left_on-month": "11", "left_on-year": "2026"]) { $1 })
                #expect(left.status == .seeOther)
                let gone = try #require(try await Organisation.find(trust.id, on: app.db))
                #expect(gone.leftOn == "2026-11-30")
                #expect(!gone.isActive)
                #expect(try await admin.get(path).body.string.contains("Left 30 November 2026"))
                #expect(try await admin.get("\(path)/\(trust.id!.uuidString)").body.string.contains("From 1 May 2026 to 30 November 2026 (it has left)"))

                // A contributor keeps their organisation's dates as they are, whatever the post says.
                let police = try #require(try await Organisation.query(on: app.db).filter(\.$name == "West Yorkshire Police").first())
                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                let own = try await contributor.post("\(path)/\(police.id!.uuidString)", [
                    "type_description": "Police force", "left_on-day": "1", "left_on-month": "6", "left_on-year": "2026", "joined_on": "2026-01-01"])
                #expect(own.status == .seeOther)
                let kept = try #require(try await Organisation.find(police.id, on: app.db))
                #expect(kept.joinedOn == police.joinedOn)
                #expect(kept.leftOn == nil && kept.isActive)
            }
        }

        @Test("The structure chart shows the Executive above its subgroups")
        func subgroups() async throws {
            try await withDemoApp { app in
                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                let page = try await viewer.get("/partnerships/calderdale/subgroups")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("<svg"))
                #expect(body.contains("role=\"img\""))
                #expect(body.contains(">CSCP Executive<"))
                #expect(body.contains("Quality Assurance Subgroup"))
                #expect(body.contains("Think Family Task and Finish Group (task and finish group) reports to Child Safeguarding Practice Review Subgroup."))
                let executive = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "CSCP Executive").first())
                let detail = try await viewer.get("/partnerships/calderdale/subgroups/\(executive.id!.uuidString)")
                #expect(detail.body.string.contains("Chair of the governors&#39;") || detail.body.string.contains("Chair of the governors'"))
            }
        }

        @Test("An administrator adds a group under the Executive and records its meetings; bad dates are refused")
        func addGroupAndMeeting() async throws {
            try await withDemoApp { app in
                let executive = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "CSCP Executive").first())
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/subgroups"

                let missing = try await admin.post(path, ["name": "", "kind": "subgroup", "purpose": ""])
                #expect(missing.status == .unprocessableEntity)
                for message in ["Enter the group", "Enter the group", "Select the group this one reports to"] {
                    #expect(missing.body.string.contains(message))
                }
                let secondExecutive = try await admin.post(path, ["name": "Another Executive", "kind": "executive", "purpose": "x"])
                #expect(secondExecutive.body.string.contains("This partnership already has an Executive"))
                let foreignParent = try await admin.post(path, ["name": "Orphan", "kind": "subgroup", "purpose": "x", "reports_to": UUID().uuidString])
                #expect(foreignParent.body.string.contains("Select another group of this partnership to report to"))

                let created = try await admin.post(path, ["name": "Training Subgroup", "kind": "subgroup", "purpose": "Multi-agency training.",
                                                          "reports_to": executive.id!.uuidString.lowercased()])
                #expect(created.status == .seeOther)
                let group = try #require(try await PartnershipGroup.query(on: app.db).filter(\.$name == "Training Subgroup").first())
                #expect(group.$reportsTo.id == executive.id)
                let chart = try await admin.get(path)
                #expect(chart.body.string.contains("Training Subgroup (subgroup) reports to CSCP Executive."))

                let meetings = "\(path)/\(group.id!.uuidString.lowercased())/meetings"
                let badDate = try await admin.post(meetings, ["held_on-day": "31", "held_on-month": "2", "held_on-year": "2024", "title": "First meeting"])
                #expect(badDate.status == .unprocessableEntity)
                #expect(badDate.body.string.contains("The date must be a real date"))
                let noDate = try await admin.post(meetings, ["title": ""])
                #expect(noDate.body.string.contains("Enter the date"))
                let good = try await admin.post(meetings, ["held_on-day": "29", "held_on-month": "2", "held_on-year": "2024", "title": "First meeting"])
                #expect(good.status == .seeOther)
                let detail = try await admin.get("\(path)/\(group.id!.uuidString.lowercased())")
                #expect(detail.body.string.contains("29 February 2024: First meeting"))

                var executiveMember = Visitor(app)
                try await executiveMember.signIn("executive@calderdale.example")
                #expect(try await executiveMember.post(meetings, ["held_on-day": "1", "held_on-month": "3", "held_on-year": "2024", "title": "x"]).status == .forbidden)
                #expect(try await executiveMember.get("\(path)/new").status == .forbidden)
            }
        }

        @Test("Groups and seats carry their dates: a group is changed and closed, a seat ends, and an ended seat opens nothing")
        func groupAndSeatDates() async throws {
            try await withDemoApp(today: CalendarDate(year: 2025, month: 6, day: 30)!) { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/subgroups"
                let groups = try await PartnershipGroup.query(on: app.db).all()
                let executive = try #require(groups.first { $0.kind == .executive })
                let parent = try #require(groups.first { group in groups.contains { $0.$reportsTo.id == group.id } && group.kind != .executive })
                let child = try #require(groups.first { $0.$reportsTo.id == parent.id })
                func id(_ group: PartnershipGroup) -> String { group.id!.uuidString.lowercased() }
                func fields(_ group: PartnershipGroup, _ changes: [String: String]) -> [String: String] {
                    var values = ["name": group.name, "kind": group.kind.rawValue, "purpose": group.purpose,
                                  "reports_to": group.$reportsTo.id?.uuidString.lowercased() ?? "", "set_up_on": group.setUpOn]
                    values.merge(changes) { _, new in new }
                    return values
                }

                // The add form starts at today; a future date is refused.
                #expect(try await admin.get("\(path)/new").body.string.contains("value=\"2025\""))
                let future = try await admin.post(path, ["name": "Later", "kind": "subgroup", "purpose": "x", "reports_to": id(executive),
                                                         "set_up_on-day": "1", "set_up_on-month": "7", "set_up_on-year": "2025"])
                #expect(future.status == .unprocessableEntity)
                #expect(future.body.string.contains("The date the group was set up must be today or in the past"))

                // The edit form shows the stored dates; wrong changes come back with 422 and say why.
                let edit = try await admin.get("\(path)/\(id(parent))/edit")
                #expect(edit.status == .ok)
                #expect(edit.body.string.contains("name=\"set_up_on-year\"") && edit.body.string.contains("value=\"2019\""))
                let stillOpen = try await admin.post("\(path)/\(id(parent))/edit", fields(parent, ["closed_on": "2025-05-01"]))
                #expect(stillOpen.status == .unprocessableEntity)
                #expect(stillOpen.body.string.contains("Close or move the groups that report to it first: \(child.name)"))
                let cycle = try await admin.post("\(path)/\(id(parent))/edit", fields(parent, ["reports_to": id(child)]))
                #expect(cycle.body.string.contains("A group cannot report to a group that reports to it"))
                let backwards = try await admin.post("\(path)/\(id(child))/edit", fields(child, ["closed_on": "2019-01-01"]))
                #expect(backwards.body.string.contains("The date the group closed must be the same as or after the date it was set up"))
                #expect(try await PartnershipGroup.find(parent.id, on: app.db)?.closedOn == nil)

                // Closing the child: it leaves the chart and is listed apart, with its closing day.
                let closed = try await admin.post("\(path)/\(id(child))/edit", fields(child, ["closed_on": "2025-05-01"]))
                #expect(closed.status == .seeOther)
                #expect(try await PartnershipGroup.find(child.id, on: app.db)?.closedOn == "2025-05-01")
                let list = try await admin.get(path).body.string
                #expect(list.contains("Closed groups"))
                #expect(!list.contains("\(child.name) (\(child.kind.rawValue)) reports to"))
                #expect(list.contains("1 May 2025"))

                // The police seat on the review subgroup gives the demo contributor sight of unpublished reviews until it ends.
                let settings = try #require(try await ReviewSettings.query(on: app.db).first())
                let reviewGroup = try #require(settings.$reviewGroup.id)
                let contributor = try #require(try await User.query(on: app.db).filter(\.$email == "contributor@calderdale.example").first())
                let seat = try #require(try await GroupMember.query(on: app.db).filter(\.$user.$id == contributor.requireID()).first())
                let partnership = try #require(try await RegisterStore.partnership(slug: "calderdale", on: app.db))
                let today = CalendarDate(year: 2025, month: 6, day: 30)!
                #expect(try await ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: today, on: app.db))
                let seats = "\(path)/\(reviewGroup.uuidString.lowercased())/seats/end"
                let early = try await admin.post(seats, ["seat": seat.id!.uuidString.lowercased(), "ended_on": "2019-01-01"])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("The date the seat ended must be the same as or after the date it was taken"))
                let foreign = try await admin.post(seats, ["seat": UUID().uuidString, "ended_on": "2025-06-01"])
                #expect(foreign.body.string.contains("Select a seat held now"))
                let ended = try await admin.post(seats, ["seat": seat.id!.uuidString.lowercased(), "ended_on-day": "30", "ended_on-month": "6", "ended_on-year": "2025"])
                #expect(ended.status == .seeOther)
                #expect(try await !ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: today, on: app.db))
                #expect(try await ReviewStore.sitsOnReviewGroup(userID: contributor.requireID(), in: partnership, on: CalendarDate(year: 2025, month: 6, day: 29)!, on: app.db))
                let reviewPage = try await admin.get("\(path)/\(reviewGroup.uuidString.lowercased())").body.string
                #expect(reviewPage.contains("Former members") && reviewPage.contains("30 June 2025"))
                let events = try await AuditEvent.query(on: app.db).filter(\.$subjectType == "group_member").filter(\.$action == "update").count()
                #expect(events == 1)
            }
        }

        @Test("Finance shows the 2023-24 outturn; an administrator changes it all at once or not at all")
        func finance() async throws {
            try await withDemoApp { app in
                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/finance/2023-24"
                let page = try await admin.get(path)
                for amount in ["£80,360", "£14,630", "£114,010", "£47,300", "£2,010", "£258,310"] {
                    #expect(page.body.string.contains(amount), "\(amount)")
                }
                let lines = try await Contribution.query(on: app.db).sort(\.$position).all()
                let police = lines[1], other = lines[4]
                func field(_ line: Contribution) -> String { "amount_\(line.id!.uuidString.lowercased())" }

                let bad = try await admin.post(path, [field(police): "15000", field(other): "-5"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Other contributions: the amount must be £0 or more"))
                #expect(try await Contribution.find(police.id, on: app.db)?.amountPence == 1_463_000)

                let good = try await admin.post(path, [field(police): "15,000", field(other): "2010"])
                #expect(good.status == .seeOther)
                let after = try await admin.get(path)
                #expect(after.body.string.contains("£258,680"))

                let added = try await admin.post(path + "/lines", ["label": "Probation contribution", "category": "partner", "organisation": "Probation Service", "amount": "1,000"])
                #expect(added.status == .seeOther)
                let duplicate = try await admin.post(path + "/lines", ["label": "probation contribution", "category": "partner", "amount": "5"])
                #expect(duplicate.body.string.contains("already has a line called"))
                let unknown = try await admin.post(path + "/lines", ["label": "Mystery", "category": "other", "organisation": "Nobody Ltd", "amount": "5"])
                #expect(unknown.body.string.contains("There is no organisation called Nobody Ltd"))
                #expect(try await admin.get(path).body.string.contains("£259,680"))

                var viewer = Visitor(app)
                try await viewer.signIn("viewer@calderdale.example")
                #expect(try await viewer.get(path).status == .ok)
                let refused = try await viewer.post(path, [field(police): "1"])
                #expect(refused.status == .forbidden)
                #expect(try await Contribution.find(police.id, on: app.db)?.amountPence == 1_500_000)
            }
        }

        @Test("Only administrators see users and the audit log; viewing users is audited")
        func users() async throws {
            try await withDemoApp { app in
                var contributor = Visitor(app)
                try await contributor.signIn("contributor@calderdale.example")
                #expect(try await contributor.get("/partnerships/calderdale/users").status == .forbidden)
                #expect(try await contributor.get("/partnerships/calderdale/audit").status == .forbidden)

                var admin = Visitor(app)
                try await admin.signIn("admin@calderdale.example")
                let list = try await admin.get("/partnerships/calderdale/users")
                #expect(list.status == .ok)
                #expect(list.body.string.contains("contributor@calderdale.example"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "view").count() == 1)

                let invalid = try await admin.post("/partnerships/calderdale/users", ["email": "x", "name": "", "role": "contributor"])
                #expect(invalid.status == .unprocessableEntity)
                for message in ["Enter an email address in the right format", "Enter the person", "Select the organisation a contributor works for"] {
                    #expect(invalid.body.string.contains(message), "\(message)")
                }
                let duplicate = try await admin.post("/partnerships/calderdale/users", ["email": "viewer@calderdale.example", "name": "V", "role": "viewer"])
                #expect(duplicate.body.string.contains("already has access"))
                let created = try await admin.post("/partnerships/calderdale/users",
                                                   ["email": "dsl@school.example", "name": "School DSL", "role": "contributor",
                                                    "organisation": "Calderdale College"])
                #expect(created.status == .created)
                #expect(created.body.string.contains("/account/links/"))
            }
        }

        @Test("An administrator changes a role and closes an account; a closed account signs in no more")
        func changeAccess() async throws {
            try await withDemoApp { app in
                let viewer = try #require(try await AccountStore.user(email: "viewer@calderdale.example", on: app.db))
                let admin = try #require(try await AccountStore.user(email: "admin@calderdale.example", on: app.db))
                var signedInViewer = Visitor(app)
                try await signedInViewer.signIn("viewer@calderdale.example")
                let token = try await apiToken(for: "viewer@calderdale.example", on: app)

                var administrator = Visitor(app)
                try await administrator.signIn("admin@calderdale.example")
                let path = "/partnerships/calderdale/users/\(viewer.id!.uuidString.lowercased())"
                #expect(try await administrator.get(path).status == .ok)
                let needsOrganisation = try await administrator.post(path, ["role": "contributor", "organisation": "", "active": "yes"])
                #expect(needsOrganisation.body.string.contains("Select the organisation a contributor works for"))
                let closed = try await administrator.post(path, ["role": "contributor", "organisation": "CAFCASS", "active": "no"])
                #expect(closed.status == .seeOther)
                let membership = try #require(try await Membership.query(on: app.db).filter(\.$user.$id == viewer.id!).first())
                #expect(membership.role == .contributor)

                #expect(try await signedInViewer.get("/partnerships/calderdale").status == .seeOther)
                let again = try await signedInViewer.post("/login", ["email": "viewer@calderdale.example", "password": "demo-password"])
                #expect(again.status == .unprocessableEntity)
                #expect(try await app.api(.GET, "/api/v1/me", token: token).status == .unauthorized)

                let selfDemotion = try await administrator.post("/partnerships/calderdale/users/\(admin.id!.uuidString.lowercased())",
                                                                ["role": "viewer", "active": "yes"])
                #expect(selfDemotion.body.string.contains("You cannot remove your own administrator access"))
                let audit = try await administrator.get("/partnerships/calderdale/audit")
                #expect(audit.body.string.contains("Changed access for viewer@calderdale.example"))
            }
        }
    }
}
