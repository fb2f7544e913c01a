#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
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
        var isFolder: DirectoryFlag = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return .failure(.folder(path))
        }
        // A regular file only, of at most 1 GiB: a FIFO would wait forever, /dev/zero never end.
        do {
            return script(Data(try RegularFile.contents(path)), name: path).map { .file(path: path, text: $0) }
        } catch .failed(EACCES), .failed(EPERM) {
            return .failure(.unreadable(path, reason: .noPermission))
        } catch .failed(ENOENT), .failed(ENOTDIR) {
            return .failure(.unreadable(path, reason: .missing))
        } catch {
            return .failure(.refused(path, error.message(in: cli)))
        }
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
            // Line by line as ScriptLines.split cuts them, without an array of every line: a long script's
            // memory is its text, not its text again as a million strings.
            var text = text
            var number = 0
            text.withUTF8 { utf8 in
                var start = 0
                for i in 0...utf8.count where i == utf8.count || utf8[i] == UInt8(ascii: "\n") {
                    if i == utf8.count, start == i { return }  // after a final newline: no line
                    let end = i > start && utf8[i - 1] == UInt8(ascii: "\r") ? i - 1 : i
                    number += 1
                    let line = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
                    start = i + 1
                    if !body(.text(line), number) { return }
                }
            }
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
        /// Not a regular file, too large, or not readable for another reason (the reader's message).
        case refused(String, String)

        enum Unreadable { case missing, noPermission }

        /// What is wrong, with the file's name and the place where that applies.
        var message: String {
            switch self {
            case let .unreadable(path, .missing): say("\(path) bestaat niet", "\(path) does not exist")
            case let .unreadable(path, .noPermission): say("kan \(path) niet lezen: geen leesrechten", "cannot read \(path): no permission")
            case let .folder(path): say("\(path) is een map, geen script", "\(path) is a folder, not a script")
            case let .notUTF8(path, place):
                say(
                    "\(path):\(place): dit is geen tekstbestand: geen geldige UTF-8",
                    "\(path):\(place): this is not a text file: not valid UTF-8")
            case let .binary(path, place):
                say("\(path):\(place): dit is geen tekstbestand: een NUL-byte", "\(path):\(place): this is not a text file: a NUL byte")
            case let .empty(path): say("\(path) is leeg; er is niets om uit te voeren", "\(path) is empty; there is nothing to run")
            case let .transcript(path): say("\(path) is een transcript, geen script", "\(path) is a transcript, not a script")
            case let .refused(path, reason): "\(path): \(reason)"
            }
        }

        /// What to do about it.
        var hint: String? {
            switch self {
            case .unreadable, .folder, .refused: nil
            case .notUTF8: say("sla het script op als platte tekst in UTF-8", "save the script as plain text in UTF-8")
            case .binary: say("is dit het goede bestand? Een script is platte tekst", "is this the right file? A script is plain text")
            case .empty:
                say(
                    "een script heeft één commando per regel, zoals: ask #v Hoe gaat het met je?",
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
