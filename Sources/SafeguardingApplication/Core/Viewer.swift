import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The person asking, in one partnership: who they are, their role and organisation there, and
/// what restricted records they may not see. Resolved once per request (or command) by
/// `Viewer.resolve`, and handed to every use case, which applies the rules itself: no caller
/// filters restricted records or passes a list of what to hide.
public struct Viewer: Sendable {
    public let user: Account
    public let partnership: Partnership
    public let membership: Membership
    public let otherPartnerships: [Partnership]
    /// Whether the person sits on the review subgroup (looked up only for roles it changes).
    public let sitsOnReviewGroup: Bool
    /// Where the request came from, for the audit log.
    public let address: String?
    /// The learning sources this person may not see: unpublished practice reviews, unless the
    /// grant reads them. Only this layer reads it.
    let hiddenSources: Set<UUID>

    public var grant: Grant {
        Grant(role: membership.role, organisation: membership.grant.organisation, sitsOnReviewGroup: sitsOnReviewGroup)
    }
    public var slug: String { partnership.slug }
    public var role: Role { membership.role }
    public var actor: Actor { Actor(userID: user.id, email: user.email, address: address) }

    public func allows(_ permission: Permission) -> Bool { Access.allows(grant, permission) }

    /// Throws `AccessDenied` (a 403) unless the grant allows it.
    public func require(_ permission: Permission) throws(AccessDenied) {
        guard allows(permission) else { throw AccessDenied() }
    }

    /// May record this source's details, findings, recommendations and actions: the learning's
    /// editors, and for a practice review also the review subgroup.
    public func mayEdit(_ source: LearningSource) -> Bool {
        allows(.editLearning) || (SourceKind.reviews.contains(source.kind) && allows(.recordReviews))
    }

    public func requireEdit(_ source: LearningSource) throws(AccessDenied) {
        guard mayEdit(source) else { throw AccessDenied() }
    }

    /// The person in the partnership at `slug`. Someone who does not belong gets `NotFound`, so a
    /// partnership's existence is not given away. A seat on the review subgroup counts while it is
    /// held on `today`.
    public static func resolve(user: Account, slug: String, address: String?, today: CalendarDate, on db: any Database) async throws -> Viewer {
        // The person's memberships with their partnerships, in one query; a partnership they do not
        // belong to is not found, whether or not it exists.
        let memberships = try await AccountStore.memberships(of: user.id, on: db)
        guard let membership = memberships.first(where: { $0.partnership.slug == slug }) else {
            throw NotFound("partnership at this address")
        }
        let partnership = membership.partnership
        // Locked here by this partnership's administrators; the person's other partnerships carry on.
        guard membership.isActive else {
            throw AccessDenied("Your access to \(partnership.name) is locked. Ask its business unit to unlock it.")
        }
        // A seat changes what these roles may do with reviews: contributors, viewers and panel members
        // read them, and executive members (who read them anyway) record them. Administrators do
        // everything already; young advisors never do either.
        var sits = false
        if [.contributor, .viewer, .childDeathPanelMember, .executive].contains(membership.role) {
            sits = try await ReviewStore.sitsOnReviewGroup(userID: user.id, in: partnership, on: today, on: db)
        }
        let grant = Grant(role: membership.role, organisation: membership.grant.organisation, sitsOnReviewGroup: sits)
        let hidden = Access.allows(grant, .readUnpublishedReviews) ? [] : try await ReviewStore.restrictedSourceIDs(partnership, on: db)
        return Viewer(user: user, partnership: partnership, membership: membership,
                      otherPartnerships: memberships.filter(\.isActive).map(\.partnership).filter { $0.id != partnership.id },
                      sitsOnReviewGroup: sits, address: address, hiddenSources: hidden)
    }

    /// Whether this person may see the source; hidden ones do not exist for them.
    func maySee(sourceID: UUID) -> Bool { !hiddenSources.contains(sourceID) }
}

/// The person's role or organisation does not allow what they asked for (a 403).
public struct AccessDenied: Error, Sendable {
    public let reason: String
    public init(_ reason: String = "Your role does not allow this.") { self.reason = reason }
}
