/// A person in the family's network.
public struct NetworkMember: Sendable, Equatable, Hashable {
    /// The name as first typed; looked up without regard to case.
    public var name: String
    public var attributes: NetworkAttributes
    /// Tags given when the person was added or changed.
    public var tags: TagSet

    public init(name: String, attributes: NetworkAttributes = NetworkAttributes(), tags: TagSet = TagSet()) {
        self.name = name
        self.attributes = attributes
        self.tags = tags
    }
}
