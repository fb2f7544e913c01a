#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit

/// One session a host opened through the C interface: the ``Session``,
/// the options that shape the answers, and the lock that lets one call in at a time.
final class OpenedSession {
    let session: Session
    let language: DisplayLanguage
    /// Whether messages may repeat what was typed (`show_input`); by default they never do.
    let showInput: Bool
    private let lock = PlainLock(recursive: true)
    /// How deep inside calls of this session the thread holding the lock is: 1 in a call; more only
    /// when a host command calls back in, which is refused.
    private var depth = 0
    private var closed = false
    /// A `gesprek_close` failed: the closing record is made and waits with the other unsaved lines.
    /// No line is taken any more; saving, closing again and discarding are.
    private(set) var closing = false
    /// The number of the next line, for messages (every line given counts, an invalid one too).
    private var lineNumber = 1

    init(session: Session, showInput: Bool) {
        self.session = session
        self.language = session.language
        self.showInput = showInput
    }

    /// Runs `body` with the session to itself; a closed session, or a call from inside a host
    /// command's handler (the same thread, already inside), is refused.
    func serialised<T>(_ refused: (APIError) -> T, _ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if closed { return refused(APIError(.noSession, language: language)) }
        guard depth == 0 else { return refused(APIError(.busy, language: language)) }
        depth += 1
        defer { depth -= 1 }
        return body()
    }

    // MARK: - Opening

    static func open(optionsJSON: UnsafePointer<CChar>?) throws -> OpenedSession {
        let options = try Options(json: optionsJSON)
        let l = options.language
        var configuration = SessionConfiguration(details: options.details, language: l)
        var file: TranscriptFile?
        var encryption: TranscriptEncryption?
        if let passphrase = options.passphrase {
            do {
                encryption = try TranscriptEncryption(newWithPassphrase: passphrase)
            } catch {
                throw APIError(.cannotCreate(options.transcript ?? "-", reason: "\(type(of: error))"), language: l)
            }
        }
        if let folder = options.signingKeyFolder {
            do {
                configuration.signer = try TranscriptSigner.load(
                    from: URL(fileURLWithPath: folder, isDirectory: true), seal: options.passphrase != nil
                ) {
                    guard let passphrase = options.passphrase else { throw TranscriptSigner.KeyFileError.needsPassphrase }
                    return passphrase
                }
            } catch let error as TranscriptSigner.KeyFileError {
                throw APIError(.cannotSign(error.message(in: l)), language: l)
            } catch {
                throw APIError(.cannotSign("\(error)"), language: l)
            }
        }
        if let path = options.transcript {
            do {
                file = try TranscriptFile(creating: URL(fileURLWithPath: path), encryption: encryption, durability: .everyLine)
            } catch let error as TranscriptFileError {
                if error.code == EEXIST { throw APIError(.transcriptExists(path), language: l) }
                throw APIError(.cannotCreate(path, reason: error.reason), language: l)
            }
        }
        do {
            let session = try Session(configuration: configuration, transcript: file)
            return OpenedSession(session: session, showInput: options.showInput)
        } catch {
            try? file?.close()
            throw APIError(.cannotCreate(options.transcript ?? "-", reason: "\(error)"), language: l)
        }
    }

    // MARK: - Calls

    /// Refuses what would record a line after the closing record (a session whose close failed).
    func requireOpen() throws {
        if closing { throw APIError(.closing, language: language) }
    }

    func execute(_ line: UnsafePointer<CChar>) -> String {
        let number = lineNumber
        lineNumber += 1
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // As `gesprek run` reports such a line from stdin: rejected, at the first byte that is not UTF-8.
            let valid = Self.validPrefixLength(bytes)
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<valid]), as: UTF8.self).count + 1
            let diagnostic = Diagnostic(
                .error, .invalidUTF8, at: SourceLocation(line: number, column: column),
                sourceLine: String(decoding: bytes, as: UTF8.self))
            return answer(LineResult(diagnostics: [diagnostic]))
        }
        return answer(session.execute(text, lineNumber: number))
    }

    private func answer(_ result: LineResult) -> String {
        var json = JSONText()
        json.object {
            $0.field("accepted", !result.isRejected)
            $0.key("event")
            if let event = result.event {
                // The line the recorder encoded for the transcript, before its seal: not encoded twice.
                if let last = session.recorder.lastEventLine, last.sequence == event.sequence {
                    $0.raw(last.line)
                } else {
                    $0.raw(TranscriptEncoder.line(for: event))
                }
            } else {
                $0.value(nil as String?)
            }
            $0.key("diagnostics")
            $0.array { list in
                for diagnostic in result.diagnostics { self.write(diagnostic, to: &list) }
            }
            $0.field("output", result.output)
            $0.field("unsaved", session.unsavedLineCount)
        }
        return json.text
    }

    private func write(_ diagnostic: Diagnostic, to json: inout JSONText) {
        json.object {
            $0.field("severity", diagnostic.severity.rawValue)
            $0.field("line", diagnostic.location.line)
            $0.field("column", diagnostic.location.column)
            $0.field("length", diagnostic.length)
            $0.field("message", diagnostic.message(in: language, showingInput: showInput))
            $0.field("hint", diagnostic.hint(in: language, showingInput: showInput))
            $0.field("rendered", diagnostic.rendered(language: language, showingInput: showInput))
        }
    }

    /// The line as text and the cursor as an index into its characters.
    func textAndCursor(_ line: UnsafePointer<CChar>?, _ cursor: Int) throws -> (String, Int) {
        guard let line else { throw APIError(.nullArgument("line"), language: language) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line))
        guard let text = String(validating: bytes, as: UTF8.self) else { throw APIError(.invalidUTF8("line"), language: language) }
        guard cursor >= 0, cursor <= bytes.count else { throw APIError(.invalidCursor, language: language) }
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: cursor)
        guard index.samePosition(in: text.unicodeScalars) != nil else { throw APIError(.invalidCursor, language: language) }
        return (text, cursor)
    }

    func complete(_ text: String, cursorBytes cursor: Int) -> String {
        let before = String(decoding: text.utf8.prefix(cursor), as: UTF8.self)
        let completions = session.completions(before: before)
        var json = JSONText()
        json.object {
            $0.key("matches")
            $0.array { list in for candidate in completions.candidates { list.value(candidate.word) } }
            $0.field("cursor_start", cursor - completions.partial.utf8.count)
            $0.field("cursor_end", cursor)
            $0.field("insertion", completions.insertion)
            $0.key("candidates")
            $0.array { list in
                for candidate in completions.candidates {
                    list.object {
                        $0.field("word", candidate.word)
                        $0.field("detail", candidate.detail)
                        $0.field("ends_word", candidate.endsWord)
                    }
                }
            }
        }
        return json.text
    }

    func inspect(_ text: String, cursorBytes cursor: Int) -> String {
        let characters = String(decoding: text.utf8.prefix(cursor), as: UTF8.self).count
        let found = session.inspection(of: text, at: characters)
        var json = JSONText()
        json.object {
            $0.field("found", found != nil)
            $0.field("text", found ?? "")
        }
        return json.text
    }

    func summary(_ output: SummaryOutput) -> String {
        let text = output.render(session.summary(), events: session.events, language: language)
        var json = JSONText()
        json.object {
            $0.field("format", output.rawValue)
            $0.field("text", text)
        }
        return json.text
    }

    func info() -> String {
        var json = JSONText()
        json.object {
            $0.field("version", GesprekKit.version)
            $0.field("transcript", currentPath)
            $0.field("session_id", session.header.sessionID)
            $0.field("language", language.rawValue)
            $0.field("public_key", session.header.signer)
            $0.field("events", session.eventCount)
            $0.field("unsaved", session.unsavedLineCount)
            $0.field("closing", closing)
            $0.key("commands")
            $0.array { list in for name in session.hostCommands.keys.sorted() { list.value(name) } }
        }
        return json.text
    }

    /// The session's transcript file now (`gesprek_save` with a path moves it), or nil in memory.
    var currentPath: String? { (session.transcript as? TranscriptFile)?.url.path }

    /// `gesprek_save`: the lines that wait, again into the transcript (no path), or everything so far
    /// into a new file that takes the next lines (a path, as the REPL's `save PATH`).
    func save(_ path: UnsafePointer<CChar>?) throws -> String {
        let saved = session.unsavedLineCount
        if let path {
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(path).assumingMemoryBound(to: UInt8.self), count: strlen(path))
            guard let text = String(validating: bytes, as: UTF8.self) else { throw APIError(.invalidUTF8("path"), language: language) }
            guard !text.isEmpty else { throw APIError(.nullArgument("path"), language: language) }
            try saveAs(text)
        } else {
            do {
                try session.retryUnsaved()
            } catch {
                throw APIError(.notSaved(Self.explanation(error, language), unsaved: session.unsavedLineCount), language: language)
            }
        }
        var json = JSONText()
        json.object {
            $0.field("transcript", currentPath)
            $0.field("saved", saved)
            $0.field("unsaved", session.unsavedLineCount)
        }
        return json.text
    }

    /// Everything so far into a new file: `path`, or, for a folder (one that exists, or a path ending
    /// in "/"), a new file in it named as the transcripts folder names them (no names of people).
    private func saveAs(_ path: String) throws {
        var isFolder: DirectoryFlag = false
        let folder =
            path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
        var candidates = [URL(fileURLWithPath: path)]
        if folder {
            let name = TranscriptDirectory.fileName(started: Date(), sessionID: session.configuration.sessionID)
            let base = URL(fileURLWithPath: path, isDirectory: true)
            candidates = (1...9).map {
                base.appendingPathComponent($0 == 1 ? name : name.replacingEvery(".jsonl", with: "-\($0).jsonl"))
            }
        }
        for url in candidates {
            do {
                try session.save(to: url)
                return
            } catch let error as TranscriptFileError where error.code == EEXIST {
                if url == candidates.last { throw APIError(.transcriptExists(url.path), language: language) }
            } catch {
                throw APIError(.cannotCreate(url.path, reason: Self.explanation(error, language)), language: language)
            }
        }
    }

    /// Ends the transcript with its closing record. When lines cannot be written the session is
    /// `closing` from then on: the closing record waits with them, for a save or another close.
    func close() -> APIError? {
        do {
            try session.close()
            closed = true
            return nil
        } catch {
            closing = true
            return APIError(.closeFailed(Self.explanation(error, language), unsaved: session.unsavedLineCount), language: language)
        }
    }

    /// Gives up on what the disk refused: closes the session if it can, and otherwise frees it all
    /// the same, the transcript left as it is. Returns how many lines were lost (0: closed whole).
    func discard() -> Int {
        if close() == nil { return 0 }
        let lost = session.unsavedLineCount
        try? session.transcript.close()
        closed = true
        return lost
    }

    /// A write failure in the session's language: the common causes in words, never a line's content.
    private static func explanation(_ error: any Error, _ language: DisplayLanguage) -> String {
        (error as? TranscriptFileError)?.explanation(in: language) ?? "\(type(of: error))"
    }

    // MARK: - Host commands

    func register(
        _ commandJSON: UnsafePointer<CChar>?, handler: @escaping HostHandler, release: HostRelease?, context: UnsafeMutableRawPointer?
    ) throws {
        let object = try JSONInput.object(commandJSON, name: "command", language: language)
        guard let name = object["name"] as? String else {
            throw APIError(.invalidOption("name", expected: language.pick("een tekst", "a string")), language: language)
        }
        for key in object.keys where !["name", "usage", "help"].contains(key) {
            throw APIError(.unknownOption(key), language: language)
        }
        let usage = object["usage"] as? String ?? name
        let help = object["help"] as? String ?? ""
        let language = self.language
        let command = HostCommand(name: name, usage: usage, help: help) { invocation in
            try HostCall(handler: handler, release: release, context: context, language: language).call(name: name, invocation)
        }
        do {
            try session.register(command)
        } catch let error as HostCommand.RegistrationError {
            let reason =
                switch error {
                case let .nameTaken(taken):
                    language.pick("\"\(taken)\" is al een commando", "\"\(taken)\" is a command already")
                case let .invalidName(invalid):
                    language.pick(
                        "\"\(invalid)\" is geen naam voor een commando (letters, cijfers, - en _)",
                        "\"\(invalid)\" is not a command name (letters, digits, - and _)")
                }
            throw APIError(.registration(reason), language: language)
        }
    }

    /// How many bytes at the start are valid UTF-8.
    private static func validPrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case let .scalarValue(scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return offset
    }
}
