/// One of the handreiking's three questionnaires, with its sections and items.
public struct Questionnaire: Sendable, Hashable {
    /// A question on a questionnaire, scored 0–4.
    public struct Item: Sendable, Hashable {
        /// The stable id used in scripts and transcripts, e.g. `gezin.s1`.
        public let id: String
        /// The dimension of the section the item belongs to.
        public let dimension: Dimension
        /// The item's text, verbatim from the handreiking.
        public let text: String
    }

    /// A part of a questionnaire that covers one dimension.
    public struct Section: Sendable, Hashable {
        public let dimension: Dimension
        public let title: String
        public let items: [Item]
    }

    /// `gezin`, `professional` or `organisatie`.
    public let id: String
    public let title: String
    /// Who fills it in.
    public let respondent: String
    /// The line at the foot of the form.
    public let footer: String
    public let sections: [Section]

    /// The footer in the reader's language: the form's own Dutch line, or in
    /// English `Total per answer category` for the form's `Totaal per antwoordcategorie`.
    public func footer(in language: DisplayLanguage) -> String {
        guard language == .en else { return footer }
        return footer == "Totaal per antwoordcategorie" ? "Total per answer category" : footer
    }

    /// All items of the questionnaire, in the order of the form.
    public var items: [Item] { sections.flatMap(\.items) }

    /// The questionnaire with the given id.
    public static func named(_ id: String) -> Questionnaire? {
        all.first { $0.id == id }
    }

    /// The item with the given id (`gezin.s1`), in any questionnaire.
    public static func item(_ id: String) -> Item? {
        itemsByID[id]
    }

    private static let itemsByID: [String: Item] = Dictionary(
        uniqueKeysWithValues: all.flatMap(\.items).map { ($0.id, $0) })

    /// The item ids of a questionnaire in short ranges per section, as a hint
    /// reads them: `v1–v4, s1–s2, c1–c3, m1–m4`.
    public var itemRanges: String {
        sections.map { section in
            let short = section.items.map { $0.id.split(separator: ".").last.map(String.init) ?? $0.id }
            return short.count == 1 ? short[0] : "\(short.first!)–\(short.last!)"
        }.joined(separator: ", ")
    }
}
