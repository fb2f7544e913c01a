"""The Jupyter kernel `gesprek`, a wrapper kernel on ipykernel.

A cell holds lines of the gesprek language. They are executed one by one, as in the live
session, by GesprekKit through its C interface (the `gesprek` ctypes module), and every
accepted line is in the transcript on disk before the cell's reply is sent. The first cell that
runs opens the transcript and says where it is; shutting the kernel down closes it.

Where the transcript goes, and with what details (docs/notebook.md):
- `GESPREK_TRANSCRIPT`: this file (created new, never overwritten), like `gesprek -o`;
  otherwise a new file in the transcripts folder, `$XDG_DATA_HOME/gesprek/transcripts/`
  (`~/.local/share/gesprek/transcripts/`), folders 0700 and files 0600 as for the live session.
- `GESPREK_CASE`, `GESPREK_ADVISOR`: the case and the advisor in the transcript's header, like
  `--case` and `--advisor`; a `session case=… advisor=…` line in a cell does the same later.
- `GESPREK_LANG` (`nl`, `en`), else `LC_ALL`, `LC_MESSAGES`, `LANG`: the language of messages.
- `GESPREK_ENCRYPT=1` (with `GESPREK_PASSPHRASE`), or `encrypt = yes` in the settings: encrypted.
"""

from __future__ import annotations

import datetime
import os
import secrets
import signal
import stat
import threading

from ipykernel.kernelbase import Kernel

from . import __version__

try:  # The library through its C interface; a kernel without it says so on the first cell.
    import gesprek
except ImportError as error:  # pragma: no cover - reported to the user
    gesprek = None
    _import_error = error


def language(env=os.environ) -> str:
    """`nl` or `en`, as `gesprek` chooses: an explicit choice, else the locale variables."""
    explicit = env.get("GESPREK_LANG", "").lower()
    if explicit in ("nl", "en"):
        return explicit
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"


def transcripts_folder(env=os.environ) -> str:
    """`$XDG_DATA_HOME/gesprek/transcripts`, or `~/.local/share/gesprek/transcripts`."""
    xdg = env.get("XDG_DATA_HOME", "")
    base = xdg if xdg.startswith("/") else os.path.join(env.get("HOME") or os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "gesprek", "transcripts")


def make_private_folder(path: str) -> None:
    """Create the transcripts folder and its `gesprek` parent 0700, and tighten them if they exist (as gesprek does)."""
    parent = os.path.dirname(path)
    os.makedirs(os.path.dirname(parent), mode=0o700, exist_ok=True)
    for folder in (parent, path):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        info = os.lstat(folder)
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)


def new_transcript_path(env=os.environ, now=None) -> str:
    """`GESPREK_TRANSCRIPT`, else a new name in the transcripts folder: start time and a random part, no names."""
    if env.get("GESPREK_TRANSCRIPT"):
        return env["GESPREK_TRANSCRIPT"]
    folder = transcripts_folder(env)
    make_private_folder(folder)
    stamp = (now or datetime.datetime.now()).strftime("%Y-%m-%dT%H%M%S")
    return os.path.join(folder, f"{stamp}-{secrets.token_hex(4)}.jsonl")


def config_folder(env=os.environ) -> str:
    """`$XDG_CONFIG_HOME/gesprek`, or `~/.config/gesprek`: the settings and the signing key."""
    base = env.get("XDG_CONFIG_HOME", "")
    base = base if base.startswith("/") else os.path.join(env.get("HOME") or os.path.expanduser("~"), ".config")
    return os.path.join(base, "gesprek")


def settings_encrypt(env=os.environ) -> bool:
    """`encrypt = yes` in the user's settings. Anything else there is left to `gesprek` to judge."""
    try:
        with open(os.path.join(config_folder(env), "config"), encoding="utf-8") as file:
            text = file.read()
    except OSError:
        return False
    for raw in text.splitlines():
        key, _, value = raw.split("#", 1)[0].partition("=")
        if key.strip().lower() == "encrypt":
            return value.strip().lower() in ("yes", "ja", "true")
    return False


def open_quote(text: str) -> bool:
    """Whether a `"` is still open at the end of the line (`\\"` and `\\\\` inside quotes are escapes)."""
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif quoted and c == "\\" and i + 1 < len(text) and text[i + 1] in '"\\':
            i += 1
        i += 1
    return quoted


def continues(text: str) -> bool:
    """A line that goes on on the next one: a trailing `\\`, or an open quote."""
    return text.endswith("\\") or open_quote(text)


def logical_lines(code: str) -> list[tuple[int, str]]:
    """The cell's lines as the language sees them, each with its first line number in the cell.

    A trailing `\\` joins the next line (the backslash and the line break go); a line with an open
    quote goes on on the next line, joined by a space. The cell's last line is taken as it is, so that a
    free text ending in `\\` or holding one `"` records as in the live session.
    """
    lines: list[tuple[int, str]] = []
    pending: str | None = None
    start = 0
    for number, raw in enumerate(code.split("\n"), 1):
        raw = raw.removesuffix("\r")
        if pending is None:
            pending, start = raw, number
        elif pending.endswith("\\") and not open_quote(pending):
            pending = pending[:-1] + raw
        else:
            pending = pending + " " + raw
        if continues(pending):
            continue
        lines.append((start, pending))
        pending = None
    if pending is not None:  # the cell's last line has nothing to go on with: it is taken as it is
        lines.append((start, pending))
    return lines


KINDS = {
    "ask": ("vraag", "question"), "note": ("notitie", "note"), "say": ("citaat", "quote"), "score": ("score", "score"),
    "network.add": ("netwerk +", "network +"), "network.set": ("netwerk ~", "network ~"),
    "network.remove": ("netwerk −", "network −"), "mark": ("markering", "marker"), "undo": ("ingetrokken", "retracted"),
    "session": ("sessie", "session"), "participant": ("deelnemer", "participant"), "host": ("eigen commando", "host command"),
}
# The kinds that count toward a dimension's coverage, as in the live session's running counts.
COUNTED = {"ask", "note", "say", "score", "network.add", "network.set", "network.remove", "host"}
DIMENSIONS = ("vertrekpunt", "competentioneel", "sociaal", "motivationeel")


class Confirmations:
    """The live session's confirmation of a recorded line, `✓ vraag · vertrekpunt   v1 c0 s0 m0`, with the running
    count per dimension (an `undo` takes the retracted line's dimensions off again); no terminal colours."""

    def __init__(self, lang: str):
        self.lang = lang
        self.counts = dict.fromkeys(DIMENSIONS, 0)
        self.events: dict[int, dict] = {}

    def confirm(self, event: dict) -> str:
        kind = event.get("kind", "")
        dutch, english = KINDS.get(kind, (kind, kind))
        label = english if self.lang == "en" else dutch
        if kind == "undo":
            taken = self.events.get(event.get("retracts"))
            if taken and taken.get("kind") in COUNTED:
                for dimension in taken.get("dimensions", []):
                    self.counts[dimension] = self.counts.get(dimension, 0) - 1
        elif kind in COUNTED:
            for dimension in event.get("dimensions", []):
                self.counts[dimension] = self.counts.get(dimension, 0) + 1
        if kind == "score":
            label += f" {event.get('target')} {event.get('value')} = {event.get('label', '')}"
        if isinstance(event.get("seq"), int):
            self.events[event["seq"]] = event
        dimensions = ", ".join(event.get("dimensions", []))
        what = label + (f" · {dimensions}" if dimensions else "")
        running = " ".join(f"{d[0]}{self.counts.get(d, 0)}" for d in DIMENSIONS)
        return "✓ " + what + " " * max(1, 36 - len(what)) + running + "\n"


def first_word(text: str) -> str:
    words = text.split()
    return words[0].lower() if words else ""


def interrupt_flag() -> threading.Event:
    """While a cell runs, SIGINT (Jupyter's stop button, interrupt_mode "signal") only sets this flag, which the
    cell checks between lines: a line is never cut off half-way, and every line run is on disk. ipykernel puts
    its own handler back after the request (post_handler_hook): the flag's handler is not undone here, so that
    a SIGINT just after the cell's last line cannot raise KeyboardInterrupt before the reply is sent. Outside
    the main thread no handler can be set; the cell then runs to its end."""
    flag = threading.Event()
    try:
        signal.signal(signal.SIGINT, lambda *_: flag.set())
    except ValueError:
        pass
    return flag


class GesprekKernel(Kernel):
    implementation = "gesprek_kernel"
    implementation_version = __version__
    language = "gesprek"
    language_version = "3"
    language_info = {
        "name": "gesprek",
        "mimetype": "text/x-gesprek",
        "file_extension": ".gesprek",
        "pygments_lexer": "text",
        "codemirror_mode": "text/plain",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lang = language()
        self.conversation = None  # the recording session, opened by the first cell that runs
        self.transcript = None
        self._completer = None  # a session that records nothing, for completion and inspection before the first cell

    @property
    def banner(self) -> str:
        version = gesprek.version() if gesprek else "?"
        return self.say(
            f"gesprek {version}: een regel per commando; help toont ze. Elke cel wordt vastgelegd in een transcript.",
            f"gesprek {version}: one command per line; help lists them. Every cell is recorded in a transcript.",
        )

    def say(self, dutch: str, english: str) -> str:
        return english if self.lang == "en" else dutch

    # MARK: - The session

    def options(self) -> dict:
        env = os.environ
        options = {
            "language": self.lang,
            "transcript": new_transcript_path(env),
            # Signed with the user's own key (`gesprek key`), as the live session signs.
            "signing_key": config_folder(env),
            # A notebook is the advisor's own screen, and the cell holds the line already.
            "show_input": True,
        }
        if env.get("GESPREK_CASE"):
            options["case"] = env["GESPREK_CASE"]
        if env.get("GESPREK_ADVISOR"):
            options["advisor"] = env["GESPREK_ADVISOR"]
        if env.get("GESPREK_ENCRYPT", "") in ("1", "yes", "ja", "true") or settings_encrypt(env):
            passphrase = env.get("GESPREK_PASSPHRASE")
            if not passphrase:
                raise RuntimeError(self.say(
                    "versleutelen vraagt een wachtwoord, en een notebook heeft geen terminal om het te vragen: "
                    "start Jupyter met GESPREK_PASSPHRASE",
                    "encryption needs a passphrase, and a notebook has no terminal to ask for it: start Jupyter with "
                    "GESPREK_PASSPHRASE"))
            options["encrypt"] = {"passphrase": passphrase}
        return options

    def open_transcript(self) -> str:
        """Opens the transcript; returns the notice for the first output."""
        if gesprek is None:
            raise RuntimeError(self.say("de module gesprek ontbreekt: ", "the gesprek module is missing: ") + str(_import_error))
        options = self.options()
        self.conversation = gesprek.Session(options)
        self.confirmations = Confirmations(self.lang)
        self.transcript = self.conversation.transcript_path or options.get("transcript")
        if self._completer is not None:
            self._completer.close()
            self._completer = None
        if self.transcript is None:
            return self.say("Transcript: alleen in het geheugen.\n", "Transcript: in memory only.\n")
        return self.say(
            f"Transcript: {self.transcript}\n(elke regel staat op schijf voordat de cel klaar is; afsluiten van de kernel sluit het transcript)\n",
            f"Transcript: {self.transcript}\n(every line is on disk before the cell finishes; shutting the kernel down closes the transcript)\n",
        )

    def helper(self):
        """The session that completes and inspects: the recording one, or one in memory before it exists."""
        if self.conversation is not None:
            return self.conversation
        if self._completer is None and gesprek is not None:
            self._completer = gesprek.Session({"transcript": None, "language": self.lang})
        return self._completer

    def close_transcript(self) -> None:
        """Closes the transcript. When the disk refuses its last lines (full, removed), everything goes into a
        new file in the transcripts folder, as the live session's rescue copy, and only when that fails too are
        the lines given up. The kernel's log says where, or how many: never what."""
        if self.conversation is not None:
            try:
                self.conversation.close()
            except Exception:  # noqa: BLE001 - the session is closing: rescue what waits
                self.rescue(self.conversation)
        if self._completer is not None:
            try:
                self._completer.close()
            except Exception:  # noqa: BLE001 - in memory only; nothing to keep
                pass
        self.conversation = None
        self._completer = None

    def rescue(self, session) -> None:
        try:
            copy = session.save(transcripts_folder() + "/")["transcript"]
            session.close()
            self.log.error("gesprek: %s is incomplete; the complete transcript is in %s", self.transcript, copy)
        except Exception:  # noqa: BLE001 - nowhere to write: say how many lines are lost
            lost = session.discard()
            self.log.error("gesprek: %d lines could not be saved anywhere and are lost; %s is incomplete", lost,
                           self.transcript)

    # MARK: - Messages

    def stream(self, text: str, name: str = "stdout") -> None:
        if text:
            self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def rich(self, kind: str, data: dict) -> None:
        content = {"data": data, "metadata": {}}
        if kind == "execute_result":
            content["execution_count"] = self.execution_count
        self.send_response(self.iopub_socket, kind, content)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> dict:
        self.send_response(self.iopub_socket, "error", {"ename": ename, "evalue": evalue, "traceback": traceback})
        return {"status": "error", "execution_count": self.execution_count, "ename": ename, "evalue": evalue, "traceback": traceback}

    def rejected(self, number: int, text: str, diagnostics: list, recorded: int, notice: str) -> dict:
        """A rejected line: one Jupyter error with line, column and hint, and what of the cell stays recorded."""
        errors = [d for d in diagnostics if d.get("severity", "error") == "error"]
        first = (errors or diagnostics or [{}])[0]
        column = int(first.get("column") or 1)
        message = first.get("message") or self.say("deze regel is geweigerd", "this line was rejected")
        place = self.say(f"regel {number}, kolom {column}", f"line {number}, column {column}")
        traceback = [notice.rstrip("\n")] if notice else []
        traceback += [
            f"{place}: " + self.say("fout: ", "error: ") + message,
            f"{number:>5} | {text}",
            "      | " + " " * (column - 1) + "^",
        ]
        if first.get("hint"):
            traceback.append(self.say("  tip: ", "  hint: ") + first["hint"])
        if recorded == 0:
            traceback.append(self.say(f"Niets van deze cel is vastgelegd; de regels na regel {number} zijn niet uitgevoerd.",
                                      f"Nothing of this cell was recorded; the lines after line {number} were not run."))
        else:
            lines = self.say("regel", "line") if recorded == 1 else self.say("regels", "lines")
            traceback.append(self.say(
                f"De {recorded} {lines} ervoor in deze cel {'is' if recorded == 1 else 'zijn'} vastgelegd en blijven in het transcript; "
                f"regel {number} niet, en de regels erna zijn niet uitgevoerd.",
                f"The {recorded} {lines} before it in this cell {'is' if recorded == 1 else 'are'} recorded and stay in the transcript; "
                f"line {number} is not, and the lines after it were not run."))
        return self.error(self.say("Fout", "Error"), f"{place}: {message}", traceback)

    # MARK: - Execute

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, *, cell_meta=None, cell_id=None):
        return self.execute_cell(code, silent, interrupt_flag())

    def interrupted(self, number: int, recorded: int) -> dict:
        """The stop button: the lines run so far stay recorded, the rest of the cell is not run."""
        lines = self.say("regel", "line") if recorded == 1 else self.say("regels", "lines")
        if recorded == 0:
            text = self.say(f"Onderbroken voor regel {number}: niets van deze cel is vastgelegd; de rest is niet uitgevoerd.",
                            f"Interrupted before line {number}: nothing of this cell was recorded; the rest was not run.")
        else:
            text = self.say(
                f"Onderbroken voor regel {number}: de {recorded} {lines} ervoor in deze cel "
                f"{'is' if recorded == 1 else 'zijn'} vastgelegd en blijven in het transcript; de rest is niet uitgevoerd.",
                f"Interrupted before line {number}: the {recorded} {lines} before it in this cell "
                f"{'is' if recorded == 1 else 'are'} recorded and stay in the transcript; the rest was not run.")
        return self.error(self.say("Onderbroken", "Interrupted"), text, [text])

    def execute_cell(self, code, silent, interrupted) -> dict:
        notice = ""
        if self.conversation is None:
            try:
                notice = self.open_transcript()
            except Exception as problem:  # noqa: BLE001 - the reason is the user's to read
                info = getattr(problem, "info", None) or {}
                text = info.get("message") if isinstance(info, dict) else None
                return self.error(self.say("Fout", "Error"), text or str(problem),
                                  [self.say("kan het transcript niet openen: ", "cannot open the transcript: ") + (text or str(problem))]
                                  + ([self.say("  tip: ", "  hint: ") + info["hint"]] if isinstance(info, dict) and info.get("hint") else []))
        shown: list[str] = [notice] if notice else []
        warnings: list[str] = []
        recorded = 0

        def flush():
            if not silent:
                self.stream("".join(shown))
                self.stream("".join(warnings), "stderr")
            shown.clear()
            warnings.clear()

        for number, text in logical_lines(code):
            if interrupted.is_set():
                flush()
                return self.interrupted(number, recorded)
            try:
                result = self.conversation.execute(text)
            except Exception as problem:  # noqa: BLE001 - a call that failed (not a rejected line): say what and stop
                info = getattr(problem, "info", None)
                info = info if isinstance(info, dict) else {"message": str(problem)}
                flush()
                return self.rejected(number, text, [{"column": 1, "message": info.get("message"), "hint": info.get("hint")}],
                                     recorded, "")
            if not result.get("accepted"):
                if silent:
                    return {"status": "error", "execution_count": self.execution_count, "ename": "", "evalue": "", "traceback": []}
                # The notice goes with the error when nothing else was shown, so that a failing first cell has one output.
                pending_notice = shown.pop(0) if shown and shown[0] == notice and notice and recorded == 0 else ""
                flush()
                return self.rejected(number, text, result.get("diagnostics") or [], recorded, pending_notice)
            event = result.get("event")
            if event is not None:
                recorded += 1
                shown.append(self.confirmations.confirm(event))
            for diagnostic in result.get("diagnostics") or []:
                if diagnostic.get("severity") == "error":
                    continue
                column = diagnostic.get("column") or 1
                line = self.say(f"regel {number}, kolom {column}: waarschuwing: ", f"line {number}, column {column}: warning: ")
                hint = diagnostic.get("hint")
                warnings.append(line + diagnostic.get("message", "") + (f"\n  tip: {hint}" if hint else "") + "\n")
            word = first_word(text)
            output = result.get("output") or ""
            if word == "summary" and event is None:
                flush()
                if not silent:
                    self.rich("execute_result", self.summary_bundle(output))
            elif word == "network" and event is None and len(text.split()) == 1:
                flush()
                if not silent:
                    self.rich("display_data", {"text/plain": output or self.conversation.summary("text"),
                                               "image/svg+xml": self.conversation.summary("ecogram")})
            elif output:
                shown.append(output if output.endswith("\n") else output + "\n")
        flush()
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def summary_bundle(self, output: str) -> dict:
        html = self.conversation.summary("html")
        if "<svg" not in html:
            html = (f"<figure>{self.conversation.summary('timeline')}</figure>\n"
                    f"<figure>{self.conversation.summary('ecogram')}</figure>\n{html}")
        return {"text/plain": output or self.conversation.summary("text"), "text/markdown": self.conversation.summary("md"), "text/html": html}

    # MARK: - Completion, inspection, is_complete

    @staticmethod
    def line_at(code: str, cursor_pos: int) -> tuple[int, str, int]:
        """The line of the cell the cursor is in: its start in the cell, its text, and the cursor in it."""
        cursor_pos = len(code) if cursor_pos is None else max(0, min(cursor_pos, len(code)))
        start = code.rfind("\n", 0, cursor_pos) + 1
        end = code.find("\n", cursor_pos)
        end = len(code) if end < 0 else end
        return start, code[start:end], cursor_pos - start

    def do_complete(self, code, cursor_pos):
        start, line, cursor = self.line_at(code, cursor_pos)
        session = self.helper()
        found = session.complete(line, cursor) if session is not None else {"matches": [], "cursor_start": cursor, "cursor_end": cursor}
        return {
            "status": "ok",
            "matches": list(found.get("matches", [])),
            "cursor_start": start + int(found.get("cursor_start", cursor)),
            "cursor_end": start + int(found.get("cursor_end", cursor)),
            "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        _, line, cursor = self.line_at(code, cursor_pos)
        session = self.helper()
        found = session.inspect(line, cursor) if session is not None else {"found": False, "text": ""}
        data = {"text/plain": found.get("text", "")} if found.get("found") else {}
        return {"status": "ok", "found": bool(found.get("found")), "data": data, "metadata": {}}

    def do_is_complete(self, code):
        code = code.rstrip("\n")
        lines = logical_lines(code)
        if code.endswith("\\") or (lines and open_quote(lines[-1][1])):
            return {"status": "incomplete", "indent": ""}
        return {"status": "complete"}

    def do_shutdown(self, restart):
        self.close_transcript()
        return {"status": "ok", "restart": restart}
