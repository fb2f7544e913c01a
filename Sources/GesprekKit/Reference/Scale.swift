/// The handreiking's answer scale, 0 to 4.
public enum Scale {
    /// The values a score may take.
    public static let range: ClosedRange<Int> = 0...4

    /// The label of a value on the form, in Dutch as on the handreiking
    /// (`3` → `tevreden`), or `nil` outside the scale.
    public static func label(for value: Int) -> String? {
        guard range.contains(value) else { return nil }
        return ["zeer ontevreden", "ontevreden", "neutraal", "tevreden", "zeer tevreden"][value]
    }

    /// The label in the reader's language: Dutch as on the form, or English
    /// (`3` → `satisfied`). Transcripts keep the Dutch label.
    public static func label(for value: Int, language: DisplayLanguage) -> String? {
        guard range.contains(value) else { return nil }
        guard language == .en else { return label(for: value) }
        return ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"][value]
    }

    /// Every value with its label, as a hint reads it: `0 zeer ontevreden, 1 ontevreden, …`.
    public static var legend: String {
        legend(in: .nl)
    }

    /// The legend in the reader's language: `0 very dissatisfied, 1 dissatisfied, …` in English.
    public static func legend(in language: DisplayLanguage) -> String {
        range.map { "\($0) \(label(for: $0, language: language)!)" }.joined(separator: ", ")
    }
}
