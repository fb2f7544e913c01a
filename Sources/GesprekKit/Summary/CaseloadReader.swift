import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads the rows of a caseload (`gesprek summary` of many transcripts)
/// on every core, and hands them on in the order of the paths, a batch at a
/// time, so that memory does not grow with the number of transcripts.
///
/// Each file is read whole with one `read` and scanned for just the row's
/// figures, without making events (see `SummaryRowScanner`). A file that
/// cannot be opened, is not a transcript, or holds anything out of the
/// ordinary gets no row here: the caller reads it the full way
/// (``TranscriptReader``, ``Summary``, ``SummaryRow/init(name:summary:)``),
/// which gives the same row or the precise error and warnings.
public enum CaseloadReader {
    /// Files read between two hand-overs: enough to keep every core busy, few enough to hold.
    public static let batchSize = 64

    /// Calls `body` with each path's position in `paths` and its row, in
    /// order; the row is nil when the file is left to the full reader.
    public static func rows(of paths: [String], _ body: (Int, SummaryRow?) throws -> Void) rethrows {
        let workers = (0..<max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16))).map { _ in Worker() }
        let rows = Rows(count: batchSize)
        defer { rows.deallocate() }
        var batchStart = 0
        while batchStart < paths.count {
            let batch = paths[batchStart..<min(batchStart + batchSize, paths.count)]
            let next = Atomic<Int>(0)
            // Each worker takes the next file of the batch until none is left.
            DispatchQueue.concurrentPerform(iterations: min(workers.count, batch.count)) { w in
                let worker = workers[w]
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < batch.count else { break }
                    rows.set(i, worker.row(batch[batch.startIndex + i]))
                }
            }
            for i in 0..<batch.count { try body(batchStart + i, rows.take(i)) }
            batchStart += batch.count
        }
    }

    /// The last component of the path of a file that could be read, as
    /// `URL(fileURLWithPath:).lastPathComponent` gives it, without asking the
    /// file system whether it is a folder (such a path cannot end in `/`).
    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The rows of one batch, each written by one worker and read after all have finished.
    private final class Rows: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<SummaryRow?>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        func set(_ i: Int, _ row: SummaryRow?) { storage[i] = row }

        func take(_ i: Int) -> SummaryRow? {
            defer { storage[i] = nil }
            return storage[i]
        }

        func deallocate() {
            storage.deinitialize()
            storage.deallocate()
        }
    }

    /// One core's buffer and scanner, used for one file at a time.
    private final class Worker: @unchecked Sendable {
        private var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 17)
        private var scanner = SummaryRowScanner()

        deinit { buffer.deallocate() }

        func row(_ path: String) -> SummaryRow? {
            guard let bytes = read(path) else { return nil }
            return scanner.row(name: CaseloadReader.fileName(path), transcript: bytes)
        }

        /// The whole file; nil when it cannot be opened or read, or is not a regular file.
        private func read(_ path: String) -> UnsafeBufferPointer<UInt8>? {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            // One byte more than the size, so that one read reaches the end and the next confirms it.
            if buffer.count < Int(info.st_size) + 1 { grow(to: Int(info.st_size) + 1, keeping: 0) }
            var filled = 0
            while true {
                if filled == buffer.count { grow(to: buffer.count * 2, keeping: filled) }
                let n = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if n == 0 { break }
                filled += n
            }
            return UnsafeBufferPointer(rebasing: buffer[..<filled])
        }

        /// A larger buffer holding the first `kept` bytes of this one.
        private func grow(to count: Int, keeping kept: Int) {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
            _ = larger.initialize(fromContentsOf: buffer[..<kept])
            buffer.deallocate()
            buffer = larger
        }
    }
}
