/// The tags of a line, resolved: the dimensions it is about, and its other
/// tags (`kracht`, `kwetsbaarheid` and free tags), lowercased.
public struct TagSet: Sendable, Equatable, Hashable {
    public var dimensions: [Dimension]
    public var tags: [String]

    public init(dimensions: [Dimension] = [], tags: [String] = []) {
        self.dimensions = dimensions
        self.tags = tags
    }

    /// The tag for a strength.
    public static let strength = "kracht"
    /// The tag for a vulnerability.
    public static let vulnerability = "kwetsbaarheid"

    mutating func add(_ dimension: Dimension) {
        if !dimensions.contains(dimension) {
            dimensions.append(dimension)
            dimensions.sort()
        }
    }

    mutating func add(_ tag: String) {
        if !tags.contains(tag) { tags.append(tag) }
    }
}
