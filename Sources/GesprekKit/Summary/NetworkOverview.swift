/// The network grouped as a case discussion asks about it: who supports,
/// who drags down, what kind of support, who stays after the help ends,
/// and who is to be kept at a distance.
public struct NetworkOverview: Sendable, Equatable {
    public var supporting: [NetworkMember]
    public var draggingDown: [NetworkMember]
    public var neutral: [NetworkMember]
    /// Per kind of support, who gives it.
    public var support: [(kind: SupportKind, members: [NetworkMember])]
    public var staying: [NetworkMember]
    public var atDistance: [NetworkMember]

    public init(_ network: Network) {
        let members = network.members
        supporting = members.filter { $0.attributes.influence == .positive }
        draggingDown = members.filter { $0.attributes.influence == .negative }
        neutral = members.filter { $0.attributes.influence == .neutral }
        support = SupportKind.allCases.compactMap { kind in
            let givers = members.filter { $0.attributes.support?.contains(kind) == true }
            return givers.isEmpty ? nil : (kind, givers)
        }
        staying = members.filter { $0.attributes.stays == true }
        atDistance = members.filter { $0.attributes.distance == true }
    }

    public static func == (a: NetworkOverview, b: NetworkOverview) -> Bool {
        a.supporting == b.supporting && a.draggingDown == b.draggingDown && a.neutral == b.neutral
            && a.support.map(\.kind) == b.support.map(\.kind) && a.support.map(\.members) == b.support.map(\.members)
            && a.staying == b.staying && a.atDistance == b.atDistance
    }

    /// The groups as labelled lines of names, empty groups left out:
    /// `("Steunend", "Oma Ria, Sophie")`.
    public func lines(language l: DisplayLanguage) -> [(label: String, names: String)] {
        func names(_ members: [NetworkMember]) -> String { members.map(\.name).joined(separator: ", ") }
        var lines: [(String, String)] = []
        if !supporting.isEmpty { lines.append((l.pick("Steunend", "Supporting"), names(supporting))) }
        if !draggingDown.isEmpty { lines.append((l.pick("Trekt omlaag", "Dragging down"), names(draggingDown))) }
        if !neutral.isEmpty { lines.append((l.pick("Neutraal", "Neutral"), names(neutral))) }
        for (kind, members) in support { lines.append((l.pick("Steun: ", "Support: ") + kind.rawValue, names(members))) }
        if !staying.isEmpty { lines.append((l.pick("Blijft na de hulp", "Stays after the help"), names(staying))) }
        if !atDistance.isEmpty { lines.append((l.pick("Op afstand houden", "Keep at a distance"), names(atDistance))) }
        return lines
    }
}
