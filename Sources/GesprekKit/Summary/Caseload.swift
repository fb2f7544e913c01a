#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A caseload: any number of transcripts summarised a row each
/// (`gesprek summary a.jsonl b.jsonl …`), with what a host must say about
/// them, so that a host only writes the rows and messages down.
///
/// Each file gets a row or the reason it has none, in the order of the
/// paths. The rows come from `CaseloadReader` (every core, a quick scan,
/// at most `CaseloadReader.window` files ahead); a file the scan leaves
/// alone is read the full way (``TranscriptReader``, ``Summary``), which
/// gives the same row, or the precise error and the reader's warnings.
///
/// Privacy is told once per folder others can list (with the first file
/// read from it), and the files others can read are counted and told once
/// at the end (``read(_:)``'s result), so neither the messages nor the
/// memory grow with the number of transcripts. Files that cannot be read
/// are not looked at for it.
public struct Caseload: Sendable {
    public let paths: [String]
    /// Opens encrypted transcripts; without one they give ``TranscriptReadError/encrypted``.
    public let keyring: TranscriptKeyring?

    public init(paths: [String], keyring: TranscriptKeyring? = nil) {
        self.paths = paths
        self.keyring = keyring
    }

    /// One file of the caseload, as read.
    public struct Entry {
        /// Its position in ``Caseload/paths``.
        public var index: Int
        public var path: String
        /// Its row, or why there is none.
        public var row: Result<SummaryRow, CaseloadReadError>
        /// Said before the row: the file's folder can be listed by others (once per folder).
        public var privacy: CaseloadPrivacyWarning?
        /// Said before the row: what the reader skipped (a cut-off last line).
        public var warnings: [TranscriptWarning]
    }

    /// Calls `body` with each file in the order of ``paths``; returns what is
    /// to be said at the end about files others can read, if any.
    @discardableResult
    public func read(_ body: (Entry) throws -> Void) rethrows -> CaseloadPrivacyWarning? {
        var privacy = CaseloadPrivacy()
        try CaseloadReader.rows(of: paths) { index, scanned in
            let path = paths[index]
            if let scanned {
                let warning = privacy.check(path)
                try body(Entry(index: index, path: path, row: .success(scanned), privacy: warning, warnings: []))
            } else {
                try body(fullyRead(index, privacy: &privacy))
            }
        }
        return privacy.closing
    }

    /// The file read the full way: the checks a host makes of any file named to it, then the reader.
    private func fullyRead(_ index: Int, privacy: inout CaseloadPrivacy) -> Entry {
        let path = paths[index]
        var entry = Entry(index: index, path: path, row: .failure(.missing), privacy: nil, warnings: [])
        var isFolder: DirectoryFlag = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return entry }
        if isFolder.boolValue {
            entry.row = .failure(.folder)
            return entry
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            entry.row = .failure(.noPermission)
            return entry
        }
        entry.privacy = privacy.check(path)
        let url = URL(fileURLWithPath: path)
        do {
            let transcript = try TranscriptReader.read(contentsOf: url, keyring: keyring)
            entry.warnings = transcript.warnings
            entry.row = .success(SummaryRow(name: CaseloadReader.fileName(path), summary: Summary(transcript)))
        } catch let error as TranscriptReadError {
            entry.row = .failure(.transcript(error))
        } catch {
            entry.row = .failure(.keyring(error))
        }
        return entry
    }
}

/// Why a file of a caseload has no row.
public enum CaseloadReadError: Error {
    /// There is no such file.
    case missing
    /// It is a folder (a caseload's folders are named by the host, as lists of their transcripts).
    case folder
    /// Its owner's permissions do not let it be read.
    case noPermission
    /// It was read but is not a transcript, or not one that can be read (see the error).
    case transcript(TranscriptReadError)
    /// An encrypted transcript could not be opened because the keyring
    /// failed: its passphrase source threw this error (none can be had), or
    /// the key could not be made.
    case keyring(any Error)
}

/// What a caseload says about who else can see its transcripts.
public enum CaseloadPrivacyWarning: Sendable, Equatable {
    /// Others can list the folder of `example` (its first transcript read).
    case folderListable(example: URL, by: TranscriptExposure.Audience)
    /// Others can read `count` of the transcripts; `example` is the first.
    case filesReadable(count: Int, example: URL, by: TranscriptExposure.Audience)

    /// What to say, with the fix (as ``TranscriptExposure/warning(for:in:)``).
    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case let .folderListable(example, audience):
            return TranscriptExposure(fileReadableBy: nil, folderListableBy: audience).warning(for: example, in: language) ?? ""
        case let .filesReadable(1, example, audience):
            return TranscriptExposure(fileReadableBy: audience, folderListableBy: nil).warning(for: example, in: language) ?? ""
        case let .filesReadable(count, example, _):
            let folder = example.deletingLastPathComponent().path
            return language.pick(
                "\(count) transcripten zijn leesbaar voor anderen, zoals \(example.path); een transcript bevat persoonsgegevens\n  tip: chmod 600 \(folder)/*.jsonl (en elders waar ze staan)",
                "\(count) transcripts can be read by others, such as \(example.path); a transcript holds personal data\n  hint: chmod 600 \(folder)/*.jsonl (and wherever else they are)"
            )
        }
    }
}

/// The privacy warnings of one caseload: the folders already warned about,
/// and the files others can read, counted.
struct CaseloadPrivacy {
    private var foldersWarned: Set<String> = []
    private var readable = 0
    private var example: (url: URL, audience: TranscriptExposure.Audience)?

    /// Looks at a file that is read; the warning about its folder, the first time that folder is exposed.
    mutating func check(_ path: String) -> CaseloadPrivacyWarning? {
        let url = URL(fileURLWithPath: path)
        let exposure = TranscriptExposure.of(url)
        if let audience = exposure.fileReadableBy {
            readable += 1
            if example == nil { example = (url, audience) }
        }
        guard let audience = exposure.folderListableBy, foldersWarned.insert(url.deletingLastPathComponent().path).inserted else {
            return nil
        }
        return .folderListable(example: url, by: audience)
    }

    /// What to say at the end about the files others can read.
    var closing: CaseloadPrivacyWarning? {
        example.map { .filesReadable(count: readable, example: $0.url, by: $0.audience) }
    }
}
