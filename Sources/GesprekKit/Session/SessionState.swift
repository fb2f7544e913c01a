/// The family's network as recorded so far.
public struct Network: Sendable, Equatable {
    /// The people in it, in the order they were added.
    public private(set) var members: [NetworkMember] = []

    public init() {}

    /// The member with this name, ignoring case.
    public func member(named name: String) -> NetworkMember? {
        index(of: name).map { members[$0] }
    }

    func index(of name: String) -> Int? {
        let key = name.lowercased()
        return members.firstIndex { $0.name.lowercased() == key }
    }

    mutating func add(_ member: NetworkMember) { members.append(member) }

    mutating func change(_ name: String, _ changes: NetworkAttributes, tags: TagSet) {
        guard let i = index(of: name) else { return }
        members[i].attributes = members[i].attributes.applying(changes)
        for tag in tags.tags { members[i].tags.add(tag) }
    }

    mutating func remove(_ name: String) {
        if let i = index(of: name) { members.remove(at: i) }
    }
}

/// What a sequence of events adds up to: the session details and the network.
/// The live session and every reader of a transcript fold events through the
/// same ``apply(_:)``, so they always agree.
public struct SessionState: Sendable, Equatable {
    public var details: SessionDetails
    public var network = Network()

    public init(details: SessionDetails) {
        self.details = details
    }

    /// Applies one event that has not been retracted.
    public mutating func apply(_ event: Event) {
        switch event.body {
        case let .networkAdd(name, attributes):
            network.add(NetworkMember(name: name, attributes: attributes,
                                      tags: TagSet(tags: event.tags)))
        case let .networkSet(name, changes):
            network.change(name, changes, tags: TagSet(tags: event.tags))
        case let .networkRemove(name):
            network.remove(name)
        case let .session(caseReference, advisor):
            details = details.applying(caseReference: caseReference, advisor: advisor)
        case let .participant(participant):
            details = details.adding(participant)
        case .ask, .note, .say, .score, .mark, .undo, .host:
            break
        }
    }

    /// The state after `events`, skipping the ones retracted by `undo`.
    public static func replaying(_ events: some Sequence<Event>, from details: SessionDetails) -> SessionState {
        let events = Array(events)
        let retracted = Retractions.sequences(in: events)
        var state = SessionState(details: details)
        for event in events where !retracted.contains(event.sequence) {
            state.apply(event)
        }
        return state
    }
}

/// Which events an `undo` took back.
public enum Retractions {
    /// The sequence numbers retracted by the `undo` events among `events`.
    public static func sequences(in events: some Sequence<Event>) -> Set<Int> {
        var retracted: Set<Int> = []
        for event in events {
            if case let .undo(sequence) = event.body { retracted.insert(sequence) }
        }
        return retracted
    }
}
