/// The moments of a conversation a reflection can be about: its events by
/// seq (1 through ``events``) and its markers (`mark einde-verkenning`) by label.
public struct ReflectionMoments: Sendable, Equatable {
    /// How many events the transcript holds.
    public var events: Int
    /// Each marker's label and the seq of its `mark` event, in transcript order.
    public var markers: [MomentMarker]

    /// A marker as annotate knows it.
    public struct MomentMarker: Sendable, Equatable {
        public var label: String
        public var sequence: Int

        public init(label: String, sequence: Int) {
            self.label = label
            self.sequence = sequence
        }
    }

    public init(events: Int, markers: [MomentMarker]) {
        self.events = events
        self.markers = markers
    }

    /// The moments of a transcript's events.
    public init(events: [Event]) {
        self.events = events.count
        self.markers = events.compactMap { event in
            if case let .mark(label) = event.body { return MomentMarker(label: label, sequence: event.sequence) }
            return nil
        }
    }

    /// The seq of the marker with this label: exactly, else ignoring case; the first when there are more.
    public func sequence(ofMarker label: String) -> Int? {
        markers.first { $0.label == label }?.sequence ?? markers.first { $0.label.lowercased() == label.lowercased() }?.sequence
    }
}

/// A reflection as typed, before it is numbered, timed and written.
public struct ReflectionDraft: Sendable, Equatable {
    /// The event's seq.
    public var moment: Int
    /// The marker's label when the moment was given as one (`@"rond afspraken"`).
    public var marker: String?
    public var kind: Reflection.Kind
    public var dimensions: [Dimension]
    public var tags: [String]
    public var text: String

    public init(moment: Int, marker: String? = nil, kind: Reflection.Kind, dimensions: [Dimension], tags: [String], text: String) {
        self.moment = moment
        self.marker = marker
        self.kind = kind
        self.dimensions = dimensions
        self.tags = tags
        self.text = text
    }
}

/// Reads a line that `gesprek annotate` takes: the moment, the kind, tags, the text.
///
/// ```
/// @12 observatie #c #kracht Moeder noemt zelf de buurvrouw als steun
/// @"rond afspraken" afspraak #s Netwerkberaad plannen
/// vraag #m Wat wil vader zelf?                       (in step mode: about the line shown)
/// ```
///
/// The moment is `@SEQ`, `@marker` or `@"marker with spaces"`; it may be left
/// out when a line is shown (step mode). The kind is `observatie`,
/// `hypothese`, `afspraak` or `vraag` (or `observation`, `hypothesis`,
/// `agreement`, `question`). Tags go before or after the text, as in the
/// conversation's own lines (`#c #s #m #v`, `#kracht`, `#kwetsbaarheid`, free tags).
public enum ReflectionLine {
    /// Whether the line says nothing: empty, or a comment (`#` then a space or the end, or `//`).
    public static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.isEmpty || trimmed.hasPrefix("//") { return true }
        guard trimmed.first == "#" else { return false }
        return !LineScanner.isTag(trimmed.utf8)
    }

    /// The reflection a line gives, or the problem with it (an error with line, column and a hint).
    /// - Parameter shown: the event shown in step mode: a line without `@moment` is about it.
    /// - Returns: the draft, with warnings (a tag that looks like a typo).
    public static func parse(
        _ line: String, lineNumber: Int, moments: ReflectionMoments, shown: Int? = nil
    ) throws(Diagnostic) -> (draft: ReflectionDraft, warnings: [Diagnostic]) {
        var scanner = LineScanner(line, lineNumber: lineNumber)
        if let problem = scanner.problemWithWholeLine() { throw problem }
        guard var first = try scanner.nextToken() else { throw scanner.errorAtEnd(.reflectionNeedsMoment) }
        let moment: Int
        var marker: String?
        if first.text.hasPrefix("@") {
            let name = String(first.text.dropFirst())
            if name.isEmpty { throw scanner.error(.reflectionNeedsMoment, at: first) }
            if !first.wasQuoted, name.allSatisfy(\.isASCIIDigit) {
                guard let seq = Int(name), (1...max(1, moments.events)).contains(seq), moments.events > 0 else {
                    throw scanner.error(.momentOutOfRange(name, events: moments.events), at: first)
                }
                moment = seq
            } else {
                guard let seq = moments.sequence(ofMarker: name) else {
                    throw scanner.error(.unknownMarker(name, markers: moments.markers.map(\.label)), at: first)
                }
                moment = seq
                marker = moments.markers.first { $0.sequence == seq }?.label ?? name
            }
            guard let next = try scanner.nextToken() else { throw scanner.error(.missingReflectionKind, after: first) }
            first = next
        } else if let shown {
            moment = shown
        } else {
            throw scanner.error(.reflectionNeedsMoment, at: first)
        }
        guard !first.wasQuoted, let kind = Reflection.Kind(word: first.text) else {
            throw scanner.error(first.isTag ? .missingReflectionKind : .unknownReflectionKind(first.text), at: first)
        }
        var tags = TagSet()
        var warnings: [Diagnostic] = []
        let leading = scanner.leadingTags()
        let (text, trailing) = scanner.restAsText()
        guard !text.isEmpty else { throw scanner.error(.missingReflectionText, after: leading.last ?? first) }
        TagResolver.resolve(leading + trailing, into: &tags, knownFreeTags: [], scanner: scanner, warnings: &warnings)
        return (
            ReflectionDraft(moment: moment, marker: marker, kind: kind, dimensions: tags.dimensions, tags: tags.tags, text: text),
            warnings
        )
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
