#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The team's reflections on a conversation (``Reflection``), kept in a file
/// of their own beside the transcript, which is never touched.
///
/// The file is named after the transcript with `.reflecties` added
/// (`gesprek-2026-11-30-1012-….jsonl.reflecties`, see ``location(forTranscript:)``),
/// so that nothing that looks for transcripts (`*.jsonl`) takes it for one.
/// It is JSON Lines, append-only, chained and signed exactly like a transcript
/// (``TranscriptChain``, ``TranscriptSigner``): a header
/// (``ReflectionLogHeader``) binds it to the transcript's file id and the hash
/// that ends its chain, then one line per reflection:
///
/// ```
/// {"format":"gesprek-reflecties","version":1,"file":"…","transcriptFile":"…","transcriptHash":"…","transcriptEvents":42,
///  "signer":"…","tool":"gesprek 0.1.0","created":"…","hash":"…","sig":"…"}
/// {"reflection":1,"moment":12,"kind":"observation","dimensions":["competentioneel"],"tags":["kracht"],
///  "text":"…","time":"…","signer":"…","hash":"…","sig":"…"}
/// ```
///
/// Each reflection line names the key that signed it (`signer`): a later
/// session, by another supervisor, goes on with the same chain under that
/// supervisor's key. When the transcript is encrypted the reflections file is
/// too, under the same key (the case's key), each line sealed on its own
/// exactly as a transcript's (``TranscriptEncryption``).
///
/// There is no closing record: a session adds to the file whenever the team
/// meets again. Reflections taken off the end leave a shorter chain that
/// holds; ``ReflectionReport/lastHash`` noted elsewhere shows that.
public enum ReflectionLog {
    /// What is added to the transcript's file name.
    public static let suffix = ".reflecties"

    /// The reflections file beside the transcript: its name with `.reflecties` added.
    public static func location(forTranscript url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + suffix)
    }

    /// Whether `url` names a reflections file (by its name).
    public static func isReflectionsFile(_ url: URL) -> Bool {
        url.lastPathComponent.hasSuffix(suffix) && url.lastPathComponent.count > suffix.count
    }

    /// The transcript a reflections file belongs to, by its name.
    public static func transcript(forReflections url: URL) -> URL {
        guard isReflectionsFile(url) else { return url }
        return url.deletingLastPathComponent().appendingPathComponent(String(url.lastPathComponent.dropLast(suffix.count)))
    }

    /// A reflections file read and checked.
    public struct Contents: Sendable {
        /// Where it was read from.
        public var url: URL
        public var header: ReflectionLogHeader
        /// Every reflection in a whole line that reads as one, in file order. When the
        /// chain does not hold, ``report`` says so; the reflections are still given.
        public var reflections: [Reflection]
        /// What checking found: chain, signatures, binding to the transcript.
        public var report: ReflectionReport
        /// Whether the file is encrypted.
        public var isEncrypted: Bool
        /// The hash of the last whole line, for a writer that goes on with the chain.
        var chainEnd: [UInt8]?
        /// The sealed lines after the envelope (encrypted), header included.
        var sealedLines: Int
        /// The file's own key, when it is encrypted.
        var encryption: TranscriptEncryption?

        /// The reflections on one moment (an event's seq), in the order they were added.
        public func reflections(at moment: Int) -> [Reflection] { reflections.filter { $0.moment == moment } }
    }

    /// The reflections beside the transcript at `url`; nil when there is no reflections file.
    ///
    /// The file's own chain and signatures are always checked. Its binding is checked against
    /// `transcriptReport` when given (a transcript that did not verify as intact leaves it unchecked);
    /// without one, against what the transcript's first and last lines say (its file id and the hash its
    /// last line carries), which costs no signature check: enough for a reader that shows the reflections.
    /// `gesprek verify` passes the transcript's full report.
    /// - Throws: ``ReflectionLogError`` when the file is not a reflections file; ``TranscriptReadError`` when it
    ///   cannot be read (encrypted without keyring, wrong passphrase, erased case key, …).
    public static func read(
        forTranscript url: URL, keyring: TranscriptKeyring? = nil, transcriptReport: ChainReport? = nil
    ) throws -> Contents? {
        let file = location(forTranscript: url)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let binding =
            transcriptReport.map { $0.finding == .intact ? ($0.fileID, $0.lastHash) : nil }
            ?? claimedBinding(ofTranscript: url, keyring: keyring)
        var plain = try ReflectionLines(try FileBytes.read(file), keyring: keyring)
        return try plain.check(url: file, binding: binding)
    }

    /// Reads and checks a reflections file; its binding against `transcriptReport` when given (else unchecked).
    public static func read(
        contentsOf url: URL, keyring: TranscriptKeyring? = nil, transcriptReport: ChainReport?
    ) throws
        -> Contents
    {
        let bytes = try FileBytes.read(url)
        var plain = try ReflectionLines(bytes, keyring: keyring)
        let binding = transcriptReport.flatMap { $0.finding == .intact ? ($0.fileID, $0.lastHash) : nil }
        return try plain.check(url: url, binding: binding)
    }

    /// The transcript's file id and the hash its last whole line carries, as the file says them (not verified);
    /// nil when it cannot be read.
    static func claimedBinding(ofTranscript url: URL, keyring: TranscriptKeyring?) -> (fileID: String?, lastHash: String?)? {
        guard let bytes = try? FileBytes.read(url) else { return nil }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        // Only whole lines count: the last, without its newline, may be cut.
        lines.removeLast()
        guard var header = lines.first, var last = lines.last else { return nil }
        if let envelope = header.withUnsafeBufferPointer({ TranscriptEncryption.envelope(ofFirstLine: $0) }) {
            guard lines.count >= 2, let keyring, let encryption = try? keyring.encryption(for: envelope),
                let opened = try? lines[1].withUnsafeBufferPointer({ try encryption.open($0, index: 0, lineNumber: 2) }),
                let closing = try? last.withUnsafeBufferPointer({
                    try encryption.open($0, index: lines.count - 2, lineNumber: lines.count)
                })
            else { return nil }
            header = opened
            last = closing
        }
        guard let decoded = try? header.withUnsafeBufferPointer({ try TranscriptDecoder.header($0) }),
            let seal = last.withUnsafeBufferPointer({ TranscriptChain.unseal($0) })
        else { return nil }
        return (decoded.fileID, Hex.string(seal.hash))
    }
}

/// A reflections file's lines, opened when it is encrypted, and checked.
struct ReflectionLines {
    /// The plain lines, header first, without newlines.
    private var lines: [[UInt8]] = []
    private var cutTail: CutTail?
    /// 1 when the file starts with an envelope: line numbers move on by one.
    private var offset = 0
    private var encryption: TranscriptEncryption?
    /// A sealed line that does not open: its line number, and everything after it is not read.
    private var damagedLine: Int?
    private var sealedLines = 0

    init(_ bytes: [UInt8], keyring: TranscriptKeyring?) throws {
        guard !bytes.isEmpty else { throw TranscriptReadError.empty }
        var raw = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let endsInNewline = bytes.last == UInt8(ascii: "\n")
        if endsInNewline { raw.removeLast() }
        // A line longer than any the writer makes is said as such, before its content is judged (a header of
        // 3 MiB is no changed header but no header at all), as the transcript reader does.
        if let long = raw.firstIndex(where: { $0.count > RegularFile.maximumLineLength }) {
            throw ReflectionLogError.lineTooLong(line: long + 1)
        }
        let envelope = raw.first.flatMap { first in first.withUnsafeBufferPointer { TranscriptEncryption.envelope(ofFirstLine: $0) } }
        guard let envelope else {
            lines = raw
            if !endsInNewline, let last = lines.last {
                // A last line without newline counts when it is whole: sealed and readable.
                let seal = last.withUnsafeBufferPointer { TranscriptChain.unseal($0) }
                let whole =
                    seal.map {
                        lines.count == 1
                            ? (try? ReflectionLogFormat.header($0.content)) != nil : ReflectionLogFormat.reflection($0.content) != nil
                    } ?? false
                cutTail = CutTail(line: lines.count, bytes: last.count, onlyLineEndMissing: whole)
                if !whole { lines.removeLast() }
            }
            guard let first = lines.first ?? raw.first, ReflectionLogFormat.looksLikeHeader(first) else {
                throw ReflectionLogError.notAReflectionsFile
            }
            return
        }
        guard let keyring else { throw TranscriptReadError.encrypted }
        let encryption = try keyring.encryption(for: envelope)
        self.encryption = encryption
        offset = 1
        var records = Array(raw.dropFirst())
        if !endsInNewline, let last = records.last {
            // A sealed line without its newline was never confirmed.
            cutTail = CutTail(line: records.count + 1, bytes: last.count, onlyLineEndMissing: false)
            records.removeLast()
        }
        sealedLines = records.count
        for (index, record) in records.enumerated() {
            guard let line = try? record.withUnsafeBufferPointer({ try encryption.open($0, index: index, lineNumber: index + 2) })
            else {
                damagedLine = index + 2
                break
            }
            lines.append(line)
        }
        // The sealed header does not open: nothing of the file can be judged.
        if lines.isEmpty { throw TranscriptReadError.damagedRecord(line: damagedLine ?? 2) }
    }

    /// Checks the chain, the signatures and the binding; gathers the reflections.
    mutating func check(url: URL, binding: (fileID: String?, lastHash: String?)?) throws -> ReflectionLog.Contents {
        guard let headerLine = lines.first else { throw ReflectionLogError.notAReflectionsFile }
        let headerSeal = headerLine.withUnsafeBufferPointer { TranscriptChain.unseal($0) }
        let header: ReflectionLogHeader
        do {
            header = try ReflectionLogFormat.header(headerSeal?.content ?? headerLine)
        } catch ReflectionLogError.notAReflectionsFile where ReflectionLogFormat.looksLikeHeader(headerLine) {
            header = ReflectionLogHeader(
                fileID: "", transcriptFileID: "", transcriptHash: "", transcriptEvents: 0, signer: "", tool: "", created: "")
        }
        var reflections: [Reflection] = []
        var seals: [(content: [UInt8], hash: [UInt8], signature: [UInt8]?)?] = []
        var claims: [(reflection: Reflection, signer: String)?] = []
        for line in lines.dropFirst() {
            let seal = line.withUnsafeBufferPointer { TranscriptChain.unseal($0) }
            seals.append(seal)
            let claim = ReflectionLogFormat.reflection(seal?.content ?? line)
            claims.append(claim)
            if let claim { reflections.append(claim.reflection) }
        }
        let count = lines.count - 1
        func contents(_ report: ReflectionReport, end: [UInt8]? = nil) -> ReflectionLog.Contents {
            ReflectionLog.Contents(
                url: url, header: header, reflections: reflections, report: report, isEncrypted: encryption != nil,
                chainEnd: end, sealedLines: sealedLines, encryption: encryption)
        }
        func report(_ finding: ReflectionReport.ReflectionFinding) -> ReflectionLog.Contents {
            contents(ReflectionReport(finding: finding, binding: .unchecked, cutTail: cutTail, reflections: count))
        }
        guard let headerSeal, !header.fileID.isEmpty, Self.follows(headerSeal, after: nil) else { return report(.headerChanged) }
        guard let headerKey = TranscriptPublicKey(hex: header.signer) else { return report(.headerChanged) }
        guard let signature = headerSeal.signature, headerKey.isValid(signature, ofHash: headerSeal.hash) else {
            return report(.forged(reflection: 0, line: 1 + offset))
        }
        var signers = [headerKey]
        var hashes: [[UInt8]?] = [headerSeal.hash] + seals.map { $0?.hash }
        for position in 1..<(count + 1) {
            let line = position + 1 + offset
            let seal = seals[position - 1]
            let claimed = claims[position - 1]?.reflection.sequence
            let inPlace = seal.map { Self.follows($0, after: hashes[position - 1]) } ?? false
            if !inPlace || claimed != position {
                if inPlace, let claimed, claimed > position {
                    return report(.removed(reflection: position, through: claimed - 1, line: line))
                }
                if inPlace { return report(.inserted(line: line)) }
                if position < count, let next = seals[position], Self.follows(next, after: hashes[position - 1]) {
                    return report(.inserted(line: line))
                }
                if let claimed, claimed > position, seal != nil {
                    return report(.removed(reflection: position, through: claimed - 1, line: line))
                }
                return report(.changed(reflection: position, line: line))
            }
            guard let seal, let claim = claims[position - 1], let key = TranscriptPublicKey(hex: claim.signer),
                let signature = seal.signature, key.isValid(signature, ofHash: seal.hash)
            else { return report(.forged(reflection: position, line: line)) }
            if !signers.contains(key) { signers.append(key) }
            hashes[position] = seal.hash
        }
        if let damagedLine {
            // A sealed line that does not open: the lines before it held.
            return report(.changed(reflection: damagedLine - 1 - offset, line: damagedLine))
        }
        let end = hashes[count]
        var state = ReflectionReport.ReflectionBinding.unchecked
        if let binding {
            if binding.fileID != header.transcriptFileID {
                state = .otherTranscript
            } else if binding.lastHash != header.transcriptHash {
                state = .otherVersion
            } else {
                state = .bound
            }
        }
        return contents(
            ReflectionReport(
                finding: .intact, binding: state, cutTail: cutTail, reflections: count, signers: signers,
                lastHash: end.map(Hex.string)),
            end: end)
    }

    /// Whether a sealed line's hash is that of its content after `previous`.
    static func follows(_ seal: (content: [UInt8], hash: [UInt8], signature: [UInt8]?), after previous: [UInt8]?) -> Bool {
        seal.content.withUnsafeBytes { TranscriptChain.hash(of: $0, after: previous) } == seal.hash
    }
}
