#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit

/// One call of a host command's C handler: the invocation goes out as JSON, the answer comes
/// back as JSON (`{"record": {"text", "fields"}}`, `{"show": text}` or `{"error": message, "hint": …}`).
struct HostCall {
    let handler: HostHandler
    let release: HostRelease?
    let context: UnsafeMutableRawPointer?
    let language: DisplayLanguage

    func call(name: String, _ invocation: HostCommand.Invocation) throws -> HostCommand.Result {
        var json = JSONText()
        json.object {
            $0.field("command", name)
            $0.field("text", invocation.text)
            $0.key("words")
            $0.array { list in for word in invocation.words { list.value(word) } }
            $0.key("dimensions")
            $0.array { list in for dimension in invocation.tags.dimensions { list.value(dimension.rawValue) } }
            $0.key("tags")
            $0.array { list in for tag in invocation.tags.tags { list.value(tag) } }
            $0.field("line", invocation.location.line)
            $0.field("column", invocation.location.column)
        }
        let reply = json.text.withCString { handler(context, $0) }
        guard let reply else { throw failure() }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(reply).assumingMemoryBound(to: UInt8.self), count: strlen(reply))
        let data = Data(buffer: bytes)
        release?(context, reply)
        guard let answer = JSONTree.parse(data) as? [String: Any] else {
            throw failure()
        }
        if let show = answer["show"] as? String, answer.count == 1 { return .show(show) }
        if let message = answer["error"] as? String {
            throw HostCommand.Failure(message, hint: answer["hint"] as? String)
        }
        if let record = answer["record"] as? [String: Any], answer.count == 1 {
            let text = record["text"] as? String ?? invocation.text
            guard let given = record["fields"], !(given is JSONNull) else { return .record(text: text) }
            guard let fields = given as? [String: Any] else { throw failure() }
            var strings: [String: String] = [:]
            for (key, value) in fields {
                guard let string = value as? String else { throw failure() }
                strings[key] = string
            }
            return .record(text: text, fields: strings)
        }
        throw failure()
    }

    private func failure() -> HostCommand.Failure {
        HostCommand.Failure(
            language.pick("de host gaf geen geldig antwoord", "the host gave no valid answer"),
            hint: language.pick(
                "een host-opdracht geeft {\"record\": {…}}, {\"show\": tekst} of {\"error\": tekst}",
                "a host command returns {\"record\": {…}}, {\"show\": text} or {\"error\": text}"))
    }
}
