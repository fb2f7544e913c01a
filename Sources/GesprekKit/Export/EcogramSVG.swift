#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The network as an ecogram in SVG: the client (the participants, or
/// `gezin`) in the middle and every network member around it. The line to a
/// member shows the influence: thick solid green for `+`, dashed red for `−`,
/// thin grey for `=` (dotted when unknown). Letters beside a member name the
/// support (E emotioneel, P praktisch, I informatie, G gezelschap); a double
/// ring marks who stays after the help ends; members to keep at a distance
/// stand further out, with a dashed outline. A legend explains it all.
enum EcogramSVG {
    static let width = 1000.0, height = 800.0
    static let centre = (x: 500.0, y: 365.0)
    /// The ellipse members stand on, and the one further out for those kept at a distance.
    static let near = (x: 290.0, y: 185.0), far = (x: 395.0, y: 250.0)
    static let client = (x: 92.0, y: 46.0)
    static let nodeRadius = 24.0

    static func render(_ summary: Summary, language l: DisplayLanguage) -> String {
        let title = l.pick("Ecogram: het netwerk rond het gezin", "Ecogram: the network around the family")
        var svg = [
            "<svg class=\"ecogram\" id=\"ecogram\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
                + "aria-labelledby=\"ecogram-title\" font-family=\"system-ui, sans-serif\" font-size=\"13\">",
            "<title id=\"ecogram-title\">\(HTMLText.escape(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>",
        ]
        let members = summary.network.members
        // The two rings, faint, so that "further out" reads as a place.
        for ring in [near, far] {
            svg.append(
                "<ellipse cx=\"\(n(centre.x))\" cy=\"\(n(centre.y))\" rx=\"\(n(ring.x))\" ry=\"\(n(ring.y))\" fill=\"none\" "
                    + "stroke=\"#ddd\" stroke-width=\"1\"\(ring == far ? " stroke-dasharray=\"3 5\"" : "")/>")
        }
        var nodes: [String] = []
        for (i, member) in members.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(members.count, 1))
            let a = member.attributes
            let ring = a.distance == true ? far : near
            let stagger = members.count > 12 && i % 2 == 1 ? 0.86 : 1.0
            let p = (x: centre.x + ring.x * stagger * cos(angle), y: centre.y + ring.y * stagger * sin(angle))
            svg.append(line(to: p, influence: a.influence))
            nodes.append(node(member, at: p, above: sin(angle) < -0.25, left: cos(angle) < -0.05, l))
        }
        svg += nodes
        svg.append(clientNode(summary.details, l))
        if members.isEmpty {
            svg.append(
                "<text x=\"\(n(centre.x))\" y=\"\(n(centre.y + client.y + 40))\" text-anchor=\"middle\" fill=\"#333\">"
                    + HTMLText.escape(l.pick("Nog niemand in het netwerk.", "Nobody in the network yet.")) + "</text>")
        }
        svg.append(legend(l))
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// From the edge of the client's ellipse to the edge of the member's circle, styled by influence.
    static func line(to p: (x: Double, y: Double), influence: Influence?) -> String {
        let (dx, dy) = (p.x - centre.x, p.y - centre.y)
        let length = max((dx * dx + dy * dy).squareRoot(), 1)
        let k = 1 / ((dx / client.x) * (dx / client.x) + (dy / client.y) * (dy / client.y)).squareRoot()
        let start = (x: centre.x + k * dx, y: centre.y + k * dy)
        let end = (x: p.x - nodeRadius * dx / length, y: p.y - nodeRadius * dy / length)
        let (style, name) = lineStyle(influence)
        return
            "<line class=\"influence \(name)\" x1=\"\(n(start.x))\" y1=\"\(n(start.y))\" x2=\"\(n(end.x))\" y2=\"\(n(end.y))\" \(style)/>"
    }

    /// The stroke for an influence, and a class name for it.
    static func lineStyle(_ influence: Influence?) -> (String, String) {
        switch influence {
        case .positive: ("stroke=\"#1b7a34\" stroke-width=\"5\" stroke-linecap=\"round\"", "positive")
        case .negative: ("stroke=\"#c01f1f\" stroke-width=\"2.5\" stroke-dasharray=\"10 6\"", "negative")
        case .neutral: ("stroke=\"#8a8a8a\" stroke-width=\"1.3\"", "neutral")
        case nil: ("stroke=\"#8a8a8a\" stroke-width=\"1.3\" stroke-dasharray=\"2 4\"", "unknown")
        }
    }

    /// A member: the circle with the influence sign, the support letters on the outer side, and the
    /// name, role and notes outside the circle (above it in the upper half, so the line stays clear).
    static func node(_ member: NetworkMember, at p: (x: Double, y: Double), above: Bool, left: Bool, _ l: DisplayLanguage) -> String {
        let a = member.attributes
        let fill =
            switch a.influence {
            case .positive: "#e3f2e6"
            case .negative: "#fbe4e4"
            case .neutral, nil: "#f2f2f2"
            }
        var tip = [member.name]
        let described = ReportText.attributes(a, l)
        if !described.isEmpty { tip.append(described) }
        var parts = [
            "<g class=\"member\(a.distance == true ? " distance" : "")\(a.stays == true ? " stays" : "")\">",
            "<title>\(HTMLText.escape(tip.joined(separator: " — ")))</title>",
        ]
        if a.stays == true {
            parts.append(
                "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(nodeRadius + 5))\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>")
        }
        parts.append(
            "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(nodeRadius))\" fill=\"\(fill)\" stroke=\"#111\" stroke-width=\"1.5\""
                + (a.distance == true ? " stroke-dasharray=\"5 3\"" : "") + "/>")
        let symbol =
            switch a.influence {
            case .positive: "+"
            case .negative: "−"
            case .neutral: "="
            case nil: "?"
            }
        parts.append(
            "<text x=\"\(n(p.x))\" y=\"\(n(p.y + 6))\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"700\" fill=\"#111\">"
                + "\(symbol)</text>")
        // The support letters in small boxes beside the circle, on the side away from the centre.
        let support = a.support ?? []
        let box = 16.0
        let ring = nodeRadius + (a.stays == true ? 5 : 0)
        for (i, kind) in support.enumerated() {
            let bx = left ? p.x - ring - 4 - Double(support.count - i) * box : p.x + ring + 4 + Double(i) * box
            let by = p.y - 7.5
            parts.append(
                "<rect class=\"support\" x=\"\(n(bx + 1))\" y=\"\(n(by))\" width=\"\(n(box - 2))\" height=\"15\" rx=\"2\" "
                    + "fill=\"#fff\" stroke=\"#111\" stroke-width=\"1\"/>")
            parts.append(
                "<text x=\"\(n(bx + box / 2))\" y=\"\(n(by + 11.5))\" text-anchor=\"middle\" font-size=\"10.5\" "
                    + "font-weight=\"700\" fill=\"#111\">\(letter(kind))</text>")
        }
        // Name, role and what to know.
        var lines = wrap(member.name, 20).map { ($0, "font-weight=\"700\"") }
        if let role = a.role, role.lowercased() != member.name.lowercased(), !member.name.lowercased().hasPrefix(role.lowercased() + " ") {
            lines.append((wrap(role, 26).joined(separator: " "), "fill=\"#333\""))
        }
        var notes: [String] = []
        if a.stays == true { notes.append(l.pick("blijft", "stays")) }
        if a.distance == true { notes.append(l.pick("op afstand", "at a distance")) }
        if !notes.isEmpty { lines.append((notes.joined(separator: " · "), "font-style=\"italic\" fill=\"#111\"")) }
        let lineHeight = 15.0
        var y = above ? p.y - ring - 8 - lineHeight * Double(lines.count - 1) : p.y + ring + 16
        for (text, style) in lines {
            parts.append("<text x=\"\(n(p.x))\" y=\"\(n(y))\" text-anchor=\"middle\" \(style)>\(HTMLText.escape(text))</text>")
            y += lineHeight
        }
        parts.append("</g>")
        return parts.joined(separator: "\n")
    }

    /// The client in the middle: `gezin` and the participants with their roles.
    static func clientNode(_ details: SessionDetails, _ l: DisplayLanguage) -> String {
        var parts = [
            "<g class=\"client\">",
            "<ellipse cx=\"\(n(centre.x))\" cy=\"\(n(centre.y))\" rx=\"\(n(client.x))\" ry=\"\(n(client.y))\" fill=\"#fff\" "
                + "stroke=\"#111\" stroke-width=\"2.5\"/>",
        ]
        let people = details.participants.map { ReportText.person($0.name, role: $0.role) }
        var lines = [l.pick("gezin", "family")]
        lines +=
            people.count <= 3 ? people : Array(people.prefix(2)) + [l.pick("en nog \(people.count - 2)", "and \(people.count - 2) more")]
        var y = centre.y - Double(lines.count - 1) * 8 + 5
        for (i, text) in lines.enumerated() {
            let style = i == 0 ? "font-weight=\"700\" font-size=\"15\"" : "font-size=\"12.5\""
            parts.append(
                "<text x=\"\(n(centre.x))\" y=\"\(n(y))\" text-anchor=\"middle\" fill=\"#111\" \(style)>"
                    + "\(HTMLText.escape(String(text.prefix(24))))</text>")
            y += 16
        }
        parts.append("</g>")
        return parts.joined(separator: "\n")
    }

    static func legend(_ l: DisplayLanguage) -> String {
        let y = height - 62
        var parts = [
            "<g class=\"legend\" font-size=\"12\">",
            "<rect x=\"10\" y=\"\(n(y - 18))\" width=\"\(n(width - 20))\" height=\"76\" fill=\"#fff\" stroke=\"#999\"/>",
        ]
        let lines: [(Influence?, String)] = [
            (.positive, l.pick("steunend (+)", "supporting (+)")),
            (.negative, l.pick("trekt omlaag (−)", "drags down (−)")),
            (.neutral, l.pick("neutraal (=)", "neutral (=)")),
            (nil, l.pick("invloed onbekend", "influence unknown")),
        ]
        for (i, (influence, label)) in lines.enumerated() {
            let x = 24.0 + Double(i) * 160
            parts.append("<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 44))\" y2=\"\(n(y))\" \(lineStyle(influence).0)/>")
            parts.append("<text x=\"\(n(x + 52))\" y=\"\(n(y + 4))\" fill=\"#111\">\(HTMLText.escape(label))</text>")
        }
        let y2 = y + 30
        parts.append("<circle cx=\"36\" cy=\"\(n(y2))\" r=\"8\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.5\"/>")
        parts.append("<circle cx=\"36\" cy=\"\(n(y2))\" r=\"12\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>")
        parts.append(
            "<text x=\"54\" y=\"\(n(y2 + 4))\" fill=\"#111\">\(HTMLText.escape(l.pick("blijft na de hulp", "stays after the help")))</text>"
        )
        parts.append(
            "<circle cx=\"236\" cy=\"\(n(y2))\" r=\"9\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>")
        parts.append(
            "<text x=\"252\" y=\"\(n(y2 + 4))\" fill=\"#111\">"
                + HTMLText.escape(l.pick("op afstand houden (verder naar buiten)", "keep at a distance (further out)")) + "</text>")
        let kinds = SupportKind.allCases.map { "\(letter($0)) \($0.rawValue)" }.joined(separator: ", ")
        parts.append(
            "<text x=\"540\" y=\"\(n(y2 + 4))\" fill=\"#111\">" + HTMLText.escape(l.pick("steun: ", "support: ") + kinds) + "</text>")
        parts.append("</g>")
        return parts.joined(separator: "\n")
    }

    static func letter(_ kind: SupportKind) -> String {
        switch kind {
        case .emotioneel: "E"
        case .praktisch: "P"
        case .informatie: "I"
        case .gezelschap: "G"
        }
    }

    /// Words into lines of at most `width` characters (a longer word stands alone); at most two lines.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ")] }
        // Past the width only what cannot be helped, cut with an ellipsis.
        return lines.map { $0.count > width + 6 ? String($0.prefix(width + 5)) + "…" : $0 }
    }

    private static func n(_ value: Double) -> String { HTMLText.number(value) }
}
