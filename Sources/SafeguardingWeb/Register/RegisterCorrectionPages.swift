import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering
import Vapor

/// Correcting the register: the forms that change a seat, a meeting or a contribution, the form
/// that withdraws a record added by mistake, and the administrators' list of withdrawn records.
enum RegisterCorrectionPages {
    static func kind(_ req: Request) throws -> RegisterCorrections.Kind {
        guard let text = req.parameters.get("kind"), let kind = RegisterCorrections.Kind(rawValue: text) else { throw NotFound("kind of record") }
        return kind
    }

    // MARK: Withdrawing and restoring

    static func withdrawForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterCorrectionReads.withdrawForm(access, kind: kind(req), id: req.uuidParameter("id"), req.context)
        return .html(CorrectionViews.withdraw(page, frame: req.frame(access, title: "Withdraw \(page.description)", section: section(page.kind)),
                                              values: [:], errors: []))
    }

    static func withdraw(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let kind = try kind(req)
        try RegisterCorrections.requireWithdraw(access, kind)
        let page = try await RegisterCorrectionReads.withdrawForm(access, kind: kind, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let name = try await RegisterCorrections.withdraw(access, kind: kind, id: page.id, fields, req.context)
            req.flash("Withdrew \(name). An administrator can restore it from the withdrawn records.")
            // The record's own page has gone with it.
            let next: SiteRoute = switch kind {
            case .organisation: .organisations(slug: access.slug)
            case .group: .subgroups(slug: access.slug)
            default: page.back
            }
            return req.redirect(to: next.path)
        } catch let errors as ValidationErrors {
            return .html(CorrectionViews.withdraw(page, frame: req.frame(access, title: "Error: Withdraw \(page.description)", section: section(page.kind)),
                                                  values: fields, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func section(_ kind: String) -> PageFrame.Section {
        switch RegisterCorrections.Kind(rawValue: kind) {
        case .organisation: .organisations
        case .contribution: .finance
        case .group, .seat, .meeting: .subgroups
        case nil: .performance
        }
    }

    static func withdrawn(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterCorrectionReads.withdrawn(access, req.context)
        return .html(CorrectionViews.withdrawn(page, frame: req.frame(access, title: "Withdrawn register records", section: .organisations),
                                               flash: req.takeFlash(), errors: []))
    }

    static func restore(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterCorrections.requireRestore(access)
        let fields = req.formFields()
        do {
            guard let kind = fields["kind"].flatMap(RegisterCorrections.Kind.init(rawValue:)), let id = fields["id"].flatMap(UUID.init(uuidString:)) else {
                throw ValidationErrors([FieldError(field: "id", message: "Select a withdrawn record to restore")])
            }
            let name = try await RegisterCorrections.restore(access, kind: kind, id: id, req.context)
            req.flash("Restored \(name)")
            return req.redirect(to: SiteRoute.registerWithdrawn(slug: access.slug).path)
        } catch let errors as ValidationErrors {
            let page = try await RegisterCorrectionReads.withdrawn(access, req.context)
            return .html(CorrectionViews.withdrawn(page, frame: req.frame(access, title: "Error: Withdrawn register records", section: .organisations),
                                                   flash: nil, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    // MARK: Changing seats, meetings and contributions

    static func seatForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterCorrectionReads.seatForm(access, id: req.uuidParameter("id"), req.context)
        return .html(CorrectionViews.seatForm(page, frame: req.frame(access, title: "Change the seat of \(page.role)", section: .subgroups),
                                              values: CorrectionViews.values(of: page), errors: []))
    }

    static func updateSeat(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterCorrectionReads.seatForm(access, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let role = try await RegisterCorrections.updateSeat(access, seatID: page.seatID, fields, req.context)
            req.flash("Saved the changes to the seat of \(role)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.groupID).path)
        } catch let errors as ValidationErrors {
            return .html(CorrectionViews.seatForm(page, frame: req.frame(access, title: "Error: Change the seat of \(page.role)", section: .subgroups),
                                                  values: fields, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func meetingForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterCorrectionReads.meetingForm(access, id: req.uuidParameter("id"), req.context)
        return .html(CorrectionViews.meetingForm(page, frame: req.frame(access, title: "Change the meeting \(page.title)", section: .subgroups),
                                                 values: CorrectionViews.values(of: page), errors: []))
    }

    static func updateMeeting(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditStructure(access)
        let page = try await RegisterCorrectionReads.meetingForm(access, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let title = try await RegisterCorrections.updateMeeting(access, meetingID: page.meetingID, fields, req.context)
            req.flash("Saved the changes to the meeting \(title)")
            return req.redirect(to: SiteRoute.subgroup(slug: access.slug, id: page.groupID).path)
        } catch let errors as ValidationErrors {
            return .html(CorrectionViews.meetingForm(page, frame: req.frame(access, title: "Error: Change the meeting \(page.title)", section: .subgroups),
                                                     values: fields, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func contributionForm(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        let page = try await RegisterCorrectionReads.contributionForm(access, id: req.uuidParameter("id"), req.context)
        return .html(CorrectionViews.contributionForm(page, frame: req.frame(access, title: "Change \(page.line.label)", section: .finance),
                                                      values: CorrectionViews.values(of: page), errors: []))
    }

    static func updateContribution(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireEditFinance(access)
        let page = try await RegisterCorrectionReads.contributionForm(access, id: req.uuidParameter("id"), req.context)
        let fields = req.formFields()
        do {
            let saved = try await RegisterCorrections.updateContribution(access, id: page.line.id, fields, req.context)
            req.flash("Saved the changes to \(saved.label)")
            return req.redirect(to: SiteRoute.financeYear(slug: access.slug, year: page.year).path)
        } catch let errors as ValidationErrors {
            return .html(CorrectionViews.contributionForm(page, frame: req.frame(access, title: "Error: Change \(page.line.label)", section: .finance),
                                                          values: fields, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}

/// The routes of correcting records, registered in one place so the module's lists stay short.
enum CorrectionRoutes {
    static func register(on signedIn: any RoutesBuilder) {
        let (slug, any) = ("slug", UUID())
        signedIn.get(.registerWithdrawn(slug: slug), use: RegisterCorrectionPages.withdrawn)
        signedIn.post(.registerWithdrawn(slug: slug), use: RegisterCorrectionPages.restore)
        signedIn.get(.registerWithdraw(slug: slug, kind: "kind", id: any), use: RegisterCorrectionPages.withdrawForm)
        signedIn.post(.registerWithdraw(slug: slug, kind: "kind", id: any), use: RegisterCorrectionPages.withdraw)
        signedIn.get(.editSeat(slug: slug, id: any), use: RegisterCorrectionPages.seatForm)
        signedIn.post(.editSeat(slug: slug, id: any), use: RegisterCorrectionPages.updateSeat)
        signedIn.get(.editMeeting(slug: slug, id: any), use: RegisterCorrectionPages.meetingForm)
        signedIn.post(.editMeeting(slug: slug, id: any), use: RegisterCorrectionPages.updateMeeting)
        signedIn.get(.editContribution(slug: slug, id: any), use: RegisterCorrectionPages.contributionForm)
        signedIn.post(.editContribution(slug: slug, id: any), use: RegisterCorrectionPages.updateContribution)
        signedIn.get(.performanceWithdrawn(slug: slug), use: PerformanceCorrectionPages.withdrawn)
        signedIn.post(.performanceWithdrawn(slug: slug), use: PerformanceCorrectionPages.restore)
        signedIn.get(.performanceWithdraw(slug: slug, kind: "kind", id: any), use: PerformanceCorrectionPages.withdrawForm)
        signedIn.post(.performanceWithdraw(slug: slug, kind: "kind", id: any), use: PerformanceCorrectionPages.withdraw)
        signedIn.get(.indicatorValues(slug: slug, key: "key"), use: PerformanceCorrectionPages.values)
        signedIn.get(.editIndicatorValue(slug: slug, id: any), use: PerformanceCorrectionPages.valueForm)
        signedIn.post(.editIndicatorValue(slug: slug, id: any), use: PerformanceCorrectionPages.updateValue)
    }
}
