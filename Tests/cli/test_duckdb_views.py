"""The DuckDB views over a folder of transcripts (Transcripts/views.duckdb.sql,
docs/analysis.md) give what `gesprek summary --format json` gives: for the
caseload (`gesprek summary DIR`) every row and the total, and for each
transcript its coverage per dimension, its gaps, its latest scores, the totals
per answer category and the sections of its questionnaires, and its network.
Checked on the samples, on a transcript with every edge of the counting
(retracted scores and network changes, a member removed and added again,
questionnaires other than gezin, untagged events, a host command), on 1,000
generated transcripts (the bench's generator), and on the path for encrypted
transcripts: encrypted → `gesprek export --format jsonl --anonymize` → the views.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from analysis_views import (EDGES_SCRIPT, SECRET, comparable_caseload, edges_folder, generated, run_script,
                            summaries_of, summary_json, view_caseload, view_summaries)
from support import REPO, SAMPLES, SCRIPTS

VIEWS = REPO / "Transcripts" / "views.duckdb.sql"


def views(transcripts: Path):
    """The views over the `*.jsonl` in a folder, in a database of their own: `query(sql)` gives the rows as dicts."""
    con = duckdb.connect()
    glob = str(transcripts / "*.jsonl").replace("'", "''")
    con.execute(f"SET VARIABLE gesprek_transcripts = '{glob}'")
    con.execute(VIEWS.read_text(encoding="utf-8"))

    def query(sql: str) -> list[dict]:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    return query


def test_the_views_give_the_caseload_summary_of_the_samples_and_every_edge(gesprek, tmp_path):
    folder = edges_folder(gesprek, tmp_path)
    query = views(folder)
    assert comparable_caseload(view_caseload(query)) == comparable_caseload(summary_json(gesprek, folder))
    # What the edges are there for: they must count.
    (edges,) = query("SELECT * FROM gesprek_transcripts WHERE transcript = 'randgevallen.jsonl'")
    assert edges["retracted"] == 4 and edges["case"] == "RAND-1" and edges["advisor"] == "Joke Smit"
    assert edges["untagged"] == 1 and edges["closed"] == "normal" and edges["network"] == 3
    (host,) = query("SELECT * FROM gesprek_transcripts WHERE transcript = 'met-host.jsonl'")
    (plain,) = query("SELECT * FROM gesprek_transcripts WHERE transcript = 'alle-soorten.jsonl'")
    assert host["motivationeel"] == plain["motivationeel"] + 1


def test_the_views_give_each_transcripts_own_summary(gesprek, tmp_path):
    folder = edges_folder(gesprek, tmp_path)
    files = sorted(folder.glob("*.jsonl"))
    expected = summaries_of(gesprek, files)
    got = view_summaries(views(folder))
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], name
    edges = got["randgevallen.jsonl"]
    assert [q["id"] for q in edges["questionnaires"]] == ["gezin", "professional", "organisatie"]
    assert edges["questionnaires"][2]["totalsPerCategory"] == [2, 0, 0, 0, 0]
    assert {s["target"]: s["value"] for s in edges["scores"]}["gezin.v1"] == 3
    assert [m["name"] for m in edges["network"]] == ["Oma", "buurman", "Tante"]


def test_one_row_per_transcript_holds_its_header(gesprek, tmp_path):
    folder = edges_folder(gesprek, tmp_path)
    query = views(folder)
    rows = {r["transcript"]: r for r in query("SELECT * FROM gesprek_transcripts")}
    assert sorted(rows) == sorted(f.name for f in folder.glob("*.jsonl"))
    for sample in SAMPLES:
        lines = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
        row = rows[sample.name]
        assert (row["session"], row["started"], row["file"], row["signer"]) == (
            lines[0]["session"], lines[0]["started"], lines[0]["file"], lines[0]["signer"])
        assert row["last_time"] == [line for line in lines if "seq" in line][-1]["time"]
    # Events that were taken back are in gesprek_all_events, marked, and not in gesprek_events.
    (counts,) = query("""SELECT count(*) FILTER (retracted) AS retracted, count(*) FILTER (kind = 'undo') AS undos
                              FROM gesprek_all_events WHERE transcript = 'randgevallen.jsonl'""")
    assert counts == {"retracted": 4, "undos": 4}
    assert query("SELECT count(*) AS n FROM gesprek_events WHERE kind = 'undo'") == [{"n": 0}]


@pytest.fixture(scope="module")
def thousand(gesprek_bin: Path) -> Path:
    """1,000 transcripts of the bench's generator."""
    bench = gesprek_bin.parent / "gesprek-bench"
    if not os.access(bench, os.X_OK):
        pytest.fail(f"{bench} not found: run `swift build`", pytrace=False)
    return generated(bench, 1000)


def test_the_views_give_the_summary_of_1000_generated_transcripts(gesprek, thousand):
    query = views(thousand)
    caseload = summary_json(gesprek, thousand)
    assert len(caseload["transcripts"]) == 1000
    assert comparable_caseload(view_caseload(query)) == comparable_caseload(caseload)
    assert sum(r["retracted"] for r in caseload["transcripts"]) > 0
    # Each one's own summary too (the totals per answer category, the unscored sections, first and
    # last per dimension, the network), on every 20th: one `gesprek summary FILE` each, checking
    # every signature, is 0.15 s of a debug build, too long for all 1,000 in CI.
    files = sorted(thousand.glob("*.jsonl"))[::20]
    expected = summaries_of(gesprek, files)
    got = view_summaries(query)
    for name in expected:
        assert got[name] == expected[name], name
    assert len(got) == 1000


def test_encrypted_transcripts_reach_the_views_through_an_anonymized_export(gesprek, tmp_path):
    env = {"GESPREK_PASSPHRASE": SECRET}
    encrypted = tmp_path / "versleuteld"
    encrypted.mkdir(mode=0o700)
    for script in SCRIPTS[:1]:  # a sample and the edges: each command derives the key (scrypt), slow in a debug build
        run_script(gesprek, script.read_text(encoding="utf-8"), encrypted / (script.stem + ".jsonl"), "--encrypt", env=env)
    run_script(gesprek, EDGES_SCRIPT, encrypted / "randgevallen.jsonl", "--encrypt", env=env)
    for f in encrypted.iterdir():
        assert json.loads(f.read_text(encoding="utf-8").splitlines()[0])["format"] == "gesprek-transcript-encrypted"
    # The views cannot read an encrypted transcript, and say so rather than count nothing.
    with pytest.raises(duckdb.InvalidInputException, match="Malformed JSON in file .*versleuteld/"):
        views(encrypted)("SELECT count(*) AS n FROM gesprek_transcripts")

    analysis = tmp_path / "analyse"
    analysis.mkdir(mode=0o700)
    for f in sorted(encrypted.iterdir()):
        result = gesprek.run("export", f, "--format", "jsonl", "--anonymize", "-o", analysis / f.name, env=env)
        assert result.returncode == 0, result.stderr
        assert (analysis / f.name).stat().st_mode & 0o777 == 0o600
    exported = "".join(f.read_text(encoding="utf-8") for f in analysis.iterdir())
    for name in ["Sanne Bakker", "Lisa", "Joke Smit", "Oma Ria", "RAND-1", "OKT-2026"]:
        assert name not in exported

    query = views(analysis)
    expected = summary_json(gesprek, encrypted, env=env)
    got = view_caseload(query)
    # --anonymize replaces the case reference too; every figure stays.
    for row in expected["transcripts"] + got["transcripts"]:
        row.pop("caseReference", None)
    assert comparable_caseload(got) == comparable_caseload(expected)
    files = sorted(encrypted.iterdir())
    originals = summaries_of(gesprek, files, env=env)
    from_views = view_summaries(query)
    for name, parts in originals.items():
        for key in ["coverage", "gaps", "questionnaires", "recorded", "retracted", "untagged", "duration"]:
            assert from_views[name][key] == parts[key], (name, key)
        # The figures, not the words: a score's note and the members' names are anonymized.
        assert [s | {"text": None} for s in from_views[name]["scores"]] == [s | {"text": None} for s in parts["scores"]]
        assert len(from_views[name]["network"]) == len(parts["network"])
