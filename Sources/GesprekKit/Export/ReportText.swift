/// Short texts that every export shares: kinds, dimensions, network
/// attributes, times and numbers, in Dutch or English.
enum ReportText {
    /// `vraag`, `citaat`, … as in the live session.
    static func kind(_ kind: Event.Kind, _ l: DisplayLanguage) -> String {
        EventText.kind(kind, language: l)
    }

    /// `vertrekpunt, sociaal`, or empty.
    static func dimensions(_ dimensions: [Dimension]) -> String {
        dimensions.map(\.rawValue).joined(separator: ", ")
    }

    /// What the event says, in full: a network line with its attributes spelled out.
    static func content(_ event: Event, _ l: DisplayLanguage) -> String {
        switch event.body {
        case let .score(target, value, text):
            let item = Questionnaire.item(target).map { " — \($0.text)" } ?? ""
            return "\(target) \(value) (\(Scale.label(for: value, language: l) ?? ""))" + (text.map { ": \($0)" } ?? "") + item
        case let .networkAdd(name, attributes), let .networkSet(name, attributes):
            let described = self.attributes(attributes, l)
            return described.isEmpty ? name : "\(name) — \(described)"
        case let .undo(retracts):
            return l.pick("trekt regel #\(retracts) in", "retracts line #\(retracts)")
        case let .session(caseReference, advisor):
            return [caseReference.map { l.pick("dossier ", "case ") + $0 }, advisor.map { l.pick("adviseur ", "advisor ") + $0 }]
                .compactMap { $0 }.joined(separator: ", ")
        case let .participant(p):
            return person(p.name, role: p.role)
        default:
            return EventText.content(event, language: l)
        }
    }

    /// `rol grootmoeder; steunend (+); steun: praktisch, emotioneel; blijft; contact wekelijks`.
    static func attributes(_ a: NetworkAttributes, _ l: DisplayLanguage) -> String {
        var parts: [String] = []
        if let role = a.role { parts.append(l.pick("rol ", "role ") + role) }
        if let influence = a.influence { parts.append(self.influence(influence, l)) }
        if let support = a.support, !support.isEmpty {
            parts.append(l.pick("steun: ", "support: ") + support.map(\.rawValue).joined(separator: ", "))
        }
        if let stays = a.stays {
            parts.append(stays ? l.pick("blijft na de hulp", "stays after the help") : l.pick("blijft niet", "does not stay"))
        }
        if let distance = a.distance, distance { parts.append(l.pick("op afstand houden", "keep at a distance")) }
        if let contact = a.contact { parts.append(l.pick("contact ", "contact ") + contact.rawValue) }
        return parts.joined(separator: "; ")
    }

    /// `steunend (+)`, `trekt omlaag (−)`, `neutraal (=)`.
    static func influence(_ influence: Influence, _ l: DisplayLanguage) -> String {
        switch influence {
        case .positive: l.pick("steunend (+)", "supporting (+)")
        case .negative: l.pick("trekt omlaag (−)", "drags down (−)")
        case .neutral: l.pick("neutraal (=)", "neutral (=)")
        }
    }

    /// `Ellen (moeder)`; just the name when the role says the same (after anonymizing: `moeder`).
    static func person(_ name: String, role: String?) -> String {
        guard let role, !role.isEmpty else { return name }
        let n = name.lowercased(), r = role.lowercased()
        return n == r || n.hasPrefix(r + " ") ? name : "\(name) (\(role))"
    }

    /// `09:00:40` from `2026-11-23T09:00:40.000+00:00`; the text itself when it has another form.
    static func wallClock(_ time: String) -> String {
        let characters = Array(time)
        guard characters.count >= 19, characters[10] == "T" else { return time }
        return String(characters[11..<19])
    }

    /// `23-11-2026 09:00` (nl) or `2026-11-23 09:00` (en) from the header's start.
    static func date(_ started: String, _ l: DisplayLanguage) -> String {
        let c = Array(started)
        guard c.count >= 16, c[4] == "-", c[7] == "-", c[10] == "T" else { return started }
        let (year, month, day, time) = (String(c[0..<4]), String(c[5..<7]), String(c[8..<10]), String(c[11..<16]))
        return l == .nl ? "\(day)-\(month)-\(year) \(time)" : "\(year)-\(month)-\(day) \(time)"
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        EventText.clock(seconds)
    }

    /// One decimal, with a comma in Dutch: `3,3`.
    static func decimal(_ value: Double, _ l: DisplayLanguage) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(l == .nl ? "," : ".")\(tenths % 10)"
    }

    /// Padded with spaces on the right to `length` characters.
    static func pad(_ text: String, _ length: Int) -> String {
        text.count >= length ? text : text + String(repeating: " ", count: length - text.count)
    }

    /// `1 vraag`, `2 vragen`.
    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }
}
