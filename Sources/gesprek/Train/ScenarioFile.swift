import GesprekKit

/// Reads a scenario file for `train` and `test`: its errors are reported
/// with the file's name, and end the command with exit code 65 (66 when unreadable).
enum ScenarioFile {
    static func load(_ path: String, errors: ErrorOutput) throws -> Scenario {
        guard case let .success(source) = ScriptSource.open(path), case let .file(_, text) = source else {
            if case let .failure(error) = ScriptSource.open(path) { Terminal.error(error.message) }
            throw Exit.noInput
        }
        let parsed = Scenario.parse(text)
        for diagnostic in parsed.diagnostics { Terminal.info(errors.diagnostic(diagnostic, file: path)) }
        guard let scenario = parsed.scenario else {
            if !Scenario.isScenario(text) {
                Terminal.error(
                    say(
                        "\(path) is geen scenario: een scenario begint met de regel scenario TITEL",
                        "\(path) is not a scenario: a scenario starts with the line scenario TITLE"))
            }
            throw Exit.dataError
        }
        return scenario
    }
}
