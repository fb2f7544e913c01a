/// How a person in the network affects the client's strength.
public enum Influence: String, Sendable, Codable, CaseIterable {
    /// Supports (`+`).
    case positive = "+"
    /// Drags down (`-`).
    case negative = "-"
    /// Neither (`=`).
    case neutral = "="
}

/// The kinds of informal support the handreiking names.
public enum SupportKind: String, Sendable, Codable, CaseIterable {
    case emotioneel, praktisch, informatie, gezelschap
}

/// How often there is contact.
public enum ContactFrequency: String, Sendable, Codable, CaseIterable {
    case dagelijks, wekelijks, maandelijks, zelden
}

/// What is known of a person in the network. Every field is optional: a
/// `network set` carries only what it changes.
public struct NetworkAttributes: Sendable, Equatable, Hashable {
    /// Their role for the client: `grootmoeder`, `buurvrouw`, `vader`.
    public var role: String?
    public var influence: Influence?
    public var support: [SupportKind]?
    /// Still there after the professional help ends.
    public var stays: Bool?
    /// To be kept at a distance.
    public var distance: Bool?
    public var contact: ContactFrequency?

    public init(
        role: String? = nil, influence: Influence? = nil, support: [SupportKind]? = nil,
        stays: Bool? = nil, distance: Bool? = nil, contact: ContactFrequency? = nil
    ) {
        self.role = role
        self.influence = influence
        self.support = support
        self.stays = stays
        self.distance = distance
        self.contact = contact
    }

    /// The keys as typed in `network add` and `network set`, in this order.
    public static let keys = ["role", "influence", "support", "stays", "distance", "contact"]

    /// Whether nothing is set.
    public var isEmpty: Bool { self == NetworkAttributes() }

    /// These attributes with every field that `changes` sets taken from it.
    public func applying(_ changes: NetworkAttributes) -> NetworkAttributes {
        NetworkAttributes(
            role: changes.role ?? role, influence: changes.influence ?? influence,
            support: changes.support ?? support, stays: changes.stays ?? stays,
            distance: changes.distance ?? distance, contact: changes.contact ?? contact)
    }
}
