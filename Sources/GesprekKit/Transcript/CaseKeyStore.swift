@preconcurrency import Crypto
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The data keys of encrypted transcripts, one per case, in one folder (by
/// default `~/.config/gesprek/case-keys/`, 0700; files 0600). Each key is
/// wrapped (ChaCha20-Poly1305) with the key derived from the passphrase, and
/// a transcript's clear first line names its key by an id only (envelope
/// version 3), never carrying the wrapped key: so destroying the one key file
/// (``erase(keyID:on:)``) makes every copy of the case's transcripts
/// unreadable, wherever it went (crypto-shredding).
///
/// Files in the folder:
/// - `KEYID.key`: one JSON line, `{"format":"gesprek-case-key","version":1,"id":…,"case":…,"n":…,"r":…,"p":…,"salt":…,"wrapped":…}`.
///   `case` is a keyed hash (HMAC-SHA256 with ``indexKeyName``) of the case id, never the id itself;
///   absent for a session without a case, whose transcript gets a key of its own.
/// - `KEYID.erased`: the tombstone an erasure leaves, `{"format":"gesprek-case-key-erased","id":…,"erased":"2026-11-30"}`:
///   a reader then says "erased on request" rather than "damaged" or "key missing".
/// - `index-key`: 32 random bytes (hex) for the keyed hashes of case ids, here and in the erasure log.
public struct CaseKeyStore: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// The name of the folder inside the config folder.
    public static let folderName = "case-keys"
    /// The file of the key for the keyed hashes of case ids.
    public static let indexKeyName = "index-key"
    static let keyFormat = "gesprek-case-key"
    static let tombstoneFormat = "gesprek-case-key-erased"

    /// A wrapped data key as stored.
    struct KeyFile: Codable, Sendable {
        var format = CaseKeyStore.keyFormat
        var version = 1
        var id: String
        var `case`: String?
        var n: Int
        var r: Int
        var p: Int
        var salt: String
        var wrapped: String
    }

    struct Tombstone: Codable, Sendable {
        var format = CaseKeyStore.tombstoneFormat
        var id: String
        /// The keyed hash of the case, so that a later erasure (of copies in another folder) still finds its files.
        var `case`: String?
        var erased: String
    }

    /// What the store knows of a key id.
    public enum KeyState: Sendable, Equatable {
        case present
        /// Destroyed by `gesprek erase`, on this day (yyyy-mm-dd, UTC).
        case erased(on: String)
        case missing
    }

    // MARK: - Ids

    /// Key ids are 32 lowercase hex digits: nothing else names a file here.
    static func isKeyID(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private func keyURL(_ id: String) -> URL { folder.appendingPathComponent("\(id).key") }
    private func tombstoneURL(_ id: String) -> URL { folder.appendingPathComponent("\(id).erased") }

    public func state(of id: String) -> KeyState {
        guard Self.isKeyID(id) else { return .missing }
        if let bytes = try? RegularFile.contents(tombstoneURL(id).path),
            let stone = try? JSONDecoder().decode(Tombstone.self, from: Data(bytes)), stone.id == id
        {
            return .erased(on: stone.erased)
        }
        return (try? RegularFile.contents(keyURL(id).path)) != nil ? .present : .missing
    }

    /// The keyed hash of a case id (64 hex digits), with this store's index key, made on first use.
    public func caseHash(_ caseID: String) throws -> String {
        let key = try indexKey()
        let mac = HMAC<SHA256>.authenticationCode(for: Array("gesprek-case:\(caseID)".utf8), using: key)
        return Hex.string(Array(mac))
    }

    private func indexKey() throws -> SymmetricKey {
        let url = folder.appendingPathComponent(Self.indexKeyName)
        if let bytes = try? RegularFile.contents(url.path) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            guard let raw = Hex.decode(Array(text.utf8)), raw.count == 32 else { throw CaseKeyError.damaged(path: url.path) }
            return SymmetricKey(data: raw)
        }
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        do {
            try writeNew(Hex.string(raw) + "\n", to: url)
        } catch CaseKeyError.cannotCreate(_, let reason) where reason == String(cString: strerror(EEXIST)) {
            return try indexKey()
        }
        return SymmetricKey(data: raw)
    }

    /// The ids of the keys kept for this case (normally one; more if the passphrase changed).
    public func keyIDs(forCase caseID: String) throws -> [String] {
        let hash = try caseHash(caseID)
        return keyFiles().filter { $0.case == hash }.map(\.id).sorted()
    }

    /// The ids of this case's keys erased before: their files, found later, belong to the case too.
    public func erasedKeyIDs(forCase caseID: String) throws -> [String] {
        let hash = try caseHash(caseID)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".erased") }.compactMap { name -> String? in
            guard let bytes = try? RegularFile.contents(folder.appendingPathComponent(name).path),
                let stone = try? JSONDecoder().decode(Tombstone.self, from: Data(bytes)), stone.case == hash
            else { return nil }
            return stone.id
        }.sorted()
    }

    private func keyFiles() -> [KeyFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".key") }.compactMap { name in
            guard let bytes = try? RegularFile.contents(folder.appendingPathComponent(name).path),
                let file = try? JSONDecoder().decode(KeyFile.self, from: Data(bytes)), file.format == Self.keyFormat,
                name == "\(file.id).key"
            else { return nil }
            return file
        }
    }

    // MARK: - Writing

    /// The encryption for a new transcript of `caseID`: the case's data key
    /// (made and wrapped with the passphrase on first use; a case without an
    /// id gets a key of its own), in an envelope of version 3 that names it.
    /// Throws ``CaseKeyError/wrongPassphrase`` when the case's key was wrapped under another passphrase.
    public func encryption(
        forCase caseID: String?, passphrase: String, salt: [UInt8]? = nil,
        cost: (n: Int, r: Int, p: Int) = TranscriptEncryption.defaultCost
    ) throws -> TranscriptEncryption {
        let wrapping = try TranscriptEncryption(newWithPassphrase: passphrase, salt: salt, cost: cost)
        let hash = try caseID.map(caseHash)
        if let hash {
            // One key per case; under another passphrase that key does not open: say so rather than make a second.
            let existing = keyFiles().filter { $0.case == hash && state(of: $0.id) == .present }.sorted { $0.id < $1.id }
            if let file = existing.first {
                let key = try unwrap(file, passphrase: passphrase)
                return try TranscriptEncryption(dataKey: key, keyID: file.id, wrapping: wrapping.envelope)
            }
        }
        let id = Hex.string(Array(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }))
        let dataKey = SymmetricKey(size: .bits256)
        let derived = try TranscriptEncryption.derive(passphrase, for: wrapping.envelope)
        let wrapped = try ChaChaPoly.seal(dataKey.withUnsafeBytes { Array($0) }, using: derived, authenticating: Self.aad(id))
        let file = KeyFile(
            id: id, case: hash, n: wrapping.envelope.n, r: wrapping.envelope.r, p: wrapping.envelope.p,
            salt: wrapping.envelope.salt, wrapped: wrapped.combined.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try writeNew(String(decoding: try encoder.encode(file), as: UTF8.self) + "\n", to: keyURL(id))
        return try TranscriptEncryption(dataKey: dataKey, keyID: id, wrapping: wrapping.envelope)
    }

    // MARK: - Reading

    /// The data key `id`, unwrapped with a key derived from `passphrase`
    /// (``derived`` caches derivations by salt and cost).
    /// Throws ``TranscriptReadError/erasedOnRequest(on:)`` for an erased key,
    /// ``TranscriptReadError/caseKeyMissing`` when the store has no such key.
    func dataKey(_ id: String, derive: (KeyFile) throws -> SymmetricKey) throws -> SymmetricKey {
        switch state(of: id) {
        case let .erased(day): throw TranscriptReadError.erasedOnRequest(on: day)
        case .missing: throw TranscriptReadError.caseKeyMissing
        case .present: break
        }
        guard let bytes = try? RegularFile.contents(keyURL(id).path),
            let file = try? JSONDecoder().decode(KeyFile.self, from: Data(bytes)), file.id == id,
            let combined = Data(base64Encoded: file.wrapped), let box = try? ChaChaPoly.SealedBox(combined: combined)
        else { throw TranscriptReadError.caseKeyMissing }
        // The passphrase's own errors (none given, cancelled) go on as they are.
        let wrapping = try derive(file)
        guard let raw = try? ChaChaPoly.open(box, using: wrapping, authenticating: Self.aad(id)) else {
            throw TranscriptReadError.wrongPassphrase
        }
        return SymmetricKey(data: raw)
    }

    private func unwrap(_ file: KeyFile, passphrase: String) throws -> SymmetricKey {
        do {
            return try dataKey(file.id) { file in
                try TranscriptEncryption.derive(passphrase, for: file.envelope)
            }
        } catch TranscriptReadError.wrongPassphrase {
            throw CaseKeyError.wrongPassphrase
        }
    }

    static func aad(_ id: String) -> [UInt8] { Array("gesprek-case-key:\(id)".utf8) }

    // MARK: - Erasing

    /// Destroys key `id`: a tombstone first (synced), then the key file
    /// overwritten with zeros, synced and removed. Idempotent.
    /// - Returns: whether a key was destroyed (false when it was gone already).
    @discardableResult
    public func erase(keyID id: String, on day: String) throws -> Bool {
        guard Self.isKeyID(id) else { return false }
        let hash = keyFiles().first { $0.id == id }?.case
        let stone = Tombstone(id: id, case: hash, erased: day)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if case .missing = state(of: id) { return false }
        if case .present = state(of: id) {
            try? writeNew(String(decoding: try encoder.encode(stone), as: UTF8.self) + "\n", to: tombstoneURL(id))
            guard case .erased = state(of: id) else { throw CaseKeyError.cannotCreate(path: tombstoneURL(id).path, reason: "tombstone") }
        }
        let path = keyURL(id).path
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CaseKeyError.damaged(path: path) }
        // Zeros over the wrapped key first: on a plain disk that is where it stays; see the docs for SSDs and snapshots.
        let fd = Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            let zeros = [UInt8](repeating: 0, count: Int(info.st_size))
            _ = zeros.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            fsync(fd)
            close(fd)
        }
        guard unlink(path) == 0 else {
            throw CaseKeyError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        TranscriptDirectory.syncFolder(folder)
        return true
    }

    /// Writes a new file 0600 in the folder, made 0700; never overwrites.
    private func writeNew(_ text: String, to url: URL) throws {
        do {
            try TranscriptDirectory.writeSecretFile(text, to: url)
        } catch {
            throw CaseKeyError.cannotCreate(path: error.path, reason: error.reason)
        }
    }
}

extension CaseKeyStore.KeyFile {
    /// The parameters of the passphrase-derived key that wraps this one, as an envelope (for the derivation only).
    var envelope: TranscriptEncryption.Envelope {
        TranscriptEncryption.Envelope(n: n, r: r, p: p, salt: salt, check: "")
    }
}

/// Why the case key store cannot give or make a key. Messages carry no key material and no case id.
public enum CaseKeyError: Error, Sendable, Equatable {
    /// The case's key exists but was wrapped under another passphrase.
    case wrongPassphrase
    /// A file of the store is not one gesprek wrote.
    case damaged(path: String)
    /// A file or the folder could not be made.
    case cannotCreate(path: String, reason: String)

    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case .wrongPassphrase:
            language.pick(
                "het wachtwoord past niet bij de sleutel van deze casus (gemaakt met een ander wachtwoord)",
                "the passphrase does not fit this case's key (made with another passphrase)")
        case let .damaged(path):
            language.pick("\(path) in de sleutelmap is beschadigd", "\(path) in the key folder is damaged")
        case let .cannotCreate(path, reason):
            language.pick("kan \(path) niet maken: \(reason)", "cannot create \(path): \(reason)")
        }
    }
}
