/// A command that a host application adds to the language, with its help and
/// its handler. Register it with ``Session/register(_:)``.
///
/// ```swift
/// try session.register(HostCommand(
///     name: "afspraak", usage: "afspraak DATUM [TEKST]",
///     help: "Legt een vervolgafspraak vast."
/// ) { invocation in
///     guard let date = invocation.words.first else {
///         throw HostCommand.Failure("afspraak heeft een datum nodig", hint: "afspraak 2026-12-01")
///     }
///     return .record(text: invocation.text, fields: ["datum": date])
/// })
/// ```
public struct HostCommand {
    /// What the handler gets: the line after the command word.
    public struct Invocation: Sendable, Equatable {
        /// The rest of the line as typed, without leading and trailing `#tags`.
        public let text: String
        /// That text in words; quoted words with spaces stay together.
        public let words: [String]
        /// The tags of the line.
        public let tags: TagSet
        /// Where the command word stands.
        public let location: SourceLocation
    }

    /// What the handler decides.
    public enum Result: Sendable, Equatable {
        /// Record an event of kind `host` with this text and these fields.
        case record(text: String, fields: [String: String] = [:])
        /// Show this text and record nothing.
        case show(String)
    }

    /// Thrown by a handler to reject the line; it becomes a ``Diagnostic``.
    public struct Failure: Error, Sendable, Equatable {
        public let message: String
        public let hint: String?
        public init(_ message: String, hint: String? = nil) {
            self.message = message
            self.hint = hint
        }
    }

    /// The command word, lowercase.
    public let name: String
    /// How to call it, for `help`: `afspraak DATUM [TEKST]`.
    public let usage: String
    /// One or two sentences for `help`.
    public let help: String
    public let handler: (Invocation) throws -> Result

    public init(name: String, usage: String, help: String, handler: @escaping (Invocation) throws -> Result) {
        self.name = name.lowercased()
        self.usage = usage
        self.help = help
        self.handler = handler
    }

    /// Why a command cannot be registered.
    public enum RegistrationError: Error, Equatable {
        /// The name is a built-in command or already registered.
        case nameTaken(String)
        /// The name is not a single word of letters, digits, `-` or `_`.
        case invalidName(String)
    }
}
