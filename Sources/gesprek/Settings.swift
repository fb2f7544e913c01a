import Foundation

/// The user's settings: `$XDG_CONFIG_HOME/gesprek/config` (or
/// `~/.config/gesprek/config`), lines of `key = value`, `#` for comments.
/// Known keys: `encrypt = yes|no` (encrypt new transcripts).
struct Settings {
    var encrypt = false

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
        var settings = Settings()
        guard let text = try? String(contentsOf: url(environment: environment), encoding: .utf8) else { return settings }
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            switch (parts.first, parts.count == 2 ? parts[1] : nil) {
            case ("encrypt", "yes"?), ("encrypt", "ja"?), ("encrypt", "true"?): settings.encrypt = true
            case ("encrypt", "no"?), ("encrypt", "nee"?), ("encrypt", "false"?): settings.encrypt = false
            default:
                Terminal.error(
                    say(
                        "instellingen, regel \(number + 1): onbekend; bedoeld is bijvoorbeeld encrypt = yes",
                        "settings, line \(number + 1): not understood; for example encrypt = yes"))
            }
        }
        return settings
    }

    static func url(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("gesprek/config")
        }
        return URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config/gesprek/config")
    }
}
