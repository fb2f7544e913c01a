"""When output cannot be written: a full disk behind stdout or stderr (/dev/full), a reader that
went away (a closed pipe), a terminal that was closed under a live session.

What a user must notice: never a crash (no death by a signal, no "internal error"); the transcript
complete all the same; exit code 74 when what was asked for (a summary, an export) could not be
written, and 129 with a complete copy in the rescue folder when the terminal of a live session
went away with lines still waiting in memory.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import base_env, events_of, terminal_env, wait_for_exit, write_script
from test_disk import assert_complete, notes
from test_repl import PROMPT

EX_IOERR = 74
CRASH = "interne fout"

SCRIPT_LINES = [
    "session case=OKT-3",
    "participant Lisa role=moeder",
    "ask #v Hoe gaat het met Lisa?",
    "say Lisa #v Het gaat wel.",
    "network add Oma role=grootmoeder influence=+ stays=yes",
    "network",  # prints the network on stdout
    "note #c Lisa plant de week.",
]


def run_with(argv: list[str], tmp_path: Path, stdout, stderr) -> subprocess.CompletedProcess:
    return subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=base_env(tmp_path),
                          timeout=60)


def recorded(path: Path) -> list[str]:
    return [event["line"] for event in events_of(path)]


def test_stderr_on_a_full_disk_still_gives_a_complete_transcript(gesprek_bin, tmp_path):
    script = write_script(tmp_path / "s.gesprek", "".join(line + "\n" for line in SCRIPT_LINES))
    out = tmp_path / "f.jsonl"
    with open("/dev/full", "wb") as full:
        proc = run_with([str(gesprek_bin), "run", str(script), "-o", str(out)], tmp_path, subprocess.PIPE, full)
    # The run did what it was asked; only its messages are lost.
    assert proc.returncode == 0
    assert recorded(out) == [line for line in SCRIPT_LINES if line != "network"]


def test_stdout_on_a_full_disk_gives_a_complete_transcript_and_74(gesprek_bin, tmp_path):
    script = write_script(tmp_path / "s.gesprek", "".join(line + "\n" for line in SCRIPT_LINES))
    out = tmp_path / "f.jsonl"
    with open("/dev/full", "wb") as full:
        proc = run_with([str(gesprek_bin), "--lang", "en", "run", str(script), "-o", str(out)], tmp_path, full,
                        subprocess.PIPE)
    stderr = proc.stderr.decode()
    assert proc.returncode == EX_IOERR, stderr
    assert "gesprek: the output could not be written: the disk is full" in stderr
    assert "internal error" not in stderr
    assert "7 lines recorded in" not in stderr and "6 lines recorded in" in stderr
    assert recorded(out) == [line for line in SCRIPT_LINES if line != "network"]


def test_both_streams_on_a_full_disk(gesprek_bin, tmp_path):
    script = write_script(tmp_path / "s.gesprek", "".join(line + "\n" for line in SCRIPT_LINES))
    out = tmp_path / "f.jsonl"
    with open("/dev/full", "wb") as full:
        proc = run_with([str(gesprek_bin), "run", str(script), "-o", str(out)], tmp_path, full, full)
    assert proc.returncode == EX_IOERR
    assert recorded(out) == [line for line in SCRIPT_LINES if line != "network"]


@pytest.fixture
def transcript(gesprek_bin, tmp_path) -> Path:
    script = write_script(tmp_path / "s.gesprek", "".join(line + "\n" for line in SCRIPT_LINES))
    out = tmp_path / "t.jsonl"
    proc = run_with([str(gesprek_bin), "run", str(script), "-o", str(out)], tmp_path, subprocess.PIPE,
                    subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("command", [["summary"], ["export", "--format", "md"], ["export", "--format", "csv"]])
def test_summary_and_export_to_a_full_disk_end_with_74(gesprek_bin, tmp_path, transcript, command):
    with open("/dev/full", "wb") as full:
        proc = run_with([str(gesprek_bin), *command, str(transcript)], tmp_path, full, subprocess.PIPE)
    stderr = proc.stderr.decode()
    assert proc.returncode == EX_IOERR, stderr
    assert "gesprek: de uitvoer kon niet worden geschreven: de schijf is vol" in stderr
    assert CRASH not in stderr
    # Nothing of the transcript in the message.
    assert "Lisa" not in stderr
    with open("/dev/full", "wb") as full:
        proc = run_with([str(gesprek_bin), *command, str(transcript)], tmp_path, full, full)
    assert proc.returncode == EX_IOERR


@pytest.mark.parametrize("command", [["summary"], ["export", "--format", "json"], ["verify"], ["replay"]])
def test_a_reader_that_went_away_is_no_crash(gesprek_bin, tmp_path, transcript, command):
    """`gesprek summary … | head`: the pipe's reader is gone before gesprek writes (EPIPE). No death
    by SIGPIPE, no crash, no message (whoever closed the pipe knows), and 74: the output is cut short."""
    # Many transcripts, so that the summary is long.
    paths = [transcript] * (40 if command == ["summary"] else 1)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = run_with([str(gesprek_bin), *command, *map(str, paths)], tmp_path, write_end, subprocess.PIPE)
    finally:
        os.close(write_end)
    stderr = proc.stderr.decode()
    assert proc.returncode == EX_IOERR, stderr
    assert CRASH not in stderr and "uitvoer" not in stderr


def test_a_long_summary_into_head(gesprek_bin, tmp_path, transcript):
    """As a user types it: the summary of many transcripts, of which head takes one line."""
    paths = " ".join([str(transcript)] * 400)
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {gesprek_bin} summary {paths} | head -n 1; "
                                         "echo status=${PIPESTATUS[0]}"],
                          capture_output=True, env=base_env(tmp_path), timeout=60)
    stdout, stderr = proc.stdout.decode(), proc.stderr.decode()
    assert stdout.count("\n") == 2, stdout
    # The whole summary is larger than a pipe holds: gesprek met the closed pipe.
    assert "status=74" in stdout, (stdout, stderr)
    assert CRASH not in stderr


# MARK: - The terminal of a live session goes away

def live_session(gesprek_bin: Path, tmp_path: Path, colour: bool, command: list[str]) -> pexpect.spawn:
    env = terminal_env(tmp_path, colour)
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=10, dimensions=(40, 140))
    child.expect_exact(PROMPT)
    return child


@pytest.mark.parametrize("colour", [False, True], ids=["NO_COLOR", "colour"])
def test_closing_the_terminal_keeps_every_line_waiting_in_memory(gesprek_bin, tmp_path, validator, colour):
    """The window is closed (the pty's master side), not a SIGHUP sent by hand: gesprek, the session
    leader, gets the kernel's SIGHUP and a terminal that fails every write (EIO)."""
    transcript, rescue = tmp_path / "live.jsonl", tmp_path / "nood"
    child = live_session(gesprek_bin, tmp_path, colour,
                         [str(gesprek_bin), "--case", "OKT-1", "-o", str(transcript), "--rescue", str(rescue)])
    lines = notes(1, 3)
    child.send(lines[0] + "\r")
    child.expect_exact(PROMPT)
    transcript.unlink()  # the next lines wait in memory
    for line in lines[1:]:
        child.send(line + "\r")
        child.expect_exact(PROMPT)
    child.send("note half getypt")
    os.close(child.child_fd)
    status = wait_for_exit(child.pid)
    child.closed = True
    assert os.WIFEXITED(status), f"killed by signal {os.WTERMSIG(status)}"
    assert os.WEXITSTATUS(status) == 129
    [copy] = list(rescue.iterdir())
    assert_complete(copy, lines, validator)


@pytest.mark.parametrize("colour", [False, True], ids=["NO_COLOR", "colour"])
def test_a_terminal_gone_without_a_sighup_is_a_hangup_too(gesprek_bin, tmp_path, validator, colour):
    """gesprek under a shell that ignores SIGHUP and stays: the kernel's SIGHUP goes to that shell only,
    and gesprek learns of the closed window from its reads (EIO). Same ending: 129 and the rescue copy."""
    transcript, rescue, status_file = tmp_path / "live.jsonl", tmp_path / "nood", tmp_path / "status"
    shell = (f"trap '' HUP; {gesprek_bin} --case OKT-1 -o {transcript} --rescue {rescue}; "
             f"echo $? > {status_file}")
    child = live_session(gesprek_bin, tmp_path, colour, ["sh", "-c", shell])
    lines = notes(1, 2)
    child.send(lines[0] + "\r")
    child.expect_exact(PROMPT)
    transcript.unlink()
    child.send(lines[1] + "\r")
    child.expect_exact(PROMPT)
    os.close(child.child_fd)
    wait_for_exit(child.pid)
    child.closed = True
    assert status_file.read_text().strip() == "129"
    [copy] = list(rescue.iterdir())
    assert_complete(copy, lines, validator)


@pytest.mark.parametrize("args, message", [
    (["check", "-"], "stdin: cannot read: Is a directory"),
    (["summary", "--files-from", "-"], "cannot read the list -"),
])
def test_stdin_that_cannot_be_read_is_a_message_not_a_crash(gesprek_bin, tmp_path, args, message):
    # A folder as stdin: every read(2) fails with EISDIR, as a read from a terminal that went away fails with EIO.
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        result = subprocess.run([str(gesprek_bin), *args, "--lang", "en"], stdin=folder, capture_output=True,
                                text=True, env=base_env(tmp_path), timeout=30)
    finally:
        os.close(folder)
    assert result.returncode == 66, result.stderr
    assert message in result.stderr
    assert "internal error" not in result.stderr and "interne fout" not in result.stderr
