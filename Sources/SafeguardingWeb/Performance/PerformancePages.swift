import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// The multi-agency dataset: the list of indicators, and each indicator's charts, story and escalations.
enum IndicatorsPage {
    static func list(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await PerformanceReads.indicatorList(viewer, req.context)
        let flash = req.takeFlash()
        return .html(PerformanceViews.list(page, frame: req.frame(viewer, title: "Performance", section: .performance), slug: viewer.slug, flash: flash))
    }

    static func show(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await PerformanceReads.indicatorPage(viewer, key: req.keyParameter(), req.context)
        return indicatorView(req, viewer, page, status: .ok)
    }

    static func indicatorView(_ req: Request, _ viewer: Viewer, _ page: IndicatorPage, forms: PerformanceViews.IndicatorForms = .init(),
                              status: HTTPResponseStatus) -> Response {
        let flash = req.takeFlash()
        let name = page.indicator.name
        let frame = req.frame(viewer, title: forms.errors.isEmpty ? name : "Error: \(name)", section: .performance)
        return .html(PerformanceViews.indicator(page, frame: frame, slug: viewer.slug, flash: flash, forms: forms), status: status)
    }

    static func saveStory(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let key = try req.keyParameter()
        let values = req.formFields()
        do {
            let period = try await PerformanceWrites.saveStory(viewer, key: key, values, req.context)
            req.flash("Saved the story for \(period.label)")
            return req.redirect(to: SiteRoute.indicator(slug: viewer.slug, key: key).path)
        } catch let errors as ValidationErrors {
            let page = try await PerformanceReads.indicatorPage(viewer, key: key, req.context)
            return indicatorView(req, viewer, page, forms: .init(story: values, storyErrors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func decide(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let key = try req.keyParameter()
        do {
            let decision = try await PerformanceWrites.decideEscalation(viewer, key: key, escalationID: { try req.uuidParameter("id") },
                                                                        req.formFields(), req.context)
            req.flash("Recorded the decision: \(decision.label)")
            return req.redirect(to: SiteRoute.indicator(slug: viewer.slug, key: key).path)
        } catch let errors as ValidationErrors {
            let page = try await PerformanceReads.indicatorPage(viewer, key: key, req.context)
            return indicatorView(req, viewer, page, forms: .init(decisionErrors: [try req.uuidParameter("id"): errors.errors]),
                                 status: .unprocessableEntity)
        }
    }
}

/// Administrators keep the catalogue of indicators: what each counts, who supplies it, which way is better.
enum IndicatorCatalogue {
    static func new(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await PerformanceReads.newIndicatorForm(viewer, req.context)
        return formView(req, viewer, page, values: [:], errors: [])
    }

    static func create(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let values = req.formFields()
        do {
            let indicator = try await PerformanceWrites.createIndicator(viewer, values, req.context)
            req.flash("Added \(indicator.name)")
            return req.redirect(to: SiteRoute.indicator(slug: viewer.slug, key: indicator.key).path)
        } catch let errors as ValidationErrors {
            let page = try await PerformanceReads.newIndicatorForm(viewer, req.context)
            return formView(req, viewer, page, values: values, errors: errors.errors)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let page = try await PerformanceReads.editIndicatorForm(viewer, key: req.keyParameter(), req.context)
        return formView(req, viewer, page, values: page.editing?.fields ?? [:], errors: [])
    }

    static func update(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let key = try req.keyParameter()
        let values = req.formFields()
        do {
            let name = try await PerformanceWrites.updateIndicator(viewer, key: key, values, req.context)
            req.flash("Saved \(name)")
            return req.redirect(to: SiteRoute.indicator(slug: viewer.slug, key: key).path)
        } catch let errors as ValidationErrors {
            let page = try await PerformanceReads.editIndicatorForm(viewer, key: key, req.context)
            return formView(req, viewer, page, values: page.keepingKey(values), errors: errors.errors)
        }
    }

    static func formView(_ req: Request, _ viewer: Viewer, _ page: IndicatorFormPage, values: [String: String], errors: [FieldError]) -> Response {
        let title = PerformanceViews.indicatorFormTitle(page)
        let frame = req.frame(viewer, title: errors.isEmpty ? title : "Error: \(title)", section: .performance)
        return .html(PerformanceViews.indicatorForm(page, frame: frame, slug: viewer.slug, values: values, errors: errors),
                     status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// Data returns: one value through a form, a CSV file of many, or (for the business unit) a
/// record-level extract that is aggregated on arrival and not kept.
enum DataReturnsPage {
    static func show(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        return try await render(req, viewer, PerformanceViews.DataReturnForms(), status: .ok)
    }

    static func render(_ req: Request, _ viewer: Viewer, _ forms: PerformanceViews.DataReturnForms, status: HTTPResponseStatus) async throws -> Response {
        let page = try await PerformanceReads.dataReturns(viewer, req.context)
        let flash = req.takeFlash()
        let frame = req.frame(viewer, title: forms.errors.isEmpty ? "Data returns" : "Error: Data returns", section: .performance)
        return .html(PerformanceViews.dataReturns(page, frame: frame, slug: viewer.slug, flash: flash, forms: forms), status: status)
    }

    static func submitValue(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        let fields = req.formFields()
        do {
            try await PerformanceWrites.submitValue(viewer, fields, req.context)
            req.flash("Saved the value for \(fields["period"] ?? "")")
            return req.redirect(to: SiteRoute.dataReturns(slug: viewer.slug).path)
        } catch let errors as ValidationErrors {
            return try await render(req, viewer, .init(value: fields, valueErrors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func upload(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        try PerformanceWrites.requireMayUploadValues(viewer)
        return try await UploadStream.form(req) { form in
            guard CSRF.matches(form.fields[CSRF.field] ?? "", for: req) else { throw CSRF.refusal }
            let file = form.files["file"]
            do {
                let count = try await PerformanceWrites.uploadValues(viewer, file, req.context)
                req.flash("Saved \(count) values from \(file?.name ?? "")")
                return req.redirect(to: SiteRoute.dataReturns(slug: viewer.slug).path)
            } catch let errors as ValidationErrors {
                return try await render(req, viewer, .init(uploadErrors: errors.errors), status: .unprocessableEntity)
            }
        }
    }

    static func uploadExtract(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        try PerformanceWrites.requireMayUploadExtract(viewer)
        return try await UploadStream.form(req) { form in
            guard CSRF.matches(form.fields[CSRF.field] ?? "", for: req) else { throw CSRF.refusal }
            do {
                let outcome = try await PerformanceWrites.aggregateExtract(viewer, indicatorKey: form.fields["indicator"], form.files["extract_file"],
                                                                           req.context)
                req.flash(outcome.summary)
                return req.redirect(to: SiteRoute.dataReturns(slug: viewer.slug).path)
            } catch let errors as ValidationErrors {
                return try await render(req, viewer, .init(extractErrors: errors.errors), status: .unprocessableEntity)
            }
        }
    }
}

extension Request {
    /// The indicator key in the address.
    func keyParameter() throws -> String {
        guard let key = parameters.get("key") else { throw Abort(.notFound) }
        return key
    }
}
