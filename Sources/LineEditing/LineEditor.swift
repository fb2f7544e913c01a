import CLibedit
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Line editing on the system's libedit: Emacs keys, history, completion,
/// Dutch letters. The only place in gesprek that talks to libedit; use it
/// only when both stdin and stdout are terminals. libedit is loaded (dlopen)
/// when the first editor is made, not when gesprek starts: see ``load()``.
public final class LineEditor {
    /// libedit cannot be loaded: the library is not installed, or lacks a function gesprek uses.
    public struct Unavailable: Error {
        /// What the dynamic loader said (dlerror), such as
        /// "libedit.so.2: cannot open shared object file: No such file or directory".
        public let reason: String
    }

    /// Loads libedit, once; a later call gives the same answer. Call it before
    /// anything is drawn or created, to say early that there can be no editor.
    public static func load() throws(Unavailable) {
        guard gk_load() != 0 else { return }
        throw Unavailable(reason: gk_load_error().map { String(cString: $0) } ?? "libedit.so.2")
    }

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
        /// Characters before the cursor to take away first (a name typed
        /// without its quote, replaced by the name in quotes).
        public var removing: Int
        /// Choices to list below the line when there is more than one.
        public var listing: [String]

        public init(insertion: String, removing: Int = 0, listing: [String] = []) {
            self.insertion = insertion
            self.removing = removing
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
    private var cookedMode = termios()
    private var haveCookedMode = false
    private var rawMode: termios?

    /// - Parameter historyFile: where history is kept across sessions (mode 0600); `nil` keeps it for this session only.
    /// - Throws: ``Unavailable`` when libedit cannot be loaded.
    public init(program: String, historyFile: URL?) throws(Unavailable) {
        try Self.load()
        Self.useUTF8Locale()
        Signals.install()
        editLine = gk_el_init(program)
        history = gk_history_init(1000)
        self.historyFile = historyFile
        gk_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        gk_el_set_editor(editLine, "emacs")
        // No EL_SIGNAL: libedit would pass every signal on with kill(0, sig), to the
        // whole process group (the shell or the host program that started gesprek).
        // gesprek handles them itself (see `Signals` and `readCharacter`): the
        // terminal is put back, a resize redraws, Ctrl-Z and `fg` work.
        gk_el_set_signal(editLine, 0)
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
            { el, _ in
                // As the terminal's own Ctrl-Z would: SIGTSTP for the foreground process
                // group (a `bash -c` around gesprek stops with it, so the shell gets its prompt).
                let group = tcgetpgrp(STDIN_FILENO)
                if group > 0 { kill(-group, SIGTSTP) } else { raise(SIGTSTP) }
                if Signals.takeSuspend() { LineEditor.from(el)?.suspend() }
                return UInt8(CC_REDISPLAY)
            })
        gk_el_addfn(
            editLine, "gesprek-redraw", "Draw the line anew",
            { _, _ in UInt8(CC_REDISPLAY) })
        gk_el_addfn(
            editLine, "gesprek-complete", "Complete",
            { el, _ in
                LineEditor.from(el)?.completeAtCursor() ?? UInt8(CC_REFRESH)
            })
        gk_el_addfn(
            editLine, "gesprek-search", "Search the history",
            { el, _ in
                LineEditor.from(el)?.searchHistory() ?? UInt8(CC_REFRESH)
            })
        for (key, command) in Self.bindings { gk_el_bind(editLine, key, command) }
        if let historyFile {
            _ = historyFile.path.withCString { gk_history_load(history, $0) }
        }
    }

    deinit {
        gk_el_end(editLine)
        gk_history_end(history)
    }

    /// Reads one line. `prefill` is put in the line to edit (a rejected line, to correct).
    public func read(prompt: String, prefill: String? = nil) -> Input {
        promptBytes = Array(prompt.utf8CString)
        cancelled = false
        if let prefill, !prefill.isEmpty { gk_el_push(editLine, prefill) }
        // The terminal as it is outside editing, to put back when gesprek is suspended.
        cookedMode = termios()
        haveCookedMode = tcgetattr(STDIN_FILENO, &cookedMode) == 0
        rawMode = nil
        let previous = Signals.installWhileEditing()
        takeKeysOneByOne()
        var count: Int32 = 0
        let pointer = gk_el_gets(editLine, &count)
        Signals.restore(previous)
        // libedit puts the cooked mode back itself, unless it never read a key.
        if haveCookedMode { tcsetattr(STDIN_FILENO, TCSADRAIN, &cookedMode) }
        if let signal = Signals.pending { return .terminated(signal) }
        guard let pointer, count > 0 else { return .endOfInput }
        if cancelled { return .cancelled }
        var line = String(cString: pointer)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// libedit prints the prompt before it takes the terminal out of canonical
    /// mode. A Ctrl-D typed the moment the prompt shows is then an end of file
    /// in canonical mode, which the kernel turns into a NUL byte when the mode
    /// changes: the key is lost and the line is no longer empty, so Ctrl-D does
    /// not end the session (seen under load and under strace). So the terminal
    /// gives keys one by one, unechoed, before the prompt is printed; libedit,
    /// which learns the cooked mode only from a canonical terminal, keeps the
    /// one it learned at the start and puts it back after the line.
    private func takeKeysOneByOne() {
        guard haveCookedMode, cookedMode.c_lflag & tcflag_t(ICANON) != 0 else { return }
        var early = cookedMode
        early.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        withUnsafeMutableBytes(of: &early.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &early)
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
        ("^C", "gesprek-cancel"), ("^Z", "gesprek-suspend"), ("^I", "gesprek-complete"), ("^^", "gesprek-redraw"),
        // Not em-inc-search-prev: its prompt (`bck:`) is built into libedit, in English.
        // Ctrl-R is gesprek's own search: see `searchHistory`.
        ("^R", "gesprek-search"),
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
    /// arrive whole whatever the locale. Waits with poll() so that a signal is
    /// acted on at once: SIGTERM and SIGHUP end the read, SIGINT cancels the
    /// line, SIGTSTP suspends, SIGCONT and SIGWINCH redraw. A terminal that is
    /// gone (its window closed: the read fails, EIO, or ends) is a hangup, as SIGHUP.
    private static func readCharacter(_ el: OpaquePointer?, _ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        guard let out else { return -1 }
        var bytes: [UInt8] = []
        var expected = 1
        while bytes.count < expected {
            if Signals.pending != nil { return 0 }
            if let el, let editor = from(el) {
                editor.noteRawMode()
                if Signals.takeResize() { gk_el_resize(el) }
                if Signals.takeSuspend() {
                    editor.suspend()
                    return redraw(out)
                }
                if Signals.takeResumed() {
                    editor.resumed()
                    return redraw(out)
                }
                if bytes.isEmpty, Signals.takeInterrupt() {
                    // SIGINT from outside (the terminal makes none while editing): as Ctrl-C.
                    editor.cancelled = true
                    fputs("^C\n", gk_stdout())
                    out.pointee = wchar_t(UInt8(ascii: "\n"))
                    return 1
                }
            }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 { if errno == EINTR { continue } else { return Signals.hangUp() } }
            if ready == 0 { continue }
            var byte: UInt8 = 0
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return Signals.hangUp() } }
            // In raw mode Ctrl-D is a key, so nothing to read means the terminal is gone.
            if n == 0 { return Signals.hangUp() }
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

    /// Ctrl-Z or SIGTSTP: the terminal as it was outside editing, stopped
    /// until `fg` (SIGCONT), then raw again and, after a SIGTSTP from
    /// outside, the line drawn anew.
    private func suspend() {
        noteRawMode()
        if haveCookedMode { tcsetattr(STDIN_FILENO, TCSADRAIN, &cookedMode) }
        Signals.stop()
        if var rawMode { tcsetattr(STDIN_FILENO, TCSADRAIN, &rawMode) }
        if Signals.pending != nil, haveCookedMode { tcsetattr(STDIN_FILENO, TCSADRAIN, &cookedMode) }
        _ = Signals.takeResumed()
    }

    /// SIGCONT without a suspend of gesprek's own (after a SIGSTOP from
    /// outside): the shell has had the terminal meanwhile and may have changed
    /// it, so libedit's raw mode is set again.
    private func resumed() {
        if var rawMode { tcsetattr(STDIN_FILENO, TCSADRAIN, &rawMode) }
    }

    /// The key bound to `gesprek-redraw`, handed to libedit so that it draws the line anew.
    private static let redrawKey: UInt8 = 0x1E

    private static func redraw(_ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        out.pointee = wchar_t(redrawKey)
        return 1
    }

    /// The terminal as libedit set it for editing, taken on the first key of a read.
    private func noteRawMode() {
        guard rawMode == nil else { return }
        var mode = termios()
        if tcgetattr(STDIN_FILENO, &mode) == 0 { rawMode = mode }
    }

    /// What Ctrl-R looks for, and the line it found last (to go on to an older one).
    private var search: (words: String, index: Int, found: String)?

    /// Ctrl-R: the newest earlier line that contains the words typed (any case),
    /// in place of them; Ctrl-R again, the one before that. No prompt of its own
    /// (libedit's says `bck:`, in English): the line itself shows what was found.
    /// A beep when there is none (the line stays as it is).
    private func searchHistory() -> UInt8 {
        guard let wide = gk_el_wline(editLine)?.pointee, let narrow = gk_el_line(editLine)?.pointee else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let length = wide.lastchar - wide.buffer
        let current = String(
            decoding: UnsafeRawBufferPointer(start: narrow.buffer, count: narrow.lastchar - narrow.buffer).bindMemory(to: UInt8.self),
            as: UTF8.self)
        var words = current, start = 0
        if let search, search.found == current {
            words = search.words
            start = search.index + 1
        }
        let needle = words.lowercased()
        var index = start
        while let pointer = gk_history_line(history, Int32(index)) {
            let line = String(cString: pointer)
            if line != current, needle.isEmpty || line.lowercased().contains(needle) {
                search = (words, index, line)
                gk_el_cursor(editLine, Int32(length))
                gk_el_deletestr(editLine, Int32(length))
                _ = line.withCString { gk_el_insertstr(editLine, $0) }
                return UInt8(CC_REFRESH)
            }
            index += 1
        }
        return UInt8(CC_REFRESH_BEEP)
    }

    private func completeAtCursor() -> UInt8 {
        guard let complete, let info = gk_el_line(editLine)?.pointee else { return UInt8(CC_REFRESH) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let completion = complete(before)
        if !completion.insertion.isEmpty {
            if completion.removing > 0 { gk_el_deletestr(editLine, Int32(completion.removing)) }
            _ = completion.insertion.withCString { gk_el_insertstr(editLine, $0) }
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
        if codeset.uppercased().filter { $0 != "-" } != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// SIGTERM and SIGHUP, noted so that a session can end cleanly; and SIGINT,
/// noted so that a long command (outside editing) can be interrupted.
// Globals, not static members: a C signal handler cannot capture the type.
private let terminatingSignal = Atomic<Int32>(0)
private let interruptedBySignal = Atomic<Bool>(false)
/// SIGTSTP, SIGCONT and SIGWINCH while a line is edited.
private let suspendRequested = Atomic<Bool>(false)
private let continued = Atomic<Bool>(false)
private let resized = Atomic<Bool>(false)

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

    /// The handlers only note the signal; the session acts on it. None passes a
    /// signal on to the process group: the signal was meant for gesprek alone.
    static func install() {
        handle(SIGTERM) { terminatingSignal.store($0, ordering: .relaxed) }
        handle(SIGHUP) { terminatingSignal.store($0, ordering: .relaxed) }
        handle(SIGINT) { _ in interruptedBySignal.store(true, ordering: .relaxed) }
    }

    /// The terminal is gone: the session ends as after SIGHUP. Returns 0, for libedit: no key.
    static func hangUp() -> Int32 {
        _ = terminatingSignal.compareExchange(expected: 0, desired: SIGHUP, ordering: .relaxed)
        return 0
    }

    /// Handlers for SIGTSTP, SIGCONT and SIGWINCH while a line is edited;
    /// returns the actions they replace. Outside editing a Ctrl-Z stops
    /// gesprek at once, as any program.
    static func installWhileEditing() -> [(Int32, sigaction)] {
        _ = suspendRequested.exchange(false, ordering: .relaxed)
        _ = continued.exchange(false, ordering: .relaxed)
        return [
            (SIGTSTP, handle(SIGTSTP) { _ in suspendRequested.store(true, ordering: .relaxed) }),
            (SIGCONT, handle(SIGCONT) { _ in continued.store(true, ordering: .relaxed) }),
            (SIGWINCH, handle(SIGWINCH) { _ in resized.store(true, ordering: .relaxed) }),
        ]
    }

    static func restore(_ actions: [(Int32, sigaction)]) {
        for (signal, action) in actions {
            var action = action
            sigaction(signal, &action, nil)
        }
    }

    static func takeSuspend() -> Bool { suspendRequested.exchange(false, ordering: .relaxed) }
    static func takeResumed() -> Bool { continued.exchange(false, ordering: .relaxed) }
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

    /// Stops gesprek alone (SIGTSTP's own action) until SIGCONT.
    static func stop() {
        var stopping = sigaction()
        stopping.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&stopping.sa_mask)
        var ours = sigaction()
        sigaction(SIGTSTP, &stopping, &ours)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &blocked, nil)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &ours, nil)
    }

    @discardableResult
    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }
}
