import Foundation
import GesprekKit

/// Where script lines come from: a file read whole, or stdin line by line as
/// they arrive (so each line is recorded before the next is read).
enum ScriptSource {
    case file(path: String, text: String)
    case standardInput

    /// The name used in messages.
    var name: String {
        switch self {
        case let .file(path, _): path
        case .standardInput: "stdin"
        }
    }

    /// `-` is stdin; anything else a file that must exist and be UTF-8 text.
    static func open(_ path: String) -> Result<ScriptSource, SourceError> {
        if path == "-" { return .success(.standardInput) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadable(path))
        }
        guard let text = String(validatingUTF8Data: data) else { return .failure(.notText(path)) }
        return .success(.file(path: path, text: text))
    }

    /// Calls `body` with each line and its number until it returns false.
    func forEachLine(_ body: (String, Int) -> Bool) {
        switch self {
        case let .file(_, text):
            for (index, line) in ScriptLines.split(text).enumerated() where !body(line, index + 1) { return }
        case .standardInput:
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                if !body(line.hasSuffix("\r") ? String(line.dropLast()) : line, number) { return }
            }
        }
    }

    enum SourceError: Error {
        case unreadable(String)
        case notText(String)

        var message: String {
            switch self {
            case let .unreadable(path): say("kan \(path) niet lezen", "cannot read \(path)")
            case let .notText(path): say("\(path) is geen tekstbestand (geen geldige UTF-8)", "\(path) is not a text file (not valid UTF-8)")
            }
        }
    }
}

extension String {
    /// The text, or nil when the bytes are not valid UTF-8.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}
