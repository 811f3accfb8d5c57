import Foundation
import SafeguardingDomain
import SafeguardingOffice

/// The national official statistics files every partnership's starter data comes from: the whole
/// files shipped in `Resources/official/official-statistics.zip` (see its LICENCE.md and
/// PROVENANCE.md), or newer releases of the same file names in a folder. Each file is parsed the
/// first time it is asked for, once per set.
public final class OfficialFiles: @unchecked Sendable {
    /// One file: where it came from, its digest, which release it is and its rows (header first).
    public struct File: Sendable {
        /// The file's name, `b1_children_in_need_2013_to_2025.csv`.
        public let name: String
        /// Where it was read: `official-statistics.zip:dfe_csc/b1_….csv` or a path in the folder.
        public let origin: String
        public let digest: String
        public let rows: [[String]]

        /// Which release the file is, as its own `time_period` column says (`time_period 2013 to 2025`),
        /// or the file's name for those without one (IMD 2019, the neighbour groupings).
        public var release: String {
            guard let header = rows.first, let column = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "time_period" }) else {
                return name
            }
            let periods = rows.dropFirst().compactMap { $0.count > column ? $0[column] : nil }.filter { !$0.isEmpty }
            guard let first = periods.min(), let last = periods.max() else { return name }
            return first == last ? "time_period \(first)" : "time_period \(first) to \(last)"
        }
    }

    /// The paths of the shipped files inside the archive (and, without the folder, the names looked
    /// for in a folder of newer releases).
    public enum Name {
        public static let childrenInNeed = "dfe_csc/b1_children_in_need_2013_to_2025.csv"
        public static let referrals = "dfe_csc/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
        public static let subsequentPlans = "dfe_csc/d3_cpps_subsequent_plan_2013_to_2025.csv"
        public static let plansAt31March = "dfe_csc/d5_cpps_at31march_by_duration_2013_to_2025.csv"
        public static let lookedAfter = "dfe_csc/cla_number_and_rate_per_10k_children.csv"
        public static let population = "dfe_csc/ons_mid-year_population_estimates_2012_to_2024.csv"
        public static let neighbours = "dfe_csc/New_Statistical_Neighbour_Groupings_April_2021.csv"
        public static let exclusions = "dfe_exclusions/exc_nat_region_la.csv"
        public static let homeEducation = "dfe_ehe/ehe_census.csv"
        public static let deprivation = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv"
        public static let deprivationPopulation = "imd2019/File_6_-_IoD2019_Population_Denominators.csv"
    }

    /// Where the set came from, for messages: the archive's name or the folder.
    public let origin: String
    private let bytes: [String: (origin: String, bytes: [UInt8])]
    private var parsed: [String: File] = [:]
    private let lock = NSLock()

    init(origin: String, bytes: [String: (origin: String, bytes: [UInt8])]) {
        self.origin = origin
        self.bytes = bytes
    }

    /// The archive's name in the application's resources.
    public static let archiveName = "official-statistics.zip"

    /// The shipped files, read from the archive once per process (every demo load and every new
    /// partnership uses the same parsed rows).
    public static func shipped() throws -> OfficialFiles {
        try shippedFiles.get()
    }

    private static let shippedFiles: Result<OfficialFiles, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "official-statistics", withExtension: "zip", subdirectory: "official") else {
            throw NotFound("the shipped official statistics (\(archiveName))")
        }
        let entries = try ZipArchiveReader.files(at: url)
        return OfficialFiles(origin: archiveName, bytes: entries.reduce(into: [:]) { $0[$1.key] = ("\(archiveName):\($1.key)", $1.value) })
    }

    /// Newer releases in `folder`: each shipped file's name is looked for there (directly, or in a
    /// subfolder of the same name as in the archive, `dfe_csc/…`); a name not found there is taken
    /// from the shipped archive, and its origin says so. Refused if the folder holds none of them.
    public static func newerReleases(in folder: URL) throws -> OfficialFiles {
        let shipped = try shipped()
        var found: [String: (origin: String, bytes: [UInt8])] = [:]
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationErrors([FieldError(field: "from", message: "\(folder.path) is not a folder")])
        }
        for path in shipped.bytes.keys {
            let name = (path as NSString).lastPathComponent
            for candidate in [folder.appendingPathComponent(path), folder.appendingPathComponent(name)] where found[path] == nil {
                if let data = manager.contents(atPath: candidate.path) { found[path] = (candidate.path, Array(data)) }
            }
        }
        guard !found.isEmpty else {
            let names = shipped.bytes.keys.map { ($0 as NSString).lastPathComponent }.sorted().joined(separator: ", ")
            throw ValidationErrors([FieldError(field: "from", message: "\(folder.path) holds none of the official files; expected some of: \(names)")])
        }
        for (path, entry) in shipped.bytes where found[path] == nil { found[path] = entry }
        return OfficialFiles(origin: folder.path, bytes: found)
    }

    /// A file, parsed on first use.
    public func file(_ path: String) throws -> File {
        lock.lock()
        defer { lock.unlock() }
        if let file = parsed[path] { return file }
        guard let entry = bytes[path] else { throw NotFound("the official file \(path)") }
        let file = File(name: (path as NSString).lastPathComponent, origin: entry.origin, digest: Importers.digest(entry.bytes),
                        rows: try CSVParser.rows(of: entry.bytes).map(\.fields))
        parsed[path] = file
        return file
    }

    /// The English local authorities, from the children-in-need file's latest year.
    public func localAuthorities() throws -> LocalAuthorityDirectory {
        try LocalAuthorityDirectory(eesRows: file(Name.childrenInNeed).rows)
    }
}
