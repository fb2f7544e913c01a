/// Names a scenario uses before or after it defines them (part labels,
/// expectations named by plans, counters): checked once the whole file is
/// read, each misspelling with its "bedoel je".
extension ScenarioParser {
    // MARK: - Names defined elsewhere

    mutating func add(_ problem: ScenarioProblem, at reference: Reference, _ severity: Diagnostic.Severity) {
        diagnostics.append(
            Diagnostic(
                severity, .scenario(problem), at: SourceLocation(line: reference.line, column: reference.span.column),
                length: reference.span.length, sourceLine: reference.source))
    }

    mutating func resolveReferences() {
        let labels = parts.map(\.label)
        for reference in labelReferences where !labels.contains(reference.name) {
            let suggestion = Self.closestName(to: reference.name, in: labels)
            add(.unknownLabel(reference.name, suggestion: suggestion), at: reference, .error)
        }
        let texts = expectations.map(\.text)
        for reference in expectationReferences where !texts.contains(reference.name) {
            let suggestion = Suggestion.closest(to: reference.name, in: texts, maximum: 4)
            add(.unknownExpectation(reference.name, suggestion: suggestion), at: reference, .error)
        }
        let set = Scenario.variables(parts: parts, globalRules: globalRules)
        for reference in variableReferences where !set.contains(reference.name) {
            let suggestion = Self.closestName(to: reference.name, in: set.sorted())
            add(.variableNeverSet(reference.name, suggestion: suggestion), at: reference, .warning)
        }
        diagnostics.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }
}
