#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Checks on a file's bytes before they are taken as a script.
enum TextCheck {
    /// The first byte that is not UTF-8, or the first NUL byte, whichever comes first.
    static func firstProblem(in data: Data, path: String) -> ScriptSource.SourceError? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return nil }
            // The library's validation and memchr are fast; the byte-by-byte search only runs on a bad file.
            let nul = memchr(base, 0, bytes.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            let invalid = String(validating: bytes, as: UTF8.self) == nil ? firstInvalidUTF8Offset(in: bytes) : nil
            if let nul, nul < (invalid ?? .max) { return .binary(path, location(ofByte: nul, in: bytes)) }
            if let invalid { return .notUTF8(path, location(ofByte: invalid, in: bytes)) }
            return nil
        }
    }

    /// The first byte that is not UTF-8, or the first NUL byte, in one line of a
    /// script (its `number` counted from 1), whichever comes first.
    static func firstProblem(inLine line: [UInt8], number: Int, path: String) -> ScriptSource.SourceError? {
        line.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return nil }
            let nul = memchr(base, 0, bytes.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            let invalid = String(validating: bytes, as: UTF8.self) == nil ? firstInvalidUTF8Offset(in: bytes) : nil
            let column = { (offset: Int) in String(decoding: bytes[..<offset], as: UTF8.self).count + 1 }
            if let nul, nul < (invalid ?? .max) { return .binary(path, SourceLocation(line: number, column: column(nul))) }
            if let invalid { return .notUTF8(path, SourceLocation(line: number, column: column(invalid))) }
            return nil
        }
    }

    /// The offset of the first byte of the first ill-formed sequence.
    static func firstInvalidUTF8Offset<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The first line is a transcript's header: after a byte order mark and white space, a JSON
    /// object that names the transcript format within the first 256 bytes. Read as bytes: no
    /// decoding, so that the check costs a script's start nothing.
    static func looksLikeTranscript<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var start = Array(bytes.prefix(256))[...]
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        start = start.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }
        return start.first == UInt8(ascii: "{") && start.firstRange(of: Array(#""format":"gesprek-transcript""#.utf8)) != nil
    }

    /// Line and column (in characters) of a byte offset; the bytes before it are UTF-8.
    private static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = before[..<lineStart].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(line: line, column: column)
    }
}
