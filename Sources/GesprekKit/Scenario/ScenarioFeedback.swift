/// How a training run went: each expectation met or missed and when, the
/// trainee's coverage of the dimensions against the scenario's targets, and
/// the handreiking's guidance for what was missed.
public struct ScenarioFeedback: Sendable, Equatable {
    /// A moment in the run: after how many of the trainee's turns, and how many seconds in.
    public struct RunMoment: Sendable, Equatable {
        public var turn: Int
        public var elapsed: Double
    }

    public struct ExpectationResult: Sendable, Equatable {
        /// The expectation's words after `expect`.
        public var expectation: String
        /// What it asks, for saying it in plain words (see ``ScenarioFeedbackText``).
        public var kind: ScenarioExpectation.Requirement
        public var met: Bool
        /// When it was met, or when it was missed for good (an avoided part reached, a dimension that came too late).
        public var moment: RunMoment?
        /// The guidance written under it.
        public var guidance: [String]
    }

    public var title: String
    /// Whether the conversation came to its end.
    public var finished: Bool
    public var results: [ExpectationResult]
    /// The trainee's own lines about each dimension (the client's lines do not count).
    public var coverage: [Dimension: Int]
    /// The dimensions the expectations ask to cover.
    public var targets: [Dimension]
    /// The trainee's turns: questions asked, words said, choices made.
    public var turns: Int

    public var metCount: Int { results.filter(\.met).count }

    init(scenario: Scenario, events: [Event], traineeTurn: [Int: Int], reached: [String: RunMoment], finished: Bool) {
        let own = events.filter { traineeTurn[$0.sequence] != nil }
        func moment(_ event: Event) -> RunMoment { RunMoment(turn: traineeTurn[event.sequence] ?? 0, elapsed: event.elapsed) }
        func first(_ dimension: Dimension) -> Event? { own.first { $0.dimensions.contains(dimension) } }

        title = scenario.title
        self.finished = finished
        turns = traineeTurn.values.max() ?? 0
        coverage = Dictionary(
            uniqueKeysWithValues: Dimension.allCases.map { dimension in
                (dimension, own.filter { $0.dimensions.contains(dimension) }.count)
            })
        var targets: [Dimension] = []
        for expectation in scenario.expectations {
            if let dimension = expectation.targetDimension, !targets.contains(dimension) { targets.append(dimension) }
        }
        self.targets = targets.sorted()
        results = scenario.expectations.map { expectation in
            let met: Bool
            var when: RunMoment?
            switch expectation.kind {
            case let .covers(dimension):
                when = first(dimension).map(moment)
                met = when != nil
            case let .before(dimension, other):
                let mine = first(dimension), theirs = first(other)
                met = mine != nil && (theirs == nil || mine!.sequence < theirs!.sequence)
                when = met ? mine.map(moment) : theirs.map(moment)
            case let .within(dimension, turns):
                when = first(dimension).map(moment)
                met = when.map { $0.turn <= turns } ?? false
            case let .network(name):
                let added = own.first { event in
                    guard case let .networkAdd(added, _) = event.body else { return false }
                    return name.map { $0.lowercased() == added.lowercased() } ?? true
                }
                when = added.map(moment)
                met = added != nil
            case let .score(target):
                let scored = own.first { event in
                    guard case let .score(id, _, _) = event.body else { return false }
                    switch target {
                    case let .item(item): return id == item.id
                    case let .dimension(dimension): return event.dimensions.contains(dimension)
                    }
                }
                when = scored.map(moment)
                met = scored != nil
            case let .reach(label):
                when = reached[label]
                met = when != nil
            case let .avoid(label):
                when = reached[label]
                met = when == nil
            }
            return ExpectationResult(
                expectation: expectation.text, kind: expectation.kind, met: met, moment: when, guidance: expectation.guidance)
        }
    }

    /// The result for an expectation, named by its words after `expect`.
    public func result(for expectation: String) -> ExpectationResult? {
        results.first { $0.expectation == expectation }
    }
}
