/// What happened to one line given to a ``Session``.
public struct LineResult: Sendable, Equatable {
    /// The event recorded, if the line recorded one.
    public var event: Event?
    /// Text to show (for `summary`, `help`, `network`, or a host command), if any.
    public var output: String?
    /// Errors (the line was rejected, nothing recorded) and warnings.
    public var diagnostics: [Diagnostic]

    public init(event: Event? = nil, output: String? = nil, diagnostics: [Diagnostic] = []) {
        self.event = event
        self.output = output
        self.diagnostics = diagnostics
    }

    /// Whether the line was rejected.
    public var isRejected: Bool { diagnostics.contains { $0.severity == .error } }
}

/// What happened to a whole script given to a ``Session``.
public struct ScriptResult: Sendable, Equatable {
    /// Every line's result, blank lines and comments left out, in order.
    public var lines: [LineResult]
    /// Whether the run stopped at the first error.
    public var stoppedEarly: Bool

    /// All diagnostics, in order.
    public var diagnostics: [Diagnostic] { lines.flatMap(\.diagnostics) }
    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The events recorded.
    public var events: [Event] { lines.compactMap(\.event) }
}
