/// What ``TranscriptVerifier`` found in one transcript: whether its hash
/// chain and its signatures hold, or where they first break; whether it was
/// closed; which key signed it; and, apart from that, a cut-off last line.
public struct ChainReport: Sendable, Equatable {
    /// How a transcript was closed (format version 3).
    public struct Closing: Sendable, Equatable {
        public var reason: TranscriptClosing.Ending
        /// The key that signed the closing record: the writer's, or for a
        /// recovered transcript the key of whoever ran `gesprek repair`.
        public var signer: TranscriptPublicKey
    }

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
        /// The chain holds but the line at `line` (seq `sequence`; 0 the
        /// header) has no valid signature: the chain was recomputed by someone
        /// without the key.
        case forged(sequence: Int, line: Int)
        /// The closing record at `line` does not fit the transcript (count, file id or last hash).
        case closingChanged(line: Int)
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
    /// The key that signed every line, when the transcript is signed (version 3) and intact.
    public var signer: TranscriptPublicKey?
    /// How it was closed; nil when it was not (the session was interrupted, or lines were cut off the end).
    public var closing: Closing?
    /// The header's format version; 0 when unknown.
    public var version: Int
    /// The events at the end that no signature of the writer vouches for: a
    /// script run signs every N-th line (``checkpointInterval``), so a run cut
    /// off by a crash ends in up to N - 1 unsigned lines, which anyone could
    /// have written. Zero when the writer's closing record vouches for all.
    public var unsignedTail = 0
    /// N when the transcript is signed at checkpoints, every N events (a script run); nil when every line is signed.
    public var checkpointInterval: Int?
    /// The chain hash of every line, header first (closing record last), when intact: what a seal is checked against.
    var chainHashes: [String] = []
    /// The header's file id (version 3), for a recovery's closing record.
    var fileID: String?

    public init(
        finding: Finding, cutTail: CutTail? = nil, events: Int, lastHash: String? = nil,
        signer: TranscriptPublicKey? = nil, closing: Closing? = nil, version: Int = 0
    ) {
        self.finding = finding
        self.cutTail = cutTail
        self.events = events
        self.lastHash = lastHash
        self.signer = signer
        self.closing = closing
        self.version = version
    }

    public static func == (a: ChainReport, b: ChainReport) -> Bool {
        a.finding == b.finding && a.cutTail == b.cutTail && a.events == b.events && a.lastHash == b.lastHash
            && a.signer == b.signer && a.closing == b.closing && a.version == b.version && a.unsignedTail == b.unsignedTail
            && a.checkpointInterval == b.checkpointInterval
    }

    /// Whether the chain holds, every line is signed, it was closed (normally
    /// or recovered) and no line was cut off.
    public var isIntactAndClosed: Bool { finding == .intact && signer != nil && closing != nil && cutTail == nil }

    /// What a reader of the transcript should be warned of, given the keys
    /// it trusts; nil when there is nothing: intact, closed, signed by a trusted key.
    public func concern(trusting trusted: Set<TranscriptPublicKey>, in language: DisplayLanguage) -> String? {
        // A cut-off last line alone the reader warns of itself; it leaves the transcript not closed.
        if finding != .intact || signer == nil { return message(in: language) }
        if closing == nil || !trust(trusted).isEmpty { return message(in: language, trusting: trusted) }
        return nil
    }

    /// The keys in this report that are not in `trusted`.
    func trust(_ trusted: Set<TranscriptPublicKey>) -> [TranscriptPublicKey] {
        [signer, closing?.signer].compactMap { $0 }.filter { !trusted.contains($0) }
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
                + (version == 2 ? language.pick("; niet ondertekend (formaatversie 2)", "; not signed (format version 2)") : "")
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
        case let .forged(sequence, line):
            let which = sequence == 0 ? language.pick("de kop", "the header") : "seq \(sequence)"
            return broken
                + language.pick(
                    "vervalst: de keten klopt, maar \(which) (regel \(line)) heeft geen geldige handtekening; de hashes zijn opnieuw berekend",
                    "forged: the chain holds, but \(which) (line \(line)) has no valid signature; the hashes were recomputed")
        case let .closingChanged(line):
            return broken
                + language.pick(
                    "het afsluitrecord (regel \(line)) past niet bij het transcript",
                    "the closing record (line \(line)) does not fit the transcript")
        }
    }

    /// The finding with what signatures and closing say, and whether the keys
    /// are among `trusted`: one line for people, numbers and key ids only.
    public func message(in language: DisplayLanguage, trusting trusted: Set<TranscriptPublicKey>) -> String {
        guard finding == .intact, version >= 3, let signer else { return message(in: language) }
        let count = language.pick(
            "\(events) \(events == 1 ? "gebeurtenis" : "gebeurtenissen")", "\(events) \(events == 1 ? "event" : "events")")
        func key(_ key: TranscriptPublicKey) -> String {
            trusted.contains(key)
                ? language.pick("sleutel \(key.id) (vertrouwd)", "key \(key.id) (trusted)")
                : language.pick("ONBEKENDE sleutel \(key.id)", "UNKNOWN key \(key.id)")
        }
        let signed = language.pick("ondertekend met ", "signed by ") + key(signer)
        let hash = lastHash.map { language.pick(", laatste hash ", ", last hash ") + String($0.prefix(16)) } ?? ""
        switch closing {
        case nil:
            return language.pick(
                "intact maar NIET AFGESLOTEN: de sessie is onderbroken (of het einde is eraf); \(count), \(signed)",
                "intact but NOT CLOSED: the session was interrupted (or its end was cut off); \(count), \(signed)")
                + unsignedNote(in: language) + hash
        case let closing? where closing.reason == .recovered:
            return language.pick(
                "intact, HERSTELD na een onderbreking (gesprek repair, afgesloten met \(key(closing.signer))); \(count), \(signed)",
                "intact, RECOVERED after an interruption (gesprek repair, closed with \(key(closing.signer))); \(count), \(signed)")
                + unsignedNote(in: language, recovered: true) + hash
        case _?:
            return language.pick("intact en afgesloten: \(count), \(signed)", "intact and closed: \(count), \(signed)") + hash
        }
    }
}

extension ChainReport {
    /// The unsigned lines at the end, for the verdict: none said when there are none.
    private func unsignedNote(in language: DisplayLanguage, recovered: Bool = false) -> String {
        guard unsignedTail > 0 else { return "" }
        let lines = language.pick(
            unsignedTail == 1 ? "de laatste regel is" : "de laatste \(unsignedTail) regels zijn",
            unsignedTail == 1 ? "the last line is" : "the last \(unsignedTail) lines are")
        let why =
            checkpointInterval.map { every in
                language.pick(
                    " (een scriptrun ondertekent elke \(every) regels)", " (a script run signs every \(every) lines)")
            } ?? ""
        return recovered
            ? language.pick(
                "; \(lines) niet door de schrijver ondertekend, alleen door het herstel",
                "; \(lines) not signed by the writer, only by the recovery") + why
            : language.pick("; \(lines) niet ondertekend", "; \(lines) not signed") + why
    }

    /// The same report with every line number moved on by `offset`: for an
    /// encrypted file, whose envelope comes before the plain header.
    func lines(shiftedBy offset: Int) -> ChainReport {
        var copy = self
        switch finding {
        case let .changed(sequence, line): copy.finding = .changed(sequence: sequence, line: line + offset)
        case let .removed(sequence, through, line): copy.finding = .removed(sequence: sequence, through: through, line: line + offset)
        case let .inserted(line, after): copy.finding = .inserted(line: line + offset, after: after)
        case let .reordered(sequence, line): copy.finding = .reordered(sequence: sequence, line: line + offset)
        case let .forged(sequence, line): copy.finding = .forged(sequence: sequence, line: line + offset)
        case let .closingChanged(line): copy.finding = .closingChanged(line: line + offset)
        case .intact, .unchained, .headerChanged: break
        }
        if let cut = cutTail {
            copy.cutTail = CutTail(line: cut.line + offset, bytes: cut.bytes, onlyLineEndMissing: cut.onlyLineEndMissing)
        }
        return copy
    }
}
