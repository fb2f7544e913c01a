/// One questionnaire as on the handreiking's form: each item's score, the
/// totals per answer category, and the mean per section.
public struct QuestionnaireReport: Sendable, Equatable {
    /// One section: its items with their scores (nil when not scored) and the mean.
    public struct SectionReport: Sendable, Equatable {
        public var section: Questionnaire.Section
        /// Each item of the section with its latest score, if any.
        public var values: [Int?]
        /// How many items were scored.
        public var scored: Int { values.compactMap { $0 }.count }
        /// The mean of the scored items, or nil when none was scored.
        public var mean: Double? {
            let scored = values.compactMap { $0 }
            return scored.isEmpty ? nil : Double(scored.reduce(0, +)) / Double(scored.count)
        }
    }

    public var questionnaire: Questionnaire
    public var sections: [SectionReport]

    /// How many items were scored, of all the form's items.
    public var scored: Int { sections.map(\.scored).reduce(0, +) }

    /// "Totaal per antwoordcategorie": how many items got 0, 1, 2, 3 and 4.
    public var totalsPerCategory: [Int] {
        var totals = [Int](repeating: 0, count: Scale.range.count)
        for value in sections.flatMap(\.values).compactMap({ $0 }) { totals[value] += 1 }
        return totals
    }

    /// Reports for `gezin` (always: it is the family's form) and for every other questionnaire with a score.
    static func reports(for scores: [Summary.Score]) -> [QuestionnaireReport] {
        let values = Dictionary(scores.map { ($0.target, $0.value) }, uniquingKeysWith: { _, latest in latest })
        return Questionnaire.all.compactMap { questionnaire in
            let used = questionnaire.items.contains { values[$0.id] != nil }
            guard questionnaire.id == "gezin" || used else { return nil }
            return QuestionnaireReport(
                questionnaire: questionnaire,
                sections: questionnaire.sections.map { section in
                    SectionReport(section: section, values: section.items.map { values[$0.id] })
                })
        }
    }
}
