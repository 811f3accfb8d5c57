import ArgumentParser
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingApplication

/// `safeguarding clock`: the statutory clock in working days (England and Wales bank holidays from
/// the database: the shipped 2018-2030 plus any imported).
struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clock", abstract: "Working days in England and Wales.",
                                                    subcommands: [Add.self, Between.self])

    static func date(_ text: String, _ name: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw CommandFailure(description: "\(name): expected a real date written as YYYY-MM-DD, like 2023-12-22") }
        return date
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints the date N working days after DATE (before it when N is negative).",
            discussion: "A negative N follows `--`, so it is not read as an option: safeguarding clock add -- 2024-01-03 -5")
        @ArgumentParser.Argument(help: "The starting date, YYYY-MM-DD. It does not count.") var date: String
        @ArgumentParser.Argument(help: "Working days to add.") var days: Int
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let start = try ClockCommand.date(date, "DATE")
            let count = days
            let result = try await withApplication(options) { app in
                let calendar = try await ReviewStore.calendar(on: app.db)
                do { return try calendar.adding(workingDays: count, to: start) } catch let error as ClockError { throw CommandFailure(description: error.description) }
            }
            print(result)
        }
    }

    struct Between: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prints the working days after FROM up to and including TO.")
        @ArgumentParser.Argument(help: "YYYY-MM-DD") var from: String
        @ArgumentParser.Argument(help: "YYYY-MM-DD") var to: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (start, end) = (try ClockCommand.date(from, "FROM"), try ClockCommand.date(to, "TO"))
            let result = try await withApplication(options) { app in
                let calendar = try await ReviewStore.calendar(on: app.db)
                do { return try calendar.workingDays(from: start, to: end) } catch let error as ClockError { throw CommandFailure(description: error.description) }
            }
            print(result)
        }
    }
}

/// `safeguarding holidays`: the bank holidays the clock runs on.
struct HolidaysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "holidays", abstract: "Bank holidays of England and Wales.",
                                                    subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Imports GOV.UK's bank-holidays.json (the england-and-wales division); each year in the file replaces that year's holidays.")
        @ArgumentParser.Argument(help: "The JSON file, as downloaded from https://www.gov.uk/bank-holidays.json") var file: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure(description: "FILE: cannot read \(file)") }
            let holidays: [BankHoliday]
            do { holidays = try BankHolidayFile.parse(data) } catch {
                throw CommandFailure(description: "\(file): " + error.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
            }
            let result = try await withApplication(options) { app in
                try await ReviewStore.importHolidays(holidays, by: .commandLine(), on: app.db)
            }
            let years = result.years
            print("Imported \(result.holidays) bank holidays for \(years.count == 1 ? "\(years[0])" : "\(years.first!) to \(years.last!)").")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the bank holidays of a year.")
        @ArgumentParser.Option(help: "The calendar year, like 2024.") var year: Int
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let wanted = year
            let calendar = try await withApplication(options) { app in try await ReviewStore.calendar(on: app.db) }
            let days = calendar.holidays.filter { $0.key.year == wanted }.sorted { $0.key < $1.key }
            if days.isEmpty {
                throw CommandFailure(description: "year: no bank holidays are known for \(wanted); they are known for \(calendar.coverage)")
            }
            for (date, title) in days { print("\(date)  \(CalendarDate.weekdayNames[date.weekday - 1].padding(toLength: 9, withPad: " ", startingAt: 0))  \(title)") }
        }
    }
}

/// `safeguarding incidents`: each serious incident's statutory deadlines, for the review subgroup's papers.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incidents", abstract: "Lists serious incidents with their statutory deadlines.")
    @ArgumentParser.Option(help: "The partnership's slug, for example calderdale.") var partnership: String
    @ArgumentParser.Option(help: "The date to judge deadlines by, YYYY-MM-DD. Default: today.") var today: String?
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let chosenDay = try today.map { try ClockCommand.date($0, "today") }
        let slug = partnership
        let lines: [String] = try await withApplication(options) { app in
            let day = chosenDay ?? app.appConfiguration.clock.today()
            let partnership = try await ImportCommand.partnership(slug, app)
            let clock = try await ReviewStore.clock(for: partnership, on: app.db)
            let calendar = clock.calendar
            return try await ReviewStore.incidents(partnership, clock: clock, on: app.db).flatMap { summary -> [String] in
                let head = "\(summary.incident.childReference) (aware \(summary.incident.awareOn))\(summary.incident.isOpen ? "" : ", rapid review submitted")"
                switch summary.deadlines {
                case let .failure(error): return [head, "  " + error.description]
                case let .success(deadlines):
                    return [head] + deadlines.map { d in
                        let state = (try? d.state(today: day, calendar: calendar).label) ?? "unknown"
                        return "  \(d.dueOn)  \(d.kind.label): \(state)"
                    }
                }
            }
        }
        print(lines.isEmpty ? "No serious incidents." : lines.joined(separator: "\n"))
    }
}
