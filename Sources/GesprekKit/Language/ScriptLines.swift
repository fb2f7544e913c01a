/// Splits a script into lines: `\n`, `\r\n` and a final line without newline.
package enum ScriptLines {
    /// Works on UTF-8 bytes: faster than characters, and `\r\n` (one
    /// character to Swift) splits like `\n`.
    public static func split(_ script: String) -> [String] {
        var lines: [String] = []
        var script = script
        script.withUTF8 { utf8 in
            var start = 0
            for i in 0...utf8.count where i == utf8.count || utf8[i] == UInt8(ascii: "\n") {
                let end = i > start && utf8[i - 1] == UInt8(ascii: "\r") ? i - 1 : i
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                start = i + 1
            }
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
