"""The live REPL, driven through a real pseudo-terminal (pexpect), as an advisor types.

Each test checks what the advisor sees on the screen and, at the end, that the
transcript holds exactly the lines that were accepted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from support import base_env, events_of, mode, terminal_env, write_script

PROMPT = "› "
LEFT, RIGHT, HOME, END = "\x1b[D", "\x1b[C", "\x1b[H", "\x1b[F"
BACKSPACE, TAB, CTRL_C, CTRL_D, CTRL_Z = "\x7f", "\t", "\x03", "\x04", "\x1a"


class Repl:
    """gesprek on a pseudo-terminal, with its own transcript path."""

    def __init__(self, binary: Path, root: Path, *args: str, env: dict | None = None, colour: bool = False):
        self.transcript = root / "live.jsonl"
        environment = terminal_env(root, colour, env)
        self.child = pexpect.spawn(str(binary), ["--lang", "en", "--case", "OKT-1", "-o", str(self.transcript), *args],
                                   env=environment, encoding="utf-8", timeout=10, dimensions=(40, 140))
        self.child.expect_exact(PROMPT)

    def line(self, text: str, expect: str = PROMPT) -> str:
        """Types a line and Enter; returns what the screen showed until the next prompt."""
        self.child.send(text + "\r")
        self.child.expect_exact(expect)
        return self.child.before

    def keys(self, keys: str) -> None:
        self.child.send(keys)

    def end(self) -> str:
        """Ctrl-D on an empty line: returns everything printed until the program exits."""
        self.child.send(CTRL_D)
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.before

    def recorded_lines(self) -> list[str]:
        return [event["line"] for event in events_of(self.transcript)]


@pytest.fixture
def repl(gesprek_bin: Path, tmp_path: Path):
    sessions = []

    def start(*args: str, **kwargs) -> Repl:
        session = Repl(gesprek_bin, tmp_path, *args, **kwargs)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        if session.child.isalive():
            session.child.terminate(force=True)


def test_dutch_text_edited_with_arrows_and_backspace(repl):
    r = repl()
    # Type with a mistake, go back over Dutch letters, fix it, then go to the end.
    r.keys("note Zoë vindt de casuïstiek lstig")
    r.keys(LEFT * 4 + "a")                      # lstig → lastig
    r.keys(HOME + RIGHT * 5 + RIGHT * 3 + BACKSPACE + "ë")   # Zoë: ë deleted and typed again as one character
    r.keys(END + " en spannend")
    out = r.line("")
    assert "✓ note" in out
    r.line("say Zoë Één keer per week is genoeg, zegt ze.")
    r.end()
    events = events_of(r.transcript)
    assert events[0]["text"] == "Zoë vindt de casuïstiek lastig en spannend"
    assert events[1]["speaker"] == "Zoë" and events[1]["text"] == "Één keer per week is genoeg, zegt ze."


def test_dutch_letters_survive_the_c_locale(repl):
    r = repl(env={"LANG": "C", "LC_ALL": "C"})
    r.line("note Ze praat over haar oma in België, ïs blij.")
    r.end()
    assert events_of(r.transcript)[0]["text"] == "Ze praat over haar oma in België, ïs blij."


def test_tab_completes_a_tag_an_item_and_a_network_name(repl):
    r = repl()
    r.keys("note #kw" + TAB)
    r.line("Slaapt slecht.")
    r.keys("score organ" + TAB)                 # common prefix of the organisatie items
    r.line("c1 3")
    r.keys("score gezin.m" + TAB)               # several items: listed with their text
    r.child.expect_exact("De hulpverlener weet waar ik energie van krijg.")
    r.child.expect_exact("score gezin.m")
    r.line("2 4")
    r.line('network add "Tante Fatima" role=tante')
    r.keys('network set "T' + TAB)
    r.keys("cont" + TAB)
    r.line("wekelijks")
    r.end()
    assert r.recorded_lines() == [
        "note #kwetsbaarheid Slaapt slecht.",
        "score organisatie.c1 3",
        "score gezin.m2 4",
        'network add "Tante Fatima" role=tante',
        'network set "Tante Fatima" contact=wekelijks',
    ]


def test_up_and_ctrl_r_bring_back_earlier_lines(repl):
    r = repl()
    r.line("note Oma helpt met koken")
    r.line("note iets anders")
    r.keys("Oma")                                # the words to find, then Ctrl-R
    r.keys("\x12")
    r.child.expect_exact("note Oma helpt met koken")
    r.line("")
    r.keys("\x1b[A" + BACKSPACE * 5 + "eten")    # Up: the last line, edited
    r.line("")
    r.end()
    assert r.recorded_lines() == ["note Oma helpt met koken", "note iets anders",
                                  "note Oma helpt met koken", "note Oma helpt met eten"]


def test_a_score_is_confirmed_with_its_label(repl):
    r = repl()
    assert "✓ score gezin.s1 3 = satisfied · sociaal" in r.line("score gezin.s1 3")
    r.end()


def test_ctrl_c_cancels_the_line_and_the_session_goes_on(repl):
    r = repl()
    r.keys("note dit wil ik niet vastleggen")
    r.keys(CTRL_C)
    r.child.expect_exact(PROMPT)
    r.line("note wel dit")
    r.end()
    assert r.recorded_lines() == ["note wel dit"]


def test_a_rejected_line_comes_back_to_be_corrected(repl):
    r = repl()
    out = r.line("score gezin.s1 5")
    assert "score takes 0 to 4, got 5" in out
    assert "               ^" in out                  # the caret under the 5
    # The line is back in the editor: one backspace and the right value.
    r.line(BACKSPACE + "3")
    r.end()
    assert r.recorded_lines() == ["score gezin.s1 3"]


def test_ctrl_d_ends_with_the_summary_and_the_path(repl):
    r = repl()
    r.line("ask #v Hoe gaat het met je?")
    r.line("network add Oma role=grootmoeder influence=+ stays=yes")
    out = r.end()
    assert "- competentioneel: not touched" in out and "- motivationeel: not touched" in out
    assert "Oma (grootmoeder) +" in out
    assert f"Transcript closed (2 lines): {r.transcript}" in out
    assert r.child.exitstatus == 0
    assert mode(r.transcript) == 0o600


def test_confirmation_and_running_counts(repl):
    r = repl()
    assert "✓ question · vertrekpunt" in r.line("ask #v Hoe gaat het?")
    out = r.line("note #s #c Heeft een buurvrouw die kookt.")
    assert "✓ note · competentioneel, sociaal" in out
    assert "v1 c1 s1 m0" in out
    r.end()


def test_a_long_note_continues_on_the_next_line(repl):
    r = repl()
    r.line("note Vertelt uitgebreid over school, \\", expect="… ")
    r.line("de vrienden en het voetbal.")
    r.end()
    assert events_of(r.transcript)[0]["text"] == "Vertelt uitgebreid over school, de vrienden en het voetbal."


def test_load_and_history(repl, tmp_path):
    script = write_script(tmp_path / "deel.gesprek", "ask #v Hoe gaat het?\nscore gezin.s1 9\nnote #c Kookt.\n")
    r = repl()
    out = r.line(f"load {script}")
    assert "deel.gesprek:2:16: error: score takes 0 to 4, got 9" in out
    assert "2 recorded, 1 error" in out
    out = r.line("history")
    assert "question" in out and "Hoe gaat het?" in out and "Kookt." in out
    assert "load" in r.line("help")
    r.end()
    assert r.recorded_lines() == ["ask #v Hoe gaat het?", "note #c Kookt."]


def test_ctrl_c_interrupts_a_long_load(repl, tmp_path):
    script = write_script(tmp_path / "lang.gesprek", "".join(f"note regel {i}\n" for i in range(200_000)))
    r = repl()
    r.keys(f"load {script}\r")
    time.sleep(0.5)
    r.child.sendintr()
    r.child.expect_exact("load interrupted after line")
    r.child.expect_exact(PROMPT)
    r.line("note daarna")
    r.end()
    lines = r.recorded_lines()
    assert 0 < len(lines) < 200_001
    assert lines[-1] == "note daarna"


def test_ctrl_z_suspends_and_fg_resumes(gesprek_bin, tmp_path):
    """Needs a shell with job control (pexpect's child leads an orphaned process
    group, where the kernel discards SIGTSTP), so this one runs bash in tmux."""
    transcript = tmp_path / "live.jsonl"
    socket = str(tmp_path / "tmux.sock")
    env = base_env(tmp_path)
    env["NO_COLOR"] = "1"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-S", socket, *args], check=True, capture_output=True, text=True, env=env).stdout

    def screen_shows(text: str, times: int = 1) -> bool:
        deadline = time.time() + 10
        while time.time() < deadline:          # poll the screen; never sleep and hope
            if tmux("capture-pane", "-p", "-t", "t").count(text) >= times:
                return True
            time.sleep(0.05)
        return False

    def screen_has_row(row: str) -> bool:
        """A row of the screen is exactly `row`, with nothing after it."""
        deadline = time.time() + 10
        while time.time() < deadline:
            if row in (line.rstrip() for line in tmux("capture-pane", "-p", "-t", "t").splitlines()):
                return True
            time.sleep(0.05)
        return False

    tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "bash --norc --noprofile")
    try:
        tmux("send-keys", "-t", "t", f"PS1='sh$ '; {gesprek_bin} --lang en --case OKT-1 -o {transcript}", "Enter")
        assert screen_shows("OKT-1 0:0")
        tmux("send-keys", "-t", "t", "note voor", "C-z")
        assert screen_shows("Stopped")
        tmux("send-keys", "-t", "t", "fg", "Enter")
        assert screen_shows("note voor")
        tmux("send-keys", "-t", "t", " en na", "Enter")
        assert screen_shows("✓ note")
        # A window narrower than the line being typed ("OKT-1 0:00 › note na het verkl|einen"): gesprek
        # learns the new width, so editing across the wrap is drawn right. Type on, then Backspace back
        # over the wrap: only at the new width does the second row end up as exactly "einen n" (at the
        # old width the deleted text stays on the screen and new keys land after it).
        tmux("send-keys", "-t", "t", "note na het verkleinen")
        assert screen_shows("na het verkleinen")
        tmux("resize-window", "-t", "t", "-x", "30", "-y", "20")
        tmux("send-keys", "-t", "t", " nog steeds en nog wat")
        assert screen_shows("einen nog steeds en nog wat")
        tmux("send-keys", "-t", "t", *["BSpace"] * 20)
        assert screen_has_row("einen n"), tmux("capture-pane", "-p", "-t", "t")
        tmux("send-keys", "-t", "t", "og steeds")
        assert screen_has_row("einen nog steeds"), tmux("capture-pane", "-p", "-t", "t")
        tmux("send-keys", "-t", "t", "Enter")
        assert screen_shows("✓ note", times=2)     # the second confirmation, not the first still on screen
        tmux("send-keys", "-t", "t", "C-d")
        assert screen_shows("Transcript closed (2 lines)")
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True)
    assert [event["line"] for event in events_of(transcript)] == ["note voor en na", "note na het verkleinen nog steeds"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_close_the_transcript_cleanly(repl, sig):
    r = repl()
    r.line("note vastgelegd")
    r.keys("note half getypt")
    r.child.kill(sig)
    r.child.expect_exact(f"Session ended by signal {int(sig)}")
    r.child.expect(pexpect.EOF)
    r.child.close()
    assert r.child.exitstatus == 128 + int(sig)
    assert r.recorded_lines() == ["note vastgelegd"]


def test_history_across_sessions_only_when_switched_on(gesprek_bin, tmp_path):
    history = tmp_path / "home" / ".local" / "state" / "gesprek" / "history"
    r = Repl(gesprek_bin, tmp_path)
    r.line("note geen geschiedenis")
    r.end()
    assert not history.exists()

    r = Repl(gesprek_bin, tmp_path / "second", "--history", env={"HOME": str(tmp_path / "home")})
    r.line("note wel geschiedenis")
    r.end()
    assert mode(history) == 0o600
    assert "geschiedenis" in history.read_text(encoding="utf-8")   # libedit writes spaces as \\040

    # The next session has it under Up.
    r = Repl(gesprek_bin, tmp_path / "third", "--history", env={"HOME": str(tmp_path / "home")})
    r.keys("\x1b[A")
    r.line("")
    r.end()
    assert r.recorded_lines() == ["note wel geschiedenis"]


def test_colours_only_without_no_color(gesprek_bin, tmp_path):
    r = Repl(gesprek_bin, tmp_path / "colour", colour=True)
    assert "\x1b[32m✓" in r.line("note kleur")
    r.end()
    r = Repl(gesprek_bin, tmp_path / "plain")
    out = r.line("note geen kleur")
    assert "✓ note" in out and "\x1b[32m" not in out
    r.end()
