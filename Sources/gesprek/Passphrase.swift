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

    /// The shortest passphrase accepted for a new transcript.
    static let minimumLength = 8

    /// - Parameter confirm: for a new transcript: ask twice, and insist on a minimum length.
    /// The passphrase given on the terminal earlier in this run, so that the signing key does not ask again.
    nonisolated(unsafe) private static var given: String?

    static func obtain(confirm: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let given = environment["GESPREK_PASSPHRASE"], !given.isEmpty { return given }
        if let given { return given }
        let answer = try ask(confirm: confirm)
        given = answer
        return answer
    }

    private static func ask(confirm: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw Missing() }
        close(tty)
        while true {
            let first = ask(say("Wachtwoord voor het transcript: ", "Passphrase for the transcript: "))
            guard confirm else { return first }
            guard first.count >= minimumLength else {
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
