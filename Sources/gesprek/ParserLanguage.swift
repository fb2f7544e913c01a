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

/// swift-argument-parser speaks English only: its help headings (USAGE,
/// OPTIONS), its own options' help ("Show help information.") and its
/// errors ("The value 'pdf' is invalid for '--format <format>'"). gesprek's
/// own help strings are Dutch or English already (``say(_:_:)``); this puts
/// the parser's part into Dutch too when the run is Dutch (``cli``), and
/// leaves English runs exactly as the parser writes them.
enum ParserLanguage {
    /// Prints what the parser has to say about `error` (help, version, a
    /// usage error) in the run's language and exits with its code: 0 for
    /// help and the version, 64 for a usage error.
    static func exit(withError error: Error) -> Never {
        let code = Gesprek.exitCode(for: error)
        var text = Gesprek.fullMessage(for: error)
        if cli == .nl { text = dutch(text) }
        if code == .success {
            if !text.isEmpty { Terminal.output(text) }
        } else if !text.isEmpty {
            Terminal.writeError(text.hasSuffix("\n") ? text : text + "\n")
        }
        Gesprek.end(with: code.rawValue)
    }

    /// The parser's English in Dutch: headings, its own options' help, and its error messages.
    static func dutch(_ text: String) -> String {
        var out = text
        for (english, dutch) in phrases { out = out.replacingEvery(english, with: dutch) }
        for (pattern, template) in errors {
            out = replace(pattern, with: template, in: out)
        }
        return out
    }

    /// Every match of the regular expression `pattern` replaced by `template`, whose `$1`…`$9`
    /// stand for the match's groups (Swift's `Regex`: Foundation's would link ICU into gesprek).
    static func replace(_ pattern: String, with template: String, in text: String) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        return text.replacing(regex) { match in
            var out = ""
            var rest = template[...]
            while let c = rest.popFirst() {
                if c == "$", let digit = rest.first?.wholeNumberValue, digit < match.output.count {
                    rest.removeFirst()
                    out += match.output[digit].substring.map(String.init) ?? ""
                } else {
                    out.append(c)
                }
            }
            return out
        }
    }

    /// Fixed phrases, in the order they are replaced.
    private static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "OVERZICHT: "),
        ("USAGE: ", "GEBRUIK: "),
        ("ARGUMENTS:\n", "ARGUMENTEN:\n"),
        ("OPTIONS:\n", "OPTIES:\n"),
        ("SUBCOMMANDS:\n", "SUBCOMMANDO'S:\n"),
        ("Show help information.", "Toon deze hulp."),
        ("Show the version.", "Toon de versie."),
        ("<subcommand>' for detailed help.", "<subcommando>' voor de hulp bij één commando."),
        ("' for more information.", "' voor de opties."),
        ("(default as flag: ", "(standaard als vlag: "),
        ("; default: ", "; standaard: "),
        ("(default:", "(standaard:"),  // also where the help wraps right after it
        ("(values: ", "(waarden: "),
        // Two letters longer: taken from the spaces after it, so the column stays where it was.
        (" (default)  ", " (standaard)"),
        (" (default)", " (standaard)"),
        ("Please provide one of the following:", "Kies uit:"),
    ]

    /// The parser's error messages, as regular expressions with their Dutch.
    private static let errors: [(String, String)] = [
        ("(?m)^Error: ", "Fout: "),
        ("(?m)^Usage: ", "Gebruik: "),
        ("(?m)^Help:  ", "Hulp:  "),
        ("(?m)^  See '", "  Zie '"),
        // "(values: …; default: …)" wrapped right after the semicolon.
        (";(\\s+)default: ", ";$1standaard: "),
        ("The value '(.*)' is invalid for '(.*?)'\\. Please provide one of (.*)\\.", "de waarde '$1' kan niet bij '$2'; kies uit $3"),
        ("The value '(.*)' is invalid for '(.*?)'", "de waarde '$1' kan niet bij '$2'"),
        ("Unknown option '(.*?)'\\. Did you mean '(.*?)'\\?", "onbekende optie '$1'; bedoel je '$2'?"),
        ("Unknown option '(.*?)'", "onbekende optie '$1'"),
        ("Missing value for '(.*?)'", "'$1' heeft een waarde nodig"),
        ("Missing expected argument '(.*?)'", "het argument '$1' ontbreekt"),
        ("Unexpected argument '(.*?)'", "onverwacht argument '$1'"),
        ("([0-9]+) unexpected arguments: ", "$1 onverwachte argumenten: "),
        ("' and '", "' en '"),
        ("' or '", "' of '"),
    ]
}
