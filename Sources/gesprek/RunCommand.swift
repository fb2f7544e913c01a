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

/// `gesprek run SCRIPT`: runs a script and writes its transcript.
struct RunCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "run",
            abstract: say("Voer een script uit en schrijf het transcript.", "Run a script and write its transcript."),
            discussion: say(
                """
                Elke geaccepteerde regel komt als gebeurtenis in het transcript. Van een scriptbestand wordt het transcript \
                aan het eind op schijf gezet (fsync; ook bij een fout of SIGTERM), want het script houdt de regels zelf; \
                van stdin (-) staat elke regel op schijf voordat de volgende wordt gelezen. Bij de eerste fout stopt het \
                script (afsluitcode 65), tenzij --keep-going. Zonder één gebeurtenis (alleen help, bijvoorbeeld) blijft er \
                geen transcript achter.
                """,
                """
                Every accepted line becomes an event in the transcript. For a script file the transcript is synced to disk \
                at the end (fsync; on an error or SIGTERM too), as the script itself holds the lines; from stdin (-) every \
                line is on disk before the next is read. The script stops at the first error (exit code 65) unless --keep-going. \
                Without a single event (only help, say) no transcript is left.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het script; - leest van stdin.", "The script; - reads stdin."), valueName: "script"))
    var script: String

    @OptionGroup var session: SessionOptions
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        try Self.run(script: script, settings: session.settings, errors: inputDisplay.errorOutput)
    }

    /// Runs `script` (`-`: stdin) into a new transcript.
    static func run(script: String, settings: SessionSettings, errors: ErrorOutput) throws {
        let input: RecordedInput
        if script == "-" {
            input = .standardInput
        } else {
            switch ScriptFile.open(script) {
            case let .success(file): input = .script(file)
            case let .failure(error):
                Terminal.error(error.message, hint: error.hint)
                throw Exit.noInput
            }
        }
        try Recording.record(input, options: settings, errors: errors)
    }
}

/// `gesprek run SCRIPT` in its plainest forms, read without the argument
/// parser: setting that up (reflection over every option of every group, and
/// a check for a completion-script request) was a quarter of a 100-line run's
/// time. Taken here: one script path, `-o`/`--output FILE` (`--output=FILE`),
/// `--keep-going`, `--show-input`, `--lang nl|en`, each at most once, in any
/// order. Anything else (another option, help, `-` for stdin, a value that
/// starts with `-`, a repeat) goes to the parser as ever, which then gives
/// the same result or its own message.
struct RunFastPath: Equatable {
    var script: String
    var output: String?
    var keepGoing = false
    var showInput = false

    /// The run these arguments (without the program name) ask for; nil for the parser.
    static func parse(_ arguments: [String]) -> RunFastPath? {
        guard arguments.first == RunCommand.configuration.commandName, arguments.count >= 2 else { return nil }
        var script: String?
        var output: String?
        var keepGoing = false, showInput = false, language = false
        var index = 1
        func value() -> String? {
            index += 1
            guard index < arguments.count, !arguments[index].isEmpty, !arguments[index].hasPrefix("-") else { return nil }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-o", "--output":
                guard output == nil, let given = value() else { return nil }
                output = given
            case "--keep-going":
                guard !keepGoing else { return nil }
                keepGoing = true
            case "--show-input":
                guard !showInput else { return nil }
                showInput = true
            case "--lang":
                // `cli` has read it already; only a valid one, once, is taken here.
                guard !language, let given = value(), DisplayLanguage(rawValue: given) != nil else { return nil }
                language = true
            default:
                if argument.hasPrefix("--output=") {
                    let given = String(argument.dropFirst("--output=".count))
                    guard output == nil, !given.isEmpty, !given.hasPrefix("-") else { return nil }
                    output = given
                } else if argument.hasPrefix("--lang=") {
                    guard !language, DisplayLanguage(rawValue: String(argument.dropFirst("--lang=".count))) != nil else { return nil }
                    language = true
                } else {
                    // One script, a file: not stdin, not an option, not a word the parser treats itself.
                    guard script == nil, !argument.isEmpty, !argument.hasPrefix("-"), argument != "help" else { return nil }
                    script = argument
                }
            }
            index += 1
        }
        guard let script else { return nil }
        return RunFastPath(script: script, output: output, keepGoing: keepGoing, showInput: showInput)
    }

    func run() throws {
        try RunCommand.run(
            script: script, settings: SessionSettings(output: output, keepGoing: keepGoing),
            errors: ErrorOutput(inputDisplay: InputDisplay(forced: showInput)))
    }
}

/// What a recording reads its lines from: a script file, streamed, or stdin as lines arrive.
enum RecordedInput {
    case script(ScriptFile)
    case standardInput

    /// The name used in messages.
    var name: String {
        switch self {
        case let .script(file): file.path
        case .standardInput: ScriptSource.standardInput.name
        }
    }

    /// Calls `body` with each line and its number until it returns false.
    func forEachLine(_ body: (SourceLine, Int) -> Bool) {
        switch self {
        case let .script(file): file.forEachLine(body)
        case .standardInput: ScriptSource.standardInput.forEachLine(body)
        }
    }
}

/// Records a session from a script or stdin into a new transcript file.
enum Recording {
    static func record(_ source: RecordedInput, options: SessionSettings, errors: ErrorOutput) throws {
        // Durability fits the source: a script file holds every line itself, so the transcript is synced once, at
        // the end (and on a signal); lines typed or piped exist nowhere else, so each is synced before the next.
        let durability: TranscriptFile.Durability
        switch source {
        case .script: durability = .atSync
        case .standardInput: durability = .everyLine
        }
        let (session, file) = try options.startRecording(durability: durability)
        if durability == .atSync { SyncOnSignal.install(file) }
        defer { SyncOnSignal.uninstall() }
        Terminal.info(say("Transcript: \(file.url.path)", "Transcript: \(file.url.path)"))
        var runner = LineRunner(session: session, sourceName: source.name, errorOutput: errors)
        source.forEachLine { line, number in
            runner.run(line, number: number) || options.keepGoing
        }
        try close(session, original: file, rescueFolder: options.rescueFolder)
        if EmptySession.discard(session, file: file) {
            if runner.errors > 0 { throw Exit.dataError }
            return
        }
        let count = session.eventCount
        Terminal.info(
            say(
                "\(count) \(count == 1 ? "regel" : "regels") vastgelegd in \(file.url.path)",
                "\(count) \(count == 1 ? "line" : "lines") recorded in \(file.url.path)"))
        if runner.errors > 0 { throw Exit.dataError }
    }

    /// Closes the transcript. Lines that could not be written are tried once
    /// more, then saved whole in the rescue folder; either way the transcript
    /// asked for is incomplete then, and the exit code is 74.
    static func close(_ session: Session, original file: TranscriptFile, rescueFolder: URL) throws {
        // With lines waiting, what the file has taken is synced first, whatever happens to them;
        // otherwise closing syncs once, after the closing record.
        do {
            if session.unsavedLineCount > 0 { try session.sync() }
        } catch {
            Terminal.error(say("kan het transcript niet op schijf zetten: \(error)", "cannot sync the transcript to disk: \(error)"))
            try? session.close()
            throw Exit.ioError
        }
        let outcome = TranscriptRescue.finish(session, folder: rescueFolder)
        if let message = TranscriptRescue.message(outcome, original: file.url.path) {
            try? session.close()
            Terminal.error(message)
            throw Exit.ioError
        }
        do {
            try session.close()
        } catch {
            Terminal.error(say("kan het transcript niet afsluiten: \(error)", "cannot close the transcript: \(error)"))
            throw Exit.ioError
        }
    }
}
