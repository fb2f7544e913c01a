/// Rows as RFC 4180 CSV: fields separated by commas, records ended by CRLF,
/// a field quoted when it holds a comma, a quote, a CR or LF (or starts or
/// ends with a space), quotes inside doubled.
///
/// A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@` (or a tab
/// or CR before one) as a formula, and a formula in a hand-edited transcript
/// (`=HYPERLINK(…)`, `=cmd|'/c calc'!A1`) would run when the file is opened.
/// Such a text cell starts with `'` instead, as OWASP advises, so that the
/// spreadsheet shows it as text; a number (`-3`, `2.5`) stays a number.
enum CSVText {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell with a `'` before it when a spreadsheet would take it as a formula.
    static func formulaSafe(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(Character(first)), !isNumber(cell) else { return cell }
        return "'" + cell
    }

    /// `-3`, `+2.5`: a sign, digits, and perhaps a point and more digits.
    static func isNumber(_ cell: String) -> Bool {
        let parts = cell.utf8.dropFirst().split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(digits.contains) }
    }

    /// The records joined, each ending in CRLF.
    static func document(_ rows: [[String]]) -> String {
        rows.map(record).joined()
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ cell: String) -> String {
        let value = formulaSafe(cell)
        let needsQuotes =
            value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        return needsQuotes ? "\"" + value.replacingEvery("\"", with: "\"\"") + "\"" : value
    }

    /// Seconds with three decimals and a point, as in the transcript: `40.000`.
    static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
