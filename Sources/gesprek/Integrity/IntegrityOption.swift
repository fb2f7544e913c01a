import ArgumentParser
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// `--strict` and `--key` of the commands that read transcripts (summary,
/// replay, export): each file read is verified first, and a warning goes to
/// stderr when it is not intact, not closed, or not signed by a trusted key;
/// `--strict` makes that an error (exit code 65).
struct IntegrityOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            say(
                "Weiger een transcript dat niet intact, niet afgesloten of niet met een vertrouwde sleutel ondertekend is (afsluitcode 65).",
                "Refuse a transcript that is not intact, not closed, or not signed by a trusted key (exit code 65).")))
    var strict = false

    @OptionGroup var trust: TrustedKeysOption

    /// The files named with `--key`.
    var keys: [String] { trust.keys }

    /// Verifies the transcript at `path` and warns (or, with `--strict`, fails)
    /// when something is wrong. Errors reading it are left to the reader that follows.
    func check(_ path: String, trusted: Set<TranscriptPublicKey>) throws {
        guard let concern = concern(path, trusted: trusted) else { return }
        if strict {
            Terminal.error("\(path): " + concern + say(" (--strict: niet gelezen)", " (--strict: not read)"))
            throw Exit.dataError
        }
        Terminal.error("\(path): " + say("waarschuwing: ", "warning: ") + concern)
    }

    /// What is wrong with the transcript at `path`, for people; nil when nothing.
    func concern(_ path: String, trusted: Set<TranscriptPublicKey>) -> String? {
        // Only a regular file is verified here (a FIFO or a device would block or never end); the reader judges the rest.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let report = try? TranscriptVerifier.verify(contentsOf: URL(fileURLWithPath: path), keyring: TranscriptInput.keyring)
        else { return nil }
        return report.concern(trusting: trusted, in: cli)
    }

    /// The trusted keys: one's own, `trusted-keys`, and `--key`.
    func trusted() throws -> Set<TranscriptPublicKey> { try SigningKeys.trusted(adding: keys) }
}

/// `--key FILE` (repeatable): trust the public keys in this file too, besides one's own and
/// `~/.config/gesprek/trusted-keys`. Shared by ``IntegrityOption`` (summary, replay, export, case)
/// and `gesprek verify`, which has a `--strict` of its own.
struct TrustedKeysOption: ParsableArguments {
    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            say(
                "Vertrouw ook de publieke sleutel(s) in dit bestand (gesprek key --export); herhaalbaar.",
                "Trust the public key(s) in this file too (gesprek key --export); repeatable."),
            valueName: say("bestand", "file")))
    var keys: [String] = []
}
