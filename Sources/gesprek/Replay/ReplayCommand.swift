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
import LineEditing

/// `gesprek replay TRANSCRIPT`: plays a conversation back at its recorded
/// pace, for a case discussion. Two passes over the file (markers and
/// retractions first, then the events), so memory stays small however long
/// the conversation was.
struct ReplayCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "replay",
            abstract: say(
                "Speel een transcript af in het tempo van het gesprek.", "Play a transcript back at the pace of the conversation."),
            discussion: say(
                """
                Toetsen tijdens het afspelen: spatie pauzeert en gaat verder, Enter toont de volgende regel meteen, \
                n springt naar de volgende markering, p terug naar de vorige, q stopt. Met --step toont elke toets \
                (Enter, spatie, j of →) één regel. Zonder terminal speelt replay alles af zonder op toetsen te wachten.
                """,
                """
                Keys while playing: Space pauses and resumes, Enter shows the next line at once, n jumps to the next \
                marker, p back to the previous one, q quits. With --step every key (Enter, Space, j or →) shows one \
                line. Without a terminal replay plays everything without waiting for keys.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het transcript (.jsonl).", "The transcript (.jsonl)."), valueName: "transcript"))
    var transcript: String

    @Option(
        help: ArgumentHelp(
            say("Afspeelsnelheid: 2 is twee keer zo snel.", "Playback speed: 2 is twice as fast."),
            valueName: say("factor", "factor")))
    var speed: Double = 1

    @Option(
        name: .customLong("idle-limit"),
        help: ArgumentHelp(
            say(
                "Wacht nooit langer dan dit aantal seconden tussen twee regels.",
                "Never wait longer than this many seconds between two lines."),
            valueName: say("seconden", "seconds")))
    var idleLimit: Double?

    @Option(
        help: ArgumentHelp(
            say(
                "Begin hier: een tijd (5:00, 1:02:03, 90) of een markering.",
                "Start here: a time (5:00, 1:02:03, 90) or a marker."), valueName: say("tijd|markering", "time|marker")))
    var from: String?

    @Option(
        help: ArgumentHelp(
            say(
                "Tot en met hier: een tijd of een markering.",
                "Up to and including here: a time or a marker."), valueName: say("tijd|markering", "time|marker")))
    var until: String?

    @Flag(help: ArgumentHelp(say("Eén regel per toets, om te bespreken.", "One line per key, for discussion.")))
    var step = false

    @Option(
        name: .customLong("pause-at"),
        help: ArgumentHelp(
            say("Stop bij deze markering en wacht op een toets. Herhaalbaar.", "Stop at this marker and wait for a key. Repeatable."),
            valueName: say("markering", "marker")))
    var pauseAt: [String] = []

    @OptionGroup var integrity: IntegrityOption
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard speed.isFinite, speed > 0 else {
            throw ValidationError(say("--speed moet een getal groter dan 0 zijn", "--speed must be a number greater than 0"))
        }
        if let idleLimit, !(idleLimit.isFinite && idleLimit >= 0) {
            throw ValidationError(say("--idle-limit moet 0 of meer seconden zijn", "--idle-limit must be 0 or more seconds"))
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: transcript)
        try TranscriptInput.checkReadable(transcript)
        let (header, index, warnings) = try readable { try ReplayIndex.scan(contentsOf: url, keyring: TranscriptInput.keyring) }
        // Verified once it reads: a file that cannot be read at all is reported by the reader alone.
        let trusted = try integrity.trusted()
        try integrity.check(transcript, trusted: trusted)
        let reflections = try TeamReflections.load(forTranscript: transcript, integrity: integrity, trusted: trusted)
        for warning in warnings {
            Terminal.error(say("waarschuwing: ", "warning: ") + warning.message(in: cli))
        }
        let player = try usage {
            let window = try ReplayWindow(
                from: from.map(ReplayPosition.parse), until: until.map(ReplayPosition.parse),
                markers: index.markers)
            return try ReplayPlayer(
                index: index, window: window, speed: speed, idleLimit: idleLimit, step: step, pauseAt: pauseAt,
                reflections: reflections)
        }

        let clock = SystemReplayClock()
        let keys = RawKeys()  // nil without a terminal on stdin
        defer { keys?.restore() }
        // Escape codes only when both ends are terminals, as everywhere in gesprek.
        let style = Style(enabled: Style.standardOutput.enabled && Terminal.isInteractive)
        let screen = ReplayScreen(keys: keys, clock: clock, style: style)
        screen.line(
            style.bold(
                Terminal.printable(
                    ReplayText.header(
                        header, details: index.details(from: header.details),
                        duration: index.duration, language: cli))))
        if let window = ReplayText.window(player.window, language: cli) { screen.line(style.dim(window)) }
        if keys != nil { screen.line(style.dim(ReplayText.keys(step: step, language: cli))) }
        let ending = try readable {
            try player.play(ReplayPlayer.source(contentsOf: url, keyring: TranscriptInput.keyring), on: screen, clock: clock)
        }
        screen.line(style.bold(ReplayText.closing(ending, language: cli)))
    }

    /// Runs `body`; a transcript that cannot be read ends the program with 66, one that is no transcript with 65.
    private func readable<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TranscriptReadError {
            throw TranscriptInput.exit(for: error, path: transcript)
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            throw Exit.noPermission
        }
    }

    /// Runs `body`; a marker or time that does not fit ends the program with 64.
    private func usage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReplayError {
            Terminal.error(error.message(in: cli))
            throw ExitCode.validationFailure
        }
    }
}
