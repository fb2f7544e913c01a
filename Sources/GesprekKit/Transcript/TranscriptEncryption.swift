@preconcurrency import Crypto
import CryptoExtras
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Encryption at rest for a transcript: a key derived from a passphrase with
/// scrypt, and every line sealed with ChaCha20-Poly1305 on its own, so the
/// file stays append-only and each event is durable the moment it is written.
///
/// An encrypted transcript is JSON Lines still. Its first line, in the clear,
/// says how the key is derived (no personal data):
///
///     {"format":"gesprek-transcript-encrypted","version":1,"kdf":"scrypt","n":32768,"r":8,"p":1,
///      "salt":"…","cipher":"ChaCha20-Poly1305","check":"…"}
///
/// Every further line is one sealed line of the plain transcript (its header
/// first), base64: a random 12-byte nonce, the ciphertext, the 16-byte tag. The
/// line's number is authenticated with it, so lines cannot be moved; from
/// envelope version 2 the file's own id (`file`, random per file) is too, so
/// lines copied in from another transcript under the same key do not open.
/// `check` seals a fixed text, so a wrong passphrase is told apart from a
/// damaged file. The scrypt cost in the clear line is bounded
/// (``Envelope/costBounds``): a planted envelope that asks for gigabytes is
/// reported as damaged before any passphrase is asked for.
public struct TranscriptEncryption: Sendable {
    /// The clear first line's parameters.
    public struct Envelope: Sendable, Equatable, Codable {
        public var format = TranscriptEncryption.format
        public var version = 1
        public var kdf = "scrypt"
        public var n: Int
        public var r: Int
        public var p: Int
        public var salt: String
        public var cipher = "ChaCha20-Poly1305"
        public var check: String
        /// This file's id (version 2 and 3), authenticated with every line.
        public var file: String?
        /// Version 3: the id of the case's data key in the key store (``CaseKeyStore``), which seals the lines.
        /// The wrapped key itself is never in the file, so destroying it in the store shreds every copy.
        /// `n`, `r`, `p` and `salt` are then those of the passphrase-derived key that wraps it.
        public var key: String?

        /// The scrypt costs a reader accepts: n a power of two from 2^10 to
        /// 2^16, r up to 8, p up to 2: at most 64 MiB and 4 times the default work.
        public static let costBounds = (n: (1 << 10)...(1 << 16), r: 1...8, p: 1...2)

        /// Throws ``TranscriptReadError/damagedEnvelope`` when the parameters are not ones gesprek writes or reads.
        public func validate() throws {
            let bounds = Self.costBounds
            guard kdf == "scrypt", cipher == "ChaCha20-Poly1305", (1...3).contains(version), (version >= 2) == (file != nil),
                (version == 3) == (key.map(CaseKeyStore.isKeyID) == true),
                bounds.n.contains(n), n & (n - 1) == 0, bounds.r.contains(r), bounds.p.contains(p),
                let salt = Data(base64Encoded: salt), (8...64).contains(salt.count)
            else { throw TranscriptReadError.damagedEnvelope }
        }
    }

    /// The `format` of the first line of an encrypted transcript.
    public static let format = "gesprek-transcript-encrypted"
    /// scrypt's cost: 2^15 rounds of 8 blocks, 32 MiB and about 0.1 s per derivation,
    /// so guessing passphrases is slow.
    public static let defaultCost = (n: 1 << 15, r: 8, p: 1)
    private static let checkText = Array("gesprek: de sleutel klopt".utf8)

    public let envelope: Envelope
    private let key: SymmetricKey

    /// A new key for writing, from a passphrase and a salt (16 random bytes when `nil`).
    public init(
        newWithPassphrase passphrase: String, salt: [UInt8]? = nil,
        cost: (n: Int, r: Int, p: Int) = TranscriptEncryption.defaultCost
    ) throws {
        let salt = salt ?? Self.randomSalt()
        let key = try Self.derive(passphrase, salt: salt, n: cost.n, r: cost.r, p: cost.p)
        let check = try ChaChaPoly.seal(Self.checkText, using: key, authenticating: Array("check".utf8)).combined
        self.key = key
        self.envelope = Envelope(
            n: cost.n, r: cost.r, p: cost.p, salt: Data(salt).base64EncodedString(),
            check: check.base64EncodedString())
    }

    /// The key of an existing transcript. Throws ``TranscriptReadError/wrongPassphrase`` when it does not fit.
    public init(passphrase: String, envelope: Envelope) throws {
        try self.init(key: Self.derive(passphrase, for: envelope), envelope: envelope)
    }

    /// A key derived before (for another file with the same salt), checked against this envelope.
    init(key: SymmetricKey, envelope: Envelope) throws {
        guard let check = Data(base64Encoded: envelope.check), let box = try? ChaChaPoly.SealedBox(combined: check),
            let opened = try? ChaChaPoly.open(box, using: key, authenticating: Array("check".utf8)),
            Array(opened) == Self.checkText
        else {
            throw TranscriptReadError.wrongPassphrase
        }
        self.key = key
        self.envelope = envelope
    }

    /// The key a passphrase gives under this envelope's salt and cost.
    /// Throws ``TranscriptReadError/damagedEnvelope`` for parameters out of bounds, before any work.
    static func derive(_ passphrase: String, for envelope: Envelope) throws -> SymmetricKey {
        try envelope.validate()
        guard let salt = Data(base64Encoded: envelope.salt) else { throw TranscriptReadError.damagedEnvelope }
        return try derive(passphrase, salt: Array(salt), n: envelope.n, r: envelope.r, p: envelope.p)
    }

    /// A case's data key for writing (envelope version 3, naming the key by `keyID`),
    /// with the parameters of the passphrase-derived key that wraps it.
    init(dataKey: SymmetricKey, keyID: String, wrapping: Envelope) throws {
        var envelope = wrapping
        envelope.version = 3
        envelope.key = keyID
        envelope.file = UUID().uuidString.lowercased()
        envelope.check = try ChaChaPoly.seal(Self.checkText, using: dataKey, authenticating: Array("check".utf8)).combined
            .base64EncodedString()
        self.key = dataKey
        self.envelope = envelope
    }

    /// The id of the case's data key (envelope version 3), or nil when the key derives from the passphrase.
    public var caseKeyID: String? { envelope.key }

    /// The same key for a new file: the envelope gets a new random `file` id (version 2, or 3 under a case key).
    public func forNewFile() -> TranscriptEncryption {
        var envelope = envelope
        envelope.version = envelope.key == nil ? 2 : 3
        envelope.file = UUID().uuidString.lowercased()
        return TranscriptEncryption(key: key, checkedEnvelope: envelope)
    }

    private init(key: SymmetricKey, checkedEnvelope: Envelope) {
        self.key = key
        self.envelope = checkedEnvelope
    }

    /// The clear first line of the file.
    public var envelopeLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(envelope)) ?? Data(), as: UTF8.self)
    }

    /// Seals line `index` (0 is the transcript's header) into a line of base64.
    public func seal(_ line: String, index: Int) throws -> String {
        try ChaChaPoly.seal(Array(line.utf8), using: key, authenticating: associatedData(index)).combined.base64EncodedString()
    }

    /// Opens sealed line `index`; throws ``TranscriptReadError/damagedRecord(line:)`` when it was changed, cut or moved.
    public func open(_ record: UnsafeBufferPointer<UInt8>, index: Int, lineNumber: Int) throws -> [UInt8] {
        guard let combined = Data(base64Encoded: Data(record)), let box = try? ChaChaPoly.SealedBox(combined: combined),
            let plain = try? ChaChaPoly.open(box, using: key, authenticating: associatedData(index))
        else {
            throw TranscriptReadError.damagedRecord(line: lineNumber)
        }
        return Array(plain)
    }

    /// The envelope, if this first line is one.
    public static func envelope(ofFirstLine line: UnsafeBufferPointer<UInt8>) -> Envelope? {
        // Cheap test first: plain transcripts start with {"format":"gesprek-transcript",…
        guard line.count < 4096, let text = String(validating: line, as: UTF8.self), text.contains(format) else { return nil }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)), envelope.format == format else {
            return nil
        }
        return envelope
    }

    /// What is authenticated with line `index`: its number, and from envelope version 2 the file's id.
    private func associatedData(_ index: Int) -> [UInt8] {
        guard let file = envelope.file else { return Array("gesprek:\(index)".utf8) }
        return Array("gesprek:\(file):\(index)".utf8)
    }

    private static func derive(_ passphrase: String, salt: [UInt8], n: Int, r: Int, p: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: n, blockSize: r,
            parallelism: p, maxMemory: 128 * r * (n + p + 2) + (1 << 20))
    }

    private static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
