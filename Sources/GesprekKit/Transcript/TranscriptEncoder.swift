/// Writes headers and events as transcript lines (see the README and
/// `Transcripts/transcript.schema.json`), before ``TranscriptChain`` seals
/// each with its hash.
public enum TranscriptEncoder {
    /// The header as one JSON line.
    public static func line(for header: TranscriptHeader) -> String {
        JSONLineWriter.line(capacity: 512) { json in
            json.string("format", TranscriptHeader.formatName)
            json.int("version", header.version)
            json.string("session", header.sessionID)
            json.string("started", header.started)
            json.string("case", header.details.caseReference)
            json.string("advisor", header.details.advisor)
            json.objects("participants", header.details.participants) { json, participant in
                json.string("name", participant.name)
                json.string("role", participant.role)
            }
            json.string("tool", header.tool)
            json.string("language", header.language.rawValue)
        }
    }

    /// An event as one JSON line.
    public static func line(for event: Event) -> String {
        // The line and the text taken from it make up most of an event.
        JSONLineWriter.line(capacity: 2 * event.line.utf8.count + 256) { json in write(event, to: &json) }
    }

    private static func write(_ event: Event, to json: inout JSONLineWriter) {
        json.int("seq", event.sequence)
        json.seconds("elapsed", event.elapsed)
        json.string("time", event.time)
        json.string("kind", event.kind.rawValue)
        json.strings("dimensions", event.dimensions.lazy.map(\.rawValue))
        json.strings("tags", event.tags)
        switch event.body {
        case let .ask(text), let .note(text):
            json.string("text", text)
        case let .say(speaker, text):
            json.string("speaker", speaker)
            json.string("text", text)
        case let .score(target, value, text):
            json.string("target", target)
            json.int("value", value)
            json.string("label", Scale.label(for: value) ?? "")
            json.string("text", text)
        case let .networkAdd(name, attributes), let .networkSet(name, attributes):
            json.string("name", name)
            write(attributes, to: &json)
        case let .networkRemove(name):
            json.string("name", name)
        case let .mark(label):
            json.string("label", label)
        case let .undo(retracts):
            json.int("retracts", retracts)
        case let .session(caseReference, advisor):
            json.string("case", caseReference)
            json.string("advisor", advisor)
        case let .participant(participant):
            json.string("name", participant.name)
            json.string("role", participant.role)
        case let .host(command, text, fields):
            json.string("command", command)
            json.string("text", text)
            json.object("fields") { nested in
                for key in fields.keys.sorted() {
                    nested.dynamicKey(key)
                    nested.stringValue(fields[key]!)
                }
            }
        }
        json.string("line", event.line)
        json.int("lineNumber", event.lineNumber)
    }

    private static func write(_ attributes: NetworkAttributes, to json: inout JSONLineWriter) {
        json.string("role", attributes.role)
        json.string("influence", attributes.influence?.rawValue)
        if let support = attributes.support { json.strings("support", support.lazy.map(\.rawValue)) }
        json.bool("stays", attributes.stays)
        json.bool("distance", attributes.distance)
        json.string("contact", attributes.contact?.rawValue)
    }
}
