/// Runs a scenario's test plans, as `gesprek test` does: each plan plays the
/// scenario in memory, types the trainee's lines, and compares what the
/// client said and the feedback with what the plan expects.
public enum ScenarioTester {
    /// One plan's outcome.
    public struct PlanReport: Sendable, Equatable {
        public var name: String
        public var line: Int
        /// Each way the run differed from the plan, with the plan's line.
        public var differences: [Difference]
        public var passed: Bool { differences.isEmpty }
    }

    public struct Difference: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Runs every plan of the scenario. Nothing is written anywhere.
    public static func run(_ scenario: Scenario, language l: DisplayLanguage) -> [PlanReport] {
        scenario.plans.map { run($0, of: scenario, language: l) }
    }

    public static func run(_ plan: ScenarioPlan, of scenario: Scenario, language l: DisplayLanguage) -> PlanReport {
        var report = PlanReport(name: plan.name, line: plan.line, differences: [])
        guard let session = try? Session(configuration: SessionConfiguration(details: scenario.details(), language: l)) else {
            return report
        }
        let run = ScenarioRun(scenario: scenario, session: session)
        var heard = lines(run.start())
        for step in plan.steps {
            let differ = { (message: String) in report.differences.append(Difference(line: step.line, message: message)) }
            switch step.kind {
            case let .type(text):
                let response = run.respond(to: text, lineNumber: step.line)
                if let error = response.result.diagnostics.first(where: { $0.severity == .error }) {
                    differ(l.pick("‘\(text)’ werd geweigerd: \(error.message(in: l))", "‘\(text)’ was rejected: \(error.message(in: l))"))
                }
                heard = lines(response.outputs)
            case let .hear(speaker, prefix):
                if let index = heard.firstIndex(where: { $0.speaker.lowercased() == speaker.lowercased() && $0.text.hasPrefix(prefix) }) {
                    heard.removeFirst(index + 1)
                } else {
                    let said =
                        heard.isEmpty
                        ? l.pick("niemand zei iets", "nobody said anything")
                        : heard.map { "\($0.speaker): \($0.text)" }.joined(separator: " | ")
                    differ(l.pick("verwacht \(speaker): ‘\(prefix)…’, maar: \(said)", "expected \(speaker): ‘\(prefix)…’, but: \(said)"))
                }
            case let .feedback(expectation, met):
                guard let result = run.feedback().result(for: expectation) else { continue }
                if result.met != met {
                    differ(
                        met
                            ? l.pick("verwacht gehaald: \(expectation); maar gemist", "expected met: \(expectation); but missed")
                            : l.pick("verwacht gemist: \(expectation); maar gehaald", "expected missed: \(expectation); but met"))
                }
            case .finished:
                if !run.isFinished {
                    differ(
                        l.pick(
                            "verwacht dat het gesprek klaar is, maar het loopt nog (part \(run.currentPart ?? "-"))",
                            "expected the conversation to be over, but it goes on (part \(run.currentPart ?? "-"))"))
                }
            }
        }
        return report
    }

    private static func lines(_ outputs: [ScenarioOutput]) -> [(speaker: String, text: String)] {
        outputs.compactMap { output in
            if case let .line(speaker, text) = output { return (speaker, text) }
            return nil
        }
    }

    /// One way through the scenario, part by part, and whether it ends with feedback.
    public struct PathReport: Sendable, Equatable {
        public var parts: [String]
        public var ends: Bool
    }

    /// Every way through the scenario (jumps, reactions, choices), each loop taken at most once.
    public static func paths(_ scenario: Scenario) -> [PathReport] {
        ScenarioGraph(scenario).paths().map { path in
            PathReport(parts: path.parts.map { scenario.parts[$0].label }, ends: path.ends)
        }
    }
}
