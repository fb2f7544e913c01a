#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Where transcripts live by default, and how their folders are kept private.
package enum TranscriptDirectory {
    /// `$XDG_DATA_HOME/gesprek/transcripts`, or `~/.local/share/gesprek/transcripts`.
    public static func defaultURL(environment: EnvironmentVariables = .process) -> URL {
        let base: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? PathText.home()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share", isDirectory: true)
        }
        return base.appendingPathComponent("gesprek/transcripts", isDirectory: true)
    }

    /// A new file name for a session that starts now: `2026-11-23T104054-1a2b3c4d.jsonl`.
    /// It holds no names, so listing the folder reveals nobody.
    public static func fileName(started date: Date, sessionID: UUID) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&time, &parts)
        let d = { (value: Int32, width: Int) in UTCStamp.digits(Int(value), width) }
        let stamp =
            "\(d(parts.tm_year + 1900, 4))-\(d(parts.tm_mon + 1, 2))-\(d(parts.tm_mday, 2))"
            + "T\(d(parts.tm_hour, 2))\(d(parts.tm_min, 2))\(d(parts.tm_sec, 2))"
        return "\(stamp)-\(sessionID.uuidString.prefix(8).lowercased()).jsonl"
    }

    /// The salt for deriving keys of encrypted transcripts: 16 random bytes in
    /// `…/gesprek/salt` (0600), made once. It is not secret (every encrypted
    /// file carries it too); sharing it lets a reader of many transcripts
    /// derive the key once. `nil` when it cannot be read or made: then each file gets its own.
    public static func encryptionSalt(environment: EnvironmentVariables = .process) -> [UInt8]? {
        let folder = defaultURL(environment: environment).deletingLastPathComponent()
        let url = folder.appendingPathComponent("salt")
        // Through RegularFile, as every file gesprek reads: a FIFO put there would otherwise make this wait forever.
        if let salt = try? RegularFile.contents(url.path), salt.count == 16 { return salt }
        guard (try? makePrivateFolder(folder)) != nil else { return nil }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try? RegularFile.contents(url.path) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        guard salt.withUnsafeBytes({ write(fd, $0.baseAddress, 16) }) == 16, fsync(fd) == 0 else { return nil }
        return salt
    }

    /// Makes the folder and any missing parents with mode 0700. Our own
    /// folders (`…/gesprek` and `…/gesprek/transcripts`) are tightened to 0700
    /// even when they exist already.
    static func makePrivateFolder(_ url: URL) throws {
        try makeFolder(url)
        var folder = url
        for name in ["transcripts", "gesprek"] where folder.lastPathComponent == name {
            chmod(folder.path, 0o700)
            folder = folder.deletingLastPathComponent()
        }
    }

    private static func makeFolder(_ url: URL) throws {
        var info = stat()
        if stat(url.path, &info) == 0 { return }
        try makeFolder(url.deletingLastPathComponent())
        if mkdir(url.path, 0o700) != 0, errno != EEXIST { throw TranscriptFileError(errno: errno) }
        chmod(url.path, 0o700)  // mkdir applies the umask
    }

    /// Writes a new secret file (a key): mode 0600 in its folder, made 0700, never over
    /// an existing file or through a link; on disk with its folder entry before it returns.
    /// Throws `(path, reason)` of what failed, for the caller's own error.
    static func writeSecretFile(_ text: String, to url: URL) throws(SecretFileFailure) {
        let folder = url.deletingLastPathComponent()
        do {
            try makePrivateFolder(folder)
        } catch let error as TranscriptFileError {
            throw SecretFileFailure(path: folder.path, reason: error.reason)
        } catch {
            throw SecretFileFailure(path: folder.path, reason: "\(error)")
        }
        chmod(folder.path, 0o700)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SecretFileFailure(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(url.path)
            throw SecretFileFailure(path: url.path, reason: reason)
        }
        syncFolder(folder)
    }

    /// Where writing a secret file failed, and why.
    struct SecretFileFailure: Error {
        var path: String
        var reason: String
    }

    static func syncFolder(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
