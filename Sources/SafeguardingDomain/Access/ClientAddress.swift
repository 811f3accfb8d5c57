import Foundation

/// The address a request came from, for sign-in throttling and the audit log. Behind a reverse
/// proxy every request arrives from the proxy, so the proxy's `X-Forwarded-For` is believed, but
/// only when the request really comes from a configured trusted proxy: then the client is the
/// rightmost address in the header that is not itself a trusted proxy (the entries to its left
/// were written by the client and prove nothing). Anyone else's header is ignored.
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trustedProxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            // A header too long to be an address is not one; the proxy itself is the best we know.
            return hop.count <= 64 ? hop : peer
        }
        return peer
    }

    /// Reads `SAFEGUARDING_TRUSTED_PROXIES`: addresses separated by commas.
    public static func trustedProxies(parsing text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
