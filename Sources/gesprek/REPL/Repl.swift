import Foundation
import GesprekKit
import LineEditing

/// The live session on a terminal: read a line, record it, confirm it,
/// show mistakes and give the line back to correct. Small named steps, as
/// in Lua's REPL; libedit stays behind `LineEditor`.
final class Repl {
    private let session: Session
    private let file: TranscriptFile
    private let editor: LineEditor
    private let style = Style.current
    /// A training scenario being played, when this is `gesprek train`.
    private let scenario: ScenarioRun?
    /// A rejected line, given back to edit.
    private var recall: String?
    private var lineNumber = 0

    /// Where the scenario's problems point.
    private let scenarioPath: String

    init(session: Session, file: TranscriptFile, historyFile: URL?, scenario: ScenarioRun? = nil, scenarioPath: String = "") {
        self.session = session
        self.file = file
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.editor = LineEditor(program: "gesprek", historyFile: historyFile)
        editor.complete = { [unowned self] before in
            let completions = session.completions(before: before)
            let listing = completions.candidates.map { candidate in
                candidate.word + (candidate.detail.map { "  " + self.style.dim($0) } ?? "")
            }
            return LineEditor.Completion(insertion: completions.insertion, listing: listing)
        }
        ReplCommands.register(in: session, style: style)
    }

    /// Runs until Ctrl-D, SIGTERM or SIGHUP; returns the exit code.
    func run() -> Int32 {
        Terminal.info(say("Transcript: \(file.url.path)", "Transcript: \(file.url.path)"))
        Terminal.info(style.dim(say("Typ help voor de commando's, Tab vult aan, Ctrl-D sluit af.",
                                    "Type help for the commands, Tab completes, Ctrl-D ends the session.")))
        if let scenario {
            ScenarioScreen(style: style, file: scenarioPath).show(scenario.start())
            if scenario.isFinished { return finish(signal: nil) }
        }
        var pending = ""  // a line continued with a trailing backslash
        while true {
            let prompt = pending.isEmpty ? mainPrompt() : style.prompt("  … ", "2")
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
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { editor.remember(line) }
                handle(line)
                if scenario?.isFinished == true { return finish(signal: nil) }
            }
        }
    }

    /// A line ending in a backslash goes on on the next line.
    static func continuation(_ text: String) -> String? {
        let trimmed = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        guard trimmed.hasSuffix("\\") else { return nil }
        return String(trimmed.dropLast()).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    private func handle(_ line: String) {
        lineNumber += 1
        let response = scenario?.respond(to: line, lineNumber: lineNumber)
        let result = response?.result ?? session.execute(line, lineNumber: lineNumber)
        if let output = result.output { Terminal.output(output) }
        for diagnostic in result.diagnostics { Terminal.info(style.diagnostic(diagnostic)) }
        if result.isRejected {
            recall = line
        } else if let event = result.event {
            Terminal.info(confirmation(for: event))
        }
        if let response { ScenarioScreen(style: style, file: scenarioPath).show(response.outputs) }
    }

    // MARK: - What the advisor sees

    private func mainPrompt() -> String {
        let elapsed = EventText.clock(Date().timeIntervalSince(sessionStart))
        let name = session.state.details.caseReference ?? "gesprek"
        return style.prompt(name, "36") + " " + style.prompt(elapsed, "2") + " › "
    }

    /// When the session started, for the clock in the prompt.
    private let sessionStart = Date()

    /// `✓ vraag · vertrekpunt      v2 c0 s1 m0`
    private func confirmation(for event: Event) -> String {
        var kind = EventText.kind(event.kind, language: cli)
        if case let .score(target, value, _) = event.body {
            kind += " \(target) \(value) = \(Scale.label(for: value) ?? "")"
        }
        let dims = event.dimensions.map(\.rawValue).joined(separator: ", ")
        let summary = session.summary()
        let counts = Dimension.allCases.map { dimension in
            "\(dimension.rawValue.prefix(1))\(summary.coverage[dimension]?.events ?? 0)"
        }.joined(separator: " ")
        let what = "\(kind)" + (dims.isEmpty ? "" : " · \(dims)")
        let gap = String(repeating: " ", count: max(1, 36 - what.count))
        return "  " + style.green("✓") + " " + what + gap + style.dim(counts)
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
        do {
            try session.close()
        } catch {
            Terminal.error(say("kan het transcript niet afsluiten: \(error)", "cannot close the transcript: \(error)"))
            return 74
        }
        let count = session.events.count
        Terminal.info(say("Transcript gesloten (\(count) \(count == 1 ? "regel" : "regels")): \(file.url.path)",
                          "Transcript closed (\(count) \(count == 1 ? "line" : "lines")): \(file.url.path)"))
        return signal.map { 128 + $0 } ?? 0
    }
}
