@preconcurrency import Crypto
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// One erasure on request (`gesprek erase`): when, which case (as a keyed
/// hash, see ``CaseKeyStore/caseHash(_:)``), and what was done, in numbers
/// only: no content, no names, no paths.
public struct ErasureRecord: Sendable, Equatable {
    /// When, UTC, to the second (`2026-11-30T04:10:00Z`).
    public var time: String
    /// The keyed hash of the case id (64 hex digits).
    public var caseHash: String
    /// Case keys destroyed (crypto-shredding).
    public var keys: Int
    /// Files removed (transcripts, backups, rescue copies), of which `plain` were not encrypted
    /// and `legacy` encrypted under the passphrase alone (envelope version 1 or 2): copies of those elsewhere stay readable.
    public var removed: Int
    public var plain: Int
    public var legacy: Int
    /// Files of the case that could not be removed.
    public var failed: Int
    /// Encrypted files of the old kind that could not be checked (no passphrase).
    public var unchecked: Int

    public init(
        time: String, caseHash: String, keys: Int, removed: Int, plain: Int, legacy: Int, failed: Int, unchecked: Int
    ) {
        self.time = time
        self.caseHash = caseHash
        self.keys = keys
        self.removed = removed
        self.plain = plain
        self.legacy = legacy
        self.failed = failed
        self.unchecked = unchecked
    }
}

/// The erasure log: one signed line per ``ErasureRecord``, each naming the
/// SHA-256 of the line before it (`prev`), so that a line taken out or
/// changed shows. Appended only; file 0600.
///
///     {"erased":"2026-11-30T04:10:00Z","case":"…","keys":1,"removed":3,"plain":0,"legacy":0,"failed":0,"unchecked":0,"prev":"…","signer":"…","sig":"…"}
public enum ErasureLog {
    /// A record read back, with what its signature and place in the chain say.
    public struct CheckedRecord: Sendable, Equatable {
        public var record: ErasureRecord
        public var signer: TranscriptPublicKey
        /// The signature holds for this line.
        public var signed: Bool
        /// `prev` is the hash of the line before it (or empty for the first).
        public var chained: Bool
    }

    public enum LogError: Error, Equatable {
        /// Line `line` is not an erasure record.
        case malformed(line: Int)
        case unreadable(reason: String)
    }

    static let prefix = Array("gesprek-erasure:".utf8)

    /// Appends a record signed by `signer`, under an exclusive lock; synced before it returns.
    public static func append(_ record: ErasureRecord, to url: URL, signer: TranscriptSigner) throws {
        try TranscriptDirectory.makePrivateFolder(url.deletingLastPathComponent())
        let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { throw TranscriptFileError(errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw TranscriptFileError(errno: EINVAL) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        fchmod(fd, 0o600)
        flock(fd, LOCK_EX)
        let existing = try FileBytes.read(fd)
        let lines = existing.split(separator: UInt8(ascii: "\n"))
        let prev = lines.last.map { Hex.string(Array(SHA256.hash(data: Array($0)))) } ?? ""
        var body =
            #"{"erased":"\#(record.time)","case":"\#(record.caseHash)","keys":\#(record.keys),"removed":\#(record.removed),"#
            + #""plain":\#(record.plain),"legacy":\#(record.legacy),"failed":\#(record.failed),"unchecked":\#(record.unchecked),"#
            + #""prev":"\#(prev)","signer":"\#(signer.publicKey.hex)""#
        let signature = signer.signature(of: prefix + Array(body.utf8))
        body += #","sig":"\#(Hex.string(signature))"}"# + "\n"
        // A log whose last line was cut by a crash gets its newline first, so the new record stands on its own line.
        if let last = existing.last, last != UInt8(ascii: "\n") { body = "\n" + body }
        let bytes = Array(body.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            throw TranscriptFileError(errno: errno)
        }
    }

    /// Every record of the log, in order, with its signature and chain checked.
    public static func read(_ url: URL) throws -> [CheckedRecord] {
        let bytes: [UInt8]
        do { bytes = try RegularFile.contents(url.path) } catch { throw LogError.unreadable(reason: error.message(in: .en)) }
        var entries: [CheckedRecord] = []
        var previous: [UInt8]?
        for (index, slice) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
            let line = Array(slice)
            guard let entry = parse(line, previous: previous) else { throw LogError.malformed(line: index + 1) }
            entries.append(entry)
            previous = line
        }
        return entries
    }

    private struct Fields: Decodable {
        var erased: String
        var `case`: String
        var keys, removed, plain, legacy, failed, unchecked: Int
        var prev: String
        var signer: String
        var sig: String
    }

    private static func parse(_ line: [UInt8], previous: [UInt8]?) -> CheckedRecord? {
        let marker = Array(#","sig":""#.utf8)
        guard let fields = try? JSONDecoder().decode(Fields.self, from: Data(line)),
            let key = TranscriptPublicKey(hex: fields.signer),
            let at = (0...(max(0, line.count - marker.count))).last(where: { line[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return nil }
        let signed = Hex.decode(Array(fields.sig.utf8)).map { key.isValid($0, of: prefix + Array(line[..<at])) } ?? false
        let expected = previous.map { Hex.string(Array(SHA256.hash(data: $0))) } ?? ""
        let record = ErasureRecord(
            time: fields.erased, caseHash: fields.case, keys: fields.keys, removed: fields.removed, plain: fields.plain,
            legacy: fields.legacy, failed: fields.failed, unchecked: fields.unchecked)
        return CheckedRecord(record: record, signer: key, signed: signed, chained: fields.prev == expected)
    }
}
