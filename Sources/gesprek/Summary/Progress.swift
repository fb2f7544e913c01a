#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on stderr, only when stderr is a terminal: `[#####·····] 4.000/10.000`.
final class Progress {
    private let total: Int
    private let enabled: Bool
    private var shown = false
    private var lastUpdate = Date.distantPast

    init(total: Int) {
        self.total = total
        self.enabled = isatty(STDERR_FILENO) == 1 && total > 1
    }

    func update(done: Int) {
        guard enabled, Date().timeIntervalSince(lastUpdate) > 0.1 else { return }
        lastUpdate = Date()
        let width = 30
        let filled = total == 0 ? 0 : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        Terminal.writeError("\r[\(bar)] \(done)/\(total)")
        shown = true
    }

    /// Wipes the bar so that a row can be written.
    func clear() {
        guard shown else { return }
        Terminal.writeError("\r\u{1B}[K")
        shown = false
    }
}
