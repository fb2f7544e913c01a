"""Records that hold up against hostile input (issue 11, D–F): outputs that
cannot attack their readers (spreadsheet formulas, terminal escapes, NUL,
bidirectional overrides), files and folders that are not what they seem
(FIFOs, devices, oversized lines, folders others can change, a repair that
races another writer), and a passphrase and settings that fail closed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pexpect
import pytest

from crash import SEAL, check_chain
from support import EX_CANTCREAT, EX_DATAERR, EX_NOINPUT, EX_OK, Gesprek, base_env, write_script

EX_USAGE = 64
EX_TEMPFAIL = 75
EX_CONFIG = 78

# The script's placeholders, each replaced in the transcript by a payload (as JSON text).
SCRIPT = """\
session case=CASEX advisor=ADVX
participant PARTX role=moeder
ask #v QASK
say PARTX QSAY
note #c QNOTE
network add NETX role=buur influence=+
score gezin.v1 3 QSCORE
mark LABELX
"""
PAYLOADS = {
    # JSON escapes (a raw control character would not be JSON) and raw UTF-8 where JSON allows it.
    b"CASEX": rb"OKT\u001b]0;PWNED\u0007\u001b[2J",
    b"ADVX": "Sanne\u202eknaB".encode(),
    b"PARTX": "Lisa\u2066".encode(),
    b"QASK": rb"Hoe\u0000gaat het?",
    b"QSAY": rb'=HYPERLINK(\"http://x\")',
    b"QNOTE": rb"\u001b[2J\u001b[31mrood\u009b1m\u007f",
    b"NETX": b"=cmd|'/c calc'!A1",
    b"QSCORE": b"@SUM(1+1)",
    b"LABELX": b"+einde",
}
# What must never reach a reader raw: ESC, BEL, NUL, DEL, C1 (U+009B), the bidi override and isolate.
RAW = [b"\x1b", b"\x07", b"\x00", b"\x7f", "\u009b".encode(), "\u202e".encode(), "\u2066".encode()]


def reseal(lines: list[bytes]) -> list[bytes]:
    """The lines sealed again as gesprek would, so that the file is a valid chained transcript."""
    previous, sealed = b"", []
    for line in lines:
        body = SEAL.match(line)[1]
        digest = hashlib.sha256(previous + body + b"}").digest()
        sealed.append(body + b',"hash":"' + digest.hex().encode() + b'"}')
        previous = digest
    return sealed


@pytest.fixture
def hostile(gesprek: Gesprek, tmp_path: Path) -> Path:
    """A chained transcript whose text holds every payload, as a hand-edited one could."""
    made = tmp_path / "gemaakt.jsonl"
    result = gesprek.run("run", write_script(tmp_path / "s.gesprek", SCRIPT), "-o", made)
    assert result.returncode == EX_OK, result.stderr
    data = made.read_bytes()
    for placeholder, payload in PAYLOADS.items():
        data = data.replace(placeholder, payload)
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in reseal(data.split(b"\n")[:-1])))
    check_chain(path.read_bytes())
    assert gesprek.run("verify", path).returncode == EX_OK
    return path


def assert_no_raw(output: bytes, what: str):
    for raw in RAW:
        assert raw not in output, f"{what}: {raw!r} reaches the reader raw"


FORMATS = ["md", "html", "csv", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_no_export_format_carries_a_control_character_or_bidi_override(hostile, gesprek: Gesprek, fmt, colour):
    env = {"TERM": "xterm-256color"} if colour else {"TERM": "xterm-256color", "NO_COLOR": "1"}
    result = gesprek.run("export", hostile, "--format", fmt, env=env)
    assert result.returncode == EX_OK, result.stderr
    assert_no_raw(result.raw_stdout, f"export --format {fmt}")
    assert_no_raw(result.raw_stderr, f"export --format {fmt} (stderr)")
    # The characters are shown, escaped, not dropped.
    shown = json.loads(result.stdout) if fmt == "json" else result.stdout
    assert "\\u{1B}" in (json.dumps(shown, ensure_ascii=False) if fmt == "json" else shown)
    assert "\\u{202E}" in result.stdout or fmt not in ("md", "html")


def test_the_cast_export_keeps_its_own_colours_but_not_the_transcripts_escapes(hostile, gesprek: Gesprek):
    result = gesprek.run("export", hostile, "--format", "cast")
    assert result.returncode == EX_OK, result.stderr
    lines = result.stdout.splitlines()
    played = "".join(json.loads(line)[2] for line in lines[1:])
    for raw in ["\x1b[2J", "\x1b]0;", "\x07", "\x00", "\x7f", "\u009b", "\u202e", "\u2066"]:
        assert raw not in played, f"the cast plays {raw!r}"
    assert "\\u{1B}[2J" in played


def test_the_csv_neutralises_formulas_and_still_parses(hostile, gesprek: Gesprek):
    events = gesprek.run("export", hostile, "--format", "csv")
    scores = gesprek.run("export", hostile, "--format", "csv", "--table", "scores")
    for result in (events, scores):
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout, "csv")
    rows = list(csv.DictReader(io.StringIO(events.stdout, newline="")))
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["say"]["text"] == "'=HYPERLINK(\"http://x\")"
    assert by_kind["network.add"]["who"] == "'=cmd|'/c calc'!A1"
    assert by_kind["score"]["text"] == "'@SUM(1+1)"
    assert by_kind["mark"]["label"] == "'+einde"
    # Numbers stay numbers.
    assert by_kind["score"]["value"] == "3" and by_kind["score"]["seq"].isdigit()
    for row in rows + list(csv.DictReader(io.StringIO(scores.stdout, newline=""))):
        for column, cell in row.items():
            assert not re.match(r"[=+@\t\r]|-(?![0-9.]+$)", cell or ""), f"{column}: {cell!r} would be a formula"
    score_rows = list(csv.DictReader(io.StringIO(scores.stdout, newline="")))
    assert [r["note"] for r in score_rows if r["item"] == "gezin.v1"] == ["'@SUM(1+1)"]


@pytest.mark.parametrize("args", [["summary"], ["summary", "--format", "md"], ["summary", "--format", "json"],
                                  ["replay", "--speed", "1000"], ["verify"]])
def test_summary_replay_and_verify_show_the_transcript_without_raw_controls(hostile, gesprek: Gesprek, args):
    for env in ({"TERM": "xterm-256color"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}):
        result = gesprek.run(args[0], hostile, *args[1:], env=env)
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout + result.raw_stderr, " ".join(args))


def test_a_caseload_row_shows_the_case_reference_escaped(hostile, gesprek: Gesprek, tmp_path: Path):
    other = tmp_path / "tweede.jsonl"
    other.write_bytes(hostile.read_bytes())
    for fmt in ("text", "md", "json"):
        result = gesprek.run("summary", hostile, other, "--format", fmt)
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout + result.raw_stderr, f"caseload {fmt}")
        assert "OKT\\u{1B}]0;" in (result.stdout if fmt != "json" else json.loads(result.stdout)["transcripts"][0]["caseReference"])


def test_a_file_name_with_an_escape_is_shown_escaped(hostile, gesprek: Gesprek, tmp_path: Path):
    odd = tmp_path / "a\x1b[2Jb.jsonl"
    odd.write_bytes(hostile.read_bytes())
    for args in (["verify", odd], ["summary", odd, hostile]):
        result = gesprek.run(*args)
        assert result.returncode == EX_OK, result.stderr
        assert b"\x1b" not in result.raw_stdout + result.raw_stderr
        assert "a\\u{1B}[2Jb.jsonl" in result.stdout


@pytest.mark.parametrize("option", ["--case", "--advisor", "--participant"])
def test_an_option_with_a_control_character_is_refused(gesprek: Gesprek, tmp_path: Path, option):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, option, "OKT\x1b]0;PWNED\x07\x1b[2J", input="ask #v Hoe gaat het?\n")
    assert result.returncode == EX_USAGE
    assert f"{option}:4: onzichtbaar stuurteken U+001B" in result.stderr
    assert "tip:" in result.stderr
    assert b"\x1b" not in result.raw_stderr and "PWNED" not in result.stderr
    assert not out.exists()


def test_an_option_with_a_bidi_override_is_refused_in_english_too(gesprek: Gesprek, tmp_path: Path):
    result = gesprek.run("--lang", "en", "run", "-", "-o", tmp_path / "t.jsonl", "--advisor", "Sanne\u202eknaB", input="")
    assert result.returncode == EX_USAGE
    assert "--advisor:6: invisible control character U+202E" in result.stderr


def test_a_typed_line_with_a_bidi_override_is_refused(gesprek: Gesprek, tmp_path: Path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--keep-going",
                         input="participant Lisa\u202e role=moeder\nask #v Hoe gaat het?\n")
    assert result.returncode == EX_DATAERR
    assert "stdin:1:17: fout: onzichtbaar stuurteken U+202E in de regel" in result.stderr
    assert [json.loads(line)["kind"] for line in out.read_text().splitlines()[1:]] == ["ask"]
