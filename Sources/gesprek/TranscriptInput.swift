import ArgumentParser
import Foundation
import GesprekKit

/// Opens a transcript named on the command line, with the messages and exit
/// codes every reading command shares.
enum TranscriptInput {
    /// Reads it whole; a cut-off last line is reported as a warning.
    static func read(_ path: String) throws -> Transcript {
        guard FileManager.default.isReadableFile(atPath: path) else {
            Terminal.error(say("kan \(path) niet lezen", "cannot read \(path)"))
            throw Exit.noInput
        }
        do {
            let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path))
            for warning in transcript.warnings {
                Terminal.info("\(path): " + say("waarschuwing: ", "warning: ") + warning.message(in: cli))
            }
            return transcript
        } catch let error as TranscriptReadError {
            Terminal.error("\(path): " + error.message(in: cli))
            throw Exit.dataError
        }
    }
}
