#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// All of standard input, read with read(2): a failing read (EIO from a
/// terminal that went away, say) is an error the caller reports, where
/// `FileHandle.readDataToEndOfFile()` would stop the program.
enum StandardInput {
    /// The bytes until the end of input, or the reason they could not be read.
    static func readAll() -> Result<Data, ReadFailure> {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n > 0 {
                data.append(contentsOf: chunk[..<n])
            } else if n == 0 {
                return .success(data)
            } else if errno != EINTR {
                return .failure(ReadFailure(code: errno))
            }
        }
    }

    /// A read that failed, with the system's reason (never any of the input).
    struct ReadFailure: Error {
        let code: Int32
        var reason: String { String(cString: strerror(code)) }
    }
}
