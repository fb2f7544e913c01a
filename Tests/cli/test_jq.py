"""A transcript is plain JSON Lines: the usual jq one-liners answer questions
about a session."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support import EX_OK, SCRIPTS, write_script

JQ = shutil.which("jq") or "/usr/bin/jq"
pytestmark = pytest.mark.skipif(not Path(JQ).exists(), reason="jq is not installed")

SCRIPT = """\
session case=JQ-1
ask #v Hoe gaat het met jullie?
say Ellen #v #kwetsbaarheid Overleven.
score gezin.v1 3 Beide verhalen gehoord.
score gezin.s1 0
note #c #m #kracht Heeft zelf een huis gevonden.
network add Sophie role=vriendin influence=+ support=gezelschap stays=yes contact=dagelijks #kracht
network add Marco role=vader influence=- distance=yes
score motivationeel 4
note #soc #competence Vraagt de buurvrouw om hulp.
mark einde
"""
SCORES = [3, 0, 4]
# Per dimension, the events that carry it (a score counts for its item's dimension, network lines for sociaal).
DIMENSION_COUNTS = {"vertrekpunt": 3, "competentioneel": 2, "sociaal": 4, "motivationeel": 2}
KIND_COUNTS = {"session": 1, "ask": 1, "say": 1, "score": 3, "note": 2, "network.add": 2, "mark": 1}


def jq(*args: str, path: Path) -> str:
    result = subprocess.run([JQ, *args, str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def transcript(gesprek, tmp_path) -> Path:
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", write_script(tmp_path / "jq.gesprek", SCRIPT), "-o", out)
    assert result.returncode == EX_OK, result.stderr
    return out


def test_jq_selects_score_values(transcript):
    assert jq("-c", 'select(.kind=="score") | .value', path=transcript).split() == [str(v) for v in SCORES]


def test_jq_selects_score_targets_and_labels(transcript):
    out = jq("-r", 'select(.kind=="score") | "\\(.target)=\\(.label)"', path=transcript)
    assert out.splitlines() == ["gezin.v1=tevreden", "gezin.s1=zeer ontevreden", "motivationeel=zeer tevreden"]


def test_jq_slurp_counts_events_per_dimension(transcript):
    out = jq("-s", "-c", "[.[] | .dimensions? // empty | .[]] | group_by(.) | map({(.[0]): length}) | add",
             path=transcript)
    assert json.loads(out) == DIMENSION_COUNTS


def test_jq_slurp_counts_events_per_kind(transcript):
    # The events: the lines with a seq (not the header, not the closing record).
    out = jq("-s", "-c", "[.[] | select(.seq) | .kind] | group_by(.) | map({(.[0]): length}) | add", path=transcript)
    assert json.loads(out) == KIND_COUNTS


def test_jq_finds_strengths_and_the_network(transcript):
    strengths = jq("-r", 'select(.tags? and (.tags | index("kracht"))) | .lineNumber', path=transcript)
    assert strengths.split() == ["6", "7"]
    network = jq("-c", 'select(.kind=="network.add") | [.name, .influence, .stays]', path=transcript)
    assert network.splitlines() == ['["Sophie","+",true]', '["Marco","-",null]']


def test_jq_reads_the_header(transcript):
    header = jq("-c", 'select(.format) | [.version, .language, (.tool | test("^gesprek [0-9]"))]', path=transcript)
    assert header.strip() == '[3,"nl",true]'


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_jq_scores_match_the_script(script, gesprek, tmp_path):
    """Every `score` line of a script is in its transcript with its target and value, in order."""
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", script, "-o", out)
    assert result.returncode == EX_OK, result.stderr
    expected = [[m[1], int(m[2])] for m in re.finditer(r"(?m)^\s*score\s+(\S+)\s+(\d+)", script.read_text("utf-8"))]
    assert expected, f"{script.name} has no scores"
    got = [json.loads(line) for line in jq("-c", 'select(.kind=="score") | [.target, .value]', path=out).splitlines()]
    assert got == expected
