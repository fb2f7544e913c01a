/// A place in a script or a session: 1-based line and column, the column
/// counted in characters as a person sees them (ë is one).
public struct SourceLocation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `3:7`
    public var description: String { "\(line):\(column)" }
}
