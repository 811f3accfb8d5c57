import ArgumentParser
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingApplication
import Vapor

/// Every subcommand but `serve`, which the executable adds: these run on the application layer
/// alone, without routes, sessions or a web server.
public enum SafeguardingCommands {
    public static let all: [any ParsableCommand.Type] = [
        Migrate.self, Demo.self, PartnershipCommand.self, OfficialCommand.self, UserCommand.self, TokenCommand.self, ImportCommand.self, ActionsCommand.self, SurveyCommand.self,
        ClockCommand.self, HolidaysCommand.self, IncidentsCommand.self, ReportCommand.self, BackupCommand.self, RestoreCommand.self,
    ]
}

/// `--database`, taken by every subcommand.
public struct DatabaseOptions: ParsableArguments {
    public init() {}

    @ArgumentParser.Option(name: .long, help: "postgres://USER:PASSWORD@HOST:PORT/DB, sqlite:PATH or a file path. Default: DATABASE_URL, else ./data/safeguarding.sqlite")
    public var database: String?
}

/// A problem a person can fix, printed without a stack trace.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// What a subcommand works with: the database, opened and migrated, and the configuration read
/// from the environment.
struct CommandEnvironment: Sendable {
    let db: any Database
    let appConfiguration: AppConfiguration

    /// Today's date (pinned by `SAFEGUARDING_TODAY` if set) and the database, for use cases.
    var context: AppContext { AppContext(database: db, today: appConfiguration.clock.today()) }
}

/// Opens the chosen database (migrated, with the demo if asked), runs `body`, and closes it. No
/// web server, routes or sessions are started.
func withApplication<T: Sendable>(_ options: DatabaseOptions, demo: Bool = false,
                                  _ body: @Sendable (CommandEnvironment) async throws -> T) async throws -> T {
    let config: AppConfiguration
    do {
        config = try AppConfiguration.fromEnvironment(database: options.database)
    } catch let error as DatabaseLocationError {
        throw CommandFailure(description: error.message)
    }
    let runtime: DatabaseRuntime
    do {
        runtime = try await DatabaseRuntime.open(config.database)
    } catch {
        throw CommandFailure(description: failureMessage(for: error))
    }
    do {
        if demo {
            let cost = config.passwordCost
            try await DemoData.load(on: runtime.database, today: config.clock.today()) { try Bcrypt.hash($0, cost: cost) }
        }
        let result = try await body(CommandEnvironment(db: runtime.database, appConfiguration: config))
        await runtime.shutdown()
        return result
    } catch {
        await runtime.shutdown()
        throw CommandFailure(description: failureMessage(for: error))
    }
}

public func failureMessage(for error: any Error) -> String {
    switch error {
    case let error as DatabaseLocationError: error.message
    case let error as ValidationErrors: error.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n")
    case let error as CommandFailure: error.description
    case let error as NotFound: "Not found: \(error.what)"
    default: String(describing: error)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Brings the database's tables up to date.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await withApplication(options) { _ in }
        print("The database is up to date.")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The demo partnership.", subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Adds the demo partnership, or whatever of it is missing.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await withApplication(options, demo: true) { _ in }
            print("Loaded the demo partnership '\(DemoPartnership.slug)'. Sign-ins use the password \(DemoPartnership.password):")
            for account in DemoPartnership.accounts { print("  \(account.email)  \(account.role.label)") }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "User accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Adds a user with a role in a partnership. The password is read from standard input.")
        @ArgumentParser.Option var email: String
        @ArgumentParser.Option var name: String
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @ArgumentParser.Option(help: "The partnership's slug, for example calderdale.") var partnership: String
        @ArgumentParser.Option(help: "The organisation's name; required for a contributor.") var organisation: String?
        @ArgumentParser.Flag(help: "Read the password from standard input (required: passwords never go on the command line).") var passwordStdin = false
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard passwordStdin else { throw ValidationError("Pass --password-stdin and send the password on standard input") }
        }

        func run() async throws {
            let password = (readLine(strippingNewline: true) ?? "")
            var fields = ["email": email, "name": name, "role": role, "password": password]
            fields["organisation"] = organisation
            let draft: UserDraft
            do {
                draft = try UserDraft.validate(fields)
            } catch {
                throw CommandFailure(description: failureMessage(for: error))
            }
            let slug = partnership
            try await withApplication(options) { app in
                guard let partnership = try await RegisterStore.partnership(slug: slug, on: app.db) else {
                    throw CommandFailure(description: "partnership: there is no partnership with the slug \(slug)")
                }
                let hash = try Bcrypt.hash(draft.password, cost: app.appConfiguration.passwordCost)
                _ = try await AccountStore.addUser(draft, to: partnership, passwordHash: hash, by: .commandLine(), on: app.db)
            }
            print("Added \(draft.email) as \(draft.role.label.lowercased()) in \(slug).")
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Creates an API token for a user and prints it once.")
        @ArgumentParser.Option var email: String
        @ArgumentParser.Option(help: "What the token is for.") var name = "command line"
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let email = self.email
            let name = self.name
            let token = try await withApplication(options) { app -> String in
                guard let user = try await AccountStore.user(email: email, on: app.db) else {
                    throw CommandFailure(description: "email: there is no user with the email \(email)")
                }
                let token = Credentials.newToken()
                try await AccountStore.createToken(for: user, name: name, digest: Credentials.digest(ofToken: token), on: app.db)
                return token
            }
            print(token)
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Imports data: IMD 2019, data returns, record-level extracts, official statistics.",
                                                    subcommands: [IMD.self, Values.self, Extract.self, Official.self])

    /// Streams a file in 1 MB pieces, so memory stays flat however large the file is.
    struct FileChunks: Sequence, IteratorProtocol {
        let handle: FileHandle
        mutating func next() -> [UInt8]? {
            let data = handle.readData(ofLength: 1 << 20)
            return data.isEmpty ? nil : Array(data)
        }
    }

    static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure(description: "file: cannot read \(path)") }
        return handle
    }

    static func partnership(_ slug: String, _ app: CommandEnvironment) async throws -> Partnership {
        guard let partnership = try await RegisterStore.partnership(slug: slug, on: app.db) else {
            throw CommandFailure(description: "partnership: there is no partnership with the slug \(slug)")
        }
        return partnership
    }

    struct IMD: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Loads the English Indices of Deprivation 2019 (File 1), and optionally File 6 for children 0-15.")
        @ArgumentParser.Argument(help: "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv") var file: String
        @ArgumentParser.Option(help: "File_6_-_IoD2019_Population_Denominators.csv") var population: String?
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let imd = try CSVParser.rows(of: Array(try Data(contentsOf: URL(fileURLWithPath: file)))).map(\.fields)
            let children = try population.map { try CSVParser.rows(of: Array(try Data(contentsOf: URL(fileURLWithPath: $0)))).map(\.fields) }
            let rows = try DeprivationFile.rows(imd: imd, population: children)
            let count = try await withApplication(options) { app in try await PerformanceStore.loadDeprivation(rows, on: app.db) }
            print("Loaded \(count) LSOAs.")
        }
    }

    struct Values: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Imports a data return: indicator,period,series,breakdown,group,value,numerator,denominator.")
        @ArgumentParser.Argument var file: String
        @ArgumentParser.Option var partnership: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (file, slug) = (self.file, self.partnership)
            let handle = try ImportCommand.open(file)
            defer { try? handle.close() }
            // A workbook is a zip archive, read whole; CSV streams in 1 MB chunks (a 100 MB file was
            // read into memory several times over: 884 MB).
            let isWorkbook = file.lowercased().hasSuffix(".xlsx") || handle.readData(ofLength: 4) == Data([0x50, 0x4B, 0x03, 0x04])
            try handle.seek(toOffset: 0)
            let name = (file as NSString).lastPathComponent
            let grant = Grant(role: .administrator, organisation: nil)
            let count = try await withApplication(options) { app in
                let partnership = try await ImportCommand.partnership(slug, app)
                if isWorkbook {
                    return try await Importers.dataReturn(Array(handle.readDataToEndOfFile()), fileName: name, partnership: partnership,
                                                          grant: grant, actor: .commandLine(), on: app.db)
                }
                return try await Importers.dataReturn(chunks: FileChunks(handle: handle), fileName: name, partnership: partnership,
                                                      grant: grant, actor: .commandLine(), on: app.db)
            }
            print("Imported \(count) values.")
        }
    }

    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Aggregates a record-level extract (event_date,lsoa,age,gender,ethnicity[,child_ref]) into an indicator; rows are not kept.")
        @ArgumentParser.Argument var file: String
        @ArgumentParser.Option var partnership: String
        @ArgumentParser.Option(help: "The indicator's key.") var indicator: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (file, slug, key) = (self.file, self.partnership, self.indicator)
            let handle = try ImportCommand.open(file)
            let outcome = try await withApplication(options) { app in
                let partnership = try await ImportCommand.partnership(slug, app)
                let indicator = try await PerformanceStore.indicator(key: key, in: partnership, on: app.db)
                return try await Importers.extract(chunks: FileChunks(handle: handle), fileName: (file as NSString).lastPathComponent, indicator: indicator,
                                                   partnership: partnership, actor: .commandLine(), on: app.db)
            }
            print(outcome.summary)
        }
    }

    struct Official: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Imports a DfE explore-education-statistics CSV into an indicator: local, England, region and statistical neighbours.")
        @ArgumentParser.Argument var file: String
        @ArgumentParser.Option var partnership: String
        @ArgumentParser.Option(help: "The indicator's key.") var indicator: String
        @ArgumentParser.Option(help: "The measure column, for example At31_episodes.") var measure: String
        @ArgumentParser.Option(help: "Compute a rate per 10,000 children with this ONS 0-17 population file (DfE convention).") var population: String?
        @ArgumentParser.Option(help: "The statistical neighbour groupings file.") var neighbours: String?
        @ArgumentParser.Option(help: "Keep rows where COLUMN=VALUE (repeatable).") var filter: [String] = []
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            var filters: [String: String] = [:]
            for item in filter {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CommandFailure(description: "filter: expected COLUMN=VALUE, got \(item)") }
                filters[parts[0]] = parts[1]
            }
            let rows = try CSVParser.rows(of: Array(try Data(contentsOf: URL(fileURLWithPath: file)))).map(\.fields)
            let populations = try population.map { try OfficialStatisticsImport.populations(from: try CSVParser.rows(of: Array(try Data(contentsOf: URL(fileURLWithPath: $0)))).map(\.fields)) } ?? [:]
            let groupings = try neighbours.map { StatisticalNeighbours.parse(rows: try CSVParser.rows(of: Array(try Data(contentsOf: URL(fileURLWithPath: $0)))).map(\.fields)) } ?? [:]
            let spec = OfficialStatisticsImport(measure: population == nil ? .asPublished(measure) : .perTenThousandChildren(measure), filters: filters)
            let (file, slug, key) = (self.file, self.partnership, self.indicator)
            let digest = Importers.digest(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            let count = try await withApplication(options) { app in
                let partnership = try await ImportCommand.partnership(slug, app)
                let indicator = try await PerformanceStore.indicator(key: key, in: partnership, on: app.db)
                let oldCode = rows.first.flatMap { header in
                    rows.dropFirst().first { $0.contains(partnership.localAuthorityCode) }.flatMap { row in header.firstIndex(of: "old_la_code").map { row[$0] } }
                }
                let outcome = try spec.values(rows: rows, indicatorID: indicator.id!, laCode: partnership.localAuthorityCode,
                                              neighbours: Set(oldCode.flatMap { groupings[$0] } ?? []), populations: populations)
                try await PerformanceStore.write(outcome.writes, record: .init(kind: "official_statistics", fileName: (file as NSString).lastPathComponent,
                                                                                digest: digest, rowsRead: rows.count - 1, notes: nil, indicatorID: indicator.id),
                                                 in: partnership, by: .commandLine(), on: app.db)
                try await PerformanceStore.refreshEscalations(for: indicator, on: app.db)
                return outcome.writes.count
            }
            print("Imported \(count) values.")
        }
    }
}
