#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A transcript on disk: created new (never overwriting), mode 0600 whatever
/// the umask, and every line synced to disk (`fsync`) before ``append(line:)``
/// returns, so an acknowledged line survives a crash or a power cut.
///
/// That is ``Durability-swift.enum/everyLine``, for input that exists nowhere
/// else (a person typing, a pipe). For input that is its own source (a script
/// file), ``Durability-swift.enum/atSync`` writes each line when it is given
/// (so it survives the process being killed) and syncs only in ``sync()`` and
/// ``close()``: a power cut before that can lose the lines since the last
/// sync, which the script still holds.
///
/// A line that cannot be written whole and synced (disk full, quota, file size
/// limit, read-only disk) is cut off again, so the file always ends with a whole
/// line and the same line can be given again; a file that was removed while
/// open counts as a failed write.
public final class TranscriptFile: TranscriptSink {
    /// When the lines are synced to disk.
    public enum Durability: Sendable, Equatable {
        /// Each line is synced before ``append(line:)`` returns: for live input.
        case everyLine
        /// Lines are written as they come and synced by ``sync()`` and ``close()``: for a script file.
        case atSync
    }

    public let url: URL
    /// When lines reach the disk for certain.
    public let durability: Durability
    /// Lines were written since the last `fsync`.
    private var unsynced = false
    private var descriptor: Int32
    /// Seals each line when the transcript is encrypted.
    public let encryption: TranscriptEncryption?
    /// The number of the next sealed line (0: the transcript's header).
    private var sealedLines = 0
    /// The size of the file after the last line that was written and synced.
    private var length: off_t = 0
    /// A failed line could not be cut off yet; do that before the next line.
    private var needsCut = false
    /// The file was unlinked while open; nothing written reaches a file any more.
    private var removed = false
    /// With ``Durability-swift.enum/atSync``: the folder's sync for the new file's name, running
    /// beside the first lines; ``sync()`` waits for it.
    private var folderSync: FolderSyncInBackground?

    /// Creates the file; fails if it exists, or (``TranscriptFileError/folderNotPrivate``) if its
    /// folder belongs to another user or others can create and remove files in it
    /// (see ``TranscriptExposure/control(of:)``). Missing parent folders are made with mode 0700.
    /// - Parameter encryption: when given, the file starts with the clear envelope line and every
    ///   line after it is sealed on its own (see ``TranscriptEncryption``).
    /// - Parameter durability: sync every line (the default) or only in ``sync()`` and ``close()``.
    public init(creating url: URL, encryption: TranscriptEncryption? = nil, durability: Durability = .everyLine) throws {
        self.url = url
        // Each file gets its own id in the envelope, bound to every line (see TranscriptEncryption).
        self.encryption = encryption?.forNewFile()
        self.durability = durability
        // Never in a folder another user can change: he could swap the transcript for his own.
        if TranscriptExposure.control(of: url.deletingLastPathComponent()) != nil { throw TranscriptFileError.folderNotPrivate }
        try TranscriptDirectory.makePrivateFolder(url.deletingLastPathComponent())
        // Read and write: the lines written are read back when the transcript moves (TranscriptRecorder.move).
        let fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TranscriptFileError(errno: errno) }
        // open() applies the umask; make sure it is exactly 0600.
        guard fchmod(fd, 0o600) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw TranscriptFileError(errno: code)
        }
        // Held until closed (or the process dies), so that `repair` leaves a transcript being written alone.
        _ = flock(fd, LOCK_EX | LOCK_NB)
        self.descriptor = fd
        // Make the new directory entry durable too: now when every line is synced as it comes, else
        // beside the first lines, done before ``sync()`` returns.
        let folder = url.deletingLastPathComponent()
        if durability == .atSync, let sync = FolderSyncInBackground(path: folder.path) {
            folderSync = sync
        } else {
            TranscriptDirectory.syncFolder(folder)
        }
        if let encryption = self.encryption { try write(encryption.envelopeLine) }
    }

    /// Opens an existing file to add lines at its end (a reflections file that a later session goes on with,
    /// see ``ReflectionLog``). The file must be a regular file; its mode is set to 0600.
    /// - Parameter encryption: the file's own key (from its envelope), when it is encrypted.
    /// - Parameter sealedLines: how many sealed lines the file holds after its envelope.
    init(appendingTo url: URL, encryption: TranscriptEncryption?, sealedLines: Int) throws {
        self.url = url
        self.encryption = encryption
        self.durability = .everyLine
        self.sealedLines = sealedLines
        if TranscriptExposure.control(of: url.deletingLastPathComponent()) != nil { throw TranscriptFileError.folderNotPrivate }
        let opened: (fd: Int32, size: Int)
        do {
            opened = try RegularFile.open(url.path, flags: O_RDWR | O_APPEND)
        } catch {
            if case let .failed(code) = error { throw TranscriptFileError(errno: code) }
            throw TranscriptFileError(errno: EINVAL)
        }
        guard fchmod(opened.fd, 0o600) == 0 else {
            let code = errno
            Glibc.close(opened.fd)
            throw TranscriptFileError(errno: code)
        }
        _ = flock(opened.fd, LOCK_EX | LOCK_NB)
        self.descriptor = opened.fd
        self.length = off_t(opened.size)
    }

    public func append(line: String) throws {
        guard let encryption else { return try write(line) }
        try write(try encryption.seal(line, index: sealedLines))
        sealedLines += 1
    }

    /// Writes one line and its newline, and syncs it to disk.
    private func write(_ line: String) throws {
        guard descriptor >= 0 else { throw TranscriptFileError(errno: EBADF) }
        guard !removed else { throw TranscriptFileError.removed }
        if needsCut { try cutToLastLine() }
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failed(TranscriptFileError(errno: errno))
            }
            written += n
        }
        // A failed fsync leaves the line's fate unknown: cut it, so that giving it again cannot double it.
        if durability == .everyLine {
            guard fsync(descriptor) == 0 else { throw failed(TranscriptFileError(errno: errno)) }
        } else {
            unsynced = true
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_nlink == 0 {
            removed = true
            throw TranscriptFileError.removed
        }
        length += off_t(bytes.count)
    }

    /// Cuts off what a failed line left (a part written before the disk filled up), then passes the error on.
    private func failed(_ error: TranscriptFileError) -> TranscriptFileError {
        needsCut = true
        try? cutToLastLine()
        return error
    }

    private func cutToLastLine() throws {
        // Shrinking needs no free space and is allowed beyond a file size limit.
        guard ftruncate(descriptor, length) == 0, fsync(descriptor) == 0 else { throw TranscriptFileError(errno: errno) }
        needsCut = false
    }

    /// Syncs every line written so far to disk (`fsync`); with ``Durability-swift.enum/everyLine``
    /// they are already. The file is still open after it.
    public func sync() throws {
        defer {
            folderSync?.wait()
            folderSync = nil
        }
        guard descriptor >= 0, unsynced else { return }
        guard fsync(descriptor) == 0 else { throw TranscriptFileError(errno: errno) }
        unsynced = false
    }

    /// The folder while its sync for the new file's name is still running beside the first lines
    /// (``Durability-swift.enum/atSync``), else -1: for syncing from a signal handler too.
    public var folderDescriptorBeingSynced: Int32 { folderSync?.descriptor ?? -1 }

    /// The lines written so far, as ``append(line:)`` got them (opened again when encrypted), read back from
    /// the open file (a removed file too): what a recorder gives a new sink instead of keeping every line.
    func writtenLines() throws -> [String] {
        guard descriptor >= 0 else { throw TranscriptFileError(errno: EBADF) }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw TranscriptFileError(errno: n < 0 ? errno : EIO) }
            done += n
        }
        var records = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if records.last?.isEmpty == true { records.removeLast() }
        guard let encryption else { return records.map { String(decoding: $0, as: UTF8.self) } }
        return try records.dropFirst().enumerated().map { index, record in
            let plain = try Array(record).withUnsafeBufferPointer { try encryption.open($0, index: index, lineNumber: index + 2) }
            return String(decoding: plain, as: UTF8.self)
        }
    }

    /// The open descriptor, for syncing from a signal handler (`fsync` is async-signal-safe); -1 once closed.
    public var fileDescriptor: Int32 { descriptor }

    /// Syncs what is not synced yet (see ``sync()``), then closes the file.
    public func close() throws {
        guard descriptor >= 0 else { return }
        try sync()
        let fd = descriptor
        descriptor = -1
        guard Glibc.close(fd) == 0 else { throw TranscriptFileError(errno: errno) }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }
}
