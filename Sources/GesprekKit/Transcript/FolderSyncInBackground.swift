#if canImport(Glibc)
    import Glibc
#endif

/// The `fsync` of a folder that makes a new file's name durable, on a thread of its own.
///
/// A transcript synced only at the end (``TranscriptFile/Durability-swift.enum/atSync``,
/// a script file) needs two syncs before it is safe: its folder's, for its name, and its
/// own, for its lines. Each waits for the disk (0.4 ms on the machine of
/// docs/development.md, "Start-up"). The folder's runs here while the first lines are
/// written, and ``wait()`` comes before the transcript reports itself synced, so what is
/// promised on disk is on disk; it only stops costing the disk's latency twice in a row.
final class FolderSyncInBackground {
    private var thread: pthread_t?
    /// The open folder, until the sync is done; a signal handler may sync it too (see ``descriptor``).
    private(set) var descriptor: Int32

    /// Starts syncing the folder at `path`; nil when it cannot be opened (as the synchronous
    /// sync, which then syncs nothing either).
    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var thread = pthread_t()
        // The descriptor travels as the thread's argument, plus one so that it is never a null pointer.
        let argument = UnsafeMutableRawPointer(bitPattern: Int(descriptor) + 1)
        let started = pthread_create(
            &thread, nil,
            { argument in
                _ = fsync(Int32(Int(bitPattern: argument) - 1))
                return nil
            }, argument)
        if started == 0 {
            self.thread = thread
        } else {
            _ = fsync(descriptor)  // no thread to be had: sync here and now
        }
    }

    /// Returns once the folder is synced.
    func wait() {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { wait() }
}
