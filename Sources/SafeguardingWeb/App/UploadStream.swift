import SafeguardingApplication
import Vapor

/// An upload's body written to a temporary file as it arrives, so a large file is never held in
/// memory and other requests carry on while it comes in. A multipart form is parsed in the same
/// pass: its file part goes to disk, its other fields (a few, small) are kept. The form and the API
/// take the same path, so the same file takes the same time through either.
struct UploadStream {
    /// The small fields of a form, and its files by field name (each a temporary file).
    struct Received: Sendable {
        var fields: [String: String] = [:]
        var files: [String: UploadedFile] = [:]
        var paths: [String] = []

        /// Removes the temporary files.
        func remove() { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
    }

    /// The most a form field other than a file may hold.
    static let fieldLimit = 64 * 1024

    /// Streams a `multipart/form-data` body, up to the route's limit, then runs `body` with what
    /// arrived and removes the temporary files.
    static func form<T: Sendable>(_ req: Request, _ body: (Received) async throws -> T) async throws -> T {
        guard let boundary = req.headers.contentType?.parameters["boundary"], req.headers.contentType?.subType == "form-data" else {
            throw Abort(.unsupportedMediaType, reason: "Send the form as multipart/form-data")
        }
        let parts = PartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.header(name, value) }
        parser.onBody = { buffer in parts.body(&buffer) }
        parser.onPartComplete = { parts.complete() }
        let received = try await spool(req, into: parts, parser: parser)
        defer { received.remove() }
        return try await body(received)
    }

    /// Streams a raw body (the API's CSV) to a temporary file, then runs `body` with it.
    static func raw<T: Sendable>(_ req: Request, name: String, _ body: (UploadedFile?) async throws -> T) async throws -> T {
        let parts = PartCollector()
        parts.startRaw(name: name)
        let received = try await spool(req, into: parts, parser: nil)
        defer { received.remove() }
        return try await body(received.files[name])
    }

    private static func spool(_ req: Request, into parts: PartCollector, parser: MultipartParser?) async throws -> Received {
        let limit = req.bodyLimit
        if let length = req.declaredBodyLength, length > limit { throw req.tooLarge() }
        let io = req.application.threadPool
        var total = 0
        do {
            func take(_ chunk: ByteBuffer) async throws {
                total += chunk.readableBytes
                if total > limit { throw req.tooLarge() }
                if let parser { try parser.execute(chunk) } else { var copy = chunk; parts.body(&copy) }
                if parts.fieldTooLarge { throw Abort(.payloadTooLarge, reason: "A form field is longer than \(fieldLimit >> 10) kB.") }
                try await parts.flush(io)
            }
            if let collected = req.body.data {
                try await take(collected)
            } else if req.declaredBodyLength ?? (req.headers.contains(name: .transferEncoding) ? nil : 0) != 0 {
                for try await chunk in req.body { try await take(chunk) }
            }
            if parser == nil { parts.complete() }
            try await parts.flush(io)
        } catch {
            try? parts.closeOpenFile()
            parts.received.remove()
            if let abort = error as? any AbortError { throw abort }
            throw Abort(.badRequest, reason: "The upload could not be read: the form was cut short or is not multipart/form-data.")
        }
        return parts.received
    }
}

/// The parser's callbacks are synchronous; they queue what they see, and `flush` writes a file
/// part's bytes out after each chunk, so at most one chunk of a file is in memory at a time.
private final class PartCollector: @unchecked Sendable {
    var received = UploadStream.Received()
    var fieldTooLarge = false
    private var fieldName: String?
    private var fileName: String?
    private var value: [UInt8] = []
    private enum Event { case bytes(ByteBuffer), end }
    private var events: [(field: String, name: String, event: Event)] = []
    private var openFile: (handle: FileHandle, path: String, name: String, field: String, size: Int)?

    func startRaw(name: String) {
        fieldName = name
        fileName = name
    }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        fieldName = Self.parameter("name", in: value)
        fileName = Self.parameter("filename", in: value)
    }

    func body(_ buffer: inout ByteBuffer) {
        if let fileName {
            events.append((fieldName ?? "", fileName, .bytes(buffer)))
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        } else {
            value.append(contentsOf: buffer.readableBytesView)
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            if value.count > UploadStream.fieldLimit { fieldTooLarge = true }
        }
    }

    func complete() {
        if let fileName {
            events.append((fieldName ?? "", fileName, .end))
        } else if let fieldName {
            received.fields[fieldName] = String(decoding: value, as: UTF8.self)
        }
        fieldName = nil
        fileName = nil
        value = []
    }

    /// Writes the file bytes queued so far; closes a file when its part has ended.
    func flush(_ io: NIOThreadPool) async throws {
        let queued = events
        events = []
        for (field, name, event) in queued {
            if openFile == nil {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("safeguarding-upload-\(UUID().uuidString)").path
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                      let handle = FileHandle(forWritingAtPath: path) else {
                    throw Abort(.internalServerError, reason: "The upload could not be stored for reading.")
                }
                received.paths.append(path)
                openFile = (handle, path, name, field, 0)
            }
            switch event {
            case .bytes(let chunk):
                let handle = openFile!.handle
                try await io.runIfActive { try handle.write(contentsOf: chunk.readableBytesView) }
                openFile!.size += chunk.readableBytes
            case .end:
                try closeOpenFile()
            }
        }
    }

    func closeOpenFile() throws {
        guard let file = openFile else { return }
        openFile = nil
        try file.handle.close()
        // An empty file input still sends a part, with an empty file name: that is no file.
        if !file.name.isEmpty || file.size > 0 {
            received.files[file.field] = UploadedFile(name: file.name, path: file.path, size: file.size)
        }
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var found = String(pair.dropFirst(key.count + 1))
            if found.hasPrefix("\""), found.hasSuffix("\""), found.count >= 2 { found = String(found.dropFirst().dropLast()) }
            return found
        }
        return nil
    }
}
