/// The team's reflections (``Reflection``) in words, for the summary, replay,
/// the reports and the case history: `hypothese · motivationeel #kracht`, and
/// what a replay shows after the line it is about:
/// `  ↳ team · hypothese · motivationeel: Moeder durft nog niet`.
package enum ReflectionText {
    /// By moment, then in the order the team added them.
    public static func ordered(_ reflections: [Reflection]) -> [Reflection] {
        reflections.sorted { ($0.moment, $0.sequence) < ($1.moment, $1.sequence) }
    }

    /// The reflections grouped by the moment they are about.
    public static func byMoment(_ reflections: [Reflection]) -> [Int: [Reflection]] {
        Dictionary(grouping: ordered(reflections), by: \.moment)
    }

    /// The reflections whose moment is none of `sequences` (a line the transcript does not have): shown after the last line.
    public static func unplaced(_ reflections: [Reflection], sequences: some Sequence<Int>) -> [Reflection] {
        let known = Set(sequences)
        return ordered(reflections).filter { !known.contains($0.moment) }
    }

    /// The reflection with every string made safe to show (``VisibleText``).
    public static func visible(_ reflection: Reflection) -> Reflection {
        var copy = reflection
        copy.text = VisibleText.escaped(reflection.text)
        copy.marker = reflection.marker.map(VisibleText.escaped)
        copy.tags = reflection.tags.map(VisibleText.escaped)
        copy.time = VisibleText.escaped(reflection.time)
        return copy
    }

    /// `hypothese` or `hypothesis`.
    public static func kind(_ kind: Reflection.Kind, language l: DisplayLanguage) -> String {
        l.pick(kind.dutchWord, kind.englishWord)
    }

    /// `hypothese · motivationeel, sociaal`: the kind and the dimensions.
    public static func heading(_ reflection: Reflection, language l: DisplayLanguage) -> String {
        let dimensions = reflection.dimensions.map(\.rawValue).joined(separator: ", ")
        return kind(reflection.kind, language: l) + (dimensions.isEmpty ? "" : " · " + dimensions)
    }

    /// `#kracht #thuis`, or empty.
    public static func tags(_ reflection: Reflection) -> String {
        reflection.tags.map { "#" + VisibleText.escaped($0) }.joined(separator: " ")
    }

    /// `hypothese · motivationeel: Moeder durft nog niet #kwetsbaarheid`, escaped.
    public static func line(_ reflection: Reflection, language l: DisplayLanguage) -> String {
        let tags = tags(reflection)
        return heading(reflection, language: l) + ": " + VisibleText.escaped(reflection.text) + (tags.isEmpty ? "" : " " + tags)
    }

    /// `  ↳ team · hypothese · motivationeel: Moeder durft nog niet`: under the line it is about, in a replay.
    public static func replayLine(_ reflection: Reflection, language l: DisplayLanguage) -> String {
        "  ↳ team · " + line(reflection, language: l)
    }

    /// `Reflecties van het team` or `Team reflections`.
    public static func title(language l: DisplayLanguage) -> String {
        l.pick("Reflecties van het team", "Team reflections")
    }

    /// `bij #12 (3:12)`, or `bij #12 „rond afspraken” (3:12)` when it was given as a marker.
    /// `elapsed` is the moment's time when known.
    public static func moment(_ reflection: Reflection, elapsed: Double?, language l: DisplayLanguage) -> String {
        var text = l.pick("bij #", "at #") + "\(reflection.moment)"
        if let marker = reflection.marker { text += " „" + VisibleText.escaped(marker) + "”" }
        if let elapsed { text += " (\(EventText.clock(elapsed)))" }
        return text
    }
}
