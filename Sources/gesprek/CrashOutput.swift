#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// What a crash leaves behind. Swift's runtime catches a crash and prints a
/// backtrace with the registers and the memory they point to, on stdout,
/// which can hold what was typed: a name, a note. So unless a developer asks
/// for Swift's backtrace (`SWIFT_BACKTRACE` set), gesprek replaces it with
/// one fixed sentence on stderr and makes no core file (a memory image holds
/// the whole conversation). What was confirmed is in the transcript already:
/// every line is on disk before the prompt returns.
enum CrashOutput {
    /// The signals Swift's runtime turns into a backtrace (SIGQUIT is Ctrl-\).
    static let signals: [Int32] = [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGBUS, SIGSEGV]

    /// The sentence, made before any crash: a signal handler may not allocate.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?

    static func install(environment: EnvironmentVariables = .process) {
        if environment["SWIFT_BACKTRACE"] != nil { return }
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit)
        limit.rlim_cur = 0
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit)
        message = strdup(
            say(
                "\ngesprek: interne fout; gesprek is gestopt. Alles wat bevestigd was, staat in het transcript. "
                    + "Er zijn geen gegevens getoond of bewaard. Meld wat je deed (zonder persoonsgegevens).\n",
                "\ngesprek: internal error; gesprek has stopped. Everything confirmed is in the transcript. "
                    + "No data was shown or kept. Please report what you did (without personal data).\n"))
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if let message = CrashOutput.message { _ = write(STDERR_FILENO, message, strlen(message)) }
            // Die of the same signal, as the crash would have.
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        // The runtime's alternate stack lets the handler run after a stack overflow too.
        action.sa_flags = Int32(SA_ONSTACK)
        sigemptyset(&action.sa_mask)
        for signal in signals { sigaction(signal, &action, nil) }
    }
}
