/// The transcript as a table with one row per event, for a spreadsheet or a
/// script. Columns: `seq, elapsed, time, kind, dimensions, tags, who, target,
/// value, label, text, retracted`. Lists (dimensions, tags) are separated by
/// spaces; `who` is the speaker of a quote or the name of a network member or
/// participant; `target` the item or dimension of a score (for `undo`: the
/// `seq` it retracts); `label` a score's label or a marker's label; `text`
/// what was asked, noted, said or given with a score, and for other kinds
/// their attributes (`role=grootmoeder influence=+ …`); `retracted` is `true`
/// for an event taken back by `undo`. Kinds and values are the transcript's own.
///
/// The team's reflections (`gesprek annotate`) are rows of their own, right
/// after the line they are about: `kind` is `reflection`, `seq` and `elapsed`
/// are those of that line, `time` when the reflection was added, `who` is
/// `team`, `target` the reflection's own number, `label` its kind
/// (`observation`, `hypothesis`, `agreement`, `question`) and `text` the
/// reflection (a marker it was given with, in `value`). A reflection about a
/// line the transcript does not have comes after the last row. As every cell,
/// a text that a spreadsheet would take for a formula starts with `'`.
public enum EventsCSV {
    /// The column names of the first row.
    public static let columns = [
        "seq", "elapsed", "time", "kind", "dimensions", "tags", "who", "target", "value", "label",
        "text", "retracted",
    ]

    /// The header row and one row per event, RFC 4180 (CRLF, quotes where needed).
    public static func render(_ transcript: Transcript) -> String {
        let retracted = Retractions.sequences(in: transcript.events)
        guard !transcript.reflections.isEmpty else {
            return CSVText.document([columns] + transcript.events.map { row($0, retracted: retracted.contains($0.sequence)) })
        }
        let reflections = ReflectionText.byMoment(transcript.reflections)
        var rows = [columns]
        for event in transcript.events {
            rows.append(row(event, retracted: retracted.contains(event.sequence)))
            rows += (reflections[event.sequence] ?? []).map { row($0, elapsed: event.elapsed) }
        }
        rows += ReflectionText.unplaced(transcript.reflections, sequences: transcript.events.map(\.sequence)).map { row($0, elapsed: nil) }
        return CSVText.document(rows)
    }

    /// A reflection's row; `elapsed` is that of the line it is about, when the transcript has it.
    static func row(_ reflection: Reflection, elapsed: Double?) -> [String] {
        let r = ReflectionText.visible(reflection)
        return [
            String(r.moment), elapsed.map(CSVText.seconds) ?? "", r.time, "reflection",
            r.dimensions.map(\.rawValue).joined(separator: " "), r.tags.joined(separator: " "),
            "team", String(r.sequence), r.marker ?? "", r.kind.rawValue, r.text, "false",
        ]
    }

    static func row(_ event: Event, retracted: Bool) -> [String] {
        var who = "", target = "", value = "", label = "", text = ""
        switch event.body {
        case let .ask(t), let .note(t): text = t
        case let .say(speaker, t): (who, text) = (speaker, t)
        case let .score(t, v, note): (target, value, label, text) = (t, String(v), Scale.label(for: v) ?? "", note ?? "")
        case let .networkAdd(name, a), let .networkSet(name, a): (who, text) = (name, attributes(a))
        case let .networkRemove(name): who = name
        case let .mark(l): label = l
        case let .undo(retracts): target = String(retracts)
        case let .session(c, a): text = [c.map { "case=\($0)" }, a.map { "advisor=\($0)" }].compactMap { $0 }.joined(separator: " ")
        case let .participant(p): (who, text) = (p.name, p.role.map { "role=\($0)" } ?? "")
        case let .host(command, t, fields):
            (target, text) = (command, ([t] + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " "))
        }
        return [
            String(event.sequence), CSVText.seconds(event.elapsed), event.time, event.kind.rawValue,
            event.dimensions.map(\.rawValue).joined(separator: " "), event.tags.joined(separator: " "),
            who, target, value, label, text, retracted ? "true" : "false",
        ]
    }

    /// `role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes`, the keys as typed.
    static func attributes(_ a: NetworkAttributes) -> String {
        var parts: [String] = []
        if let role = a.role { parts.append("role=\(role)") }
        if let influence = a.influence { parts.append("influence=\(influence.rawValue)") }
        if let support = a.support { parts.append("support=" + support.map(\.rawValue).joined(separator: ",")) }
        if let stays = a.stays { parts.append("stays=\(stays ? "yes" : "no")") }
        if let distance = a.distance { parts.append("distance=\(distance ? "yes" : "no")") }
        if let contact = a.contact { parts.append("contact=\(contact.rawValue)") }
        return parts.joined(separator: " ")
    }
}
