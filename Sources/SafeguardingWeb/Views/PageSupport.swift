import SafeguardingApplication
import SafeguardingDomain
import Vapor

extension Request {
    func frame(_ access: PartnershipAccess, title: String, section: PageFrame.Section) -> PageFrame {
        PageFrame(title: title,
                  signedIn: .init(name: access.user.name, slug: access.slug, partnershipName: access.partnership.name,
                                  roleLabel: access.membership.role.label, canManageUsers: access.allows(.manageUsers),
                                  canReadAudit: access.allows(.readAuditLog), canReadLearning: access.allows(.readLearning),
                                  canReadReviews: access.allows(.readLearning) || access.allows(.readUnpublishedReviews),
                                  canReadReport: access.allows(.readReportDraft), isDemo: DemoData.isDemo(slug: access.slug),
                                  hasOtherPartnerships: !access.otherPartnerships.isEmpty),
                  section: section, csrf: CSRF.token(for: self))
    }

    /// A one-time message shown on the next page, after a redirect.
    func flash(_ message: String) { session.data["flash"] = message }

    func takeFlash() -> String? {
        guard hasSession, let message = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        return message
    }

    /// The submitted form as text fields. An unreadable body reads as no fields.
    func formFields() -> [String: String] {
        (try? content.decode([String: String].self)) ?? [:]
    }
}

extension Response {
    static func html(_ markup: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: markup))
    }
}
