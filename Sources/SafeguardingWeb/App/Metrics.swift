import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Request counts and durations per route, for Prometheus to scrape at `/metrics`.
final class RequestMetrics: Sendable {
    struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Totals {
        var count = 0
        var seconds = 0.0
        var queries = 0
    }

    private let state = NIOLockedValueBox<[Key: Totals]>([:])
    let started = Date()

    func observe(method: String, route: String, status: Int, seconds: Double, queries: Int) {
        state.withLockedValue { totals in
            let key = Key(method: method, route: route, status: status)
            totals[key, default: Totals()].count += 1
            totals[key, default: Totals()].seconds += seconds
            totals[key, default: Totals()].queries += queries
        }
    }

    /// Queries sent for every request answered so far.
    var queriesSoFar: Int { state.withLockedValue { $0.values.reduce(0) { $0 + $1.queries } } }

    func prometheusText(database: String) -> String {
        let snapshot = state.withLockedValue { $0 }.sorted { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }
        func escape(_ value: String) -> String {
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        }
        var out = "# HELP safeguarding_http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE safeguarding_http_requests_total counter\n"
        for (key, totals) in snapshot {
            out += "safeguarding_http_requests_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(totals.count)\n"
        }
        out += "# HELP safeguarding_http_request_duration_seconds_sum Time spent answering HTTP requests.\n"
        out += "# TYPE safeguarding_http_request_duration_seconds_sum counter\n"
        for (key, totals) in snapshot {
            out += "safeguarding_http_request_duration_seconds_sum{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(totals.seconds)\n"
        }
        out += "# HELP safeguarding_db_queries_total Database queries sent while answering HTTP requests.\n"
        out += "# TYPE safeguarding_db_queries_total counter\n"
        for (key, totals) in snapshot {
            out += "safeguarding_db_queries_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(totals.queries)\n"
        }
        out += "# HELP safeguarding_uptime_seconds Seconds since this instance started.\n"
        out += "# TYPE safeguarding_uptime_seconds gauge\n"
        out += "safeguarding_uptime_seconds \(Date().timeIntervalSince(started))\n"
        out += "# HELP safeguarding_info The database kind this instance uses.\n"
        out += "# TYPE safeguarding_info gauge\n"
        out += "safeguarding_info{database=\"\(database)\"} 1\n"
        return out
    }
}

struct MetricsMiddleware: AsyncMiddleware {
    let metrics: RequestMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next.respond(to: request)
        // The route's pattern, not its path, so one label per page however many records.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        metrics.observe(method: request.method.rawValue, route: route, status: Int(response.status.code), seconds: seconds,
                        queries: request.queryCounter.queries)
        return response
    }
}
