import CLibedit
import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Line editing on the system's libedit: Emacs keys, history, completion,
/// Dutch letters. The only place in gesprek that talks to libedit; use it
/// only when both stdin and stdout are terminals.
public final class LineEditor {
    /// What a read gave.
    public enum Input: Equatable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C: the line being typed was dropped.
        case cancelled
        /// Ctrl-D on an empty line.
        case endOfInput
        /// SIGTERM or SIGHUP arrived; the value is the signal.
        case terminated(Int32)
    }

    /// What Tab does with the text before the cursor.
    public struct Completion {
        /// Text to insert at the cursor.
        public var insertion: String
        /// Choices to list below the line when there is more than one.
        public var listing: [String]

        public init(insertion: String, listing: [String] = []) {
            self.insertion = insertion
            self.listing = listing
        }
    }

    /// Called on Tab with the line up to the cursor.
    public var complete: ((String) -> Completion)?

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: URL?
    private var promptBytes: [CChar] = [0]
    private var cancelled = false

    /// - Parameter historyFile: where history is kept across sessions (mode 0600); `nil` keeps it for this session only.
    public init(program: String, historyFile: URL?) {
        Self.useUTF8Locale()
        Signals.install()
        editLine = gk_el_init(program)
        history = gk_history_init(1000)
        self.historyFile = historyFile
        gk_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        gk_el_set_editor(editLine, "emacs")
        // Without EL_SIGNAL a resize garbles the line and a signal leaves the terminal raw.
        gk_el_set_signal(editLine, 1)
        gk_el_set_prompt(editLine, { el in LineEditor.from(el)?.promptPointer() }, Self.promptEscape)
        gk_el_set_getc(editLine, { el, out in LineEditor.readCharacter(el, out) })
        gk_el_set_history(editLine, history)
        // Ctrl-C cancels the line and Ctrl-Z suspends: the terminal makes no
        // signals while editing (a SIGINT handler racing libedit hung in tests).
        gk_el_setty(editLine, "-d", "-isig")
        gk_el_addfn(
            editLine, "gesprek-cancel", "Cancel the line",
            { el, _ in
                LineEditor.from(el)?.cancelled = true
                fputs("^C\n", gk_stdout())
                return UInt8(CC_NEWLINE)
            })
        gk_el_addfn(
            editLine, "gesprek-suspend", "Suspend",
            { _, _ in
                kill(getpid(), SIGTSTP)
                return UInt8(CC_REDISPLAY)
            })
        gk_el_addfn(
            editLine, "gesprek-complete", "Complete",
            { el, _ in
                LineEditor.from(el)?.completeAtCursor() ?? UInt8(CC_REFRESH)
            })
        for (key, command) in Self.bindings { gk_el_bind(editLine, key, command) }
        if let historyFile {
            _ = historyFile.path.withCString { gk_history_load(history, $0) }
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    /// Reads one line. `prefill` is put in the line to edit (a rejected line, to correct).
    public func read(prompt: String, prefill: String? = nil) -> Input {
        promptBytes = Array(prompt.utf8CString)
        cancelled = false
        if let prefill, !prefill.isEmpty { el_push(editLine, prefill) }
        var count: Int32 = 0
        let pointer = el_gets(editLine, &count)
        if let signal = Signals.pending { return .terminated(signal) }
        guard let pointer, count > 0 else { return .endOfInput }
        if cancelled { return .cancelled }
        var line = String(cString: pointer)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the history (Up, Down, Ctrl-R).
    public func remember(_ line: String) {
        _ = line.withCString { gk_history_enter(history, $0) }
    }

    /// Writes the history file, if there is one, with mode 0600.
    public func saveHistory() {
        guard let historyFile else { return }
        Self.makePrivateFolder(historyFile.deletingLastPathComponent())
        let fd = open(historyFile.path, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { fchmod(fd, 0o600); close(fd) }
        _ = historyFile.path.withCString { gk_history_save(history, $0) }
    }

    /// Makes the folder and any missing parents with mode 0700, whatever the
    /// umask; the folder itself (gesprek's own) is tightened to 0700 if it exists.
    private static func makePrivateFolder(_ url: URL) {
        let parent = url.deletingLastPathComponent()
        if parent.path != url.path, !FileManager.default.fileExists(atPath: parent.path) { makePrivateFolder(parent) }
        mkdir(url.path, 0o700)
        chmod(url.path, 0o700)
    }

    // MARK: - libedit callbacks

    /// Marks the start and end of escape sequences in the prompt, which take no room on screen.
    public static let promptEscape: CChar = 1

    private static let bindings: [(String, String)] = [
        ("^C", "gesprek-cancel"), ("^Z", "gesprek-suspend"), ("^I", "gesprek-complete"),
        ("^R", "em-inc-search-prev"),
        ("\\e[H", "ed-move-to-beg"), ("\\e[F", "ed-move-to-end"), ("\\e[1~", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"),
        ("\\eOH", "ed-move-to-beg"), ("\\eOF", "ed-move-to-end"),
        ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"), ("\\e[3~", "ed-delete-next-char"),
    ]

    private static func from(_ el: OpaquePointer?) -> LineEditor? {
        guard let el, let data = gk_el_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    private func promptPointer() -> UnsafeMutablePointer<CChar> {
        promptBytes.withUnsafeMutableBufferPointer { $0.baseAddress! }
    }

    /// Reads one key as a wide character: UTF-8 decoded here, so Dutch letters
    /// arrive whole whatever the locale. Waits with poll() so that SIGTERM and
    /// SIGHUP end the read instead of waiting for the next key.
    private static func readCharacter(_ el: OpaquePointer?, _ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        guard let out else { return -1 }
        var bytes: [UInt8] = []
        var expected = 1
        while bytes.count < expected {
            if Signals.pending != nil { return 0 }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 { if errno == EINTR { continue } else { return -1 } }
            if ready == 0 { continue }
            var byte: UInt8 = 0
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return -1 } }
            if n == 0 { return 0 }
            if bytes.isEmpty {
                expected = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 1
            } else if byte & 0xC0 != 0x80 {
                // A broken sequence: drop what came before, start again with this byte.
                bytes.removeAll()
                expected = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : 4
            }
            bytes.append(byte)
        }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        out.pointee = wchar_t(bitPattern: scalar.value)
        return 1
    }

    private func completeAtCursor() -> UInt8 {
        guard let complete, let info = el_line(editLine)?.pointee else { return UInt8(CC_REFRESH) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let completion = complete(before)
        if !completion.insertion.isEmpty {
            _ = completion.insertion.withCString { el_insertstr(editLine, $0) }
            return UInt8(CC_REFRESH)
        }
        guard !completion.listing.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        fputs("\n" + completion.listing.joined(separator: "\n") + "\n", gk_stdout())
        return UInt8(CC_REDISPLAY)
    }

    /// libedit drops every non-ASCII key unless the locale's codeset is UTF-8;
    /// take the user's locale, and C.UTF-8 for characters when it is not UTF-8.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// SIGTERM and SIGHUP, noted so that a session can end cleanly; and SIGINT,
/// noted so that a long command (outside editing) can be interrupted.
// Globals, not static members: a C signal handler cannot capture the type.
private let terminatingSignal = Atomic<Int32>(0)
private let interruptedBySignal = Atomic<Bool>(false)

public enum Signals {
    /// SIGTERM or SIGHUP, once one has arrived.
    public static var pending: Int32? {
        let value = terminatingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Whether Ctrl-C was pressed since the last call; clears it.
    public static func takeInterrupt() -> Bool {
        interruptedBySignal.exchange(false, ordering: .relaxed)
    }

    static func install() {
        handle(SIGTERM) { terminatingSignal.store($0, ordering: .relaxed) }
        handle(SIGHUP) { terminatingSignal.store($0, ordering: .relaxed) }
        handle(SIGINT) { _ in interruptedBySignal.store(true, ordering: .relaxed) }
    }

    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}
