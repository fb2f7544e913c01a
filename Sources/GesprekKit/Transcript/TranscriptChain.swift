import Crypto

/// The hash chain that makes a change to a transcript evident (format version 2),
/// each link signed from version 3 (see ``TranscriptSigner``).
///
/// Every line ends in a `hash` key, the last in the object: the SHA-256 of
/// the previous line's hash (its 32 bytes) followed by the line's own bytes
/// as they are without that key. The header has no previous line; its hash,
/// of its own bytes alone, starts the chain.
///
/// ```
/// {"format":"gesprek-transcript",…,"language":"nl","hash":"<h0>"}     h0 = SHA-256(header without hash)
/// {"seq":1,…,"lineNumber":2,"hash":"<h1>"}                           h1 = SHA-256(h0 ‖ line without hash)
/// ```
///
/// From version 3 a `sig` key follows the hash: the Ed25519 signature, in 128
/// hex digits, of the line's hash (see ``TranscriptPublicKey``). The hash is
/// of the line without both keys.
///
/// A script run signs only at checkpoints (see ``TranscriptSigning``): a line
/// without `sig` ends in its hash, and a signature on a later line vouches for
/// it through the chain.
///
/// "Without hash" is the line with `,"hash":"…"` cut out, so checking a line
/// takes its bytes as they are: no parsing and no canonical form. A chain
/// works on bytes that are already written; it knows nothing of files.
struct TranscriptChain: Sendable {
    /// `,"hash":"` + 64 hex digits + `"}`: what sealing puts in place of the closing `}` (version 2).
    static let sealLength = hashKey.count + 64 + 2
    /// `,"hash":"…","sig":"` + 128 hex digits + `"}`: the same with the line's signature (version 3).
    static let signedSealLength = hashKey.count + 64 + 1 + signatureKey.count + 128 + 2
    private static let hashKey = Array(#","hash":""#.utf8)
    private static let signatureKey = Array(#","sig":""#.utf8)
    private static let closing = UInt8(ascii: "}")

    /// The hash of the line sealed last; nil before the header.
    private(set) var last: [UInt8]?
    /// Signs each line's hash (version 3); nil writes version 2 lines, hash only.
    let signer: TranscriptSigner?

    /// A chain that goes on after a line with hash `last`; a new one (for the header) when nil.
    init(after last: [UInt8]? = nil, signer: TranscriptSigner? = nil) {
        self.last = last
        self.signer = signer
    }

    /// The hash a line's unsealed bytes get when `previous` is the hash before it (nil for the header).
    static func hash(of content: UnsafeRawBufferPointer, after previous: [UInt8]?) -> [UInt8] {
        var hasher = SHA256()
        if let previous { hasher.update(data: previous) }
        hasher.update(bufferPointer: content)
        return Array(hasher.finalize())
    }

    /// The line (one JSON object, without newline) with its hash as the last
    /// key (and, with a signer and `signed`, the hash's signature after it), and
    /// the chain as it is once that line is written. This chain is left as it
    /// is, so that a line that fails to be written does not count.
    func sealing(_ line: String, signed: Bool = true) -> (line: String, chain: TranscriptChain) {
        var bytes = Array(line.utf8)
        precondition(bytes.last == Self.closing, "a transcript line is one JSON object")
        let digest = bytes.withUnsafeBytes { Self.hash(of: $0, after: last) }
        bytes.removeLast()
        bytes.reserveCapacity(bytes.count + Self.signedSealLength)
        bytes += Self.hashKey
        bytes += Hex.encode(digest)
        bytes.append(UInt8(ascii: "\""))
        if let signer, signed {
            bytes += Self.signatureKey
            bytes += Hex.encode(signer.signature(ofHash: digest))
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(Self.closing)
        var next = self
        next.last = digest
        return (String(decoding: bytes, as: UTF8.self), next)
    }

    /// A sealed line taken apart: the hash it carries, its signature when it
    /// has one, and the bytes that were hashed; nil when the line does not end
    /// in a well-formed `hash` key (and `sig` key).
    static func unseal(_ line: UnsafeBufferPointer<UInt8>) -> (content: [UInt8], hash: [UInt8], signature: [UInt8]?)? {
        guard line.count > sealLength, line.last == closing, line[line.count - 2] == UInt8(ascii: "\"") else { return nil }
        var end = line.count - 2  // the closing quote of the last value
        var signature: [UInt8]?
        if line.count > signedSealLength {
            let sigStart = line.count - 2 - 128 - signatureKey.count
            if line[sigStart..<(sigStart + signatureKey.count)].elementsEqual(signatureKey),
                let decoded = Hex.decode(line[(sigStart + signatureKey.count)..<(line.count - 2)])
            {
                signature = decoded
                end = sigStart - 1
                guard line[end] == UInt8(ascii: "\"") else { return nil }
            }
        }
        let keyStart = end - 64 - hashKey.count
        guard keyStart > 0, line[keyStart..<(keyStart + hashKey.count)].elementsEqual(hashKey),
            let hash = Hex.decode(line[(keyStart + hashKey.count)..<end])
        else { return nil }
        var content = Array(line[..<keyStart])
        content.append(closing)
        return (content, hash, signature)
    }
}

/// Lowercase hexadecimal, as the chain writes hashes.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }

    static func string(_ bytes: [UInt8]) -> String { String(decoding: encode(bytes), as: UTF8.self) }

    /// Lowercase digits only, as written; anything else is nil.
    static func decode(_ hex: some Collection<UInt8>) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var high: UInt8?
        for character in hex {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | value); high = nil } else { high = value }
        }
        return out
    }
}
