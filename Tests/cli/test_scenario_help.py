"""Help for the words of a training scenario: `help expect` inside a session and
`gesprek help expect` on the command line, and every "zie help X" that a message
or the documentation gives leads to help that exists, in Dutch and in English."""

from __future__ import annotations

import io
import re

import pexpect
import pytest

from support import REPO, terminal_env

SOURCES = REPO / "Sources" / "GesprekKit"
MESSAGE_SOURCES = [SOURCES / "Language" / "Problem.swift", SOURCES / "Language" / "ScenarioProblem.swift",
                   SOURCES / "Language" / "Help.swift"]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

# The words of a scenario, as the scenario parser knows them.
SCENARIO_WORDS = re.findall(r'"([a-z]+)"', re.search(r"static let words = \[(.*?)\]",
                                                   (SOURCES / "Scenario" / "ScenarioParser.swift").read_text(),
                                                   re.S).group(1))
# The conversation's commands.
COMMANDS = re.findall(r'"([a-z]+)"', re.search(r"static let builtInCommands[^=]*= \[(.*?)\]",
                                              (SOURCES / "Language" / "Parser.swift").read_text(), re.S).group(1))
# Words after "help" that are not topics: "help toont uitleg", "no help about".
NOT_TOPICS = {"toont", "explains", "about", "for", "geeft", "lists", "voor"}


def mentioned_topics() -> set[str]:
    """Every `help X` in a message or a page: literal topics, and for `help \\(command)` every
    command a message can name (the conversation's commands and the scenario's words)."""
    topics: set[str] = set()
    for path in MESSAGE_SOURCES:
        text = path.read_text(encoding="utf-8")
        topics |= {word for word in re.findall(r"\bhelp ([a-z][a-z0-9.]*[a-z0-9])", text) if word not in NOT_TOPICS}
        if re.search(r"help \\\(", text):
            topics |= set(SCENARIO_WORDS) | set(COMMANDS)
    # In the documentation, what stands in code: `help expect`, `gesprek help expect`.
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        topics |= set(re.findall(r"`(?:gesprek )?help ([a-z][a-z0-9.]*[a-z0-9])", text))
    return topics


def test_the_collection_finds_the_scenario_words():
    topics = mentioned_topics()
    assert {"expect", "part", "on", "plan", "scenario", "option", "if", "set", "guidance", "items", "tags"} <= topics
    assert len(SCENARIO_WORDS) >= 15 and "say" in COMMANDS


@pytest.mark.parametrize("topic", sorted(mentioned_topics()))
def test_every_help_a_message_points_to_exists(gesprek, topic):
    for language in ("nl", "en"):
        result = gesprek.run("help", topic, "--lang", language)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip(), f"help {topic} is empty"
        assert "geen hulp" not in result.stdout + result.stderr and "no help" not in result.stdout + result.stderr
        # Help about the topic, not the overview of gesprek's commands instead.
        assert result.stdout != gesprek.run("--help", "--lang", language).stdout, f"help {topic} gives the overview"


@pytest.mark.parametrize("topic", ["scenario", "expect", "part", "on", "plan", "option", "if", "choice", "guidance"])
def test_the_scenario_words_have_help_in_both_languages(gesprek, topic):
    dutch = gesprek.run("help", topic)
    english = gesprek.run("help", topic, "--lang", "en")
    assert dutch.returncode == english.returncode == 0
    assert dutch.stdout.startswith(topic) and english.stdout.startswith(topic)
    assert dutch.stdout != english.stdout


def test_help_expect_explains_every_expectation(gesprek):
    out = gesprek.run("help", "expect").stdout
    for form in ["expect #v before #c", "expect #m within 3", 'expect network "Tante Zoë"', "expect score ITEM",
                 "expect reach PART", "expect avoid PART", "guidance"]:
        assert form in out, form
    english = gesprek.run("--lang", "en", "help", "expect").stdout
    assert "what the run is judged on" in english


def test_help_scenario_lists_the_words(gesprek):
    out = gesprek.run("help", "scenario").stdout
    for usage in ["part LABEL", "on WAT [if VOORWAARDE] … end", "plan NAAM … end", "option PART REGEL", "say NAAM TEKST"]:
        assert usage in out, usage
    assert "gesprek train BESTAND" in out


def test_a_subcommand_keeps_its_own_help(gesprek):
    result = gesprek.run("help", "train")
    assert result.returncode == 0
    assert "USAGE: gesprek train" in result.stdout or "GEBRUIK" in result.stdout.upper()


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_help_expect_inside_a_session(gesprek_bin, tmp_path, colour):
    child = pexpect.spawn(str(gesprek_bin), ["-o", str(tmp_path / "live.jsonl")], env=terminal_env(tmp_path, colour),
                          encoding="utf-8", timeout=10, dimensions=(40, 160))
    screen = io.StringIO()
    child.logfile_read = screen
    child.expect_exact("› ")
    child.send("help expect\r")
    child.expect_exact("expect #v before #c")
    child.expect_exact("› ")
    child.send("\x04")
    child.expect(pexpect.EOF)
    child.close()
    assert "geen hulp" not in screen.getvalue()
    assert child.exitstatus == 0
