"""What gesprek says: Dutch by default, English with --lang en (or an English
locale), in diagnostics and in --help."""

from __future__ import annotations

import pytest

from support import EX_DATAERR, EX_OK


def first_diagnostic(stderr: str) -> str:
    """The message of the first diagnostic: what follows `LINE:COL: fout|error: `."""
    for line in stderr.splitlines():
        for label in (": fout: ", ": error: "):
            if label in line:
                return line.split(label, 1)[1]
    raise AssertionError(f"no diagnostic in:\n{stderr}")


SCORE_CASES = [
    ("score gezin.s1 5", "en", "score takes 0 to 4, got 5"),
    ("score gezin.s1 5", "nl", "score gaat van 0 tot en met 4, niet 5"),
    ("score gezin.s9 2", "en", "unknown item gezin.s9; items of gezin: v1–v4, s1–s2, c1–c3, m1–m4"),
    ("score gezin.s9 2", "nl", "onbekend item gezin.s9; items van gezin: v1–v4, s1–s2, c1–c3, m1–m4"),
    ("score professional.v1 2", "en",
     "unknown item professional.v1; items of professional: c1–c3, s1–s2, m1–m3"),
    ("score gezin.s1 2,5", "en", "score takes a whole number from 0 to 4, got 2,5"),
    ("score gezin.s1 veel", "nl", "score verwacht een getal van 0 tot en met 4, kreeg ‘veel’"),
]


@pytest.mark.parametrize("line,lang,message", SCORE_CASES, ids=[f"{l} {g}" for l, g, _ in SCORE_CASES])
def test_score_error_messages(line, lang, message, gesprek, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--lang", lang, "--show-input", input=line + "\n")
    assert result.returncode == EX_DATAERR, result.stderr
    assert first_diagnostic(result.stderr) == message
    assert result.stderr.startswith("Transcript:")
    assert "stdin:1:" in result.stderr


def test_score_hint_lists_the_scale(gesprek, tmp_path):
    result = gesprek.run("run", "-", "-o", tmp_path / "t.jsonl", "--lang", "nl", input="score gezin.s1 5\n")
    assert "  tip: 0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden" in result.stderr.splitlines()
    result = gesprek.run("run", "-", "-o", tmp_path / "u.jsonl", "--lang", "en", input="score gezin.s1 5\n")
    # In English the scale's labels are English too (issue 12); the transcript keeps the Dutch label.
    assert "  hint: 0 very dissatisfied, 1 dissatisfied, 2 neutral, 3 satisfied, 4 very satisfied" in result.stderr.splitlines()


def test_messages_are_dutch_by_default(gesprek, tmp_path):
    """No --lang and LANG=C.UTF-8 (not English): Dutch."""
    result = gesprek.run("run", "-", "-o", tmp_path / "t.jsonl", "--show-input", input="score gezin.s1 5\n")
    assert first_diagnostic(result.stderr) == "score gaat van 0 tot en met 4, niet 5"
    assert "Geen regels vastgelegd; er is geen transcript bewaard." in result.stderr


def test_the_locale_picks_english_and_lang_wins(gesprek, tmp_path):
    english = gesprek.run("run", "-", "-o", tmp_path / "a.jsonl", "--show-input", input="score gezin.s1 5\n",
                          env={"LANG": "en_GB.UTF-8"})
    assert first_diagnostic(english.stderr) == "score takes 0 to 4, got 5"
    dutch = gesprek.run("run", "-", "-o", tmp_path / "b.jsonl", "--lang", "nl", "--show-input", input="score gezin.s1 5\n",
                        env={"LANG": "en_GB.UTF-8"})
    assert first_diagnostic(dutch.stderr) == "score gaat van 0 tot en met 4, niet 5"


def test_counts_on_stderr_are_in_the_chosen_language(gesprek, tmp_path):
    dutch = gesprek.run("run", "-", "-o", tmp_path / "a.jsonl", "--lang", "nl", input="note a\n")
    assert "1 regel vastgelegd in " in dutch.stderr
    english = gesprek.run("run", "-", "-o", tmp_path / "b.jsonl", "--lang", "en", input="note a\nnote b\n")
    assert "2 lines recorded in " in english.stderr


# --- --help -------------------------------------------------------------------------------------------------

HELP = {
    (): ("Gestructureerde gespreksnotities volgens de drie dimensies van eigen",
         "Structured conversation notes along the three dimensions of eigen"),
    ("run",): ("Voer een script uit en schrijf het transcript.", "Run a script and write its transcript."),
    ("check",): ("Controleer scripts en scenario's op fouten; legt niets vast.",
                 "Check scripts and scenarios for errors; records nothing."),
    ("train",): ("Oefen een gesprek met een gesimuleerde cliënt.", "Practise a conversation with a simulated client."),
    ("test",): ("Draai de testplannen van scenario's.", "Run the test plans of scenarios."),
}


@pytest.mark.parametrize("command", list(HELP), ids=lambda c: " ".join(c) or "gesprek")
def test_help_is_dutch_by_default(command, gesprek):
    result = gesprek.run(*command, "--help")
    assert result.returncode == EX_OK, result.stderr
    dutch, english = HELP[command]
    assert dutch in result.stdout
    assert english not in result.stdout
    assert "Taal van meldingen en hulp" in result.stdout


@pytest.mark.parametrize("command", list(HELP), ids=lambda c: " ".join(c) or "gesprek")
def test_help_is_english_with_lang_en(command, gesprek):
    result = gesprek.run(*command, "--help", "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    dutch, english = HELP[command]
    assert english in result.stdout
    assert dutch not in result.stdout
    assert "Language of messages and help" in result.stdout


def test_help_option_texts_follow_the_language(gesprek):
    dutch = gesprek.run("run", "--help").stdout
    assert "Schrijf het transcript naar dit bestand (het mag nog" in dutch
    assert "--output <bestand>" in dutch and "Ga door na een fout" in dutch
    english = gesprek.run("run", "--help", "--lang=en").stdout
    assert "Write the transcript to this file (it must not exist" in english
    assert "--output <file>" in english and "Go on after an error" in english
