/// A record that is not in this partnership, or does not exist (a 404, never a hint that it exists elsewhere).
public struct NotFound: Error, Sendable {
    public let what: String
    public init(_ what: String) { self.what = what }
}
