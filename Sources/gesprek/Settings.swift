#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// The user's settings: `$XDG_CONFIG_HOME/gesprek/config` (or
/// `~/.config/gesprek/config`), lines of `key = value`, `#` for comments.
/// Known keys: `encrypt = yes|no` (encrypt new transcripts; also `ja`/`nee`,
/// `true`/`false`).
///
/// Settings fail closed: a key gesprek does not know, a value it does not
/// understand, a line without `=`, or a file that exists but cannot be read
/// is an error (``Problem``, exit code 78) before anything is written, so that
/// a mistyped `encryptie = yes` never lets a transcript be written in clear.
struct Settings {
    var encrypt = false

    /// The keys gesprek knows.
    static let keys = ["encrypt"]

    /// What is wrong with the settings file: where, what, and what to do.
    struct Problem: Error {
        var path: String
        var line: Int?
        var column: Int?
        var message: String
        var hint: String?

        /// `…/config:3:1: onbekende instelling encryptie`
        var text: String {
            let place = [line, column].compactMap { $0.map(String.init) }.joined(separator: ":")
            return VisibleText.escaped(path) + (place.isEmpty ? "" : ":" + place) + ": " + message
        }
    }

    /// The settings, or the first problem in the file. No file: the defaults.
    static func load(environment: EnvironmentVariables = .process) throws(Problem) -> Settings {
        let path = url(environment: environment).path
        var settings = Settings()
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(path)
        } catch .failed(ENOENT), .failed(ENOTDIR) {
            return settings
        } catch {
            throw Problem(
                path: path, message: say("kan de instellingen niet lezen: ", "cannot read the settings: ") + error.message(in: cli),
                hint: say("maak er een gewoon tekstbestand van dat jij kunt lezen", "make it a plain text file that you can read"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(
                path: path, message: say("de instellingen zijn geen UTF-8-tekst", "the settings are not UTF-8 text"),
                hint: say("sla het bestand op als platte tekst in UTF-8", "save the file as plain text in UTF-8"))
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try read(Substring(raw), line: index + 1, path: path, into: &settings)
        }
        return settings
    }

    /// One line: blank, a comment, or `key = value`.
    private static func read(_ raw: Substring, line number: Int, path: String, into settings: inout Settings) throws(Problem) {
        let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard !line.allSatisfy(\.isWhitespace) else { return }
        func column(of part: Substring) -> Int { raw.distance(from: raw.startIndex, to: part.startIndex) + 1 }
        func trimmed(_ part: Substring) -> Substring {
            let start = part.firstIndex { !$0.isWhitespace } ?? part.endIndex
            let end = part.lastIndex { !$0.isWhitespace }.map(part.index(after:)) ?? start
            return part[start..<max(start, end)]
        }
        func problem(_ at: Substring, _ message: String, _ hint: String?) -> Problem {
            Problem(path: path, line: number, column: column(of: at), message: message, hint: hint)
        }
        let example = say("bijvoorbeeld encrypt = yes", "for example encrypt = yes")
        guard let equals = line.firstIndex(of: "=") else {
            throw problem(trimmed(line), say("verwacht sleutel = waarde", "expected key = value"), example)
        }
        let key = trimmed(line[..<equals]), value = trimmed(line[line.index(after: equals)...])
        guard Self.keys.contains(key.lowercased()) else {
            let name = VisibleText.escaped(String(key))
            let hint =
                Suggestion.closest(to: String(key), in: Self.keys, maximum: 3).map { say("bedoel je \($0)?", "did you mean \($0)?") }
                ?? say("bekende instellingen: encrypt = yes|no", "known settings: encrypt = yes|no")
            throw problem(key.isEmpty ? line : key, say("onbekende instelling \(name)", "unknown setting \(name)"), hint)
        }
        switch value.lowercased() {
        case "yes", "ja", "true": settings.encrypt = true
        case "no", "nee", "false": settings.encrypt = false
        default:
            throw problem(
                value.isEmpty ? line[line.index(after: equals)...] : value,
                say("encrypt moet yes of no zijn", "encrypt must be yes or no"),
                say("encrypt = yes of encrypt = no", "encrypt = yes or encrypt = no"))
        }
    }

    static func url(environment: EnvironmentVariables) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("gesprek/config")
        }
        return URL(fileURLWithPath: environment["HOME"] ?? PathText.home()).appendingPathComponent(".config/gesprek/config")
    }
}
