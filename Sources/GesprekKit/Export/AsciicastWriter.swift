/// Writes asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/):
/// a header line, then one `[time, code, data]` line per event. Times never
/// go backwards.
struct AsciicastWriter {
    private(set) var lines: [String] = []
    private var now = 0.0

    init(width: Int, height: Int, timestamp: Int?, title: String) {
        var header = "{\"version\": 2, \"width\": \(width), \"height\": \(height)"
        if let timestamp { header += ", \"timestamp\": \(timestamp)" }
        header += ", \"title\": \(Self.string(title)), \"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": \"/bin/sh\"}}"
        lines.append(header)
    }

    /// Output at `time` (seconds since the start); `\n` becomes `\r\n` as a terminal shows it.
    mutating func output(_ text: String, at time: Double) {
        guard text.contains(where: { $0 == "\n" }) else { return event("o", text, at: time) }
        var converted = ""
        for character in text { if character == "\n" { converted += "\r\n" } else { converted.append(character) } }
        event("o", converted, at: time)
    }

    /// A marker to jump to (`asciinema play` can pause on it).
    mutating func marker(_ label: String, at time: Double) {
        event("m", label, at: time)
    }

    /// The whole cast, a line each, ending in a newline.
    var text: String { lines.joined(separator: "\n") + "\n" }

    private mutating func event(_ code: String, _ data: String, at time: Double) {
        now = max(now, time)
        lines.append("[\(Self.seconds(now)), \"\(code)\", \(Self.string(data))]")
    }

    /// Seconds with microseconds: `40.25`, `3.000001`.
    static func seconds(_ value: Double) -> String {
        let micros = Int((max(value, 0) * 1_000_000).rounded())
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(micros / 1_000_000).\(fraction)"
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        JSONLineWriter.quoted(text)
    }
}
