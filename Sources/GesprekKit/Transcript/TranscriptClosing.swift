/// The last line of a transcript that was closed (format version 3): how
/// many events it holds, the hash of the line before it, the file's id, and
/// the key that signed it. It is chained and signed like every line, so a
/// transcript cut short afterwards lacks it, and one rewritten lacks a valid one.
public struct TranscriptClosing: Sendable, Equatable {
    /// How the transcript came to be closed.
    public enum Ending: String, Sendable, Equatable {
        /// The session ended normally.
        case normal
        /// The session was interrupted; `gesprek repair` closed it afterwards.
        case recovered
    }

    public var reason: Ending
    /// The events before it.
    public var events: Int
    /// The header's `file`.
    public var fileID: String
    /// The chain hash of the line before it, 64 hex digits.
    public var lastHash: String
    /// The key that signed this line, 64 hex digits: the header's for a normal
    /// close, the repairer's for a recovered one.
    public var signer: String

    public init(reason: Ending, events: Int, fileID: String, lastHash: String, signer: String) {
        self.reason = reason
        self.events = events
        self.fileID = fileID
        self.lastHash = lastHash
        self.signer = signer
    }
}

extension TranscriptDecoder {
    /// A closing line; nil when it is not a well-formed one.
    static func closing(_ line: UnsafeBufferPointer<UInt8>) -> TranscriptClosing? {
        var fields = ClosingFields()
        do {
            var json = JSONScanner(line)
            try json.readObject(into: &fields)
            try json.expectEnd()
        } catch {
            return nil
        }
        guard let reason = fields.close.flatMap(TranscriptClosing.Ending.init(rawValue:)), let events = fields.events,
            let file = fields.file, let last = fields.last, let signer = fields.signer
        else { return nil }
        return TranscriptClosing(reason: reason, events: events, fileID: file, lastHash: last, signer: signer)
    }
}

private struct ClosingFields: JSONObjectFields {
    var close: String?
    var events: Int?
    var file: String?
    var last: String?
    var signer: String?

    mutating func read(_ key: UnsafeBufferPointer<UInt8>, from json: inout JSONScanner) throws {
        switch TranscriptFormat.closingKey(PackedName(key)) {
        case .close: close = try json.string()
        case .events: events = try json.int()
        case .file: file = try json.string()
        case .last: last = try json.string()
        case .signer: signer = try json.string()
        case nil: try json.skipValue()
        }
    }
}
