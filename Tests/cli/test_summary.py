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
[inputs | select(.seq)] as $events
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
    assert "Total per answer category: 0: 0  1: 0  2: 1  3: 4  4: 2" in out
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


def test_a_folder_gives_a_row_per_transcript_in_it(gesprek, tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    (folder / "notities.txt").write_text("geen transcript\n", encoding="utf-8")      # not *.jsonl: left out
    (folder / ".verborgen.jsonl").write_text("geen transcript\n", encoding="utf-8")  # hidden: left out
    result = gesprek.run("summary", folder, "--format", "json")
    assert result.returncode == EX_OK, result.stderr
    data = json.loads(result.stdout)
    assert [row["transcript"] for row in data["transcripts"]] == sorted(p.name for p in SAMPLES)
    # The same rows as naming the files one by one.
    by_name = json.loads(gesprek.run("summary", *sorted(folder.glob("*.jsonl")), "--format", "json").stdout)
    assert data == by_name


def test_a_list_of_paths_from_a_file_or_stdin(gesprek, tmp_path):
    listing = tmp_path / "lijst.txt"
    listing.write_text("".join(f"{p}\n" for p in reversed(SAMPLES)) + "\n", encoding="utf-8")
    from_file = gesprek.run("summary", "--files-from", listing, "--format", "json")
    assert from_file.returncode == EX_OK, from_file.stderr
    assert [row["transcript"] for row in json.loads(from_file.stdout)["transcripts"]] == [p.name for p in reversed(SAMPLES)]
    from_stdin = gesprek.run("summary", "--files-from", "-", "--format", "json", input="\r\n".join(map(str, SAMPLES)))
    assert [row["transcript"] for row in json.loads(from_stdin.stdout)["transcripts"]] == [p.name for p in SAMPLES]
    # A list of one is still a caseload: a row and a total.
    one = gesprek.run("summary", "--files-from", "-", input=f"{SAMPLES[0]}\n")
    assert one.stdout.splitlines()[-1].startswith("totaal (1 transcripten)")


def test_paths_and_options_mix_in_any_order(gesprek):
    result = gesprek.run("summary", SAMPLES[0], "--format", "json", SAMPLES[1], "--lang", "en", "--", SAMPLES[2])
    assert result.returncode == EX_OK, result.stderr
    assert [row["transcript"] for row in json.loads(result.stdout)["transcripts"]] == [p.name for p in SAMPLES[:3]]


def test_every_option_with_a_value_keeps_its_value(gesprek):
    """`gesprek` hands summary's paths on itself; it must know every option that takes a value."""
    info = json.loads(gesprek.run("summary", "--experimental-dump-help").stdout)
    options = [arg for arg in info["command"]["arguments"] if arg["kind"] == "option"]
    assert options
    for option in options:
        name = "--" + next(n["name"] for n in option["names"] if n["kind"] == "long")
        result = gesprek.run("summary", SAMPLES[0], name, "waarde", SAMPLES[1])
        assert "Missing value" not in result.stderr and "waarde" in result.stderr, (name, result.stderr)


def test_folders_and_lists_that_cannot_be_read(gesprek, tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = gesprek.run("summary", empty, SAMPLES[0])
    assert result.returncode == EX_NOINPUT
    assert "bevat geen transcripten" in result.stderr and SAMPLES[0].name in result.stdout
    missing_list = gesprek.run("summary", "--files-from", tmp_path / "weg.txt", "--lang", "en")
    assert missing_list.returncode == EX_NOINPUT and "cannot read the list" in missing_list.stderr
    nothing = gesprek.run("summary")
    assert nothing.returncode == 64


def test_many_paths_with_trouble_among_them(gesprek, tmp_path):
    """The rows come in the order given; a bad file is reported where it stands and the rest summarised."""
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(SAMPLES[0].read_bytes()[:-30])
    bad = tmp_path / "notitie.jsonl"
    bad.write_text("boodschappen\n", encoding="utf-8")
    paths = [*SAMPLES * 40, cut, bad, tmp_path / "weg.jsonl", *SAMPLES * 40]
    result = gesprek.run("summary", *paths, "--format", "json")
    assert result.returncode == EX_NOINPUT
    rows = json.loads(result.stdout)["transcripts"]
    assert [row["transcript"] for row in rows] == [p.name for p in paths if p.name not in ("notitie.jsonl", "weg.jsonl")]
    assert "afgebroken" in result.stderr and "notitie.jsonl: dit is geen gesprek-transcript" in result.stderr
    assert str(tmp_path / "weg.jsonl") + " bestaat niet" in result.stderr
