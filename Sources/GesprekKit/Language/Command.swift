/// What a score is about: one questionnaire item, or a dimension as a whole.
public enum ScoreTarget: Sendable, Equatable, Hashable {
    case item(Questionnaire.Item)
    case dimension(Dimension)

    /// The id as written in scripts and transcripts: `gezin.s1` or `motivationeel`.
    public var id: String {
        switch self {
        case let .item(item): item.id
        case let .dimension(dimension): dimension.rawValue
        }
    }

    /// The dimension the score counts towards.
    public var dimension: Dimension {
        switch self {
        case let .item(item): item.dimension
        case let .dimension(dimension): dimension
        }
    }
}

/// A person's name as typed, with where it stands for messages.
struct Name: Equatable {
    var text: String
    var span: SourceSpan
}

/// One parsed line of the conversation language: the syntax tree of a line.
enum Command: Equatable {
    case ask(text: String, tags: TagSet)
    case note(text: String, tags: TagSet)
    case say(speaker: String, text: String, tags: TagSet)
    case score(target: ScoreTarget, value: Int, text: String?, tags: TagSet)
    case networkAdd(name: Name, attributes: NetworkAttributes, tags: TagSet)
    case networkSet(name: Name, changes: NetworkAttributes, tags: TagSet)
    case networkRemove(name: Name, tags: TagSet)
    case networkShow
    case mark(label: String)
    case undo
    /// `summary`, or `summary volledig` (`summary full`) for the whole one.
    case summary(full: Bool)
    case help(topic: String?)
    case session(caseReference: String?, advisor: String?)
    case participant(Participant)
    case host(name: String, invocation: HostCommand.Invocation)
}
