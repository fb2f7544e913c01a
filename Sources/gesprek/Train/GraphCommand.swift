import ArgumentParser
import GesprekKit

/// `gesprek graph SCENARIO`: the scenario's parts and the ways between them, as a graph to draw.
struct GraphCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "graph",
            abstract: say("Teken een scenario als graaf (Graphviz of Mermaid).", "Draw a scenario as a graph (Graphviz or Mermaid)."),
            discussion: say(
                """
                De delen (part) van het scenario en de wegen ertussen: goto (met voorwaarde), keuzes, reacties (on …) \
                en het doorgaan naar het volgende deel. Delen die een goed gesprek moet bereiken (expect reach) zijn \
                dubbel omrand, delen om te vermijden (expect avoid) gestreept. Teken het met: \
                gesprek graph S.scenario | dot -Tsvg > s.svg. Afsluitcode 65 als het scenario fouten heeft.
                """,
                """
                The scenario's parts and the ways between them: goto (with its condition), choices, reactions (on …) \
                and going on to the next part. Parts a good conversation must reach (expect reach) have a double \
                border, parts to avoid (expect avoid) a dashed one. Draw it with: \
                gesprek graph S.scenario | dot -Tsvg > s.svg. Exit code 65 when the scenario has errors.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het scenario.", "The scenario."), valueName: "scenario"))
    var scenario: String

    @Option(
        help: ArgumentHelp(
            say("Vorm: dot of mermaid (standaard dot).", "Format: dot or mermaid (default dot)."), valueName: say("vorm", "format")))
    var format: ScenarioDiagram.Notation = .dot

    @OptionGroup var output: OutputOption

    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let loaded = try ScenarioFile.load(scenario, errors: inputDisplay.errorOutput)
        let text = ScenarioDiagram(loaded, language: cli).text(format, language: cli)
        try output.write(text)
    }
}

extension ScenarioDiagram.Notation: ExpressibleByArgument {}
