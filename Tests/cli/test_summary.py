"""`gesprek summary`: its figures agree with an independent count by jq, and
it streams a row per transcript with a total."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from support import EX_DATAERR, EX_NOINPUT, EX_OK, SAMPLES

# Events per dimension, retracted events and undo lines left out, counted by jq.
JQ_COUNTS = r"""
[inputs] | .[1:] as $events
| ([$events[] | select(.kind == "undo") | .retracts]) as $retracted
| [$events[] | select(.kind != "undo" and .kind != "mark" and .kind != "session" and .kind != "participant")
             | select(.seq as $s | $retracted | index($s) | not) | .dimensions[]]
| group_by(.) | map({(.[0]): length}) | add
"""


def jq_counts(path) -> dict:
    out = subprocess.run(["jq", "-n", JQ_COUNTS, str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_counts_per_dimension_agree_with_jq(gesprek, sample):
    result = gesprek.run("summary", sample, sample, "--format", "json")
    assert result.returncode == EX_OK, result.stderr
    summary = json.loads(result.stdout)
    expected = jq_counts(sample)
    for row in summary["transcripts"]:
        assert {k: v for k, v in row["dimensions"].items() if v} == expected
    assert summary["total"]["transcripts"] == 2
    assert summary["total"]["dimensions"]["sociaal"] == 2 * expected.get("sociaal", 0)


def test_one_transcript_in_full(gesprek):
    sample = next(p for p in SAMPLES if p.name == "netwerk-na-scheiding.jsonl")
    result = gesprek.run("summary", sample, "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    out = result.stdout
    # Counted by hand from Scripts/netwerk-na-scheiding.gesprek.
    assert "motivationeel    0 questions, 1 note, 0 quotes, 0 scores" in out
    assert "- motivationeel: no questions asked" in out
    assert "gezin · Motivationele dimensie: Samen zoeken naar oplossingen: no items scored" in out
    assert "Totaal per antwoordcategorie: 0: 0  1: 0  2: 1  3: 4  4: 2" in out
    assert "Dragging down: Marco, Familie van Marco" in out
    assert "Stays after the help: Oma Ria, Sophie" in out


def test_rows_and_a_total_in_every_format(gesprek):
    text = gesprek.run("summary", *SAMPLES).stdout.splitlines()
    assert len(text) == len(SAMPLES) + 2                     # header, a row each, the total
    assert text[-1].startswith(f"totaal ({len(SAMPLES)} transcripten)")
    md = gesprek.run("summary", *SAMPLES, "--format", "md").stdout.splitlines()
    assert md[0].startswith("| transcript |") and md[-1].startswith("| **totaal")
    data = json.loads(gesprek.run("summary", *SAMPLES, "--format", "json").stdout)
    assert [row["transcript"] for row in data["transcripts"]] == [p.name for p in SAMPLES]
    assert data["total"]["events"] == sum(row["events"] for row in data["transcripts"])


def test_bad_files_are_reported_and_the_rest_summarised(gesprek, tmp_path):
    not_a_transcript = tmp_path / "notitie.txt"
    not_a_transcript.write_text("boodschappen\n", encoding="utf-8")
    result = gesprek.run("summary", SAMPLES[0], not_a_transcript)
    assert result.returncode == EX_DATAERR
    assert "notitie.txt: dit is geen gesprek-transcript" in result.stderr
    assert SAMPLES[0].name in result.stdout
    assert gesprek.run("summary", SAMPLES[0], tmp_path / "weg.jsonl").returncode == EX_NOINPUT


def test_a_cut_last_line_is_read_with_a_warning(gesprek, tmp_path):
    cut = tmp_path / "cut.jsonl"
    data = SAMPLES[0].read_bytes()
    cut.write_bytes(data[: len(data) - 30])
    result = gesprek.run("summary", cut, "--lang", "en")
    assert result.returncode == EX_OK
    assert "warning: the last line" in result.stderr and "was cut off" in result.stderr


def test_no_progress_bar_without_a_terminal(gesprek):
    result = gesprek.run("summary", *SAMPLES, *SAMPLES)
    assert "\r" not in result.stderr and "\x1b" not in result.stderr + result.stdout


def test_a_progress_bar_on_a_terminal(gesprek_bin, tmp_path):
    import pexpect
    from support import base_env
    child = pexpect.spawn(str(gesprek_bin), ["summary", *map(str, SAMPLES * 20)], env=base_env(tmp_path),
                          encoding="utf-8", timeout=20)
    child.expect_exact(f"] 0/{len(SAMPLES) * 20}")     # the bar, drawn on stderr (the same terminal here)
    child.expect(pexpect.EOF)
    assert "totaal (60 transcripten)" in child.before
