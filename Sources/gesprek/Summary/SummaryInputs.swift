#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit
#if canImport(Glibc)
    import Glibc
#endif

/// What `gesprek summary` is given, as a list of transcript paths: paths as
/// they are, folders as every `*.jsonl` in them (sorted by name, hidden
/// files left out, as a shell's `*.jsonl` does), and lists of paths read
/// from a file or stdin (`--files-from`), one per line.
enum SummaryInputs {
    /// The paths in order. A folder or list that cannot be read, or a folder
    /// without transcripts, is reported on stderr and `failed` is called (exit
    /// code 66); the rest is still summarised.
    static func paths(_ arguments: [String], filesFrom list: String?, failed: () -> Void) -> [String] {
        var paths: [String] = []
        for argument in arguments { add(argument, to: &paths, failed: failed) }
        if let list {
            guard let text = read(list) else {
                Terminal.error(say("kan de lijst \(list) niet lezen", "cannot read the list \(list)"))
                failed()
                return paths
            }
            // A list made on Windows ends its lines in CR LF (one Character in Swift).
            for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                add(String(line), to: &paths, failed: failed)
            }
        }
        return paths
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: DirectoryFlag = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    private static func add(_ path: String, to paths: inout [String], failed: () -> Void) {
        guard isDirectory(path) else {
            paths.append(path)  // a missing or unreadable file is reported when it is read
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            Terminal.error(say("kan de map \(path) niet lezen", "cannot read the folder \(path)"))
            failed()
            return
        }
        let transcripts = names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
        if transcripts.isEmpty {
            Terminal.error(say("de map \(path) bevat geen transcripten (*.jsonl)", "the folder \(path) holds no transcripts (*.jsonl)"))
            failed()
        }
        let folder = path.hasSuffix("/") ? path : path + "/"
        paths += transcripts.map { folder + $0 }
    }

    /// The list's text; `-` is stdin.
    private static func read(_ list: String) -> String? {
        let data = list == "-" ? try? StandardInput.readAll().get() : FileManager.default.contents(atPath: list)
        return data.map { String(decoding: $0, as: UTF8.self) }
    }
}
