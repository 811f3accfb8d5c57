import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// The structure of the arrangements: a chart, then each group's purpose, chair and line of report.
enum SubgroupsPage {
    static func list(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.groups(access, req.context)
        return .html(SubgroupViews.list(page, frame: req.frame(access, title: "Subgroups and structure", section: .subgroups)))
    }

    static func show(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        return render(req, access, page, values: [:], errors: [], status: .ok)
    }

    static func render(_ req: Request, _ access: PartnershipAccess, _ page: GroupPage, values: [String: String], errors: [FieldError],
                       status: HTTPResponseStatus) -> Response {
        let frame = req.frame(access, title: errors.isEmpty ? page.group.name : "Error: \(page.group.name)", section: .subgroups)
        return .html(SubgroupViews.groupPage(page, frame: frame, flash: req.takeFlash(), values: values, errors: errors), status: status)
    }

    static func addMember(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            let role = try await RegisterWrites.addMember(access, values, groupID: page.group.id, req.context)
            req.flash("Added \(role) to \(page.group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return render(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func addMeeting(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            let heldOn = try await RegisterWrites.addMeeting(access, values, groupID: page.group.id, req.context)
            req.flash("Recorded the meeting on \(heldOn.long)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return render(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterReads.newGroupForm(access, req.context)
        let today = req.today
        let values = ["set_up_on-day": String(today.day), "set_up_on-month": String(today.month), "set_up_on-year": String(today.year)]
        return .html(SubgroupViews.form(page, frame: req.frame(access, title: "Add a group", section: .subgroups), values: values, errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let values = req.formFields()
        do {
            let group = try await RegisterWrites.createGroup(access, values, req.context)
            req.flash("Added \(group.name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: group.id).path)
        } catch let errors as ValidationErrors {
            let page = try await RegisterReads.newGroupForm(access, req.context)
            return .html(SubgroupViews.form(page, frame: req.frame(access, title: "Error: Add a group", section: .subgroups), values: values,
                                            errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        return .html(SubgroupViews.editForm(page, frame: req.frame(access, title: "Change \(page.group.name)", section: .subgroups),
                                            values: SubgroupViews.values(of: page.group), errors: []))
    }

    static func update(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            let name = try await RegisterWrites.updateGroup(access, id: page.group.id, values, req.context)
            req.flash("Saved the changes to \(name)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return .html(SubgroupViews.editForm(page, frame: req.frame(access, title: "Error: Change \(page.group.name)", section: .subgroups),
                                                values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func endSeat(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterReads.groupPage(access, id: req.uuidParameter("id"), req.context)
        let values = req.formFields()
        do {
            guard let text = values["seat"], let seatID = UUID(uuidString: text), page.members.contains(where: { $0.id == seatID }) else {
                throw ValidationErrors([FieldError(field: "seat", message: "Select a seat held now on \(page.group.name)")])
            }
            let role = try await RegisterWrites.endSeat(access, seatID: seatID, groupID: page.group.id, values, req.context)
            req.flash("Ended the seat of \(role)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.group.id).path)
        } catch let errors as ValidationErrors {
            return render(req, access, page, values: values, errors: errors.errors, status: .unprocessableEntity)
        }
    }
}
