"""Signals belong to gesprek alone: a SIGTERM, SIGHUP or SIGINT sent to gesprek leaves the shell (or
the host program) that started it alive; and at the passphrase prompt Ctrl-C and Ctrl-D cancel, and
SIGTERM leaves the terminal's echo on.

A real shell in tmux, as a user has: `bash -c 'gesprek …; echo after'` shares its process group
with gesprek, which is where a signal passed on with kill(0, sig) also lands.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from support import base_env, events_of, terminal_env

SECRET = "geheim wachtwoord 42"


class Tmux:
    """A tmux server of the test's own, with one pane running `sh` (dash: it keeps no terminal
    settings of its own, so what a program leaves behind stays visible)."""

    def __init__(self, tmp_path: Path, colour: bool):
        self.socket = str(tmp_path / "tmux.sock")
        self.env = base_env(tmp_path)
        self.env["TERM"] = "xterm-256color"
        if colour:
            self.env.pop("NO_COLOR", None)
        else:
            self.env["NO_COLOR"] = "1"
        self("new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "sh")
        self.pane_pid = int(self("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def __call__(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], check=True, capture_output=True, text=True,
                              env=self.env).stdout

    def type(self, *keys: str) -> None:
        self("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "t")

    def shows(self, text: str, times: int = 1) -> bool:
        deadline = time.time() + 10
        while time.time() < deadline:  # poll the screen; never sleep and hope
            if self.screen().count(text) >= times:
                return True
            time.sleep(0.05)
        return False

    def has_row(self, row: str) -> bool:
        deadline = time.time() + 10
        while time.time() < deadline:
            if row in (line.rstrip() for line in self.screen().splitlines()):
                return True
            time.sleep(0.05)
        return False

    def prompted(self) -> bool:
        """The shell's first prompt, `# ` or `$ `, is on the screen."""
        deadline = time.time() + 10
        while time.time() < deadline:
            if any(line.rstrip() in ("#", "$") for line in self.screen().splitlines()):
                return True
            time.sleep(0.05)
        return False

    def process(self, name: str) -> int:
        """The process id of the one process named `name` under the pane."""
        deadline = time.time() + 10
        while time.time() < deadline:
            found = [pid for pid in descendants(self.pane_pid) if comm(pid) == name]
            if len(found) == 1:
                return found[0]
            time.sleep(0.05)
        raise AssertionError(f"no single {name} under the pane")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.fixture(params=[False, True], ids=["NO_COLOR", "colour"])
def tmux(request, tmp_path):
    server = Tmux(tmp_path, colour=request.param)
    # Keys typed before the shell has started may be thrown away: wait for its first prompt.
    assert server.prompted()
    server.type("PS1='sh$ '", "Enter")
    assert server.has_row("sh$")
    yield server
    server.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_gesprek_leaves_the_shell_that_started_it(gesprek_bin, tmp_path, tmux, sig):
    transcript = tmp_path / "x.jsonl"
    tmux.type(f"bash -c '{gesprek_bin} --lang en --case OKT-1 -o {transcript}; echo after $?'", "Enter")
    assert tmux.shows("OKT-1 0:0")
    tmux.type("note voor", "Enter")
    assert tmux.shows("✓ note")
    tmux.type("note half getypt")
    os.kill(tmux.process("gesprek"), sig)
    assert tmux.shows(f"Session ended by signal {int(sig)}")
    assert tmux.has_row(f"after {128 + int(sig)}"), tmux.screen()
    # The shell in the pane is alive and takes commands; the terminal echoes again.
    tmux.type("echo nog ergens", "Enter")
    assert tmux.has_row("nog ergens"), tmux.screen()
    assert tmux.shows("echo nog ergens")
    assert [event["line"] for event in events_of(transcript)] == ["note voor"]


def test_sigint_from_outside_cancels_the_line_and_the_session_goes_on(gesprek_bin, tmp_path, tmux):
    transcript = tmp_path / "x.jsonl"
    tmux.type(f"bash -c '{gesprek_bin} --lang en --case OKT-1 -o {transcript}; echo after $?'", "Enter")
    assert tmux.shows("OKT-1 0:0")
    tmux.type("note half getypt")
    assert tmux.shows("note half getypt")
    os.kill(tmux.process("gesprek"), signal.SIGINT)
    assert tmux.shows("^C")
    tmux.type("note heel", "Enter")
    assert tmux.shows("✓ note")
    tmux.type("C-d")
    assert tmux.has_row("after 0"), tmux.screen()
    assert [event["line"] for event in events_of(transcript)] == ["note heel"]


def state(pid: int) -> str:
    """The process's state letter: T when stopped."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def becomes(pid: int, wanted: str) -> bool:
    deadline = time.time() + 10
    while time.time() < deadline:
        if state(pid) == wanted:
            return True
        time.sleep(0.05)
    return False


def test_sigtstp_from_outside_stops_gesprek_alone_and_sigcont_goes_on(gesprek_bin, tmp_path, tmux):
    transcript = tmp_path / "x.jsonl"
    tmux.type(f"bash -c '{gesprek_bin} --lang en --case OKT-1 -o {transcript}; echo after $?'", "Enter")
    assert tmux.shows("OKT-1 0:0")
    tmux.type("note voor")
    assert tmux.shows("note voor")
    gesprek, shell = tmux.process("gesprek"), tmux.process("bash")
    os.kill(gesprek, signal.SIGTSTP)
    assert becomes(gesprek, "T")
    assert state(shell) != "T"  # the shell around it was not stopped with it
    os.kill(gesprek, signal.SIGCONT)
    assert becomes(gesprek, "S")
    tmux.type(" en na", "Enter")
    assert tmux.shows("✓ note")
    tmux.type("C-d")
    assert tmux.has_row("after 0"), tmux.screen()
    assert [event["line"] for event in events_of(transcript)] == ["note voor en na"]


def test_sigterm_at_the_passphrase_prompt_leaves_echo_on(gesprek_bin, tmp_path, tmux):
    transcript, settings = tmp_path / "x.jsonl", tmp_path / "stty.txt"
    tmux.type(f"sh -c '{gesprek_bin} --lang en --encrypt -o {transcript}; echo after $?; stty -a > {settings}'",
              "Enter")
    assert tmux.shows("Passphrase for the transcript:")
    tmux.type("half")
    os.kill(tmux.process("gesprek"), signal.SIGTERM)
    assert tmux.shows("stopped by signal 15; nothing was written")
    assert tmux.has_row("after 143"), tmux.screen()
    assert tmux.has_row("sh$")
    words = settings.read_text().split()
    assert "echo" in words and "-echo" not in words
    assert "icanon" in words and "isig" in words
    assert not transcript.exists()


# MARK: - Ctrl-C and Ctrl-D at the passphrase prompt (a pty)

def prompt(gesprek_bin: Path, tmp_path: Path, *args: str, colour: bool = False) -> pexpect.spawn:
    env = terminal_env(tmp_path, colour)
    child = pexpect.spawn(str(gesprek_bin), list(args), env=env, encoding="utf-8", timeout=10)
    child.delaybeforesend = None
    return child


@pytest.mark.parametrize("colour", [False, True], ids=["NO_COLOR", "colour"])
@pytest.mark.parametrize("key, code, said", [("\x03", 130, "Ctrl-C"), ("\x04", 77, "Ctrl-D")])
def test_ctrl_c_and_ctrl_d_cancel_a_new_encrypted_session(gesprek_bin, tmp_path, key, code, said, colour):
    out = tmp_path / "live.jsonl"
    child = prompt(gesprek_bin, tmp_path, "--encrypt", "-o", str(out), colour=colour)
    child.expect_exact("Wachtwoord voor het transcript: ")
    child.send("half getypt")
    child.send(key)
    child.expect_exact(f"geen wachtwoord gegeven ({said}); er is niets geschreven")
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None and child.exitstatus == code
    assert not out.exists()
    assert "half getypt" not in child.before


@pytest.mark.parametrize("key, code", [("\x03", 130), ("\x04", 77)])
def test_ctrl_c_and_ctrl_d_cancel_at_the_second_ask_too(gesprek_bin, tmp_path, key, code):
    out = tmp_path / "live.jsonl"
    child = prompt(gesprek_bin, tmp_path, "--lang", "en", "--encrypt", "-o", str(out))
    child.expect_exact("Passphrase for the transcript: ")
    child.send(SECRET + "\r")
    child.expect_exact("Once more: ")
    child.send(key)
    child.expect_exact("no passphrase given")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    assert not out.exists()


def test_ctrl_c_cancels_reading_an_encrypted_transcript(gesprek_bin, tmp_path, gesprek):
    out = tmp_path / "versleuteld.jsonl"
    result = gesprek.run("run", "-", "--encrypt", "-o", out, input="note #v Lisa slaapt slecht.\n",
                         env={"GESPREK_PASSPHRASE": SECRET})
    assert result.returncode == 0, result.stderr
    child = prompt(gesprek_bin, tmp_path, "summary", str(out))
    child.expect_exact("Wachtwoord voor het transcript: ")
    child.send("\x03")
    child.expect_exact("geen wachtwoord gegeven (Ctrl-C)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Lisa" not in child.before


def test_backspace_corrects_the_passphrase(gesprek_bin, tmp_path, gesprek):
    out = tmp_path / "live.jsonl"
    child = prompt(gesprek_bin, tmp_path, "--lang", "en", "--encrypt", "-o", str(out))
    child.expect_exact("Passphrase for the transcript: ")
    child.send(SECRET + "x\x7f\r")
    child.expect_exact("Once more: ")
    child.send("fout\x15" + SECRET + "\r")
    child.expect_exact("› ")
    child.send("note #v Het gaat wel.\r")
    child.expect_exact("› ")
    child.send("\x04")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    result = gesprek.run("summary", out, env={"GESPREK_PASSPHRASE": SECRET})
    assert result.returncode == 0, result.stderr
