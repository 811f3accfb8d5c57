import Crypto
import Foundation
import SafeguardingDomain

/// Reads a file's chunks, and computes its SHA-256, on a thread of its own while the caller parses
/// the chunks already read (issue 16): reading and hashing a 48 MB extract take about a fifth of
/// the time its rows take to count, and the machine has a second core. At most `depth` chunks
/// wait to be taken, so memory stays flat however large the file is.
///
/// The chunks are handed over in order, each exactly once. `stop()` (also safe after the end)
/// makes the thread finish the chunk it is reading and exit, and waits for it: call it before
/// returning, on every path, so the sequence is never read after the import has finished.
final class ChunkReadAhead: @unchecked Sendable {
    // Everything below is guarded by `condition`, except `hasher`, which only the reading thread
    // touches until it has exited (and `digest()` waits for that).
    private let condition = NSCondition()
    private var ready: [[UInt8]] = []
    private var readAll = false
    private var stopping = false
    private var exited = false
    private var hasher = SHA256()
    private let depth: Int

    /// The chunks, one at a time: called only on the reading thread, never at the same time as anywhere else.
    private final class Source: @unchecked Sendable {
        let next: () -> [UInt8]?
        init(_ next: @escaping () -> [UInt8]?) { self.next = next }
    }

    init(_ chunks: some Sequence<[UInt8]>, depth: Int = 3) {
        self.depth = depth
        var iterator = chunks.makeIterator()
        let source = Source { iterator.next() }
        let thread = Thread { [self] in read(source) }
        thread.name = "extract read-ahead"
        thread.start()
    }

    private func read(_ source: Source) {
        while let chunk = source.next() {
            hasher.update(data: chunk)
            condition.lock()
            while ready.count >= depth && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                break
            }
            ready.append(chunk)
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        readAll = true
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for it if it is still being read; nil after the last.
    func next() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !readAll { condition.wait() }
        if ready.isEmpty { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The SHA-256 of every chunk, in hex; waits for the reading to end (call after `next()` gave nil).
    func digest() -> String {
        waitForExit()
        return Hex.encode(hasher.finalize())
    }

    /// Stops the reading early, if it has not ended, and waits for the thread to exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        waitForExit()
    }

    private func waitForExit() {
        condition.lock()
        while !exited { condition.wait() }
        condition.unlock()
    }
}
