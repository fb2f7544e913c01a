import Foundation

// libFuzzer target for the language: arbitrary bytes as a script, as
// `gesprek run` and `gesprek check` take it. Beyond "no crash" it checks
// what must hold for any input:
// - every rejected line has exactly one error, at a column on its line;
// - `check` reports the same diagnostics as a run that goes on after errors;
// - the transcript reads back to the same events and the same state;
// - completion works on every line.
// (The readers of a transcript are fuzzed by TranscriptFuzz.swift; running
// them here too would make every input many times slower.)
// Build and run: Fuzz/build.sh, ./dev fuzz (see docs/development.md, "Fuzzing").

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let script = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let fixed = Date(timeIntervalSince1970: 1_795_424_400)
    let memory = MemoryTranscript()
    guard let session = try? Session(configuration: SessionConfiguration(language: .en, clock: { fixed }), transcript: memory)
    else { return 0 }

    let run = session.run(script: script, stopAtFirstError: false)
    let lines = ScriptLines.split(script)
    for result in run.lines {
        let errors = result.diagnostics.filter { $0.severity == .error }
        require(result.isRejected == !errors.isEmpty, "a line is rejected exactly when it has an error")
        require(errors.count <= 1, "a rejected line has one error")
        for diagnostic in result.diagnostics {
            require(diagnostic.location.line >= 1 && diagnostic.location.line <= lines.count, "a diagnostic names a line of the script")
            require(
                diagnostic.location.column >= 1 && diagnostic.location.column <= diagnostic.sourceLine.count + 1,
                "a diagnostic's column lies on its line")
            for language in DisplayLanguage.allCases {
                _ = diagnostic.rendered(file: "f", language: language)
                let general = diagnostic.rendered(file: "f", language: language, showingInput: false)
                require(!general.contains(" | "), "without input, a diagnostic does not show the line")
            }
        }
    }
    let checked = Session.check(script: script, configuration: SessionConfiguration(language: .en, clock: { fixed }))
    require(checked == run.diagnostics, "check reports what a run that goes on reports")

    for line in lines.prefix(64) {
        _ = session.completions(before: line)
        _ = session.completions(before: line + " ")
    }

    guard let transcript = try? TranscriptReader.read(text: memory.text) else {
        require(false, "a recorded transcript can be read")
        return 0
    }
    require(transcript.events == session.events, "the transcript reads back to the recorded events")
    require(transcript.state == session.state, "the transcript reads back to the same state")
    require(transcript.warnings.isEmpty, "a recorded transcript reads without warnings")
    fuzzScenario(script)
    return 0
}

/// The same bytes as a training scenario (with a `scenario` line put first, so
/// that most inputs get past the title): the checker never crashes, every
/// diagnostic lies on a line, and a clean scenario plays its plans and walks its paths.
private func fuzzScenario(_ script: String) {
    let text = Scenario.isScenario(script) ? script : "scenario F\nclient A\n" + script
    let lineCount = ScriptLines.split(text).count
    for diagnostic in Scenario.check(text) {
        require(diagnostic.location.line >= 1 && diagnostic.location.line <= max(1, lineCount), "a scenario diagnostic names a line")
        _ = diagnostic.rendered(file: "f", language: .nl)
    }
    guard let scenario = Scenario.parse(text).scenario else { return }
    _ = ScenarioTester.run(scenario, language: .en)
    _ = ScenarioTester.paths(scenario).prefix(100)
    guard let session = try? Session(configuration: SessionConfiguration(details: scenario.details(), language: .en)) else { return }
    let run = ScenarioRun(scenario: scenario, session: session)
    _ = run.start()
    for line in ["ask #v Hoe gaat het?", "1", "note #s Iets.", "2", "undo", "ask Nog iets?"] { _ = run.respond(to: line) }
    _ = ScenarioFeedbackText.render(run.feedback(), language: .nl)
}
