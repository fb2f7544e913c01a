#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A ``CaseHistory`` as text, Markdown, HTML or JSON for `gesprek case`.
/// The JSON is described by `Transcripts/case.schema.json`; the HTML is one
/// self-contained page with a small chart per item and the ecogram of every
/// conversation side by side. The team's reflections (`gesprek annotate`)
/// come last, per conversation, by moment.
public enum CaseReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, md, html, json
    }

    public static func render(_ history: CaseHistory, format: Format, language l: DisplayLanguage) -> String {
        switch format {
        case .text: text(history, l)
        case .md: markdown(history, l)
        case .html: html(history, l)
        case .json: json(history, l)
        }
    }

    // MARK: - Shared wording

    /// `23-11-2026 09:00, adviseur Anna`.
    /// Pretty, sorted, slashes as they are: what `JSONSerialization` wrote before.
    private static var jsonWriter: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func heading(_ c: CaseHistory.Conversation, _ l: DisplayLanguage) -> String {
        ReportText.date(c.started, l) + (c.advisor.map { l.pick(", adviseur ", ", advisor ") + $0 } ?? "")
    }

    /// `4 → 2 (−2)`, with `·` where an item was not scored.
    static func values(_ row: CaseHistory.ItemScores) -> String {
        row.values.map { $0.map(String.init) ?? "·" }.joined(separator: " → ") + (row.change.map { " (\(signed($0)))" } ?? "")
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "±0" }

    /// What a network change says: `komt erbij`, `valt weg`, or the attributes that changed, old → new.
    static func change(_ change: CaseHistory.NetworkChange, _ l: DisplayLanguage) -> String {
        switch change.shift {
        case .joined: return l.pick("komt erbij", "joins")
        case .left: return l.pick("valt weg", "leaves")
        case let .changed(from, to):
            var parts: [String] = []
            func add(_ name: String, _ old: String?, _ new: String?) {
                if old != new { parts.append("\(name) \(old ?? "–") → \(new ?? "–")") }
            }
            add(l.pick("rol", "role"), from.role, to.role)
            add(
                l.pick("invloed", "influence"), from.influence.map { ReportText.influence($0, l) },
                to.influence.map { ReportText.influence($0, l) })
            add(
                l.pick("steun", "support"), from.support.map { $0.map(\.rawValue).joined(separator: ", ") },
                to.support.map { $0.map(\.rawValue).joined(separator: ", ") })
            add(
                l.pick("blijft", "stays"), from.stays.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") },
                to.stays.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") })
            add(
                l.pick("afstand", "distance"), from.distance.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") },
                to.distance.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") })
            add("contact", from.contact?.rawValue, to.contact?.rawValue)
            return parts.joined(separator: "; ")
        }
    }

    /// `Reflecties van het team per gesprek` or `Team reflections per conversation`.
    static func reflectionsTitle(_ l: DisplayLanguage) -> String {
        l.pick("Reflecties van het team per gesprek", "Team reflections per conversation")
    }

    /// `bij #12 (3:12) hypothese · motivationeel: …` for each reflection of a conversation.
    static func reflectionLines(_ c: CaseHistory.Conversation, _ l: DisplayLanguage) -> [String] {
        c.summary.reflections.map { r in
            ReflectionText.moment(r, elapsed: c.summary.reflectionTimes[r.moment], language: l) + " " + ReflectionText.line(r, language: l)
        }
    }

    /// Whether any conversation has reflections of the team.
    static func hasReflections(_ h: CaseHistory) -> Bool {
        h.conversations.contains { !$0.summary.reflections.isEmpty }
    }

    /// Per dimension: `✓` touched with a question, `~` touched without one, `–` not touched.
    static func coverage(_ summary: Summary) -> [(Dimension, String)] {
        Dimension.allCases.map { d in
            let c = summary.coverage[d] ?? Summary.Coverage()
            return (d, !c.isTouched ? "–" : c.questions == 0 ? "~" : "✓")
        }
    }

    // MARK: - Text

    static func text(_ h: CaseHistory, _ l: DisplayLanguage) -> String {
        var out = l.pick("Dossier ", "Case ") + VisibleText.escaped(h.caseReference) + " — "
        out +=
            l.pick(
                "\(h.conversations.count) gesprek\(h.conversations.count == 1 ? "" : "ken")",
                "\(h.conversations.count) conversation\(h.conversations.count == 1 ? "" : "s")") + "\n"
        for (i, c) in h.conversations.enumerated() {
            out += "  \(i + 1). " + VisibleText.escaped(heading(c, l)) + "  (" + VisibleText.escaped(c.source) + ")\n"
        }
        out +=
            "\n"
            + l.pick(
                "Dimensies per gesprek (✓ met vragen, ~ zonder vragen, – niet aan bod)",
                "Dimensions per conversation (✓ with questions, ~ without questions, – not touched)") + "\n"
        for d in Dimension.allCases {
            let marks = h.conversations.map { c in coverage(c.summary).first { $0.0 == d }!.1 }
            out += "  " + d.rawValue.paddedOrCut(toLength: 16) + marks.joined(separator: " ") + "\n"
        }
        out += "\n" + l.pick("Scores per item", "Scores per item") + "\n"
        if h.items.isEmpty { out += "  " + l.pick("geen items gescoord", "no items scored") + "\n" }
        for row in h.items {
            out +=
                "  " + row.item.id.paddedOrCut(toLength: 18) + values(row) + "  "
                + VisibleText.escaped(row.item.text) + "\n"
        }
        for t in h.totals {
            out += "\n" + l.pick("Totaal per antwoordcategorie (0–4), ", "Totals per answer category (0–4), ") + t.questionnaire + "\n"
            for (i, totals) in t.perConversation.enumerated() {
                out += "  \(i + 1). " + totals.map(String.init).joined(separator: " ") + "\n"
            }
        }
        out += "\n" + l.pick("Netwerk door de tijd", "Network over time") + "\n"
        if h.networkChanges.isEmpty { out += "  " + l.pick("geen veranderingen", "no changes") + "\n" }
        for change in h.networkChanges {
            out +=
                "  \(change.conversation + 1). " + VisibleText.escaped(change.name) + ": " + VisibleText.escaped(self.change(change, l))
                + "\n"
        }
        if hasReflections(h) {
            out += "\n" + reflectionsTitle(l) + "\n"
            for (i, c) in h.conversations.enumerated() where !c.summary.reflections.isEmpty {
                out += "  \(i + 1). " + VisibleText.escaped(heading(c, l)) + "\n"
                out += reflectionLines(c, l).map { "     - " + VisibleText.escaped($0) + "\n" }.joined()
            }
        }
        return out
    }

    // MARK: - Markdown

    static func markdown(_ h: CaseHistory, _ l: DisplayLanguage) -> String {
        let md = MarkdownText.escape
        var out = "# " + l.pick("Dossier ", "Case ") + md(h.caseReference) + "\n\n"
        for (i, c) in h.conversations.enumerated() {
            out += "\(i + 1). " + md(heading(c, l)) + " — `" + c.source.replacingEvery("`", with: "'") + "`\n"
        }
        let numbers = h.conversations.indices.map { "\($0 + 1)" }
        out += "\n## " + l.pick("Dimensies per gesprek", "Dimensions per conversation") + "\n\n"
        out += MarkdownText.row([l.pick("dimensie", "dimension")] + numbers) + "\n" + MarkdownText.rule(numbers.count + 1) + "\n"
        for d in Dimension.allCases {
            out += MarkdownText.row([d.rawValue] + h.conversations.map { c in coverage(c.summary).first { $0.0 == d }!.1 }) + "\n"
        }
        out += "\n" + l.pick("✓ met vragen, ~ zonder vragen, – niet aan bod", "✓ with questions, ~ without questions, – not touched") + "\n"
        out += "\n## " + l.pick("Scores per item", "Scores per item") + "\n\n"
        if h.items.isEmpty {
            out += l.pick("Geen items gescoord.", "No items scored.") + "\n"
        } else {
            out +=
                MarkdownText.row(["item"] + numbers + [l.pick("verschil", "change"), "tekst"]) + "\n" + MarkdownText.rule(numbers.count + 3)
                + "\n"
            for row in h.items {
                out +=
                    MarkdownText.row(
                        [row.item.id] + row.values.map { $0.map(String.init) ?? "·" } + [row.change.map(signed) ?? "", md(row.item.text)])
                    + "\n"
            }
        }
        for t in h.totals {
            out += "\n### " + l.pick("Totaal per antwoordcategorie, ", "Totals per answer category, ") + t.questionnaire + "\n\n"
            out +=
                MarkdownText.row([l.pick("gesprek", "conversation")] + Scale.range.map(String.init)) + "\n"
                + MarkdownText.rule(Scale.range.count + 1) + "\n"
            for (i, totals) in t.perConversation.enumerated() { out += MarkdownText.row(["\(i + 1)"] + totals.map(String.init)) + "\n" }
        }
        out += "\n## " + l.pick("Netwerk door de tijd", "Network over time") + "\n\n"
        if h.networkChanges.isEmpty { out += l.pick("Geen veranderingen.", "No changes.") + "\n" }
        for change in h.networkChanges {
            out += "- \(change.conversation + 1): " + md(change.name) + ": " + md(self.change(change, l)) + "\n"
        }
        if hasReflections(h) {
            out += "\n## " + reflectionsTitle(l) + "\n"
            for (i, c) in h.conversations.enumerated() where !c.summary.reflections.isEmpty {
                out += "\n### \(i + 1). " + md(heading(c, l)) + "\n\n"
                out += reflectionLines(c, l).map { "- " + md($0) + "\n" }.joined()
            }
        }
        return out
    }

    // MARK: - HTML

    static func html(_ h: CaseHistory, _ l: DisplayLanguage) -> String {
        let e = HTMLText.escape
        var out = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>" + l.pick("Dossier ", "Case ") + e(h.caseReference) + "</title>\n<style>\n" + HTMLStyle.css
        out +=
            "\n.ecograms{display:flex;flex-wrap:wrap;gap:1em}.ecograms figure{margin:0;flex:1 1 22em}.chart{vertical-align:middle}\n</style>\n</head>\n<body>\n"
        out += "<h1>" + l.pick("Dossier ", "Case ") + e(h.caseReference) + "</h1>\n<ol>\n"
        for c in h.conversations { out += "<li>" + e(heading(c, l)) + " <code>" + e(c.source) + "</code></li>\n" }
        out += "</ol>\n<h2>" + l.pick("Dimensies per gesprek", "Dimensions per conversation") + "</h2>\n<table>\n<tr><th>"
        out += l.pick("dimensie", "dimension") + "</th>" + h.conversations.indices.map { "<th>\($0 + 1)</th>" }.joined() + "</tr>\n"
        for d in Dimension.allCases {
            out +=
                "<tr><td>\(d.rawValue)</td>"
                + h.conversations.map { c in "<td>" + coverage(c.summary).first { $0.0 == d }!.1 + "</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n<h2>" + l.pick("Scores per item", "Scores per item") + "</h2>\n"
        if h.items.isEmpty {
            out += "<p>" + l.pick("Geen items gescoord.", "No items scored.") + "</p>\n"
        } else {
            out += "<table>\n<tr><th>item</th>" + h.conversations.indices.map { "<th>\($0 + 1)</th>" }.joined()
            out +=
                "<th>" + l.pick("verloop", "course") + "</th><th>" + l.pick("verschil", "change") + "</th><th>" + l.pick("tekst", "text")
                + "</th></tr>\n"
            for row in h.items {
                out += "<tr><td>\(e(row.item.id))</td>" + row.values.map { "<td>" + ($0.map(String.init) ?? "·") + "</td>" }.joined()
                out += "<td>" + chart(row) + "</td><td>" + (row.change.map(signed) ?? "") + "</td><td>" + e(row.item.text) + "</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h2>" + l.pick("Netwerk door de tijd", "Network over time") + "</h2>\n<ul>\n"
        if h.networkChanges.isEmpty { out += "<li>" + l.pick("Geen veranderingen.", "No changes.") + "</li>\n" }
        for change in h.networkChanges {
            out += "<li>\(change.conversation + 1): " + e(change.name) + ": " + e(self.change(change, l)) + "</li>\n"
        }
        out += "</ul>\n"
        if hasReflections(h) {
            out += "<h2>" + e(reflectionsTitle(l)) + "</h2>\n"
            for (i, c) in h.conversations.enumerated() where !c.summary.reflections.isEmpty {
                out += "<h3>\(i + 1). " + e(heading(c, l)) + "</h3>\n<ul class=\"reflections\">\n"
                out += reflectionLines(c, l).map { "<li>" + e($0) + "</li>\n" }.joined() + "</ul>\n"
            }
        }
        out += "<div class=\"ecograms\">\n"
        for (i, c) in h.conversations.enumerated() {
            out +=
                "<figure>" + EcogramSVG.render(c.summary, language: l) + "<figcaption>\(i + 1). " + e(heading(c, l))
                + "</figcaption></figure>\n"
        }
        return out + "</div>\n</body>\n</html>\n"
    }

    /// A small line chart of an item's scores (0 at the bottom, 4 at the top); gaps where it was not scored.
    static func chart(_ row: CaseHistory.ItemScores) -> String {
        let step = 24.0, height = 40.0
        let width = max(1, Double(row.values.count - 1)) * step + 8
        var points: [String] = []
        var dots = ""
        for (i, value) in row.values.enumerated() {
            guard let value else { continue }
            let x = 4 + Double(i) * step, y = 4 + (height - 8) * (1 - Double(value) / Double(Scale.range.upperBound))
            points.append(HTMLText.number(x) + "," + HTMLText.number(y))
            dots += "<circle cx=\"\(HTMLText.number(x))\" cy=\"\(HTMLText.number(y))\" r=\"2.5\"/>"
        }
        let label = row.values.map { $0.map(String.init) ?? "·" }.joined(separator: " → ")
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" width=\"\(HTMLText.number(width))\" "
            + "height=\"\(HTMLText.number(height))\" viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\">"
            + "<polyline fill=\"none\" stroke=\"currentColor\" points=\"\(points.joined(separator: " "))\"/>\(dots)</svg>"
    }

    // MARK: - JSON

    static func json(_ h: CaseHistory, _ l: DisplayLanguage) -> String {
        func attributes(_ a: NetworkAttributes) -> [String: Any] {
            var out: [String: Any] = [:]
            if let v = a.role { out["role"] = v }
            if let v = a.influence { out["influence"] = v.rawValue }
            if let v = a.support { out["support"] = v.map(\.rawValue) }
            if let v = a.stays { out["stays"] = v }
            if let v = a.distance { out["distance"] = v }
            if let v = a.contact { out["contact"] = v.rawValue }
            return out
        }
        let document: [String: Any] = [
            "case": h.caseReference,
            "conversations": h.conversations.map { c -> [String: Any] in
                var object: [String: Any] = [
                    "source": c.source, "started": c.started,
                    "coverage": Dictionary(
                        uniqueKeysWithValues: Dimension.allCases.map { d -> (String, Any) in
                            let v = c.summary.coverage[d] ?? Summary.Coverage()
                            return (
                                d.rawValue,
                                ["questions": v.questions, "notes": v.notes, "quotes": v.quotes, "scores": v.scores, "events": v.events]
                            )
                        }),
                    "missed": c.summary.gaps.compactMap { gap -> String? in
                        switch gap {
                        case let .untouched(d), let .noQuestions(d): d.rawValue
                        case .unscoredSection: nil
                        }
                    },
                ]
                if let advisor = c.advisor { object["advisor"] = advisor }
                object["reflections"] = c.summary.reflections.map { r -> [String: Any] in
                    var reflection: [String: Any] = [
                        "seq": r.sequence, "moment": r.moment, "kind": r.kind.rawValue,
                        "kindText": ReflectionText.kind(r.kind, language: l), "dimensions": r.dimensions.map(\.rawValue),
                        "tags": r.tags.map(VisibleText.escaped), "text": VisibleText.escaped(r.text), "time": VisibleText.escaped(r.time),
                    ]
                    if let marker = r.marker { reflection["marker"] = VisibleText.escaped(marker) }
                    if let elapsed = c.summary.reflectionTimes[r.moment] { reflection["elapsed"] = elapsed }
                    return reflection
                }
                return object
            },
            "items": h.items.map { row -> [String: Any] in
                [
                    "id": row.item.id, "questionnaire": row.questionnaire, "dimension": row.item.dimension.rawValue, "text": row.item.text,
                    "values": row.values.map { $0.map { $0 as Any } ?? JSONNull() }, "change": row.change.map { $0 as Any } ?? JSONNull(),
                ]
            },
            "totals": h.totals.map { ["questionnaire": $0.questionnaire, "perConversation": $0.perConversation] },
            "network": h.networkChanges.map { change -> [String: Any] in
                var object: [String: Any] = ["conversation": change.conversation + 1, "name": change.name]
                switch change.shift {
                case .joined: object["change"] = "joined"
                case .left: object["change"] = "left"
                case let .changed(from, to):
                    object["change"] = "changed"
                    object["from"] = attributes(from)
                    object["to"] = attributes(to)
                }
                return object
            },
        ]
        let data =
            (try? Self.jsonWriter.encode(JSONTree(any: document))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
