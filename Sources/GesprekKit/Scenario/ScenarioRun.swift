/// What the trainee sees while a scenario plays.
public enum ScenarioOutput: Sendable, Equatable {
    /// An `intro` line, before the conversation starts.
    case intro(String)
    /// The client or another cast member says something.
    case line(speaker: String, text: String)
    /// A stage direction.
    case scene(String)
    /// A choice: the options' texts, to be picked by number (1, 2, …).
    case choice(prompt: String?, options: [String])
    /// The conversation has ended, with the scenario's closing text if it has one.
    case finished(String?)
    /// Something in the scenario itself went wrong (a loop of jumps).
    case problem(Diagnostic)
}

/// What one trainee line led to: the line's own result, then the scenario's reaction.
public struct ScenarioResponse: Sendable, Equatable {
    /// As from ``Session/execute(_:lineNumber:)``: the event recorded, output, or why the line was rejected.
    public var result: LineResult
    public var outputs: [ScenarioOutput]
}

/// A scenario being played: the director of the simulated client. The
/// trainee's lines go to a normal ``Session`` (so the run becomes a normal
/// transcript); the client's lines are recorded as `say` events and every
/// part entered as a `mark`.
///
/// ```swift
/// let scenario = Scenario.parse(text).scenario!
/// let run = try ScenarioRun(scenario: scenario, session: Session())
/// show(run.start())
/// show(run.respond(to: "ask #v Hoe gaat het met je?").outputs)
/// print(ScenarioFeedbackText.render(run.feedback(), language: .nl))
/// ```
public final class ScenarioRun {
    public let scenario: Scenario
    public let session: Session
    /// Whether the conversation has come to its end (a `finish`, the last part, or a loop stopped).
    public private(set) var isFinished = false
    /// The label of the part the conversation is in.
    public private(set) var currentPart: String?
    /// The options of the choice on offer, if any.
    public private(set) var pendingChoice: [ScenarioOption]?

    /// Jumps allowed between two turns of the trainee before the run is stopped as a loop.
    public static let stepLimit = 100
    /// Whether the run was stopped because its jumps went round (``stepLimit``).
    public private(set) var isStuck = false

    private var variables: [String: Int] = [:]
    /// The trainee's turns so far.
    private var turns: Int { turnEvents.count }
    private var turnsInPart = 0
    /// The trainee's events (not the client's lines or the marks), by sequence number, with the turn they fell in.
    private var traineeTurn: [Int: Int] = [:]
    /// The sequence numbers of the trainee's lines that were turns (an `undo` of one takes the turn back).
    private var turnEvents: Set<Int> = []
    /// Parts entered, with when.
    private var reached: [String: ScenarioFeedback.RunMoment] = [:]
    private var steps = 0
    private var outputs: [ScenarioOutput] = []
    /// The line numbers of the reactions (`on …`) that went off: for the coverage of random playthroughs.
    private(set) var reactionsUsed: Set<Int> = []
    /// The labels of the parts entered so far.
    var partsEntered: Set<String> { Set(reached.keys) }

    /// Prepares a run. Give the session ``Scenario/details(adding:)`` so that
    /// the transcript's header names the cast; members missing there are
    /// recorded as `participant` lines at the start.
    public init(scenario: Scenario, session: Session) {
        self.scenario = scenario
        self.session = session
    }

    /// Starts the conversation: the intro, the cast, and the first part up to where the trainee is to act.
    public func start() -> [ScenarioOutput] {
        outputs = scenario.intro.map(ScenarioOutput.intro)
        steps = 0
        let known = Set(session.state.details.participants.map { $0.name.lowercased() })
        for person in scenario.cast where !known.contains(person.name.lowercased()) {
            session.execute(
                "participant \(Self.quoted(person.name))" + (person.role.map { " role=\(Self.quoted($0))" } ?? ""),
                lineNumber: scenario.titleLine)
        }
        if let first = scenario.parts.first { enter(first.label, from: first.line) } else { end(nil) }
        return take()
    }

    /// Takes one line of the trainee: a line of the conversation language, or a choice's number.
    /// - Parameter lineNumber: the line's number for messages and the transcript; the session's next when `nil`.
    ///   (The client's lines and the marks carry their line in the scenario.)
    @discardableResult
    public func respond(to line: String, lineNumber: Int? = nil) -> ScenarioResponse {
        steps = 0
        let trimmed = line.trimmed
        if !isFinished, let number = Int(trimmed) {
            return choose(number, line: line, lineNumber: lineNumber)
        }
        // undo takes back the session's last line; in a run that must be the trainee's own.
        if trimmed.lowercased() == "undo", let last = session.activeEvents.last, traineeTurn[last.sequence] == nil {
            return ScenarioResponse(result: rejected(.undoAfterReaction, line: line, lineNumber: lineNumber), outputs: [])
        }
        let result = session.execute(line, lineNumber: lineNumber)
        // An undone turn is no turn.
        if let event = result.event, case let .undo(retracted) = event.body {
            traineeTurn[retracted] = nil
            if turnEvents.remove(retracted) != nil {
                turnsInPart = max(0, turnsInPart - 1)
            }
        }
        if let event = result.event, !isFinished, Self.isTraineeContent(event.kind) {
            let isTurn = event.kind == .ask || event.kind == .say
            if isTurn {
                turnsInPart += 1
                turnEvents.insert(event.sequence)
            }
            traineeTurn[event.sequence] = turns
            react(to: event, isTurn: isTurn)
        }
        return ScenarioResponse(result: result, outputs: take())
    }

    /// The feedback on the run so far: each expectation met or missed, coverage against the targets, guidance.
    public func feedback() -> ScenarioFeedback {
        ScenarioFeedback(
            scenario: scenario, events: session.activeEvents, traineeTurn: traineeTurn,
            reached: reached, finished: isFinished)
    }

    // MARK: - Choices

    private func choose(_ number: Int, line: String, lineNumber: Int?) -> ScenarioResponse {
        guard let options = pendingChoice else {
            return ScenarioResponse(result: rejected(.noChoiceOpen, line: line, lineNumber: lineNumber), outputs: [])
        }
        guard options.indices.contains(number - 1) else {
            return ScenarioResponse(
                result: rejected(.noSuchOption(number, count: options.count), line: line, lineNumber: lineNumber),
                outputs: [])
        }
        let option = options[number - 1]
        let result = session.execute(option.line, lineNumber: lineNumber)
        guard let event = result.event else { return ScenarioResponse(result: result, outputs: []) }
        pendingChoice = nil
        turnEvents.insert(event.sequence)
        traineeTurn[event.sequence] = turns
        enter(option.label, from: option.lineNumber)
        return ScenarioResponse(result: result, outputs: take())
    }

    private func rejected(_ problem: ScenarioProblem, line: String, lineNumber: Int?) -> LineResult {
        LineResult(diagnostics: [
            Diagnostic(
                .error, .scenario(problem), at: SourceLocation(line: lineNumber ?? 1, column: 1),
                length: max(1, line.count), sourceLine: line)
        ])
    }

    // MARK: - Reacting

    private static func isTraineeContent(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .ask, .note, .say, .score, .networkAdd, .networkSet, .networkRemove: true
        default: false
        }
    }

    private var activeRules: [ScenarioRule] {
        (currentPart.flatMap { scenario.part($0)?.rules } ?? []) + scenario.globalRules
    }

    /// The first reaction that fits the line: those with tags before those
    /// without (a fallback such as `on ask`), each time the part's own before
    /// the global ones. Then, if the conversation is still in the same part,
    /// a reaction to the number of turns taken in it.
    private func react(to event: Event, isTurn: Bool) {
        let rules = activeRules
        let part = currentPart
        let tagged = rules.filter { $0.trigger.isSpecific == true }
        let untagged = rules.filter { $0.trigger.isSpecific == false }
        if let rule = (tagged + untagged).first(where: { matches($0.trigger, event) && holds($0.condition) }) {
            reactionsUsed.insert(rule.line)
            if run(rule.actions) { return }
        }
        guard isTurn, !isFinished, currentPart == part else { return }
        if let rule = rules.first(where: { $0.trigger == .turn(turnsInPart) && holds($0.condition) }) {
            reactionsUsed.insert(rule.line)
            run(rule.actions)
        }
    }

    private func matches(_ trigger: ScenarioTrigger, _ event: Event) -> Bool {
        guard case let .event(kind, tags, scoreTarget) = trigger else { return false }
        if let scoreTarget {
            guard case let .score(id, _, _) = event.body else { return false }
            // A dimension as target takes any score towards it.
            if id != scoreTarget, !(Dimension(rawValue: scoreTarget).map(event.dimensions.contains) ?? false) { return false }
        }
        if let kind {
            let fits =
                switch kind {
                case .ask: event.kind == .ask
                case .note: event.kind == .note
                case .say: event.kind == .say
                case .score: event.kind == .score
                case .network: [.networkAdd, .networkSet, .networkRemove].contains(event.kind)
                }
            guard fits else { return false }
        }
        return tags.dimensions.allSatisfy(event.dimensions.contains) && tags.tags.allSatisfy(event.tags.contains)
    }

    private func holds(_ condition: ScenarioCondition?) -> Bool {
        guard let condition else { return true }
        return condition.clauses.allSatisfy { clause in
            let value: Int =
                switch clause.subject {
                case let .variable(name): variables[name, default: 0]
                case .turns: turns
                case let .dimension(dimension): traineeEvents().filter { $0.dimensions.contains(dimension) }.count
                }
            return clause.comparison.holds(value, clause.value)
        }
    }

    private func traineeEvents() -> [Event] {
        session.activeEvents.filter { traineeTurn[$0.sequence] != nil }
    }

    // MARK: - Directing

    /// Runs statements in order until one jumps, offers a choice or finishes; returns whether it stopped so.
    @discardableResult
    private func run(_ statements: [ScenarioStatement]) -> Bool {
        for statement in statements {
            switch statement.action {
            case let .say(speaker, text, source):
                let result = session.execute(source, lineNumber: statement.line)
                if result.isRejected {
                    outputs += result.diagnostics.map(ScenarioOutput.problem)
                }
                outputs += transcriptNotices(result)
                outputs.append(.line(speaker: speaker, text: text))
            case let .scene(text):
                outputs.append(.scene(text))
            case let .set(name, change, _):
                switch change {
                case let .to(value): variables[name] = value
                case let .by(amount): variables[name, default: 0] += amount
                }
            case let .goto(label, condition, _):
                if holds(condition) {
                    enter(label, from: statement.line)
                    return true
                }
            case let .choice(prompt, options):
                pendingChoice = options
                outputs.append(.choice(prompt: prompt, options: options.map(\.text)))
                return true
            case let .finish(text):
                end(text)
                return true
            }
        }
        return false
    }

    private func enter(_ label: String, from line: Int) {
        steps += 1
        guard steps <= Self.stepLimit else {
            let source = scenario.sourceLines.indices.contains(line - 1) ? scenario.sourceLines[line - 1] : ""
            outputs.append(
                .problem(
                    Diagnostic(
                        .error, .scenario(.stepLimit(Self.stepLimit)), at: SourceLocation(line: line, column: 1),
                        length: max(1, source.count), sourceLine: source)))
            isStuck = true
            end(nil)
            return
        }
        guard let index = scenario.partIndex(label) else { return end(nil) }
        currentPart = label
        turnsInPart = 0
        pendingChoice = nil
        outputs += transcriptNotices(session.execute("mark \(label)", lineNumber: line))
        if reached[label] == nil {
            reached[label] = ScenarioFeedback.RunMoment(turn: turns, elapsed: session.events.last?.elapsed ?? 0)
        }
        let part = scenario.parts[index]
        if run(part.flow) || part.waits { return }
        // A part that does not wait goes on to the next one; after the last, the conversation ends.
        if index + 1 < scenario.parts.count {
            enter(scenario.parts[index + 1].label, from: part.line)
        } else {
            end(nil)
        }
    }

    /// A line the scenario records itself that could not be saved: shown like the trainee's own.
    private func transcriptNotices(_ result: LineResult) -> [ScenarioOutput] {
        result.diagnostics.filter(\.problem.concernsTranscript).map(ScenarioOutput.problem)
    }

    private func end(_ text: String?) {
        guard !isFinished else { return }
        isFinished = true
        pendingChoice = nil
        outputs.append(.finished(text))
    }

    private func take() -> [ScenarioOutput] {
        defer { outputs = [] }
        return outputs
    }

    /// A name or role as a word of the language: quoted when it has a space or a quote.
    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "#" }) else { return text }
        return "\"" + text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"") + "\""
    }
}
