import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// JSON under `/api/v1`, with the same permissions as the pages.
enum RegisterAPI {
    struct OrganisationJSON: Content {
        let id: UUID
        let name: String
        let kind: String
        let kind_label: String
        let sector: String
        let type_description: String?
        let lead_partner_role: String?
        let delegated_partner_role: String?
        let contact_email: String?
        let joined_on: String
        let left_on: String?

        init(_ o: OrganisationRecord) {
            id = o.id
            name = o.name
            kind = o.kind.rawValue
            kind_label = o.kind.label
            sector = o.sector.rawValue
            type_description = o.typeDescription
            lead_partner_role = o.leadPartnerRole
            delegated_partner_role = o.delegatedPartnerRole
            contact_email = o.contactEmail
            joined_on = o.joinedOn.description
            left_on = o.leftOn?.description
        }
    }

    struct ContributionJSON: Content {
        let id: UUID
        let label: String
        let category: String
        let organisation: String?
        let amount_pence: Int
        let note: String?
    }

    struct FinanceJSON: Content {
        let partnership: String
        let reporting_year: String
        let first_day: String
        let last_day: String
        let contributions: [ContributionJSON]
        let total_pence: Int
    }

    struct GroupJSON: Content {
        let id: UUID
        let name: String
        let kind: String
        let purpose: String
        let chair: String?
        let reports_to: UUID?
        let joint_with: String?
        let set_up_on: String?
        let closed_on: String?
    }

    struct MeJSON: Content {
        struct Partnership: Content {
            let slug: String
            let name: String
            let role: String
            let organisation_id: UUID?
        }
        let email: String
        let name: String
        let partnerships: [Partnership]
    }

    static func me(_ req: Request) async throws -> MeJSON {
        guard let user = req.currentUser else { throw Abort(.unauthorized) }
        let me = try await RegisterReads.me(user, req.context)
        return MeJSON(email: me.email, name: me.name, partnerships: me.partnerships.map {
            .init(slug: $0.slug, name: $0.name, role: $0.role.rawValue, organisation_id: $0.organisationID)
        })
    }

    static func organisations(_ req: Request) async throws -> [OrganisationJSON] {
        let access = try await req.partnershipAccess()
        return try await RegisterReads.organisations(access, req.context).organisations.map { OrganisationJSON($0.organisation) }
    }

    static func organisation(_ req: Request) async throws -> OrganisationJSON {
        let access = try await req.partnershipAccess()
        return OrganisationJSON(try await RegisterReads.organisation(access, id: req.uuidParameter("id"), req.context))
    }

    static func createOrganisation(_ req: Request) async throws -> Response {
        let access = try await req.partnershipAccess()
        try RegisterWrites.requireAddOrganisation(access)
        let organisation = try await RegisterWrites.createOrganisation(access, try req.jsonFields(), req.context)
        return try await OrganisationJSON(organisation).encodeResponse(status: .created, for: req)
    }

    /// Replaces an organisation's fields. A contributor may update only their own organisation,
    /// and only its details: name, kind, sector and partner roles stay as they are (`RegisterWrites` decides).
    static func updateOrganisation(_ req: Request) async throws -> OrganisationJSON {
        let access = try await req.partnershipAccess()
        let id = try req.uuidParameter("id")
        // Not found, then not allowed, then a bad body: the order the API has always answered in.
        _ = try await RegisterReads.editOrganisationForm(access, id: id, req.context)
        return OrganisationJSON(try await RegisterWrites.updateOrganisation(access, id: id, try req.jsonFields(), req.context))
    }

    static func finance(_ req: Request) async throws -> FinanceJSON {
        let access = try await req.partnershipAccess()
        try RegisterReads.requireReadFinance(access)
        let year = try req.yearParameter()
        let finance = try await RegisterReads.finance(access, year: year, req.context)
        return FinanceJSON(partnership: access.slug, reporting_year: year.description, first_day: year.firstDay.description,
                           last_day: year.lastDay.description,
                           contributions: finance.contributions.map {
                               ContributionJSON(id: $0.id, label: $0.label, category: $0.category.rawValue, organisation: $0.organisation,
                                                amount_pence: $0.amount.value, note: $0.note)
                           },
                           total_pence: finance.total.value)
    }

    static func groups(_ req: Request) async throws -> [GroupJSON] {
        let access = try await req.partnershipAccess()
        return try await RegisterReads.groups(access, req.context).groups.map {
            GroupJSON(id: $0.id, name: $0.name, kind: $0.kind.rawValue, purpose: $0.purpose, chair: $0.chair,
                      reports_to: $0.reportsToID, joint_with: $0.jointWith, set_up_on: $0.setUpOn?.description, closed_on: $0.closedOn?.description)
        }
    }
}

/// A JSON value read as text, so `{"name": "X", "amount": 12}` and nulls all become fields.
struct LooseText: Decodable {
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { text = nil }
        else if let string = try? container.decode(String.self) { text = string }
        else if let int = try? container.decode(Int.self) { text = String(int) }
        else if let double = try? container.decode(Double.self) { text = String(double) }
        else if let bool = try? container.decode(Bool.self) { text = String(bool) }
        // A list of text (terms of reference, options) is one item per line, as the forms send it.
        else if let list = try? container.decode([String].self) { text = list.joined(separator: "\n") }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected text, a number, true, false, a list of text or null") }
    }
}

extension Request {
    /// The JSON body as text fields. Anything but a JSON object of simple values is a 400 naming what was expected.
    func jsonFields() throws -> [String: String] {
        guard headers.contentType == .json else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as JSON with Content-Type: application/json")
        }
        do {
            return try content.decode([String: LooseText].self).compactMapValues(\.text)
        } catch {
            throw Abort(.badRequest, reason: "The body must be a JSON object whose values are text, numbers, true, false, lists of text or null")
        }
    }
}
