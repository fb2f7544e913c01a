"""The Spark SQL views over a folder of transcripts (Transcripts/views.spark.sql,
docs/analysis.md) give what `gesprek summary --format json` gives, checked as the
DuckDB views are (Tests/cli/test_duckdb_views.py): the caseload's rows and total,
and each transcript's coverage, gaps, scores, totals per answer category and
network, on the samples and every edge of the counting, on 1,000 generated
transcripts, and on encrypted transcripts through `gesprek export --format jsonl
--anonymize`. Spark runs in local mode (two cores), as on a cluster but in one
process; `./dev spark` installs Java and pyspark and runs this, not `./dev test`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from analysis_views import (EDGES_SCRIPT, SECRET, comparable_caseload, edges_folder, generated, run_script,
                            summaries_of, summary_json, view_caseload, view_summaries)
from support import REPO, SCRIPTS

VIEWS = REPO / "Transcripts" / "views.spark.sql"


def statements() -> list[str]:
    """The file's statements, as spark.sql() takes them: one at a time, without comments."""
    text = re.sub(r"--[^\n]*", "", VIEWS.read_text(encoding="utf-8"))
    return [s.strip() for s in text.split(";") if s.strip()]


def plain(value):
    """Rows and structs as dicts, arrays as lists."""
    if hasattr(value, "asDict"):
        return {k: plain(v) for k, v in value.asDict().items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def views(spark, folder: Path):
    """The views over the `*.jsonl` in a folder: `query(sql)` gives the rows as dicts."""
    spark.conf.set("gesprek_transcripts", str(folder / "*.jsonl"))
    for statement in statements():
        spark.sql(statement)

    def query(sql: str) -> list[dict]:
        return [plain(row) for row in spark.sql(sql).collect()]
    return query


def test_the_spark_views_give_the_summaries_of_the_samples_and_every_edge(spark, gesprek, tmp_path):
    folder = edges_folder(gesprek, tmp_path)
    query = views(spark, folder)
    assert comparable_caseload(view_caseload(query)) == comparable_caseload(summary_json(gesprek, folder))
    expected = summaries_of(gesprek, sorted(folder.glob("*.jsonl")))
    got = view_summaries(query)
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], name
    assert [m["name"] for m in got["randgevallen.jsonl"]["network"]] == ["Oma", "buurman", "Tante"]


def test_the_spark_views_give_the_summary_of_1000_generated_transcripts(spark, gesprek, gesprek_bin):
    bench = gesprek_bin.parent / "gesprek-bench"
    if not os.access(bench, os.X_OK):
        pytest.fail(f"{bench} not found: run `swift build`", pytrace=False)
    folder = generated(bench, 1000)
    query = views(spark, folder)
    caseload = summary_json(gesprek, folder)
    assert comparable_caseload(view_caseload(query)) == comparable_caseload(caseload)
    expected = summaries_of(gesprek, sorted(folder.glob("*.jsonl"))[::20])
    got = view_summaries(query)
    assert len(got) == 1000
    for name in expected:
        assert got[name] == expected[name], name


def test_encrypted_transcripts_reach_the_spark_views_through_an_anonymized_export(spark, gesprek, tmp_path):
    env = {"GESPREK_PASSPHRASE": SECRET}
    encrypted, analysis = tmp_path / "versleuteld", tmp_path / "analyse"
    encrypted.mkdir(mode=0o700)
    analysis.mkdir(mode=0o700)
    run_script(gesprek, SCRIPTS[0].read_text(encoding="utf-8"), encrypted / "sample.jsonl", "--encrypt", env=env)
    run_script(gesprek, EDGES_SCRIPT, encrypted / "randgevallen.jsonl", "--encrypt", env=env)
    for f in sorted(encrypted.iterdir()):
        result = gesprek.run("export", f, "--format", "jsonl", "--anonymize", "-o", analysis / f.name, env=env)
        assert result.returncode == 0, result.stderr
    expected = summary_json(gesprek, encrypted, env=env)
    got = view_caseload(views(spark, analysis))
    for row in expected["transcripts"] + got["transcripts"]:
        row.pop("caseReference", None)  # anonymized too
    assert comparable_caseload(got) == comparable_caseload(expected)
