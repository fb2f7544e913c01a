import ArgumentParser
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// `gesprek summary TRANSCRIPT…`: one transcript in full, or a row per
/// transcript and a total, streaming through any number of files.
struct SummaryCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "summary",
            abstract: say(
                "Vat transcripten samen: dekking per dimensie, wat gemist is, scores, netwerk.",
                "Summarise transcripts: coverage per dimension, what was missed, scores, network."),
            discussion: say(
                """
                Eén transcript: het volledige overzicht. Meerdere, een map (alle *.jsonl erin) of --files-from: een regel \
                per transcript en een totaal; op een terminal met een voortgangsbalk. Afsluitcode 65 als een bestand geen \
                transcript is, 66 als het onleesbaar is.
                """,
                """
                One transcript: the full summary. Several, a folder (every *.jsonl in it) or --files-from: a row per \
                transcript and a total; on a terminal with a progress bar. Exit code 65 when a file is not a transcript, \
                66 when it cannot be read.
                """))
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, json
    }

    @Argument(
        help: ArgumentHelp(
            say("De transcripten, of mappen met transcripten.", "The transcripts, or folders of transcripts."),
            valueName: "transcript"))
    var transcripts: [String] = []

    @Option(
        name: .customLong("files-from"),
        help: ArgumentHelp(
            say(
                "Lees de paden uit dit bestand, één per regel (- voor stdin).",
                "Read the paths from this file, one per line (- for stdin)."), valueName: say("bestand", "file")))
    var filesFrom: String?

    @Option(help: ArgumentHelp(say("Vorm: text, md of json.", "Format: text, md or json."), valueName: say("vorm", "format")))
    var format: Format = .text

    @OptionGroup var integrity: IntegrityOption

    @Flag(
        help: ArgumentHelp(
            say(
                "Bij een caseload: controleer ook elk transcript (keten, handtekeningen, afsluiting); --strict en --key doen dat ook. Kost tijd: zie ./dev bench.",
                "For a caseload: verify every transcript too (chain, signatures, closing); --strict and --key do so as well. Costs time: see ./dev bench."
            )))
    var verify = false

    @OptionGroup var language: LanguageOption

    /// The options of `summary` that take a value. `Gesprek.main` takes the
    /// paths out of the arguments before parsing, because swift-argument-parser
    /// takes time that grows with the square of the number of positional
    /// arguments (10,000 paths: seconds).
    static let optionsWithValues: Set<String> = ["--files-from", "--format", "--lang", "--key"]

    /// Splits the arguments after `summary` into the paths and the rest, for
    /// the parser: a path is an argument that is not an option (`-x`,
    /// `--xyz`, `--xyz=…`) nor an option's value; everything after `--` is one.
    /// The first path stays in the rest, where it stood (so that the parser
    /// sees that paths were given), and the paths after it come out in order:
    /// they follow `transcripts`.
    static func separatingPaths(_ arguments: ArraySlice<String>) -> (rest: [String], paths: [String]) {
        var rest: [String] = [], paths: [String] = []
        var keptFirst = false
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let argument = arguments[i]
            if argument == "--" {
                var after = arguments[(i + 1)...]
                if !keptFirst, let first = after.popFirst() { rest += ["--", first] }
                paths += after
                break
            }
            if argument.hasPrefix("-"), argument != "-" {
                rest.append(argument)
                if optionsWithValues.contains(argument), i + 1 < arguments.endIndex {
                    rest.append(arguments[i + 1])
                    i += 1
                }
            } else if !keptFirst {
                rest.append(argument)
                keptFirst = true
            } else {
                paths.append(argument)
            }
            i += 1
        }
        return (rest, paths)
    }

    func validate() throws {
        guard !transcripts.isEmpty || filesFrom != nil else {
            throw ValidationError(
                say(
                    "geef een of meer transcripten, een map, of --files-from",
                    "give one or more transcripts, a folder, or --files-from"))
        }
    }

    func run() throws {
        try run(morePaths: [])
    }

    /// - Parameter morePaths: the paths `Gesprek.main` took out of the arguments; they follow `transcripts`.
    func run(morePaths: [String]) throws {
        let transcripts = self.transcripts + morePaths
        if transcripts.count == 1, filesFrom == nil, !SummaryInputs.isDirectory(transcripts[0]) {
            var transcript = try TranscriptInput.read(transcripts[0])
            // Verified once it reads: a file that cannot be read at all is reported by the reader alone.
            let trusted = try integrity.trusted()
            try integrity.check(transcripts[0], trusted: trusted)
            transcript.reflections = try TeamReflections.load(forTranscript: transcripts[0], integrity: integrity, trusted: trusted)
            let summary = Summary(transcript)
            switch format {
            case .text: Terminal.output(SummaryText.render(summary, language: cli))
            case .md: Terminal.output(SummaryMarkdown.render(summary, language: cli))
            case .json: Terminal.output(SummaryJSON.render(summary, language: cli))
            }
            return
        }
        var failure: ExitCode?
        let paths = SummaryInputs.paths(transcripts, filesFrom: filesFrom) { failure = Exit.noInput }
        try caseload(paths, CaseloadFormat(rawValue: format.rawValue)!, failure: failure)
    }

    private func caseload(_ paths: [String], _ format: CaseloadFormat, failure: ExitCode?) throws {
        let progress = Progress(total: paths.count)
        var total = CaseloadTotal()
        var failure = failure
        // Rows are written a few kilobytes at a time, the bar wiped first.
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            progress.clear()
            Terminal.output(pending)
            pending = ""
        }
        // --key says which keys to trust: it asks for checking too.
        let checking = verify || integrity.strict || !integrity.keys.isEmpty
        let trusted = checking ? try integrity.trusted() : []
        var refused = false
        Terminal.output(format.header(language: cli))
        progress.update(done: 0)
        // Each folder once: one another user owns or others can change makes its transcripts worth little.
        var folders = Set<Substring>()
        let readable = try Caseload(paths: paths, keyring: TranscriptInput.keyring).read { entry in
            let folder = entry.path.lastIndex(of: "/").map { entry.path[...$0] } ?? "./"
            let controlled = folders.insert(folder).inserted && TranscriptExposure.control(of: URL(fileURLWithPath: String(folder))) != nil
            // Checked only when asked for: a full verification costs far more than the scan (see ./dev bench).
            let concern = checking && (try? entry.row.get()) != nil ? integrity.concern(entry.path, trusted: trusted) : nil
            if let concern {
                flush()
                progress.clear()
                if integrity.strict {
                    Terminal.error("\(shown(entry.path)): " + concern + say(" (--strict: niet meegeteld)", " (--strict: not counted)"))
                    refused = true
                    progress.update(done: entry.index + 1)
                    return
                }
                Terminal.error("\(shown(entry.path)): " + say("waarschuwing: ", "warning: ") + concern)
            }
            if controlled || entry.privacy != nil || !entry.warnings.isEmpty || (try? entry.row.get()) == nil {
                // Messages come after the rows before them.
                flush()
                progress.clear()
            }
            if controlled { PrivacyWarning.checkFolder(of: URL(fileURLWithPath: entry.path)) }
            if let warning = entry.privacy { PrivacyWarning.report(warning) }
            for warning in entry.warnings { TranscriptInput.warn(warning, path: entry.path) }
            switch entry.row {
            case let .success(row):
                total.add(row)
                if !pending.isEmpty { pending += "\n" }
                pending += format.row(row, index: total.transcripts - 1, language: cli)
                if pending.utf8.count >= 1 << 14 { flush() }
            case let .failure(error):
                let code = try TranscriptInput.exit(for: error, path: entry.path)
                failure = failure == Exit.noInput ? failure : code
            }
            progress.update(done: entry.index + 1)
        }
        flush()
        progress.clear()
        if let readable { PrivacyWarning.report(readable) }
        Terminal.output(format.footer(total, language: cli))
        if let failure { throw failure }
        if refused { throw Exit.dataError }
    }
}
