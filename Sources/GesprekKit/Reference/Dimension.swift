/// The three dimensions of eigen kracht, plus the family's own view of its
/// situation, which the handreiking names as the starting point.
///
/// The raw values are the handreiking's own Dutch terms; they are the ids
/// used in scripts, tags and transcripts.
public enum Dimension: String, CaseIterable, Sendable, Codable, Comparable {
    /// Situatie volgens het gezin als vertrekpunt.
    case vertrekpunt
    /// Wat iemand weet en kan.
    case competentioneel
    /// Wie iemand kent: the network, which can support or drag down.
    case sociaal
    /// Wat iemand wil en durft.
    case motivationeel

    /// The English alias accepted as a tag (`#competence`, `#social`, …).
    public var englishAlias: String {
        switch self {
        case .vertrekpunt: "start"
        case .competentioneel: "competence"
        case .sociaal: "social"
        case .motivationeel: "motivation"
        }
    }

    /// The question behind the dimension, in the handreiking's words.
    public var question: String {
        switch self {
        case .vertrekpunt: "Situatie volgens het gezin als vertrekpunt"
        case .competentioneel: "Wat iemand weet en kan"
        case .sociaal: "Wie iemand kent"
        case .motivationeel: "Wat iemand wil en durft"
        }
    }

    /// The order in which the handreiking presents them: the starting point first.
    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
