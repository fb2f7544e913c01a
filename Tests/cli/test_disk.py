"""When the disk fails under a session: a file size limit (`ulimit -f`), a
transcript removed while it is open, a full file system (a tiny tmpfs in a
user and mount namespace, when this machine allows one).

What the advisor must notice: a warning at once; every line kept in memory and
written again, in order, once there is room; `save PAD` puts the whole
transcript in a new file; at the end nothing is dropped silently (a complete
copy in the rescue folder, or exit code 74 and a message); no line ever half
written; and no personal data in the messages.
"""

from __future__ import annotations

import os
import resource
import select
import signal
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import base_env, events_of, mode, read_transcript, schema_errors
from test_repl import CTRL_D, PROMPT, Repl

EX_IOERR = 74
SECRET = "geheim"  # in every note; must never show up in a message


def notes(first: int, last: int) -> list[str]:
    return [f"note #v Regel {i}: {SECRET}-{i} over het gezin." for i in range(first, last + 1)]


def assert_complete(path: Path, lines: list[str], validator, new_folder: bool = True) -> None:
    """The transcript holds exactly these lines, in order, numbered without a gap, and every line is
    schema-valid; the file is 0600, and its folder 0700 when gesprek made it."""
    records = read_transcript(path)
    for record in records:
        assert not schema_errors(validator, record), record
    events = events_of(path)
    assert [event["line"] for event in events] == lines
    assert [event["seq"] for event in events] == list(range(1, len(lines) + 1))
    assert mode(path) == 0o600
    if new_folder:
        assert mode(path.parent) == 0o700


# MARK: - A running session on pipes, line by line

class PipedSession:
    """gesprek reading stdin from a pipe. `sync()` waits until every line sent so far is
    handled: it sends `network`, which prints one line on stdout and records nothing;
    what the lines before it wrote on stderr is in the pipe by then."""

    def __init__(self, argv: list[str], env: dict):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env)
        self.stderr = ""

    def send(self, *lines: str) -> None:
        for line in lines:
            self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def sync(self) -> str:
        """Returns what was written on stderr since the last sync."""
        self.send("network")
        assert self.proc.stdout.readline().startswith(b"Netwerk"), "gesprek did not answer"
        new = b""
        fd = self.proc.stderr.fileno()
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            new += chunk
        self.stderr += new.decode()
        return new.decode()

    def end(self) -> int:
        out, err = self.proc.communicate(timeout=30)
        self.stderr += err.decode()
        return self.proc.returncode


# MARK: - File size limit (ulimit -f)

def test_a_file_size_limit_cuts_no_line_in_half_and_ends_with_74(gesprek_bin, tmp_path, validator):
    transcript, rescue = tmp_path / "t.jsonl", tmp_path / "nood"
    limit = 2000
    lines = notes(1, 40)
    proc = subprocess.run(
        [str(gesprek_bin), "run", "-", "-o", str(transcript), "--rescue", str(rescue)],
        input="".join(line + "\n" for line in lines).encode(), capture_output=True, env=base_env(tmp_path),
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)), timeout=30)
    stderr = proc.stderr.decode()
    # Not killed by SIGXFSZ (it was before: -25), but told and ended with EX_IOERR.
    assert proc.returncode == EX_IOERR, stderr
    data = transcript.read_bytes()
    # The line that crossed the limit was partly written, and cut off again: only whole lines.
    assert len(data) <= limit and data.endswith(b"\n")
    saved = len(events_of(transcript))
    assert 0 < saved < len(lines)
    assert_complete(transcript, lines[:saved], validator)
    waiting = len(lines) - saved
    assert stderr.count("nog niet op schijf: de maximale bestandsgrootte is bereikt") == waiting
    assert f"stdin:{saved + 1}:1: waarschuwing: nog niet op schijf" in stderr
    assert f"{waiting} regels wachten in het geheugen" in stderr
    # The copy in the rescue folder cannot be larger than the limit either: it is removed again, and the loss is said.
    assert f"gesprek: {waiting} regels konden nergens worden opgeslagen" in stderr
    assert f"{transcript} is niet compleet" in stderr
    assert not any(rescue.iterdir())
    assert SECRET not in stderr


# MARK: - A transcript removed while the session runs

def test_a_removed_transcript_is_noticed_and_saved_whole_in_the_rescue_folder(gesprek_bin, tmp_path, validator):
    transcript, rescue = tmp_path / "t.jsonl", tmp_path / "nood"
    session = PipedSession([str(gesprek_bin), "-o", str(transcript), "--rescue", str(rescue)], base_env(tmp_path))
    session.send(*notes(1, 3))
    assert session.sync().startswith("Transcript: ")
    transcript.unlink()
    session.send(*notes(4, 6))
    warnings = session.sync()
    assert warnings.count("nog niet op schijf: het transcriptbestand is verwijderd") == 3
    assert "3 regels wachten in het geheugen" in warnings
    assert "tip: bewaar alles in een nieuw bestand" in warnings
    assert session.end() == EX_IOERR
    assert not transcript.exists(), "a removed file is not brought back behind the advisor's back"
    [copy] = list(rescue.iterdir())
    assert_complete(copy, notes(1, 6), validator)
    assert (f"gesprek: {transcript} is niet compleet (het transcriptbestand is verwijderd); "
            f"het volledige transcript staat in {copy}") in session.stderr
    assert SECRET not in session.stderr


def test_a_removed_transcript_in_the_live_session_is_saved_with_save(gesprek_bin, tmp_path, validator):
    r = Repl(gesprek_bin, tmp_path, colour=True)
    r.line(notes(1, 1)[0])
    r.transcript.unlink()
    shown = r.line(notes(2, 2)[0])
    # At once, in red, with the count in the next prompt.
    assert "\x1b[31m2:1: warning: not on disk yet: the transcript file was removed; 1 line waiting in memory" in shown
    assert "save everything elsewhere with: save PATH" in shown
    assert "[1 not on disk]" in shown
    shown = r.line(notes(3, 3)[0])
    assert "2 lines waiting in memory" in shown
    other = tmp_path / "elders" / "gesprek.jsonl"
    shown = r.line(f"save {other}")
    assert f"Everything saved in {other} (3 lines); new lines go there." in shown
    r.line(notes(4, 4)[0])
    output = r.end()
    assert f"Transcript closed (4 lines): {other}" in output
    assert r.child.exitstatus == 0
    assert_complete(other, notes(1, 4), validator)
    assert not r.transcript.exists()


def test_save_never_overwrites_and_gives_the_line_back(gesprek_bin, tmp_path):
    existing = tmp_path / "bestaat.jsonl"
    existing.write_text("van iemand anders\n", encoding="utf-8")
    r = Repl(gesprek_bin, tmp_path)
    r.line(notes(1, 1)[0])
    shown = r.line(f"save {existing}")
    assert f"error: {existing} exists already" in shown
    assert "choose a new name; an existing file is never overwritten" in shown
    assert existing.read_text(encoding="utf-8") == "van iemand anders\n"
    r.keys("\x15")  # the line came back to correct; Ctrl-U clears it
    r.end()
    assert r.child.exitstatus == 0


def test_ctrl_d_with_lines_not_on_disk_asks_where_to_save_them(gesprek_bin, tmp_path, validator):
    rescue = tmp_path / "nood"
    r = Repl(gesprek_bin, tmp_path, "--rescue", str(rescue))
    r.line(notes(1, 1)[0])
    r.transcript.unlink()
    r.line(notes(2, 2)[0])
    r.child.send(CTRL_D)
    r.child.expect_exact("1 line is not on disk yet (the transcript file was removed)")
    r.child.expect_exact("Save as: ")
    # The proposal is a new file in the rescue folder, filled in; a second Ctrl-D
    # by habit does nothing to it, and Enter takes it.
    r.child.send(CTRL_D + "\r")
    r.child.expect_exact("Everything saved in ")
    r.child.expect(pexpect.EOF)
    r.child.close()
    assert r.child.exitstatus == 0
    [copy] = list(rescue.iterdir())
    assert_complete(copy, notes(1, 2), validator)


def test_discard_at_the_end_loses_the_lines_loudly(gesprek_bin, tmp_path):
    r = Repl(gesprek_bin, tmp_path)
    r.line(notes(1, 1)[0])
    r.transcript.unlink()
    r.line(notes(2, 2)[0])
    r.line(notes(3, 3)[0])
    r.child.send(CTRL_D)
    r.child.expect_exact("Save as: ")
    r.child.send("\x15" + CTRL_D)  # Ctrl-U clears the proposal; Ctrl-D on the empty line only asks again
    r.child.expect_exact("Type a path, or ‘discard’")
    r.child.expect_exact("Save as: ")
    r.child.send("\x15discard\r")
    r.child.expect(pexpect.EOF)
    output = r.child.before
    r.child.close()
    assert r.child.exitstatus == EX_IOERR
    assert f"gesprek: 2 lines were not saved and are lost; {r.transcript} is incomplete" in output


def test_sigterm_with_lines_not_on_disk_saves_them_in_the_rescue_folder(gesprek_bin, tmp_path, validator):
    rescue = tmp_path / "nood"
    r = Repl(gesprek_bin, tmp_path, "--rescue", str(rescue))
    r.line(notes(1, 1)[0])
    r.transcript.unlink()
    r.line(notes(2, 2)[0])
    r.child.kill(signal.SIGTERM)
    r.child.expect(pexpect.EOF)
    output = r.child.before
    r.child.close()
    [copy] = list(rescue.iterdir())
    assert f"is incomplete (the transcript file was removed); the complete transcript is in {copy}" in output
    assert r.child.signalstatus is None and r.child.exitstatus == 143
    assert_complete(copy, notes(1, 2), validator)


# MARK: - A full file system: a 16 KiB tmpfs in its own user and mount namespace

def namespaces_allowed() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_tmpfs = pytest.mark.skipif(not namespaces_allowed(),
                                 reason="no user/mount namespaces here (unshare -rm): only ulimit -f and removal are tested")


def on_full_disk(mount: Path, command: list[str]) -> list[str]:
    """`command` run with a 16 KiB tmpfs on `mount` that has 4 KiB free (room for the header and a few lines).
    unshare and sh exec, so the process id is gesprek's, and /proc/PID/root/… reaches the tmpfs from outside."""
    script = (f"mount -t tmpfs -o size=16k tmpfs {mount} && head -c 12288 /dev/zero > {mount}/filler "
              f'&& exec "$@"')
    return ["unshare", "-rm", "sh", "-c", script, "sh", *command]


@needs_tmpfs
def test_a_full_disk_catches_up_when_space_is_freed(gesprek_bin, tmp_path, validator):
    mount = tmp_path / "schijf"
    mount.mkdir()
    env = base_env(tmp_path)
    session = PipedSession(on_full_disk(mount, [str(gesprek_bin), "-o", str(mount / "t.jsonl")]), env)
    inside = Path(f"/proc/{session.proc.pid}/root") / mount.relative_to("/")
    assert session.sync().startswith("Transcript: ")
    sent: list[str] = []
    warning = ""
    for line in notes(1, 60):
        session.send(line)
        sent.append(line)
        warning = session.sync()
        if warning:
            break
    assert "nog niet op schijf: de schijf is vol; 1 regel wacht in het geheugen" in warning
    session.send(*notes(61, 62))
    assert "3 regels wachten" in session.sync()
    (inside / "filler").unlink()
    session.send(notes(63, 63)[0])
    assert "waarschuwing: weer opgeslagen: alles staat op schijf (4 regels ingehaald)" in session.sync()
    assert_complete(inside / "t.jsonl", sent + notes(61, 63), validator, new_folder=False)
    assert session.end() == 0
    assert SECRET not in session.stderr


@needs_tmpfs
def test_a_full_disk_at_the_end_puts_everything_in_the_rescue_folder(gesprek_bin, tmp_path, validator):
    mount, rescue = tmp_path / "schijf", tmp_path / "nood"
    mount.mkdir()
    lines = notes(1, 80)
    proc = subprocess.run(
        on_full_disk(mount, [str(gesprek_bin), "run", "-", "-o", str(mount / "t.jsonl"), "--rescue", str(rescue)]),
        input="".join(line + "\n" for line in lines).encode(), capture_output=True, env=base_env(tmp_path), timeout=60)
    stderr = proc.stderr.decode()
    assert proc.returncode == EX_IOERR, stderr
    assert "nog niet op schijf: de schijf is vol" in stderr
    [copy] = list(rescue.iterdir())
    assert f"is niet compleet (de schijf is vol); het volledige transcript staat in {copy}" in stderr
    assert_complete(copy, lines, validator)
    assert SECRET not in stderr


@needs_tmpfs
def test_a_full_disk_in_the_live_session_is_saved_elsewhere(gesprek_bin, tmp_path, validator):
    mount = tmp_path / "schijf"
    mount.mkdir()
    env = base_env(tmp_path)
    env["TERM"], env["NO_COLOR"] = "xterm-256color", "1"
    argv = on_full_disk(mount, [str(gesprek_bin), "--lang", "en", "--case", "OKT-1", "-o", str(mount / "t.jsonl")])
    child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=10, dimensions=(40, 140))
    try:
        child.expect_exact(PROMPT)
        typed: list[str] = []
        for line in notes(1, 60):
            child.send(line + "\r")
            typed.append(line)
            child.expect_exact(PROMPT)
            if "not on disk yet: the disk is full; 1 line waiting in memory" in child.before:
                break
        else:
            pytest.fail("the disk never filled up")
        child.send(f"save {tmp_path / 'usb'}/\r")
        child.expect_exact("Everything saved in ")
        child.expect_exact(PROMPT)
        saved = child.before.split(" (")[0].strip()
        child.send(CTRL_D)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert_complete(Path(saved), typed, validator)
    finally:
        if child.isalive():
            child.terminate(force=True)
