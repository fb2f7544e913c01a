/// How each dimension looks in the pictures: a colour that also prints
/// legibly in grey, and a one-letter code.
enum DimensionStyle {
    static func colour(_ dimension: Dimension) -> String {
        switch dimension {
        case .vertrekpunt: "#5b2c83"
        case .competentioneel: "#1f5fa8"
        case .sociaal: "#2e7d32"
        case .motivationeel: "#b35900"
        }
    }

    /// `v`, `c`, `s`, `m`
    static func letter(_ dimension: Dimension) -> String {
        String(dimension.rawValue.prefix(1))
    }
}
