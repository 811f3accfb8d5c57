import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// The data returns page: the forms for one value and for a file of values (for the indicators
/// the viewer's organisation supplies), the extract form for those who aggregate extracts, and
/// the recent imports.
public struct DataReturnFormsPage: Sendable {
    /// An indicator as a choice in a form.
    public struct IndicatorChoice: Sendable {
        public let key: String
        public let name: String
    }

    /// One import of values: a data return, an extract or official statistics.
    public struct ImportLine: Sendable {
        public let importedAt: Date
        public let actor: String
        public let fileName: String
        /// SHA-256 of the file, in hex.
        public let fileDigest: String
        /// `data_return`, `extract` or `official_statistics`.
        public let kind: String
        public let rowsRead: Int
        public let rowsWritten: Int
    }

    public let partnershipName: String
    /// The indicators the viewer may submit values for.
    public let ownIndicators: [IndicatorChoice]
    public let mayAggregateExtracts: Bool
    /// Every indicator, for the extract form; empty for a viewer who does not aggregate extracts.
    public let extractIndicators: [IndicatorChoice]
    /// The newest 50, newest first.
    public let imports: [ImportLine]
}

/// A file as it was uploaded through a form or the API: its name and its bytes, read whole.
public struct UploadedFile: Sendable {
    public let name: String
    private let content: Content

    private enum Content: Sendable {
        case bytes([UInt8])
        /// A temporary file the upload was streamed to as it arrived; the web layer removes it.
        case file(path: String, size: Int)
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.content = .bytes(bytes)
    }

    public init(name: String, path: String, size: Int) {
        self.name = name
        self.content = .file(path: path, size: size)
    }

    public var isEmpty: Bool {
        switch content {
        case .bytes(let bytes): bytes.isEmpty
        case .file(_, let size): size == 0
        }
    }

    /// The whole file, read when an importer needs it whole.
    public var bytes: [UInt8] {
        switch content {
        case .bytes(let bytes): return bytes
        case .file(let path, _): return (FileManager.default.contents(atPath: path)).map { Array($0) } ?? []
        }
    }

    /// The file a megabyte at a time, for importers that read it as a stream.
    public func chunks() -> AnySequence<[UInt8]> {
        switch content {
        case .bytes(let bytes):
            let size = 1 << 20
            return AnySequence(stride(from: 0, to: bytes.count, by: size).lazy.map { Array(bytes[$0..<min($0 + size, bytes.count)]) })
        case .file(let path, _):
            guard let handle = FileHandle(forReadingAtPath: path) else { return AnySequence([]) }
            return AnySequence(AnyIterator {
                let data = handle.readData(ofLength: 1 << 20)
                if data.isEmpty { try? handle.close(); return nil }
                return Array(data)
            })
        }
    }
}
