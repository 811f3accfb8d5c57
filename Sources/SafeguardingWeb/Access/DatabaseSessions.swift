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
        guard let read = try await Sessions.read(key: sessionID.string, request.context) else { return nil }
        request.storage[ReadSessionKey.self] = (sessionID.string, read)
        return SessionData(initialData: read.values)
    }

    /// Vapor calls this after every request with a session; what `readSession` read spares reading the row again.
    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let read = request.storage[ReadSessionKey.self]
        try await Sessions.save(key: sessionID.string, data.snapshot, known: read?.key == sessionID.string ? read?.session : nil, request.context)
        return sessionID
    }

    private struct ReadSessionKey: StorageKey {
        typealias Value = (key: String, session: Sessions.Read)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await Sessions.delete(key: sessionID.string, request.context)
    }
}
