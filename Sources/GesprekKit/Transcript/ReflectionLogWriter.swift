#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

extension ReflectionLog {
    /// Adds reflections to the file beside a transcript, one at a time, each
    /// on disk (`fsync`) before ``append(moment:marker:kind:dimensions:tags:text:)``
    /// returns.
    ///
    /// Opening checks first: the transcript must verify as intact, signed and
    /// closed (an interrupted one is mended with `gesprek repair` first: its
    /// closing record gives the final hash the reflections are bound to), and
    /// a reflections file already there must be intact and bound to this very
    /// transcript; the chain then goes on after its last line. A new file is
    /// made (0600, its header first) only with the first reflection. A last
    /// line that a crash cut off (never confirmed) is taken away before the
    /// next one is written.
    ///
    /// ```swift
    /// let writer = try ReflectionLog.Writer(forTranscript: url, signer: signer, tool: "gesprek 0.1.0")
    /// let reflection = try writer.append(moment: 12, kind: .observation, dimensions: [.competentioneel],
    ///                                    tags: ["kracht"], text: "Moeder noemt zelf de buurvrouw als steun")
    /// ```
    public final class Writer {
        /// The transcript the reflections are about.
        public let transcriptURL: URL
        /// The reflections file.
        public let url: URL
        /// The reflections in the file: those there before and those added.
        public private(set) var reflections: [Reflection]
        /// The transcript's report, as checked when opening.
        public let transcriptReport: ChainReport
        /// Whether the reflections file is (or will be) encrypted.
        public let isEncrypted: Bool

        private let signer: TranscriptSigner
        private var chain: TranscriptChain
        private var file: TranscriptFile?
        /// The header to write first, until the file is made.
        private var pendingHeader: ReflectionLogHeader?
        /// The transcript's key, for a new encrypted reflections file.
        private let newFileEncryption: TranscriptEncryption?
        private let clock: () -> Date
        private let timestamps = TimestampFormatter()
        /// Held while this writer lives (`flock`), so that two sessions never add to one chain at once.
        private var lock: Int32 = -1

        /// Checks the transcript and the reflections file beside it (see the type's description).
        /// - Parameter keyring: opens an encrypted transcript and its reflections file.
        /// - Parameter tool: `gesprek 0.1.0`, for a new file's header.
        /// - Parameter clock: the time of each reflection (and of a new file).
        /// - Throws: ``ReflectionLogError`` when it may not be added to; ``TranscriptReadError`` when
        ///   the transcript or the reflections cannot be read; ``TranscriptFileError`` when the file cannot be opened.
        public init(
            forTranscript transcript: URL, signer: TranscriptSigner, keyring: TranscriptKeyring? = nil, tool: String,
            clock: @escaping () -> Date = Date.init
        ) throws {
            self.transcriptURL = transcript
            self.url = ReflectionLog.location(forTranscript: transcript)
            self.signer = signer
            self.clock = clock
            let report = try TranscriptVerifier.verify(contentsOf: transcript, keyring: keyring)
            self.transcriptReport = report
            guard report.finding == .intact, report.signer != nil else { throw ReflectionLogError.transcriptNotIntact(report) }
            guard report.closing != nil, report.cutTail == nil, let fileID = report.fileID, let lastHash = report.lastHash else {
                throw ReflectionLogError.transcriptNotClosed
            }
            let transcriptEncryption = try Self.encryption(ofTranscript: transcript, keyring: keyring)
            if FileManager.default.fileExists(atPath: url.path) {
                // Locked before it is read: what is read is what the chain goes on from.
                lock = try Self.lock(url)
                let contents = try ReflectionLog.read(contentsOf: url, keyring: keyring, transcriptReport: report)
                guard contents.report.finding == .intact else { throw ReflectionLogError.reflectionsNotIntact(contents.report) }
                guard contents.report.binding == .bound else { throw ReflectionLogError.boundElsewhere }
                guard contents.isEncrypted == (transcriptEncryption != nil) else { throw ReflectionLogError.encryptionMismatch }
                try Self.trimCutTail(contents.report.cutTail, of: url, encrypted: contents.isEncrypted)
                self.reflections = contents.reflections
                self.chain = TranscriptChain(after: contents.chainEnd, signer: signer)
                self.file = try TranscriptFile(appendingTo: url, encryption: contents.encryption, sealedLines: contents.sealedLines)
                self.pendingHeader = nil
                self.newFileEncryption = nil
                self.isEncrypted = contents.isEncrypted
            } else {
                self.reflections = []
                self.chain = TranscriptChain(signer: signer)
                self.newFileEncryption = transcriptEncryption
                self.isEncrypted = transcriptEncryption != nil
                self.pendingHeader = ReflectionLogHeader(
                    fileID: UUID().uuidString.lowercased(), transcriptFileID: fileID, transcriptHash: lastHash,
                    transcriptEvents: report.events, signer: signer.publicKey.hex, tool: tool, created: "")
            }
        }

        /// The number the next reflection gets.
        public var nextSequence: Int { reflections.count + 1 }

        /// Seals the reflection into the file and syncs it; it is on disk when this returns.
        /// - Throws: ``TranscriptFileError`` when it could not be written whole; nothing of it then counts.
        @discardableResult
        public func append(
            moment: Int, marker: String? = nil, kind: Reflection.Kind, dimensions: [Dimension], tags: [String], text: String
        ) throws -> Reflection {
            let now = timestamps.string(from: clock())
            if var header = pendingHeader {
                header.created = now
                try create(with: header)
            }
            guard let file else { throw TranscriptFileError(errno: EBADF) }
            let reflection = Reflection(
                sequence: nextSequence, moment: moment, marker: marker, kind: kind, dimensions: dimensions, tags: tags, text: text,
                time: now)
            let (sealed, next) = chain.sealing(ReflectionLogFormat.line(for: reflection, signer: signer.publicKey.hex))
            try file.append(line: sealed)
            chain = next
            reflections.append(reflection)
            return reflection
        }

        /// Makes the file with its header; removes it again when the header cannot be written.
        private func create(with header: ReflectionLogHeader) throws {
            let made = try TranscriptFile(creating: url, encryption: newFileEncryption)
            let (sealed, next) = chain.sealing(ReflectionLogFormat.line(for: header))
            do {
                try made.append(line: sealed)
            } catch {
                try? made.close()
                unlink(url.path)
                throw error
            }
            chain = next
            file = made
            pendingHeader = nil
        }

        /// The open file's descriptor, for syncing from a signal handler; -1 before the first reflection and once closed.
        public var fileDescriptor: Int32 { file?.fileDescriptor ?? -1 }

        /// Closes the file (each reflection is on disk already).
        public func close() throws {
            try file?.close()
            if lock >= 0 { Glibc.close(lock) }
            lock = -1
        }

        deinit {
            if lock >= 0 { Glibc.close(lock) }
        }

        /// A descriptor of the file holding an exclusive `flock`; ``ReflectionLogError/inUse`` when another holds it.
        private static func lock(_ url: URL) throws -> Int32 {
            let fd: Int32
            do {
                (fd, _) = try RegularFile.open(url.path)
            } catch {
                if case let .failed(code) = error { throw TranscriptFileError(errno: code) }
                throw error.readError
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                Glibc.close(fd)
                throw ReflectionLogError.inUse
            }
            return fd
        }

        /// The transcript's key when it is encrypted, for the new reflections file.
        private static func encryption(ofTranscript url: URL, keyring: TranscriptKeyring?) throws -> TranscriptEncryption? {
            let bytes = try FileBytes.read(url)
            let first = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            guard let envelope = Array(first).withUnsafeBufferPointer({ TranscriptEncryption.envelope(ofFirstLine: $0) }) else {
                return nil
            }
            guard let keyring else { throw TranscriptReadError.encrypted }
            return try keyring.encryption(for: envelope)
        }

        /// Takes away a last line a crash cut off (it was never confirmed), or adds the newline a whole one lacks.
        private static func trimCutTail(_ cut: CutTail?, of url: URL, encrypted: Bool) throws {
            guard let cut else { return }
            let fd: Int32
            let size: Int
            do {
                (fd, size) = try RegularFile.open(url.path, flags: O_RDWR | O_APPEND)
            } catch {
                if case let .failed(code) = error { throw TranscriptFileError(errno: code) }
                throw TranscriptFileError(errno: EINVAL)
            }
            defer { Glibc.close(fd) }
            if cut.onlyLineEndMissing, !encrypted {
                guard Glibc.write(fd, "\n", 1) == 1 else { throw TranscriptFileError(errno: errno) }
            } else {
                guard ftruncate(fd, off_t(size - cut.bytes)) == 0 else { throw TranscriptFileError(errno: errno) }
            }
            guard fsync(fd) == 0 else { throw TranscriptFileError(errno: errno) }
        }
    }
}
