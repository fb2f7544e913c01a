#if canImport(Glibc)
    import Glibc
#endif

/// Reads a caseload row (``SummaryRow``) straight from a transcript's bytes,
/// without making events or a ``Summary``: of each line it keeps only kind,
/// dimensions, tags, seq, elapsed, and the retracted seq, score target,
/// network name or case; every other value is only checked.
///
/// It reads what gesprek writes. Anything out of the ordinary (whitespace
/// between tokens, an escape in a name or key, `\u` escapes, numbers written
/// as `3.0` or `1e2`, a key given twice, a blank or cut-off line, a line the
/// full reader would refuse) makes it give up with nil, and the caller reads
/// the file the full way, which gives the same row or the precise error. So
/// it accepts only what the full reader accepts, and its rows equal
/// `SummaryRow(name:summary:)` (the tests compare both, line mutations included).
struct SummaryRowScanner {
    /// The figures of each event line, kept until the retractions are known (an `undo` comes after what it takes back).
    private var events: [EventFigures] = []
    /// The seqs taken back by `undo`, sorted.
    private var retracted: [Int] = []
    /// The names the scan looks for, fetched once per scanner rather than at every key.
    private let names = ScanNames.shared

    /// The row of the transcript in `bytes`, or nil when it needs the full reader.
    mutating func row(name: String, transcript bytes: UnsafeBufferPointer<UInt8>) -> SummaryRow? {
        // A file that does not end in a newline is empty or was cut off: the full reader warns about that.
        guard let base = bytes.baseAddress, bytes.last == 0x0A else { return nil }
        let headerEnd = base.distance(to: memchr(base, 0x0A, bytes.count)!.assumingMemoryBound(to: UInt8.self))
        guard let header = try? TranscriptDecoder.header(UnsafeBufferPointer(start: base, count: headerEnd)) else { return nil }
        events.removeAll(keepingCapacity: true)
        // The last byte is a newline, so every line ends in one, at which each step of the scan stops at the latest.
        var lines = LineReader(base: base, position: headerEnd + 1, loadLimit: bytes.count, names: names)
        while lines.position < bytes.count {
            if let closingEnd = Self.closingLineEnd(base, lines.position, bytes.count) {
                // The closing record (version 3) is no event.
                lines.position = closingEnd
                continue
            }
            guard let figures = try? lines.event() else { return nil }
            events.append(figures)
        }
        return summarised(name: name, caseReference: header.details.caseReference, base: base)
    }

    /// Where the line after a closing line at `start` begins; nil when the line at `start` is none.
    private static func closingLineEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        let prefix = TranscriptFormat.closingStart
        guard count - start > prefix.count, memcmp(base + start, prefix, prefix.count) == 0,
            let newline = memchr(base + start, 0x0A, count - start)
        else { return nil }
        return base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// The row, worked out as ``Summary`` does: retracted events and `undo` lines left out.
    private mutating func summarised(name: String, caseReference: String?, base: UnsafePointer<UInt8>) -> SummaryRow {
        retracted.removeAll(keepingCapacity: true)
        for event in events where event.kind == .undo { retracted.append(event.retracts) }
        retracted.sort()
        var row = SummaryRow(name: name)
        var caseSpan: StringSpan?
        var members = NetworkNames(
            byBytes: events.allSatisfy { event in
                event.kind != .networkAdd && event.kind != .networkRemove || NetworkNames.isLatin1(event.text, base)
            })
        // Score targets are told apart as Strings. Plain ASCII ones of up to 16 bytes, as item ids and
        // dimensions are, are equal exactly when their bytes are, so those compare packed; any other
        // target makes the transcript compare Strings.
        let packedTargets = events.allSatisfy { $0.kind != .score || $0.packedTarget.count >= 0 }
        var targetWords: Set<PackedName> = [], targetStrings: Set<String> = []
        var perDimension = SIMD4<Int32>(), questions = SIMD4<Int32>()
        for event in events where event.kind != .undo {
            if !retracted.isEmpty, isRetracted(event.sequence) { continue }
            row.events += 1
            row.duration = max(row.duration, event.elapsed)
            if event.strength { row.strengths += 1 }
            if event.vulnerability { row.vulnerabilities += 1 }
            switch event.kind {
            case .networkAdd: members.add(event.text, base)
            case .networkRemove: members.remove(event.text, base)
            case .score where packedTargets: targetWords.insert(event.packedTarget)
            case .score: targetStrings.insert(event.text.string(base))
            case .session where event.text.isSet: caseSpan = event.text
            default: break
            }
            guard event.kind.countsTowardCoverage else { continue }
            perDimension &+= event.dimensions
            if event.kind == .ask { questions &+= event.dimensions }
        }
        row.caseReference = caseSpan.map { $0.string(base) } ?? caseReference
        row.retracted = retracted.indices.count { $0 == 0 || retracted[$0] != retracted[$0 - 1] }
        row.scores = packedTargets ? targetWords.count : targetStrings.count
        row.networkMembers = members.count
        for (slot, dimension) in Dimension.allCases.enumerated() {
            row.perDimension[dimension] = Int(perDimension[slot])
            row.questions[dimension] = Int(questions[slot])
            if perDimension[slot] == 0 { row.untouched.append(dimension) }
        }
        return row
    }

    private func isRetracted(_ sequence: Int) -> Bool {
        var low = 0, high = retracted.count
        while low < high {
            let middle = (low + high) / 2
            if retracted[middle] < sequence { low = middle + 1 } else { high = middle }
        }
        return low < retracted.count && retracted[low] == sequence
    }
}

/// Who is in the network at the end, told apart as ``Network`` does: by
/// `lowercased()` and String equality (which ignores case and canonical
/// equivalence). Names within Latin-1, as Dutch names are, are always in NFC
/// and lowercase byte by byte, so for those the bytes are compared; a
/// transcript with any other name compares Strings, with Unicode's tables.
struct NetworkNames {
    private let byBytes: Bool
    private var bytes: Set<LoweredName> = []
    private var strings: Set<String> = []

    init(byBytes: Bool) {
        self.byBytes = byBytes
    }

    var count: Int { byBytes ? bytes.count : strings.count }

    fileprivate mutating func add(_ name: StringSpan, _ base: UnsafePointer<UInt8>) {
        if byBytes {
            bytes.insert(LoweredName(bytes: Self.latin1Lowercased(name, base)))
        } else {
            strings.insert(name.string(base).lowercased())
        }
    }

    fileprivate mutating func remove(_ name: StringSpan, _ base: UnsafePointer<UInt8>) {
        if byBytes {
            bytes.remove(LoweredName(bytes: Self.latin1Lowercased(name, base)))
        } else {
            strings.remove(name.string(base).lowercased())
        }
    }

    /// A name's bytes, hashed in one go (an array hashes byte by byte).
    private struct LoweredName: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// Whether the name is written without escapes and within U+0000–U+00FF (in UTF-8: ASCII, or C2 or C3 and one more byte).
    fileprivate static func isLatin1(_ name: StringSpan, _ base: UnsafePointer<UInt8>) -> Bool {
        guard !name.escaped else { return false }
        if name.ascii { return true }
        var i = name.start
        while i < name.start + name.count {
            let byte = base[i]
            if byte < 0x80 { i += 1; continue }
            guard byte == 0xC2 || byte == 0xC3 else { return false }
            i += 2
        }
        return true
    }

    fileprivate static func latin1Lowercased(_ name: StringSpan, _ base: UnsafePointer<UInt8>) -> [UInt8] {
        latin1Lowercased(UnsafeBufferPointer(start: base + name.start, count: name.count))
    }

    /// `lowercased()` of a Latin-1 name, on its UTF-8: A–Z and À–Þ (but not ×) move down by 0x20 code points.
    static func latin1Lowercased(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lowered = Array(utf8)
        var i = 0
        while i < lowered.count {
            let byte = lowered[i]
            if byte &- UInt8(ascii: "A") < 26 { lowered[i] = byte | 0x20 }
            if byte == 0xC3, (0x80...0x9E).contains(lowered[i + 1]), lowered[i + 1] != 0x97 { lowered[i + 1] += 0x20 }
            i += byte < 0x80 ? 1 : 2
        }
        return lowered
    }
}

/// What a line gives: kind, dimensions and tags, seq and elapsed, and one string that matters for its kind.
private struct EventFigures {
    var sequence = 0
    var elapsed = 0.0
    var kind = Event.Kind.note
    /// How often each dimension is named, in the order of `Dimension.allCases`.
    var dimensions = SIMD4<Int32>()
    var strength = false
    var vulnerability = false
    /// For `undo`: the seq it takes back.
    var retracts = 0
    /// The score's target, the network member's name, or the session's case.
    var text = StringSpan()
    /// The score's target packed, when it is plain ASCII of up to 16 bytes.
    var packedTarget = PackedName()
}

/// Where a string value stands in the transcript's bytes (between its quotes), checked.
private struct StringSpan {
    var start = 0
    var count = -1
    var escaped = false
    var ascii = true

    var isSet: Bool { count >= 0 }

    func string(_ base: UnsafePointer<UInt8>) -> String {
        RawString(bytes: UnsafeBufferPointer(start: base + start, count: count), escaped: escaped, ascii: ascii).string
    }
}

/// The scanner gives up on this line; the file is read the full way.
private struct GiveUp: Error {}

/// Scans one event line, up to and with its newline. No step accepts a
/// newline but the last, so single-byte reads never pass it; loads of
/// several bytes stay below `loadLimit`, the end of the transcript.
/// The names the scan tells apart, from ``TranscriptFormat`` and the model.
struct ScanNames: Sendable {
    /// Made once: the tables are constants.
    static let shared = ScanNames()

    let keys = TranscriptFormat.eventKeyTable
    let kinds = TranscriptFormat.kindTable
    let dimensionSlots = PackedNameTable(Dimension.allCases.enumerated().map { (PackedName($1.rawValue), $0) })
    let strength = PackedName(TagSet.strength)
    let vulnerability = PackedName(TagSet.vulnerability)
}

private struct LineReader {
    let base: UnsafePointer<UInt8>
    var position: Int
    let loadLimit: Int

    /// Deeper nesting is left to the full reader (which refuses beyond 128).
    static let maximumDepth = 64

    private var current: UInt8 { base[position] }

    /// The keys, kinds, dimensions and counted tags by their names in the transcript.
    let names: ScanNames

    mutating func event() throws(GiveUp) -> EventFigures {
        var figures = EventFigures()
        // The keys read into the figures, to give up on one given twice (the full reader keeps the last).
        var seen = TranscriptFormat.EventKeys()
        // What the line's kind requires: every key, until the kind is known.
        var required = TranscriptFormat.EventKeys(rawValue: .max)
        var value = -1
        var target = StringSpan(), name = StringSpan(), caseReference = StringSpan()
        try expect(.openBrace)
        repeat {
            guard current == .quote else { throw GiveUp() }
            let key = names.keys.value(try keyName())
            func mark(_ key: TranscriptFormat.EventKey) throws(GiveUp) {
                guard !seen.contains(key) else { throw GiveUp() }
                seen.insert(TranscriptFormat.EventKeys(key))
            }
            switch key {
            case .seq: try mark(.seq); figures.sequence = try integer()
            case .elapsed: try mark(.elapsed); figures.elapsed = try decimal()
            case .kind: try mark(.kind); (figures.kind, required) = try kind()
            case .dimensions: try mark(.dimensions); try dimensions(into: &figures)
            case .tags: try mark(.tags); try tags(into: &figures)
            case .text: try mark(.text); _ = try stringValue()
            case .speaker: try mark(.speaker); _ = try stringValue()
            case .name: try mark(.name); name = try stringValue()
            case .target: try mark(.target); target = try stringValue()
            case .value: try mark(.value); value = try integer()
            case .label: try mark(.label); _ = try stringValue()
            case .retracts: try mark(.retracts); figures.retracts = try integer()
            case .caseReference: try mark(.caseReference); caseReference = try stringValue()
            case .command: try mark(.command); _ = try stringValue()
            default: try skipValue(depth: 1)
            }
        } while try continues(until: .closeBrace)
        try expect(0x0A)

        // What the full reader requires, from the format's table; without it, it reports the line.
        if seen.contains(.elapsed), !TranscriptFormat.elapsedRange.contains(figures.elapsed) { throw GiveUp() }
        if !TranscriptFormat.valueRange.contains(value) { seen.remove(TranscriptFormat.EventKeys(.value)) }
        guard seen.isSuperset(of: required) else { throw GiveUp() }
        switch figures.kind {
        case .score:
            figures.text = target
            if target.ascii, !target.escaped { figures.packedTarget = packed(target) }
        case .networkAdd, .networkSet, .networkRemove:
            figures.text = name
        case .session:
            figures.text = caseReference
        default:
            break
        }
        return figures
    }

    // MARK: - The values that count

    private mutating func kind() throws(GiveUp) -> (Event.Kind, TranscriptFormat.EventKeys) {
        guard let kind = names.kinds.value(packed(try plainString())) else { throw GiveUp() }
        return kind
    }

    /// Counts each dimension named; unknown names are left out, as the full reader does.
    private mutating func dimensions(into figures: inout EventFigures) throws(GiveUp) {
        try expect(.openBracket)
        if current == .closeBracket { position += 1; return }
        repeat {
            if let slot = names.dimensionSlots.value(packed(try plainString())) { figures.dimensions[slot] += 1 }
        } while try continues(until: .closeBracket)
    }

    private mutating func tags(into figures: inout EventFigures) throws(GiveUp) {
        try expect(.openBracket)
        if current == .closeBracket { position += 1; return }
        repeat {
            guard current == .quote else { throw GiveUp() }
            let span = try string()
            guard !span.escaped else { throw GiveUp() }
            let tag = packed(span)
            if tag == names.strength { figures.strength = true } else if tag == names.vulnerability { figures.vulnerability = true }
        } while try continues(until: .closeBracket)
    }

    // MARK: - Names as words

    /// The string's bytes packed; a count of -1 (matching no name) when longer than 16.
    @inline(__always)
    private func packed(_ span: StringSpan) -> PackedName {
        packed(span.start, span.count)
    }

    @inline(__always)
    private func packed(_ start: Int, _ count: Int) -> PackedName {
        guard count <= 16 else { return PackedName() }
        var packed = PackedName(low: 0, high: 0, count: count)
        if start + 16 <= loadLimit {
            let raw = UnsafeRawPointer(base + start)
            packed.low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            packed.high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // Only the name's bytes: a shift by 64 or more gives 0 (Swift's `<<` does not wrap).
            if count < 8 {
                packed.low &= (1 << (8 * count)) &- 1
                packed.high = 0
            } else {
                packed.high &= (1 << (8 * (count - 8))) &- 1
            }
        } else {
            packed = PackedName(UnsafeBufferPointer(start: base + start, count: count))
        }
        return packed
    }

    /// A member's key, checked; the position is past its colon. A key with
    /// escapes is left to the full reader (which unescapes keys before matching).
    private mutating func keyName() throws(GiveUp) -> PackedName {
        let start = position + 1
        // Keys are short ASCII words: the closing quote is found in the first 16 bytes, a word at a time.
        if start + 16 <= loadLimit {
            let raw = UnsafeRawPointer(base + start)
            var name = PackedName()
            name.low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let lowSpecial = JSONScanner.specialBytes(name.low)
            if lowSpecial != 0 {
                let count = lowSpecial.trailingZeroBitCount / 8
                if UInt8(truncatingIfNeeded: name.low >> (8 * count)) == .quote {
                    name.low &= (1 << (8 * count)) &- 1
                    name.count = count
                    position = start + count + 1
                    try expect(.colon)
                    return name
                }
            } else {
                name.high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                let highSpecial = JSONScanner.specialBytes(name.high)
                if highSpecial != 0 {
                    let count = highSpecial.trailingZeroBitCount / 8
                    if UInt8(truncatingIfNeeded: name.high >> (8 * count)) == .quote {
                        name.high &= (1 << (8 * count)) &- 1
                        name.count = 8 + count
                        position = start + 8 + count + 1
                        try expect(.colon)
                        return name
                    }
                }
            }
        }
        // Longer, not plain ASCII, or near the end: as any string.
        let span = try string()
        guard !span.escaped else { throw GiveUp() }
        try expect(.colon)
        return span.ascii ? packed(span) : PackedName()
    }

    /// A string, with escapes or not.
    private mutating func stringValue() throws(GiveUp) -> StringSpan {
        guard current == .quote else { throw GiveUp() }
        return try string()
    }

    /// A string of ASCII without escapes, which can be compared as it stands.
    private mutating func plainString() throws(GiveUp) -> StringSpan {
        let span = try stringValue()
        guard !span.escaped, span.ascii else { throw GiveUp() }
        return span
    }

    /// `-? (0 | [1-9][0-9]*)`, at most 18 digits: what the full reader reads as that Int.
    private mutating func integer() throws(GiveUp) -> Int {
        let negative = current == UInt8(ascii: "-")
        if negative { position += 1 }
        let magnitude = try digits()
        return negative ? -magnitude : magnitude
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)?`, computed as the full reader does (one exact
    /// division when the digits fit in a Double's 53 bits).
    private mutating func decimal() throws(GiveUp) -> Double {
        let negative = current == UInt8(ascii: "-")
        if negative { position += 1 }
        let whole = try digits()
        var value = Double(whole)
        if current == UInt8(ascii: ".") {
            position += 1
            let start = position
            let fraction = try digits(leadingZeros: true)
            let fractionDigits = position - start
            guard fractionDigits <= 15 else { throw GiveUp() }
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: Self.powersOfTen[fractionDigits])
            guard !overflow, scaled < 1 << 53, scaled + fraction < 1 << 53 else { throw GiveUp() }
            value = Double(scaled + fraction) / Double(Self.powersOfTen[fractionDigits])
        }
        return negative ? -value : value
    }

    private static let powersOfTen: [Int] = (0...18).map { exponent in (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// One or more digits, at most 18 (no overflow, and no number the full reader could refuse
    /// as too large); a leading zero only alone, unless `leadingZeros`.
    private mutating func digits(leadingZeros: Bool = false) throws(GiveUp) -> Int {
        let start = position
        var value = 0
        while current &- UInt8(ascii: "0") < 10 {
            value = value &* 10 &+ Int(current &- UInt8(ascii: "0"))
            position += 1
        }
        let count = position - start
        guard count > 0, count <= 18, leadingZeros || count == 1 || base[start] != UInt8(ascii: "0") else { throw GiveUp() }
        return value
    }

    // MARK: - Checking what is skipped

    /// Moves past any value, checking it as strictly as the full reader would.
    private mutating func skipValue(depth: Int) throws(GiveUp) {
        switch current {
        case .quote: _ = try string()
        case .openBrace:
            guard depth < Self.maximumDepth else { throw GiveUp() }
            position += 1
            if current == .closeBrace { position += 1; return }
            repeat {
                guard current == .quote else { throw GiveUp() }
                _ = try string()
                try expect(.colon)
                try skipValue(depth: depth + 1)
            } while try continues(until: .closeBrace)
        case .openBracket:
            guard depth < Self.maximumDepth else { throw GiveUp() }
            position += 1
            if current == .closeBracket { position += 1; return }
            repeat { try skipValue(depth: depth + 1) } while try continues(until: .closeBracket)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try decimal()
        default: throw GiveUp()
        }
    }

    private mutating func literal(_ word: StaticString) throws(GiveUp) {
        // Byte by byte: a mismatch stops at the line's newline at the latest.
        for i in 0..<word.utf8CodeUnitCount {
            guard current == word.utf8Start[i] else { throw GiveUp() }
            position += 1
        }
    }

    /// The string whose opening quote is here: its bytes checked (no control
    /// characters, known escapes, well-formed UTF-8), and the position past its closing quote.
    private mutating func string() throws(GiveUp) -> StringSpan {
        position += 1
        var span = StringSpan(start: position)
        while true {
            // Eight bytes at a time up to the first that needs a look.
            position = JSONScanner.pastPlainBytes(base, from: position, limit: loadLimit)
            let byte = current
            if byte == .quote { break }
            if byte == .backslash {
                switch base[position + 1] {
                case .quote, .backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    span.escaped = true
                    position += 2
                default:
                    throw GiveUp()  // `\u`, left to the full reader, or a bad escape
                }
            } else if byte < 0x20 {
                throw GiveUp()
            } else if byte < 0x80 {
                position += 1
            } else {
                try utf8Sequence()
                span.ascii = false
            }
        }
        span.count = position - span.start
        position += 1
        return span
    }

    /// Moves past one well-formed UTF-8 sequence of two to four bytes (Unicode table 3-7).
    private mutating func utf8Sequence() throws(GiveUp) {
        guard let (length, second) = RawString.utf8Sequence(lead: current) else { throw GiveUp() }
        // Checked one at a time, so that the newline stops it.
        guard second.contains(base[position + 1]) else { throw GiveUp() }
        if length > 2 { guard base[position + 2] & 0xC0 == 0x80 else { throw GiveUp() } }
        if length > 3 { guard base[position + 3] & 0xC0 == 0x80 else { throw GiveUp() } }
        position += length
    }

    private mutating func expect(_ byte: UInt8) throws(GiveUp) {
        guard current == byte else { throw GiveUp() }
        position += 1
    }

    /// After a member or element: true at a comma, false at the closing bracket. No whitespace.
    private mutating func continues(until closing: UInt8) throws(GiveUp) -> Bool {
        let byte = current
        position += 1
        if byte == .comma { return true }
        if byte == closing { return false }
        throw GiveUp()
    }
}
