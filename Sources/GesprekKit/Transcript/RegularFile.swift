#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Opens a file that gesprek reads (a transcript, a script, a scenario) the
/// one way every reader shares: only a regular file, and only up to a size
/// that no real transcript reaches. A FIFO named `*.jsonl` would otherwise
/// make a reader wait forever, and a link to `/dev/zero` fill the memory.
///
/// The file is opened with `O_NONBLOCK` (so that opening a FIFO does not wait
/// for a writer), and the descriptor that was opened is checked with `fstat`,
/// so that nothing can swap the file between the check and the read.
package enum RegularFile {
    /// The largest file read: 1 GiB. A long session is a few hundred kilobytes.
    package static let maximumSize = 1 << 30
    /// The longest line of a transcript read: 1 MiB. A typed line is at most
    /// 10,000 characters (the language refuses a longer one), its JSON line a few times that.
    package static let maximumLineLength = 1 << 20

    /// Why a file is not read.
    package enum Refusal: Error, Equatable {
        /// `open` or `fstat` failed, with this errno.
        case failed(Int32)
        /// Not a regular file: a FIFO, a device, a socket or a folder.
        case notRegular(TranscriptReadError.FileKind)
        /// Larger than ``maximumSize``.
        case tooLarge
    }

    /// A descriptor open for reading (and the file's size), when `path` names a
    /// regular file no larger than ``maximumSize``; else the ``Refusal``. The caller closes it.
    /// - Parameter flags: `O_RDONLY`, or `O_RDWR` for a file about to be mended.
    package static func open(_ path: String, flags: Int32 = O_RDONLY) throws(Refusal) -> (fd: Int32, size: Int) {
        let fd = Glibc.open(path, flags | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .failed(errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = errno
            close(fd)
            throw .failed(error)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO: close(fd); throw .notRegular(.fifo)
        case S_IFCHR, S_IFBLK: close(fd); throw .notRegular(.device)
        case S_IFSOCK: close(fd); throw .notRegular(.socket)
        case S_IFDIR: close(fd); throw .notRegular(.folder)
        default: close(fd); throw .notRegular(.other)
        }
        guard info.st_size <= maximumSize else {
            close(fd)
            throw .tooLarge
        }
        // Reads of a regular file do not block anyway; clear the flag all the same.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return (fd, Int(info.st_size))
    }

    /// The whole file, read through ``open(_:flags:)``; at most ``maximumSize``
    /// bytes even if the file grows while it is read.
    package static func contents(_ path: String) throws(Refusal) -> [UInt8] {
        let (fd, size) = try open(path)
        defer { close(fd) }
        // Room for the whole file at once (and one byte to see the end), so a large script is not copied as it grows.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        // Not zeroed first: read(2) fills what is used.
        var chunk = [UInt8](unsafeUninitializedCapacity: 1 << 16) { _, count in count = 1 << 16 }
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .failed(errno)
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= maximumSize else { throw .tooLarge }
            bytes += chunk[..<n]
        }
    }
}

extension RegularFile.Refusal {
    /// The reader's error for this refusal.
    package var readError: TranscriptReadError {
        switch self {
        case let .failed(code): .unreadable(reason: String(cString: strerror(code)))
        case let .notRegular(kind): .notARegularFile(kind)
        case .tooLarge: .fileTooLarge
        }
    }

    /// Why the file is not read, for people.
    package func message(in l: DisplayLanguage) -> String {
        readError.message(in: l)
    }
}
