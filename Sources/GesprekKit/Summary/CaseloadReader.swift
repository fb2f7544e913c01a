#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Dispatch
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Reads the rows of a caseload (`gesprek summary` of many transcripts)
/// on every core, and hands them on in the order of the paths as they are
/// ready. The readers run at most ``window`` files ahead of the caller, so
/// memory does not grow with the number of transcripts.
///
/// Each file is read whole with one `read` and scanned for just the row's
/// figures, without making events (see `SummaryRowScanner`). A file that
/// cannot be opened, is not a transcript, or holds anything out of the
/// ordinary gets no row here: ``Caseload`` reads it the full way
/// (``TranscriptReader``, ``Summary``, ``SummaryRow/init(name:summary:)``),
/// which gives the same row or the precise error and warnings.
package enum CaseloadReader {
    /// How many files the readers may be ahead of the caller: enough that a
    /// slow file or a busy core holds nobody up, few enough to hold.
    package static let window = 128

    /// Calls `body` with each path's position in `paths` and its row, in
    /// order; the row is nil when the file is left to the full reader.
    package static func rows(of paths: [String], _ body: (Int, SummaryRow?) throws -> Void) rethrows {
        let handOver = HandOver(window: min(window, max(paths.count, 1)))
        let readers = DispatchGroup()
        for _ in 0..<max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)) {
            DispatchQueue.global().async(group: readers) {
                let worker = Worker()
                while let i = handOver.claim(below: paths.count) { handOver.put(i, worker.row(paths[i])) }
            }
        }
        defer {
            handOver.stop()
            readers.wait()
        }
        for i in paths.indices { try body(i, handOver.take(i)) }
    }

    /// The last component of the path of a file that could be read, as
    /// `URL(fileURLWithPath:).lastPathComponent` gives it, without asking the
    /// file system whether it is a folder (such a path cannot end in `/`);
    /// control characters in it shown escaped (see ``VisibleText``).
    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return VisibleText.escaped(path) }
        return VisibleText.escaped(String(path[path.utf8.index(after: slash)...]))
    }

    /// Rows from the readers to the caller through a ring of slots: a reader
    /// takes a free slot before it claims the next file, and the caller frees
    /// each slot once it has taken its row, in order.
    private final class HandOver: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<SummaryRow?>
        /// One per slot: signalled when its row is there.
        private let filled: [DispatchSemaphore]
        /// Slots not holding a row that the caller has yet to take.
        private let free: DispatchSemaphore
        private let next = Atomic<Int>(0)
        private let stopped = Atomic<Bool>(false)

        init(window: Int) {
            slots = .allocate(capacity: window)
            slots.initialize(repeating: nil)
            filled = (0..<window).map { _ in DispatchSemaphore(value: 0) }
            free = DispatchSemaphore(value: window)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        /// The next file to read, once there is room for its row; nil when all are claimed or the caller stopped.
        func claim(below count: Int) -> Int? {
            free.wait()
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < count, !stopped.load(ordering: .relaxed) else {
                free.signal()  // for the next reader that waits
                return nil
            }
            return i
        }

        func put(_ i: Int, _ row: SummaryRow?) {
            slots[i % slots.count] = row
            filled[i % slots.count].signal()
        }

        func take(_ i: Int) -> SummaryRow? {
            filled[i % slots.count].wait()
            defer {
                slots[i % slots.count] = nil
                free.signal()
            }
            return slots[i % slots.count]
        }

        /// No more files are claimed; readers waiting for room go.
        func stop() {
            stopped.store(true, ordering: .relaxed)
            free.signal()
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

        /// The whole file; nil when it cannot be opened or read, is not a regular
        /// file, or is beyond the bounds of ``RegularFile``: the full reader then
        /// gives the precise error.
        private func read(_ path: String) -> UnsafeBufferPointer<UInt8>? {
            guard let (fd, size) = try? RegularFile.open(path) else { return nil }
            defer { close(fd) }
            // One byte more than the size, so that one read reaches the end and the next confirms it.
            if buffer.count < size + 1 { grow(to: size + 1, keeping: 0) }
            var filled = 0
            while true {
                if filled == buffer.count {
                    guard filled < RegularFile.maximumSize else { return nil }
                    grow(to: buffer.count * 2, keeping: filled)
                }
                let n = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if n == 0 { break }
                filled += n
            }
            let bytes = UnsafeBufferPointer(rebasing: buffer[..<filled])
            return Self.hasOverlongLine(bytes) ? nil : bytes
        }

        /// Whether a line is longer than ``RegularFile/maximumLineLength`` (memchr, many bytes at a time).
        private static func hasOverlongLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count > RegularFile.maximumLineLength, let base = bytes.baseAddress else { return false }
            var start = 0
            while start < bytes.count {
                let end =
                    memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                    ?? bytes.count
                if end - start > RegularFile.maximumLineLength { return true }
                start = end + 1
            }
            return false
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
