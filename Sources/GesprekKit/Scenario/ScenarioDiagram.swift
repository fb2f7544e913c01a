#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A scenario drawn as a graph for `gesprek graph`: its parts, the jumps
/// between them (by a `goto`, a choice, a reaction, or by going on to the
/// next part), where the conversation ends, and the expectations marked on
/// the parts they name. Written as Graphviz DOT or as a Mermaid flowchart.
///
/// Every text in it comes from the scenario file and is escaped for the
/// format, so that a scenario cannot add nodes, links or markup of its own.
public struct ScenarioDiagram: Sendable {
    /// The text formats a diagram can be written in.
    public enum Notation: String, Sendable, CaseIterable {
        /// Graphviz: `dot -Tsvg`.
        case dot
        /// Mermaid: a `flowchart` block, as GitHub and many wikis render it.
        case mermaid
    }

    /// A box in the diagram.
    public struct Node: Sendable, Equatable {
        /// A stable identifier: `p0`, `p1`, … for the parts, `start`, `einde` and `overal`.
        public var id: String
        public var label: String
        public var emphasis: Emphasis

        /// How a part is marked by the expectations.
        public enum Emphasis: Sendable, Equatable {
            case plain
            /// `expect reach LABEL`: a good conversation gets here.
            case reach
            /// `expect avoid LABEL`: a good conversation never gets here.
            case avoid
            /// Not a part: the start, the end, or the reactions that hold in every part.
            case special
        }
    }

    /// An arrow between two boxes.
    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String
        public var move: Move

        /// What moves the conversation along this arrow.
        public enum Move: Sendable, Equatable {
            /// A part without reactions or choice goes on to the next one by itself.
            case next
            /// A `goto`, with or without a condition.
            case jump
            /// An option of a `choice`.
            case choice
            /// A reaction (`on …`) that jumps or finishes.
            case reaction
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]
    /// The expectations that are not about a part (dimensions, network, scores), as written after `expect`.
    public var otherExpectations: [String]

    /// The diagram of `scenario`.
    public init(_ scenario: Scenario, language: DisplayLanguage = .nl) {
        title = scenario.title
        let reach = Set(scenario.expectations.compactMap { if case let .reach(label) = $0.kind { label } else { nil } })
        let avoid = Set(scenario.expectations.compactMap { if case let .avoid(label) = $0.kind { label } else { nil } })
        otherExpectations = scenario.expectations.compactMap {
            switch $0.kind {
            case .reach, .avoid: nil
            default: $0.text
            }
        }
        let end = Node(id: "einde", label: language.pick("einde (terugkoppeling)", "end (feedback)"), emphasis: .special)
        var nodes = [Node(id: "start", label: language.pick("start", "start"), emphasis: .special)]
        var edges: [Edge] = []
        var ends = false
        func id(_ label: String) -> String? { scenario.partIndex(label).map { "p\($0)" } }
        func source(_ line: Int) -> String {
            let index = line - 1
            guard scenario.sourceLines.indices.contains(index) else { return "" }
            return scenario.sourceLines[index].trimmingSpaces()
        }
        /// The arrows of a reaction's lines (its `goto`s and `finish`), labelled with its `on …` line.
        func reactionEdges(_ rule: ScenarioRule, from: String) -> [Edge] {
            rule.actions.compactMap { statement in
                switch statement.action {
                case let .goto(label, _, _): id(label).map { Edge(from: from, to: $0, label: source(rule.line), move: .reaction) }
                case .finish: Edge(from: from, to: end.id, label: source(rule.line), move: .reaction)
                default: nil
                }
            }
        }
        if !scenario.parts.isEmpty { edges.append(Edge(from: "start", to: "p0", label: "", move: .next)) }
        for (index, part) in scenario.parts.enumerated() {
            let node = "p\(index)"
            let mark: Node.Emphasis = avoid.contains(part.label) ? .avoid : reach.contains(part.label) ? .reach : .plain
            var label = part.label
            let quiet = part.rules.filter { reactionEdges($0, from: node).isEmpty }.count
            if quiet > 0 {
                label +=
                    "\n" + language.pick(quiet == 1 ? "1 reactie" : "\(quiet) reacties", quiet == 1 ? "1 reaction" : "\(quiet) reactions")
            }
            nodes.append(Node(id: node, label: label, emphasis: mark))
            var stopped = false
            for statement in part.flow where !stopped {
                switch statement.action {
                case let .goto(target, condition, _):
                    guard let to = id(target) else { continue }
                    edges.append(Edge(from: node, to: to, label: condition == nil ? "goto" : source(statement.line), move: .jump))
                    stopped = condition == nil
                case let .choice(_, options):
                    for option in options {
                        if let to = id(option.label) { edges.append(Edge(from: node, to: to, label: option.text, move: .choice)) }
                    }
                    stopped = true
                case let .finish(text):
                    edges.append(Edge(from: node, to: end.id, label: text ?? "finish", move: .jump))
                    ends = true
                    stopped = true
                default:
                    continue
                }
            }
            for rule in part.rules { edges += reactionEdges(rule, from: node) }
            if !stopped, !part.waits {
                if index + 1 < scenario.parts.count {
                    edges.append(Edge(from: node, to: "p\(index + 1)", label: language.pick("verder", "next"), move: .next))
                } else {
                    edges.append(Edge(from: node, to: end.id, label: "", move: .next))
                    ends = true
                }
            }
        }
        let everywhere = scenario.globalRules.flatMap { reactionEdges($0, from: "overal") }
        if !everywhere.isEmpty {
            nodes.append(Node(id: "overal", label: language.pick("in elk deel", "in every part"), emphasis: .special))
            edges += everywhere
        }
        if ends || edges.contains(where: { $0.to == end.id }) { nodes.append(end) }
        self.nodes = nodes
        self.edges = edges
    }

    /// The diagram as text in `format`.
    public func text(_ format: Notation, language: DisplayLanguage = .nl) -> String {
        switch format {
        case .dot: dot(language)
        case .mermaid: mermaid(language)
        }
    }

    // MARK: - Graphviz

    private func dot(_ language: DisplayLanguage) -> String {
        var out = "digraph scenario {\n"
        out += "  label=\"\(Self.dotEscaped(Self.short(title, 80)))\";\n  labelloc=t;\n"
        out += "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n  edge [fontname=\"sans-serif\", fontsize=10];\n"
        for node in nodes {
            var attributes = ["label=\"\(Self.dotEscaped(node.label))\""]
            switch node.emphasis {
            case .plain: break
            case .reach: attributes += ["peripheries=2", "color=darkgreen", "xlabel=\"\(language.pick("✓ bereiken", "✓ reach"))\""]
            case .avoid:
                attributes += ["style=\"rounded,dashed\"", "color=firebrick", "xlabel=\"\(language.pick("✗ vermijden", "✗ avoid"))\""]
            case .special: attributes += ["shape=ellipse", "style=filled", "fillcolor=gray92"]
            }
            out += "  \(node.id) [\(attributes.joined(separator: ", "))];\n"
        }
        for edge in edges {
            var attributes: [String] = []
            if !edge.label.isEmpty { attributes.append("label=\"\(Self.dotEscaped(Self.short(edge.label, 40)))\"") }
            switch edge.move {
            case .next: attributes.append("style=dotted")
            case .jump: break
            case .choice: attributes.append("color=navy")
            case .reaction: attributes.append("style=dashed")
            }
            out += "  \(edge.from) -> \(edge.to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        if !otherExpectations.isEmpty {
            let lines = [language.pick("Verwacht:", "Expected:")] + otherExpectations.map { Self.short($0, 60) }
            out += "  verwacht [shape=note, label=\"\(lines.map(Self.dotEscaped).joined(separator: "\\l"))\\l\"];\n"
        }
        return out + "}\n"
    }

    /// A DOT string's contents: quotes and backslashes escaped, control characters shown visibly.
    static func dotEscaped(_ text: String) -> String {
        var out = ""
        for character in VisibleText.escaped(text) {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: - Mermaid

    private func mermaid(_ language: DisplayLanguage) -> String {
        var out = "---\ntitle: \"\(Self.mermaidEscaped(Self.short(title, 80)))\"\n---\nflowchart TD\n"
        for node in nodes {
            let label = "\"\(Self.mermaidEscaped(node.label))\""
            switch node.emphasis {
            case .special: out += "  \(node.id)([\(label)])\n"
            default: out += "  \(node.id)[\(label)]\n"
            }
        }
        for edge in edges {
            let arrow =
                switch edge.move {
                case .next: "-.->"
                case .reaction: "-.->"
                case .jump, .choice: "-->"
                }
            let label = edge.label.isEmpty ? "" : "|\"\(Self.mermaidEscaped(Self.short(edge.label, 40)))\"|"
            out += "  \(edge.from) \(arrow)\(label) \(edge.to)\n"
        }
        if !otherExpectations.isEmpty {
            let lines = [language.pick("Verwacht:", "Expected:")] + otherExpectations.map { Self.short($0, 60) }
            out += "  verwacht>\"\(lines.map(Self.mermaidEscaped).joined(separator: "<br>"))\"]\n"
        }
        out += "  classDef reach stroke:#2e7d32,stroke-width:3px\n  classDef avoid stroke:#c62828,stroke-dasharray:5 5\n"
        let reach = nodes.filter { $0.emphasis == .reach }.map(\.id)
        let avoid = nodes.filter { $0.emphasis == .avoid }.map(\.id)
        if !reach.isEmpty { out += "  class \(reach.joined(separator: ",")) reach\n" }
        if !avoid.isEmpty { out += "  class \(avoid.joined(separator: ",")) avoid\n" }
        return out
    }

    /// A Mermaid label's contents: every character that Mermaid or the HTML it makes would
    /// read as syntax is written as an entity code (`#35;` for `#`), a newline as `<br>`.
    static func mermaidEscaped(_ text: String) -> String {
        var out = ""
        for character in VisibleText.escaped(text) {
            switch character {
            case "\n": out += "<br>"
            case "\"", "#", "<", ">", "&", "|", "[", "]", "{", "}", "(", ")", "`", ";", "\\":
                out += character.unicodeScalars.map { "#\($0.value);" }.joined()
            default: out.append(character)
            }
        }
        return out
    }

    private static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
