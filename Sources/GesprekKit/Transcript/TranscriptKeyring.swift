@preconcurrency import Crypto
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
    private var dataKeys: [String: SymmetricKey] = [:]
    private let lock = PlainLock()
    /// Where the case keys of envelope version 3 are (see ``CaseKeyStore``).
    public let caseKeys: CaseKeyStore?

    /// - Parameter passphrase: called at most once, when the first encrypted transcript is read.
    /// - Parameter caseKeys: the store of case keys; without it a transcript under a case key
    ///   (envelope version 3) throws ``TranscriptReadError/caseKeyMissing``.
    public init(caseKeys: CaseKeyStore? = nil, passphrase: @escaping @Sendable () throws -> String) {
        self.caseKeys = caseKeys
        self.passphrase = passphrase
    }

    /// The key for a transcript with this envelope; throws ``TranscriptReadError/wrongPassphrase`` when it does not fit.
    public func encryption(for envelope: TranscriptEncryption.Envelope) throws -> TranscriptEncryption {
        lock.lock()
        defer { lock.unlock() }
        // Out-of-bounds costs are damage, found before the passphrase is asked for or any key derived.
        try envelope.validate()
        if let keyID = envelope.key {
            // A case key: erased (tombstone) or missing is said before any passphrase is asked for.
            if let key = dataKeys[keyID] { return try TranscriptEncryption(key: key, envelope: envelope) }
            guard let caseKeys else { throw TranscriptReadError.caseKeyMissing }
            let key = try caseKeys.dataKey(keyID) { file in try derived(file.envelope) }
            dataKeys[keyID] = key
            return try TranscriptEncryption(key: key, envelope: envelope)
        }
        return try TranscriptEncryption(key: derived(envelope), envelope: envelope)
    }

    /// The passphrase's key under this envelope's salt and cost, derived once; the lock is held.
    private func derived(_ envelope: TranscriptEncryption.Envelope) throws -> SymmetricKey {
        let id = "\(envelope.salt)/\(envelope.n)/\(envelope.r)/\(envelope.p)"
        if let key = keys[id] { return key }
        if asked == nil { asked = try passphrase() }
        let key = try TranscriptEncryption.derive(asked ?? "", for: envelope)
        keys[id] = key
        return key
    }
}
