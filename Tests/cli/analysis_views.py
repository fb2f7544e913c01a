"""What the tests of the analysis views share (Tests/cli/test_duckdb_views.py, and
Tests/spark/test_spark_views.py run by ./dev spark): the transcripts that test
every edge of the counting, the bench's generator, and `gesprek summary --format
json` beside what the views give, in the same shape. The views are read through
`query(sql) -> list of dicts`, whatever the engine.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from support import ALL_KINDS_SCRIPT, HOST_EVENT_LINE, REPO, SAMPLES, reseal

DIMENSIONS = ["vertrekpunt", "competentioneel", "sociaal", "motivationeel"]
SECRET = "geheim wachtwoord 42"

# Every edge of the counting the command line can write: a score taken back (the one
# before it counts again), scores of all three questionnaires and of a dimension, a
# member removed and added again under another case of its name, a member's removal
# taken back, changes with tags, a case changed and taken back, an untagged note.
EDGES_SCRIPT = """\
session case=RAND-1 advisor="Sanne Bakker"
participant Lisa role=moeder
ask #v Hoe gaat het thuis?
say Lisa #v #kwetsbaarheid Het is zwaar.
note Zonder dimensie.
score gezin.v1 3 Voelt zich gehoord.
score gezin.v1 1 Toch minder.
undo
score gezin.v2 4
score professional.c1 2
score organisatie.m2 0
score organisatie.m1 0
score sociaal 2
score motivationeel 4
undo
network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes contact=wekelijks #kracht
network add Buurman influence== distance=no contact=zelden
network set Oma contact=dagelijks #slaap
network remove Buurman
network add buurman role=buurman
network add Tante influence=-
network remove Tante
undo
network set Tante stays=no support=informatie
network add Coach role=coach
network remove Coach
session case=RAND-2
undo
session advisor="Joke Smit"
mark einde
note #c #m #kracht Plant alles goed.
ask #s Wie helpt er?
"""


def by_dimension(row: dict, prefix: str = "") -> dict:
    return {d: row[prefix + d] for d in sorted(DIMENSIONS)}


def view_caseload(query) -> dict:
    """`gesprek summary DIR --format json` as the views give it."""
    rows = []
    for r in query("SELECT * FROM gesprek_transcripts ORDER BY transcript"):
        row = {"dimensions": by_dimension(r), "duration": r["duration"], "events": r["events"], "network": r["network"],
               "noQuestions": r["no_questions"], "questions": by_dimension(r, "questions_"), "retracted": r["retracted"],
               "scores": r["scores"], "strengths": r["strengths"], "transcript": r["transcript"],
               "untouched": r["untouched"], "vulnerabilities": r["vulnerabilities"]}
        if r["case"] is not None:
            row["caseReference"] = r["case"]
        rows.append(row)
    (t,) = query("SELECT * FROM gesprek_total")
    total = {"dimensions": by_dimension(t), "duration": t["duration"], "events": t["events"], "network": t["network"],
             "noQuestions": by_dimension(t, "no_questions_"), "questions": by_dimension(t, "questions_"),
             "retracted": t["retracted"], "scores": t["scores"], "strengths": t["strengths"],
             "transcripts": t["transcripts"], "untouched": by_dimension(t, "untouched_"),
             "vulnerabilities": t["vulnerabilities"]}
    return {"transcripts": rows, "total": total}


def comparable_caseload(caseload: dict) -> dict:
    """The caseload with the total's duration rounded: a sum of doubles depends on the order it is added in."""
    total = dict(caseload["total"], duration=round(caseload["total"]["duration"], 6))
    return {"transcripts": caseload["transcripts"], "total": total}


def view_summaries(query) -> dict[str, dict]:
    """Per transcript, the parts of `gesprek summary FILE --format json` that the views give."""
    out: dict[str, dict] = {}
    for r in query("SELECT * FROM gesprek_transcripts"):
        out[r["transcript"]] = {
            "case": r["case"], "advisor": r["advisor"], "recorded": r["events"], "retracted": r["retracted"],
            "untagged": r["untagged"], "duration": r["duration"], "coverage": {}, "gaps": [], "scores": [],
            "questionnaires": [], "network": []}
    for c in query("SELECT * FROM gesprek_coverage"):
        out[c["transcript"]]["coverage"][c["dimension"]] = {
            k: c[k] for k in ["touched", "events", "questions", "notes", "quotes", "scores", "network", "first", "last"]}
    for g in query("SELECT * FROM gesprek_gaps ORDER BY transcript, gap_order"):
        out[g["transcript"]]["gaps"].append(
            {"code": g["code"], "dimension": g["dimension"], "questionnaire": g["questionnaire"], "section": g["section"]})
    for s in query("SELECT * FROM gesprek_scores ORDER BY transcript, score_order"):
        out[s["transcript"]]["scores"].append(
            {k: s[k] for k in ["target", "kind", "dimension", "value", "label", "text", "seq", "elapsed"]})
    sections = query("SELECT * FROM gesprek_sections ORDER BY transcript, questionnaire_order, section_order")
    for q in query("SELECT * FROM gesprek_questionnaires ORDER BY transcript, questionnaire_order"):
        out[q["transcript"]]["questionnaires"].append({
            "id": q["questionnaire"], "scored": q["scored"], "totalsPerCategory": q["totals_per_category"],
            "sections": [{"title": s["section"], "dimension": s["dimension"], "scored": s["scored"],
                          "mean": None if s["mean"] is None else round(s["mean"], 9)}
                         for s in sections if (s["transcript"], s["questionnaire"]) == (q["transcript"], q["questionnaire"])]})
    for m in query("SELECT * FROM gesprek_network ORDER BY transcript, position"):
        out[m["transcript"]]["network"].append(
            {k: m[k] for k in ["name", "role", "influence", "support", "stays", "distance", "contact"]}
            | {"tags": sorted(m["tags"])})
    return out


def summary_parts(document: dict) -> dict:
    """The same parts of `gesprek summary FILE --format json`."""
    return {
        "case": document.get("case"), "advisor": document.get("advisor"), "recorded": document["recorded"],
        "retracted": document["retracted"], "untagged": document["untagged"], "duration": document["duration"],
        "coverage": {d: {k: c.get(k) for k in ["touched", "events", "questions", "notes", "quotes", "scores", "network",
                                                "first", "last"]}
                     for d, c in document["coverage"].items()},
        "gaps": [{"code": g["code"], "dimension": g["dimension"], "questionnaire": g.get("questionnaire"),
                  "section": g.get("section")} for g in document["gaps"]],
        "scores": [{k: s.get(k) for k in ["target", "kind", "dimension", "value", "label", "text", "seq", "elapsed"]}
                   for s in document["scores"]],
        "questionnaires": [{
            "id": q["id"], "scored": q["scored"], "totalsPerCategory": q["totalsPerCategory"],
            "sections": [{"title": s["title"], "dimension": s["dimension"], "scored": s["scored"],
                          "mean": None if s.get("mean") is None else round(s["mean"], 9)} for s in q["sections"]]}
            for q in document["questionnaires"]],
        "network": [{k: m.get(k) for k in ["name", "role", "influence", "support", "stays", "distance", "contact"]}
                    | {"tags": sorted(t for t in m["tags"] if t not in DIMENSIONS)}
                    for m in document["network"]["members"]],
    }


def summary_json(gesprek, *args, env=None) -> dict:
    result = gesprek.run("summary", *args, "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def summaries_of(gesprek, files: list[Path], env=None) -> dict[str, dict]:
    """`gesprek summary FILE --format json` of each file, two at a time (the machine has two cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        documents = list(pool.map(lambda f: summary_json(gesprek, f, env=env), files))
    return {f.name: summary_parts(d) for f, d in zip(files, documents)}


def private_copy(files: list[Path], folder: Path) -> Path:
    """The files in a folder only their owner can read, as real transcripts are kept (no warnings)."""
    folder.mkdir(mode=0o700)
    for f in files:
        shutil.copyfile(f, folder / f.name)
        (folder / f.name).chmod(0o600)
    return folder


def run_script(gesprek, script: str, out: Path, *flags: str, env=None) -> Path:
    result = gesprek.run("run", "-", *flags, "-o", out, input=script, env=env)
    assert result.returncode == 0, result.stderr
    return out


def edges_folder(gesprek, tmp_path: Path) -> Path:
    """The samples, the edges script, the script with every kind, and a transcript with a host command."""
    folder = private_copy(SAMPLES, tmp_path / "transcripts")
    run_script(gesprek, EDGES_SCRIPT, folder / "randgevallen.jsonl")
    run_script(gesprek, ALL_KINDS_SCRIPT.replace("help score\nsummary\n", ""), folder / "alle-soorten.jsonl")
    # A host's command (only a host application records these): counts toward its dimensions.
    lines = (folder / "alle-soorten.jsonl").read_bytes().split(b"\n")[:-1]
    host = json.loads(HOST_EVENT_LINE)
    events = [json.loads(line) for line in lines[1:-1]]
    host |= {"seq": len(events) + 1, "elapsed": events[-1]["elapsed"] + 1, "dimensions": ["motivationeel"],
             "tags": ["kracht"], "hash": "0" * 64}
    closing = json.loads(lines[-1])
    closing["events"] = len(events) + 1
    extended = lines[:-1] + [json.dumps(host, ensure_ascii=False, separators=(",", ":")).encode(), json.dumps(
        closing, separators=(",", ":")).encode()]
    (folder / "met-host.jsonl").write_bytes(b"\n".join(reseal(extended, gesprek.root / "home")) + b"\n")
    (folder / "met-host.jsonl").chmod(0o600)
    return folder


def generated(bench: Path, count: int) -> Path:
    """A folder of `count` transcripts of the bench's generator (`gesprek-bench generate`, as
    Benchmarks/bench.py makes its 10,000: the same figures on every run), private as real
    transcripts are kept. Generated once per machine and version of the generator and
    reused, in the temporary folder as the bench does. Signed at checkpoints, as a script
    run is (`--checkpoints`): a debug build signs slowly, and the views do not read signatures."""
    source = (REPO / "Benchmarks" / "InProcess" / "main.swift").read_bytes()
    version = hashlib.sha256(source).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"gesprek-views-transcripts-v4-{count}-{version}"
    done = folder / ".generated"
    if not (done.exists() and done.read_text() == str(count)):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o700)
        subprocess.run([str(bench), "generate", str(folder), str(count), "--checkpoints"], check=True, stdout=subprocess.DEVNULL)
        done.write_text(str(count))
    folder.chmod(0o700)
    for f in folder.glob("*.jsonl"):
        f.chmod(0o600)
    return folder
