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

/// `gesprek annotate TRANSCRIPT`: the team's reflections on a conversation,
/// added to a moment (a seq or a marker) and kept in the reflections file
/// beside the transcript (``ReflectionLog``); the transcript is never touched.
/// On a terminal it walks through the conversation line by line, as
/// `replay --step`; without one it reads reflection lines from stdin.
struct AnnotateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "annotate",
            abstract: say(
                "Leg de reflecties van het team vast bij momenten van een gesprek.",
                "Add the team's reflections to moments of a conversation."),
            discussion: say(
                """
                Op een terminal loop je regel voor regel door het gesprek: Enter toont de volgende regel, een \
                reflectie zonder @moment hoort bij de regel die je ziet, q of Ctrl-D stopt. Zonder terminal leest \
                annotate één reflectie per regel van stdin:

                  @12 observatie #c #kracht Moeder noemt zelf de buurvrouw als steun
                  @"rond afspraken" afspraak #s Netwerkberaad plannen

                Eerst het moment: @seq of @markering (met spaties tussen aanhalingstekens), dan de soort: \
                observatie, hypothese, afspraak of vraag (of observation, hypothesis, agreement, question), dan \
                tags zoals in het gesprek (#c #s #m #v #kracht #kwetsbaarheid), dan de tekst. Lege regels en \
                regels die met '# ' beginnen worden overgeslagen. De reflecties komen in TRANSCRIPT.reflecties, \
                ondertekend en in een hashketen gebonden aan het transcript; elke reflectie staat op schijf \
                voordat ze bevestigd wordt. Een transcript dat niet intact en afgesloten is, wordt geweigerd \
                (afsluitcode 65); een onjuiste regel wordt gemeld en overgeslagen, en annotate eindigt dan met 65. \
                Afsluitcode 75 als een andere sessie tegelijk in hetzelfde reflectiebestand schrijft, 74 als een \
                reflectie niet op schijf kwam.
                """,
                """
                On a terminal you walk through the conversation line by line: Enter shows the next line, a \
                reflection without @moment belongs to the line shown, q or Ctrl-D ends. Without a terminal annotate \
                reads one reflection a line from stdin:

                  @12 observation #c #kracht Mother names the neighbour as support herself
                  @"rond afspraken" agreement #s Plan a network meeting

                First the moment: @seq or @marker (in quotes when it has spaces), then the kind: observation, \
                hypothesis, agreement or question (or observatie, hypothese, afspraak, vraag), then tags as in the \
                conversation (#c #s #m #v #kracht #kwetsbaarheid), then the text. Empty lines and lines starting \
                with '# ' are skipped. The reflections go to TRANSCRIPT.reflecties, signed and bound to the \
                transcript by a hash chain; each reflection is on disk before it is confirmed. A transcript that is \
                not intact and closed is refused (exit code 65); a wrong line is reported and skipped, and annotate \
                then ends with 65. Exit code 75 when another session is writing to the same reflections file, 74 \
                when a reflection could not be written to disk.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het transcript (.jsonl).", "The transcript (.jsonl)."), valueName: "transcript"))
    var transcript: String

    @OptionGroup var integrity: IntegrityOption
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        // Without libedit there is no screen to annotate on: said before a key is made or a reflections file opened.
        if Terminal.isInteractive { try LineEditorLoading.require() }
        let url = URL(fileURLWithPath: transcript)
        let read = try TranscriptInput.read(transcript)
        // A key made now is sealed with the passphrase when the settings say to encrypt, as for repair.
        let signer = try SigningKeys.signer(encrypt: Settings.load().encrypt)
        let writer = try opening {
            try ReflectionLog.Writer(
                forTranscript: url, signer: signer, keyring: TranscriptInput.keyring, tool: "gesprek \(GesprekKit.version)")
        }
        // Intact and closed it is (the writer checked); a key that is not trusted is warned of, or refused with --strict.
        try integrity.check(transcript, trusted: integrity.trusted())
        let session = AnnotateSession(
            writer: writer, events: read.events, moments: ReflectionMoments(events: read.events),
            errors: inputDisplay.errorOutput)
        let code: Int32
        if Terminal.isInteractive {
            code = try AnnotateScreen(session: session, header: read.header).run()
        } else {
            code = session.readStandardInput()
        }
        try? writer.close()
        if code != 0 { throw ExitCode(code) }
    }

    /// Runs `body`; says why reflections cannot be added, with the exit code for it.
    private func opening<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReflectionLogError {
            let place = shown(transcript)
            switch error {
            case .inUse:
                Terminal.error(
                    "\(shown(ReflectionLog.location(forTranscript: URL(fileURLWithPath: transcript)).path)): " + error.message(in: cli))
                throw Exit.tryLater
            case .reflectionsNotIntact, .boundElsewhere, .encryptionMismatch, .notAReflectionsFile, .unsupportedVersion, .lineTooLong:
                Terminal.error(
                    "\(shown(ReflectionLog.location(forTranscript: URL(fileURLWithPath: transcript)).path)): " + error.message(in: cli))
            case .transcriptNotClosed:
                Terminal.error(
                    "\(place): " + error.message(in: cli),
                    hint: say("gesprek repair \(place)", "gesprek repair \(place)"))
            case .transcriptNotIntact:
                Terminal.error(
                    "\(place): " + error.message(in: cli),
                    hint: say(
                        "gesprek verify \(place) zegt wat er mis is; aan een gewijzigd transcript worden geen reflecties gebonden",
                        "gesprek verify \(place) says what is wrong; no reflections are bound to a changed transcript"))
            }
            throw Exit.dataError
        } catch let error as TranscriptReadError {
            throw TranscriptInput.exit(for: error, path: transcript)
        } catch let error as TranscriptFileError {
            Terminal.error("\(shown(transcript)): " + error.explanation(in: cli))
            throw Exit.cannotCreate
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            throw Exit.noPermission
        }
    }
}

/// What annotate does with a line, on a terminal or from stdin: parse it,
/// write the reflection (on disk before it is confirmed), say so.
final class AnnotateSession {
    let writer: ReflectionLog.Writer
    let events: [Event]
    let moments: ReflectionMoments
    let errors: ErrorOutput
    /// A line was refused or a reflection could not be written.
    private(set) var failed = false
    /// Writing failed: nothing more can be added.
    private(set) var writeFailure: Int32?
    /// How many reflections this run added.
    private(set) var added = 0

    init(writer: ReflectionLog.Writer, events: [Event], moments: ReflectionMoments, errors: ErrorOutput) {
        self.writer = writer
        self.events = events
        self.moments = moments
        self.errors = errors
    }

    /// Takes a reflection line; `shown` is the seq of the line on screen. Returns the reflection written, or nil.
    @discardableResult
    func take(_ line: String, lineNumber: Int, shown: Int?, file: String?) -> Reflection? {
        let draft: ReflectionDraft
        do {
            let parsed = try ReflectionLine.parse(line, lineNumber: lineNumber, moments: moments, shown: shown)
            for warning in parsed.warnings { Terminal.info(errors.diagnostic(warning, file: file)) }
            draft = parsed.draft
        } catch {
            failed = true
            Terminal.info(errors.diagnostic(error, file: file))
            return nil
        }
        return write(draft)
    }

    /// Writes the draft; a failure is said on stderr and makes the exit code 74.
    func write(_ draft: ReflectionDraft) -> Reflection? {
        do {
            let reflection = try writer.append(
                moment: draft.moment, marker: draft.marker, kind: draft.kind, dimensions: draft.dimensions, tags: draft.tags,
                text: draft.text)
            added += 1
            Terminal.output(confirmation(reflection))
            return reflection
        } catch {
            failed = true
            writeFailure = 74
            let reason = (error as? TranscriptFileError)?.explanation(in: cli) ?? "\(type(of: error))"
            Terminal.error(
                say("niet opgeslagen: ", "not saved: ") + reason,
                hint: say(
                    "de reflectie staat niet in \(shown(writer.url.path)); typ hem opnieuw als er weer ruimte is",
                    "the reflection is not in \(shown(writer.url.path)); type it again once there is room"))
            return nil
        }
    }

    /// `reflectie 3 (observatie) vastgelegd bij seq 12`: no content, so it may go to a log.
    func confirmation(_ reflection: Reflection) -> String {
        let kind = cli == .en ? reflection.kind.englishWord : reflection.kind.dutchWord
        let marker = reflection.marker.map { " (\($0))" } ?? ""
        return say(
            "reflectie \(reflection.sequence) (\(kind)) vastgelegd bij seq \(reflection.moment)\(marker)",
            "reflection \(reflection.sequence) (\(kind)) recorded at seq \(reflection.moment)\(marker)")
    }

    /// Reads reflection lines from stdin until its end; returns the exit code: 0, 65 for a refused line, 74 when writing failed.
    func readStandardInput() -> Int32 {
        var reader = ByteLineReader(descriptor: STDIN_FILENO)
        var number = 0
        while let bytes = reader.nextLine() {
            number += 1
            switch SourceLine(bytes, lineNumber: number) {
            case let .invalid(diagnostic):
                failed = true
                Terminal.info(errors.diagnostic(diagnostic, file: "stdin"))
            case let .text(line):
                if ReflectionLine.isBlankOrComment(line) { continue }
                take(line, lineNumber: number, shown: nil, file: "stdin")
            }
            if writeFailure != nil { break }
        }
        return exitCode
    }

    var exitCode: Int32 { writeFailure ?? (failed ? 65 : 0) }
}
