#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// How the client counts a position's character: UTF-16 code units (the
/// protocol's default) or UTF-8 bytes, when the client offers that.
enum PositionEncoding: String {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    func count(_ text: Substring) -> Int {
        self == .utf16 ? text.utf16.count : text.utf8.count
    }

    func count(_ text: String) -> Int {
        self == .utf16 ? text.utf16.count : text.utf8.count
    }
}

/// An open document: its lines as the client has them, kept in step by
/// incremental changes, and what gesprek makes of them.
final class LSPDocument {
    let uri: String
    let languageID: String
    var version: Int
    /// The lines without their `\n` (a `\r` before it stays).
    private(set) var lines: [String]
    private var cachedOutline: ScriptOutline?

    init(uri: String, languageID: String, version: Int, text: String) {
        self.uri = uri
        self.languageID = languageID
        self.version = version
        self.lines = Self.split(text)
    }

    static func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    var text: String { lines.joined(separator: "\n") }

    /// A scenario by its language id, its extension, or its first command.
    var isScenario: Bool {
        if languageID == "gesprek-scenario" || uri.hasSuffix(".scenario") { return true }
        if languageID == "gesprek" || uri.hasSuffix(".gesprek") { return false }
        return Scenario.isScenario(text)
    }

    var outline: ScriptOutline {
        if let cachedOutline { return cachedOutline }
        let made = ScriptOutline(text, scenario: isScenario)
        cachedOutline = made
        return made
    }

    /// The line as gesprek reads it (without a trailing `\r`).
    func line(_ index: Int) -> String {
        guard index >= 0, index < lines.count else { return "" }
        let line = lines[index]
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// Applies one change: the whole text (no range) or a range replaced.
    func apply(range: (start: (line: Int, character: Int), end: (line: Int, character: Int))?, text: String, encoding: PositionEncoding) {
        cachedOutline = nil
        guard let range else {
            lines = Self.split(text)
            return
        }
        let startLine = min(max(0, range.start.line), lines.count)
        let endLine = min(max(startLine, range.end.line), lines.count)
        if startLine == lines.count { lines.append("") }
        let first = lines[startLine]
        let last = endLine < lines.count ? lines[endLine] : ""
        let head = first[..<index(in: first, of: range.start.character, encoding)]
        let tailStart = endLine < lines.count ? index(in: last, of: range.end.character, encoding) : last.endIndex
        let tail = last[tailStart...]
        let replaced = Self.split(String(head) + text + String(tail))
        lines.replaceSubrange(startLine...min(endLine, lines.count - 1), with: replaced)
    }

    /// The string index of a position's character offset, clamped to the line (and never inside a character).
    func index(in line: String, of offset: Int, _ encoding: PositionEncoding) -> String.Index {
        var counted = 0
        var i = line.startIndex
        while i < line.endIndex {
            let next = line.index(after: i)
            let width = encoding.count(line[i..<next])
            if counted + width > offset { return i }
            counted += width
            i = next
        }
        return line.endIndex
    }

    /// The 1-based character column of an LSP position.
    func column(line: Int, character: Int, _ encoding: PositionEncoding) -> Int {
        let text = self.line(line)
        return text.distance(from: text.startIndex, to: index(in: text, of: character, encoding)) + 1
    }

    /// The LSP character offset of a 1-based character column on a line (1-based).
    func character(line: Int, column: Int, _ encoding: PositionEncoding) -> Int {
        encoding.count(self.line(line - 1).prefix(max(0, column - 1)))
    }

    /// An LSP range for a span of characters.
    func range(line: Int, column: Int, length: Int, _ encoding: PositionEncoding) -> [String: Any] {
        let text = self.line(line - 1)
        let before = text.prefix(max(0, column - 1))
        let start = encoding.count(before)
        let width = encoding.count(text.dropFirst(before.count).prefix(length))
        return [
            "start": ["line": line - 1, "character": start],
            "end": ["line": line - 1, "character": start + width],
        ]
    }

    func range(_ span: ScriptOutline.Span, _ encoding: PositionEncoding) -> [String: Any] {
        range(line: span.line, column: span.column, length: span.length, encoding)
    }
}
