"""Crash safety: SIGKILL at random moments loses no confirmed line, and
`gesprek repair` mends whatever a cut can leave of the last line.

`./dev soak` runs the same kill test 200 times (see crash.py)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from crash import check_chain, crash_once
from support import EX_OK, Gesprek, mode

KILLS_IN_CI = 10
# The kill moments (and conversations) are new every run; the seed is printed, and GESPREK_CRASH_SEED repeats a run.
SEED = int(os.environ.get("GESPREK_CRASH_SEED") or time.time_ns() % 2**32)


@pytest.mark.parametrize("run", range(KILLS_IN_CI))
def test_sigkill_at_a_random_moment_keeps_every_confirmed_line(run, gesprek_bin: Path, tmp_path: Path):
    print(f"crash seed {SEED} (GESPREK_CRASH_SEED={SEED} repeats it), kill {run + 1}")
    try:
        outcome = crash_once(gesprek_bin, tmp_path, random.Random(SEED * 1000 + run))
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n(crash seed {SEED}, kill {run + 1}: GESPREK_CRASH_SEED={SEED} repeats it)") from None
    assert outcome.recorded >= outcome.confirmed, f"crash seed {SEED}, kill {run + 1}"


@pytest.fixture
def whole(gesprek: Gesprek, tmp_path: Path) -> bytes:
    """A transcript as gesprek writes it, whole."""
    out = tmp_path / "heel.jsonl"
    script = "ask #v Hoe gaat het?\nsay Lisa Het gaat wel, maar ik slaap slecht sinds de scheiding.\nnote #c #kracht Plant alles goed.\n"
    assert gesprek.run("run", "-", "-o", out, input=script).returncode == EX_OK
    return out.read_bytes()


@pytest.fixture
def interrupted(whole: bytes) -> bytes:
    """The same transcript as a crash leaves it: without the closing record of a normal end."""
    assert b'{"close":"normal"' in whole.split(b"\n")[-2]
    return whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1]


def recovered(data: bytes) -> bool:
    """Whether the last line is a closing record that says the session was recovered."""
    return data.split(b"\n")[-2].startswith(b'{"close":"recovered"')


def cut_points(whole: bytes) -> list[int]:
    """Where a crash can cut the last line: every byte of it in CI would be slow, so its edges and a sample."""
    start = whole.rindex(b"\n", 0, len(whole) - 1) + 1
    inside = list(range(start + 1, len(whole) - 1))
    return sorted({start + 1, len(whole) - 2, len(whole) - 1, *random.Random(7).sample(inside, 20)})


def test_repair_mends_a_cut_anywhere_in_the_last_line(interrupted: bytes, gesprek: Gesprek, tmp_path: Path):
    whole = interrupted
    before_last = whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1]
    kept, _ = check_chain(before_last)
    for point in cut_points(whole):
        path = tmp_path / f"cut-{point}.jsonl"
        path.write_bytes(whole[:point])
        verified = gesprek.run("verify", path)
        assert verified.returncode == EX_OK, verified.stdout
        only_newline = point == len(whole) - 1
        assert ("mist alleen zijn regeleinde" if only_newline else "afgebroken laatste regel 4") in verified.stdout
        repaired = gesprek.run("repair", path)
        assert repaired.returncode == EX_OK, repaired.stderr
        backup = path.with_name(path.name + ".bak")
        assert backup.read_bytes() == whole[:point] and mode(backup) == 0o600
        # Then closed as recovered: the confirmed lines as they were, and one closing record.
        assert recovered(path.read_bytes()) and "HERSTELD" in repaired.stderr
        if only_newline:
            assert path.read_bytes().startswith(whole)
            assert "regeleinde toegevoegd" in repaired.stderr
        else:
            objects, rest = check_chain(path.read_bytes())
            assert (objects[:-1], rest) == (kept, b"")
            assert f"afgebroken laatste regel 4 weggehaald ({point - len(before_last)} bytes" in repaired.stderr
            assert "2 gebeurtenissen blijven" in repaired.stderr
        again = gesprek.run("verify", path)
        assert again.returncode == EX_OK and "afgebroken" not in again.stdout and "regeleinde" not in again.stdout


def test_repair_says_nothing_to_repair_and_leaves_a_whole_file_alone(whole: bytes, gesprek: Gesprek, tmp_path: Path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(whole)
    result = gesprek.run("repair", path)
    assert result.returncode == EX_OK
    assert "niets te herstellen" in result.stderr
    assert path.read_bytes() == whole and not path.with_name("t.jsonl.bak").exists()
    english = gesprek.run("repair", path, "--lang", "en")
    assert "nothing to repair" in english.stderr


def test_repair_never_overwrites_a_backup_and_never_echoes_the_content(interrupted: bytes, gesprek: Gesprek, tmp_path: Path):
    whole = interrupted
    path = tmp_path / "t.jsonl"
    path.write_bytes(whole[:-20])
    (tmp_path / "t.jsonl.bak").write_bytes(b"oud\n")
    result = gesprek.run("repair", path, "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    assert (tmp_path / "t.jsonl.bak").read_bytes() == b"oud\n"
    assert (tmp_path / "t.jsonl.bak.2").read_bytes() == whole[:-20]
    assert "cut-off last line 4 trimmed" in result.stderr and "t.jsonl.bak.2" in result.stderr
    for word in ("Plant", "kracht", "Lisa", "slaap"):
        assert word not in result.stderr and word not in result.stdout


def test_repair_refuses_what_is_not_a_transcript(gesprek: Gesprek, tmp_path: Path):
    path = tmp_path / "boodschappen.txt"
    path.write_bytes(b"melk, brood")
    result = gesprek.run("repair", path)
    assert result.returncode == 65
    assert "geen gesprek-transcript" in result.stderr
    assert path.read_bytes() == b"melk, brood" and not path.with_name("boodschappen.txt.bak").exists()
    assert gesprek.run("repair", tmp_path / "nergens.jsonl").returncode == 66


def test_repair_leaves_a_transcript_alone_while_a_session_writes_it(gesprek: Gesprek, tmp_path: Path):
    import pexpect
    from support import base_env
    live = tmp_path / "live.jsonl"
    env = dict(base_env(tmp_path), TERM="xterm-256color", NO_COLOR="1")
    child = pexpect.spawn(str(gesprek.binary), ["-o", str(live)], env=env, encoding="utf-8", timeout=10)
    try:
        child.expect_exact("› ")
        child.send("note Eén regel.\r")
        child.expect_exact("✓")
        before = live.read_bytes()
        result = gesprek.run("repair", live)
        assert result.returncode == 75
        assert "een sessie schrijft nog in dit transcript" in result.stderr
        assert live.read_bytes() == before and not live.with_name("live.jsonl.bak").exists()
    finally:
        child.terminate(force=True)
