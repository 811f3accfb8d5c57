import Foundation
import SafeguardingApplication
import Vapor

/// Vapor's sessions kept by `Sessions` in our own table with an expiry, in place of Fluent's
/// driver, whose rows never expire: with it, every visit to the sign-in page left a row behind for ever.
struct DatabaseSessionDriver: AsyncSessionDriver {
    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        SessionID(string: try await Sessions.create(data.snapshot, userAgent: request.headers.first(name: .userAgent), request.context))
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        try await Sessions.read(key: sessionID.string, request.context).map { SessionData(initialData: $0) }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        try await Sessions.save(key: sessionID.string, data.snapshot, request.context)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await Sessions.delete(key: sessionID.string, request.context)
    }
}
