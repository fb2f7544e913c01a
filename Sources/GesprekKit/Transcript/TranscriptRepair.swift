#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Mends a transcript whose last line a crash cut off: the cut line is
/// trimmed (or, when only its newline is missing, the newline added), after
/// the file as it was has been kept in a backup beside it. Then, given a
/// signer, a signed transcript (version 3) whose chain holds but that was
/// never closed gets a closing record that says it was *recovered*, signed
/// with the repairer's key: never one that pretends the session ended
/// normally. Nothing else is touched: a changed line elsewhere is for
/// ``TranscriptVerifier`` to report, not for repair to hide.
public enum TranscriptRepair {
    /// What repair did.
    public enum Outcome: Sendable, Equatable {
        /// The last line is whole: nothing was changed and no backup made.
        case nothingToRepair
        /// The cut-off line was taken off; `kept` events remain.
        case trimmed(CutTail, kept: Int, backup: URL)
        /// The last line lacked only its newline, which was added.
        case lineEndAdded(CutTail, backup: URL)
    }

    /// What repair did, with whether it closed the transcript as recovered.
    public struct Repaired: Sendable, Equatable {
        /// What was done to the last line.
        public var outcome: Outcome
        /// When a recovery closing record was added: the events it counts. Nil when none was added.
        public var closedAsRecovered: Int?
        /// The backup, when one was made.
        public var backup: URL?
        /// When closed as recovered: the events at the end that the writer had not signed yet (a script run
        /// signs at checkpoints), which only the recovery's closing record vouches for.
        public var unsignedTail = 0
    }

    /// Why repair did nothing. Messages carry no content of the transcript.
    public enum RepairError: Error, Sendable, Equatable {
        /// The file cannot be read, or is not a transcript.
        case unreadable(TranscriptReadError)
        /// A session still has the transcript open.
        case inUse
        /// The backup could not be made; the transcript is as it was.
        case backupFailed(path: String, reason: String)
        /// Mending the transcript failed; the backup holds it as it was.
        case writeFailed(reason: String)
        /// The file changed while repair ran (another program wrote to it, or
        /// it was replaced); nothing was changed, so that nothing it wrote is lost.
        case changedMeanwhile
        /// The transcript is encrypted and its passphrase is missing or wrong: it could not be closed.
        case locked(TranscriptReadError)

        public func message(in language: DisplayLanguage) -> String {
            switch self {
            case let .unreadable(error): error.message(in: language)
            case .inUse:
                language.pick(
                    "een sessie schrijft nog in dit transcript; herstel het pas als die gesloten is",
                    "a session is still writing this transcript; repair it once that is closed")
            case let .backupFailed(path, reason):
                language.pick(
                    "kan de reservekopie \(path) niet maken: \(reason); er is niets veranderd",
                    "cannot make the backup \(path): \(reason); nothing was changed")
            case let .locked(error): error.message(in: language)
            case let .writeFailed(reason):
                language.pick(
                    "herstellen mislukt: \(reason); de reservekopie bevat het transcript zoals het was",
                    "repair failed: \(reason); the backup holds the transcript as it was")
            case .changedMeanwhile:
                language.pick(
                    "het transcript veranderde terwijl het werd hersteld (een ander programma schrijft erin of verving het); er is niets veranderd",
                    "the transcript changed while it was being repaired (another program writes to it or replaced it); nothing was changed")
            }
        }
    }

    /// Repairs the file in place and, given a signer, closes an interrupted
    /// signed transcript as recovered (see the type's description). The backup
    /// is `NAME.bak` (or `.bak.2`, `.bak.3`, …: an existing backup is never
    /// overwritten), mode 0600, synced to disk before the transcript is touched.
    ///
    /// Before it touches the transcript, repair checks that the file is still
    /// the one it read, unchanged (the same inode at the path, the same size
    /// and modification time); a program that does not take gesprek's lock
    /// may have appended to it meanwhile. If it changed, the backup made for
    /// the change is removed and ``RepairError/changedMeanwhile`` thrown: nothing is lost.
    /// - Parameter keyring: opens an encrypted transcript, to close it.
    public static func repair(
        _ url: URL, closingWith signer: TranscriptSigner?, keyring: TranscriptKeyring? = nil
    ) throws(RepairError) -> Repaired {
        try repair(url, closingWith: signer, keyring: keyring, afterReading: {})
    }

    /// ``repair(_:closingWith:keyring:)``, calling `afterReading` between reading the file
    /// and checking it before the change (for a test that changes it there).
    package static func repair(
        _ url: URL, closingWith signer: TranscriptSigner?, keyring: TranscriptKeyring?, afterReading: () -> Void
    ) throws(RepairError) -> Repaired {
        let fd: Int32
        do { fd = try RegularFile.open(url.path, flags: O_RDWR).fd } catch { throw .unreadable(error.readError) }
        defer { close(fd) }
        // A session holds this lock on its transcript while it writes (see TranscriptFile).
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw .inUse }
        let outcome = try repair(url, fd: fd, afterReading: afterReading)
        var result = Repaired(outcome: outcome, closedAsRecovered: nil, backup: nil)
        switch outcome {
        case .nothingToRepair: break
        case let .trimmed(_, _, backup), let .lineEndAdded(_, backup): result.backup = backup
        }
        guard let signer else { return result }
        let report: ChainReport
        do {
            report = try TranscriptVerifier.verify(contentsOf: url, keyring: keyring)
        } catch let error as TranscriptReadError {
            switch error {
            case .encrypted, .wrongPassphrase: throw .locked(error)
            default: throw .unreadable(error)
            }
        } catch {
            throw .locked(.encrypted)
        }
        // Only a signed transcript whose chain holds and that lacks its closing record is closed.
        guard report.finding == .intact, report.version >= 3, report.closing == nil, report.cutTail == nil,
            let last = report.lastHash.flatMap({ Hex.decode(Array($0.utf8)) }), let fileID = report.fileID
        else { return result }
        let closing = TranscriptClosing(
            reason: .recovered, events: report.events, fileID: fileID, lastHash: Hex.string(last), signer: signer.publicKey.hex)
        var line = TranscriptChain(after: last, signer: signer).sealing(TranscriptEncoder.line(for: closing)).line
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(url)
            if let envelope = bytes.withUnsafeBufferPointer({ buffer in
                buffer.firstIndex(of: UInt8(ascii: "\n")).flatMap {
                    TranscriptEncryption.envelope(ofFirstLine: UnsafeBufferPointer(rebasing: buffer[..<$0]))
                }
            }) {
                guard let keyring else { throw TranscriptReadError.encrypted }
                line = try keyring.encryption(for: envelope).seal(line, index: report.events + 1)
            }
        } catch let error as TranscriptReadError {
            throw .locked(error)
        } catch {
            throw .locked(.encrypted)
        }
        let read = FileIdentity(fd)
        let newBackup = result.backup == nil ? try makeBackup(of: url, holding: bytes) : nil
        result.backup = result.backup ?? newBackup
        // As for the trim: append only to the file as it was read, else a record another program added would be overwritten.
        guard let read, read.size == bytes.count, FileIdentity(path: url.path) == read else {
            if let newBackup { unlink(newBackup.path) }
            throw .changedMeanwhile
        }
        let record = Array((line + "\n").utf8)
        guard record.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, off_t(bytes.count)) }) == record.count, fsync(fd) == 0
        else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, off_t(bytes.count))
            throw .writeFailed(reason: reason)
        }
        result.closedAsRecovered = report.events
        result.unsignedTail = report.unsignedTail
        return result
    }

    /// Repairs the cut last line only (see ``repair(_:closingWith:keyring:)``).
    public static func repair(_ url: URL) throws(RepairError) -> Outcome {
        try repair(url, closingWith: nil).outcome
    }

    /// Trims or ends the cut last line of the file open (and locked) at `fd`.
    private static func repair(_ url: URL, fd: Int32, afterReading: () -> Void) throws(RepairError) -> Outcome {
        let bytes: [UInt8]
        let layout: TranscriptLayout
        do {
            bytes = try FileBytes.read(fd)
            layout = try bytes.withUnsafeBufferPointer { try TranscriptLayout($0) }
        } catch let error as TranscriptReadError {
            throw .unreadable(error)
        } catch {
            throw .unreadable(.unreadable(reason: "\(error)"))
        }
        guard let cut = layout.cutTail else { return .nothingToRepair }
        let read = FileIdentity(fd)
        let backup = try makeBackup(of: url, holding: bytes)
        afterReading()
        // The file must be the one read, as it was read: else what was added meanwhile would be cut away.
        guard let read, read.size == bytes.count, FileIdentity(fd) == read, FileIdentity(path: url.path) == read else {
            unlink(backup.path)
            throw .changedMeanwhile
        }
        if cut.onlyLineEndMissing {
            var newline = UInt8(ascii: "\n")
            guard pwrite(fd, &newline, 1, off_t(bytes.count)) == 1, fsync(fd) == 0 else {
                throw .writeFailed(reason: String(cString: strerror(errno)))
            }
            return .lineEndAdded(cut, backup: backup)
        }
        guard ftruncate(fd, off_t(layout.cutOffset ?? bytes.count)) == 0, fsync(fd) == 0 else {
            throw .writeFailed(reason: String(cString: strerror(errno)))
        }
        return .trimmed(cut, kept: layout.events, backup: backup)
    }

    /// Writes the whole file as it is to a new backup beside it.
    private static func makeBackup(of url: URL, holding bytes: [UInt8]) throws(RepairError) -> URL {
        var attempt = 1
        while true {
            let backup = URL(fileURLWithPath: url.path + (attempt == 1 ? ".bak" : ".bak.\(attempt)"))
            let fd = open(backup.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST, attempt < 1000 { attempt += 1; continue }
                throw .backupFailed(path: backup.path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            func fail() -> RepairError {
                let reason = String(cString: strerror(errno))
                unlink(backup.path)  // a partial backup is no backup
                return .backupFailed(path: backup.path, reason: reason)
            }
            // open() applied the umask; the backup holds the same personal data as the transcript.
            guard fchmod(fd, 0o600) == 0 else { throw fail() }
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw fail() }
                written += n
            }
            guard fsync(fd) == 0 else { throw fail() }
            TranscriptDirectory.syncFolder(backup.deletingLastPathComponent())
            return backup
        }
    }
}

/// What tells a file's state apart: its inode, size and modification time.
private struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: timespec

    init?(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        self.init(info)
    }

    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modified = info.st_mtim
    }

    static func == (a: Self, b: Self) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
