/// Text made safe for Markdown: characters that would start emphasis, links,
/// code, HTML or a table cell border are escaped with a backslash.
enum MarkdownText {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#"]

    /// `a|b` → `a\|b`; line breaks become spaces so a table row stays one line.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            if character == "\n" || character == "\r" { out.append(" "); continue }
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// A table row from cells already escaped.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// The line under a table's head: `|---|---:|`; `right` marks right-aligned columns.
    static func rule(_ count: Int, right: Set<Int> = []) -> String {
        "|" + (0..<count).map { right.contains($0) ? "---:|" : "---|" }.joined()
    }
}
