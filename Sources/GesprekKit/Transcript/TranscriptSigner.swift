@preconcurrency import Crypto
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A user's signing key (Ed25519): it signs every line's chain hash and the
/// closing record, so that a transcript rewritten with every hash recomputed
/// no longer carries a valid signature (format version 3).
///
/// The key lives in the user's config folder (see ``load(from:passphrase:)``);
/// a host without one gets a new key per session (``ephemeral()``), whose
/// transcripts verify as signed by an unknown key.
public struct TranscriptSigner: Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey
    /// The public key, as ``TranscriptPublicKey``.
    public let publicKey: TranscriptPublicKey

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        self.publicKey = TranscriptPublicKey(privateKey.publicKey)
    }

    /// The key whose private half is the SHA-256 of `text`: anyone who knows the text can sign with it.
    /// For fiction only, such as the sample transcripts.
    package static func fromSeed(_ text: [UInt8]) -> TranscriptSigner {
        // 32 bytes are always a valid Ed25519 private key.
        TranscriptSigner(privateKey: try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: text))))
    }

    /// A new key, kept nowhere.
    public static func ephemeral() -> TranscriptSigner { TranscriptSigner(privateKey: .init()) }

    /// The signature of a line whose chain hash is `hash`: 64 bytes.
    func signature(ofHash hash: [UInt8]) -> [UInt8] {
        // Ed25519 signing cannot fail for a valid key; an empty signature would only fail verification.
        Array((try? privateKey.signature(for: TranscriptPublicKey.signedBytes(hash))) ?? Data())
    }

    /// The signature of `bytes` as they are (the caller puts a prefix of its own first): 64 bytes.
    func signature(of bytes: [UInt8]) -> [UInt8] {
        Array((try? privateKey.signature(for: bytes)) ?? Data())
    }

    // MARK: - On disk

    /// Why the key file cannot be used. Messages carry no key material.
    public enum KeyFileError: Error, Sendable, Equatable {
        /// The file exists but is not a key gesprek wrote.
        case damaged(path: String)
        /// The key is sealed with a passphrase and none was given.
        case needsPassphrase
        /// The passphrase does not open the key.
        case wrongPassphrase
        /// The file or its folder could not be made.
        case cannotCreate(path: String, reason: String)
        /// The file is there but cannot be read, or is no plain file (a FIFO, a device): never taken
        /// for a missing key, which a new one would replace.
        case unreadable(path: String, reason: TranscriptReadError)

        public func message(in language: DisplayLanguage) -> String {
            switch self {
            case let .damaged(path):
                language.pick(
                    "de ondertekensleutel \(path) is beschadigd; zet hem opzij, dan maakt gesprek een nieuwe",
                    "the signing key \(path) is damaged; move it aside and gesprek makes a new one")
            case .needsPassphrase:
                language.pick(
                    "de ondertekensleutel is met een wachtwoord versleuteld; er is een wachtwoord nodig",
                    "the signing key is sealed with a passphrase; a passphrase is needed")
            case .wrongPassphrase:
                language.pick(
                    "het wachtwoord past niet bij de ondertekensleutel", "the passphrase does not fit the signing key")
            case let .cannotCreate(path, reason):
                language.pick(
                    "kan de ondertekensleutel \(path) niet maken: \(reason)", "cannot create the signing key \(path): \(reason)")
            case let .unreadable(path, reason):
                language.pick(
                    "kan de ondertekensleutel \(path) niet lezen: \(reason.message(in: language))",
                    "cannot read the signing key \(path): \(reason.message(in: language))")
            }
        }
    }

    /// The file names in the config folder: the private key, and the public key beside it.
    public static let privateKeyName = "signing-key"
    public static let publicKeyName = "signing-key.pub"

    private static let plainTag = "gesprek-signing-key"

    /// The public key in `folder`, when there is one: readable without the passphrase.
    public static func publicKey(in folder: URL) -> TranscriptPublicKey? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(publicKeyName), encoding: .utf8) else { return nil }
        return TranscriptPublicKey.parseAll(text).first
    }

    /// Whether `folder` holds a signing key.
    public static func exists(in folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(privateKeyName).path)
    }

    /// The key in `folder`, made on first use (file 0600, folder 0700). When
    /// `passphrase` gives one, a new key is sealed with it (scrypt and
    /// ChaCha20-Poly1305, as transcripts are); a sealed key needs it to open.
    /// `passphrase` is called only when a key is sealed or to be sealed.
    public static func load(
        from folder: URL, seal: Bool, passphrase: () throws -> String
    ) throws -> TranscriptSigner {
        let url = folder.appendingPathComponent(privateKeyName)
        do {
            return try open(try RegularFile.contents(url.path), path: url.path, passphrase: passphrase)
        } catch RegularFile.Refusal.failed(ENOENT) {
            // None yet: made below.
        } catch let refusal as RegularFile.Refusal {
            throw KeyFileError.unreadable(path: url.path, reason: refusal.readError)
        }
        let signer = ephemeral()
        var text: String
        let raw = Array(signer.privateKey.rawRepresentation)
        if seal {
            let given = try passphrase()
            let encryption: TranscriptEncryption
            do {
                encryption = try TranscriptEncryption(newWithPassphrase: given)
            } catch {
                throw KeyFileError.cannotCreate(path: url.path, reason: "\(type(of: error))")
            }
            text = encryption.envelopeLine + "\n" + ((try? encryption.seal(Hex.string(raw), index: 0)) ?? "") + "\n"
        } else {
            text = plainTag + "\n" + Hex.string(raw) + "\n"
        }
        try write(text, to: url)
        try? write(signer.publicKey.exported, to: folder.appendingPathComponent(publicKeyName))
        return signer
    }

    private static func open(_ bytes: [UInt8], path: String, passphrase: () throws -> String) throws -> TranscriptSigner {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 2 else { throw KeyFileError.damaged(path: path) }
        var hex = lines[1]
        if lines[0] != plainTag {
            let envelope = Array(lines[0].utf8).withUnsafeBufferPointer { TranscriptEncryption.envelope(ofFirstLine: $0) }
            guard let envelope else { throw KeyFileError.damaged(path: path) }
            let given: String
            do { given = try passphrase() } catch { throw KeyFileError.needsPassphrase }
            let encryption: TranscriptEncryption
            do {
                encryption = try TranscriptEncryption(passphrase: given, envelope: envelope)
            } catch TranscriptReadError.wrongPassphrase {
                throw KeyFileError.wrongPassphrase
            } catch {
                throw KeyFileError.damaged(path: path)
            }
            let record = Array(lines[1].utf8)
            guard let plain = try? record.withUnsafeBufferPointer({ try encryption.open($0, index: 0, lineNumber: 2) }) else {
                throw KeyFileError.damaged(path: path)
            }
            hex = String(decoding: plain, as: UTF8.self)
        }
        guard let raw = Hex.decode(Array(hex.utf8)), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyFileError.damaged(path: path)
        }
        return TranscriptSigner(privateKey: key)
    }

    /// Writes a new file 0600 in a folder made 0700; never overwrites.
    private static func write(_ text: String, to url: URL) throws {
        do {
            try TranscriptDirectory.writeSecretFile(text, to: url)
        } catch {
            throw KeyFileError.cannotCreate(path: error.path, reason: error.reason)
        }
    }
}

/// A public signing key (Ed25519, 32 bytes, written as 64 hex digits) and
/// its short id: the first 16 hex digits of its SHA-256.
public struct TranscriptPublicKey: Sendable, Hashable {
    public let raw: [UInt8]

    init(_ key: Curve25519.Signing.PublicKey) { raw = Array(key.rawRepresentation) }

    /// From 64 hex digits; nil when they are not a valid key.
    public init?(hex: some StringProtocol) {
        guard let raw = Hex.decode(Array(hex.utf8)), raw.count == 32,
            (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
        else { return nil }
        self.raw = raw
    }

    public var hex: String { Hex.string(raw) }

    /// The short id people compare: 16 hex digits, in groups of four.
    public var id: String {
        let digits = Array(Hex.string(Array(SHA256.hash(data: raw))).prefix(16))
        return stride(from: 0, to: 16, by: 4).map { String(digits[$0..<($0 + 4)]) }.joined(separator: "-")
    }

    /// Whether `signature` signs the line whose chain hash is `hash`.
    func isValid(_ signature: [UInt8], ofHash hash: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: Self.signedBytes(hash))
    }

    /// Whether `signature` signs `bytes` as they are.
    func isValid(_ signature: [UInt8], of bytes: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: bytes)
    }

    /// What is signed: a fixed prefix, so that a signature means nothing elsewhere, and the hash.
    static func signedBytes(_ hash: [UInt8]) -> [UInt8] { Array("gesprek-transcript-line:".utf8) + hash }

    /// The file `gesprek key --export` writes: a comment with the id, then the key.
    public var exported: String { "# gesprek signing key \(id)\n\(hex)\n" }

    /// Every key in a text of keys (an exported key, or a file of trusted keys):
    /// lines of 64 hex digits, `#` for comments, anything after the key ignored.
    public static func parseAll(_ text: String) -> [TranscriptPublicKey] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let word = content.split(whereSeparator: \.isWhitespace).first else { return nil }
            return TranscriptPublicKey(hex: word)
        }
    }
}
