/// Writes headers and events as transcript lines, with the keys of
/// ``TranscriptFormat``, before ``TranscriptChain`` seals
/// each with its hash.
package enum TranscriptEncoder {
    private typealias H = TranscriptFormat.HeaderKey
    private typealias P = TranscriptFormat.ParticipantKey
    private typealias K = TranscriptFormat.EventKey

    /// The header as one JSON line.
    public static func line(for header: TranscriptHeader) -> String {
        JSONLineWriter.line(capacity: 512) { json in
            json.string(H.format.name, TranscriptHeader.formatName)
            json.int(H.version.name, header.version)
            json.string(H.session.name, header.sessionID)
            json.string(H.started.name, header.started)
            json.string(H.caseReference.name, header.details.caseReference)
            json.string(H.advisor.name, header.details.advisor)
            json.objects(H.participants.name, header.details.participants) { json, participant in
                json.string(P.name.name, participant.name)
                json.string(P.role.name, participant.role)
            }
            json.string(H.tool.name, header.tool)
            json.string(H.language.name, header.language.rawValue)
            json.string(H.file.name, header.fileID)
            json.string(H.signer.name, header.signer)
            if let every = header.signing.checkpointInterval { json.int(H.checkpoints.name, every) }
        }
    }

    /// A closing record as one JSON line.
    static func line(for closing: TranscriptClosing) -> String {
        typealias C = TranscriptFormat.ClosingKey
        return JSONLineWriter.line(capacity: 256) { json in
            json.string(C.close.name, closing.reason.rawValue)
            json.int(C.events.name, closing.events)
            json.string(C.file.name, closing.fileID)
            json.string(C.last.name, closing.lastHash)
            json.string(C.signer.name, closing.signer)
        }
    }

    /// An event as one JSON line.
    public static func line(for event: Event) -> String {
        // The line and the text taken from it make up most of an event.
        JSONLineWriter.line(capacity: 2 * event.line.utf8.count + 256) { json in write(event, to: &json) }
    }

    private static func write(_ event: Event, to json: inout JSONLineWriter) {
        json.int(K.seq.name, event.sequence)
        json.seconds(K.elapsed.name, event.elapsed)
        json.string(K.time.name, event.time)
        json.string(K.kind.name, event.kind.rawValue)
        json.strings(K.dimensions.name, event.dimensions.lazy.map(\.rawValue))
        json.strings(K.tags.name, event.tags)
        switch event.body {
        case let .ask(text), let .note(text):
            json.string(K.text.name, text)
        case let .say(speaker, text):
            json.string(K.speaker.name, speaker)
            json.string(K.text.name, text)
        case let .score(target, value, text):
            json.string(K.target.name, target)
            json.int(K.value.name, value)
            json.string(K.label.name, Scale.label(for: value) ?? "")
            json.string(K.text.name, text)
        case let .networkAdd(name, attributes), let .networkSet(name, attributes):
            json.string(K.name.name, name)
            write(attributes, to: &json)
        case let .networkRemove(name):
            json.string(K.name.name, name)
        case let .mark(label):
            json.string(K.label.name, label)
        case let .undo(retracts):
            json.int(K.retracts.name, retracts)
        case let .session(caseReference, advisor):
            json.string(K.caseReference.name, caseReference)
            json.string(K.advisor.name, advisor)
        case let .participant(participant):
            json.string(K.name.name, participant.name)
            json.string(K.role.name, participant.role)
        case let .host(command, text, fields):
            json.string(K.command.name, command)
            json.string(K.text.name, text)
            json.object(K.fields.name) { nested in
                for key in fields.keys.sorted() {
                    nested.dynamicKey(key)
                    nested.stringValue(fields[key]!)
                }
            }
        }
        json.string(K.line.name, event.line)
        json.int(K.lineNumber.name, event.lineNumber)
    }

    private static func write(_ attributes: NetworkAttributes, to json: inout JSONLineWriter) {
        json.string(K.role.name, attributes.role)
        json.string(K.influence.name, attributes.influence?.rawValue)
        if let support = attributes.support { json.strings(K.support.name, support.lazy.map(\.rawValue)) }
        json.bool(K.stays.name, attributes.stays)
        json.bool(K.distance.name, attributes.distance)
        json.string(K.contact.name, attributes.contact?.rawValue)
    }
}
