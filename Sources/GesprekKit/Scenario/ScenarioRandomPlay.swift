#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Random trainees for `gesprek test --random N`: plays a scenario N times in
/// memory, each time choosing at random among the options on offer and among
/// lines the scenario reacts to (plus a few it does not), and reports what a
/// trainer should look at: problems while it runs (a loop of jumps, a line of
/// the scenario the session refuses), runs that get stuck where the
/// conversation can never end, expectations that no run met, and which parts
/// and reactions no run reached.
///
/// Run `i` of a play with seed `S` uses seed `S + i`, so any run is played
/// again on its own with `runs: 1, seed: S + i`.
public enum ScenarioRandomPlay {
    /// Turns a random trainee takes before a run is given up as unfinished (not a finding: randomness is slow).
    public static let turnLimit = 40

    /// Something a run showed that the trainer should fix, with the seed that plays that run again.
    public struct RunFinding: Sendable, Equatable {
        public enum Cause: Sendable, Equatable {
            /// A problem while the scenario ran, such as a loop of jumps or a refused line of the scenario.
            case runtimeProblem(Diagnostic)
            /// The run got into a part from which the conversation can never end: no feedback for the trainee.
            case stuck(part: String)
        }

        public var cause: Cause
        public var seed: UInt64
        /// The trainee's lines of the run, in order, to play it by hand.
        public var lines: [String]
    }

    /// What N random runs showed.
    public struct PlayReport: Sendable, Equatable {
        public var runs: Int
        public var seed: UInt64
        /// Runs that came to an end with feedback.
        public var finished: Int
        /// Runs given up after ``ScenarioRandomPlay/turnLimit`` turns.
        public var unfinished: Int
        /// Each kind of finding once (the first run that showed it), in the order found.
        public var findings: [RunFinding]
        /// Expectations (their words after `expect`) that no run met.
        public var neverMet: [String]
        /// Part labels no run entered.
        public var partsNeverReached: [String]
        public var partCount: Int
        /// The `on …` lines (line number, text) whose reaction no run set off.
        public var reactionsNeverUsed: [(line: Int, text: String)]
        public var reactionCount: Int

        /// Whether the scenario held up: no runtime problem, no stuck run, every expectation met by some run.
        public var passed: Bool { findings.isEmpty && neverMet.isEmpty }

        public static func == (a: PlayReport, b: PlayReport) -> Bool {
            a.runs == b.runs && a.seed == b.seed && a.finished == b.finished && a.unfinished == b.unfinished
                && a.findings == b.findings && a.neverMet == b.neverMet && a.partsNeverReached == b.partsNeverReached
                && a.reactionsNeverUsed.map(\.line) == b.reactionsNeverUsed.map(\.line)
        }
    }

    /// Plays `runs` random trainees through `scenario`, in memory: nothing is written anywhere.
    public static func play(_ scenario: Scenario, runs: Int, seed: UInt64, language: DisplayLanguage = .nl) -> PlayReport {
        let stuckParts = Set(ScenarioGraph(scenario).stuckParts().map { scenario.parts[$0].label })
        let candidates = lines(for: scenario)
        var finished = 0
        var findings: [RunFinding] = []
        var met: Set<String> = []
        var reached: Set<String> = []
        var used: Set<Int> = []
        for index in 0..<max(0, runs) {
            let runSeed = seed &+ UInt64(index)
            var random = SplitMix64(seed: runSeed)
            guard let session = try? Session(configuration: SessionConfiguration(details: scenario.details(), language: language))
            else { continue }
            let run = ScenarioRun(scenario: scenario, session: session)
            var typed: [String] = []
            var problems = problemsIn(run.start())
            var turns = 0
            while !run.isFinished, turns < turnLimit, problems.isEmpty {
                if let part = run.currentPart, stuckParts.contains(part) { break }
                let line: String
                if let options = run.pendingChoice, !options.isEmpty, random.next(upperBound: 10) < 8 {
                    line = String(random.next(upperBound: options.count) + 1)
                } else {
                    line = candidates[random.next(upperBound: candidates.count)]
                }
                typed.append(line)
                let response = run.respond(to: line)
                problems += problemsIn(response.outputs)
                // A chosen option's line is the scenario's own: refused, it is the scenario's problem.
                if Int(line) != nil, let error = response.result.diagnostics.first(where: { $0.severity == .error }) {
                    if case .scenario = error.problem {} else { problems.append(error) }
                }
                turns += 1
            }
            reached.formUnion(run.partsEntered)
            used.formUnion(run.reactionsUsed)
            for result in run.feedback().results where result.met { met.insert(result.expectation) }
            if run.isFinished { finished += 1 }
            func add(_ kind: RunFinding.Cause) {
                guard !findings.contains(where: { same($0.cause, kind) }) else { return }
                findings.append(RunFinding(cause: kind, seed: runSeed, lines: typed))
            }
            for problem in problems { add(.runtimeProblem(problem)) }
            if !run.isFinished, let part = run.currentPart, stuckParts.contains(part) { add(.stuck(part: part)) }
        }
        let rules = scenario.globalRules + scenario.parts.flatMap(\.rules)
        let source = { (line: Int) in
            scenario.sourceLines.indices.contains(line - 1) ? scenario.sourceLines[line - 1].trimmingSpaces() : ""
        }
        var expectations: [String] = []
        for expectation in scenario.expectations where !met.contains(expectation.text) && !expectations.contains(expectation.text) {
            expectations.append(expectation.text)
        }
        return PlayReport(
            runs: max(0, runs), seed: seed, finished: finished, unfinished: max(0, runs) - finished, findings: findings,
            neverMet: expectations,
            partsNeverReached: scenario.parts.map(\.label).filter { !reached.contains($0) }, partCount: scenario.parts.count,
            reactionsNeverUsed: rules.map(\.line).sorted().filter { !used.contains($0) }.map { ($0, source($0)) },
            reactionCount: rules.count)
    }

    private static func problemsIn(_ outputs: [ScenarioOutput]) -> [Diagnostic] {
        outputs.compactMap { if case let .problem(diagnostic) = $0 { diagnostic } else { nil } }
    }

    private static func same(_ a: RunFinding.Cause, _ b: RunFinding.Cause) -> Bool {
        switch (a, b) {
        case let (.runtimeProblem(x), .runtimeProblem(y)): x.problem == y.problem && x.location == y.location
        case let (.stuck(x), .stuck(y)): x == y
        default: false
        }
    }

    // MARK: - What a random trainee types

    /// Lines for each reaction of the scenario (of its kind, with its tags), a question per dimension,
    /// and a few lines no reaction waits for.
    static func lines(for scenario: Scenario) -> [String] {
        let client = scenario.client.name.contains(" ") ? "\"\(scenario.client.name)\"" : scenario.client.name
        var lines = Dimension.allCases.map { "ask #\($0.rawValue) Hoe zie jij dat?" }
        lines += ["ask Wat wil je nog kwijt?", "note Rustig gesprek.", "say \(client) Ik weet het niet."]
        let rules = scenario.globalRules + scenario.parts.flatMap(\.rules)
        var people = 0
        for rule in rules {
            guard case let .event(kind, tags, scoreTarget) = rule.trigger else { continue }
            let words = (tags.dimensions.map { "#\($0.rawValue)" } + tags.tags.map { "#\($0)" }).joined(separator: " ")
            let tagged = words.isEmpty ? "" : words + " "
            switch kind ?? .ask {
            case .ask: lines.append("ask \(tagged)Kun je daar meer over vertellen?")
            case .note: lines.append("note \(tagged)Valt op.")
            case .say: lines.append("say \(client) \(tagged)Zo is het.")
            case .score:
                let item =
                    scoreTarget.flatMap(Questionnaire.item)
                    ?? Questionnaire.all.flatMap(\.items).first { item in
                        scoreTarget.flatMap(Dimension.init(rawValue:)).map { $0 == item.dimension } ?? true
                    }
                if let item { lines.append("score \(item.id) 2 \(tagged)".trimmingSpaces()) }
            case .network:
                people += 1
                lines.append("network add \"Iemand \(people)\" role=buur influence=+ \(tagged)".trimmingSpaces())
            }
        }
        // What a good run does: the expectations' people and scores.
        for expectation in scenario.expectations {
            switch expectation.kind {
            case let .network(name?):
                let quoted = name.contains(" ") ? "\"\(name)\"" : name
                lines.append("network add \(quoted) role=familie influence=+")
            case let .score(target):
                let item: Questionnaire.Item? =
                    switch target {
                    case let .item(item): item
                    case let .dimension(dimension): Questionnaire.all.flatMap(\.items).first { $0.dimension == dimension }
                    }
                if let item { lines.append("score \(item.id) 3") }
            default: break
            }
        }
        // And what the trainer's plans type (but a choice's number, which the random trainee picks itself).
        for plan in scenario.plans {
            for step in plan.steps {
                if case let .type(line) = step.kind, Int(line.trimmingSpaces()) == nil { lines.append(line) }
            }
        }
        var seen: Set<String> = []
        return lines.filter { seen.insert($0).inserted }
    }
}

/// SplitMix64: a small generator whose sequence is the same on every machine and Swift version, so that a seed printed
/// in a finding plays the same run again.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`, by the generator alone (not `Int.random(in:using:)`, whose method may change).
    mutating func next(upperBound bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}
