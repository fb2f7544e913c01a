import Foundation
import GesprekKit

/// A live session on a terminal. Plain line reading for now; line editing
/// with libedit replaces the reading step (issue 3).
enum InteractiveSession {
    static func run(options: SessionOptions) throws {
        let configuration = SessionConfiguration(details: options.details, language: cli)
        let file = try options.openTranscript(sessionID: configuration.sessionID, started: configuration.clock())
        Terminal.info(say("Transcript: \(file.url.path)", "Transcript: \(file.url.path)"))
        Terminal.info(say("Typ help voor de commando's; Ctrl-D sluit af.", "Type help for the commands; Ctrl-D ends the session."))
        let session = try Session(configuration: configuration, transcript: file)
        var runner = LineRunner(session: session, sourceName: "")
        var number = 0
        while true {
            FileHandle.standardOutput.write(Data("gesprek> ".utf8))
            guard let line = readLine(strippingNewline: true) else { break }
            number += 1
            if runner.run(line, number: number), let event = session.events.last, event.lineNumber == number {
                let dims = event.dimensions.map(\.rawValue).joined(separator: ", ")
                Terminal.info("  ✓ \(event.kind.rawValue)" + (dims.isEmpty ? "" : " [\(dims)]"))
            }
        }
        Terminal.output("")
        Terminal.output(SummaryText.render(session.summary(), language: cli))
        try session.close()
        Terminal.info(say("Transcript gesloten: \(file.url.path)", "Transcript closed: \(file.url.path)"))
    }
}
