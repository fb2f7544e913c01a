"""What a supervisor reads must say the same thing everywhere (issue 12, points 8–10).

8. "gemist" means one thing: a caseload row's "gemist" column names exactly
   what the transcript's own summary lists under "Gemist:"; cut columns end in "…".
9. Replay and the summary show what a `network set` changed, the summary has
   the date and the advisor, and network lines read as words.
10. A session that recorded no event leaves no transcript, so a caseload never
    counts it as a conversation that missed everything.

Terminals are pseudo-terminals (pexpect), with colours on and with NO_COLOR.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pexpect
import pytest

from support import EX_OK, SAMPLES, events_of, terminal_env, write_script

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
SAMPLE = {path.stem: path for path in SAMPLES}


def plain(text: str) -> str:
    """What a person reads on the screen: the escape codes taken out, lines joined with \\n."""
    lines = ANSI.sub("", text).replace("\r\n", "\n").split("\n")
    return "\n".join(line.split("\r")[-1] for line in lines)  # what a carriage return wrote over is gone


def on_terminal(gesprek_bin: Path, root: Path, args: list[str], colour: bool) -> tuple[str, int]:
    """Runs gesprek on a pseudo-terminal until it ends; returns the screen's text (stdout and stderr) and the status."""
    child = pexpect.spawn(str(gesprek_bin), [str(a) for a in args], env=terminal_env(root, colour), encoding="utf-8",
                          timeout=60, dimensions=(60, 200), cwd=str(root))
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


def summary_section(text: str, heading: str) -> list[str]:
    """The `  - ` items under `heading:` in a text summary."""
    lines = text.split("\n")
    start = lines.index(heading)
    items = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        items.append(line.strip().removeprefix("- "))
    return items


# --- 8: one "gemist" ----------------------------------------------------------

@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_the_caseload_column_says_what_each_summary_says_was_missed(gesprek_bin, tmp_path, colour):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    screen, status = on_terminal(gesprek_bin, tmp_path, ["summary", folder], colour)
    assert status == EX_OK
    rows = {line.split()[0]: line for line in plain(screen).split("\n") if line.strip()}
    for sample in SAMPLES:
        own, status = on_terminal(gesprek_bin, tmp_path, ["summary", sample], colour)
        assert status == EX_OK
        missed = summary_section(plain(own), "Gemist:")
        row = rows[sample.name if len(sample.name) <= 34 else sample.name[:33] + "…"]
        for item in missed:
            if item.startswith("niets"):
                continue
            dimension, what = item.split(": ")
            expected = dimension if what == "niet aan bod geweest" else f"{dimension} (geen vragen)"
            assert expected in row, (sample.name, item, row)
        missed_column = row.split("  ")[-1]
        for dimension in ("vertrekpunt", "competentioneel", "sociaal", "motivationeel"):
            if dimension in missed_column:
                assert any(item.startswith(dimension + ":") for item in missed), (sample.name, dimension, row)
    # The sample of the issue: its own summary says it asked nothing about motivation; its row says so too.
    assert "motivationeel (geen vragen)" in rows["netwerk-na-scheiding.jsonl"]


def test_the_total_counts_what_the_rows_call_missed(gesprek):
    result = gesprek.run("summary", *SAMPLES)
    assert result.returncode == EX_OK
    total = [line for line in result.stdout.splitlines() if line.startswith("totaal")][0]
    rows = [line for line in result.stdout.splitlines() if ".jsonl" in line]
    times = sum("motivationeel" in row for row in rows)
    assert times > 0
    assert f"motivationeel {times}×" in total


def test_a_cut_column_ends_in_an_ellipsis(gesprek_bin, gesprek, tmp_path):
    script = write_script(tmp_path / "s.gesprek", "ask #v Hoe gaat het?\n")
    folder = tmp_path / "oefening"
    folder.mkdir()
    name = "oefening-sanne-wisselend-contact-met-vader.jsonl"
    result = gesprek.run("run", script, "-o", folder / name, "--case", "OKT-2026-0412-vervolg-b")
    assert result.returncode == EX_OK, result.stderr
    screen, status = on_terminal(gesprek_bin, tmp_path, ["summary", folder, folder / name], colour=True)
    assert status == EX_OK
    rows = [line for line in plain(screen).split("\n") if line.startswith("oefening-")]
    assert rows and all(row.startswith(name[:33] + "… OKT-2026-0412-v… ") for row in rows), rows
    # Markdown and JSON are not cut.
    md = gesprek.run("summary", folder, "--format", "md").stdout
    assert f"| {name} | OKT-2026-0412-vervolg-b |" in md


# --- 9: what changed, when and by whom ------------------------------------------

@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_replay_shows_what_a_network_set_changed(gesprek_bin, tmp_path, colour):
    sample = SAMPLE["netwerk-na-scheiding"]
    changes = [e for e in events_of(sample) if e["kind"] == "network.set"]
    assert changes, "the sample has a network set"
    screen, status = on_terminal(gesprek_bin, tmp_path, ["replay", sample, "--speed", "100000"], colour)
    assert status == EX_OK
    assert ("\x1b[" in screen) == colour
    text = plain(screen)
    # network set "Oma Ria" contact=wekelijks stays=yes
    assert "netwerk ~ · sociaal" in text
    assert "Oma Ria: contact wekelijks, blijft na de hulp" in text


def test_the_summary_has_the_date_and_the_advisor(gesprek_bin, gesprek, tmp_path):
    sample = SAMPLE["netwerk-na-scheiding"]
    md = gesprek.run("summary", sample, "--format", "md")
    assert md.returncode == EX_OK
    facts = md.stdout.split("\n")[2]
    assert "23-11-2026 09:00" in facts and "adviseur Mirjam Visser" in facts, facts
    screen, _ = on_terminal(gesprek_bin, tmp_path, ["summary", sample], colour=True)
    assert "23-11-2026 09:00 · adviseur Mirjam Visser" in plain(screen)
    en = gesprek.run("summary", sample, "--lang", "en").stdout
    assert "2026-11-23 09:00 · advisor Mirjam Visser" in en


def test_network_lines_among_vulnerabilities_read_as_words(gesprek):
    sample = SAMPLE["jongere-verwezen-door-school"]
    text = gesprek.run("summary", sample).stdout
    vulnerabilities = summary_section(text, next(l for l in text.split("\n") if l.startswith("Kwetsbaarheden")))
    assert "Jesse (vriend), trekt omlaag, steun: gezelschap, contact dagelijks" in vulnerabilities
    assert "Jesse vriend -" not in text
    en = gesprek.run("summary", sample, "--lang", "en").stdout
    assert "Jesse (vriend), drags down, support: gezelschap, contact dagelijks" in en
    md = gesprek.run("summary", sample, "--format", "md").stdout
    assert "Jesse (vriend), trekt omlaag" in md


def test_anonymized_network_lines_do_not_repeat_the_role(gesprek):
    sample = SAMPLE["overbelaste-moeder-vrijwilligerswerk"]
    md = gesprek.run("export", sample, "--anonymize").stdout
    assert "schoonmoeder, trekt omlaag" in md
    assert "schoonmoeder schoonmoeder" not in md and "schoonmoeder (schoonmoeder)" not in md


# --- 10: no transcript without events ---------------------------------------------

def test_run_with_only_help_leaves_no_transcript(gesprek):
    result = gesprek.run("run", "-", input="help\nhelp ask\n")
    assert result.returncode == EX_OK, result.stderr
    assert gesprek.default_transcripts() == []
    assert "geen transcript bewaard" in result.stderr


def test_run_with_one_event_keeps_its_transcript(gesprek):
    result = gesprek.run("run", "-", input="help\nnote #v Kort gesprek.\n")
    assert result.returncode == EX_OK, result.stderr
    [transcript] = gesprek.default_transcripts()
    assert [e["kind"] for e in events_of(transcript)] == ["note"]


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_a_live_session_quit_at_once_leaves_no_transcript(gesprek_bin, tmp_path, colour):
    child = pexpect.spawn(str(gesprek_bin), [], env=terminal_env(tmp_path, colour), encoding="utf-8", timeout=60,
                          dimensions=(40, 160), cwd=str(tmp_path))
    child.expect_exact("Transcript: ")
    child.expect_exact("› ")
    child.sendeof()
    # A Ctrl-D sent right after the first prompt is at times not read under load (as in test_durability, a known
    # matter of the REPL's key reading); what this test checks is what the end leaves, so a second one ends it then.
    screen = ""
    if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10) == 1:
        screen = child.before
        child.sendeof()
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_OK
    assert "geen transcript bewaard" in plain(screen + child.before)
    folder = tmp_path / "data" / "gesprek" / "transcripts"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_caseload_has_no_row_for_a_session_without_events(gesprek, tmp_path):
    folder = tmp_path / "caseload"
    folder.mkdir()
    assert gesprek.run("run", "-", "-o", folder / "leeg.jsonl", input="help\nhelp ask\n").returncode == EX_OK
    assert gesprek.run("run", "-", "-o", folder / "kort.jsonl", input="note #v Kort.\n").returncode == EX_OK
    assert sorted(p.name for p in folder.iterdir()) == ["kort.jsonl"]
    text = gesprek.run("summary", folder).stdout
    assert "totaal (1 transcripten)" in text
