/// Text made safe for HTML and SVG: in element content and in quoted attributes.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An element with escaped text: `tag("td", "a < b", class: "n")`.
    static func tag(_ name: String, _ text: String, class className: String? = nil) -> String {
        "<\(name)\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</\(name)>"
    }

    /// A number for SVG coordinates: at most one decimal, a point.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
