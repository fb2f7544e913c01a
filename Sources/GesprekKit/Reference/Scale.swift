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

    /// Every value with its label, as a hint reads it: `0 zeer ontevreden, 1 ontevreden, …`.
    public static var legend: String {
        range.map { "\($0) \(label(for: $0)!)" }.joined(separator: ", ")
    }
}
