import ArgumentParser
import SafeguardingCommands

/// The `safeguarding` command. `serve` needs the web layer; every other subcommand lives in
/// SafeguardingCommands, on the application layer alone.
@main
struct Safeguarding: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safeguarding",
        abstract: "Runs a safeguarding children partnership's arrangements and yearly report.",
        subcommands: [Serve.self] + SafeguardingCommands.all,
        defaultSubcommand: Serve.self
    )
}
