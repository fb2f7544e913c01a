"""Training scenarios from the command line: `gesprek train` as a trainee plays
it (through a real pseudo-terminal, and from stdin), `gesprek test` as a
trainer runs the test plans, and `gesprek check` on broken scenarios."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import REPO, base_env, events_of, mode, schema_errors, terminal_env, write_script

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
    assert "✗ Eerst de situatie volgens het gezin, daarna pas de competenties — gemist in beurt 1" in result.stdout
    assert "Begin bij de situatie zoals de jongere die zelf ziet" in result.stdout
    header, *events, closing = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert closing["close"] == "normal" and closing["events"] == len(events)
    assert header["case"] == "oefening-sanne-wil-geen-hulp"
    assert [p["name"] for p in header["participants"]] == ["Sanne", "Mentor"]
    for line in [header, *events]:
        assert schema_errors(validator, line) == []
    assert [e["kind"] for e in events] == ["mark", "say", "ask", "say", "mark", "say"]


def trainee(gesprek_bin: Path, root: Path, transcript: Path, colour: bool = False, scenario: Path = SANNE,
            args: tuple[str, ...] = ()) -> pexpect.spawn:
    env = terminal_env(root, colour)
    child = pexpect.spawn(str(gesprek_bin), ["train", str(scenario), "-o", str(transcript), "--advisor", "Cursist", *args],
                          env=env, encoding="utf-8", timeout=10, dimensions=(40, 160))
    child.delaybeforesend = None
    return child


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_a_trainee_session_on_a_terminal(gesprek_bin, tmp_path, validator, colour):
    transcript = tmp_path / "cursist.jsonl"
    child = trainee(gesprek_bin, tmp_path, transcript, colour=colour)
    screen = io.StringIO()
    child.logfile_read = screen
    child.expect_exact("Sanne:" + ("\x1b[0m\x1b[0m" if colour else "") + " Ik weet niet wat ik hier moet.")
    child.expect_exact(PROMPT)
    child.send("ask #v Hoe is het om hier te zitten?\r")
    child.expect_exact("Thuis is het gewoon druk.")
    child.expect_exact("'s Ochtends breng ik hem naar school")
    child.expect_exact(PROMPT)
    child.send("note #kracht Zorgt elke ochtend voor haar broertje.\r")
    child.expect_exact("notitie")
    child.expect_exact(PROMPT)
    child.send("ask #m Wat zou je zelf willen?\r")
    child.expect_exact("1) Zullen we kijken hoe je 's ochtends op tijd kunt zijn")
    child.expect_exact("2) Adviseer Sanne om eerder op te staan.")
    child.expect_exact(PROMPT)
    child.send("3\r")                                          # no such option: told, nothing recorded
    child.expect_exact("keuze 3 bestaat niet; kies 1 tot en met 2")
    child.expect_exact(PROMPT)
    child.send("1\r")                                          # the refused number is not put back: 1, not 31
    child.expect_exact("Als iemand anders mijn broertje één ochtend zou brengen")
    child.expect_exact(PROMPT)
    child.send("ask #s Wie zou hem kunnen brengen?\r")
    child.expect_exact("— einde van het gesprek —")
    child.expect_exact("Verwachtingen: 5 van 5 gehaald")
    child.expect_exact("Transcript gesloten")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # The intro, the client's lines, the scenes and the choice: gesprek's own colours reach the terminal as
    # colours, not neutralised into visible garbage (U+FFFD, or an escaped \u{1B}).
    shown = screen.getvalue()
    assert "\ufffd" not in shown and "\\u{1B}" not in shown
    if colour:
        assert "\x1b[2mJe bent ouder- en kindadviseur" in shown
        assert "\x1b[1m\x1b[36mSanne:\x1b[0m\x1b[0m Thuis is het gewoon druk." in shown
        assert "\x1b[1mWat doe je nu?\x1b[0m" in shown
        assert "\x1b[2m(Sanne doet haar jas uit." in shown
    else:
        assert "\x1b[2m" not in shown and "\x1b[36m" not in shown
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
    child.expect_exact("✗ De motivatie komt aan bod — gemist")
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


HOSTILE = """\
scenario Titel \x1b]0;gekaapt\x07met stuurtekens
client Sanne role=jongere
intro Een intro \x1b[31mrood\x1b[0m en \u202eomgekeerd.
part begin
scene Sanne \x1b[2Jkijkt weg.
say Sanne Hoi.
choice Keuze \x1b[5mknippert
option einde ask #v Hoe gaat het?
part einde
finish Klaar \x9b31m.
"""


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_a_hostile_scenario_does_not_steer_the_terminal(gesprek_bin, tmp_path, colour):
    """A scenario is untrusted text: its control characters are shown escaped, and only gesprek's own
    colour codes reach the terminal."""
    path = write_script(tmp_path / "vijandig.scenario", HOSTILE)
    child = trainee(gesprek_bin, tmp_path, tmp_path / "run.jsonl", colour=colour, scenario=path)
    screen = io.StringIO()
    child.logfile_read = screen
    child.expect_exact("1) Hoe gaat het?")
    child.expect_exact(PROMPT)
    child.send("1\r")
    child.expect_exact("Transcript gesloten")
    child.expect(pexpect.EOF)
    child.close()
    shown = screen.getvalue()
    for raw in ["\x1b]0;", "\x07", "\x1b[31m", "\x1b[2J", "\x1b[5m", "\u202e", "\x9b"]:
        assert raw not in shown, repr(raw)
    for escaped in ["\\u{1B}]0;gekaapt\\u{7}", "\\u{1B}[31mrood", "\\u{202E}omgekeerd", "\\u{1B}[2Jkijkt", "\\u{1B}[5mknippert",
                    "Klaar \\u{9B}31m."]:
        assert escaped in shown, escaped
    assert "\ufffd" not in shown
    assert ("\x1b[1m\x1b[36mSanne:" in shown) == colour


def test_train_withholds_the_typed_line_from_a_stderr_that_is_no_terminal(gesprek, tmp_path):
    """As `run`: a rejected line's words (a name) stay out of a stderr that may be kept (a log, a file)."""
    lines = "score gezin.v1 7 Inès zegt dat het thuis niet gaat\n"
    result = gesprek.run("train", SANNE, "-o", tmp_path / "run.jsonl", input=lines)
    assert result.returncode == 65
    assert "stdin:1:16: fout: score gaat van 0 tot en met 4" in result.stderr
    assert "Inès" not in result.stderr and "score gezin.v1 7" not in result.stderr
    shown = gesprek.run("train", SANNE, "-o", tmp_path / "getoond.jsonl", "--show-input", input=lines)
    assert shown.returncode == 65
    assert "Inès" in shown.stderr


def test_the_trainee_reads_the_feedback_in_plain_words(gesprek, tmp_path):
    lines = "ask #c Waar ben jij goed in?\n"
    result = gesprek.run("train", SANNE, "-o", tmp_path / "nl.jsonl", input=lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    missed = [i for i, line in enumerate(out) if line.startswith(
        "  ✗ Eerst de situatie volgens het gezin, daarna pas de competenties — gemist in beurt 1")]
    assert len(missed) == 1, result.stdout
    # The trainer's guidance right below it.
    assert out[missed[0] + 1] == ("      Begin bij de situatie zoals de jongere die zelf ziet, niet bij de veronderstelde "
                                  "eigen kracht (3.2).")
    assert "  ✗ Het gesprek belandt niet in ‘dichtgeklapt’ — gemist in beurt 1" in result.stdout
    assert "  ✗ De motivatie komt aan bod — gemist" in result.stdout
    for syntax in ["#vertrekpunt before", "avoid dichtgeklapt", "#motivationeel —", "within 2"]:
        assert syntax not in result.stdout
    english = gesprek.run("train", SANNE, "-o", tmp_path / "en.jsonl", "--lang", "en", input=lines)
    assert "  ✗ First the situation as the family sees it, only then the competences — missed at turn 1" in english.stdout
    assert "  ✗ The conversation does not end up in ‘dichtgeklapt’ — missed at turn 1" in english.stdout


MISTAKES = """\
scenario Vergissingen
client Sanne role=jongere
expect reach afspraken
expect network Tante Zoë
part begin
say Sanne Hoi.
choice Wat doe je?
option boos adviseur Ik hoor dat je boos bent.
option afspraak ask #v Hoe gaat het?
on ask
  set irritatie +1
  if irritatie>=2 goto boos
  if irritatei >= 3 goto boos
end
part boos
finish
part afspraak
finish
plan Een plan
> ask #v Hoe gaat het?
< Sane Hoi.
end
"""


def test_check_leads_a_trainer_to_the_right_line(gesprek, tmp_path):
    path = write_script(tmp_path / "vergissingen.scenario", MISTAKES)
    result = gesprek.run("check", path, "--show-input")
    assert result.returncode == 65
    err = result.stderr
    # A misspelled part gets its "bedoel je", as a goto does.
    assert f"{path}:3:14: fout: er is geen part afspraken" in err
    assert "tip: bedoel je afspraak?" in err
    # A name with spaces: the quote hint, as in a conversation.
    assert f"{path}:4:16: fout: expect network neemt één naam; zet een naam met spaties tussen aanhalingstekens" in err
    assert 'tip: expect network "Tante Zoë" …' in err
    assert "verwacht hier niets meer" not in err
    # The form the docs give for a say option.
    assert f"{path}:8:13: fout: na het label van een option komt de regel die de cursist vastlegt, niet ‘adviseur’" in err
    assert "tip: zegt adviseur iets? option boos say adviseur TEKST" in err
    assert "ask #v adviseur" not in err
    # A comparison without spaces: one clear message, no counter that is "never set", no second error.
    assert f"{path}:12:6: fout: zet spaties rond >=: ‘irritatie>=2’ is één woord" in err
    assert "tip: bijvoorbeeld: irritatie >= 2" in err
    assert "irritatie>=2 wordt nergens gezet" not in err
    assert f"{path}:12:" in err and err.count(f"{path}:12:") == 1
    # A misspelled speaker in a test plan.
    assert f"{path}:21:3: fout: Sane hoort niet bij de cast" in err
    assert "tip: bedoel je Sanne?" in err
    # A misspelled counter.
    assert f"{path}:13:6: waarschuwing: irritatei wordt nergens gezet met set; hij blijft 0" in err
    assert "tip: bedoel je irritatie?" in err


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_check_on_a_terminal_shows_a_hostile_scenario_line_escaped(gesprek_bin, tmp_path, colour):
    """On a terminal check shows the line with the mistake; its control characters are escaped there, in the
    message and under it, and the caret still points at the spot."""
    path = write_script(tmp_path / "vijandig.scenario",
                        "scenario T\nclient Sanne role=jongere\nexpect reach nergens\x1b[2J\npart begin\nsay Sanne Hoi.\n")
    child = pexpect.spawn(str(gesprek_bin), ["check", str(path)], env=terminal_env(tmp_path, colour),
                          encoding="utf-8", timeout=10, dimensions=(40, 160))
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert child.exitstatus == 65
    assert "\x1b[2J" not in shown
    assert "er is geen part nergens\\u{1B}[2J" in shown
    assert "    3 | expect reach nergens\\u{1B}[2J\r\n      |              ^^^^^^^^^^^^^^^^" in shown
    assert ("\x1b[31m" in shown) == colour


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_test_on_a_colour_terminal_shows_its_marks_in_colour(gesprek_bin, tmp_path, colour):
    child = pexpect.spawn(str(gesprek_bin), ["test", str(SANNE), "--paths"], env=terminal_env(tmp_path, colour),
                          encoding="utf-8", timeout=10, dimensions=(40, 160))
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert child.exitstatus == 0
    assert "\ufffd" not in shown
    if colour:
        assert "\x1b[1m" + str(SANNE) + "\x1b[0m — Sanne (15)" in shown
        assert "\x1b[32m✓\x1b[0m Vertrekpunt eerst, samen verder" in shown
    else:
        assert "\x1b[" not in shown
        assert "✓ Vertrekpunt eerst, samen verder" in shown


TYPOS = """\
scenario Tikfouten
client Sanne role=jongere
expect #socaal
expect #v befor #c
expect #v before #competenteel
expect scor gezin.v1
part begin
say Sanne Hoi.
on ask
  if #vertrekpnt = 0 goto begin
  finish
end
plan Een plan
> ask Hoi
mett #socaal
end
"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_check_gives_every_misspelled_word_its_did_you_mean(gesprek, tmp_path, lang):
    path = write_script(tmp_path / "tikfouten.scenario", TYPOS)
    result = gesprek.run("check", path, "--lang", lang)
    assert result.returncode == 65
    tip = "tip: bedoel je" if lang == "nl" else "hint: did you mean"
    hints = [line.strip() for line in result.stderr.splitlines() if line.strip().startswith(("tip:", "hint:"))]
    assert hints == [f"{tip} #sociaal?", f"{tip} before?", f"{tip} #competentioneel?", f"{tip} score?",
                     f"{tip} #vertrekpunt?", f"{tip} met?"], result.stderr


def test_test_random_on_a_colour_terminal_shows_its_findings_in_colour(gesprek_bin, tmp_path):
    path = write_script(tmp_path / "willekeurig.scenario", """\
scenario Willekeurig
client Sanne role=jongere
expect #vertrekpunt
part begin
say Sanne Hoi.
on turn 99
  say Sanne Nog steeds hier?
end
on ask
  finish
end
""")
    child = pexpect.spawn(str(gesprek_bin), ["test", "--random", "5", "--seed", "1", str(path)],
                          env=terminal_env(tmp_path, True), encoding="utf-8", timeout=30, dimensions=(40, 160))
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert child.exitstatus == 1
    assert "\ufffd" not in shown
    assert f"\x1b[33m·\x1b[0m {path}:6: on turn 99" in shown
    assert "\x1b[31m✗\x1b[0m geen run haalde: expect #vertrekpunt" in shown
