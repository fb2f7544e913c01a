@preconcurrency import Crypto
import Foundation

/// The passphrase for reading encrypted transcripts, asked for only when one
/// is met, and the keys it gives, kept per salt so that many transcripts
/// written with the same salt cost one slow derivation.
///
/// ```swift
/// let keyring = TranscriptKeyring { ProcessInfo.processInfo.environment["GESPREK_PASSPHRASE"] ?? "" }
/// let transcript = try TranscriptReader.read(contentsOf: url, keyring: keyring)
/// ```
/// Safe to share between threads reading transcripts side by side.
public final class TranscriptKeyring: @unchecked Sendable {
    private let passphrase: @Sendable () throws -> String
    private var asked: String?
    private var keys: [String: SymmetricKey] = [:]
    private let lock = NSLock()

    /// - Parameter passphrase: called at most once, when the first encrypted transcript is read.
    public init(passphrase: @escaping @Sendable () throws -> String) {
        self.passphrase = passphrase
    }

    /// The key for a transcript with this envelope; throws ``TranscriptReadError/wrongPassphrase`` when it does not fit.
    public func encryption(for envelope: TranscriptEncryption.Envelope) throws -> TranscriptEncryption {
        lock.lock()
        defer { lock.unlock() }
        // Out-of-bounds costs are damage, found before the passphrase is asked for or any key derived.
        try envelope.validate()
        let id = "\(envelope.salt)/\(envelope.n)/\(envelope.r)/\(envelope.p)"
        if let key = keys[id] { return try TranscriptEncryption(key: key, envelope: envelope) }
        if asked == nil { asked = try passphrase() }
        let key = try TranscriptEncryption.derive(asked ?? "", for: envelope)
        let encryption = try TranscriptEncryption(key: key, envelope: envelope)
        keys[id] = key
        return encryption
    }
}
