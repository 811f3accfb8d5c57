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
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
