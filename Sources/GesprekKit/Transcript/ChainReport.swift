/// What ``TranscriptVerifier`` found in one transcript: whether its hash
/// chain holds, or where it first breaks; and, apart from that, a cut-off
/// last line.
public struct ChainReport: Sendable, Equatable {
    /// The first thing found wrong, or that nothing is.
    public enum Finding: Sendable, Equatable {
        /// Every line is as it was written and in its place.
        case intact
        /// Format version 1, written before the chain: there is nothing to check.
        case unchained(version: Int)
        /// The header does not match its hash.
        case headerChanged
        /// The line at `line` does not match its hash: its content (or its
        /// hash) was changed. `sequence` is the seq that belongs there.
        case changed(sequence: Int, line: Int)
        /// The events `sequence` through `through` are missing; the gap is just before `line`.
        case removed(sequence: Int, through: Int, line: Int)
        /// The line at `line` was not written in this chain: it was put in
        /// after the event with seq `after` (0: after the header).
        case inserted(line: Int, after: Int)
        /// The line at `line` belongs elsewhere: lines were moved or swapped. `sequence` is the seq expected there.
        case reordered(sequence: Int, line: Int)
    }

    public var finding: Finding
    /// The last line, when a crash cut it off. Not tampering: it is reported apart.
    public var cutTail: CutTail?
    /// The events in whole lines.
    public var events: Int
    /// The hash that ends the chain (64 hex digits) when it holds. Lines
    /// taken off the end leave a shorter chain that holds; comparing this
    /// hash with one noted earlier shows that too.
    public var lastHash: String?

    public init(finding: Finding, cutTail: CutTail? = nil, events: Int, lastHash: String? = nil) {
        self.finding = finding
        self.cutTail = cutTail
        self.events = events
        self.lastHash = lastHash
    }

    /// Whether something was changed, removed, inserted or moved.
    public var isTampered: Bool {
        switch finding {
        case .intact, .unchained: false
        default: true
        }
    }

    /// The finding for people: numbers only, never the content. Tampering
    /// starts with NIET INTACT / NOT INTACT.
    public func message(in language: DisplayLanguage) -> String {
        let broken = language.pick("NIET INTACT: ", "NOT INTACT: ")
        switch finding {
        case .intact:
            let hash = lastHash.map { language.pick(", laatste hash ", ", last hash ") + String($0.prefix(16)) } ?? ""
            return language.pick(
                "intact: \(events) \(events == 1 ? "gebeurtenis" : "gebeurtenissen"), de keten klopt",
                "intact: \(events) \(events == 1 ? "event" : "events"), the chain holds") + hash
        case let .unchained(version):
            return language.pick(
                "geen keten: formaatversie \(version), van vóór de hashketen; niet te controleren",
                "no chain: format version \(version), from before the hash chain; cannot be checked")
        case .headerChanged:
            return broken
                + language.pick(
                    "de kop (regel 1) is gewijzigd: hij klopt niet met zijn hash",
                    "the header (line 1) was changed: it does not match its hash")
        case let .changed(sequence, line):
            return broken
                + language.pick(
                    "seq \(sequence) (regel \(line)) is gewijzigd: hij klopt niet met zijn hash",
                    "seq \(sequence) (line \(line)) was changed: it does not match its hash")
        case let .removed(sequence, through, line):
            let which =
                sequence == through
                ? "seq \(sequence)" : language.pick("seq \(sequence) tot en met \(through)", "seq \(sequence) to \(through)")
            return broken
                + language.pick(
                    "\(which) verwijderd: \(sequence == through ? "ontbreekt" : "ontbreken") vóór regel \(line)",
                    "\(which) removed: missing before line \(line)")
        case let .inserted(line, after):
            let place = after == 0 ? language.pick("na de kop", "after the header") : language.pick("na seq \(after)", "after seq \(after)")
            return broken
                + language.pick(
                    "regel \(line) is ingevoegd \(place): hij hoort niet in de keten",
                    "line \(line) was inserted \(place): it is not part of the chain")
        case let .reordered(sequence, line):
            return broken
                + language.pick(
                    "volgorde gewijzigd: regel \(line) hoort elders (hier hoort seq \(sequence))",
                    "order changed: line \(line) belongs elsewhere (seq \(sequence) belongs here)")
        }
    }
}

extension ChainReport {
    /// The same report with every line number moved on by `offset`: for an
    /// encrypted file, whose envelope comes before the plain header.
    func lines(shiftedBy offset: Int) -> ChainReport {
        var copy = self
        switch finding {
        case let .changed(sequence, line): copy.finding = .changed(sequence: sequence, line: line + offset)
        case let .removed(sequence, through, line): copy.finding = .removed(sequence: sequence, through: through, line: line + offset)
        case let .inserted(line, after): copy.finding = .inserted(line: line + offset, after: after)
        case let .reordered(sequence, line): copy.finding = .reordered(sequence: sequence, line: line + offset)
        case .intact, .unchained, .headerChanged: break
        }
        if let cut = cutTail {
            copy.cutTail = CutTail(line: cut.line + offset, bytes: cut.bytes, onlyLineEndMissing: cut.onlyLineEndMissing)
        }
        return copy
    }
}
