#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The first line of a reflections file (see ``ReflectionLog``): what the
/// file is, its own id, the transcript it belongs to (that transcript's file
/// id, the hash that ends its chain, and its number of events) and the key
/// that signed the line.
///
/// ```
/// {"format":"gesprek-reflecties","version":1,"file":"…","transcriptFile":"…","transcriptHash":"…",
///  "transcriptEvents":42,"signer":"…","tool":"gesprek 0.1.0","created":"2026-11-30T10:12:00+01:00","hash":"…","sig":"…"}
/// ```
public struct ReflectionLogHeader: Sendable, Equatable {
    /// The value of the header's `format` field.
    public static let formatName = "gesprek-reflecties"
    /// The format version this build writes and reads.
    public static let currentVersion = 1

    public var version: Int
    /// This file's own id (a UUID, lowercase).
    public var fileID: String
    /// The transcript's file id (its header's `file`).
    public var transcriptFileID: String
    /// The hash that ends the transcript's chain: its closing record's, 64 hex digits.
    public var transcriptHash: String
    /// The transcript's number of events.
    public var transcriptEvents: Int
    /// The public key that signed the header, 64 hex digits.
    public var signer: String
    /// `gesprek 0.1.0`
    public var tool: String
    /// When the file was made: ISO 8601 with the local offset.
    public var created: String

    public init(
        version: Int = ReflectionLogHeader.currentVersion, fileID: String, transcriptFileID: String, transcriptHash: String,
        transcriptEvents: Int, signer: String, tool: String, created: String
    ) {
        self.version = version
        self.fileID = fileID
        self.transcriptFileID = transcriptFileID
        self.transcriptHash = transcriptHash
        self.transcriptEvents = transcriptEvents
        self.signer = signer
        self.tool = tool
        self.created = created
    }
}

/// Writes and reads the lines of a reflections file, before ``TranscriptChain``
/// seals them and after it unseals them.
enum ReflectionLogFormat {
    /// The header as one JSON line, without its hash.
    static func line(for header: ReflectionLogHeader) -> String {
        JSONLineWriter.line(capacity: 512) { json in
            json.string("format", ReflectionLogHeader.formatName)
            json.int("version", header.version)
            json.string("file", header.fileID)
            json.string("transcriptFile", header.transcriptFileID)
            json.string("transcriptHash", header.transcriptHash)
            json.int("transcriptEvents", header.transcriptEvents)
            json.string("signer", header.signer)
            json.string("tool", header.tool)
            json.string("created", header.created)
        }
    }

    /// A reflection as one JSON line, without its hash; `signer` is the key that signs it, 64 hex digits.
    static func line(for reflection: Reflection, signer: String) -> String {
        JSONLineWriter.line(capacity: 2 * reflection.text.utf8.count + 384) { json in
            json.int("reflection", reflection.sequence)
            json.int("moment", reflection.moment)
            json.string("marker", reflection.marker)
            json.string("kind", reflection.kind.rawValue)
            json.strings("dimensions", reflection.dimensions.lazy.map(\.rawValue))
            json.strings("tags", reflection.tags)
            json.string("text", reflection.text)
            json.string("time", reflection.time)
            json.string("signer", signer)
        }
    }

    private struct HeaderFields: Decodable {
        var format: String
        var version: Int
        var file: String
        var transcriptFile: String
        var transcriptHash: String
        var transcriptEvents: Int
        var signer: String
        var tool: String
        var created: String
    }

    private struct ReflectionFields: Decodable {
        var reflection: Int
        var moment: Int
        var marker: String?
        var kind: String
        var dimensions: [String]
        var tags: [String]
        var text: String
        var time: String
        var signer: String
    }

    /// Whether the line (sealed or not) starts like a reflections header.
    static func looksLikeHeader(_ line: some Collection<UInt8>) -> Bool {
        let start = Array(#"{"format":"gesprek-reflecties""#.utf8)
        return line.count >= start.count && line.prefix(start.count).elementsEqual(start)
    }

    /// The header in a line's content (the line without its hash); throws
    /// ``ReflectionLogError/notAReflectionsFile`` or ``ReflectionLogError/unsupportedVersion(_:)``.
    static func header(_ content: [UInt8]) throws -> ReflectionLogHeader {
        guard let fields = try? JSONDecoder().decode(HeaderFields.self, from: Data(content)),
            fields.format == ReflectionLogHeader.formatName
        else { throw ReflectionLogError.notAReflectionsFile }
        guard fields.version == ReflectionLogHeader.currentVersion else { throw ReflectionLogError.unsupportedVersion(fields.version) }
        return ReflectionLogHeader(
            version: fields.version, fileID: fields.file, transcriptFileID: fields.transcriptFile,
            transcriptHash: fields.transcriptHash, transcriptEvents: fields.transcriptEvents, signer: fields.signer,
            tool: fields.tool, created: fields.created)
    }

    /// A reflection and the key it names as its signer, from a line's content; nil when it is not one.
    static func reflection(_ content: [UInt8]) -> (reflection: Reflection, signer: String)? {
        guard let fields = try? JSONDecoder().decode(ReflectionFields.self, from: Data(content)),
            let kind = Reflection.Kind(rawValue: fields.kind)
        else { return nil }
        let dimensions = fields.dimensions.compactMap(Dimension.init(rawValue:))
        guard dimensions.count == fields.dimensions.count else { return nil }
        let reflection = Reflection(
            sequence: fields.reflection, moment: fields.moment, marker: fields.marker, kind: kind, dimensions: dimensions,
            tags: fields.tags, text: fields.text, time: fields.time)
        return (reflection, fields.signer)
    }
}

/// Why a reflections file cannot be read or added to. Messages carry no content.
public enum ReflectionLogError: Error, Sendable, Equatable {
    /// The file's first line is not a reflections header.
    case notAReflectionsFile
    /// Written by a newer gesprek.
    case unsupportedVersion(Int)
    /// The transcript was not closed (interrupted): there is no final hash to bind to.
    case transcriptNotClosed
    /// The transcript does not verify as intact and signed; its report says why.
    case transcriptNotIntact(ChainReport)
    /// The reflections file does not verify; its report says why. Nothing is added to it.
    case reflectionsNotIntact(ReflectionReport)
    /// The reflections file belongs to another transcript, or another version of this one.
    case boundElsewhere
    /// The transcript is encrypted and the reflections file is not, or the other way round.
    case encryptionMismatch
    /// Another session is adding to the reflections file right now.
    case inUse
    /// A line longer than any reflections file's (1 MiB, ``RegularFile/maximumLineLength``); `line` is its number in the file.
    case lineTooLong(line: Int)

    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case .notAReflectionsFile:
            language.pick("dit is geen reflectiebestand van gesprek", "this is not a gesprek reflections file")
        case let .unsupportedVersion(version):
            language.pick(
                "reflectiebestand versie \(version) is onbekend; deze gesprek leest versie \(ReflectionLogHeader.currentVersion)",
                "reflections file version \(version) is unknown; this gesprek reads version \(ReflectionLogHeader.currentVersion)")
        case .transcriptNotClosed:
            language.pick(
                "het transcript is niet afgesloten (de sessie is onderbroken); herstel het eerst met gesprek repair",
                "the transcript was not closed (the session was interrupted); mend it first with gesprek repair")
        case let .transcriptNotIntact(report):
            language.pick(
                "het transcript is niet intact en ondertekend: \(report.message(in: language))",
                "the transcript is not intact and signed: \(report.message(in: language))")
        case let .reflectionsNotIntact(report):
            report.message(in: language)
                + language.pick("; er wordt niets aan toegevoegd", "; nothing is added to it")
        case .boundElsewhere:
            language.pick(
                "het reflectiebestand hoort bij een ander transcript of een andere versie van dit transcript; er wordt niets aan toegevoegd",
                "the reflections file belongs to another transcript or another version of this one; nothing is added to it")
        case .inUse:
            language.pick(
                "een andere gesprek annotate voegt nu reflecties toe aan dit bestand; probeer het straks opnieuw",
                "another gesprek annotate is adding reflections to this file right now; try again later")
        case .encryptionMismatch:
            language.pick(
                "het transcript en het reflectiebestand zijn niet allebei versleuteld (of allebei niet)",
                "the transcript and the reflections file are not both encrypted (or both plain)")
        case let .lineTooLong(line):
            language.pick(
                "regel \(line) is langer dan 1 MiB; zo lang wordt geen regel van een reflectiebestand",
                "line \(line) is longer than 1 MiB; no line of a reflections file grows that long")
        }
    }
}
