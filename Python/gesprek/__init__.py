"""gesprek from Python, through the C interface (libGesprekC) with ctypes: no compiler needed.

    import gesprek
    with gesprek.Session({"case": "OKT-1", "language": "en"}) as session:
        result = session.execute("score gezin.s1 3 #s Kent de belangrijke mensen nu.")
        print(result["accepted"], result["event"]["dimensions"])
        print(session.summary("text"))

The library is `$GESPREK_LIBRARY`, or else `.build/release/libGesprekC.so` or
`.build/debug/libGesprekC.so` of the repository this package lies in. Cursor
positions here are indices into Python strings; the C interface counts UTF-8
bytes, and this module converts. See docs/embedding.md.
"""
import ctypes
import json
import os
import threading
from pathlib import Path

__all__ = ["version", "Session", "GesprekError", "HostCommandError", "library_path"]

_REPOSITORY = Path(__file__).resolve().parent.parent.parent


class GesprekError(Exception):
    """A call that failed: `.info` is the error object (`code`, `message`, `hint`; `unsaved` for
    close_failed and not_saved: how many lines wait for the disk)."""

    def __init__(self, info):
        self.info = info
        message = info.get("message", "gesprek error")
        if info.get("hint"):
            message += f" ({info['hint']})"
        super().__init__(message)

    @property
    def code(self):
        return self.info.get("code")


class HostCommandError(Exception):
    """Raised by a host command to reject its line, with a message and a hint for the user."""

    def __init__(self, message, hint=None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def library_path():
    """The libGesprekC this module loads."""
    given = os.environ.get("GESPREK_LIBRARY")
    if given:
        return Path(given)
    for build in ("release", "debug"):
        candidate = _REPOSITORY / ".build" / build / "libGesprekC.so"
        if candidate.exists():
            return candidate
    raise OSError("libGesprekC.so not found: set GESPREK_LIBRARY or run `swift build -c release --product GesprekC`")


_HANDLER = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p)
_RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_library = None
_library_lock = threading.Lock()


def _lib():
    global _library
    with _library_lock:
        if _library is None:
            lib = ctypes.CDLL(str(library_path()))
            lib.gesprek_version.restype = ctypes.c_char_p
            lib.gesprek_version.argtypes = []
            lib.gesprek_open.restype = ctypes.c_void_p
            lib.gesprek_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
            for name in ("gesprek_execute", "gesprek_summary"):
                getattr(lib, name).restype = ctypes.c_void_p
                getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            for name in ("gesprek_complete", "gesprek_inspect"):
                getattr(lib, name).restype = ctypes.c_void_p
                getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
            lib.gesprek_info.restype = ctypes.c_void_p
            lib.gesprek_info.argtypes = [ctypes.c_void_p]
            lib.gesprek_register.restype = ctypes.c_int
            lib.gesprek_register.argtypes = [
                ctypes.c_void_p, ctypes.c_char_p, _HANDLER, _RELEASE, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
            lib.gesprek_save.restype = ctypes.c_void_p
            lib.gesprek_save.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            for name in ("gesprek_close", "gesprek_discard"):
                getattr(lib, name).restype = ctypes.c_int
                getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
            lib.gesprek_free.restype = None
            lib.gesprek_free.argtypes = [ctypes.c_void_p]
            _library = lib
        return _library


def _take(pointer):
    """The JSON answer at `pointer` as a dict; frees it. An error answer raises GesprekError."""
    lib = _lib()
    if not pointer:
        raise GesprekError({"code": "internal", "message": "no answer"})
    try:
        answer = json.loads(ctypes.string_at(pointer).decode("utf-8"))
    finally:
        lib.gesprek_free(pointer)
    if isinstance(answer, dict) and set(answer) == {"error"} and isinstance(answer["error"], dict):
        raise GesprekError(answer["error"])
    return answer


def _encode(text):
    # surrogateescape: a str that came from bytes that were not UTF-8 goes back as those bytes,
    # and gesprek reports them; NUL cannot cross into C.
    if "\x00" in text:
        raise ValueError("a line cannot contain NUL")
    return text.encode("utf-8", "surrogateescape")


def version():
    """gesprek's version, such as "0.1.0"."""
    return _lib().gesprek_version().decode("utf-8")


class Session:
    """One conversation being recorded; see gesprek.h for the options and answers.

    host_commands maps a command name to a callable, or to a dict with "handler", "usage"
    and "help". The callable gets the invocation (a dict: command, text, words, dimensions,
    tags, line, column) and returns None (record the line's text), a str (show it, record
    nothing), or a dict ({"record": {"text", "fields"}} or {"show": text}); it raises
    HostCommandError(message, hint) to reject the line.
    """

    def __init__(self, options=None, host_commands=None):
        self._lib = _lib()
        self._handle = None
        self._callbacks = []  # the ctypes callbacks must live as long as the session
        self._answers = {}  # the last answer of each host command, alive until the next call
        error = ctypes.c_void_p()
        encoded = None if options is None else json.dumps(options, ensure_ascii=False).encode("utf-8")
        handle = self._lib.gesprek_open(encoded, ctypes.byref(error))
        if not handle:
            _take(error.value)
            raise GesprekError({"code": "internal", "message": "gesprek_open failed"})
        self._handle = handle
        try:
            for name, command in (host_commands or {}).items():
                self.register(name, command)
        except BaseException:
            self.close()
            raise

    def register(self, name, command):
        """Adds a host command (see the class's documentation)."""
        if callable(command):
            command = {"handler": command}
        handler = command["handler"]
        spec = {"name": name, "usage": command.get("usage", name), "help": command.get("help", "")}

        def call(_context, invocation):
            try:
                answer = handler(json.loads(invocation.decode("utf-8")))
                if answer is None:
                    answer = {"record": {}}
                elif isinstance(answer, str):
                    answer = {"show": answer}
            except HostCommandError as failure:
                answer = {"error": failure.message, "hint": failure.hint}
            except Exception as failure:  # a bug in the host's command rejects the line, and says what
                answer = {"error": f"{type(failure).__name__}: {failure}"}
            buffer = ctypes.create_string_buffer(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
            self._answers[name] = buffer
            return ctypes.addressof(buffer)

        callback = _HANDLER(call)
        release = _RELEASE()  # NULL: the answer stays ours, kept in self._answers until the next call
        error = ctypes.c_void_p()
        if self._lib.gesprek_register(self._live(), json.dumps(spec).encode("utf-8"), callback, release, None,
                                      ctypes.byref(error)) != 0:
            _take(error.value)
        self._callbacks.append(callback)

    def _live(self):
        if self._handle is None:
            raise GesprekError({"code": "no_session", "message": "the session is closed"})
        return self._handle

    def execute(self, line):
        """Interprets one line: {"accepted", "event", "diagnostics", "output", "unsaved"}."""
        return _take(self._lib.gesprek_execute(self._live(), _encode(line)))

    def complete(self, line, cursor):
        """What Tab offers at `cursor` (a str index): {"matches", "cursor_start", "cursor_end", ...} in str indices."""
        answer = _take(self._lib.gesprek_complete(self._live(), _encode(line), _byte_offset(line, cursor)))
        data = _encode(line)
        answer["cursor_start"] = len(data[:answer["cursor_start"]].decode("utf-8", "surrogateescape"))
        answer["cursor_end"] = len(data[:answer["cursor_end"]].decode("utf-8", "surrogateescape"))
        return answer

    def inspect(self, line, cursor):
        """What the word at `cursor` (a str index) means: {"found", "text"}."""
        return _take(self._lib.gesprek_inspect(self._live(), _encode(line), _byte_offset(line, cursor)))

    def summary(self, format="text"):
        """The summary so far as text: format text, md, html, json, ecogram or timeline."""
        return _take(self._lib.gesprek_summary(self._live(), format.encode("utf-8")))["text"]

    def info(self):
        """{"version", "transcript", "session_id", "language", "public_key", "events", "unsaved", "closing", "commands"}."""
        return _take(self._lib.gesprek_info(self._live()))

    @property
    def transcript_path(self):
        """The transcript file's path, or None for a session in memory."""
        return self.info()["transcript"]

    @property
    def closed(self):
        return self._handle is None

    def save(self, path=None):
        """Writes the lines that wait for the disk: again into the transcript (no path), or everything so far
        into a new file that takes the next lines (a path; a folder gets a new file in it), as the live
        session's `save PATH`. Returns {"transcript", "saved", "unsaved"}; raises GesprekError ("not_saved",
        with .info["unsaved"]; "transcript_exists"; "cannot_create") when it cannot."""
        encoded = None if path is None else _encode(os.fspath(path))
        return _take(self._lib.gesprek_save(self._live(), encoded))

    def close(self):
        """Ends the transcript. Closing twice is fine. Raises GesprekError ("close_failed") when lines still wait
        for the disk: the session then stays, closing (no more lines), for save() and another close(), or discard()."""
        if self._handle is None:
            return
        error = ctypes.c_void_p()
        if self._lib.gesprek_close(self._handle, ctypes.byref(error)) != 0:
            _take(error.value)
        self._forget()

    def discard(self):
        """The last resort: closes if it can, and otherwise ends the session all the same, losing the lines that
        wait. Returns how many were lost (0: closed whole). On a closed session: 0."""
        if self._handle is None:
            return 0
        error = ctypes.c_void_p()
        lost = self._lib.gesprek_discard(self._handle, ctypes.byref(error))
        if lost < 0:
            _take(error.value)
        self._forget()
        return lost

    def _forget(self):
        self._handle = None
        self._callbacks.clear()
        self._answers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def _byte_offset(line, cursor):
    if not isinstance(cursor, int) or cursor < 0 or cursor > len(line):
        raise ValueError(f"cursor {cursor!r} is not in the line (0 to {len(line)})")
    return len(line[:cursor].encode("utf-8", "surrogateescape"))
