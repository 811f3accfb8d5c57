import FluentKit
import Foundation
import SafeguardingDomain

/// Partnerships themselves: creating one with the local authorities it covers, and listing them.
public enum PartnershipStore {
    /// Every partnership with its local authorities (primary first), by name.
    public static func all(on db: any Database) async throws -> [(partnership: Partnership, authorities: [PartnershipLocalAuthority])] {
        let partnerships = try await Partnership.query(on: db).sort(\.$name).sort(\.$slug).all()
        let rows = try await PartnershipLocalAuthority.query(on: db).sort(\.$position).all()
        let byPartnership = Dictionary(grouping: rows, by: { $0.$partnership.id })
        return partnerships.map { ($0, $0.id.flatMap { byPartnership[$0] } ?? []) }
    }

    /// The authorities a partnership covers, primary first.
    public static func localAuthorities(of partnership: Partnership, on db: any Database) async throws -> [PartnershipLocalAuthority] {
        try await PartnershipLocalAuthority.query(on: db).filter(\.$partnership.$id == partnership.requireID())
            .sort(\.$position).sort(\.$code).all()
    }

    /// Creates the partnership and its authorities (the first is the primary one) with an audit
    /// event, in one transaction (`db` may already be one). Refused, naming the field: a slug
    /// already taken, or an authority already covered by another partnership of this installation
    /// (by statute an authority's area has one set of safeguarding arrangements; the demo
    /// partnership does not count, so a real Calderdale can be made beside it).
    public static func create(_ draft: PartnershipDraft, authorities: [LocalAuthority], by actor: Actor,
                              on db: any Database) async throws -> Partnership {
        guard let primary = authorities.first else {
            throw ValidationErrors([FieldError(field: "local_authority", message: "Give at least one local authority code")])
        }
        return try await db.transaction { tx in
            var problems: [FieldError] = []
            if try await Partnership.query(on: tx).filter(\.$slug == draft.slug).first() != nil {
                problems.append(FieldError(field: "slug", message: "The slug \(draft.slug) is already taken by another partnership: choose another"))
            }
            let held = try await PartnershipLocalAuthority.query(on: tx).filter(\.$code ~~ authorities.map(\.code)).with(\.$partnership).all()
            for row in held where row.partnership.slug != DemoPartnership.slug {
                problems.append(FieldError(field: "local_authority",
                                           message: "\(row.code) \(row.name) is already covered by the partnership \(row.partnership.name) (\(row.partnership.slug))"))
            }
            guard problems.isEmpty else { throw ValidationErrors(problems) }
            let partnership = Partnership(name: draft.name, shortName: draft.shortName, slug: draft.slug,
                                          localAuthorityCode: primary.code, localAuthorityName: primary.name)
            try await partnership.create(on: tx)
            let pid = try partnership.requireID()
            for (position, authority) in authorities.enumerated() {
                try await PartnershipLocalAuthority(partnershipID: pid, code: authority.code, oldCode: authority.oldCode, name: authority.name,
                                                    regionCode: authority.regionCode, regionName: authority.regionName, position: position).create(on: tx)
            }
            let covered = authorities.map { "\($0.code) \($0.name)" }.joined(separator: "; ")
            try await AuditTrail.record(on: tx, partnershipID: pid, actor: actor, action: "create", subjectType: "partnership",
                                        subjectID: pid.uuidString, summary: "Created the partnership \(draft.name) covering \(covered)",
                                        changes: ["name": (nil, draft.name), "short_name": (nil, draft.shortName), "slug": (nil, draft.slug),
                                                  "local_authorities": (nil, authorities.map(\.code).joined(separator: ", "))])
            return partnership
        }
    }

    /// Gives a partnership made before it could cover several authorities (the demo) its one
    /// authority's full details; does nothing if they are there already.
    public static func completeLocalAuthority(_ authority: LocalAuthority, of partnership: Partnership, on db: any Database) async throws {
        let pid = try partnership.requireID()
        let row = try await PartnershipLocalAuthority.query(on: db).filter(\.$partnership.$id == pid).filter(\.$code == authority.code).first()
            ?? PartnershipLocalAuthority(partnershipID: pid, code: authority.code, oldCode: nil, name: authority.name, regionCode: nil, regionName: nil, position: 0)
        guard row.oldCode == nil || row.regionCode == nil || row.id == nil else { return }
        row.oldCode = authority.oldCode
        row.regionCode = authority.regionCode
        row.regionName = authority.regionName
        try await row.save(on: db)
    }
}
