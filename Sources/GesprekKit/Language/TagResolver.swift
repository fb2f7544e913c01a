/// Turns `#tags` as typed into a ``TagSet``: the four dimensions by any
/// prefix of their Dutch id (`#c`, `#soc`, `#v`) or by their English alias
/// (`#competence`, `#social`, `#motivation`, `#start`); `#kracht` and
/// `#kwetsbaarheid` (or `#strength`, `#vulnerability`); any other word is a
/// free tag, with a warning when it is one typo from a known one.
enum TagResolver {
    // Two words each: an array, which a script's start-up gets for free, where a set is one more
    // generic type for the runtime to make on first use.
    static let strengthAliases = ["kracht", "strength"]
    static let vulnerabilityAliases = ["kwetsbaarheid", "vulnerability"]

    /// The dimension a tag names, if any.
    static func dimension(for name: String) -> Dimension? {
        let name = name.lowercasedIfNeeded
        if let byPrefix = Dimension.allCases.first(where: { $0.rawValue.hasPrefix(name) }) { return byPrefix }
        if name == "starting-point" { return .vertrekpunt }
        return Dimension.allCases.first { $0.englishAlias == name }
    }

    /// Every word a tag can be checked against for typos.
    static let knownWords: [String] =
        Dimension.allCases.map(\.rawValue) + Dimension.allCases.map(\.englishAlias)
        + strengthAliases.sorted() + vulnerabilityAliases.sorted()

    static func resolve(
        _ tokens: [Token], into set: inout TagSet, knownFreeTags: Set<String>,
        scanner: LineScanner, warnings: inout [Diagnostic]
    ) {
        for token in tokens {
            let name = token.tagName
            if let dimension = dimension(for: name) {
                set.add(dimension)
            } else if strengthAliases.contains(name) {
                set.add(TagSet.strength)
            } else if vulnerabilityAliases.contains(name) {
                set.add(TagSet.vulnerability)
            } else {
                set.add(name)
                // Sorted: a set's order differs from one set to the next, and of two
                // equally close tags the same one must be suggested every time.
                let candidates = knownWords + knownFreeTags.filter { $0 != name }.sorted()
                if name.count >= 3, let suggestion = Suggestion.closest(to: name, in: candidates) {
                    warnings.append(
                        scanner.diagnostic(
                            .warning, .tagLooksLikeTypo(tag: name, suggestion: suggestion),
                            span: scanner.span(of: token)))
                }
            }
        }
    }
}
