#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A conversation being recorded: the interpreter of the conversation language.
///
/// Feed it lines (``execute(_:lineNumber:)``) or whole scripts
/// (``run(script:stopAtFirstError:)``). Each accepted line becomes an
/// ``Event``, written to the transcript before the call returns; a rejected
/// line records nothing and comes back with a ``Diagnostic``. A session keeps
/// no global state: several can run side by side in one process.
///
/// When the transcript cannot take a line (disk full, quota, read-only disk,
/// file removed), the line is recorded all the same: it is kept in memory and
/// its result carries a warning that it is not saved yet
/// (``Problem/transcriptNotSaved(_:waiting:)``). Every later line first gives
/// the waiting ones to the transcript again, in order; when they are all
/// written, one more warning says so (``Problem/transcriptSavedAgain(count:)``).
/// ``save(to:)`` continues in a new file that gets every line so far.
///
/// ```swift
/// let session = try Session(configuration: SessionConfiguration(language: .en))
/// let result = session.execute("score gezin.s1 3 Kent de belangrijke mensen nu.")
/// print(result.event?.dimensions ?? [])   // [sociaal]
/// ```
public final class Session {
    public let configuration: SessionConfiguration
    /// Keeps the transcript: every line sealed and written in order, kept in memory when the disk refuses it.
    public let recorder: TranscriptRecorder
    /// The transcript's first line, as written (with its file id and signer).
    public var header: TranscriptHeader { recorder.header }
    /// Every event recorded, retractions included, in order; only the latest when the
    /// configuration does not keep events (``SessionConfiguration/keepsEvents``).
    public private(set) var events: [Event] = []
    /// How many events were recorded, retractions and `undo` lines included.
    public private(set) var eventCount = 0
    /// The details and the network as they stand now.
    public private(set) var state: SessionState
    /// How many of the lines that still count name each dimension: the events
    /// per dimension of ``summary()``, kept up to date line by line.
    public private(set) var coverageCounts: [Dimension: Int] = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })

    private var parser = Parser()
    private var retracted: Set<Int> = []
    /// For `undo`: the recorded events not yet retracted, with the dimensions each counts for.
    private var undoStack = UndoStack()
    /// How to take back the events among them that changed the state (the network, the details).
    private var inverses: [Int: SessionState.Inverse] = [:]
    private var nextLineNumber = 1
    /// Free tags of the lines that still count, with how many use each: what Tab offers after `#`.
    private var freeTagUses: [String: Int] = [:]
    /// The free tags of each line that has any, to take them back on `undo`.
    private var freeTagsBySequence: [Int: [String]] = [:]
    /// Free tags that drew a "did you mean" warning: typos, not offered by Tab.
    private var typoTags: Set<String> = []
    private let startDate: Date
    private let timestamps = TimestampFormatter()

    /// Starts a session and writes the transcript's header.
    /// - Parameter configuration: who, what case, which language, and the clock.
    /// - Parameter transcript: where events go; an in-memory transcript when `nil`.
    public init(configuration: SessionConfiguration = SessionConfiguration(), transcript: (any TranscriptSink)? = nil) throws {
        self.configuration = configuration
        self.startDate = configuration.clock()
        self.state = SessionState(details: configuration.details)
        let header = TranscriptHeader(
            sessionID: configuration.sessionID.uuidString.lowercased(),
            started: timestamps.string(from: startDate), details: configuration.details,
            tool: configuration.tool, language: configuration.language)
        recorder = try TranscriptRecorder(
            header: header, sink: transcript ?? MemoryTranscript(), signer: configuration.signer,
            signing: configuration.signing)
    }

    /// Where the events go, line by line; ``save(to:)`` and ``moveTranscript(to:)`` change it.
    public var transcript: any TranscriptSink { recorder.sink }

    /// The family's network as it stands now.
    public var network: Network { state.network }

    /// The events that still count: not retracted, and not `undo` lines themselves.
    public var activeEvents: [Event] {
        events.filter { !retracted.contains($0.sequence) && $0.kind != .undo }
    }

    /// The language of messages and output.
    public var language: DisplayLanguage { configuration.language }

    /// Adds a command of the host application to the language.
    public func register(_ command: HostCommand) throws {
        let valid = !command.name.isEmpty && command.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard valid else { throw HostCommand.RegistrationError.invalidName(command.name) }
        guard !Parser.builtInCommands.contains(command.name), parser.hostCommands[command.name] == nil else {
            throw HostCommand.RegistrationError.nameTaken(command.name)
        }
        parser.hostCommands[command.name] = command
    }

    /// The commands the host registered, by name.
    public var hostCommands: [String: HostCommand] { parser.hostCommands }

    // MARK: - Lines

    /// Interprets one line. When it records an event, that event is in the
    /// transcript (durably, for a file) before this returns.
    /// - Parameter lineNumber: the line's number for messages; the next one in the session when `nil`.
    @discardableResult
    public func execute(_ line: String, lineNumber: Int? = nil) -> LineResult {
        let number = lineNumber ?? nextLineNumber
        nextLineNumber = number + 1
        switch parser.parse(line, lineNumber: number) {
        case .nothing:
            return LineResult()
        case let .failure(diagnostic):
            return LineResult(diagnostics: [diagnostic])
        case let .command(command, warnings):
            var result = interpret(command, line: line, lineNumber: number)
            if !warnings.isEmpty { result.diagnostics = warnings + result.diagnostics }
            if result.event != nil {
                for warning in warnings { if case let .tagLooksLikeTypo(tag, _) = warning.problem { typoTags.insert(tag) } }
            }
            if result.isRejected { result.diagnostics.removeAll { $0.severity == .warning } }
            return result
        }
    }

    /// Runs a whole script, line by line.
    /// - Parameter stopAtFirstError: stop at the first rejected line; otherwise go on and report every error.
    public func run(script: String, stopAtFirstError: Bool = true) -> ScriptResult {
        var results: [LineResult] = []
        for (index, line) in ScriptLines.split(script).enumerated() {
            let result = execute(line, lineNumber: index + 1)
            if result.event == nil, result.output == nil, result.diagnostics.isEmpty { continue }
            let stop = stopAtFirstError && result.isRejected
            results.append(result)  // its last use, so it moves rather than copies
            if stop { return ScriptResult(lines: results, stoppedEarly: true) }
        }
        return ScriptResult(lines: results, stoppedEarly: false)
    }

    /// Reports every error and warning of a script without recording anything anywhere.
    public static func check(
        script: String, configuration: SessionConfiguration = SessionConfiguration(),
        hostCommands: [HostCommand] = []
    ) -> [Diagnostic] {
        guard let session = try? Session(configuration: configuration, transcript: DiscardingTranscript()) else { return [] }
        for command in hostCommands { try? session.register(command) }
        return session.run(script: script, stopAtFirstError: false).diagnostics
    }

    /// Closes the transcript, after giving it the lines that wait.
    ///
    /// When some still cannot be written this throws and leaves the transcript
    /// open, so that ``save(to:)`` can still keep them. Lines given after
    /// closing are kept in memory only, each with a warning.
    public func close() throws {
        try recorder.close()
    }

    /// Makes every line the transcript has taken durable: for a ``TranscriptFile`` that syncs only
    /// when asked (``TranscriptFile/Durability-swift.enum/atSync``), the `fsync`; otherwise nothing to do.
    public func sync() throws {
        try recorder.sync()
    }

    // MARK: - Lines not yet saved

    /// How many lines are recorded in memory but not yet in the transcript.
    /// Zero as long as every write succeeds.
    public var unsavedLineCount: Int { recorder.unsavedLineCount }

    /// Gives the lines that wait to the transcript again, in order. The next
    /// line does this by itself; call it to try sooner (say, before closing).
    /// - Returns: how many lines were written.
    /// - Throws: the transcript's ``TranscriptFileError`` when lines still wait.
    @discardableResult
    public func retryUnsaved() throws -> Int {
        try recorder.retryUnsaved()
    }

    /// Goes on in another transcript: see ``TranscriptRecorder/move(to:)``.
    public func moveTranscript(to sink: any TranscriptSink) throws {
        try recorder.move(to: sink)
    }

    /// Saves the whole session so far as a new transcript file and goes on
    /// there: see ``TranscriptRecorder/save(to:)``.
    /// - Returns: the new file, now the session's ``transcript``.
    @discardableResult
    public func save(to url: URL) throws -> TranscriptFile {
        try recorder.save(to: url)
    }

    /// The overview of what was recorded so far.
    /// Without kept events (``SessionConfiguration/keepsEvents``) it reads the transcript back.
    public func summary() -> Summary {
        guard !configuration.keepsEvents else { return Summary(events: events, details: state.details) }
        return Summary(events: (try? recorder.recordedEvents()) ?? events, details: state.details)
    }

    // MARK: - Interpreting

    private func interpret(_ command: Command, line: String, lineNumber: Int) -> LineResult {
        let record = { (body: Event.Body, tags: TagSet) in self.record(body, tags: tags, line: line, lineNumber: lineNumber) }
        switch command {
        case let .ask(text, tags):
            return record(.ask(text: text), tags)
        case let .note(text, tags):
            return record(.note(text: text), tags)
        case let .say(speaker, text, tags):
            var result = record(.say(speaker: speaker, text: text), tags)
            if result.event != nil, let warning = unknownSpeaker(speaker, line: line, lineNumber: lineNumber) {
                result.diagnostics.insert(warning, at: 0)
            }
            return result
        case let .score(target, value, text, tags):
            return record(.score(target: target.id, value: value, text: text), tags)
        case let .networkAdd(name, attributes, tags):
            if network.member(named: name.text) != nil {
                return rejected(.alreadyInNetwork(name.text), at: name, line: line, lineNumber: lineNumber)
            }
            return record(.networkAdd(name: name.text, attributes: attributes), tags)
        case let .networkSet(name, changes, tags):
            guard let member = network.member(named: name.text) else { return notInNetwork(name, line: line, lineNumber: lineNumber) }
            return record(.networkSet(name: member.name, changes: changes), tags)
        case let .networkRemove(name, tags):
            guard let member = network.member(named: name.text) else { return notInNetwork(name, line: line, lineNumber: lineNumber) }
            return record(.networkRemove(name: member.name), tags)
        case .networkShow:
            return LineResult(output: SummaryText.network(network, language: language))
        case let .mark(label):
            return record(.mark(label: label), TagSet())
        case .undo:
            guard let last = undoStack.last?.sequence else {
                return LineResult(diagnostics: [
                    Diagnostic(
                        .error, .nothingToUndo, at: SourceLocation(line: lineNumber, column: 1),
                        length: line.count, sourceLine: line)
                ])
            }
            let result = record(.undo(retracts: last), TagSet())
            if result.event != nil {
                undoStack.removeLast()  // the undo line itself was pushed; drop it too
                let undone = undoStack.removeLast()
                retracted.insert(undone.sequence)
                count(undone.dimensions, by: -1)
                if let inverse = inverses.removeValue(forKey: undone.sequence) { state.revert(inverse) }
                for tag in freeTagsBySequence.removeValue(forKey: undone.sequence) ?? [] {
                    freeTagUses[tag, default: 1] -= 1
                    if freeTagUses[tag] == 0 { freeTagUses[tag] = nil }
                }
            }
            return result
        case let .summary(full):
            if configuration.compactSummary, !full {
                return LineResult(output: SummaryText.compact(summary(), language: language))
            }
            return LineResult(output: SummaryText.render(summary(), language: language))
        case let .help(topic):
            return LineResult(output: Help.text(topic: topic, hostCommands: parser.hostCommands, language: language))
        case let .session(caseReference, advisor):
            return record(.session(caseReference: caseReference, advisor: advisor), TagSet())
        case let .participant(participant):
            return record(.participant(participant), TagSet())
        case let .host(name, invocation):
            guard let host = parser.hostCommands[name] else { return LineResult() }
            do {
                switch try host.handler(invocation) {
                case let .show(text):
                    return LineResult(output: text)
                case let .record(text, fields):
                    return record(.host(command: name, text: text, fields: fields), invocation.tags)
                }
            } catch let failure as HostCommand.Failure {
                return LineResult(diagnostics: [
                    Diagnostic(
                        .error, .hostCommandFailed(message: failure.message, hint: failure.hint),
                        at: invocation.location, length: name.count, sourceLine: line)
                ])
            } catch {
                return LineResult(diagnostics: [
                    Diagnostic(
                        .error, .hostCommandFailed(message: "\(error)", hint: nil),
                        at: invocation.location, length: name.count, sourceLine: line)
                ])
            }
        }
    }

    /// Writes the event, then takes it into the state. A write that fails
    /// keeps the line waiting in memory and says so in a warning.
    private func record(_ body: Event.Body, tags: TagSet, line: String, lineNumber: Int) -> LineResult {
        let now = configuration.clock()
        // Kept to the millisecond, as the transcript stores it, so a read-back event equals this one.
        let elapsed = (max(0, now.timeIntervalSince(startDate)) * 1000).rounded() / 1000
        let event = Event(
            sequence: eventCount + 1, elapsed: elapsed,
            time: timestamps.string(from: now), dimensions: tags.dimensions, tags: tags.tags,
            body: body, line: line, lineNumber: lineNumber)
        let notice: Problem? =
            switch recorder.record(event) {
            case let .notSaved(error, waiting): .transcriptNotSaved(error, waiting: waiting)
            case let .savedAgain(count): .transcriptSavedAgain(count: count)
            case nil: nil
            }
        if !configuration.keepsEvents { events.removeAll(keepingCapacity: true) }
        events.append(event)
        eventCount += 1
        let counted = event.kind.countsTowardCoverage ? event.dimensions : []
        undoStack.append(event.sequence, dimensions: counted)
        let inverse = state.inverse(of: event)
        if case .nothing = inverse {} else { inverses[event.sequence] = inverse }
        state.apply(event)
        count(counted, by: 1)
        parser.knownFreeTags.formUnion(tags.tags)
        let free = tags.tags.filter { $0 != TagSet.strength && $0 != TagSet.vulnerability }
        if !free.isEmpty {
            freeTagsBySequence[event.sequence] = free
            for tag in free { freeTagUses[tag, default: 0] += 1 }
        }
        guard let notice else { return LineResult(event: event) }
        return LineResult(
            event: event,
            diagnostics: [
                Diagnostic(
                    .warning, notice, at: SourceLocation(line: lineNumber, column: 1),
                    length: line.count, sourceLine: line)
            ])
    }

    /// The free tags Tab offers: used on a line that still counts (not retracted),
    /// and not a typo that drew a "did you mean" warning. Sorted.
    public var completableFreeTags: [String] {
        freeTagUses.keys.filter { !typoTags.contains($0) }.sorted()
    }

    /// Keeps ``coverageCounts`` as ``Summary`` counts: lines of the kinds that count, per dimension named.
    private func count(_ dimensions: [Dimension], by step: Int) {
        for dimension in dimensions { coverageCounts[dimension, default: 0] += step }
    }

    /// A warning when `say` names nobody known, while some people are known:
    /// `say Oma Ria zei …` records "Oma" saying "Ria zei …" unless Oma is someone.
    /// A participant, a network member, or the role of either counts as known.
    private func unknownSpeaker(_ speaker: String, line: String, lineNumber: Int) -> Diagnostic? {
        let participants = state.details.participants
        guard !participants.isEmpty || !network.members.isEmpty else { return nil }
        // A known name or role is the common case: found without a pass over a large network.
        let lower = speaker.lowercased()
        if network.member(named: speaker) != nil
            || participants.contains(where: { $0.name.lowercased() == lower || $0.role?.lowercased() == lower })
            || network.hasMember(withRole: speaker)
        {
            return nil
        }
        // "Oma" for "Oma Ria": the name's first word, then a name one or two typos away. The network's
        // indexes give its candidates, so that a line stays as fast in a network of thousands.
        let suggestion =
            participants.first { $0.name.lowercased().hasPrefix(lower + " ") }?.name
            ?? network.firstMember(namedAfterWord: speaker)?.name
            ?? Suggestion.closest(
                to: speaker, in: participants.map(\.name) + network.names(nearInLength: speaker, within: 2), maximum: 2)
        // Where the speaker stands: the first word after `say`.
        let characters = Array(line)
        var index = 0
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        while index < characters.count, !characters[index].isWhitespace { index += 1 }
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let length = index < characters.count && characters[index] == "\"" ? speaker.count + 2 : speaker.count
        return Diagnostic(
            .warning, .speakerNotKnown(speaker, suggestion: suggestion.map(Self.quotedIfNeeded)),
            at: SourceLocation(line: lineNumber, column: index + 1), length: max(1, length), sourceLine: line)
    }

    private func rejected(_ problem: Problem, at name: Name, line: String, lineNumber: Int) -> LineResult {
        LineResult(diagnostics: [
            Diagnostic(
                .error, problem, at: SourceLocation(line: lineNumber, column: name.span.column),
                length: name.span.length, sourceLine: line)
        ])
    }

    private func notInNetwork(_ name: Name, line: String, lineNumber: Int) -> LineResult {
        let names = network.members.map(\.name)
        let suggestion = Suggestion.closest(to: name.text, in: names, maximum: 2)
        return rejected(.notInNetwork(name.text, suggestion: suggestion, members: names), at: name, line: line, lineNumber: lineNumber)
    }
}

/// The events `undo` can still take back, newest last, with the dimensions each counts for in
/// ``Session/coverageCounts``: a byte per event, in runs of consecutive sequence numbers, so that
/// a long script keeps undo without keeping its events.
struct UndoStack {
    private struct Run {
        var first: Int
        var masks: [UInt8]
    }

    private var runs: [Run] = []
    private static let dimensions = Dimension.allCases

    var last: (sequence: Int, dimensions: [Dimension])? {
        guard let run = runs.last, let mask = run.masks.last else { return nil }
        return (run.first + run.masks.count - 1, Self.dimensions(mask))
    }

    mutating func append(_ sequence: Int, dimensions: [Dimension]) {
        var mask: UInt8 = 0
        for dimension in dimensions {
            if let index = Self.dimensions.firstIndex(of: dimension) { mask |= 1 << UInt8(index) }
        }
        if let run = runs.last, run.first + run.masks.count == sequence {
            runs[runs.count - 1].masks.append(mask)
        } else {
            runs.append(Run(first: sequence, masks: [mask]))
        }
    }

    @discardableResult
    mutating func removeLast() -> (sequence: Int, dimensions: [Dimension]) {
        let top = last!
        runs[runs.count - 1].masks.removeLast()
        if runs[runs.count - 1].masks.isEmpty { runs.removeLast() }
        return top
    }

    private static func dimensions(_ mask: UInt8) -> [Dimension] {
        dimensions.indices.filter { mask & (1 << UInt8($0)) != 0 }.map { dimensions[$0] }
    }
}
