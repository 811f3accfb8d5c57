import ArgumentParser
import Foundation
import SafeguardingCommands

/// The `safeguarding` command: every subcommand lives in the SafeguardingCommands library.
@main
struct Main {
    static func main() async {
        await SafeguardingCommand.main()
    }
}
