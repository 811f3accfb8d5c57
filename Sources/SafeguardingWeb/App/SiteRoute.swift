import SafeguardingDomain
import Vapor

/// Every page of the site. The same value registers a route and builds a link to it, so a link
/// cannot point at a page that does not exist.
public enum SiteRoute: Sendable, Equatable {
    case home
    case signIn
    case signOut
    case dashboard(slug: String)
    case organisations(slug: String)
    case newOrganisation(slug: String)
    case organisation(slug: String, id: UUID)
    case editOrganisation(slug: String, id: UUID)
    case subgroups(slug: String)
    case subgroup(slug: String, id: UUID)
    case newSubgroup(slug: String)
    case subgroupMeetings(slug: String, id: UUID)
    case finance(slug: String)
    case financeYear(slug: String, year: ReportingYear)
    case financeLines(slug: String, year: ReportingYear)
    case users(slug: String)
    case newUser(slug: String)
    case user(slug: String, id: UUID)
    case audit(slug: String)
    case indicators(slug: String)
    case indicator(slug: String, key: String)
    case newIndicator(slug: String)
    case editIndicator(slug: String, key: String)
    case indicatorStory(slug: String, key: String)
    case escalation(slug: String, key: String, id: UUID)
    case dataReturns(slug: String)
    case dataReturnValue(slug: String)
    case dataReturnUpload(slug: String)
    case extractUpload(slug: String)
    case stylesheet

    enum Segment {
        case constant(String)
        case parameter(String, String)
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .signIn: [.constant("login")]
        case .signOut: [.constant("logout")]
        case .stylesheet: [.constant("assets"), .constant("app.css")]
        case .dashboard(let slug): Self.partnership(slug)
        case .organisations(let slug): Self.partnership(slug) + [.constant("organisations")]
        case .newOrganisation(let slug): Self.partnership(slug) + [.constant("organisations"), .constant("new")]
        case let .organisation(slug, id): Self.partnership(slug) + [.constant("organisations"), .parameter("id", id.uuidString.lowercased())]
        case let .editOrganisation(slug, id): Self.partnership(slug) + [.constant("organisations"), .parameter("id", id.uuidString.lowercased()), .constant("edit")]
        case .subgroups(let slug): Self.partnership(slug) + [.constant("subgroups")]
        case let .subgroup(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased())]
        case .newSubgroup(let slug): Self.partnership(slug) + [.constant("subgroups"), .constant("new")]
        case let .subgroupMeetings(slug, id): Self.partnership(slug) + [.constant("subgroups"), .parameter("id", id.uuidString.lowercased()), .constant("meetings")]
        case .finance(let slug): Self.partnership(slug) + [.constant("finance")]
        case let .financeYear(slug, year): Self.partnership(slug) + [.constant("finance"), .parameter("year", year.description)]
        case let .financeLines(slug, year): Self.partnership(slug) + [.constant("finance"), .parameter("year", year.description), .constant("lines")]
        case .users(let slug): Self.partnership(slug) + [.constant("users")]
        case .newUser(let slug): Self.partnership(slug) + [.constant("users"), .constant("new")]
        case let .user(slug, id): Self.partnership(slug) + [.constant("users"), .parameter("id", id.uuidString.lowercased())]
        case .audit(let slug): Self.partnership(slug) + [.constant("audit")]
        case .indicators(let slug): Self.partnership(slug) + [.constant("indicators")]
        case let .indicator(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key)]
        case .newIndicator(let slug): Self.partnership(slug) + [.constant("indicators"), .constant("new")]
        case let .editIndicator(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("edit")]
        case let .indicatorStory(slug, key): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("story")]
        case let .escalation(slug, key, id): Self.partnership(slug) + [.constant("indicators"), .parameter("key", key), .constant("escalations"), .parameter("id", id.uuidString.lowercased())]
        case .dataReturns(let slug): Self.partnership(slug) + [.constant("data-returns")]
        case .dataReturnValue(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("value")]
        case .dataReturnUpload(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("upload")]
        case .extractUpload(let slug): Self.partnership(slug) + [.constant("data-returns"), .constant("extract")]
        }
    }

    private static func partnership(_ slug: String) -> [Segment] {
        [.constant("partnerships"), .parameter("slug", slug)]
    }

    /// The link: `/partnerships/calderdale/organisations`.
    public var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(_, let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
            }
        }.joined(separator: "/")
    }

    /// The pattern for the router: `partnerships/:slug/organisations`.
    var pattern: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }
}

/// Example values used only to build route patterns.
extension SiteRoute {
    static let anyYear = ReportingYear(startYear: 2000)
}

extension RoutesBuilder {
    @discardableResult
    func get(_ route: SiteRoute, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        self.get(route.pattern, use: handler)
    }

    @discardableResult
    func post(_ route: SiteRoute, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        self.post(route.pattern, use: handler)
    }
}
