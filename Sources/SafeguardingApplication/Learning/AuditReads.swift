import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The audit programme and each audit's tool, for one viewer: the tracker's readers see them,
/// the learning's editors build them, and each agency's contributors answer for their agency.
/// Audits are never restricted reviews, so nothing here is hidden from a reader.
public enum AuditReads {
    /// The audits of one year: the one asked for, else the newest with an audit (`DefaultYear`).
    public static func programmePage(_ viewer: Viewer, year asked: ReportingYear?, _ context: AppContext) async throws -> AuditProgrammePage {
        try viewer.require(.readLearning)
        let withAudits = try await LearningStore.yearsWithLearning(viewer.partnership, kinds: [.audit], hiding: viewer.hiddenSources, on: context.database)
        let year = asked ?? context.openingYear(withAudits)
        let years = DefaultYear.choices(try await LearningStore.yearsWithLearning(viewer.partnership, hiding: viewer.hiddenSources, on: context.database),
                                        showing: year)
        let audits = try await LearningReads.sources(viewer, kind: .audit, year: year, context)
            .sorted { ($0.source.plannedOn ?? $0.source.startedOn ?? $0.source.completedOn ?? "") < ($1.source.plannedOn ?? $1.source.startedOn ?? $1.source.completedOn ?? "") }
        return AuditProgrammePage(years: years, year: year, audits: try audits.map(AuditProgrammePage.Row.init), mayPlan: viewer.allows(.editLearning))
    }

    /// One audit's tool; "not found" for a source that is not an audit.
    public static func toolPage(_ viewer: Viewer, id: UUID, _ context: AppContext) async throws -> AuditToolPage {
        try viewer.require(.readLearning)
        return try await AuditToolPage.read(viewer, id: id, context)
    }

    /// One agency's answers for one case of an audit.
    public static func answersPage(_ viewer: Viewer, auditID: UUID, caseID: UUID, organisationID: UUID,
                                   _ context: AppContext) async throws -> AuditAnswersPage {
        try viewer.require(.readLearning)
        return try await AuditAnswersPage.read(viewer, auditID: auditID, caseID: caseID, organisationID: organisationID, context)
    }
}

extension AuditReads {
    static let registry: [ReadUseCase] = [
        .list("AuditReads.programmePage") { try await programmePage($0, year: nil, $1) },
        .record("AuditReads.toolPage", ids: LearningReads.sourceIDs) { try await toolPage($0, id: $1, $2) },
        // Every case of the audit with every agency taking part in it.
        .record("AuditReads.answersPage", ids: auditCaseIDs) { viewer, caseID, context in
            guard let auditCase = try await AuditCase.find(caseID, on: context.database) else { throw NotFound("audit case") }
            let participants = try await AuditParticipant.query(on: context.database).filter(\.$source.$id == auditCase.$source.id).all()
            var pages: [AuditAnswersPage] = []
            for participant in participants {
                pages.append(try await answersPage(viewer, auditID: auditCase.$source.id, caseID: caseID, organisationID: participant.$organisation.id, context))
            }
            return pages
        },
    ]

    @Sendable static func auditCaseIDs(_ partnership: Partnership, _ context: AppContext) async throws -> [UUID] {
        try await AuditCase.query(on: context.database).filter(\.$partnership.$id == partnership.requireID()).all().compactMap(\.id)
    }
}
