import ArgumentParser
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// `gesprek erase CASE-ID`: erasure on request (Jeugdwet art. 7.3.9, AVG art. 17).
/// Destroys the case's keys in the key store (crypto-shredding: every copy of
/// its encrypted transcripts becomes unreadable, wherever it went), removes
/// the files of the case it can reach, and appends a signed record to the
/// erasure log. `gesprek erase --log` shows and checks that log.
struct EraseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "erase",
            abstract: say(
                "Wis een casus op verzoek: vernietig de sleutel, verwijder de bestanden, leg het vast.",
                "Erase a case on request: destroy its key, remove its files, record it."),
            discussion: say(
                """
                Versleutelde transcripten van de casus worden onleesbaar overal waar ze naartoe gekopieerd zijn: hun sleutel \
                in ~/.config/gesprek/case-keys wordt vernietigd. Verwijderd worden de bestanden van de casus in de \
                transcriptmap en in elke --folder (transcripten, reflecties van annotate, reservekopieën van repair, noodkopieën); symbolische \
                koppelingen, FIFO's en bestanden van andere casussen blijven onaangeroerd. Onversleutelde transcripten en \
                versleutelde van vóór de casussleutels worden alleen verwijderd: kopieën elders blijven leesbaar. \
                Op een terminal typ je het casusnummer nogmaals; in scripts --yes. --dry-run toont wat zou verdwijnen. \
                Elke wissing komt als ondertekend record (tijd, gehashte casus, aantallen; geen inhoud) in \
                ~/.config/gesprek/erasures.jsonl; gesprek erase --log toont en controleert dat. \
                Afsluitcode 0 als het gelukt is, 1 niet bevestigd, 64 geen bevestiging zonder terminal, \
                74 een bestand kon niet worden verwijderd, 73 het record kon niet worden geschreven, 65 het logboek klopt niet.
                """,
                """
                Encrypted transcripts of the case become unreadable wherever they were copied: their key in \
                ~/.config/gesprek/case-keys is destroyed. Removed are the case's files in the transcripts folder and in every \
                --folder (transcripts, annotate's reflections, repair's backups, rescue copies); symbolic links, FIFOs and files of other cases are \
                left alone. Plain transcripts, and encrypted ones from before case keys, are only removed: copies elsewhere \
                stay readable. On a terminal you type the case id again; in scripts --yes. --dry-run shows what would go. \
                Every erasure is recorded as a signed record (time, hashed case, counts; no content) in \
                ~/.config/gesprek/erasures.jsonl; gesprek erase --log shows and checks it. \
                Exit code 0 when done, 1 not confirmed, 64 no confirmation without a terminal, \
                74 a file could not be removed, 73 the record could not be written, 65 the log does not hold.
                """))
    }

    @Argument(
        help: ArgumentHelp(
            say("Het casusnummer (zoals bij --case).", "The case id (as given with --case)."), valueName: say("dossiernummer", "case-id")))
    var caseID: String?

    @Flag(help: ArgumentHelp(say("Niet vragen: voor scripts.", "Do not ask: for scripts.")))
    var yes = false

    @Flag(
        name: .customLong("dry-run"), help: ArgumentHelp(say("Toon wat zou verdwijnen; wis niets.", "Show what would go; erase nothing.")))
    var dryRun = false

    @Option(
        name: .customLong("folder"),
        help: ArgumentHelp(
            say(
                "Zoek ook in deze map (reservekopieën, noodkopieën van --rescue); herhaalbaar.",
                "Look in this folder too (backups, rescue copies of --rescue); repeatable."),
            valueName: say("map", "folder")))
    var folders: [String] = []

    @Flag(name: .customLong("log"), help: ArgumentHelp(say("Toon en controleer het wislogboek.", "Show and check the erasure log.")))
    var showLog = false

    @OptionGroup var language: LanguageOption

    /// A file of the case, and how it is protected.
    struct Found {
        enum Kind { case shredded, legacy, plain }
        var path: String
        var kind: Kind
        var device: UInt64
        var inode: UInt64
    }

    func validate() throws {
        if showLog { return }
        guard let caseID, !caseID.trimmingSpaces().isEmpty else {
            throw ValidationError(say("geef het casusnummer: gesprek erase CASE-ID", "give the case id: gesprek erase CASE-ID"))
        }
    }

    func run() throws {
        if showLog { return try runLog() }
        guard let caseID else { return }
        let store = SigningKeys.caseKeys
        let keys: [String]
        let erasedBefore: [String]
        do {
            keys = try store.keyIDs(forCase: caseID)
            erasedBefore = try store.erasedKeyIDs(forCase: caseID)
        } catch let error as CaseKeyError {
            Terminal.error(error.message(in: cli))
            throw Exit.cannotCreate
        }
        let places = [TranscriptDirectory.defaultURL()] + folders.map { URL(fileURLWithPath: PathText.expandingTilde($0)) }
        var found: [Found] = []
        var skipped: [(String, String)] = []
        var unchecked = 0
        for folder in places {
            let scan = Scan(caseID: caseID, keys: Set(keys + erasedBefore))
            scan.run(in: folder)
            found += scan.found
            skipped += scan.skipped
            unchecked += scan.unchecked
        }
        let history = InteractiveSession.historyURL()
        let hasHistory = FileManager.default.fileExists(atPath: history.path)

        // The plan: what goes, what stays and why.
        let prefix = dryRun ? say("zou verdwijnen: ", "would go: ") : say("verdwijnt: ", "goes: ")
        if !keys.isEmpty {
            Terminal.output(
                prefix
                    + say(
                        "\(keys.count) \(keys.count == 1 ? "sleutel" : "sleutels") van de casus (alle versleutelde kopieën worden onleesbaar)",
                        "\(keys.count) \(keys.count == 1 ? "key" : "keys") of the case (every encrypted copy becomes unreadable)"))
        }
        for file in found { Terminal.output(prefix + shown(file.path) + kindNote(file.kind)) }
        for (path, reason) in skipped {
            Terminal.output(say("overgeslagen: ", "left alone: ") + shown(path) + " (\(reason))")
        }
        if unchecked > 0 {
            Terminal.output(
                say(
                    "niet gecontroleerd: \(unchecked) versleutelde transcripten van vóór de casussleutels (geen wachtwoord); welke casus ze hebben, is zonder wachtwoord niet te zien",
                    "not checked: \(unchecked) encrypted transcripts from before case keys (no passphrase); their case cannot be seen without it"
                ))
        }
        if hasHistory {
            Terminal.output(
                say(
                    "niet bereikt: de invoergeschiedenis \(shown(history.path)) bevat getypte regels zonder casusnummer; gesprek kan niet zien welke bij deze casus horen. Verwijder hem zelf als hij regels van deze casus kan bevatten: rm \(shown(history.path))",
                    "not reached: the input history \(shown(history.path)) holds typed lines without a case id; gesprek cannot tell which belong to this case. Remove it yourself if it may hold lines of this case: rm \(shown(history.path))"
                ))
        }
        if keys.isEmpty && found.isEmpty {
            Terminal.output(
                say(
                    "niets gevonden van deze casus in \(places.map { shown($0.path) }.joined(separator: ", ")); er is niets gewist",
                    "nothing of this case found in \(places.map { shown($0.path) }.joined(separator: ", ")); nothing was erased"))
            return
        }
        if dryRun {
            Terminal.output(say("proefdraai: er is niets gewist", "dry run: nothing was erased"))
            return
        }
        try confirm(caseID)
        // The key that signs the record first: without it (a sealed key, no passphrase) nothing is erased unrecorded.
        let signer = try SigningKeys.signer(encrypt: (try? Settings.load().encrypt) ?? false)

        let now = Date()
        let day = UTCStamp.day(now)
        var destroyed = 0
        var failed = 0
        for key in keys {
            do {
                if try store.erase(keyID: key, on: day) { destroyed += 1 }
            } catch let error as CaseKeyError {
                Terminal.error(error.message(in: cli))
                failed += 1
            }
        }
        var removed = 0
        var touchedFolders = Set<String>()
        for file in found {
            if let reason = remove(file) {
                Terminal.error(say("kan \(shown(file.path)) niet verwijderen: \(reason)", "cannot remove \(shown(file.path)): \(reason)"))
                failed += 1
            } else {
                removed += 1
                touchedFolders.insert(PathText.deletingLastComponent(file.path))
            }
        }
        for folder in touchedFolders { fsyncFolder(folder) }

        let record = ErasureRecord(
            time: UTCStamp.dateTime(now),
            caseHash: (try? store.caseHash(caseID)) ?? "", keys: destroyed, removed: removed,
            plain: found.filter { $0.kind == .plain }.count, legacy: found.filter { $0.kind == .legacy }.count, failed: failed,
            unchecked: unchecked)
        do {
            try ErasureLog.append(record, to: SigningKeys.erasureLogURL, signer: signer)
        } catch {
            Terminal.error(
                say(
                    "de wissing is gedaan, maar het record kon niet in \(SigningKeys.erasureLogURL.path) worden geschreven: \(error)",
                    "the erasure is done, but its record could not be written to \(SigningKeys.erasureLogURL.path): \(error)"))
            throw Exit.cannotCreate
        }
        Terminal.output(
            say(
                "gewist: \(destroyed) \(destroyed == 1 ? "sleutel" : "sleutels") vernietigd, \(removed) \(removed == 1 ? "bestand" : "bestanden") verwijderd; vastgelegd in \(SigningKeys.erasureLogURL.path) (ondertekend met sleutel \(signer.publicKey.id))",
                "erased: \(destroyed) \(destroyed == 1 ? "key" : "keys") destroyed, \(removed) \(removed == 1 ? "file" : "files") removed; recorded in \(SigningKeys.erasureLogURL.path) (signed by key \(signer.publicKey.id))"
            ))
        if found.contains(where: { $0.kind != .shredded }) {
            Terminal.output(
                say(
                    "let op: onversleutelde transcripten (en versleutelde van vóór de casussleutels) zijn alleen hier verwijderd; kopieën elders (back-ups, e-mail, het casussysteem, exports) blijven leesbaar en zijn voor gesprek niet te bereiken",
                    "note: plain transcripts (and encrypted ones from before case keys) were removed here only; copies elsewhere (backups, e-mail, the case system, exports) stay readable and cannot be reached by gesprek"
                ))
        }
        if failed > 0 { throw Exit.ioError }
    }

    private func kindNote(_ kind: Found.Kind) -> String {
        switch kind {
        case .shredded: say(" (versleuteld met de casussleutel)", " (encrypted with the case key)")
        case .legacy:
            say(
                " (versleuteld van vóór de casussleutels: kopieën blijven leesbaar met het wachtwoord)",
                " (encrypted from before case keys: copies stay readable with the passphrase)")
        case .plain: say(" (onversleuteld: kopieën elders blijven leesbaar)", " (plain: copies elsewhere stay readable)")
        }
    }

    /// On a terminal: the case id typed again. Without a terminal: only with --yes.
    private func confirm(_ caseID: String) throws {
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            Terminal.error(
                say(
                    "er is niets gewist: bevestig met --yes (er is geen terminal om te vragen)",
                    "nothing was erased: confirm with --yes (there is no terminal to ask on)"),
                hint: say("kijk eerst met --dry-run wat zou verdwijnen", "see first with --dry-run what would go"))
            throw Exit.usage
        }
        Terminal.writeError(
            say("Dit is niet terug te draaien. Typ het casusnummer om te wissen: ", "This cannot be undone. Type the case id to erase: "))
        let answer = readLine(strippingNewline: true)
        guard answer?.trimmingSpaces() == caseID else {
            Terminal.error(say("niet bevestigd; er is niets gewist", "not confirmed; nothing was erased"))
            throw ExitCode.failure
        }
    }

    /// Removes the file if the path still names the one that was read; the reason when not.
    private func remove(_ file: Found) -> String? {
        var info = stat()
        guard lstat(file.path, &info) == 0 else { return String(cString: strerror(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG, UInt64(info.st_dev) == file.device, UInt64(info.st_ino) == file.inode else {
            return say("het bestand is vervangen sinds het gelezen werd", "the file was replaced since it was read")
        }
        guard unlink(file.path) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    private func fsyncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    // MARK: - The log

    private func runLog() throws {
        let url = SigningKeys.erasureLogURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            Terminal.output(say("er is nog niets gewist (\(url.path) bestaat niet)", "nothing was erased yet (\(url.path) does not exist)"))
            return
        }
        let entries: [ErasureLog.CheckedRecord]
        do {
            entries = try ErasureLog.read(url)
        } catch ErasureLog.LogError.malformed(let line) {
            Terminal.error(say("\(url.path):\(line): dit is geen wisrecord", "\(url.path):\(line): this is not an erasure record"))
            throw Exit.dataError
        } catch {
            Terminal.error(say("kan \(url.path) niet lezen: \(error)", "cannot read \(url.path): \(error)"))
            throw Exit.noInput
        }
        let trusted = try SigningKeys.trusted()
        let wanted = try caseID.map { try SigningKeys.caseKeys.caseHash($0) }
        var bad = 0
        for entry in entries {
            let r = entry.record
            let key =
                trusted.contains(entry.signer)
                ? say("sleutel \(entry.signer.id) (vertrouwd)", "key \(entry.signer.id) (trusted)")
                : say("ONBEKENDE sleutel \(entry.signer.id)", "UNKNOWN key \(entry.signer.id)")
            let verdict: String
            if !entry.signed {
                verdict = say("NIET INTACT: de handtekening klopt niet", "NOT INTACT: the signature does not hold")
                bad += 1
            } else if !entry.chained {
                verdict = say(
                    "NIET INTACT: een eerder record ontbreekt of is gewijzigd", "NOT INTACT: an earlier record is missing or changed")
                bad += 1
            } else {
                verdict = say("ondertekend met ", "signed by ") + key
            }
            let mark = wanted == r.caseHash ? say(" ← deze casus", " ← this case") : ""
            Terminal.output(
                say(
                    "\(r.time): casus \(r.caseHash.prefix(16)), \(r.keys) sleutels vernietigd, \(r.removed) bestanden verwijderd (\(r.plain) onversleuteld, \(r.legacy) oud versleuteld), \(r.failed) niet verwijderd, \(r.unchecked) niet gecontroleerd; \(verdict)\(mark)",
                    "\(r.time): case \(r.caseHash.prefix(16)), \(r.keys) keys destroyed, \(r.removed) files removed (\(r.plain) plain, \(r.legacy) old encrypted), \(r.failed) not removed, \(r.unchecked) not checked; \(verdict)\(mark)"
                ))
        }
        if bad > 0 { throw Exit.dataError }
    }
}

/// Looks through one folder (not its subfolders) for the files of a case:
/// regular files only, never through a symbolic link; each read at most
/// as far as its header (all of a plain transcript, for a case set during the session).
private final class Scan {
    let caseID: String
    let keys: Set<String>
    var found: [EraseCommand.Found] = []
    var skipped: [(String, String)] = []
    var unchecked = 0

    init(caseID: String, keys: Set<String>) {
        self.caseID = caseID
        self.keys = keys
    }

    func run(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: continue
            case S_IFLNK:
                if looksLikeTranscript(name) { skipped.append((path, say("symbolische koppeling", "symbolic link"))) }
                continue
            default:
                if looksLikeTranscript(name) { skipped.append((path, say("geen gewoon bestand", "not a regular file"))) }
                continue
            }
            if let kind = classify(path) {
                found.append(.init(path: path, kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            }
        }
        // The team's reflections beside a transcript of the case (gesprek annotate) go with it, kept as it is.
        var reflections: [EraseCommand.Found] = []
        for file in found where !ReflectionLog.isReflectionsFile(URL(fileURLWithPath: file.path)) {
            let path = ReflectionLog.location(forTranscript: URL(fileURLWithPath: file.path)).path
            var info = stat()
            guard !found.contains(where: { $0.path == path }), lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                continue
            }
            reflections.append(.init(path: path, kind: file.kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        }
        found += reflections
    }

    private func looksLikeTranscript(_ name: String) -> Bool {
        name.hasSuffix(".jsonl") || name.contains(".jsonl.bak") || name.hasSuffix(ReflectionLog.suffix)
    }

    /// Whether the file belongs to the case, and how it is protected; nil when it does not (or is no transcript).
    private func classify(_ path: String) -> EraseCommand.Found.Kind? {
        guard let first = firstLine(path) else { return nil }
        let envelope = first.withUnsafeBufferPointer { TranscriptEncryption.envelope(ofFirstLine: $0) }
        // Reflections (gesprek annotate) go with the transcript beside them (see run(in:)); on their own only
        // when sealed under a key of the case, which names it without a passphrase.
        if ReflectionLog.isReflectionsFile(URL(fileURLWithPath: path)) {
            guard let key = envelope?.key else { return nil }
            return keys.contains(key) ? .shredded : nil
        }
        if let envelope {
            if let key = envelope.key { return keys.contains(key) ? .shredded : nil }
            // Sealed under the passphrase alone: only the passphrase shows its case.
            do {
                let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path), keyring: TranscriptInput.keyring)
                return belongs(transcript) ? .legacy : nil
            } catch {
                unchecked += 1
                return nil
            }
        }
        guard first.starts(with: Array(#"{"format":"gesprek-transcript""#.utf8)) else { return nil }
        guard let transcript = try? TranscriptReader.read(contentsOf: URL(fileURLWithPath: path)) else {
            // A damaged plain transcript: its header may still name the case.
            let header = JSONTree.parse(first) as? [String: Any]
            return header?["case"] as? String == caseID ? .plain : nil
        }
        return belongs(transcript) ? .plain : nil
    }

    /// The case in the header, or set during the session (`session case=…`).
    private func belongs(_ transcript: Transcript) -> Bool {
        if transcript.header.details.caseReference == caseID { return true }
        return transcript.events.contains { event in
            if case let .session(caseReference, _) = event.body { return caseReference == caseID }
            return false
        }
    }

    /// The first line, read through `RegularFile` (no FIFO waits, nothing swapped in); nil when there is none.
    private func firstLine(_ path: String) -> [UInt8]? {
        guard let (fd, _) = try? RegularFile.open(path, flags: O_RDONLY | O_NOFOLLOW) else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < RegularFile.maximumLineLength {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[..<n]
            if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) { return Array(bytes[..<end]) }
        }
        return bytes.isEmpty ? nil : bytes
    }
}
