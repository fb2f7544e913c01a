/// The language of what gesprek says to people: messages, hints, help.
/// Dutch first; English on request.
public enum DisplayLanguage: String, Sendable, CaseIterable, Codable {
    case nl
    case en

    /// Picks the language from an explicit choice (`--lang`), else from the
    /// locale variables in POSIX order (`LC_ALL`, `LC_MESSAGES`, `LANG`):
    /// English when the first one set starts with `en`, Dutch otherwise.
    public static func detect(explicit: String? = nil, environment: EnvironmentVariables = .process) -> DisplayLanguage {
        if let explicit, let chosen = DisplayLanguage(rawValue: explicit.lowercased()) { return chosen }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .en : .nl
            }
        }
        return .nl
    }

    /// Chooses between a Dutch and an English text.
    @inlinable
    public func pick(_ dutch: String, _ english: String) -> String {
        self == .nl ? dutch : english
    }
}
