import FluentKit
import Foundation
import SafeguardingPersistence

/// One read use case, as the registry test runs it: for a list, once per viewer; for one record,
/// once per viewer and record of that kind (restricted ones included).
public struct ReadUseCase: Sendable {
    public enum Shape: Sendable {
        case list(@Sendable (Viewer, AppContext) async throws -> any Sendable)
        /// The ids to try (every record of the kind in the partnership), and the read of one.
        case record(ids: @Sendable (Partnership, AppContext) async throws -> [UUID],
                    read: @Sendable (Viewer, UUID, AppContext) async throws -> any Sendable)
    }

    /// `Type.function`, as written in the source: the test checks every public read is listed.
    public let name: String
    public let shape: Shape

    public static func list(_ name: String, _ run: @escaping @Sendable (Viewer, AppContext) async throws -> any Sendable) -> ReadUseCase {
        ReadUseCase(name: name, shape: .list(run))
    }

    public static func record(_ name: String, ids: @escaping @Sendable (Partnership, AppContext) async throws -> [UUID],
                              _ read: @escaping @Sendable (Viewer, UUID, AppContext) async throws -> any Sendable) -> ReadUseCase {
        ReadUseCase(name: name, shape: .record(ids: ids, read: read))
    }
}

/// Every read use case of every module. A module adds its registry here; a test walks them all
/// for every role and proves no restricted record reaches a viewer who may not see it.
public enum ReadUseCases {
    public static let all: [ReadUseCase] = RegisterReads.registry + PerformanceReads.registry + LearningReads.registry + ReviewReads.registry
        + ReportReads.registry
}
