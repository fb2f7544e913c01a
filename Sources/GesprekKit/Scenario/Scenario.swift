/// A training scenario: a simulated client, the parts of the conversation
/// and how the client reacts, what a good conversation covers, and the
/// trainer's test plans. Written in the conversation language extended with
/// a few words (see docs/trainer.md, "Writing a scenario"); read it with
/// ``Scenario/parse(_:language:)``, play it with ``ScenarioRun``.
public struct Scenario: Sendable {
    /// The line after `scenario`.
    public var title: String
    /// The simulated client (`client NAME role=…`).
    public var client: Participant
    /// Everybody who speaks: the client first, then the `cast` lines.
    public var cast: [Participant]
    /// `intro` lines, shown before the conversation starts.
    public var intro: [String]
    /// What the run is judged on, in the order written.
    public var expectations: [ScenarioExpectation]
    /// Reactions written outside any part: they apply in every part, after the part's own.
    public var globalRules: [ScenarioRule]
    /// The parts in the order written; the first is where the conversation starts.
    public var parts: [ScenarioPart]
    /// The trainer's test plans.
    public var plans: [ScenarioPlan]
    /// Where `scenario` stands, for messages about the whole file.
    public var titleLine: Int
    /// The scenario as written, line by line, for messages while it runs.
    public var sourceLines: [String]

    /// Session details for a run: `base` with the cast added as participants.
    public func details(adding base: SessionDetails = SessionDetails()) -> SessionDetails {
        var details = base
        for person in cast where !details.participants.contains(where: { $0.name.lowercased() == person.name.lowercased() }) {
            details.participants.append(person)
        }
        return details
    }

    /// The part with this label.
    public func part(_ label: String) -> ScenarioPart? {
        parts.first { $0.label == label }
    }

    /// The index of the part with this label.
    func partIndex(_ label: String) -> Int? {
        parts.firstIndex { $0.label == label }
    }

    /// The variables set anywhere in these parts and reactions.
    static func variables(parts: [ScenarioPart], globalRules: [ScenarioRule]) -> Set<String> {
        var names: Set<String> = []
        let statements = parts.flatMap { $0.flow + $0.rules.flatMap(\.actions) } + globalRules.flatMap(\.actions)
        for statement in statements { if case let .set(name, _, _) = statement.action { names.insert(name) } }
        return names
    }
}

/// A labelled part of a scenario: what happens on entering it, and how the
/// client reacts while the trainee is in it.
public struct ScenarioPart: Sendable {
    /// The word after `part`; jumps and options name it.
    public var label: String
    /// Lines run in order on entering the part.
    public var flow: [ScenarioStatement]
    /// Reactions while the trainee is in this part, tried in order before the global ones.
    public var rules: [ScenarioRule]
    public var line: Int

    /// Whether the part waits for the trainee (it has reactions or ends in a choice)
    /// rather than going on to the next part by itself.
    var waits: Bool {
        !rules.isEmpty || flow.contains { if case .choice = $0.action { true } else { false } }
    }
}

/// One line of a part or of a reaction, with where it was written.
public struct ScenarioStatement: Sendable {
    public var action: Action
    public var line: Int

    public enum Action: Sendable {
        /// A line of the client or another cast member; recorded as a `say` event.
        /// `source` is the line as written, which the transcript keeps.
        case say(speaker: String, text: String, source: String)
        /// A stage direction shown to the trainee; not recorded.
        case scene(String)
        /// `set NAME 3`, `set NAME +1`, `set NAME -1`.
        case set(String, ScenarioValueChange, column: Int)
        /// `goto LABEL`, or `if CONDITION goto LABEL`.
        case goto(String, condition: ScenarioCondition?, column: Int)
        /// A choice for the trainee; each option records its line and jumps.
        case choice(prompt: String?, options: [ScenarioOption])
        /// `finish [TEXT]`: the end of the conversation; feedback follows.
        case finish(String?)
    }
}

/// How `set` changes a variable.
public enum ScenarioValueChange: Sendable, Equatable {
    case to(Int)
    case by(Int)
}

/// One option of a `choice`: what the trainee does (a line of the conversation language) and where it leads.
public struct ScenarioOption: Sendable {
    /// The part it leads to.
    public var label: String
    /// The line recorded when chosen, such as `ask #v Zullen we eerst samen naar de brief kijken?`.
    public var line: String
    /// What the trainee sees: the text of that line without its command word and tags.
    public var text: String
    public var lineNumber: Int
    /// Where the label stands.
    public var labelColumn: Int
}

/// `on TRIGGER [if CONDITION]` … `end`: how the client reacts to something the trainee records.
public struct ScenarioRule: Sendable {
    public var trigger: ScenarioTrigger
    public var condition: ScenarioCondition?
    public var actions: [ScenarioStatement]
    public var line: Int
}

/// What a reaction waits for.
public enum ScenarioTrigger: Sendable, Equatable {
    /// A recorded line of this kind (any kind when `nil`) carrying all these tags;
    /// for `on score ITEM`, a score of that item or dimension.
    case event(kind: ScenarioEventKind?, tags: TagSet, scoreTarget: String? = nil)
    /// The trainee's n-th turn in the current part.
    case turn(Int)
}

extension ScenarioTrigger {
    /// For a reaction to a line: whether it names tags or a score target (and so goes before
    /// a fallback such as `on ask`); `nil` for a reaction to the number of turns.
    var isSpecific: Bool? {
        guard case let .event(_, tags, scoreTarget) = self else { return nil }
        return !tags.dimensions.isEmpty || !tags.tags.isEmpty || scoreTarget != nil
    }
}

/// The kinds of trainee line a reaction can wait for.
public enum ScenarioEventKind: String, Sendable, CaseIterable {
    case ask, note, say, score, network
}

/// `NAME OP NUMBER [and NAME OP NUMBER …]`, where NAME is a variable, `turns`,
/// or a dimension tag (how many of the trainee's lines were about it).
public struct ScenarioCondition: Sendable, Equatable {
    public var clauses: [Clause]

    public struct Clause: Sendable, Equatable {
        public var subject: Subject
        public var comparison: Comparison
        public var value: Int
    }

    public enum Subject: Sendable, Equatable, Hashable {
        case variable(String)
        /// The trainee's turns so far.
        case turns
        /// The trainee's lines about this dimension so far.
        case dimension(Dimension)
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", less = "<", greater = ">", equal = "="

        func holds(_ left: Int, _ right: Int) -> Bool {
            switch self {
            case .less: left < right
            case .lessOrEqual: left <= right
            case .equal: left == right
            case .notEqual: left != right
            case .greaterOrEqual: left >= right
            case .greater: left > right
            }
        }
    }
}

/// Something a good run does, as the trainer wrote it after `expect`.
public struct ScenarioExpectation: Sendable {
    public var kind: Requirement
    /// The words after `expect`, as written: how feedback and test plans name it.
    public var text: String
    /// The `guidance` lines that follow: the handreiking's advice, shown when it is missed.
    public var guidance: [String]
    public var line: Int

    public enum Requirement: Sendable, Equatable {
        /// `expect #D`: the trainee covers the dimension.
        case covers(Dimension)
        /// `expect #D before #E`: the trainee's first line about D comes before any about E.
        case before(Dimension, Dimension)
        /// `expect #D within N`: covered within the trainee's first N turns.
        case within(Dimension, turns: Int)
        /// `expect network [NAME]`: someone (this person) added to the network.
        case network(name: String?)
        /// `expect score TARGET`: an item scored, or any score towards a dimension.
        case score(ScoreTarget)
        /// `expect reach LABEL`: the conversation gets to that part.
        case reach(String)
        /// `expect avoid LABEL`: the conversation never gets to that part.
        case avoid(String)
    }

    /// The dimension this expectation asks the trainee to cover, if any: the scenario's coverage targets.
    var targetDimension: Dimension? {
        switch kind {
        case let .covers(d), let .before(d, _), let .within(d, _): d
        default: nil
        }
    }
}

/// A trainer's test plan: what the trainee types, what the client should say, and the feedback expected.
public struct ScenarioPlan: Sendable {
    public var name: String
    public var steps: [Step]
    public var line: Int

    public struct Step: Sendable {
        public var kind: Instruction
        public var line: Int

        public enum Instruction: Sendable, Equatable {
            /// `> LINE`: the trainee types this (a line of the language, or a choice's number).
            case type(String)
            /// `< WHO [TEXT]`: the client (or another cast member) says something beginning with TEXT.
            case hear(speaker: String, prefix: String)
            /// `met EXPECTATION` / `missed EXPECTATION`, named by its words after `expect`.
            case feedback(expectation: String, met: Bool)
            /// `finished`: the conversation has come to a `finish`.
            case finished
        }
    }
}
