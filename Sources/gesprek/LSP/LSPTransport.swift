#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The Language Server Protocol's framing over stdin and stdout: each
/// message is `Content-Length: N` (and perhaps other headers), an empty
/// line, and N bytes of JSON. A body larger than ``largestBody`` is refused
/// without being read into memory.
final class LSPTransport {
    /// What reading gives.
    enum Incoming {
        /// One whole body.
        case body([UInt8])
        /// A header block that could not be read (no `Content-Length`, a bad number); the body, if any, was skipped.
        case badHeader
        /// A `Content-Length` over ``largestBody``: nothing after it can be trusted.
        case tooLarge(Int)
        /// The input ended (perhaps in the middle of a message).
        case end
    }

    /// The largest body accepted: 64 MiB.
    static let largestBody = 64 << 20
    /// The largest header block accepted before its empty line.
    static let largestHeader = 8 << 10

    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Whether writing failed (the client went away).
    private(set) var outputClosed = false

    init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    /// Reads what the input holds, waiting when `wait` is true. Returns false at the end of the input.
    @discardableResult
    private func fill(wait: Bool) -> Bool {
        if atEnd { return false }
        if !wait {
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return true }
        }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0, errno == EINTR { continue }
            atEnd = true
            return false
        }
    }

    /// Whether another whole message can be read without waiting.
    func hasWaitingMessage() -> Bool {
        fill(wait: false)
        return headerEnd() != nil
    }

    /// The offset just past the empty line that ends the header block, if it is in the buffer.
    private func headerEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 { return i + 4 }
            i += 1
        }
        return nil
    }

    /// The next message, waiting for it.
    func next(wait: Bool = true) -> Incoming? {
        while true {
            if let end = headerEnd() {
                let header = String(decoding: buffer[start..<end - 4], as: UTF8.self)
                var length: Int?
                var valid = true
                for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2 else {
                        valid = false
                        continue
                    }
                    if parts[0].trimmingSpaces().lowercased() == "content-length" {
                        let number = parts[1].trimmingSpaces()
                        guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else {
                            valid = false
                            continue
                        }
                        // More digits than any allowed length: too large, without overflowing an Int.
                        length = number.count > 12 ? Int.max : Int(number)
                    }
                }
                guard let length else {
                    start = end
                    return .badHeader
                }
                if length > Self.largestBody { return .tooLarge(length) }
                while buffer.count - end < length {
                    guard fill(wait: wait) else { return .end }
                    if !wait, buffer.count - end < length { return nil }
                }
                let body = Array(buffer[end..<end + length])
                start = end + length
                return valid ? .body(body) : .badHeader
            }
            if buffer.count - start > Self.largestHeader { return .tooLarge(buffer.count - start) }
            let before = buffer.count
            guard fill(wait: wait) else { return .end }
            if !wait, buffer.count == before { return nil }
        }
    }

    /// Writes one message.
    func send(_ object: [String: Any]) {
        guard !outputClosed else { return }
        let json = LSPJSON.encode(object)
        var bytes = Array("Content-Length: \(json.count)\r\n\r\n".utf8)
        bytes.append(contentsOf: json)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                outputClosed = true
                return
            }
            written += count
        }
    }
}
