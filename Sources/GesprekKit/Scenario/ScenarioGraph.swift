/// The ways through a scenario: which part can lead to which, by a jump, a
/// reaction, a choice or by going on to the next part; and where a
/// conversation can end. What the checker and the path walker look at.
struct ScenarioGraph {
    /// Where a part can lead.
    struct Exits: Equatable {
        /// Parts it can go to (indices into the scenario's parts).
        var parts: [Int] = []
        /// Whether the conversation can end in it (a `finish`, or the end of the last part).
        var ends = false
        /// Where it goes by itself, without waiting for the trainee, if that is certain:
        /// for finding jumps that go round forever.
        var certainNext: Int?
    }

    let scenario: Scenario
    let exits: [Exits]

    init(_ scenario: Scenario) {
        self.scenario = scenario
        let globalExits = Self.exits(of: scenario.globalRules.flatMap(\.actions), in: scenario)
        exits = scenario.parts.indices.map { index in
            let part = scenario.parts[index]
            var exits = Exits()
            var stopped = false
            var uncertain = false
            flow: for statement in part.flow {
                switch statement.action {
                case let .goto(label, condition, _):
                    guard let target = scenario.partIndex(label) else { continue }
                    exits.parts.append(target)
                    if condition == nil {
                        if !uncertain { exits.certainNext = target }
                        stopped = true
                        break flow
                    }
                    uncertain = true
                case let .choice(_, options):
                    exits.parts += options.compactMap { scenario.partIndex($0.label) }
                    stopped = true
                    break flow
                case .finish:
                    exits.ends = true
                    stopped = true
                    break flow
                default:
                    continue
                }
            }
            if !stopped {
                if part.waits {
                    let own = Self.exits(of: part.rules.flatMap(\.actions), in: scenario)
                    exits.parts += own.parts + globalExits.parts
                    exits.ends = exits.ends || own.ends || globalExits.ends
                } else if index + 1 < scenario.parts.count {
                    exits.parts.append(index + 1)
                    if !uncertain { exits.certainNext = index + 1 }
                } else {
                    exits.ends = true
                }
            } else if part.flow.contains(where: { if case .choice = $0.action { true } else { false } }) {
                // While a choice is on offer, reactions can still jump or finish.
                let own = Self.exits(of: part.rules.flatMap(\.actions), in: scenario)
                exits.parts += own.parts + globalExits.parts
                exits.ends = exits.ends || own.ends || globalExits.ends
            }
            var seen: Set<Int> = []
            exits.parts = exits.parts.filter { seen.insert($0).inserted }
            return exits
        }
    }

    private static func exits(of actions: [ScenarioStatement], in scenario: Scenario) -> Exits {
        var exits = Exits()
        for statement in actions {
            switch statement.action {
            case let .goto(label, _, _): if let target = scenario.partIndex(label) { exits.parts.append(target) }
            case .finish: exits.ends = true
            default: break
            }
        }
        return exits
    }

    /// The parts reachable from the first, leaving out `excluded`.
    func reachable(excluding excluded: Int? = nil) -> Set<Int> {
        guard !scenario.parts.isEmpty, excluded != 0 else { return [] }
        var seen: Set<Int> = [0]
        var stack = [0]
        while let index = stack.popLast() {
            for next in exits[index].parts where next != excluded && seen.insert(next).inserted { stack.append(next) }
        }
        return seen
    }

    /// Whether the conversation can come to an end at all, leaving out `excluded`.
    func canEnd(excluding excluded: Int? = nil) -> Bool {
        reachable(excluding: excluded).contains { exits[$0].ends }
    }

    /// The parts from which no end can be reached: the trainee would be stuck there.
    func stuckParts() -> [Int] {
        let reach = reachable()
        var canFinish = Set(reach.filter { exits[$0].ends })
        var changed = true
        while changed {
            changed = false
            for index in reach where !canFinish.contains(index) && exits[index].parts.contains(where: canFinish.contains) {
                canFinish.insert(index)
                changed = true
            }
        }
        return reach.subtracting(canFinish).sorted()
    }

    /// A loop of certain moves: parts that jump on by themselves and come back round.
    func certainLoop() -> [Int]? {
        for start in scenario.parts.indices {
            var path = [start]
            var current = start
            while let next = exits[current].certainNext {
                if let loopStart = path.firstIndex(of: next) { return Array(path[loopStart...]) + [next] }
                path.append(next)
                current = next
            }
        }
        return nil
    }

    /// A loop among parts that do not wait for the trainee, through jumps that
    /// depend on a condition: it may go round until the step limit.
    func possibleLoop() -> [Int]? {
        let moving = Set(scenario.parts.indices.filter { !scenario.parts[$0].waits })
        var state = [Int: Int]()  // 1: on the path, 2: done
        var path: [Int] = []
        func visit(_ index: Int) -> [Int]? {
            state[index] = 1
            path.append(index)
            for next in exits[index].parts where moving.contains(next) {
                if state[next] == 1, let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
                if state[next] == nil, let loop = visit(next) { return loop }
            }
            path.removeLast()
            state[index] = 2
            return nil
        }
        for index in moving.sorted() where state[index] == nil {
            if let loop = visit(index) { return loop }
        }
        return nil
    }

    /// A way through the conversation, part by part.
    struct Path: Equatable {
        var parts: [Int]
        /// Whether it comes to an end (and so to the feedback) rather than getting stuck.
        var ends: Bool
    }

    /// Every way through, without going round a loop twice; at most `limit` of them.
    func paths(limit: Int = 10_000) -> [Path] {
        guard !scenario.parts.isEmpty else { return [] }
        let stuck = Set(stuckParts())
        var found: [Path] = []
        func walk(_ path: [Int]) {
            guard found.count < limit, let last = path.last else { return }
            if exits[last].ends { found.append(Path(parts: path, ends: true)) }
            let onward = exits[last].parts.filter { !path.contains($0) }
            // Where the trainee gets stuck: as far as the way goes, then it ends without feedback.
            if stuck.contains(last), onward.isEmpty {
                found.append(Path(parts: path, ends: false))
                return
            }
            for next in onward { walk(path + [next]) }
        }
        walk([0])
        return found
    }
}
