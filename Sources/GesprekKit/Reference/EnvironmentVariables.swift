#if canImport(Glibc)
    import Glibc
#endif

/// The environment variables a setting is read from: the process's own, each looked up
/// with `getenv` when it is asked for, or given ones (a test, a host with its own).
///
/// Not `ProcessInfo.processInfo.environment`: that builds `ProcessInfo` and then a
/// dictionary of every variable on each call, which cost the start-up of a 100-line
/// `gesprek run` 0.4 ms (docs/development.md, "Start-up").
public struct EnvironmentVariables: ExpressibleByDictionaryLiteral, Sendable {
    private let given: [String: String]?

    /// The process's environment, as it is when a variable is read.
    public static let process = EnvironmentVariables(given: nil)

    private init(given: [String: String]?) { self.given = given }

    /// These variables and no others.
    public init(_ values: [String: String]) { given = values }

    public init(dictionaryLiteral elements: (String, String)...) {
        given = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    /// The variable's value; nil when it is not set.
    public subscript(name: String) -> String? {
        if let given { return given[name] }
        return getenv(name).map { String(cString: $0) }
    }
}
