import ArgumentParser
import SafeguardingApplication
import SafeguardingCommands
import SafeguardingPersistence
import SafeguardingWeb
import Vapor

/// `safeguarding serve`: the only subcommand that starts the web layer.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serves the app.")

    @ArgumentParser.Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "The port to listen on.") var port = 8080
    @OptionGroup var options: DatabaseOptions
    @ArgumentParser.Flag(help: "Load the demo partnership (Calderdale) and print its sign-ins.") var demo = false
    @ArgumentParser.Flag(help: "Send the session cookie over plain HTTP too (local testing on another machine only).") var insecureCookies = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        var config: AppConfiguration
        do {
            config = try AppConfiguration.fromEnvironment(database: options.database)
        } catch let error as DatabaseLocationError {
            throw CommandFailure(description: error.message)
        }
        config.hostname = hostname
        config.port = port
        config.loadDemo = demo
        if insecureCookies { config.secureCookies = false }

        var environment = try Environment.detect(arguments: ["safeguarding"])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            try await configure(app, config)
        } catch {
            try? await app.asyncShutdown()
            throw CommandFailure(description: failureMessage(for: error))
        }
        app.http.server.configuration.hostname = hostname
        app.http.server.configuration.port = port
        print("Safeguarding on \(config.database.displayName), at http://\(hostname):\(port)/")
        let context = AppContext(database: app.database.database, today: config.clock.today())
        if !demo, let token = try await InstallationSetup.issueLink(context) {
            // Printed here only: the link is the key to the new installation, and works once.
            print("This installation has no partnership yet. Set it up, once, at:")
            print("  http://\(hostname):\(port)\(SiteRoute.setup(token: token).path)")
            print("Or from the command line: safeguarding partnership create --help")
        }
        if demo {
            print("Demo sign-ins (password \(DemoPartnership.password)):")
            for account in DemoPartnership.accounts {
                print("  \(account.email)  \(account.role.label)\(account.organisation.map { ", \($0)" } ?? "")")
            }
        }
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

