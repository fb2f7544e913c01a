#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit
import LineEditing

/// The live session on a terminal: read a line, record it, confirm it,
/// show mistakes and give the line back to correct. Small named steps, as
/// in Lua's REPL; libedit stays behind `LineEditor`.
final class Repl {
    private let session: Session
    private let file: TranscriptFile
    private let editor: LineEditor
    /// Colours for what goes to stderr (messages, confirmations), and for the prompt and listings on stdout.
    private let style: Style
    private let promptStyle = Style.standardOutput
    private let errors: ErrorOutput
    /// A training scenario being played, when this is `gesprek train`.
    private let scenario: ScenarioRun?
    /// Where a complete copy is proposed when the transcript cannot be finished.
    private let rescueFolder: URL
    /// A rejected line, given back to edit.
    private var recall: String?
    private var lineNumber = 0

    /// Where the scenario's problems point.
    private let scenarioPath: String

    init(
        session: Session, file: TranscriptFile, historyFile: URL?, rescueFolder: URL, errors: ErrorOutput,
        scenario: ScenarioRun? = nil, scenarioPath: String = ""
    ) throws {
        self.editor = try LineEditorLoading.editor(historyFile: historyFile)
        self.session = session
        self.errors = errors
        self.style = errors.style
        self.file = file
        self.rescueFolder = rescueFolder
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        editor.complete = { [unowned self] before in
            let completions = session.completions(before: before)
            let listing = completions.candidates.map { candidate in
                candidate.word + (candidate.detail.map { "  " + self.promptStyle.dim($0) } ?? "")
            }
            let edit = completions.replacement
            return LineEditor.Completion(insertion: edit.inserting, removing: edit.removing, listing: listing)
        }
        ReplCommands.register(in: session, errorOutput: errors)
    }

    /// Runs until Ctrl-D, SIGTERM or SIGHUP; returns the exit code.
    func run() -> Int32 {
        Terminal.info(say("Transcript: \(file.url.path)", "Transcript: \(file.url.path)"))
        Terminal.info(
            style.dim(
                say(
                    "Typ help voor de commando's, Tab vult aan, Ctrl-D sluit af.",
                    "Type help for the commands, Tab completes, Ctrl-D ends the session.")))
        if let scenario {
            ScenarioScreen(style: promptStyle, errors: errors, file: scenarioPath).show(scenario.start())
            if scenario.isFinished { return finish(signal: nil) }
        }
        var pending = ""  // a line continued with a trailing backslash
        while true {
            let prompt = pending.isEmpty ? mainPrompt() : promptStyle.prompt("  … ", "2")
            switch editor.read(prompt: prompt, prefill: recall) {
            case .cancelled:
                pending = ""
                recall = nil
            case .endOfInput:
                return finish(signal: nil)
            case let .terminated(signal):
                return finish(signal: signal)
            case let .line(text):
                recall = nil
                if let continued = Self.continuation(text) {
                    pending += continued + " "
                    continue
                }
                let line = pending + text
                pending = ""
                if !line.trimmingSpaces().isEmpty { editor.remember(line) }
                handle(line)
                if scenario?.isFinished == true { return finish(signal: nil) }
            }
        }
    }

    /// A line ending in a backslash goes on on the next line.
    static func continuation(_ text: String) -> String? {
        let trimmed = withoutTrailingSpace(text)
        guard trimmed.hasSuffix("\\") else { return nil }
        return withoutTrailingSpace(String(trimmed.dropLast()))
    }

    /// Without white space at the end (what the regular expression `\\s+$` removed).
    private static func withoutTrailingSpace(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    private func handle(_ line: String) {
        lineNumber += 1
        let response = scenario?.respond(to: line, lineNumber: lineNumber)
        let result = response?.result ?? session.execute(line, lineNumber: lineNumber)
        if let output = result.output { Terminal.output(output) }
        for diagnostic in result.diagnostics { Terminal.info(errors.diagnostic(diagnostic)) }
        if result.diagnostics.contains(where: { if case .transcriptNotSaved = $0.problem { true } else { false } }) {
            Terminal.info(
                style.red(
                    say(
                        "  bewaar alles elders met: save PAD (bijvoorbeeld een map op een andere schijf)",
                        "  save everything elsewhere with: save PATH (a folder on another disk, say)")))
        }
        if result.isRejected {
            // A choice's number that was refused is no line to correct: typing the right one must not give `31`.
            recall = result.diagnostics.contains(where: Self.isRefusedChoice) ? nil : line
        } else if let event = result.event {
            Terminal.info(confirmation(for: event))
        }
        if let response { ScenarioScreen(style: promptStyle, errors: errors, file: scenarioPath).show(response.outputs) }
    }

    /// A number typed for a choice that does not exist, or while no choice is open.
    private static func isRefusedChoice(_ diagnostic: Diagnostic) -> Bool {
        switch diagnostic.problem {
        case .scenario(.noSuchOption), .scenario(.noChoiceOpen): true
        default: false
        }
    }

    // MARK: - What the advisor sees

    private func mainPrompt() -> String {
        let elapsed = EventText.clock(Date().timeIntervalSince(sessionStart))
        let name = session.state.details.caseReference ?? "gesprek"
        let unsaved = session.unsavedLineCount
        let warning = unsaved == 0 ? "" : promptStyle.prompt(say("[\(unsaved) niet op schijf]", "[\(unsaved) not on disk]"), "31") + " "
        return warning + promptStyle.prompt(name, "36") + " " + promptStyle.prompt(elapsed, "2") + " › "
    }

    /// When the session started, for the clock in the prompt.
    private let sessionStart = Date()

    /// `✓ vraag · vertrekpunt      v2 c0 s1 m0`
    private func confirmation(for event: Event) -> String {
        var kind = EventText.kind(event.kind, language: cli)
        if case let .score(target, value, _) = event.body {
            kind += " \(target) \(value) = \(Scale.label(for: value, language: cli) ?? "")"
        }
        // Name what happened: who came into the network, which line was retracted.
        var retracted: Event?
        if case let .undo(sequence) = event.body { retracted = session.events.last { $0.sequence == sequence } }
        kind += EventText.confirmationDetail(
            event, retracted: retracted, language: cli, showingInput: errors.inputDisplay.showsInput)
        let dims = event.dimensions.map(\.rawValue).joined(separator: ", ")
        // Running counts, kept by the session: no summary of the whole conversation per line.
        let counts = Dimension.allCases.map { dimension in
            "\(dimension.rawValue.prefix(1))\(session.coverageCounts[dimension] ?? 0)"
        }.joined(separator: " ")
        let what = "\(kind)" + (dims.isEmpty ? "" : " · \(dims)")
        let gap = String(repeating: " ", count: max(1, 36 - what.count))
        // Recorded, but only in memory: the warning above says why.
        let mark = session.unsavedLineCount == 0 ? style.green("✓") : style.red("!")
        return "  " + mark + " " + what + gap + style.dim(counts)
    }

    private func finish(signal: Int32?) -> Int32 {
        if let signal {
            Terminal.info(say("\nSessie beëindigd door signaal \(signal).", "\nSession ended by signal \(signal)."))
        } else if let scenario {
            Terminal.output("")
            Terminal.output(ScenarioFeedbackText.render(scenario.feedback(), language: cli))
        } else {
            Terminal.output("")
            Terminal.output(SummaryText.render(session.summary(), language: cli))
        }
        editor.saveHistory()
        guard keepUnsavedLines(ending: signal) else {
            try? session.close()
            return 74
        }
        do {
            try session.close()
        } catch {
            Terminal.error(say("kan het transcript niet afsluiten: \(error)", "cannot close the transcript: \(error)"))
            return 74
        }
        if EmptySession.discard(session, file: file) { return signal.map { 128 + $0 } ?? 0 }
        let count = session.events.count
        let path = TranscriptRescue.path(of: session)
        Terminal.info(
            say(
                "Transcript gesloten (\(count) \(count == 1 ? "regel" : "regels")): \(path)",
                "Transcript closed (\(count) \(count == 1 ? "line" : "lines")): \(path)"))
        return signal.map { 128 + $0 } ?? 0
    }

    // MARK: - Lines not on disk at the end

    /// Never ends quietly with lines only in memory: they are tried again;
    /// then, after Ctrl-D, the advisor is asked where to save everything, and
    /// after a signal a complete copy goes to the rescue folder. Returns
    /// whether every line is in a transcript file now.
    private func keepUnsavedLines(ending signal: Int32?) -> Bool {
        guard session.unsavedLineCount > 0 else { return true }
        let current = TranscriptRescue.path(of: session)  // `save` may have moved it from `file`
        do {
            try session.retryUnsaved()
            Terminal.info(style.green(say("Weer opgeslagen: alles staat op schijf.", "Saved again: everything is on disk.")))
            return true
        } catch {
            let why = (error as? TranscriptFileError)?.explanation(in: cli) ?? "\(type(of: error))"
            if signal == nil {
                switch askWhereToSave(because: why) {
                case .saved: return true
                case .discarded:
                    let count = session.unsavedLineCount
                    Terminal.error(
                        say(
                            "\(count) \(count == 1 ? "regel is" : "regels zijn") niet opgeslagen en verloren; \(current) is niet compleet",
                            "\(count) \(count == 1 ? "line was" : "lines were") not saved and \(count == 1 ? "is" : "are") lost; \(current) is incomplete"
                        ))
                    return false
                case .interrupted: break
                }
            }
        }
        let outcome = TranscriptRescue.finish(session, folder: rescueFolder)
        if let message = TranscriptRescue.message(outcome, original: current) { Terminal.error(message) }
        if case .lost = outcome { return false }
        return true
    }

    private enum Answer { case saved, discarded, interrupted }

    /// Asks for a path until everything is saved there; the proposal is a new
    /// file in the rescue folder. Only typing `weggooien` gives up.
    private func askWhereToSave(because failure: String) -> Answer {
        let count = session.unsavedLineCount
        Terminal.info(
            style.red(
                say(
                    """
                    \(count) \(count == 1 ? "regel staat" : "regels staan") nog niet op schijf (\(failure)). Waar moet het hele transcript heen?
                    Enter neemt het voorstel; typ een ander pad, of ‘weggooien’ om te stoppen zonder ze.
                    """,
                    """
                    \(count) \(count == 1 ? "line is" : "lines are") not on disk yet (\(failure)). Where should the whole transcript go?
                    Enter takes the proposal; type another path, or ‘discard’ to stop without them.
                    """)))
        var proposal = TranscriptRescue.target(rescueFolder.path + "/", session: session).path
        while true {
            switch editor.read(prompt: promptStyle.prompt(say("Opslaan als: ", "Save as: "), "31"), prefill: proposal) {
            case .terminated:
                return .interrupted
            case .cancelled, .endOfInput:
                Terminal.info(
                    say(
                        "Typ een pad, of ‘weggooien’ om te stoppen zonder de regels die niet op schijf staan.",
                        "Type a path, or ‘discard’ to stop without the lines that are not on disk."))
            case let .line(text):
                let typed = text.trimmingSpaces()
                if ["weggooien", "discard"].contains(typed.lowercased()) { return .discarded }
                guard !typed.isEmpty else { continue }
                let url = TranscriptRescue.target(typed, session: session)
                do {
                    try session.save(to: url)
                    Terminal.info(style.green(say("Alles bewaard in \(url.path).", "Everything saved in \(url.path).")))
                    return .saved
                } catch {
                    let failure = TranscriptRescue.saveFailure(error, path: url.path)
                    Terminal.info(style.red(failure.message) + (failure.hint.map { "\n  " + $0 } ?? ""))
                    proposal = typed
                }
            }
        }
    }
}
