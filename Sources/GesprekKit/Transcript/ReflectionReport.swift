/// What checking a reflections file found (see ``ReflectionLog``): whether
/// its chain and signatures hold or where they first break, which keys
/// signed it, whether it is bound to the transcript beside it, and apart
/// from that a cut-off last line.
public struct ReflectionReport: Sendable, Equatable {
    /// The first thing found wrong in the file itself, or that nothing is.
    public enum ReflectionFinding: Sendable, Equatable {
        /// Every line is as it was written, in its place, and signed.
        case intact
        /// The header does not match its hash.
        case headerChanged
        /// The line at `line` does not match its hash; `reflection` is the number that belongs there.
        case changed(reflection: Int, line: Int)
        /// Reflections `reflection` through `through` are missing, just before `line`.
        case removed(reflection: Int, through: Int, line: Int)
        /// The line at `line` was not written in this chain.
        case inserted(line: Int)
        /// The chain holds but the line at `line` (reflection `reflection`; 0 the header) has no valid
        /// signature by the key it names: the hashes were recomputed by someone without the key.
        case forged(reflection: Int, line: Int)
    }

    /// Whether the file belongs to the transcript it was checked against.
    public enum ReflectionBinding: Sendable, Equatable {
        /// The transcript's file id and final hash are those in the header.
        case bound
        /// The header names another transcript (file id).
        case otherTranscript
        /// Same transcript, but it ends in another hash than when the reflections were made: it was changed since.
        case otherVersion
        /// Not checked: no transcript was given, or it could not be verified.
        case unchecked
    }

    public var finding: ReflectionFinding
    public var binding: ReflectionBinding
    /// The last line, when a crash cut it off; never confirmed, so not tampering.
    public var cutTail: CutTail?
    /// The reflections in whole lines.
    public var reflections: Int
    /// The keys that signed the lines, in the order first met (the header's first); when intact.
    public var signers: [TranscriptPublicKey]
    /// The hash that ends the chain, 64 hex digits, when it holds.
    public var lastHash: String?

    public init(
        finding: ReflectionFinding, binding: ReflectionBinding, cutTail: CutTail? = nil, reflections: Int,
        signers: [TranscriptPublicKey] = [], lastHash: String? = nil
    ) {
        self.finding = finding
        self.binding = binding
        self.cutTail = cutTail
        self.reflections = reflections
        self.signers = signers
        self.lastHash = lastHash
    }

    /// Whether the chain and every signature hold, no line was cut off, and the file is bound to its transcript.
    public var isIntactAndBound: Bool { finding == .intact && cutTail == nil && binding == .bound }

    /// Whether something was changed, removed, inserted or forged.
    public var isTampered: Bool { finding != .intact }

    /// What a reader should be warned of, given the keys it trusts; nil when
    /// nothing: intact, bound, signed by trusted keys only.
    public func concern(trusting trusted: Set<TranscriptPublicKey>, in language: DisplayLanguage) -> String? {
        if finding != .intact || binding != .bound || cutTail != nil || signers.contains(where: { !trusted.contains($0) }) {
            return message(in: language, trusting: trusted)
        }
        return nil
    }

    /// The verdict for people, one line: numbers and key ids only, never the
    /// content. Tampering and a broken binding start with NIET INTACT / NOT
    /// INTACT, like a transcript's.
    public func message(in language: DisplayLanguage, trusting trusted: Set<TranscriptPublicKey> = []) -> String {
        let broken = language.pick("NIET INTACT: ", "NOT INTACT: ")
        let label = language.pick("reflecties: ", "reflections: ")
        switch finding {
        case .headerChanged:
            return label + broken
                + language.pick(
                    "de kop (regel 1) is gewijzigd: hij klopt niet met zijn hash",
                    "the header (line 1) was changed: it does not match its hash")
        case let .changed(reflection, line):
            return label + broken
                + language.pick(
                    "reflectie \(reflection) (regel \(line)) is gewijzigd: hij klopt niet met zijn hash",
                    "reflection \(reflection) (line \(line)) was changed: it does not match its hash")
        case let .removed(reflection, through, line):
            let which =
                reflection == through
                ? language.pick("reflectie \(reflection)", "reflection \(reflection)")
                : language.pick("reflectie \(reflection) tot en met \(through)", "reflections \(reflection) to \(through)")
            return label + broken
                + language.pick(
                    "\(which) verwijderd: \(reflection == through ? "ontbreekt" : "ontbreken") vóór regel \(line)",
                    "\(which) removed: missing before line \(line)")
        case let .inserted(line):
            return label + broken
                + language.pick(
                    "regel \(line) is ingevoegd: hij hoort niet in de keten", "line \(line) was inserted: it is not part of the chain")
        case let .forged(reflection, line):
            let which =
                reflection == 0
                ? language.pick("de kop", "the header") : language.pick("reflectie \(reflection)", "reflection \(reflection)")
            return label + broken
                + language.pick(
                    "vervalst: de keten klopt, maar \(which) (regel \(line)) heeft geen geldige handtekening; de hashes zijn opnieuw berekend",
                    "forged: the chain holds, but \(which) (line \(line)) has no valid signature; the hashes were recomputed")
        case .intact:
            break
        }
        switch binding {
        case .otherTranscript:
            return label + broken
                + language.pick(
                    "het bestand hoort bij een ander transcript (de file-id verschilt)",
                    "the file belongs to another transcript (the file id differs)")
        case .otherVersion:
            return label + broken
                + language.pick(
                    "gebonden aan een andere versie van het transcript: de laatste hash van het transcript is veranderd sinds de reflecties zijn gemaakt",
                    "bound to another version of the transcript: its final hash changed since the reflections were made")
        case .bound, .unchecked:
            break
        }
        let count = language.pick(
            "\(reflections) \(reflections == 1 ? "reflectie" : "reflecties")",
            "\(reflections) \(reflections == 1 ? "reflection" : "reflections")")
        let keys = signers.map { key in
            trusted.contains(key)
                ? language.pick("sleutel \(key.id) (vertrouwd)", "key \(key.id) (trusted)")
                : language.pick("ONBEKENDE sleutel \(key.id)", "UNKNOWN key \(key.id)")
        }
        let signed = language.pick("ondertekend met ", "signed by ") + keys.joined(separator: ", ")
        let bound =
            binding == .bound
            ? language.pick(", gebonden aan dit transcript", ", bound to this transcript")
            : language.pick(", binding aan het transcript niet gecontroleerd", ", binding to the transcript not checked")
        let hash = lastHash.map { language.pick(", laatste hash ", ", last hash ") + String($0.prefix(16)) } ?? ""
        let cut = cutTail.map { "; " + Self.message(for: $0, in: language) } ?? ""
        return label + language.pick("intact: ", "intact: ") + count + ", " + signed + bound + hash + cut
    }

    /// A cut-off last line of a reflections file: the next `gesprek annotate` mends it, not `repair`.
    static func message(for cut: CutTail, in language: DisplayLanguage) -> String {
        cut.onlyLineEndMissing
            ? language.pick(
                "laatste regel \(cut.line) mist alleen zijn regeleinde; de volgende gesprek annotate zet het erbij",
                "the last line (\(cut.line)) lacks only its line end; the next gesprek annotate adds it")
            : language.pick(
                "afgebroken laatste regel \(cut.line) (\(cut.bytes) bytes), nooit bevestigd; de volgende gesprek annotate haalt hem weg",
                "cut-off last line \(cut.line) (\(cut.bytes) bytes), never confirmed; the next gesprek annotate trims it")
    }
}
