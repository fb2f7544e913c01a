import Foundation

/// Where the passphrase of encrypted transcripts comes from: `GESPREK_PASSPHRASE`
/// for scripts, else asked on the terminal without echo.
enum Passphrase {
    /// No passphrase can be had: no variable and no terminal to ask on.
    struct Missing: Error {
        var message: String {
            say(
                "dit transcript is versleuteld of moet versleuteld worden, maar er is geen wachtwoord: zet GESPREK_PASSPHRASE of gebruik een terminal",
                "this transcript is or must be encrypted, but there is no passphrase: set GESPREK_PASSPHRASE or use a terminal")
        }
    }

    /// A passphrase from `GESPREK_PASSPHRASE` for a new transcript that is
    /// shorter than ``minimumLength``: the same rule as on the terminal.
    struct TooShort: Error {
        var message: String {
            say(
                "het wachtwoord in GESPREK_PASSPHRASE is te kort: een nieuw transcript vraagt minstens \(minimumLength) tekens",
                "the passphrase in GESPREK_PASSPHRASE is too short: a new transcript needs at least \(minimumLength) characters")
        }
        var hint: String {
            say("kies een langer wachtwoord; er is niets geschreven", "choose a longer passphrase; nothing was written")
        }
    }

    /// The shortest passphrase accepted for a new transcript, typed or from
    /// `GESPREK_PASSPHRASE`, in characters.
    static let minimumLength = 8

    /// Whether a passphrase is long enough for a new transcript: one rule for the prompt and the environment.
    static func isLongEnough(_ passphrase: String) -> Bool {
        passphrase.count >= minimumLength
    }

    /// - Parameter confirm: for a new transcript: ask twice, and insist on a minimum length
    ///   (``TooShort`` for a shorter one from the environment).
    static func obtain(confirm: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let given = environment["GESPREK_PASSPHRASE"], !given.isEmpty {
            if confirm, !isLongEnough(given) { throw TooShort() }
            return given
        }
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw Missing() }
        close(tty)
        while true {
            let first = ask(say("Wachtwoord voor het transcript: ", "Passphrase for the transcript: "))
            guard confirm else { return first }
            guard isLongEnough(first) else {
                Terminal.info(say("Kies minstens \(minimumLength) tekens.", "Choose at least \(minimumLength) characters."))
                continue
            }
            if ask(say("Nogmaals: ", "Once more: ")) == first { return first }
            Terminal.info(say("De twee wachtwoorden verschillen; probeer opnieuw.", "The two passphrases differ; try again."))
        }
    }

    /// One line from the terminal, not shown while typed.
    private static func ask(_ prompt: String) -> String {
        guard let raw = getpass(prompt) else { return "" }
        return String(cString: raw)
    }
}
