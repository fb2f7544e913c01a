#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GesprekKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

// A global, not a static member: a C signal handler cannot capture the type.
private let descriptorToSync = Atomic<Int32>(-1)
/// The transcript's folder while its own sync still runs (see `TranscriptFile.folderDescriptorBeingSynced`).
private let folderToSync = Atomic<Int32>(-1)

/// For a transcript that is synced only at the end (a script file, see
/// ``TranscriptFile/Durability-swift.enum/atSync``): SIGTERM, SIGHUP, SIGINT
/// or SIGQUIT first syncs every line written so far (`fsync` is
/// async-signal-safe), then ends gesprek as the signal would (exit status
/// 128 + the signal). Lines are written whole as they come, so what is
/// synced is the transcript up to the last line recorded.
enum SyncOnSignal {
    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    static func install(_ file: TranscriptFile) {
        descriptorToSync.store(file.fileDescriptor, ordering: .relaxed)
        folderToSync.store(file.folderDescriptorBeingSynced, ordering: .relaxed)
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let fd = descriptorToSync.load(ordering: .relaxed)
                if fd >= 0 { _ = fsync(fd) }
                // The new file's name too, should its folder's sync not be done yet (a descriptor closed
                // since, or reused, makes this at worst a sync too many).
                let folder = folderToSync.load(ordering: .relaxed)
                if folder >= 0 { _ = fsync(folder) }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    /// The transcript is closed (and synced): the signals do what they did before.
    static func uninstall() {
        descriptorToSync.store(-1, ordering: .relaxed)
        folderToSync.store(-1, ordering: .relaxed)
        for number in signals { Glibc.signal(number, SIG_DFL) }
    }
}
