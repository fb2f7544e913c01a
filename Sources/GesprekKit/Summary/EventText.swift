/// One event as a short line for people: for `history`, replay and reports.
package enum EventText {
    /// The kind in the user's words: `vraag`, `citaat`, `netwerk +`.
    public static func kind(_ kind: Event.Kind, language l: DisplayLanguage) -> String {
        switch kind {
        case .ask: l.pick("vraag", "question")
        case .note: l.pick("notitie", "note")
        case .say: l.pick("citaat", "quote")
        case .score: "score"
        case .networkAdd: l.pick("netwerk +", "network +")
        case .networkSet: l.pick("netwerk ~", "network ~")
        case .networkRemove: l.pick("netwerk −", "network −")
        case .mark: l.pick("markering", "marker")
        case .undo: l.pick("ingetrokken", "retracted")
        case .session: l.pick("sessie", "session")
        case .participant: l.pick("deelnemer", "participant")
        case .host: l.pick("eigen commando", "host command")
        }
    }

    /// What the event says, without its tags: `Lisa: Het gaat wel.`, `gezin.s1 3 (tevreden)`,
    /// `Raphaël (vader), trekt omlaag`, `Oma Ria: contact wekelijks, blijft na de hulp`.
    public static func content(_ event: Event, language l: DisplayLanguage) -> String {
        content(event.body, language: l)
    }

    /// What an event's body says (see ``content(_:language:)``).
    public static func content(_ body: Event.Body, language l: DisplayLanguage) -> String {
        switch body {
        case let .ask(text), let .note(text): text
        case let .say(speaker, text): "\(speaker): \(text)"
        case let .score(target, value, text):
            "\(target) \(value) (\(Scale.label(for: value, language: l) ?? ""))" + (text.map { " \($0)" } ?? "")
        case let .networkAdd(name, attributes): member(name, attributes, language: l)
        case let .networkSet(name, changes): "\(name): " + change(changes, language: l)
        case let .networkRemove(name): name
        case let .mark(label): label
        case let .undo(retracts): "#\(retracts)"
        case let .session(caseReference, advisor): [caseReference, advisor].compactMap { $0 }.joined(separator: ", ")
        case let .participant(p): p.name + (p.role.map { " (\($0))" } ?? "")
        case let .host(command, text, _): "\(command) \(text)"
        }
    }

    /// What the live session's confirmation says after the kind, so that it
    /// names what happened: ` Oma Ria (grootmoeder, steunend)` after `netwerk +`,
    /// `: notitie "Vader kookt…"` after `ingetrokken`. Without `showingInput`
    /// (stderr is not a terminal) no typed word: only the kind of a retracted line.
    /// `retracted` is the line an `undo` took back, when it is still at hand.
    public static func confirmationDetail(
        _ event: Event, retracted: Event?, language l: DisplayLanguage, showingInput: Bool = true
    ) -> String {
        if case .undo = event.body {
            guard let retracted else { return "" }
            let what = kind(retracted.kind, language: l)
            guard showingInput else { return ": " + what }
            return ": \(what) \"\(shortened(content(retracted, language: l)))\""
        }
        guard showingInput else { return "" }
        switch event.body {
        case let .networkAdd(name, attributes), let .networkSet(name, attributes):
            let parts = brief(attributes, language: l)
            return " \(name)" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
        case let .networkRemove(name): return " \(name)"
        case let .participant(p): return " \(p.name)" + (p.role.map { " (\($0))" } ?? "")
        case let .mark(label): return " \(label)"
        default: return ""
        }
    }

    /// `grootmoeder`, `steunend`, `praktisch+emotioneel`, `blijft`, `wekelijks`: the attributes in a few words.
    static func brief(_ a: NetworkAttributes, language l: DisplayLanguage) -> [String] {
        var parts: [String] = []
        if let role = a.role { parts.append(role) }
        if let influence = a.influence {
            let word =
                switch influence {
                case .positive: l.pick("steunend", "supporting")
                case .negative: l.pick("trekt omlaag", "drags down")
                case .neutral: l.pick("neutraal", "neutral")
                }
            parts.append(word)
        }
        if let support = a.support, !support.isEmpty {
            parts.append(l.pick("steun: ", "support: ") + support.map(\.rawValue).joined(separator: "+"))
        }
        if let stays = a.stays { parts.append(stays ? l.pick("blijft", "stays") : l.pick("blijft niet", "does not stay")) }
        if let distance = a.distance {
            parts.append(distance ? l.pick("op afstand", "at a distance") : l.pick("niet op afstand", "not at a distance"))
        }
        if let contact = a.contact { parts.append(l.pick("contact ", "contact ") + contact.rawValue) }
        return parts
    }

    /// The first words of a text, at most about 20 characters, with `…` when there is more.
    static func shortened(_ text: String, limit: Int = 20) -> String {
        guard text.count > limit else { return text }
        var kept = ""
        for word in text.split(separator: " ") {
            if !kept.isEmpty, kept.count + 1 + word.count > limit { break }
            kept += (kept.isEmpty ? "" : " ") + word
        }
        if kept.count > limit { kept = String(kept.prefix(limit)) }
        return kept + "…"
    }

    /// A person in the network in words: `Raphaël (vader), trekt omlaag`,
    /// `Sophie (vriendin), steunend, steun: gezelschap en emotioneel, contact dagelijks, blijft na de hulp`.
    /// Just the name when the role says the same (after anonymizing: `vader, trekt omlaag`).
    public static func member(_ name: String, _ attributes: NetworkAttributes, language l: DisplayLanguage) -> String {
        var role = attributes.role
        if let r = role?.lowercased(), name.lowercased() == r || name.lowercased().hasPrefix(r + " ") { role = nil }
        let person = name + (role.map { " (\($0))" } ?? "")
        var without = attributes
        without.role = nil
        let rest = change(without, language: l)
        return rest.isEmpty ? person : person + ", " + rest
    }

    /// What a `network set` changes, in words: `rol tante, contact wekelijks, blijft na de hulp`.
    public static func change(_ a: NetworkAttributes, language l: DisplayLanguage) -> String {
        var parts: [String] = []
        if let role = a.role { parts.append(l.pick("rol ", "role ") + role) }
        if let influence = a.influence {
            switch influence {
            case .positive: parts.append(l.pick("steunend", "supporting"))
            case .negative: parts.append(l.pick("trekt omlaag", "drags down"))
            case .neutral: parts.append(l.pick("neutraal", "neutral"))
            }
        }
        if let support = a.support {
            let kinds = support.map(\.rawValue)
            let listed =
                kinds.count > 1 ? kinds.dropLast().joined(separator: ", ") + l.pick(" en ", " and ") + kinds.last! : kinds.first ?? "–"
            parts.append(l.pick("steun: ", "support: ") + listed)
        }
        if let contact = a.contact { parts.append("contact " + contact.rawValue) }
        if let stays = a.stays {
            parts.append(
                stays
                    ? l.pick("blijft na de hulp", "stays after the help") : l.pick("blijft niet na de hulp", "does not stay after the help")
            )
        }
        if let distance = a.distance {
            parts.append(
                distance ? l.pick("op afstand houden", "keep at a distance") : l.pick("niet meer op afstand", "no longer at a distance"))
        }
        return parts.joined(separator: ", ")
    }

    /// `23-11-2026 09:00` (Dutch) or `2026-11-23 09:00` from an ISO time; as given when it is not one.
    public static func date(_ iso: String, language l: DisplayLanguage) -> String {
        let characters = Array(iso)
        guard characters.count >= 16, characters[4] == "-", characters[7] == "-", characters[10] == "T" else { return iso }
        let (year, month, day) = (String(characters[0..<4]), String(characters[5..<7]), String(characters[8..<10]))
        let time = String(characters[11..<16])
        return l.pick("\(day)-\(month)-\(year) \(time)", "\(year)-\(month)-\(day) \(time)")
    }

    /// `m:ss` or `h:mm:ss` since the start.
    public static func clock(_ seconds: Double) -> String {
        // Whole seconds; a value no clock can show (negative, not finite, absurdly large) shows as 0:00.
        let total = seconds.isFinite && seconds > 0 ? Int(min(seconds, 1e15)) : 0
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// The list of what was recorded, retracted events marked.
    public static func history(_ events: [Event], language l: DisplayLanguage) -> String {
        guard !events.isEmpty else { return l.pick("Nog niets vastgelegd.", "Nothing recorded yet.") }
        let retracted = Retractions.sequences(in: events)
        return events.map { event in
            let dims = event.dimensions.map { String($0.rawValue.prefix(1)) }.joined()
            let mark = retracted.contains(event.sequence) ? l.pick(" (ingetrokken)", " (retracted)") : ""
            return "\(String(event.sequence).leftPadded(4))  \(clock(event.elapsed).leftPadded(7))  "
                + "\(kind(event.kind, language: l).padding(toLength: 12)) \(dims.padding(toLength: 4)) \(content(event, language: l))\(mark)"
        }.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
