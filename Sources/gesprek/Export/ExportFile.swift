#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Writes an export to a new file, private to its owner: created with
/// `O_EXCL` (an existing file is never overwritten) and mode 0600 whatever
/// the umask.
enum ExportFile {
    static func create(_ path: String, containing text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            Terminal.error(
                code == EEXIST
                    ? say(
                        "\(path) bestaat al; een export overschrijft nooit een bestand. Kies een andere naam.",
                        "\(path) exists already; an export never overwrites a file. Choose another name.")
                    : say(
                        "kan \(path) niet aanmaken: \(String(cString: strerror(code)))",
                        "cannot create \(path): \(String(cString: strerror(code)))"))
            throw Exit.cannotCreate
        }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                Terminal.error(
                    say(
                        "schrijven naar \(path) mislukt: \(String(cString: strerror(errno)))",
                        "writing to \(path) failed: \(String(cString: strerror(errno)))"))
                throw Exit.ioError
            }
            written += n
        }
        guard fsync(fd) == 0 || errno == EINVAL else {
            Terminal.error(
                say(
                    "schrijven naar \(path) mislukt: \(String(cString: strerror(errno)))",
                    "writing to \(path) failed: \(String(cString: strerror(errno)))"))
            throw Exit.ioError
        }
    }
}
