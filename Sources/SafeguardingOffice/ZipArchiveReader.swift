import Foundation
import ZIPFoundation

/// Reads the files of a plain `.zip` archive (the shipped official statistics), by path.
/// Directories are skipped; every file is read whole, since the callers parse each one anyway.
public enum ZipArchiveReader {
    /// A problem reading an archive, with the path it was about.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every file in the archive at `url`, keyed by its path inside the archive (`dfe_csc/b1_….csv`).
    public static func files(at url: URL) throws(Failure) -> [String: [UInt8]] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(description: "\(url.lastPathComponent) is not a readable zip archive")
        }
        var out: [String: [UInt8]] = [:]
        for entry in archive where entry.type == .file {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
            } catch {
                throw Failure(description: "\(url.lastPathComponent): cannot read \(entry.path) (\(error))")
            }
            out[entry.path] = bytes
        }
        return out
    }
}
