#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// A script file for `run`, streamed: read in chunks twice, once to check
/// that it is a script (as ``ScriptSource/open(_:)`` checks one: UTF-8 text
/// without NUL bytes, not empty, not a transcript) and then line by line as
/// it runs. Memory holds a chunk and a line, not the script: a script of a
/// million lines runs in the memory of one of a hundred.
struct ScriptFile {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// The script at `path`, checked; or why it is not one (the same errors as ``ScriptSource/open(_:)``).
    static func open(_ path: String) -> Result<ScriptFile, ScriptSource.SourceError> {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return .failure(.folder(path)) }
        // A regular file only, of at most 1 GiB: a FIFO would wait forever, /dev/zero never end.
        let descriptor: Int32
        do {
            descriptor = try RegularFile.open(path).fd
        } catch .failed(EACCES), .failed(EPERM) {
            return .failure(.unreadable(path, reason: .noPermission))
        } catch .failed(ENOENT), .failed(ENOTDIR) {
            return .failure(.unreadable(path, reason: .missing))
        } catch {
            return .failure(.refused(path, error.message(in: cli)))
        }
        let file = ScriptFile(path: path, descriptor: descriptor)
        if let problem = file.check() {
            close(descriptor)
            return .failure(problem)
        }
        return .success(file)
    }

    /// The first reason the file is not a script, reading it through once.
    private func check() -> ScriptSource.SourceError? {
        var start = [UInt8](repeating: 0, count: 256)
        let n = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        if n > 0, TextCheck.looksLikeTranscript(start[..<n]) {
            // As before, a NUL or a byte that is not UTF-8 is named first; a transcript is neither.
            if let problem = lines({ line, number in TextCheck.firstProblem(inLine: line, number: number, path: path) }) {
                return problem
            }
            return .transcript(path)
        }
        var blank = true
        let problem = lines { line, number -> ScriptSource.SourceError? in
            if let problem = TextCheck.firstProblem(inLine: line, number: number, path: path) { return problem }
            if blank, !String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace) { blank = false }
            return nil
        }
        return problem ?? (blank ? .empty(path) : nil)
    }

    /// Calls `body` with each line's bytes (a final `\r` kept) and its number from the start of the file, until it gives a value.
    private func lines<T>(_ body: ([UInt8], Int) -> T?) -> T? {
        lseek(descriptor, 0, SEEK_SET)
        var reader = ByteLineReader(descriptor: descriptor)
        var number = 0
        while let line = reader.nextLine() {
            number += 1
            if let value = body(line, number) { return value }
        }
        return nil
    }

    /// Calls `body` with each line and its number until it returns false; a
    /// line that is no longer UTF-8 (the file changed since the check) comes as a diagnostic.
    func forEachLine(_ body: (SourceLine, Int) -> Bool) {
        _ = lines { bytes, number -> Bool? in
            body(SourceLine(bytes, lineNumber: number), number) ? nil : true
        }
    }
}
