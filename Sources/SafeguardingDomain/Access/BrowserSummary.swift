/// A short description of a browser from its User-Agent header, for the lists of sessions:
/// "Firefox on Windows", "Safari on iPhone". Unknown parts are said to be unknown.
public enum BrowserSummary {
    public static func describe(_ userAgent: String?) -> String {
        guard let agent = userAgent, !agent.isEmpty else { return "Unknown browser" }
        let browser: String
        if agent.contains("Edg/") { browser = "Edge" }
        else if agent.contains("OPR/") { browser = "Opera" }
        else if agent.contains("Firefox/") { browser = "Firefox" }
        else if agent.contains("Chrome/") || agent.contains("Chromium/") || agent.contains("HeadlessChrome") { browser = "Chrome" }
        else if agent.contains("Safari/") { browser = "Safari" }
        else if agent.hasPrefix("curl/") { browser = "curl" }
        else { browser = "Unknown browser" }
        let system: String?
        if agent.contains("iPhone") { system = "iPhone" }
        else if agent.contains("iPad") { system = "iPad" }
        else if agent.contains("Android") { system = "Android" }
        else if agent.contains("Windows") { system = "Windows" }
        else if agent.contains("Mac OS X") || agent.contains("Macintosh") { system = "Mac" }
        else if agent.contains("CrOS") { system = "ChromeOS" }
        else if agent.contains("Linux") { system = "Linux" }
        else { system = nil }
        return system.map { "\(browser) on \($0)" } ?? browser
    }
}
