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

    /// `-` is stdin; anything else a file that must be a script: readable,
    /// UTF-8 text without NUL bytes, not empty, and not a transcript.
    static func open(_ path: String) -> Result<ScriptSource, SourceError> {
        if path == "-" { return .success(.standardInput) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return .failure(.folder(path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadable(path, reason: access(path, F_OK) == 0 ? .noPermission : .missing))
        }
        return script(data, name: path).map { .file(path: path, text: $0) }
    }

    /// The text of a whole script read as bytes, if it is one.
    static func script(_ data: Data, name: String) -> Result<String, SourceError> {
        if let problem = TextCheck.firstProblem(in: data, path: name) { return .failure(problem) }
        let text = String(decoding: data, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return .failure(.empty(name)) }
        if TextCheck.looksLikeTranscript(data) { return .failure(.transcript(name)) }
        return .success(text)
    }

    /// Calls `body` with each line and its number until it returns false.
    /// A line from stdin that is not UTF-8 comes as a diagnostic instead.
    func forEachLine(_ body: (SourceLine, Int) -> Bool) {
        switch self {
        case let .file(_, text):
            for (index, line) in ScriptLines.split(text).enumerated() where !body(.text(line), index + 1) { return }
        case .standardInput:
            var number = 0
            var reader = ByteLineReader(descriptor: STDIN_FILENO)
            while let bytes = reader.nextLine() {
                number += 1
                if !body(SourceLine(bytes, lineNumber: number), number) { return }
            }
        }
    }

    /// Why a script cannot be run; each message names the file and, where it
    /// applies, the line and column, and says what to do.
    enum SourceError: Error {
        case unreadable(String, reason: Unreadable)
        case folder(String)
        case notUTF8(String, SourceLocation)
        case binary(String, SourceLocation)
        case empty(String)
        case transcript(String)

        enum Unreadable { case missing, noPermission }

        /// What is wrong, with the file's name and the place where that applies.
        var message: String {
            switch self {
            case let .unreadable(path, .missing): say("\(path) bestaat niet", "\(path) does not exist")
            case let .unreadable(path, .noPermission): say("kan \(path) niet lezen: geen leesrechten", "cannot read \(path): no permission")
            case let .folder(path): say("\(path) is een map, geen script", "\(path) is a folder, not a script")
            case let .notUTF8(path, place):
                say("\(path):\(place): dit is geen tekstbestand: geen geldige UTF-8", "\(path):\(place): this is not a text file: not valid UTF-8")
            case let .binary(path, place):
                say("\(path):\(place): dit is geen tekstbestand: een NUL-byte", "\(path):\(place): this is not a text file: a NUL byte")
            case let .empty(path): say("\(path) is leeg; er is niets om uit te voeren", "\(path) is empty; there is nothing to run")
            case let .transcript(path): say("\(path) is een transcript, geen script", "\(path) is a transcript, not a script")
            }
        }

        /// What to do about it.
        var hint: String? {
            switch self {
            case .unreadable, .folder: nil
            case .notUTF8: say("sla het script op als platte tekst in UTF-8", "save the script as plain text in UTF-8")
            case .binary: say("is dit het goede bestand? Een script is platte tekst", "is this the right file? A script is plain text")
            case .empty: say("een script heeft één commando per regel, zoals: ask #v Hoe gaat het met je?",
                             "a script has one command per line, such as: ask #v Hoe gaat het met je?")
            case .transcript: say("bekijk het met gesprek summary, replay of export", "look at it with gesprek summary, replay or export")
            }
        }
    }
}

/// A line of a script source: its text, or (from stdin) the diagnostic for bytes that are not UTF-8.
enum SourceLine {
    case text(String)
    case invalid(Diagnostic)

    init(_ bytes: [UInt8], lineNumber: Int) {
        var bytes = bytes[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if let text = String(validating: bytes, as: UTF8.self) {
            self = .text(text)
            return
        }
        let offset = TextCheck.firstInvalidUTF8Offset(in: bytes) ?? 0
        let shown = String(decoding: bytes, as: UTF8.self)
        let column = String(decoding: bytes.prefix(offset), as: UTF8.self).count + 1
        self = .invalid(Diagnostic(.error, .invalidUTF8, at: SourceLocation(line: lineNumber, column: column), sourceLine: shown))
    }
}

/// Checks on a file's bytes before they are taken as a script.
enum TextCheck {
    /// The first byte that is not UTF-8, or the first NUL byte, whichever comes first.
    static func firstProblem(in data: Data, path: String) -> ScriptSource.SourceError? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return nil }
            // The library's validation and memchr are fast; the byte-by-byte search only runs on a bad file.
            let nul = memchr(base, 0, bytes.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            let invalid = String(validating: bytes, as: UTF8.self) == nil ? firstInvalidUTF8Offset(in: bytes) : nil
            if let nul, nul < (invalid ?? .max) { return .binary(path, location(ofByte: nul, in: bytes)) }
            if let invalid { return .notUTF8(path, location(ofByte: invalid, in: bytes)) }
            return nil
        }
    }

    /// The offset of the first byte of the first ill-formed sequence.
    static func firstInvalidUTF8Offset<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The first line is a transcript's header.
    static func looksLikeTranscript(_ data: Data) -> Bool {
        let start = data.prefix(256)
        guard let text = String(data: start, encoding: .utf8) ?? String(data: start.dropLast(3), encoding: .utf8) else { return false }
        let first = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return first.hasPrefix("{") && first.contains("\"format\":\"gesprek-transcript\"")
    }

    /// Line and column (in characters) of a byte offset; the bytes before it are UTF-8.
    private static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = before[..<lineStart].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(line: line, column: column)
    }
}

/// Reads lines from a file descriptor as bytes, without decoding them, so
/// that a line that is not UTF-8 can be told apart (readLine would repair it).
struct ByteLineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its newline, or nil at the end of the input.
    mutating func nextLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            // Keep only the unfinished line, then read more. One read at a time, so
            // that a line is handled as soon as it arrives (a person typing into a pipe).
            buffer.removeSubrange(..<start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[..<n])
            }
        }
    }
}
