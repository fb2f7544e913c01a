/// The family's network as recorded so far.
public struct Network: Sendable, Equatable {
    /// The people in it, in the order they were added.
    public private(set) var members: [NetworkMember] = []
    /// Lowercased name → position in `members`, so lookups stay fast in long sessions.
    private var positions: [String: Int] = [:]

    public init() {}

    /// The member with this name, ignoring case.
    public func member(named name: String) -> NetworkMember? {
        index(of: name).map { members[$0] }
    }

    func index(of name: String) -> Int? {
        positions[name.lowercased()]
    }

    mutating func insert(_ member: NetworkMember, at index: Int? = nil) {
        // A live session never adds a name twice, but a transcript edited by hand may: the later one wins.
        if let existing = self.index(of: member.name) {
            members[existing] = member
            return
        }
        let index = index ?? members.count
        members.insert(member, at: index)
        if index == members.count - 1 {
            positions[member.name.lowercased()] = index
        } else {
            reindex()
        }
    }

    mutating func replace(_ member: NetworkMember) {
        guard let i = index(of: member.name) else { return }
        members[i] = member
    }

    mutating func change(_ name: String, _ changes: NetworkAttributes, tags: TagSet) {
        guard let i = index(of: name) else { return }
        members[i].attributes = members[i].attributes.applying(changes)
        for tag in tags.tags { members[i].tags.add(tag) }
    }

    mutating func remove(_ name: String) {
        guard let i = index(of: name) else { return }
        members.remove(at: i)
        reindex()
    }

    private mutating func reindex() {
        positions = Dictionary(members.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (a: Network, b: Network) -> Bool { a.members == b.members }
}
