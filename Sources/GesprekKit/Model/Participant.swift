/// Someone who takes part in the conversation.
public struct Participant: Sendable, Equatable, Hashable {
    public var name: String
    /// `moeder`, `jongere`, `vader`, …; used when a report is pseudonymised.
    public var role: String?

    public init(name: String, role: String? = nil) {
        self.name = name
        self.role = role
    }
}
