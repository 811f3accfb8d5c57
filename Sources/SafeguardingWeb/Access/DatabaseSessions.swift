import Fluent
import Foundation
import SafeguardingApplication
import SafeguardingPersistence
import SafeguardingDomain
import Vapor

/// Sessions in our own table with an expiry, in place of Fluent's driver, whose rows never expire:
/// with it, every visit to the sign-in page left a row behind for ever.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let anonymousLifetime: TimeInterval = 60 * 60
    static let signedInLifetime: TimeInterval = 8 * 60 * 60

    static func lifetime(of data: SessionData) -> TimeInterval {
        data["user"] == nil ? anonymousLifetime : signedInLifetime
    }

    /// Sorted keys, so the same values always encode to the same text and an unchanged session is seen as unchanged.
    static func encode(_ data: SessionData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data.snapshot), as: UTF8.self)
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        // Creating is rare (once per visitor), so it is where expired sessions are swept away.
        try await StoredSession.query(on: request.db).filter(\.$expiresAt < Date()).delete()
        let key = Hex.random()
        try await StoredSession(key: key, data: Self.encode(data), expiresAt: Date().addingTimeInterval(Self.lifetime(of: data))).create(on: request.db)
        return SessionID(string: key)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let row = try await StoredSession.query(on: request.db).filter(\.$key == sessionID.string).first(),
              row.expiresAt > Date(),
              let values = try? JSONDecoder().decode([String: String].self, from: Data(row.data.utf8)) else { return nil }
        return SessionData(initialData: values)
    }

    /// Called after every request. Writes only when the values changed or the expiry needs
    /// sliding forward, so reading pages does not mean writing to the database each time.
    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let encoded = try Self.encode(data)
        let expiry = Date().addingTimeInterval(Self.lifetime(of: data))
        guard let row = try await StoredSession.query(on: request.db).filter(\.$key == sessionID.string).first() else {
            try await StoredSession(key: sessionID.string, data: encoded, expiresAt: expiry).create(on: request.db)
            return sessionID
        }
        if row.data != encoded || row.expiresAt.timeIntervalSince(Date()) < Self.lifetime(of: data) - 15 * 60 {
            row.data = encoded
            row.expiresAt = expiry
            try await row.update(on: request.db)
        }
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await StoredSession.query(on: request.db).filter(\.$key == sessionID.string).delete()
    }
}
