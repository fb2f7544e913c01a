/// Rows as RFC 4180 CSV: fields separated by commas, records ended by CRLF,
/// a field quoted when it holds a comma, a quote, a CR or LF (or starts or
/// ends with a space), quotes inside doubled.
enum CSVText {
    /// The records joined, each ending in CRLF.
    static func document(_ rows: [[String]]) -> String {
        rows.map(record).joined()
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        let needsQuotes =
            value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// Seconds with three decimals and a point, as in the transcript: `40.000`.
    static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
