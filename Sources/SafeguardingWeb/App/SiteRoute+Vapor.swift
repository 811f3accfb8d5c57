import SafeguardingApplication
import SafeguardingDomain
import Vapor

extension SiteRoute {
    /// The pattern for the router: `partnerships/:slug/organisations`.
    var pattern: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// Example values used only to build route patterns.
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
