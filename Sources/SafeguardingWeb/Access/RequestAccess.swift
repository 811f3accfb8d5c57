import Fluent
import SafeguardingDomain
import SafeguardingPersistence
import Vapor

extension User: Authenticatable {}

/// Who is asking and where: the signed-in user, the partnership in the address, and the
/// user's grant there. Built once per request by `Request.partnershipAccess()`.
struct PartnershipAccess: Sendable {
    let user: User
    let partnership: Partnership
    let membership: Membership
    let otherPartnerships: [Partnership]
    /// Whether the user sits on the review subgroup (looked up only for roles it changes).
    var sitsOnReviewGroup = false

    var grant: Grant {
        Grant(role: membership.role, organisation: membership.grant.organisation, sitsOnReviewGroup: sitsOnReviewGroup)
    }
    var slug: String { partnership.slug }

    func allows(_ permission: Permission) -> Bool { Access.allows(grant, permission) }

    /// Throws 403 unless the grant allows it.
    func require(_ permission: Permission) throws {
        guard allows(permission) else { throw Abort(.forbidden, reason: "Your role does not allow this.") }
    }

    func actor(_ req: Request) -> Actor {
        Actor(userID: user.id, email: user.email, address: req.remoteAddress?.ipAddress ?? req.headers.first(name: .xForwardedFor))
    }

    /// May record this source's details, findings, recommendations and actions: the learning's
    /// editors, and for a practice review also the review subgroup.
    func mayEdit(_ source: LearningSource) -> Bool {
        allows(.editLearning) || (SourceKind.reviews.contains(source.kind) && allows(.recordReviews))
    }

    func requireEdit(_ source: LearningSource) throws {
        guard mayEdit(source) else { throw Abort(.forbidden, reason: "Your role does not allow this.") }
    }

    /// The sources of learning this person may not see: unpublished reviews, unless they may read them.
    func hiddenSources(_ req: Request) async throws -> Set<UUID> {
        allows(.readUnpublishedReviews) ? [] : try await ReviewStore.restrictedSourceIDs(partnership, on: req.db)
    }

    /// Throws "not found" for a source this person may not see, so an unpublished review's existence
    /// is not given away; records the view in the audit log when an unpublished review is opened.
    func checkVisible(_ source: LearningSource, _ req: Request) async throws {
        guard source.kind.isRestrictedReview, !source.isPublished else { return }
        guard allows(.readUnpublishedReviews) else { throw NotFound("source of learning") }
        try await ReviewStore.recordView(of: "learning_source", id: source.requireID(), title: source.title, in: partnership, by: actor(req), on: req.db)
    }
}

extension Request {
    /// The signed-in user from the session (pages) or the bearer token (API), if any.
    var currentUser: User? { auth.get(User.self) }

    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// Resolves `:slug` and checks the user belongs to that partnership. Someone who does not
    /// belong gets "not found", so a partnership's existence is not given away.
    func partnershipAccess() async throws -> PartnershipAccess {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        guard let slug = parameters.get("slug"), let partnership = try await RegisterStore.partnership(slug: slug, on: db) else {
            throw Abort(.notFound, reason: "There is no partnership at this address.")
        }
        let memberships = try await AccountStore.memberships(of: user.requireID(), on: db)
        guard let membership = memberships.first(where: { $0.$partnership.id == partnership.id }) else {
            throw Abort(.notFound, reason: "There is no partnership at this address.")
        }
        var access = PartnershipAccess(user: user, partnership: partnership, membership: membership,
                                       otherPartnerships: memberships.map(\.partnership).filter { $0.id != partnership.id })
        // Administrators and executive members already read reviews; young advisors never do.
        if [.contributor, .viewer, .childDeathPanelMember].contains(membership.role) {
            access.sitsOnReviewGroup = try await ReviewStore.sitsOnReviewGroup(userID: user.requireID(), in: partnership, on: db)
        }
        return access
    }

    /// A UUID path parameter; a malformed one is "not found", never a server error.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "There is no such record.")
        }
        return id
    }

    func yearParameter() throws -> ReportingYear {
        guard let text = parameters.get("year"), let year = ReportingYear(text) else {
            throw Abort(.notFound, reason: "Reporting years are written like 2023-24.")
        }
        return year
    }
}

/// Loads the user named in the session. Pages that need one send visitors without one to sign in.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let text = request.session.data["user"], let id = UUID(uuidString: text),
           let user = try await User.find(id, on: request.db), user.isActive {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}

struct RequireSignInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            return request.redirect(to: SiteRoute.signIn.path)
        }
        return try await next.respond(to: request)
    }
}

/// The API's bearer tokens: `Authorization: Bearer sgd_…`. No valid token, 401.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Send an API token in the Authorization header: Bearer TOKEN")
        }
        guard let user = try await AccountStore.user(forTokenDigest: Credentials.digest(ofToken: bearer.token), on: request.db) else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""], reason: "The API token is not valid")
        }
        request.auth.login(user)
        return try await next.respond(to: request)
    }
}
