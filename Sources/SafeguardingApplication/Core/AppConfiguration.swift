import Foundation
import SafeguardingDomain
import SafeguardingPersistence

/// Everything the app is told at start-up, read once from flags and the environment.
public struct AppConfiguration: Sendable {
    public var database: DatabaseLocation
    public var hostname: String
    public var port: Int
    /// Marks the session cookie `Secure`. On by default; off only for plain-HTTP local use.
    public var secureCookies: Bool
    /// bcrypt cost. 12 in production; tests lower it to keep runs fast.
    public var passwordCost: Int
    public var loadDemo: Bool
    public var maximumFailedSignIns: Int
    public var maximumFailedSignInsPerAddress: Int
    /// Failures for one account from browsers it has never signed in from, across every address,
    /// that lock those browsers out of it (see `SignInPolicy`).
    public var maximumFailedSignInsPerAccount: Int = 20
    /// How long each attempt from an address beyond its failures' limit waits before it is checked.
    public var signInSlowdown: TimeInterval = 2
    /// The reverse proxies whose `X-Forwarded-For` names the client (`SAFEGUARDING_TRUSTED_PROXIES`,
    /// addresses separated by commas); without them the peer's own address is the client's.
    public var trustedProxies: Set<String> = []
    /// The address the public reaches the app at (`SAFEGUARDING_PUBLIC_URL`), for links in report files
    /// and the survey link; without it those links are relative (never built from a request's Host header).
    public var publicURL: String?
    /// The bearer token a Prometheus scraper sends to read `/metrics` (`SAFEGUARDING_METRICS_TOKEN`);
    /// without it `/metrics` answers 404.
    public var metricsToken: String?
    /// Today's date for every use case: live, or pinned by `SAFEGUARDING_TODAY=2024-03-31`.
    public var clock: AppClock = .live
    /// The Chromium that prints PDFs: `SAFEGUARDING_CHROMIUM`, else the first of the usual names on the PATH.
    public var chromium: String?
    /// Outgoing mail (`SAFEGUARDING_SMTP_URL`, `SAFEGUARDING_MAIL_FROM`); without it, set-password
    /// and reset links are only shown to the administrator who issues them.
    public var smtp: SMTPConfiguration?

    /// The sign-in throttle's limits.
    public var signInPolicy: SignInPolicy {
        SignInPolicy(perClient: maximumFailedSignIns, perEmail: maximumFailedSignInsPerAccount, perAddress: maximumFailedSignInsPerAddress,
                     slowdown: signInSlowdown, window: SignIn.window)
    }

    /// The mail client the configuration asks for.
    public var mailer: Mailer { smtp.map(Mailer.smtp) ?? .none }

    /// The address links in emails start with: the public address if set, else the one the server
    /// listens on. Never the request's Host header, which a visitor chooses.
    /// Whether the public reaches the app over HTTPS, so answers carry `Strict-Transport-Security`.
    /// Decided by the configured public address only: a proxy's headers are not trusted for it.
    public var servesHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    public var linkBase: String { publicURL ?? "http://\(hostname):\(port)" }

    public init(database: DatabaseLocation = .sqliteFile(path: DatabaseLocation.defaultPath), hostname: String = "127.0.0.1",
                port: Int = 8080, secureCookies: Bool = true, passwordCost: Int = 12, loadDemo: Bool = false,
                maximumFailedSignIns: Int = 5, maximumFailedSignInsPerAddress: Int = 20) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.loadDemo = loadDemo
        self.maximumFailedSignIns = maximumFailedSignIns
        self.maximumFailedSignInsPerAddress = maximumFailedSignInsPerAddress
    }

    /// Reads `DATABASE_URL`, `SAFEGUARDING_SECURE_COOKIES` (`0` turns `Secure` off) and
    /// `SAFEGUARDING_PASSWORD_COST`; a `--database` flag wins over `DATABASE_URL`.
    public static func fromEnvironment(database flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var config = AppConfiguration()
        config.database = try DatabaseLocation(parsing: flag ?? environment["DATABASE_URL"])
        if let secure = environment["SAFEGUARDING_SECURE_COOKIES"] { config.secureCookies = !["0", "false", "no"].contains(secure.lowercased()) }
        if let cost = environment["SAFEGUARDING_PASSWORD_COST"].flatMap(Int.init), (4...31).contains(cost) { config.passwordCost = cost }
        if let pinned = environment["SAFEGUARDING_TODAY"], !pinned.isEmpty {
            guard let date = CalendarDate(iso: pinned) else {
                throw DatabaseLocationError(message: "SAFEGUARDING_TODAY must be a date like 2024-03-31, not \(pinned)")
            }
            config.clock = AppClock(pinned: date)
        }
        config.chromium = ReportPDF.chromium(environment: environment)
        config.trustedProxies = ClientAddress.trustedProxies(parsing: environment["SAFEGUARDING_TRUSTED_PROXIES"])
        if let url = environment["SAFEGUARDING_PUBLIC_URL"], url.hasPrefix("http") { config.publicURL = String(url.reversed().drop { $0 == "/" }.reversed()) }
        if let token = environment["SAFEGUARDING_METRICS_TOKEN"], !token.isEmpty { config.metricsToken = token }
        if let smtp = environment["SAFEGUARDING_SMTP_URL"], !smtp.isEmpty {
            do {
                var settings = try SMTPConfiguration(url: smtp, from: environment["SAFEGUARDING_MAIL_FROM"])
                if let host = config.publicURL.flatMap({ URLComponents(string: $0)?.host }) { settings.heloName = host }
                config.smtp = settings
            } catch {
                throw DatabaseLocationError(message: error.message)
            }
        }
        return config
    }
}
