/// Something worth knowing about a transcript that could still be read.
public enum TranscriptWarning: Sendable, Equatable {
    /// The last line was cut off (a crash while writing); it was left out.
    case truncatedLastLine(line: Int)

    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case let .truncatedLastLine(line):
            language.pick(
                "laatste regel (\(line)) is afgebroken, waarschijnlijk door een crash; gelezen tot en met regel \(line - 1)",
                "the last line (\(line)) was cut off, probably by a crash; read up to line \(line - 1)")
        }
    }
}
