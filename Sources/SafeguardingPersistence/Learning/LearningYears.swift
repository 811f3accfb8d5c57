import FluentKit
import Foundation
import SafeguardingDomain

extension LearningStore {
    /// The reporting years that hold learning, newest first: those with a source filed under them,
    /// optionally of `kinds`, leaving out `hidden` sources and rapid reviews with no finding or
    /// recommendation yet. Recording a serious incident files its rapid review under the year
    /// the partnership became aware, before there is anything to learn from it, so a year holding
    /// only incidents still on the statutory clock is not a year of learning (and is not where the
    /// learning pages open); every other kind of source is created on purpose as learning work.
    public static func yearsWithLearning(_ partnership: Partnership, kinds: [SourceKind]? = nil, hiding hidden: Set<UUID> = [],
                                         on db: any Database) async throws -> [ReportingYear] {
        var query = LearningSource.query(on: db).filter(\.$partnership.$id == (try partnership.requireID()))
        if let kinds { query = query.filter(\.$kind ~~ kinds) }
        let sources = try await query.field(\.$id).field(\.$kind).field(\.$reportingYear).all().filter { !hidden.contains($0.id!) }
        let rapidReviews = sources.filter { $0.kind == .rapidReview }.compactMap(\.id)
        var withContent: Set<UUID> = []
        if !rapidReviews.isEmpty {
            let findings = try await Finding.query(on: db).filter(\.$source.$id ~~ rapidReviews).field(\.$source.$id).all().map { $0.$source.id }
            let recommendations = try await Recommendation.query(on: db).filter(\.$source.$id ~~ rapidReviews).field(\.$source.$id).all().map { $0.$source.id }
            withContent = Set(findings + recommendations)
        }
        let counted = sources.filter { $0.kind != .rapidReview || withContent.contains($0.id!) }
        return Set(counted.compactMap(\.year)).sorted(by: >)
    }
}
