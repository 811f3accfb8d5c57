import Foundation
import SafeguardingApplication
import SafeguardingDomain
import Vapor

/// `/api/v1/partnerships/{slug}/indicators…` and the CSV import.
enum PerformanceAPI {
    struct IndicatorJSON: Content {
        let key: String
        let name: String
        let definition: String
        let unit: String
        let polarity: String
        let source_organisation: String?
        let priority: String?
        let is_published: Bool
        let is_illustrative: Bool
    }

    struct PointJSON: Content {
        let period: String
        let series: String
        let breakdown: String
        let group: String
        let value: Double
        let numerator: Double?
        let denominator: Double?
    }

    struct ValuesJSON: Content {
        let indicator: IndicatorJSON
        let points: [PointJSON]
    }

    static func json(_ i: IndicatorRecord) -> IndicatorJSON {
        IndicatorJSON(key: i.key, name: i.name, definition: i.definition, unit: i.unit, polarity: i.polarity.rawValue,
                      source_organisation: i.sourceOrganisationName, priority: i.priority, is_published: i.isPublished, is_illustrative: i.isIllustrative)
    }

    static func indicators(_ req: Request) async throws -> [IndicatorJSON] {
        let viewer = try await req.partnershipAccess()
        return try await PerformanceReads.indicators(viewer, req.context).map(json)
    }

    static func values(_ req: Request) async throws -> ValuesJSON {
        let viewer = try await req.partnershipAccess()
        let values = try await PerformanceReads.values(viewer, key: req.keyParameter(), req.context)
        return ValuesJSON(indicator: json(values.indicator), points: values.points.map {
            PointJSON(period: $0.period, series: $0.series, breakdown: $0.breakdown, group: $0.group, value: $0.value, numerator: $0.numerator,
                      denominator: $0.denominator)
        })
    }

    struct ImportedJSON: Content {
        let rows_written: Int
    }

    static func importValues(_ req: Request) async throws -> Response {
        let viewer = try await req.partnershipAccess()
        try PerformanceWrites.requireMayUploadValues(viewer)
        let count = try await UploadStream.raw(req, name: "API upload") { file in
            try await PerformanceWrites.importValues(viewer, body: file, req.context)
        }
        return try await ImportedJSON(rows_written: count).encodeResponse(status: .ok, for: req)
    }
}
