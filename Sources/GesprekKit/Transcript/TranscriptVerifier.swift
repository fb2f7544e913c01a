#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Checks a transcript's hash chain (see ``TranscriptChain``): whether every
/// line is as it was written and in its place, or which sequence number was
/// first changed, removed, inserted or moved. A line cut off by a crash is
/// reported apart, as it is not tampering.
///
/// Anyone can compute SHA-256, so the chain alone shows changes made by hand
/// or by a tool that does not know it. From format version 3 every line's
/// hash is signed with the writer's key (``TranscriptSigner``): someone who
/// rewrites every hash from the change onwards leaves a chain that holds but
/// signatures that do not (``ChainReport/Finding/forged(sequence:line:)``).
/// A script run signs only checkpoints (``TranscriptSigning``): a signature
/// vouches for its line and, through the chain, every line before it; the
/// lines after the last one, when the closing record is missing, are
/// reported as not signed (``ChainReport/unsignedTail``), not as forged.
/// Only the key's holder can sign a rewritten transcript anew; a seal noted
/// elsewhere (``TranscriptSeal``) shows that too.
public enum TranscriptVerifier {
    /// Checks the file. Throws ``TranscriptReadError`` when it cannot be read
    /// or is not a transcript.
    /// - Parameter keyring: opens an encrypted transcript, whose chain runs over its plain lines.
    public static func verify(contentsOf url: URL, keyring: TranscriptKeyring? = nil) throws -> ChainReport {
        let bytes = try FileBytes.read(url)
        guard let opened = try openedIfEncrypted(bytes, keyring: keyring) else { return try verify(bytes) }
        switch opened {
        case let .plain(plain, records):
            // The plain lines are numbered from the header; in the file the envelope comes first.
            var report = try verify(plain).lines(shiftedBy: 1)
            if report.cutTail == nil, records.cut != nil { report.cutTail = records.cut }
            return report
        case let .damaged(line, events):
            return ChainReport(finding: .changed(sequence: line - 2, line: line), events: events)
        }
    }

    private enum Opened {
        /// The plain transcript, and the sealed file's cut tail if it has one.
        case plain([UInt8], records: (count: Int, cut: CutTail?))
        /// A sealed line that does not open: changed, or moved.
        case damaged(line: Int, events: Int)
    }

    /// The plain bytes of an encrypted transcript, or `nil` when it is not encrypted.
    private static func openedIfEncrypted(_ bytes: [UInt8], keyring: TranscriptKeyring?) throws -> Opened? {
        try bytes.withUnsafeBufferPointer { buffer -> Opened? in
            guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")),
                let envelope = TranscriptEncryption.envelope(ofFirstLine: UnsafeBufferPointer(rebasing: buffer[..<newline]))
            else {
                return nil
            }
            guard let keyring else { throw TranscriptReadError.encrypted }
            let encryption = try keyring.encryption(for: envelope)
            var records: [UnsafeBufferPointer<UInt8>] = []
            var start = newline + 1
            while let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                records.append(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end + 1
            }
            let cut = start < buffer.count ? CutTail(line: records.count + 2, bytes: buffer.count - start, onlyLineEndMissing: false) : nil
            var plain: [UInt8] = []
            for (index, record) in records.enumerated() {
                guard let line = try? encryption.open(record, index: index, lineNumber: index + 2) else {
                    return .damaged(line: index + 2, events: max(0, records.count - 1))
                }
                plain += line
                plain.append(UInt8(ascii: "\n"))
            }
            return .plain(plain, records: (records.count, cut))
        }
    }

    /// Checks transcript bytes.
    public static func verify(_ bytes: [UInt8]) throws -> ChainReport {
        try bytes.withUnsafeBufferPointer { try verify(buffer: $0) }
    }

    private static func verify(buffer bytes: UnsafeBufferPointer<UInt8>) throws -> ChainReport {
        let layout = try TranscriptLayout(bytes)
        let lines = layout.lines.map { UnsafeBufferPointer(rebasing: bytes[$0]) }
        let events = max(0, lines.count - 1 - (lines.count > 1 && TranscriptFormat.isClosing(lines[lines.count - 1]) ? 1 : 0))
        func report(_ finding: ChainReport.Finding) -> ChainReport {
            ChainReport(finding: finding, cutTail: layout.cutTail, events: events)
        }
        guard let headerLine = lines.first else { return report(.intact) }
        let header = try TranscriptDecoder.header(headerLine)
        let headerSeal = TranscriptChain.unseal(headerLine)
        guard header.version >= 2 else {
            // A sealed header that says version 1 had its version lowered.
            return report(headerSeal == nil ? .unchained(version: header.version) : .headerChanged)
        }
        guard let headerSeal, follows(headerSeal, after: nil) else { return report(.headerChanged) }
        // Version 3: every line's hash is signed with the key the header names.
        var signer: TranscriptPublicKey?
        if header.version >= 3 {
            // The header's hash holds: without a key it was changed; without a valid signature, sealed anew by a forger.
            guard let key = header.signer.flatMap({ TranscriptPublicKey(hex: $0) }) else { return report(.headerChanged) }
            guard let signature = headerSeal.signature, key.isValid(signature, ofHash: headerSeal.hash) else {
                return report(.forged(sequence: 0, line: 1))
            }
            signer = key
        }
        // A closing record ends the transcript; lines after it were added later.
        var eventLines = lines.count
        var closingPosition: Int?
        if header.version >= 3, let found = lines.indices.dropFirst().first(where: { TranscriptFormat.isClosing(lines[$0]) }) {
            closingPosition = found
            eventLines = found
        }
        let links = Links(lines: Array(lines[..<eventLines]), headerHash: headerSeal.hash)
        for position in 1..<eventLines where !links.holds(at: position) {
            return report(links.firstBreak(at: position))
        }
        // The last line a signature vouches for (0: the header); every line before a signed one is vouched for
        // through the chain. A script run signs only checkpoints (the header says so): the lines between may be
        // unsigned, a checkpoint may not. Without that in the header, every line must be signed.
        var lastSigned = 0
        if let signer {
            for position in 1..<eventLines {
                guard let seal = TranscriptChain.unseal(lines[position]) else {
                    return report(.forged(sequence: position, line: position + 1))
                }
                if let signature = seal.signature {
                    guard signer.isValid(signature, ofHash: seal.hash) else {
                        return report(.forged(sequence: position, line: position + 1))
                    }
                    lastSigned = position
                } else if header.signing.signs(sequence: position) {
                    return report(.forged(sequence: position, line: position + 1))
                }
            }
        } else {
            lastSigned = eventLines - 1
        }
        var unsignedTail = eventLines - 1 - lastSigned
        var hashes = links.hashes.map { $0.map(Hex.string) ?? "" }
        var closing: ChainReport.Closing?
        var last = links.hashes[eventLines - 1]
        if let position = closingPosition {
            let line = position + 1
            guard position == lines.count - 1 else { return report(.inserted(line: line + 1, after: position - 1)) }
            guard let seal = TranscriptChain.unseal(lines[position]), follows(seal, after: last),
                let record = TranscriptDecoder.closing(lines[position])
            else { return report(.closingChanged(line: line)) }
            guard let closer = TranscriptPublicKey(hex: record.signer), let signature = seal.signature,
                closer.isValid(signature, ofHash: seal.hash)
            else { return report(.forged(sequence: position, line: line)) }
            guard record.events == position - 1, record.fileID == header.fileID, record.lastHash == last.map(Hex.string),
                record.reason == .recovered || closer == signer
            else { return report(.closingChanged(line: line)) }
            closing = ChainReport.Closing(reason: record.reason, signer: closer)
            // The writer's closing record vouches for every line; a recovery's (even with the same key) vouches
            // for what repair found, which the writing session had not signed: that stays said.
            if record.reason == .normal { unsignedTail = 0 }
            last = seal.hash
            hashes.append(Hex.string(seal.hash))
        }
        var result = ChainReport(
            finding: .intact, cutTail: layout.cutTail, events: eventLines - 1, lastHash: last.map(Hex.string),
            signer: signer, closing: closing, version: header.version)
        result.chainHashes = hashes
        result.fileID = header.fileID
        result.unsignedTail = unsignedTail
        result.checkpointInterval = header.signing.checkpointInterval
        return result
    }

    /// Whether a sealed line's hash is that of its content after `previous`.
    fileprivate static func follows(_ seal: (content: [UInt8], hash: [UInt8], signature: [UInt8]?), after previous: [UInt8]?) -> Bool {
        seal.content.withUnsafeBytes { TranscriptChain.hash(of: $0, after: previous) } == seal.hash
    }
}

/// The lines of a version 2 transcript as links of the chain. Position 0 is
/// the header; position p holds, if nothing was done to the file, seq p.
private struct Links {
    let lines: [UnsafeBufferPointer<UInt8>]
    /// The hash each line carries; nil for a line without a well-formed one.
    let hashes: [[UInt8]?]

    init(lines: [UnsafeBufferPointer<UInt8>], headerHash: [UInt8]) {
        self.lines = lines
        self.hashes = [headerHash] + lines.dropFirst().map { TranscriptChain.unseal($0)?.hash }
    }

    /// The line at `position` in its place: its hash follows from the one
    /// before and it is the event that belongs there.
    func holds(at position: Int) -> Bool {
        follows(position, after: position - 1) && sequence(at: position) == position
    }

    /// Whether the line at `position` was sealed right after the line at `earlier`.
    func follows(_ position: Int, after earlier: Int) -> Bool {
        guard let seal = TranscriptChain.unseal(lines[position]), let previous = hashes[earlier] else { return false }
        return TranscriptVerifier.follows(seal, after: previous)
    }

    /// The seq the line at `position` claims; nil when it is not an event.
    func sequence(at position: Int) -> Int? {
        try? TranscriptDecoder.event(lines[position], lineNumber: position + 1).sequence
    }

    /// What happened at the first line that does not hold. Each line's hash
    /// names the hash before it as it was written, so the hash a line follows
    /// tells where it came from: a later line's (moved), an earlier one's
    /// (what is between was inserted), or none in the file (changed, or its
    /// predecessor removed).
    func firstBreak(at position: Int) -> ChainReport.Finding {
        let line = position + 1
        let claimed = sequence(at: position)
        let seal = TranscriptChain.unseal(lines[position])
        func follows(after earlier: Int) -> Bool {
            guard let seal, let previous = hashes[earlier] else { return false }
            return TranscriptVerifier.follows(seal, after: previous)
        }
        if follows(after: position - 1) {
            // Sealed in place but numbered wrongly: the chain was recomputed after a removal or insertion.
            if let claimed, claimed > position { return .removed(sequence: position, through: claimed - 1, line: line) }
            return .inserted(line: line, after: position - 1)
        }
        if (position + 1..<lines.count).contains(where: follows(after:)) {
            return .reordered(sequence: position, line: line)
        }
        if let earlier = (0..<(position - 1)).last(where: follows(after:)) {
            return .inserted(line: earlier + 2, after: earlier)
        }
        if position + 1 < lines.count, self.follows(position + 1, after: position - 1) {
            return .inserted(line: line, after: position - 1)
        }
        if let claimed, claimed > position { return .removed(sequence: position, through: claimed - 1, line: line) }
        return .changed(sequence: position, line: line)
    }
}

/// A whole file's bytes, with errors as ``TranscriptReadError``.
enum FileBytes {
    static func read(_ url: URL) throws -> [UInt8] {
        do { return try RegularFile.contents(url.path) } catch { throw error.readError }
    }

    /// Reads from the descriptor's current offset to the end.
    static func read(_ fd: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TranscriptReadError.unreadable(reason: String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= RegularFile.maximumSize else { throw TranscriptReadError.fileTooLarge }
            bytes += chunk[..<n]
        }
    }
}
