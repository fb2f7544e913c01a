"""`gesprek replay`: a conversation played back for a case discussion.

On a pseudo-terminal (pexpect) as a supervisor uses it, with keys; through a
pipe as a script would. Expectations are computed from the sample transcripts
themselves, so the tests follow the samples when those change.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import termios
import time
from pathlib import Path

import pexpect
import pytest

from support import EX_DATAERR, EX_NOINPUT, EX_OK, SAMPLES, base_env, events_of, interrupted, terminal_env

EX_USAGE = 64
ENTER, SPACE, RIGHT, CTRL_C = "\r", " ", "\x1b[C", "\x03"
KIND_NL = {"ask": "vraag", "note": "notitie", "say": "citaat", "score": "score", "network.add": "netwerk +",
           "network.set": "netwerk ~", "network.remove": "netwerk −", "mark": "markering", "session": "sessie",
           "participant": "deelnemer", "host": "eigen commando"}


def clock(seconds: float) -> str:
    total = int(seconds)
    h, m, s = total // 3600, total // 60 % 60, total % 60
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


def needle(event: dict) -> str:
    """What identifies an event's line on the screen: its time and its kind (the samples have one line per time)."""
    if event["kind"] == "undo":
        return f" {clock(event['elapsed'])}  ↶"
    return f" {clock(event['elapsed'])}  {KIND_NL[event['kind']]}"


def retracted(events: list[dict]) -> set[int]:
    return {e["retracts"] for e in events if e["kind"] == "undo"}


def markers(events: list[dict]) -> list[dict]:
    gone = retracted(events)
    return [e for e in events if e["kind"] == "mark" and e["seq"] not in gone]


@pytest.fixture(scope="module")
def sample() -> Path:
    """A sample with an undo and at least three markers.

    A sample, not a transcript made here with `gesprek run`: the tests need
    events minutes apart (one line per time on the screen, --from 5:00), and
    only the golden tests' stepping clock makes those. Without one, fail: a
    skip would leave replay untested without a word."""
    for path in SAMPLES:
        events = events_of(path)
        if retracted(events) and len(markers(events)) >= 3:
            return path
    pytest.fail(f"no sample transcript in {', '.join(p.name for p in SAMPLES) or 'Transcripts/'} has an undo and "
                "three markers: the replay tests need one (Transcripts/*.jsonl are made from Scripts/*.gesprek by "
                "GESPREK_UPDATE_GOLDEN=1 swift test)", pytrace=False)


def spawn(binary: Path, root: Path, *args: str | os.PathLike, colour: bool = False, command: str = "replay") -> pexpect.spawn:
    env = terminal_env(root, colour)
    return pexpect.spawn(str(binary), [command, *map(str, args)], env=env, encoding="utf-8", timeout=10,
                         dimensions=(50, 220))


def finish(child: pexpect.spawn) -> tuple[str, int]:
    """Waits for the end; returns what was printed since the last match and the exit status."""
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


def assert_not_shown(child: pexpect.spawn, text: str, wait: float = 0.7) -> None:
    """Nothing with `text` appears within `wait` seconds (what did appear stays in the buffer)."""
    try:
        child.expect_exact(text, timeout=wait)
    except pexpect.TIMEOUT:
        return
    pytest.fail(f"{text!r} was shown too early")


def assert_in_order(screen: str, texts: list[str]) -> None:
    position = 0
    for text in texts:
        found = screen.find(text, position)
        assert found >= 0, f"{text!r} missing (or out of order) after position {position}"
        position = found + len(text)


def event_clocks(stdout: str) -> list[str]:
    """The times of the event lines in plain output."""
    return [m.group(1) for m in re.finditer(r"^ {1,3}(\d+:\d\d(?::\d\d)?)  ", stdout, re.MULTILINE)]


def run_piped(binary: Path, root: Path, *args: str | os.PathLike, timeout: float = 30) -> subprocess.CompletedProcess:
    """Replay without a terminal: stdin and stdout are pipes; colours would be allowed."""
    env = base_env(root)
    env["TERM"] = "xterm-256color"
    env.pop("NO_COLOR", None)
    return subprocess.run([str(binary), "replay", *map(str, args)], stdin=subprocess.PIPE, capture_output=True,
                          env=env, timeout=timeout)


# --- Playing ------------------------------------------------------------------

def test_speed_1000_plays_every_event_in_order(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    child = spawn(gesprek_bin, tmp_path, sample, "--speed", "1000")
    child.expect_exact("gestart ")
    screen, status = finish(child)
    assert status == EX_OK
    assert_in_order(screen, [needle(e) for e in events] + ["Einde van het gesprek"])
    assert f"{len(events)} regels getoond" in screen


def test_the_header_names_case_advisor_and_participants(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    result = run_piped(gesprek_bin, tmp_path, sample, "--step")
    assert result.returncode == EX_OK
    header = result.stdout.decode().splitlines()[0]
    session = next(e for e in events if e["kind"] == "session")
    assert header.startswith(f"Dossier {session['case']} · adviseur {session['advisor']}")
    for participant in (e for e in events if e["kind"] == "participant"):
        assert participant["name"] in header
    assert "gestart 23-11-2026" in header


def test_english_with_lang_en(gesprek_bin, tmp_path, sample):
    result = run_piped(gesprek_bin, tmp_path, sample, "--step", "--lang", "en")
    out = result.stdout.decode()
    assert "question · vertrekpunt" in out and "End of the conversation" in out and "started 2026-11-23" in out


def test_from_and_until_markers_select_the_events_between(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    first, _, last = markers(events)[:3]
    result = run_piped(gesprek_bin, tmp_path, sample, "--from", first["label"], "--until", last["label"], "--speed", "1000")
    assert result.returncode == EX_OK, result.stderr.decode()
    expected = [clock(e["elapsed"]) for e in events if first["seq"] <= e["seq"] <= last["seq"]]
    out = result.stdout.decode()
    assert event_clocks(out) == expected
    assert re.match(rf" +{clock(first['elapsed'])}  markering +{re.escape(first['label'])}$", out.splitlines()[2])
    assert "Einde van de selectie" in out


def test_from_and_until_times(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    result = run_piped(gesprek_bin, tmp_path, sample, "--from", "5:00", "--until", "600", "--step")
    assert result.returncode == EX_OK
    assert event_clocks(result.stdout.decode()) == [clock(e["elapsed"]) for e in events if 300 <= e["elapsed"] <= 600]


def test_an_undo_shows_the_retracted_event_as_retracted(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    undo = next(e for e in events if e["kind"] == "undo")
    target = next(e for e in events if e["seq"] == undo["retracts"])
    out = run_piped(gesprek_bin, tmp_path, sample, "--step").stdout.decode()
    lines = out.splitlines()
    struck = next(line for line in lines if needle(target) in line)
    assert struck.endswith("(ingetrokken)")
    assert sum(line.endswith("(ingetrokken)") for line in lines) == 1
    note = next(line for line in lines if needle(undo) in line)
    assert note.endswith(f"{KIND_NL[target['kind']]} van {clock(target['elapsed'])} ingetrokken")


def test_on_a_colour_terminal_a_retracted_event_is_dim_and_struck(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    target = next(e for e in events if e["seq"] in retracted(events))
    child = spawn(gesprek_bin, tmp_path, sample, "--speed", "1000", colour=True)
    screen, status = finish(child)
    assert status == EX_OK
    assert f"\x1b[2;9m{needle(target)}" in screen


def test_a_long_silence_is_cut_to_the_idle_limit(gesprek_bin, tmp_path):
    header = ('{"format":"gesprek-transcript","version":1,"session":"00000000-0000-4000-8000-000000000001",'
              '"started":"2026-11-23T09:00:00.000+01:00","participants":[],"tool":"gesprek 0.1.0","language":"nl"}')
    event = ('{{"seq":{seq},"elapsed":{elapsed},"time":"2026-11-23T09:00:00.000+01:00","kind":"note","dimensions":[],'
             '"tags":[],"text":"{text}","line":"note {text}","lineNumber":{seq}}}')
    path = tmp_path / "stilte.jsonl"
    path.write_text("\n".join([header, event.format(seq=1, elapsed="0.100", text="Voor de stilte."),
                               event.format(seq=2, elapsed="60.100", text="Na een minuut.")]) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run_piped(gesprek_bin, tmp_path, path, "--idle-limit", "0.2", timeout=10)
    took = time.monotonic() - started
    assert result.returncode == EX_OK
    assert_in_order(result.stdout.decode(), ["Voor de stilte.", "Na een minuut."])
    assert took < 3, f"took {took:.1f} s"
    # And on a terminal too.
    child = spawn(gesprek_bin, tmp_path, path, "--idle-limit", "0.2")
    child.expect_exact("Na een minuut.", timeout=3)
    assert finish(child)[1] == EX_OK


def test_without_a_terminal_nothing_waits_and_no_escape_codes(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    label = markers(events)[0]["label"]
    started = time.monotonic()
    for args in (["--step"], ["--speed", "1000", "--pause-at", label]):
        result = run_piped(gesprek_bin, tmp_path, sample, *args, timeout=10)
        assert result.returncode == EX_OK
        assert b"\x1b" not in result.stdout and b"\x1b" not in result.stderr
        assert len(event_clocks(result.stdout.decode())) == len(events)
    assert time.monotonic() - started < 8


def test_stdin_not_a_terminal_but_stdout_one_plays_plainly(gesprek_bin, tmp_path, sample):
    env = base_env(tmp_path)
    env["TERM"] = "xterm-256color"
    env.pop("NO_COLOR", None)
    child = pexpect.spawn("bash", ["-c", '"$0" replay --step "$1" </dev/null', str(gesprek_bin), str(sample)], env=env,
                          encoding="utf-8", timeout=10, dimensions=(50, 220))
    screen, status = finish(child)
    assert status == EX_OK
    assert "\x1b" not in screen
    assert len(event_clocks(screen.replace("\r\n", "\n"))) == len(events_of(sample))


# --- Keys ---------------------------------------------------------------------

def test_step_mode_one_event_per_key_and_markers_with_n_and_p(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    marks = markers(events)
    child = spawn(gesprek_bin, tmp_path, sample, "--step")
    child.expect_exact("q stopt")
    child.expect_exact(needle(events[0]))          # the first line comes at once
    for i, key in enumerate([ENTER, SPACE, "j", RIGHT], start=1):
        assert_not_shown(child, needle(events[i]), wait=0.4)
        child.send(key)
        child.expect_exact(needle(events[i]))
    current = 4
    assert_not_shown(child, needle(events[current + 1]), wait=0.4)

    child.send("n")                                 # to the first marker, skipping what lies between
    child.expect_exact("overgeslagen")
    child.expect_exact(needle(marks[0]))
    assert_not_shown(child, needle(events[marks[0]["seq"]]), wait=0.4)
    child.send("n")
    child.expect_exact(needle(marks[1]))
    child.send("p")                                 # back: streams again from the start
    child.expect_exact(f"terug naar markering {marks[0]['label']}")
    child.expect_exact(needle(marks[0]))
    child.send(ENTER)
    after = next(e for e in events if e["seq"] == marks[0]["seq"] + 1)
    child.expect_exact(needle(after))
    child.send("q")
    screen, status = finish(child)
    assert status == EX_OK
    assert f"Gestopt bij {clock(after['elapsed'])}" in screen


def test_pause_at_stops_at_the_marker_until_a_key(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    mark = markers(events)[0]
    after = next(e for e in events if e["seq"] == mark["seq"] + 1)
    child = spawn(gesprek_bin, tmp_path, sample, "--speed", "1000", "--pause-at", mark["label"])
    child.expect_exact(needle(mark))
    child.expect_exact(f"gestopt bij markering {mark['label']}")
    assert_not_shown(child, needle(after), wait=1.5)  # the team discusses before hearing what came next
    child.send(SPACE)
    child.expect_exact(needle(after))
    screen, status = finish(child)
    assert status == EX_OK
    assert needle(events[-1]) in screen


def test_space_pauses_and_resumes_and_q_quits(gesprek_bin, tmp_path, sample):
    events = events_of(sample)
    child = spawn(gesprek_bin, tmp_path, sample, "--speed", "20")   # a line every 2 s
    child.expect_exact(needle(events[0]))
    child.send(SPACE)
    child.expect_exact("gepauzeerd")
    assert_not_shown(child, needle(events[1]), wait=2.5)
    child.send(SPACE)
    child.expect_exact(needle(events[1]), timeout=4)
    child.send(ENTER)                                # the next line at once
    child.expect_exact(needle(events[2]), timeout=1)
    child.send("q")
    screen, status = finish(child)
    assert status == EX_OK
    assert "Gestopt bij" in screen


def stty_flags(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(-?(?:icanon|echo))(?![\w-])", text))


def child_of(pid: int) -> int:
    """The one process whose parent is `pid`."""
    for _ in range(50):
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    return int(entry)
        time.sleep(0.1)
    raise AssertionError(f"no child of {pid}")


@pytest.mark.parametrize("how, code", [("q", 0), ("ctrl-c", 128 + signal.SIGINT), ("sigterm", 128 + signal.SIGTERM)])
def test_the_terminal_is_restored_on_every_way_out(gesprek_bin, tmp_path, sample, how, code):
    env = base_env(tmp_path)
    env.update(TERM="xterm-256color", NO_COLOR="1")
    script = 'trap true INT; "$0" replay --step "$1"; echo "rc=$?"; stty -a'
    child = pexpect.spawn("bash", ["-c", script, str(gesprek_bin), str(sample)], env=env, encoding="utf-8",
                          timeout=10, dimensions=(50, 220))
    child.expect_exact(needle(events_of(sample)[0]))
    lflag = termios.tcgetattr(child.child_fd)[3]     # the pseudo-terminal's modes, read through its master
    assert not lflag & termios.ICANON and not lflag & termios.ECHO, "keys are read one by one, without echo"
    if how == "q":
        child.send("q")
    elif how == "ctrl-c":
        child.send(CTRL_C)
    else:
        os.kill(child_of(child.pid), signal.SIGTERM)
    child.expect(r"rc=(\d+)")
    assert int(child.match.group(1)) == code
    child.expect(pexpect.EOF)
    assert {"icanon", "echo"} <= stty_flags(child.before)


# --- Mistakes -----------------------------------------------------------------

def test_a_missing_file_is_66(gesprek, tmp_path):
    result = gesprek.run("replay", tmp_path / "nergens.jsonl")
    assert result.returncode == EX_NOINPUT
    assert "nergens.jsonl" in result.stderr


def test_not_a_transcript_is_65_with_the_readers_message(gesprek, tmp_path):
    path = tmp_path / "notities.txt"
    path.write_text("ask Hoe gaat het?\n", encoding="utf-8")
    result = gesprek.run("replay", path)
    assert result.returncode == EX_DATAERR
    assert "dit is geen gesprek-transcript" in result.stderr


@pytest.mark.parametrize("option", ["--from", "--until", "--pause-at"])
def test_an_unknown_marker_is_64_and_lists_the_markers(gesprek, sample, option):
    result = gesprek.run("replay", sample, option, "bestaat-niet")
    assert result.returncode == EX_USAGE
    assert 'onbekende markering "bestaat-niet"' in result.stderr
    for mark in markers(events_of(sample)):
        assert f"{mark['label']} ({clock(mark['elapsed'])})" in result.stderr


def test_bad_times_and_speeds_are_64(gesprek, sample):
    assert gesprek.run("replay", sample, "--from", "5:75").returncode == EX_USAGE
    assert gesprek.run("replay", sample, "--from", "10:00", "--until", "5:00").returncode == EX_USAGE
    assert gesprek.run("replay", sample, "--speed", "0").returncode == EX_USAGE
    assert gesprek.run("replay", sample, "--idle-limit", "-1").returncode == EX_USAGE


def test_a_cut_off_last_line_is_warned_about_and_the_rest_plays(gesprek, tmp_path, sample):
    data = interrupted(sample.read_bytes())
    path = tmp_path / "afgebroken.jsonl"
    path.write_bytes(data[:-40])
    lines = data.count(b"\n")
    result = gesprek.run("replay", path, "--step")
    assert result.returncode == EX_OK
    assert f"laatste regel ({lines}) is afgebroken" in result.stderr
    events = events_of(sample)
    assert len(event_clocks(result.stdout)) == len(events) - 1
    assert "Einde van het gesprek" in result.stdout
