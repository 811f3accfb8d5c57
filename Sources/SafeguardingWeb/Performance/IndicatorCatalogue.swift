import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingRendering
import Vapor

/// Administrators keep the catalogue of indicators: what each counts, who supplies it, which way is better.
enum IndicatorCatalogue {
    static func fields(of indicator: Indicator) -> [String: String] {
        ["key": indicator.key, "name": indicator.name, "definition": indicator.definition, "source_organisation": indicator.sourceOrganisation?.name ?? "",
         "unit": indicator.unit, "polarity": indicator.polarity, "priority": indicator.priority ?? "", "is_published": indicator.isPublished ? "yes" : "no"]
    }

    static func form(_ req: Request, _ access: PartnershipAccess, editing: Indicator?, values: [String: String], errors: [FieldError]) async throws -> String {
        let organisations = try await RegisterStore.organisations(access.partnership, on: req.db)
        let title = editing.map { "Edit \($0.name)" } ?? "Add an indicator"
        let action = editing.map { SiteRoute.editIndicator(slug: access.slug, key: $0.key) } ?? .indicators(slug: access.slug)
        return Layout.page(req.frame(access, title: errors.isEmpty ? title : "Error: \(title)", section: .performance)) {
            Components.backLink(editing.map { .indicator(slug: access.slug, key: $0.key) } ?? .indicators(slug: access.slug))
            el("div", .class("app-grid-two-thirds")) {
                Components.errorSummary(errors)
                Components.heading(title, caption: access.partnership.name)
                el("form", .method("post"), .action(action.path), .init("novalidate", nil)) {
                    Components.csrfField(CSRF.token(for: req))
                    if let editing {
                        Components.summaryList([("Key", .text(editing.key))])
                        el("input", .type("hidden"), .name("key"), .value(editing.key))
                    } else {
                        Components.textInput(name: "key", label: "Key", value: values["key"], errors: errors,
                                             hint: "Used in data returns and the API; cannot be changed later. For example: cin_rate", width: "app-input--half")
                    }
                    Components.textInput(name: "name", label: "Name", value: values["name"], errors: errors)
                    Components.textarea(name: "definition", label: "Definition", value: values["definition"], errors: errors, hint: "Exactly what is counted, and when")
                    Components.select(name: "source_organisation", label: "Supplied by", options: organisations.map { ($0.name, $0.name) },
                                      selected: values["source_organisation"], errors: errors, includeBlank: "The business unit")
                    Components.select(name: "unit", label: "Unit", options: IndicatorDraft.units.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                      selected: values["unit"] ?? "count", errors: errors)
                    Components.select(name: "polarity", label: "Which way is better", options: Polarity.allCases.map { ($0.rawValue, $0.label) },
                                      selected: values["polarity"], errors: errors, includeBlank: "Select")
                    Components.textInput(name: "priority", label: "Priority it serves (optional)", value: values["priority"], errors: errors)
                    Components.select(name: "is_published", label: "Published in the yearly report", options: [("yes", "Yes"), ("no", "No")],
                                      selected: values["is_published"] ?? "yes", errors: errors)
                    Components.button(editing == nil ? "Add indicator" : "Save changes")
                }
            }
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editIndicators)
        return .html(try await form(req, access, editing: nil, values: [:], errors: []))
    }

    static func create(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editIndicators)
        let values = req.formFields()
        do {
            let draft = try IndicatorDraft.validate(values)
            let indicator = try await PerformanceStore.saveIndicator(draft, existing: nil, in: access.partnership, by: access.actor(req), on: req.db)
            req.flash("Added \(indicator.name)")
            return req.redirect(to: SiteRoute.indicator(slug: access.slug, key: indicator.key).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, editing: nil, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editIndicators)
        let indicator = try await PerformanceStore.indicator(key: req.parameters.get("key") ?? "", in: access.partnership, on: req.db)
        return .html(try await form(req, access, editing: indicator, values: fields(of: indicator), errors: []))
    }

    static func update(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try access.require(.editIndicators)
        let indicator = try await PerformanceStore.indicator(key: req.parameters.get("key") ?? "", in: access.partnership, on: req.db)
        var values = req.formFields()
        values["key"] = indicator.key
        do {
            let draft = try IndicatorDraft.validate(values)
            try await PerformanceStore.saveIndicator(draft, existing: indicator, in: access.partnership, by: access.actor(req), on: req.db)
            try await PerformanceStore.refreshEscalations(for: indicator, on: req.db)
            req.flash("Saved \(draft.name)")
            return req.redirect(to: SiteRoute.indicator(slug: access.slug, key: indicator.key).path)
        } catch let errors as ValidationErrors {
            return .html(try await form(req, access, editing: indicator, values: values, errors: errors.errors), status: .unprocessableEntity)
        }
    }
}
