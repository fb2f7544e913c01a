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
            network.insert(NetworkMember(name: name, attributes: attributes, tags: TagSet(tags: event.tags)))
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

    /// What it takes to take `event` back once applied; computed before applying it.
    func inverse(of event: Event) -> Inverse {
        switch event.body {
        case let .networkAdd(name, _):
            return .removeMember(name)
        case let .networkSet(name, _):
            return network.member(named: name).map(Inverse.restoreMember) ?? .nothing
        case let .networkRemove(name):
            guard let i = network.index(of: name) else { return .nothing }
            return .reinsertMember(network.members[i], at: i)
        case .session, .participant:
            return .restoreDetails(details)
        case .ask, .note, .say, .score, .mark, .undo, .host:
            return .nothing
        }
    }

    /// Takes an event back (for `undo`).
    mutating func revert(_ inverse: Inverse) {
        switch inverse {
        case .nothing: break
        case let .removeMember(name): network.remove(name)
        case let .restoreMember(member): network.replace(member)
        case let .reinsertMember(member, index): network.insert(member, at: index)
        case let .restoreDetails(previous): details = previous
        }
    }

    /// The undoing of one event: small, so that a long session keeps no copies of its state.
    enum Inverse {
        case nothing
        case removeMember(String)
        case restoreMember(NetworkMember)
        case reinsertMember(NetworkMember, at: Int)
        case restoreDetails(SessionDetails)
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
