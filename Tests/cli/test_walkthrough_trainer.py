"""The first hour of a trainer and a trainee, end to end, as docs/trainer.md
tells it: the trainer writes a small scenario (a client, expectations with
guidance, parts with a reaction, a choice with options, a counter, test plans),
asks `gesprek help` on the way, gets it clean with `gesprek check`, runs its
plans with `gesprek test --paths`; then a trainee plays it with `gesprek train`
on a terminal with colours on and reads the feedback."""

from __future__ import annotations

import io
import json

import pexpect

from support import events_of, mode, schema_errors, terminal_env, write_script

PROMPT = "› "

# Written from docs/trainer.md ("Writing a scenario"), with the help texts at hand.
SCENARIO = """\
// Oefening: een moeder die alles alleen doet.
scenario Lisa doet alles alleen
client Lisa role=moeder
intro Lisa (34) heeft twee kinderen en slaapt slecht sinds de scheiding.
intro Ze is zelf naar het wijkteam gekomen.

expect #vertrekpunt before #competentioneel
guidance Vraag eerst hoe Lisa zelf haar situatie ziet (3.2).
expect network Oma
guidance Vraag wie er al helpt; soms woont er iemand om de hoek (4.4).
expect reach afspraak
expect avoid vast

part begin
say Lisa Ik weet eigenlijk niet waar ik moet beginnen.
on ask #vertrekpunt
  say Lisa Sinds de scheiding doe ik alles alleen.
  goto keuze
end
on ask #competentioneel
  say Lisa Daar gaat het nu even niet om.
  set irritatie +1
  if irritatie >= 2 goto vast
end
on ask
  say Lisa Hm.
end

part keuze
choice Wat doe je nu?
option erkenning say adviseur Ik hoor dat het zwaar is om alles alleen te doen.
option advies note #c Adviseer Lisa om een oppas te zoeken.

part erkenning
say Lisa Ja. Mijn moeder helpt soms met de kinderen.
on network
  say Lisa Ze woont om de hoek.
  goto afspraak
end

part afspraak
finish Jullie spreken af dat Lisa haar moeder vraagt om woensdag te komen.

part advies
say Lisa Dat zegt iedereen.
goto vast

part vast
scene Lisa kijkt weg.
finish Het gesprek loopt vast.

plan Erkennen en het netwerk
> ask #v Hoe gaat het nu met je?
< Lisa Sinds de scheiding
> 1
< Lisa Ja. Mijn moeder helpt soms
> network add Oma role=grootmoeder influence=+
< Lisa Ze woont om de hoek.
finished
met #vertrekpunt before #competentioneel
met network Oma
met reach afspraak
met avoid vast
end

plan Meteen advies
> ask #v Hoe gaat het?
> 2
< Lisa Dat zegt iedereen.
finished
missed network Oma
missed avoid vast
end
"""


def test_a_trainer_writes_a_scenario_and_a_trainee_plays_it(gesprek, gesprek_bin, tmp_path, validator):
    # The trainer looks up the words while writing.
    for word in ["scenario", "expect", "part", "on", "option", "plan"]:
        looked_up = gesprek.run("help", word)
        assert looked_up.returncode == 0 and looked_up.stdout.startswith(word), looked_up.stderr

    # A first draft with the mistakes a new trainer makes; check says where and what to do.
    draft = SCENARIO.replace("if irritatie >= 2 goto vast", "if irritatie>=2 goto vast").replace(
        "expect reach afspraak", "expect reach afspraken")
    path = write_script(tmp_path / "lisa.scenario", draft)
    first = gesprek.run("check", path)
    assert first.returncode == 65
    assert "tip: bedoel je afspraak?" in first.stderr
    assert "zet spaties rond >=" in first.stderr

    # Corrected, it checks clean and its plans pass on every path.
    path.write_text(SCENARIO, encoding="utf-8")
    checked = gesprek.run("check", path)
    assert checked.returncode == 0, checked.stderr
    assert f"{path}: in orde" in checked.stderr
    tested = gesprek.run("test", path, "--paths")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "✓ Erkennen en het netwerk" in tested.stdout and "✓ Meteen advies" in tested.stdout
    assert "✗" not in tested.stdout

    # The trainee plays it on a terminal with colours on.
    transcript = tmp_path / "cursist.jsonl"
    child = pexpect.spawn(str(gesprek_bin), ["train", str(path), "-o", str(transcript), "--advisor", "Cursist"],
                          env=terminal_env(tmp_path, colour=True), encoding="utf-8", timeout=10, dimensions=(40, 160))
    child.delaybeforesend = None
    screen = io.StringIO()
    child.logfile_read = screen
    child.expect_exact("\x1b[2mLisa (34) heeft twee kinderen")
    child.expect_exact("\x1b[1m\x1b[36mLisa:\x1b[0m\x1b[0m Ik weet eigenlijk niet waar ik moet beginnen.")
    child.expect_exact(PROMPT)
    child.send("ask #v Hoe gaat het nu met je?\r")
    child.expect_exact("Sinds de scheiding doe ik alles alleen.")
    child.expect_exact("\x1b[1mWat doe je nu?\x1b[0m")
    child.expect_exact("1) Ik hoor dat het zwaar is om alles alleen te doen.")
    child.expect_exact(PROMPT)
    child.send("5\r")
    child.expect_exact("keuze 5 bestaat niet; kies 1 tot en met 2")
    child.expect_exact(PROMPT)
    child.send("1\r")
    child.expect_exact("Ja. Mijn moeder helpt soms met de kinderen.")
    child.expect_exact(PROMPT)
    child.send("network add Oma role=grootmoeder influence=+\r")
    child.expect_exact("Ze woont om de hoek.")
    child.expect_exact("\x1b[2m(Jullie spreken af dat Lisa haar moeder vraagt om woensdag te komen.)\x1b[0m")
    child.expect_exact("— einde van het gesprek —")
    child.expect_exact("Terugkoppeling: Lisa doet alles alleen")
    child.expect_exact("Verwachtingen: 4 van 4 gehaald")
    child.expect_exact("✓ Eerst de situatie volgens het gezin, daarna pas de competenties — gehaald in beurt 1")
    child.expect_exact("✓ Oma komt in het netwerk — gehaald in beurt 2")
    child.expect_exact("✓ Het gesprek komt toe aan ‘afspraak’")
    child.expect_exact("✓ Het gesprek belandt niet in ‘vast’")
    child.expect_exact("Transcript gesloten")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = screen.getvalue()
    assert "\ufffd" not in shown and "\\u{1B}" not in shown

    # The run is an ordinary transcript, for the supervisor's tools.
    assert mode(transcript) == 0o600
    for line in transcript.read_text(encoding="utf-8").splitlines():
        assert schema_errors(validator, json.loads(line)) == []
    events = events_of(transcript)
    assert [e["label"] for e in events if e["kind"] == "mark"] == ["begin", "keuze", "erkenning", "afspraak"]
    assert "say adviseur Ik hoor dat het zwaar is om alles alleen te doen." in [e["line"] for e in events]
    summary = gesprek.run("summary", transcript, "--format", "json")
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["coverage"]["vertrekpunt"]["questions"] == 1
