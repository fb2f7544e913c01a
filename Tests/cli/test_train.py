"""Training scenarios from the command line: `gesprek train` as a trainee plays
it (through a real pseudo-terminal, and from stdin), `gesprek test` as a
trainer runs the test plans, and `gesprek check` on broken scenarios."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import REPO, base_env, events_of, mode, schema_errors, write_script

SCENARIOS = sorted((REPO / "Scripts").glob("*.scenario"))
SANNE = REPO / "Scripts" / "sanne-wil-geen-hulp.scenario"
PROMPT = "› "

BROKEN = """\
scenario Kapot scenario
client Sanne role=jongere
expect reach eiland
expect avoid begin
part begin
say Sanne Hallo.
choice Wat doe je?
option verder ask #v Hoe gaat het?
option nergens ask #s Wie ken je?
part verder
say Sanne Gaat wel.
on ask
  say Sannne Hm.
end
part eiland
finish
"""


def test_at_least_five_scenarios_ship():
    assert len(SCENARIOS) >= 5


def test_every_shipped_scenario_passes_its_plans(gesprek):
    result = gesprek.run("test", "--paths", *SCENARIOS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✗" not in result.stdout
    for scenario in SCENARIOS:
        assert str(scenario) in result.stdout
    assert result.stdout.count("✓") >= 2 * len(SCENARIOS)


def test_every_shipped_scenario_checks_clean(gesprek):
    result = gesprek.run("check", *SCENARIOS)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(": in orde") == len(SCENARIOS)


def test_check_finds_what_is_broken(gesprek, tmp_path):
    path = write_script(tmp_path / "kapot.scenario", BROKEN)
    result = gesprek.run("check", path, "--lang", "en")
    assert result.returncode == 65
    err = result.stderr
    assert f"{path}:9:8: error: there is no part nergens" in err
    assert f"{path}:13:7: error: Sannne is not in the cast" in err
    assert "hint: did you mean Sanne?" in err
    # A jump to nowhere distorts the picture of the whole; that comes once the jumps are right.
    assert "2 errors" in err


def test_check_finds_unreachable_parts_and_unmeetable_expectations(gesprek, tmp_path):
    text = BROKEN.replace("option nergens ask #s Wie ken je?\n", "").replace("Sannne", "Sanne")
    path = write_script(tmp_path / "eiland.scenario", text)
    result = gesprek.run("check", path, "--lang", "en")
    assert result.returncode == 65
    err = result.stderr
    assert f"{path}:3:1: error: no path can meet this expectation: part eiland cannot be reached" in err
    assert f"{path}:4:1: error: no path can meet this expectation: every path goes through part begin" in err
    assert f"{path}:14:1: error: part eiland cannot be reached" in err
    assert f"{path}:9:1: warning: from part verder there is no way to finish" in err
    assert "3 errors" in err


def test_an_empty_scenario_file_is_not_clean(gesprek, tmp_path):
    path = write_script(tmp_path / "leeg.scenario", "")
    result = gesprek.run("check", path)
    assert result.returncode == 66
    assert "is leeg" in result.stderr


def test_test_paths_reports_paths_without_feedback(gesprek, tmp_path):
    text = BROKEN.replace("option nergens ask #s Wie ken je?\n", "").replace("Sannne", "Sanne")
    text = text.replace("expect reach eiland\nexpect avoid begin\n", "").replace("part eiland\nfinish\n", "")
    path = write_script(tmp_path / "vast.scenario", text)
    result = gesprek.run("test", "--paths", path)
    assert result.returncode == 1
    assert "geen testplannen" in result.stdout
    assert "✗ begin → verder  eindigt zonder terugkoppeling" in result.stdout


def test_a_failing_plan_is_reported_with_its_line(gesprek, tmp_path):
    text = SANNE.read_text(encoding="utf-8").replace("< Sanne Mijn tante misschien.", "< Sanne Mijn oom misschien.")
    path = write_script(tmp_path / "sanne.scenario", text)
    line = text.splitlines().index("< Sanne Mijn oom misschien.") + 1
    result = gesprek.run("test", path, "--lang", "en")
    assert result.returncode == 1
    assert "✗ Vertrekpunt eerst, samen verder" in result.stdout
    assert f"{path}:{line}: expected Sanne: ‘Mijn oom misschien.…’, but: Sanne: Mijn tante misschien." in result.stdout


def test_a_broken_scenario_is_not_played(gesprek, tmp_path):
    path = write_script(tmp_path / "kapot.scenario", BROKEN)
    result = gesprek.run("train", path, "-o", tmp_path / "run.jsonl", input="ask Hallo?\n")
    assert result.returncode == 65
    assert not (tmp_path / "run.jsonl").exists()
    assert gesprek.run("train", tmp_path / "missing.scenario").returncode == 66


def test_train_from_stdin_gives_feedback_and_a_transcript(gesprek, tmp_path, validator):
    out = tmp_path / "oefening.jsonl"
    lines = "ask #c Waar ben jij goed in?\n"
    result = gesprek.run("train", SANNE, "-o", out, "--advisor", "Cursist", input=lines)
    assert result.returncode == 0, result.stderr
    assert "Sanne: Dat vraagt iedereen. Alsof het aan mij ligt." in result.stdout
    assert "— einde van het gesprek —" in result.stdout
    assert "✗ #vertrekpunt before #competentioneel — gemist in beurt 1" in result.stdout
    assert "Begin bij de situatie zoals de jongere die zelf ziet" in result.stdout
    header, *events, closing = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert closing["close"] == "normal" and closing["events"] == len(events)
    assert header["case"] == "oefening-sanne-wil-geen-hulp"
    assert [p["name"] for p in header["participants"]] == ["Sanne", "Mentor"]
    for line in [header, *events]:
        assert schema_errors(validator, line) == []
    assert [e["kind"] for e in events] == ["mark", "say", "ask", "say", "mark", "say"]


def trainee(gesprek_bin: Path, root: Path, transcript: Path) -> pexpect.spawn:
    env = base_env(root)
    env["TERM"] = "xterm-256color"
    env["NO_COLOR"] = "1"
    child = pexpect.spawn(str(gesprek_bin), ["train", str(SANNE), "-o", str(transcript), "--advisor", "Cursist"],
                          env=env, encoding="utf-8", timeout=10, dimensions=(40, 160))
    child.delaybeforesend = None
    return child


def test_a_trainee_session_on_a_terminal(gesprek_bin, tmp_path, validator):
    transcript = tmp_path / "cursist.jsonl"
    child = trainee(gesprek_bin, tmp_path, transcript)
    child.expect_exact("Sanne: Ik weet niet wat ik hier moet.")
    child.expect_exact(PROMPT)
    child.send("ask #v Hoe is het om hier te zitten?\r")
    child.expect_exact("Sanne: Thuis is het gewoon druk.")
    child.expect_exact("Sanne: 's Ochtends breng ik hem naar school")
    child.expect_exact(PROMPT)
    child.send("note #kracht Zorgt elke ochtend voor haar broertje.\r")
    child.expect_exact("✓ notitie")
    child.expect_exact(PROMPT)
    child.send("ask #m Wat zou je zelf willen?\r")
    child.expect_exact("1) Zullen we kijken hoe je 's ochtends op tijd kunt zijn")
    child.expect_exact("2) Adviseer Sanne om eerder op te staan.")
    child.expect_exact(PROMPT)
    child.send("3\r")                                          # no such option: told, nothing recorded
    child.expect_exact("keuze 3 bestaat niet; kies 1 tot en met 2")
    child.expect_exact(PROMPT)
    child.send("\x15")                                         # the rejected line comes back; clear it
    child.send("1\r")
    child.expect_exact("Sanne: Als iemand anders mijn broertje één ochtend zou brengen")
    child.expect_exact(PROMPT)
    child.send("ask #s Wie zou hem kunnen brengen?\r")
    child.expect_exact("— einde van het gesprek —")
    child.expect_exact("Verwachtingen: 5 van 5 gehaald")
    child.expect_exact("Transcript gesloten")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert mode(transcript) == 0o600
    events = events_of(transcript)
    for line in transcript.read_text(encoding="utf-8").splitlines():
        assert schema_errors(validator, json.loads(line)) == []
    trainee_lines = [e["line"] for e in events if e["kind"] in ("ask", "note")]
    assert trainee_lines == ["ask #v Hoe is het om hier te zitten?", "note #kracht Zorgt elke ochtend voor haar broertje.",
                             "ask #m Wat zou je zelf willen?",
                             "ask #m Zullen we kijken hoe je 's ochtends op tijd kunt zijn, zodat school je met rust laat?",
                             "ask #s Wie zou hem kunnen brengen?"]
    assert [e["label"] for e in events if e["kind"] == "mark"] == ["binnenkomst", "verhaal", "wens", "samen"]


def test_a_trainee_can_stop_early_and_still_gets_feedback(gesprek_bin, tmp_path, gesprek):
    transcript = tmp_path / "kort.jsonl"
    child = trainee(gesprek_bin, tmp_path, transcript)
    child.expect_exact(PROMPT)
    child.send("ask #v Hoe gaat het?\r")
    child.expect_exact(PROMPT)
    child.send("\x04")
    child.expect_exact("(het gesprek is voor het einde gestopt)")
    child.expect_exact("✗ #motivationeel — gemist")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # The run is a normal transcript: summary, replay and export read it.
    summary = gesprek.run("summary", transcript, "--format", "json")
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["coverage"]["vertrekpunt"]["questions"] == 1
    export = gesprek.run("export", transcript, "--format", "md", "--anonymize")
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("# Gespreksverslag") and "| vraag | vertrekpunt | Hoe gaat het? |" in export.stdout
    replay = gesprek.run("replay", transcript, "--speed", "1000")
    assert replay.returncode == 0 and "Thuis is het gewoon druk." in replay.stdout
