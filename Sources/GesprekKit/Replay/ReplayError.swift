/// Why a replay cannot start as asked: a usage mistake, told in the user's language.
public enum ReplayError: Error, Sendable, Equatable {
    /// `--from`, `--until` or `--pause-at` names a marker the transcript does not have;
    /// `known` are the transcript's markers in order.
    case unknownMarker(String, known: [ReplayMarker])
    /// A time such as `5:75`.
    case invalidTime(String)
    /// `--from` lies after `--until`.
    case emptyWindow(from: Double, until: Double)

    /// The message for people.
    public func message(in l: DisplayLanguage) -> String {
        switch self {
        case let .unknownMarker(label, known):
            let list = known.map { "\($0.label) (\(EventText.clock($0.elapsed)))" }.joined(separator: ", ")
            return l.pick("onbekende markering \"\(label)\"; ", "unknown marker \"\(label)\"; ")
                + (known.isEmpty
                    ? l.pick("dit transcript heeft geen markeringen", "this transcript has no markers")
                    : l.pick("markeringen in dit transcript: ", "markers in this transcript: ") + list)
        case let .invalidTime(text):
            return l.pick(
                "\"\(text)\" is geen geldige tijd; schrijf bijvoorbeeld 5:00, 1:02:03 of 90",
                "\"\(text)\" is not a valid time; write for example 5:00, 1:02:03 or 90")
        case let .emptyWindow(from, until):
            return l.pick(
                "--from (\(EventText.clock(from))) ligt na --until (\(EventText.clock(until)))",
                "--from (\(EventText.clock(from))) lies after --until (\(EventText.clock(until)))")
        }
    }
}
