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

/// `gesprek key [--export FILE]`: shows the public signing key and its id, or writes it to a file.
struct KeyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "key",
            abstract: say(
                "Toon of exporteer je publieke ondertekensleutel.", "Show or export your public signing key."),
            discussion: say(
                """
                Elk transcript wordt ondertekend met je eigen sleutel (Ed25519), die bij het eerste gebruik wordt gemaakt \
                in de configuratiemap (~/.config/gesprek/signing-key, 0600; met het wachtwoord versleuteld als versleuteling \
                aan staat). De publieke sleutel mag iedereen hebben: een organisatie zet die van haar adviseurs in \
                ~/.config/gesprek/trusted-keys of geeft hem aan gesprek verify --key. Afsluitcode 73 als het bestand niet \
                te maken is, 77 als het wachtwoord ontbreekt of niet past. \
                Versleutelde transcripten hebben een sleutel per casus in ~/.config/gesprek/case-keys (met het wachtwoord \
                verpakt): maak daar een reservekopie van, los van de transcripten (zonder die map zijn ze onleesbaar), \
                bijvoorbeeld tar -C ~/.config/gesprek -czf BACKUP.tgz case-keys; na gesprek erase ook van die reservekopieën.
                """,
                """
                Every transcript is signed with your own key (Ed25519), made on first use in the config folder \
                (~/.config/gesprek/signing-key, 0600; sealed with the passphrase when encryption is on). Anyone may have the \
                public key: an organisation puts its advisors' keys in ~/.config/gesprek/trusted-keys or gives one to \
                gesprek verify --key. Exit code 73 when the file cannot be made, 77 when the passphrase is missing or wrong. \
                Encrypted transcripts have a key per case in ~/.config/gesprek/case-keys (wrapped with the passphrase): back \
                that folder up, apart from the transcripts (without it they cannot be read), for instance \
                tar -C ~/.config/gesprek -czf BACKUP.tgz case-keys; after gesprek erase, its backups too.
                """))
    }

    @Option(
        name: .customLong("export"),
        help: ArgumentHelp(
            say(
                "Schrijf de publieke sleutel naar dit bestand (nooit overschreven).",
                "Write the public key to this file (never overwritten)."),
            valueName: say("bestand", "file")))
    var export: String?

    @Flag(help: ArgumentHelp(say("Versleutel een nieuwe sleutel met het wachtwoord.", "Seal a new key with the passphrase.")))
    var encrypt = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        let key = try SigningKeys.signer(encrypt: encrypt || Settings.load().encrypt).publicKey
        guard let export else {
            Terminal.output(say("sleutel-id: ", "key id: ") + key.id)
            Terminal.output(say("publieke sleutel: ", "public key: ") + key.hex)
            return
        }
        let fd = open(export, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            Terminal.error(
                errno == EEXIST
                    ? say("\(export) bestaat al; kies een andere naam", "\(export) exists already; choose another name")
                    : say(
                        "kan \(export) niet aanmaken: \(String(cString: strerror(errno)))",
                        "cannot create \(export): \(String(cString: strerror(errno)))"))
            throw Exit.cannotCreate
        }
        defer { close(fd) }
        let bytes = Array(key.exported.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            Terminal.error(say("schrijven naar \(export) mislukt", "writing \(export) failed"))
            throw Exit.ioError
        }
        Terminal.info(say("publieke sleutel \(key.id) geschreven naar \(export)", "public key \(key.id) written to \(export)"))
    }
}
