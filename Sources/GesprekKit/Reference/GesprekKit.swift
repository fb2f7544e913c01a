/// The library's own facts.
public enum GesprekKit {
    /// The version of gesprek, written in every transcript header.
    public static let version = "0.1.0"
}
