import ArgumentParser
import FluentKit
import Foundation
import SafeguardingDomain
import SafeguardingPersistence
import SafeguardingApplication

/// `safeguarding actions`: the tracker's actions for a meeting pack or another system, as a table or CSV.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actions", abstract: "Lists the learning tracker's actions (open, overdue, done, dropped or all).")
    @ArgumentParser.Option(help: "The partnership's slug, for example calderdale.") var partnership: String
    @ArgumentParser.Option(help: "open, overdue, done, dropped or all.") var status = "open"
    @ArgumentParser.Option(help: "Only the actions this organisation owns (its name).") var organisation: String?
    @ArgumentParser.Option(help: "The date to judge overdue by, YYYY-MM-DD. Default: today.") var today: String?
    @ArgumentParser.Flag(help: "Write CSV instead of a table.") var csv = false
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        guard let filter = LearningStore.ActionFilter(rawValue: status) else {
            throw CommandFailure(description: "status: expected one of \(LearningStore.ActionFilter.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var day: CalendarDate?
        if let today {
            guard let parsed = CalendarDate(iso: today) else { throw CommandFailure(description: "today: expected a real date written as YYYY-MM-DD") }
            day = parsed
        }
        let (slug, organisationName, chosenDay) = (partnership, organisation, day)
        let rows: [[String]] = try await withApplication(options) { app in
            let asOf = chosenDay ?? app.appConfiguration.clock.today()
            let partnership = try await ImportCommand.partnership(slug, app)
            var organisationID: UUID?
            if let organisationName {
                guard let found = try await RegisterStore.organisation(named: organisationName, in: partnership, on: app.db) else {
                    throw CommandFailure(description: "organisation: there is no organisation called \(organisationName)")
                }
                organisationID = found.id
            }
            return try await LearningStore.actions(partnership, filter: filter, organisationID: organisationID, today: asOf, on: app.db).map { d in
                [d.action.dueOn, d.isOverdue(today: asOf) ? "overdue" : d.action.status.rawValue, d.organisation.name, d.action.owner,
                 d.action.text, "\(d.source.title), recommendation \(d.recommendation.number)", String(d.evidence.count)]
            }
        }
        let header = ["due_date", "status", "organisation", "owner", "action", "from", "evidence"]
        if csv {
            print(CSVWriter.write([header] + rows), terminator: "")
        } else if rows.isEmpty {
            print("No \(filter.rawValue) actions.")
        } else {
            for row in rows { print("\(row[0])  \(row[1].padding(toLength: 11, withPad: " ", startingAt: 0))  \(row[2]): \(row[4])") }
            print("\(rows.count) action\(rows.count == 1 ? "" : "s").")
        }
    }
}

/// `safeguarding survey export`: every response of a survey as CSV, for analysis elsewhere.
struct SurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "survey", abstract: "Surveys.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Writes every response of a survey as CSV.")
        @ArgumentParser.Option var partnership: String
        @ArgumentParser.Option(help: "The survey's title, as listed on the Surveys page.") var title: String
        @ArgumentParser.Option(help: "The file to write; - for standard output.") var out = "-"
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (slug, title) = (partnership, title)
            let (text, count) = try await withApplication(options) { app in
                let partnership = try await ImportCommand.partnership(slug, app)
                let surveys = try await SurveyStore.surveys(partnership, on: app.db)
                guard let detail = surveys.first(where: { $0.source.title.lowercased() == title.lowercased() }) else {
                    throw CommandFailure(description: "title: no survey is called \(title); there are: \(surveys.map(\.source.title).joined(separator: "; "))")
                }
                return (try await SurveyStore.csv(detail.survey, on: app.db), detail.responseCount)
            }
            if out == "-" {
                print(text, terminator: "")
            } else {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
                print("Wrote \(count) responses to \(out).")
            }
        }
    }
}
