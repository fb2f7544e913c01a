#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines from a file descriptor as bytes, without decoding them, so
/// that a line that is not UTF-8 can be told apart (readLine would repair it).
/// It holds one chunk and the unfinished line, however long the input.
struct ByteLineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    // Not zeroed first: read(2) fills what is used (zeroing 64 KiB showed in the start-up profile of `run`).
    private var chunk = [UInt8](unsafeUninitializedCapacity: 1 << 16) { _, count in count = 1 << 16 }

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its newline, or nil at the end of the input.
    mutating func nextLine() -> [UInt8]? {
        while true {
            if let newline = Self.newline(in: buffer, from: start) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            // Keep only the unfinished line, then read more. One read at a time, so
            // that a line is handled as soon as it arrives (a person typing into a pipe).
            buffer.removeSubrange(..<start)
            start = 0
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[..<n])
            }
        }
    }

    /// The index of the first newline at or after `start` (memchr: a long line is not searched byte by byte).
    private static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            return memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }
}
