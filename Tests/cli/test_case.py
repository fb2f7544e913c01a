"""`gesprek case CASE-ID [PATH…]`: one case across its conversations, as a supervisor reads it.

Three conversations of one case (and one of another) are recorded with `gesprek run`; the case
report has them in time order, each item's score per conversation and its change, the totals per
answer category, the dimensions per conversation, and the network over time. The JSON is checked
against `Transcripts/case.schema.json` and with jq; the HTML in chromium."""

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from support import REPO, base_env, schema_errors, trust_sample_key

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCHEMA = json.loads((REPO / "Transcripts" / "case.schema.json").read_text(encoding="utf-8"))

FIRST = """ask #v Hoe gaat het thuis?
say Ellen #v Het is zwaar sinds de verhuizing.
score gezin.v1 1
score gezin.s1 2
network add "Oma Ria" role=grootmoeder influence=+ support=praktisch
network add Buurman role=buur influence=-
"""
SECOND = """ask #c Wat lukt je goed?
note #c Ellen plant de week.
score gezin.v1 3
network add "Oma Ria" role=grootmoeder influence=+ support=praktisch contact=wekelijks
network add "Tante Ilse" role=tante influence=+ support=emotioneel
"""
THIRD = """ask #m Wat wil je bereiken?
ask #s Wie helpt je nu?
score gezin.v1 4
score gezin.s1 3
"""
OTHER = """ask #v Iets anders
score gezin.v1 0
"""


def record(gesprek_bin, env, folder: Path, name: str, script: str, case: str):
    """One conversation of `case`: each is a session of its own, so its network is written anew each time."""
    path = folder / f"{name}.gesprek"
    path.write_text(script, encoding="utf-8")
    subprocess.run([str(gesprek_bin), "run", str(path), "-o", str(folder / f"{name}.jsonl"), "--case", case, "--advisor", "Anna"],
                   env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def caseload(gesprek_bin, tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir(mode=0o700)
    env = base_env(tmp_path)
    # recorded out of name order: the report sorts by the time each started
    record(gesprek_bin, env, folder, "c-eerste", FIRST, "OKT-7")
    record(gesprek_bin, env, folder, "b-tweede", SECOND, "OKT-7")
    record(gesprek_bin, env, folder, "d-ander", OTHER, "OKT-8")
    record(gesprek_bin, env, folder, "a-derde", THIRD, "OKT-7")
    return folder, env


def case(gesprek_bin, env, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([str(gesprek_bin), "case", *map(str, args)], env=env, capture_output=True, text=True,
                          check=check, timeout=60)


def test_json_follows_the_case_over_time_and_matches_its_schema(gesprek_bin, caseload):
    folder, env = caseload
    text = case(gesprek_bin, env, "OKT-7", folder, "--format", "json").stdout
    report = json.loads(text)
    assert not schema_errors(jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()), report)
    assert [Path(c["source"]).stem for c in report["conversations"]] == ["c-eerste", "b-tweede", "a-derde"]
    items = {i["id"]: i for i in report["items"]}
    assert items["gezin.v1"]["values"] == [1, 3, 4] and items["gezin.v1"]["change"] == 3
    assert items["gezin.s1"]["values"] == [2, None, 3] and items["gezin.s1"]["change"] == 1
    gezin = next(t for t in report["totals"] if t["questionnaire"] == "gezin")
    assert gezin["perConversation"] == [[0, 1, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 1]]
    changes = {(n["conversation"], n["name"], n["change"]) for n in report["network"]}
    assert changes == {(2, "Buurman", "left"), (2, "Tante Ilse", "joined"), (2, "Oma Ria", "changed")}
    ria = next(n for n in report["network"] if n["name"] == "Oma Ria")
    assert "contact" not in ria["from"] and ria["to"]["contact"] == "wekelijks"
    assert report["conversations"][0]["missed"] == ["competentioneel", "sociaal", "motivationeel"]
    # jq, as a script in the case system would read it
    jq = subprocess.run(["jq", "-r", '.items[] | select(.id == "gezin.v1") | .values | map(tostring) | join(",")'],
                        input=text, capture_output=True, text=True, check=True)
    assert jq.stdout.strip() == "1,3,4"


def test_text_shows_scores_changes_and_the_network_in_dutch_and_english(gesprek_bin, caseload):
    folder, env = caseload
    out = case(gesprek_bin, env, "OKT-7", folder).stdout
    assert out.startswith("Dossier OKT-7 — 3 gesprekken")
    assert "gezin.v1          1 → 3 → 4 (+3)" in out
    assert "gezin.s1          2 → · → 3 (+1)" in out
    assert "Buurman: valt weg" in out and "Tante Ilse: komt erbij" in out
    assert "Oma Ria: contact – → wekelijks" in out
    english = case(gesprek_bin, env, "OKT-7", folder, "--lang", "en").stdout
    assert english.startswith("Case OKT-7 — 3 conversations") and "Buurman: leaves" in english


def test_markdown_has_a_table_per_part(gesprek_bin, caseload):
    folder, env = caseload
    out = case(gesprek_bin, env, "OKT-7", folder, "--format", "md").stdout
    assert "# Dossier OKT-7" in out
    assert "| gezin.v1 | 1 | 3 | 4 | +3 |" in out


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_draws_a_chart_per_item_and_an_ecogram_per_conversation(gesprek_bin, caseload, tmp_path):
    folder, env = caseload
    page = tmp_path / "case.html"
    case(gesprek_bin, env, "OKT-7", folder, "--format", "html", "-o", page)
    assert page.stat().st_mode & 0o777 == 0o600
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    html = dom.stdout
    assert html.count('<svg class="chart"') == 2
    assert html.count('<svg class="ecogram"') == 3
    assert 'aria-label="1 → 3 → 4"' in html


def test_no_transcript_of_the_case_is_exit_66(gesprek_bin, caseload):
    folder, env = caseload
    done = case(gesprek_bin, env, "OKT-99", folder, check=False)
    assert done.returncode == 66 and "OKT-99" in done.stderr and done.stdout == ""


def test_a_hostile_case_id_is_refused(gesprek_bin, caseload):
    folder, env = caseload
    done = case(gesprek_bin, env, "OKT\x1b]0;x\x07", folder, check=False)
    assert done.returncode == 64 and "\x1b" not in done.stderr


# --- the case id set by a `session` line, as the summary shows it ---------------------------------------------------

def test_the_shipped_samples_name_their_case_in_a_session_line(gesprek_bin, tmp_path):
    """The samples' headers name no case; their `session case=…` line does, and `summary` shows it: so does `case`."""
    env = base_env(tmp_path)
    trust_sample_key(tmp_path / "home")
    samples = REPO / "Transcripts"
    assert '"case"' not in (samples / "netwerk-na-scheiding.jsonl").read_text(encoding="utf-8").splitlines()[0]
    summary = subprocess.run([str(gesprek_bin), "summary", str(samples / "netwerk-na-scheiding.jsonl")], env=env,
                             capture_output=True, text=True, check=True, timeout=60).stdout
    assert "OKT-2026-0733" in summary
    text = case(gesprek_bin, env, "OKT-2026-0733", samples)
    assert text.stdout.startswith("Dossier OKT-2026-0733 — 1 gesprek"), text.stdout[:200]
    assert "Mirjam Visser" in text.stdout, "the advisor the session line names"
    english = case(gesprek_bin, env, "OKT-2026-0733", samples, "--lang", "en").stdout
    assert english.startswith("Case OKT-2026-0733 — 1 conversation")
    report = json.loads(case(gesprek_bin, env, "OKT-2026-0733", samples, "--format", "json").stdout)
    assert not schema_errors(jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()), report)
    assert [Path(c["source"]).name for c in report["conversations"]] == ["netwerk-na-scheiding.jsonl"]
    assert report["conversations"][0]["advisor"] == "Mirjam Visser"
    # each sample its own case; none of them the other's
    assert [Path(c["source"]).name for c in json.loads(
        case(gesprek_bin, env, "OKT-2026-0412", samples, "--format", "json").stdout)["conversations"]] == [
        "jongere-verwezen-door-school.jsonl"]


def test_a_later_session_line_moves_the_conversation_and_an_undone_one_does_not(gesprek_bin, tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir(mode=0o700)
    env = base_env(tmp_path)
    # started as OKT-1 (header), then set to OKT-2 during the conversation
    record(gesprek_bin, env, folder, "verhuisd", "session case=OKT-2\n" + FIRST, "OKT-1")
    # started as OKT-3, a slip to OKT-4 taken back at once
    record(gesprek_bin, env, folder, "teruggenomen", "session case=OKT-4\nundo\n" + SECOND, "OKT-3")
    # no case in the header, then one set twice: the last counts
    record_without_case = folder / "twee-keer.gesprek"
    record_without_case.write_text("session case=OKT-5\nsession case=OKT-6\n" + THIRD, encoding="utf-8")
    subprocess.run([str(gesprek_bin), "run", str(record_without_case), "-o", str(folder / "twee-keer.jsonl")],
                   env=env, check=True, capture_output=True, timeout=60)

    def sources(case_id: str) -> list[str]:
        done = case(gesprek_bin, env, case_id, folder, "--format", "json", check=False)
        if done.returncode == 66:
            assert done.stdout == "" and case_id in done.stderr
            return []
        assert done.returncode == 0, done.stderr
        return [Path(c["source"]).stem for c in json.loads(done.stdout)["conversations"]]

    assert sources("OKT-2") == ["verhuisd"] and sources("OKT-1") == []
    assert sources("OKT-3") == ["teruggenomen"] and sources("OKT-4") == []
    assert sources("OKT-6") == ["twee-keer"] and sources("OKT-5") == []
    assert case(gesprek_bin, env, "OKT-2", folder).stdout.startswith("Dossier OKT-2 — 1 gesprek")
