import Vapor

extension Application {
    private struct PasswordHashingKey: StorageKey { typealias Value = NIOThreadPool }

    /// bcrypt runs here, on threads of its own: a burst of sign-ins queues for these few threads
    /// instead of taking the threads SQLite and file reads use, and never runs on an event loop.
    /// Made by `configure`, stopped when the app shuts down.
    var passwordHashing: NIOThreadPool {
        guard let pool = storage[PasswordHashingKey.self] else { fatalError("configure(_:_:) starts the password hashing pool") }
        return pool
    }

    /// Starts the bounded pool: two threads, or as many as there are cores up to four.
    func startPasswordHashing() async {
        let pool = NIOThreadPool(numberOfThreads: min(4, max(2, System.coreCount)))
        pool.start()
        await storage.setWithAsyncShutdown(PasswordHashingKey.self, to: pool) { try? await $0.shutdownGracefully() }
    }
}
