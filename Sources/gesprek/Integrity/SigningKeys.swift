#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// The user's signing key and the keys they trust, in the config folder
/// (`$XDG_CONFIG_HOME/gesprek/`, or `~/.config/gesprek/`):
/// `signing-key` (0600; sealed with the passphrase when encryption is on),
/// `signing-key.pub`, and `trusted-keys` (public keys of others, one per line).
enum SigningKeys {
    static func folder(environment: EnvironmentVariables = .process) -> URL {
        Settings.url(environment: environment).deletingLastPathComponent()
    }

    /// The case keys of encrypted transcripts (see ``CaseKeyStore``): `case-keys/` in the config folder.
    static var caseKeys: CaseKeyStore { CaseKeyStore(folder: folder().appendingPathComponent(CaseKeyStore.folderName)) }

    /// The erasure log (see ``ErasureLog``): `erasures.jsonl` in the config folder.
    static var erasureLogURL: URL { folder().appendingPathComponent("erasures.jsonl") }

    /// The file of keys trusted besides one's own.
    static var trustedKeysURL: URL { folder().appendingPathComponent("trusted-keys") }

    /// The signer for a new transcript, made on first use; exits with 77
    /// when a sealed key cannot be opened, 73 when it cannot be made, 66 when it cannot be read.
    static func signer(encrypt: Bool) throws -> TranscriptSigner {
        do {
            return try TranscriptSigner.load(from: folder(), seal: encrypt) { try Passphrase.obtain(confirm: false) }
        } catch let error as TranscriptSigner.KeyFileError {
            Terminal.error(error.message(in: cli))
            switch error {
            case .needsPassphrase, .wrongPassphrase: throw Exit.noPermission
            case .damaged: throw Exit.dataError
            case .cannotCreate: throw Exit.cannotCreate
            case .unreadable: throw Exit.noInput
            }
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            throw Exit.noPermission
        }
    }

    /// One's own public key, when there is one; never asks for a passphrase.
    static var own: TranscriptPublicKey? { TranscriptSigner.publicKey(in: folder()) }

    /// The keys trusted: one's own, those in `trusted-keys`, and those in the files given (`--key`).
    /// A `--key` file that cannot be read or holds no key exits with 66 or 65.
    static func trusted(adding files: [String] = []) throws -> Set<TranscriptPublicKey> {
        var keys = Set<TranscriptPublicKey>()
        if let own { keys.insert(own) }
        if let text = try? String(contentsOf: trustedKeysURL, encoding: .utf8) { keys.formUnion(Set(keysIn: text)) }
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                Terminal.error(say("kan het sleutelbestand \(path) niet lezen", "cannot read the key file \(path)"))
                throw Exit.noInput
            }
            let found = Set(keysIn: text)
            guard !found.isEmpty else {
                Terminal.error(
                    say(
                        "\(path) bevat geen publieke sleutel (64 hexadecimale cijfers per regel)",
                        "\(path) holds no public key (64 hex digits a line)"))
                throw Exit.dataError
            }
            keys.formUnion(found)
        }
        return keys
    }
}
