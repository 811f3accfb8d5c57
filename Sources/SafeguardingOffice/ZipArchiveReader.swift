import Foundation
import ZIPFoundation

/// Reads the files of a plain `.zip` archive (the shipped official statistics), by path.
/// Directories are skipped; every file is read whole, since the callers parse each one anyway.
public enum ZipArchiveReader {
    /// A problem reading an archive, with the path it was about.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The largest file read from an archive, once unpacked: the biggest official file is a few MB.
    public static let largestFile = 256 << 20

    /// Every file in the archive at `url`, keyed by its path inside the archive (`dfe_csc/b1_….csv`).
    public static func files(at url: URL) throws(Failure) -> [String: [UInt8]] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(description: "\(url.lastPathComponent) is not a readable zip archive")
        }
        var out: [String: [UInt8]] = [:]
        struct TooLarge: Error {}
        for entry in archive where entry.type == .file {
            var bytes: [UInt8] = []
            // The size in the archive's header is the archive's word only: `Int(…)` of a forged
            // 64-bit size trapped, and reserving it whole would exhaust memory (a zip bomb).
            bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(largestFile))))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard bytes.count + chunk.count <= largestFile else { throw TooLarge() }
                    bytes.append(contentsOf: chunk)
                }
            } catch is TooLarge {
                throw Failure(description: "\(url.lastPathComponent): \(entry.path) is larger than \(largestFile >> 20) MB once unpacked")
            } catch {
                throw Failure(description: "\(url.lastPathComponent): cannot read \(entry.path) (\(error))")
            }
            out[entry.path] = bytes
        }
        return out
    }
}
