"""A script file's transcript is signed at checkpoints (issue 11, part H):
the header, every 1,000th event and the closing record carry `sig`; live
input still signs every line. What `verify` and `repair` say of each: closed
(intact and closed), interrupted (intact but not closed, the unsigned tail
named, Dutch and English), a signature stripped where one belongs (forged),
a live transcript with an unsigned line (forged), and repair of an
interrupted run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support import EX_DATAERR, EX_OK, Gesprek, events_of, write_script

LINES = 2_500
SIG = re.compile(rb',"sig":"[0-9a-f]{128}"')
NOT_SIGNED_NL = "de laatste 500 regels zijn niet ondertekend (een scriptrun ondertekent elke 1000 regels)"
NOT_SIGNED_EN = "the last 500 lines are not signed (a script run signs every 1000 lines)"


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def save(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def strip_signature(line: bytes) -> bytes:
    stripped = SIG.sub(b"", line)
    assert stripped != line, "the line had a signature"
    return stripped


@pytest.fixture(scope="module")
def home(tmp_path_factory, gesprek_bin: Path) -> Gesprek:
    """gesprek in one home for the module: its key signs the script run, and verify trusts it."""
    return Gesprek(gesprek_bin, tmp_path_factory.mktemp("checkpoints"))


@pytest.fixture(scope="module")
def script_run(home: Gesprek) -> Path:
    """A run of a 2,500-line script file, closed normally."""
    script = write_script(home.root / "lang.gesprek", "".join(f"note #v Regel {n}.\n" for n in range(1, LINES + 1)))
    out = home.root / "t.jsonl"
    result = home.run("run", script, "-o", out)
    assert result.returncode == EX_OK, result.stderr
    return out


def verify(home: Gesprek, path: Path, *args: str):
    return home.run("verify", path, *args)


def test_a_script_run_signs_the_header_every_thousandth_event_and_the_closing_record(home: Gesprek, script_run: Path):
    lines = lines_of(script_run)
    assert len(lines) == LINES + 2
    header = json.loads(lines[0])
    assert header["checkpoints"] == 1000
    signed = [n for n, line in enumerate(lines) if SIG.search(line)]
    assert signed == [0, 1000, 2000, LINES + 1], "the header, seq 1000 and 2000, and the closing record"
    result = verify(home, script_run)
    assert result.returncode == EX_OK, result.stderr
    assert f"intact en afgesloten: {LINES} gebeurtenissen" in result.stdout
    assert "niet ondertekend" not in result.stdout
    assert home.run("verify", "--strict", script_run).returncode == EX_OK


def test_live_input_signs_every_line(home: Gesprek, tmp_path: Path):
    out = tmp_path / "live.jsonl"
    result = home.run("run", "-", "-o", out, input="note #v Een.\nnote #v Twee.\n")
    assert result.returncode == EX_OK, result.stderr
    lines = lines_of(out)
    assert all(SIG.search(line) for line in lines)
    assert "checkpoints" not in json.loads(lines[0])


def test_an_interrupted_run_is_intact_but_not_closed_with_its_unsigned_tail_named(
        home: Gesprek, script_run: Path, tmp_path: Path):
    cut = save(tmp_path / "onderbroken.jsonl", lines_of(script_run)[:-1])
    dutch = verify(home, cut)
    assert dutch.returncode == EX_OK, dutch.stderr
    assert "intact maar NIET AFGESLOTEN: de sessie is onderbroken (of het einde is eraf); 2500 gebeurtenissen" in dutch.stdout
    assert NOT_SIGNED_NL in dutch.stdout
    assert "vervalst" not in dutch.stdout and "NIET INTACT" not in dutch.stdout
    english = verify(home, cut, "--lang", "en")
    assert "intact but NOT CLOSED" in english.stdout and NOT_SIGNED_EN in english.stdout
    assert home.run("verify", "--strict", cut).returncode == EX_DATAERR
    # The readers take every event, signed or not.
    assert len(events_of(cut)) == LINES
    summary = home.run("summary", cut)
    assert summary.returncode == EX_OK, summary.stderr
    # Cut right after a checkpoint, nothing is unsigned.
    at_checkpoint = save(tmp_path / "bij-controlepunt.jsonl", lines_of(script_run)[:2001])
    result = verify(home, at_checkpoint)
    assert "intact maar NIET AFGESLOTEN" in result.stdout and "2000 gebeurtenissen" in result.stdout
    assert "niet ondertekend" not in result.stdout


def test_a_closing_record_without_its_signature_is_forged(home: Gesprek, script_run: Path, tmp_path: Path):
    lines = lines_of(script_run)
    lines[-1] = strip_signature(lines[-1])
    result = verify(home, save(tmp_path / "zonder.jsonl", lines))
    assert result.returncode == EX_DATAERR
    assert f"NIET INTACT: vervalst: de keten klopt, maar seq {LINES + 1} (regel {LINES + 2}) heeft geen geldige handtekening" \
        in result.stdout
    assert "afgesloten" not in result.stdout.replace("NIET AFGESLOTEN", "")


def test_a_checkpoint_without_its_signature_is_forged(home: Gesprek, script_run: Path, tmp_path: Path):
    lines = lines_of(script_run)
    lines[1000] = strip_signature(lines[1000])
    result = verify(home, save(tmp_path / "controlepunt.jsonl", lines), "--lang", "en")
    assert result.returncode == EX_DATAERR
    assert "NOT INTACT: forged: the chain holds, but seq 1000 (line 1001) has no valid signature" in result.stdout


def test_a_live_transcript_with_an_unsigned_line_is_forged(home: Gesprek, tmp_path: Path):
    out = tmp_path / "live.jsonl"
    assert home.run("run", "-", "-o", out, input="note #v Een.\nnote #v Twee.\n").returncode == EX_OK
    lines = lines_of(out)[:-1]  # interrupted, as a crash leaves it
    lines[2] = strip_signature(lines[2])
    result = verify(home, save(tmp_path / "live-zonder.jsonl", lines))
    assert result.returncode == EX_DATAERR
    assert "NIET INTACT: vervalst" in result.stdout and "seq 2 (regel 3)" in result.stdout


def test_repair_closes_an_interrupted_run_and_names_what_only_it_vouches_for(
        home: Gesprek, script_run: Path, tmp_path: Path):
    cut = save(tmp_path / "herstel.jsonl", lines_of(script_run)[:-1])
    repaired = home.run("repair", cut)
    assert repaired.returncode == EX_OK, repaired.stderr
    assert "afgesloten als HERSTELD na een onderbreking (2500 gebeurtenissen" in repaired.stderr
    assert "De laatste 500 regels waren nog niet ondertekend" in repaired.stderr
    result = verify(home, cut, "--lang", "en")
    assert result.returncode == EX_OK
    assert "intact, RECOVERED after an interruption" in result.stdout
    assert "the last 500 lines are not signed by the writer, only by the recovery" in result.stdout
