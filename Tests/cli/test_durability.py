"""Durability that fits its source, observed with strace rather than inferred
from a SIGKILL (which a line still in the page cache survives too):

- live input (the REPL on a terminal, a pipe on stdin): each event's write and
  fsync happen before its confirmation reaches the terminal or the next line
  is read;
- a script file (`gesprek run FILE`), which holds every line itself: the
  transcript is synced once, after its last line, on success, on an error and
  on SIGTERM.

strace is the Debian package `strace` (./dev test installs it)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from support import EX_DATAERR, EX_OK, Gesprek, base_env, events_of, read_transcript

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed")
CHECK = "\\342\\234\\223"  # ✓ as strace shows its UTF-8 bytes
CALL = re.compile(r"^(?:\[pid\s+\d+\]\s+|\d+\s+)?(\w+)\((\d+)?(.*)$")


def trace_command(log: Path, *command: str | os.PathLike) -> list[str]:
    return [STRACE, "-f", "-qq", "-s", "256", "-o", str(log), "-e", "trace=openat,write,fsync,fdatasync", *map(str, command)]


def calls(log: Path) -> list[tuple[str, int | None, str]]:
    """(call, first argument as a number if it is one, the rest) for each traced call, in order."""
    result = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = CALL.match(line)
        if match:
            result.append((match.group(1), int(match.group(2)) if match.group(2) else None, match.group(3)))
    return result


def transcript_fd(trace: list, transcript: Path) -> int:
    """The descriptor gesprek opened the transcript on (openat returns it)."""
    for name, _, rest in trace:
        if name == "openat" and f'"{transcript}"' in rest and "O_CREAT" in rest:
            return int(rest.rsplit("=", 1)[1].split()[0])
    raise AssertionError(f"the transcript {transcript} was never opened")


def event_writes(trace: list, fd: int) -> list[int]:
    """The positions of the writes of event lines (not the header) to the transcript."""
    return [i for i, (name, first, rest) in enumerate(trace) if name == "write" and first == fd and '\\"kind\\":' in rest]


def syncs(trace: list, fd: int) -> list[int]:
    return [i for i, (name, first, _) in enumerate(trace) if name in ("fsync", "fdatasync") and first == fd]


# --- Live input: synced before it is confirmed ---------------------------------------------------------------

@needs_strace
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "NO_COLOR"])
def test_each_typed_event_is_written_and_synced_before_its_confirmation_reaches_the_terminal(gesprek_bin, tmp_path,
                                                                                              colour):
    transcript, log = tmp_path / "live.jsonl", tmp_path / "strace.log"
    env = base_env(tmp_path) | {"TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    if not colour:
        env["NO_COLOR"] = "1"
    (tmp_path / "home").mkdir(exist_ok=True)
    command = trace_command(log, gesprek_bin, "--lang", "nl", "--case", "OKT-1", "-o", transcript)
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 160))
    lines = ["ask #v Hoe gaat het?", "note #c Regel twee met ë", "say Lisa #s Goed.", "score gezin.v1 3"]
    child.expect_exact("› ")
    for line in lines:
        child.send(line + "\r")
        child.expect_exact("✓")
        child.expect_exact("› ")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_OK

    trace = calls(log)
    fd = transcript_fd(trace, transcript)
    writes, synced = event_writes(trace, fd), syncs(trace, fd)
    confirmations = [i for i, (name, first, rest) in enumerate(trace) if name == "write" and first in (1, 2) and CHECK in rest]
    assert len(writes) == len(lines) and len(confirmations) == len(lines), (writes, confirmations)
    for n, (write, confirmation) in enumerate(zip(writes, confirmations)):
        fsync = next((s for s in synced if s > write), None)
        assert fsync is not None and write < fsync < confirmation, f"event {n + 1}: write {write}, fsync {fsync}, ✓ {confirmation}"
        # and nothing of the next event before its confirmation
        assert n + 1 == len(writes) or writes[n + 1] > confirmation


@needs_strace
def test_lines_on_a_pipe_are_each_synced_before_the_next_is_read(gesprek_bin, tmp_path):
    gesprek = Gesprek(gesprek_bin, tmp_path)
    transcript, log = tmp_path / "pipe.jsonl", tmp_path / "strace.log"
    script = "ask #v Hoe gaat het?\nnote #c Twee\nnote #c Drie\n"
    result = subprocess.run(trace_command(log, gesprek_bin, "run", "-", "-o", transcript), input=script.encode(),
                            capture_output=True, env=gesprek.env)
    assert result.returncode == EX_OK, result.stderr
    trace = calls(log)
    fd = transcript_fd(trace, transcript)
    writes, synced = event_writes(trace, fd), syncs(trace, fd)
    assert len(writes) == 3
    for n, write in enumerate(writes):
        following = writes[n + 1] if n + 1 < len(writes) else len(trace)
        assert any(write < s < following for s in synced), f"line {n + 1} was not synced before the next was written"


# --- A script file: synced once, at the end ------------------------------------------------------------------

def script_file(tmp_path: Path, count: int, bad_at: int | None = None) -> Path:
    lines = [f"note #c Regel {i}" if i != bad_at else "score gezin.v1 9" for i in range(1, count + 1)]
    path = tmp_path / "script.gesprek"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_strace
def test_a_script_file_is_synced_once_after_its_last_line(gesprek_bin, tmp_path):
    gesprek = Gesprek(gesprek_bin, tmp_path)
    transcript, log = tmp_path / "t.jsonl", tmp_path / "strace.log"
    result = subprocess.run(trace_command(log, gesprek_bin, "run", script_file(tmp_path, 50), "-o", transcript),
                            capture_output=True, env=gesprek.env)
    assert result.returncode == EX_OK, result.stderr
    trace = calls(log)
    fd = transcript_fd(trace, transcript)
    writes, synced = event_writes(trace, fd), syncs(trace, fd)
    assert len(writes) == 50
    assert len(synced) == 1 and synced[0] > writes[-1], f"fsyncs at {synced}, last write at {writes[-1]}"
    assert len(events_of(transcript)) == 50


def folder_sync_done_at(log: Path, folder: Path) -> tuple[int, int]:
    """The line of the trace at which the fsync of `folder` returned (gesprek may run it on a thread of its
    own, so strace can show it split: `fsync(5 <unfinished ...>` and later `<... fsync resumed>`), and the
    line of the report on stderr that the transcript is recorded."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    fd = next(int(line.rsplit("=", 1)[1]) for line in lines
              if "openat(" in line and f'"{folder}"' in line and "O_DIRECTORY" in line)
    done, waiting = None, None
    for i, line in enumerate(lines):
        pid = line.split()[0]
        if re.search(rf"fsync\({fd}\) += 0", line):
            done = i
        elif re.search(rf"fsync\({fd} <unfinished", line):
            waiting = pid
        elif waiting == pid and "<... fsync resumed>" in line and line.rstrip().endswith("= 0"):
            done = i
    report = next(i for i, line in enumerate(lines) if "write(2," in line and "vastgelegd" in line)
    assert done is not None, f"the folder {folder} (fd {fd}) was never synced"
    return done, report


@needs_strace
def test_a_script_files_new_name_is_synced_before_gesprek_reports_it_recorded(gesprek_bin, tmp_path):
    """The folder's fsync (the new file's name) may run beside the first lines, but it has returned before
    gesprek says the transcript is recorded: a crash after that message loses neither lines nor name."""
    gesprek = Gesprek(gesprek_bin, tmp_path)
    folder = tmp_path / "map"
    folder.mkdir(mode=0o700)
    transcript, log = folder / "t.jsonl", tmp_path / "strace.log"
    result = subprocess.run(trace_command(log, gesprek_bin, "--lang", "nl", "run", script_file(tmp_path, 50), "-o",
                                          transcript), capture_output=True, env=gesprek.env)
    assert result.returncode == EX_OK, result.stderr
    done, report = folder_sync_done_at(log, folder)
    assert done < report, f"the folder's fsync returned at line {done} of the trace, after the report at line {report}"


@needs_strace
def test_a_script_file_that_stops_at_an_error_is_synced_before_gesprek_exits(gesprek_bin, tmp_path):
    gesprek = Gesprek(gesprek_bin, tmp_path)
    transcript, log = tmp_path / "t.jsonl", tmp_path / "strace.log"
    result = subprocess.run(trace_command(log, gesprek_bin, "run", script_file(tmp_path, 30, bad_at=20), "-o", transcript),
                            capture_output=True, env=gesprek.env)
    assert result.returncode == EX_DATAERR
    trace = calls(log)
    fd = transcript_fd(trace, transcript)
    writes, synced = event_writes(trace, fd), syncs(trace, fd)
    assert len(writes) == 19
    assert len(synced) == 1 and synced[0] > writes[-1]


@needs_strace
def test_sigterm_during_a_long_script_syncs_what_was_written_before_gesprek_ends(gesprek_bin, tmp_path):
    gesprek = Gesprek(gesprek_bin, tmp_path)
    transcript, log = tmp_path / "t.jsonl", tmp_path / "strace.log"
    tracer = subprocess.Popen(trace_command(log, gesprek_bin, "run", script_file(tmp_path, 2_000_000), "-o", transcript),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=gesprek.env)
    try:
        # Wait (without a time limit on gesprek's speed) until some events are on their way, then SIGTERM gesprek.
        deadline = time.monotonic() + 120
        while not (transcript.exists() and transcript.stat().st_size > 20_000):
            assert tracer.poll() is None and time.monotonic() < deadline, "the script never got going"
            time.sleep(0.05)
        children = Path(f"/proc/{tracer.pid}/task/{tracer.pid}/children").read_text().split()
        assert children, "strace has no child"
        os.kill(int(children[0]), signal.SIGTERM)
        tracer.wait(timeout=120)
    finally:
        if tracer.poll() is None:
            tracer.kill()
    trace = calls(log)
    fd = transcript_fd(trace, transcript)
    writes, synced = event_writes(trace, fd), syncs(trace, fd)
    assert "+++ killed by SIGTERM +++" in log.read_text(errors="replace"), "gesprek ends as SIGTERM would"
    assert 0 < len(writes) < 2_000_000
    assert len(synced) == 1 and synced[0] > writes[-1], "every line written is synced before the end"
    assert len(read_transcript(transcript)) == len(writes) + 1
