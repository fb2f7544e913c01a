"""libedit is loaded (dlopen) only when a line editor is made, not linked (docs/development.md, "Start-up").

Without libedit, the commands that edit lines on a terminal (the live session, `train`, `annotate`) say so, with
what to install, and end with 69 (EX_UNAVAILABLE) before anything is drawn or created; everything else works.
libedit is made unavailable without root by a folder on LD_LIBRARY_PATH with a `libedit.so.2` that is an empty
shared object (built with gcc): the loader finds it first and has none of libedit's functions.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import REPO, events_of, terminal_env, write_script

EX_UNAVAILABLE = 69
SAMPLE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
SANNE = REPO / "Scripts" / "sanne-wil-geen-hulp.scenario"


@pytest.fixture(scope="module")
def without_libedit(tmp_path_factory) -> dict[str, str]:
    """Environment entries under which libedit.so.2 is a library without libedit's functions."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.fail("gcc is needed to build the empty libedit.so.2 (./dev test installs it)", pytrace=False)
    folder = tmp_path_factory.mktemp("fake-libedit")
    (folder / "empty.c").write_text("int gesprek_test_not_libedit;\n", encoding="utf-8")
    subprocess.run([gcc, "-shared", "-fPIC", "-o", str(folder / "libedit.so.2"), str(folder / "empty.c")], check=True)
    return {"LD_LIBRARY_PATH": str(folder)}


def needed(path: Path) -> list[str]:
    dump = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dump)


def test_nothing_links_libedit(gesprek_bin: Path):
    libraries = needed(gesprek_bin)
    assert "libc.so.6" in libraries  # readelf read the dynamic section
    assert [lib for lib in libraries if "libedit" in lib] == []
    library = gesprek_bin.parent / "libGesprekC.so"
    if library.exists():
        assert [lib for lib in needed(library) if "libedit" in lib] == []


def spawn(gesprek, args: list[str], colour: bool, extra: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(str(gesprek.binary), args, env=terminal_env(gesprek.root, colour, extra), encoding="utf-8",
                          timeout=10, dimensions=(40, 140), cwd=str(gesprek.root))
    child.logfile_read = io.StringIO()
    return child


def ended(child: pexpect.spawn) -> str:
    """Everything the terminal showed, once the program has ended by itself."""
    child.expect(pexpect.EOF)
    child.close()
    return child.logfile_read.getvalue()


def assert_said_unavailable(screen: str, english: bool) -> None:
    if english:
        assert "gesprek: the line editor (libedit) cannot be loaded: " in screen, screen
        assert "hint: install libedit2: sudo apt-get install libedit2" in screen, screen
    else:
        assert "gesprek: de regeleditor (libedit) kan niet geladen worden: " in screen, screen
        assert "tip: installeer libedit2: sudo apt-get install libedit2" in screen, screen
    assert "libedit.so.2: undefined symbol: el_init" in screen, screen  # what the loader said
    assert "›" not in screen, screen  # no prompt: nothing was drawn
    assert "Transcript" not in screen, screen


@pytest.mark.parametrize("english", [False, True], ids=["nl", "en"])
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_the_live_session_says_libedit_is_missing_and_starts_no_transcript(gesprek, without_libedit, colour, english):
    transcript = gesprek.root / "live.jsonl"
    child = spawn(gesprek, [*(["--lang", "en"] if english else []), "--case", "OKT-1", "-o", str(transcript)], colour,
                  without_libedit)
    screen = ended(child)
    assert child.exitstatus == EX_UNAVAILABLE, screen
    assert_said_unavailable(screen, english)
    assert not transcript.exists()
    assert gesprek.default_transcripts() == []


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_train_on_a_terminal_says_libedit_is_missing_and_starts_no_transcript(gesprek, without_libedit, colour):
    transcript = gesprek.root / "oefening.jsonl"
    child = spawn(gesprek, ["train", str(SANNE), "-o", str(transcript)], colour, without_libedit)
    screen = ended(child)
    assert child.exitstatus == EX_UNAVAILABLE, screen
    assert_said_unavailable(screen, english=False)
    assert "Sanne" not in screen  # the scenario did not start
    assert not transcript.exists()


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_annotate_on_a_terminal_says_libedit_is_missing_and_opens_no_reflections(gesprek, without_libedit, colour,
                                                                                  tmp_path):
    folder = tmp_path / "bespreking"
    folder.mkdir(mode=0o700)
    transcript = folder / "t.jsonl"
    shutil.copy(SAMPLE, transcript)
    child = spawn(gesprek, ["--lang", "en", "annotate", str(transcript)], colour, without_libedit)
    screen = ended(child)
    assert child.exitstatus == EX_UNAVAILABLE, screen
    assert_said_unavailable(screen, english=True)
    assert "OKT-2026-0733" not in screen  # no header drawn
    assert sorted(p.name for p in folder.iterdir()) == ["t.jsonl"]
    assert not (gesprek.root / "home/.config/gesprek/signing-key").exists()  # no key made to sign with
    assert transcript.read_bytes() == SAMPLE.read_bytes()


def test_run_and_the_session_from_stdin_work_without_libedit(gesprek, without_libedit, tmp_path):
    script = write_script(tmp_path / "kort.gesprek", "note casuïstiek ë\nask #v Hoe gaat het met je?\n")
    out = tmp_path / "run.jsonl"
    result = gesprek.run("run", script, "-o", out, env=without_libedit)
    assert result.returncode == 0, result.stderr
    assert [event["line"] for event in events_of(out)] == ["note casuïstiek ë", "ask #v Hoe gaat het met je?"]
    verified = gesprek.run("verify", out, env=without_libedit)
    assert verified.returncode == 0, verified.stderr

    piped = tmp_path / "stdin.jsonl"
    result = gesprek.run("--case", "OKT-1", "-o", piped, input="note Dutch ë ï\n", env=without_libedit)
    assert result.returncode == 0, result.stderr
    assert [event["line"] for event in events_of(piped)] == ["note Dutch ë ï"]
    assert "regeleditor" not in result.stderr


def test_replay_on_a_terminal_needs_no_libedit(gesprek, without_libedit):
    child = spawn(gesprek, ["replay", str(SAMPLE), "--speed", "1000"], False, without_libedit)
    screen = ended(child)
    assert child.exitstatus == 0, screen
    assert "regeleditor" not in screen
    assert "Noor kijkt steeds naar haar moeder" in screen
