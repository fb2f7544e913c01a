/// What `gesprek check` finds in a scenario beyond its single lines: parts
/// nothing leads to, expectations no path can meet, jumps that go round
/// forever, and parts where the trainee would get stuck.
enum ScenarioChecker {
    static func findings(_ scenario: Scenario) -> [Diagnostic] {
        let graph = ScenarioGraph(scenario)
        var found: [Diagnostic] = []
        func add(_ problem: ScenarioProblem, line: Int, _ severity: Diagnostic.Severity = .error) {
            let source = scenario.sourceLines.indices.contains(line - 1) ? scenario.sourceLines[line - 1] : ""
            found.append(
                Diagnostic(
                    severity, .scenario(problem), at: SourceLocation(line: line, column: 1),
                    length: max(1, source.count), sourceLine: source))
        }
        let reachable = graph.reachable()
        for (index, part) in scenario.parts.enumerated() where !reachable.contains(index) {
            add(.unreachablePart(part.label), line: part.line)
        }
        if let loop = graph.certainLoop() {
            add(.jumpLoop(loop.map { scenario.parts[$0].label }), line: scenario.parts[loop[0]].line)
        } else if let loop = graph.possibleLoop() {
            add(.possibleJumpLoop(loop.map { scenario.parts[$0].label }), line: scenario.parts[loop[0]].line, .warning)
        }
        for index in graph.stuckParts() {
            add(.partWithoutWayOn(scenario.parts[index].label), line: scenario.parts[index].line, .warning)
        }
        for expectation in scenario.expectations {
            if let reason = unmeetable(expectation, graph: graph, reachable: reachable) {
                add(.unmeetable(reason: reason), line: expectation.line)
            }
        }
        return found
    }

    private static func unmeetable(
        _ expectation: ScenarioExpectation, graph: ScenarioGraph, reachable: Set<Int>
    ) -> ScenarioProblem.UnmeetableReason? {
        let scenario = graph.scenario
        switch expectation.kind {
        case let .before(first, second) where first == second:
            return .sameDimension(first.rawValue)
        case .within(_, 0):
            return .zeroTurns
        case let .reach(label):
            guard let index = scenario.partIndex(label), reachable.contains(index) else { return .partUnreachable(label) }
        case let .avoid(label):
            // Avoidable only if the conversation can still end without passing through it.
            guard let index = scenario.partIndex(label) else { return nil }
            if index == 0 || (graph.canEnd() && !graph.canEnd(excluding: index)) { return .partOnEveryPath(label) }
        default:
            break
        }
        return nil
    }
}

extension Scenario {
    /// Every error and warning in a scenario: its lines, then what only the
    /// whole shows (unreachable parts, unmeetable expectations, loops, dead ends).
    public static func check(_ text: String) -> [Diagnostic] {
        let parsed = parse(text)
        // A jump to a part that does not exist makes the rest of the picture wrong: fix that first.
        let danglingJumps = parsed.diagnostics.contains { if case .scenario(.unknownLabel) = $0.problem { true } else { false } }
        guard let scenario = parsed.partial, !danglingJumps else { return parsed.diagnostics }
        return (parsed.diagnostics + ScenarioChecker.findings(scenario))
            .sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }
}
