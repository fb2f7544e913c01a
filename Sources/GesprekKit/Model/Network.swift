/// The family's network as recorded so far.
public struct Network: Sendable, Equatable {
    /// The people in it, in the order they were added.
    public private(set) var members: [NetworkMember] = []
    /// Lowercased name → position in `members`, so lookups stay fast in long sessions.
    private var positions: [String: Int] = [:]
    /// Lowercased role → how many members have it: `say buurvrouw …` is checked without a pass over the network.
    private var roleCounts: [String: Int] = [:]
    /// Length of the lowercased name (in characters) → positions, in order: a name a few typos away
    /// from a word has about its length, so a suggestion looks at those only.
    private var positionsByLength: [Int: [Int]] = [:]
    /// Lowercased first word of a name of more words → the position of the first such member ("oma" → "Oma Ria").
    private var firstWordPositions: [String: Int] = [:]

    public init() {}

    /// The member with this name, ignoring case.
    public func member(named name: String) -> NetworkMember? {
        index(of: name).map { members[$0] }
    }

    func index(of name: String) -> Int? {
        positions[name.lowercased()]
    }

    /// Whether a member has this role, ignoring case.
    func hasMember(withRole role: String) -> Bool {
        roleCounts[role.lowercased(), default: 0] > 0
    }

    /// The first member whose name is `word` followed by more words, ignoring case: "Oma Ria" for "oma".
    func firstMember(namedAfterWord word: String) -> NetworkMember? {
        let lower = word.lowercased()
        guard !lower.contains(" ") else {
            return members.first { $0.name.lowercased().hasPrefix(lower + " ") }
        }
        return firstWordPositions[lower].map { members[$0] }
    }

    /// The names, in order, whose length is within `distance` characters of `word`'s (ignoring case):
    /// every name that can be `distance` edits away from it.
    func names(nearInLength word: String, within distance: Int) -> [String] {
        let length = word.lowercased().count
        let near = (max(0, length - distance)...(length + distance)).flatMap { positionsByLength[$0] ?? [] }
        return near.sorted().map { members[$0].name }
    }

    mutating func insert(_ member: NetworkMember, at index: Int? = nil) {
        // A live session never adds a name twice, but a transcript edited by hand may: the later one wins.
        if let existing = self.index(of: member.name) {
            count(role: members[existing].attributes.role, by: -1)
            members[existing] = member
            count(role: member.attributes.role, by: 1)
            return
        }
        let index = index ?? members.count
        members.insert(member, at: index)
        if index == members.count - 1 {
            add(member, at: index)
        } else {
            reindex()
        }
    }

    mutating func replace(_ member: NetworkMember) {
        guard let i = index(of: member.name) else { return }
        count(role: members[i].attributes.role, by: -1)
        members[i] = member
        count(role: member.attributes.role, by: 1)
    }

    mutating func change(_ name: String, _ changes: NetworkAttributes, tags: TagSet) {
        guard let i = index(of: name) else { return }
        count(role: members[i].attributes.role, by: -1)
        members[i].attributes = members[i].attributes.applying(changes)
        count(role: members[i].attributes.role, by: 1)
        for tag in tags.tags { members[i].tags.add(tag) }
    }

    mutating func remove(_ name: String) {
        guard let i = index(of: name) else { return }
        members.remove(at: i)
        reindex()
    }

    /// The indexes for a member just added at the end.
    private mutating func add(_ member: NetworkMember, at index: Int) {
        let lower = member.name.lowercased()
        positions[lower] = index
        count(role: member.attributes.role, by: 1)
        positionsByLength[lower.count, default: []].append(index)
        if let space = lower.firstIndex(of: " ") {
            let firstWord = String(lower[..<space])
            if firstWordPositions[firstWord] == nil { firstWordPositions[firstWord] = index }
        }
    }

    private mutating func count(role: String?, by step: Int) {
        guard let role else { return }
        let lower = role.lowercased()
        let count = roleCounts[lower, default: 0] + step
        roleCounts[lower] = count > 0 ? count : nil
    }

    private mutating func reindex() {
        positions = [:]
        roleCounts = [:]
        positionsByLength = [:]
        firstWordPositions = [:]
        for (index, member) in members.enumerated() where positions[member.name.lowercased()] == nil {
            add(member, at: index)
        }
    }

    public static func == (a: Network, b: Network) -> Bool { a.members == b.members }
}
