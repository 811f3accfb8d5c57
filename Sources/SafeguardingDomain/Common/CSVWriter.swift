/// Writes CSV as RFC 4180 describes it: fields with commas, quotes or line breaks are quoted and
/// quotes doubled; lines end with CRLF. A field that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) is prefixed with `'`, so an exported answer cannot run in Excel.
public enum CSVWriter {
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var text = raw
        if let first = text.first, "=+-@\t\r".contains(first), !isPlainNumber(text) { text = "'" + text }
        // `isNewline`, because Swift reads "\r\n" (what browsers send from a textarea) as one Character.
        if text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// `-5`, `+3.25`: a sign, digits and at most one point. Anything else that starts with a sign is guarded.
    static func isPlainNumber(_ text: String) -> Bool {
        let body = text.drop { $0 == "-" || $0 == "+" }
        guard text.count - body.count == 1, !body.isEmpty, body.filter({ $0 == "." }).count <= 1 else { return false }
        return body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && body.contains(where: \.isNumber)
    }
}
