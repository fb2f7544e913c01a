"""The supervisor's walk-through, end to end, from docs/supervisor.md alone.

A supervisor prepares a case discussion from the sample transcripts in
`Transcripts/` the way the page tells them to: the caseload summary of the
folder, one conversation's summary in Markdown, the replay on a terminal
(colours on) up to where the network came apart, the exports (HTML read by a
real parser, CSV by Python's csv module, JSON against its schema, and
pseudonymised with `--anonymize`), and `verify`. Every command is one the
page shows; every check is something the supervisor would look at.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pexpect
import pytest

from support import EX_OK, REPO, SAMPLES, events_of, terminal_env

DOC = REPO / "docs" / "supervisor.md"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
CASE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r\n", "\n")


def documented(command: str) -> None:
    """The walk-through only uses what the page shows."""
    assert command in DOC.read_text(encoding="utf-8"), f"docs/supervisor.md does not show {command!r}"


class Tags(HTMLParser):
    """Python's HTML parser, checking that every element that is opened is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.seen: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []
        self.script_sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        if tag == "script":
            self.script_sources.extend(value for name, value in attrs if name == "src")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_the_supervisor_walk_through(gesprek, gesprek_bin, tmp_path, colour):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    case = folder / CASE.name

    # 1. The caseload: a row per transcript and a total, with what each missed.
    documented("gesprek summary ~/.local/share/gesprek/transcripts")
    result = gesprek.run("summary", folder)
    assert result.returncode == EX_OK, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(SAMPLES) + 1          # the heading, a row per transcript, the total
    assert lines[-1].startswith(f"totaal ({len(SAMPLES)} transcripten)")
    row = next(line for line in lines if line.startswith(CASE.name))
    assert "OKT-2026-0733" in row and "motivationeel (geen vragen)" in row

    # 2. One conversation for the casuïstiekbespreking, in Markdown: when, by whom, what was missed.
    documented("gesprek summary … --format text|md|json")
    md = gesprek.run("summary", case, "--format", "md")
    assert md.returncode == EX_OK, md.stderr
    assert md.stdout.startswith("# Overzicht — OKT-2026-0733\n")
    assert "23-11-2026 09:00 · adviseur Mirjam Visser" in md.stdout
    assert "## Gemist\n\n- motivationeel: geen vragen gesteld" in md.stdout

    # 3. The replay on a terminal, from the end of the exploration up to where the network came apart, a line per key.
    documented("gesprek replay t.jsonl --from einde-verkenning --until moment-van-keuze --step")
    child = pexpect.spawn(str(gesprek_bin), ["replay", str(case), "--from", "einde-verkenning", "--until",
                                              "netwerk-uit-elkaar", "--step"],
                          env=terminal_env(tmp_path, colour), encoding="utf-8", timeout=60, dimensions=(50, 200))
    child.expect_exact("Mirjam Visser")
    screen = ""
    while True:
        child.send("\r")
        index = child.expect([r"Einde van de selectie[^\r\n]*", r"\n"])
        screen += child.before + child.after
        if index == 0:
            break
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_OK
    assert ("\x1b[" in screen) == colour
    seen = plain(screen)
    assert "netwerk ~ · sociaal" in seen and "Oma Ria: contact wekelijks, blijft na de hulp" in seen
    assert "markering" in seen and "netwerk-uit-elkaar" in seen

    # 4. The exports: a file each, made new with mode 0600.
    documented("gesprek export TRANSCRIPT --format md|html|csv|json|cast|ipynb|jsonl [-o FILE] [--anonymize] [--table events|scores] [--for gezin [--notes]]")
    out = tmp_path / "exports"
    out.mkdir()
    for fmt in ("md", "html", "csv", "json", "jsonl"):
        made = gesprek.run("export", case, "--format", fmt, "-o", out / f"case.{fmt}")
        assert made.returncode == EX_OK, made.stderr
        assert (out / f"case.{fmt}").stat().st_mode & 0o777 == 0o600
    # jsonl: the header and every event as plain lines, for DuckDB and Spark (analysis.md)
    lines = [json.loads(line) for line in (out / "case.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["format"] == "gesprek-transcript" and [e["seq"] for e in lines[1:]] == [e["seq"] for e in events_of(case)]
    assert not any("hash" in line or "sig" in line for line in lines)

    page = Tags()
    page.feed((out / "case.html").read_text(encoding="utf-8"))
    page.close()
    assert page.errors == [] and page.open == []
    # one script: the replay player, inline (its hash is in the page's CSP), nothing loaded from elsewhere
    assert page.seen.count("script") == 1 and page.script_sources == [] and page.seen.count("svg") == 2
    text = " ".join(page.text)
    assert "Oma Ria" in text and "Mirjam Visser" in text

    with (out / "case.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(events_of(case))
    assert any(r["kind"] == "network.set" and r["who"] == "Oma Ria" for r in rows)

    schema = json.loads((REPO / "Transcripts" / "summary.schema.json").read_text(encoding="utf-8"))
    summary = json.loads((out / "case.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(summary)
    assert {"code": "noQuestions", "dimension": "motivationeel"}.items() <= next(
        g for g in summary["gaps"] if g["dimension"] == "motivationeel").items()

    # 5. For outside the team: pseudonymised, with the list of what was replaced on stderr.
    documented("--anonymize")
    anonymous = gesprek.run("export", case, "--format", "html", "--anonymize")
    assert anonymous.returncode == EX_OK, anonymous.stderr
    assert "geanonimiseerd:" in anonymous.stderr and "Controleer de export" in anonymous.stderr
    for name in ("Ellen", "Noor", "Mirjam", "Visser", "Marco", "Oma Ria", "Sophie", "OKT-2026-0733"):
        assert name not in anonymous.stdout, name
    assert "grootmoeder" in anonymous.stdout

    # 6. Is this the transcript as it was written?
    documented("gesprek verify")
    verified = gesprek.run("verify", case)
    assert verified.returncode == EX_OK, verified.stderr
    assert "intact en afgesloten" in verified.stdout + verified.stderr
