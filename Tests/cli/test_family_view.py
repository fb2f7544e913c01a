"""`gesprek export --for gezin`: the conversation for the family, in plain words.

No code or tag leaks into it (no `#m`, no `gezin.s1`, no event kinds), the advisor's notes stay
out unless asked, the situation as the family sees it comes first, and the agreements
(`#afspraak`) come last; a retracted line is not in it."""

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REPO, base_env, events_of

SAMPLES = sorted((REPO / "Transcripts").glob("*.jsonl"))
CODES = [
    re.compile(r"#\w"),  # a tag
    re.compile(r"\b(gezin|professional|organisatie)\.[a-z]+\d"),  # an item id
    re.compile(r"\b(network\.(add|set|remove)|undo|mark)\b"),  # an event kind
    re.compile(r"\b(vertrekpunt|competentioneel|motivationeel)\b"),  # a dimension's code word
]


def export(gesprek_bin, tmp_path, path, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([str(gesprek_bin), "export", "--for", "gezin", str(path), *map(str, args)], env=base_env(tmp_path),
                          capture_output=True, text=True, check=check, timeout=60)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
@pytest.mark.parametrize("format", ["md", "html"])
def test_no_code_or_tag_and_no_note_reaches_the_family(gesprek_bin, tmp_path, sample, format):
    out = export(gesprek_bin, tmp_path, sample, "--format", format).stdout
    for code in CODES:
        assert not code.search(out), f"{code.pattern}: {code.search(out).group(0)!r}"
    notes = [e["text"] for e in events_of(sample) if e.get("kind") == "note" and len(e["text"]) > 20]
    assert notes and not any(n in out for n in notes), "an advisor's note reached the family's view"
    headings = re.findall(r"^## (.+)$", out, re.M) if format == "md" else re.findall(r"<h2>(.+?)</h2>", out)
    assert headings[0] == "Hoe jullie de situatie zien" and headings[-1] == "Afspraken"


def test_notes_when_asked_and_in_english(gesprek_bin, tmp_path):
    sample = REPO / "Transcripts" / "overbelaste-moeder-vrijwilligerswerk.jsonl"
    notes = [e["text"] for e in events_of(sample) if e.get("kind") == "note"]
    out = export(gesprek_bin, tmp_path, sample, "--notes").stdout
    assert any(n in out for n in notes)
    english = export(gesprek_bin, tmp_path, sample, "--lang", "en").stdout
    assert "## How you see the situation" in english and "## Agreements" in english


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.items, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.items.append(data)


def test_agreements_last_retracted_lines_left_out_and_hostile_text_inert(gesprek_bin, tmp_path):
    script = tmp_path / "s.gesprek"
    script.write_text(
        "ask #v Hoe gaat het thuis?\n"
        "say Ellen #v Druk, maar <script>alert(1)</script> we redden het.\n"
        "say Ellen #v Dit neem ik terug.\n"
        "undo\n"
        "note #afspraak Ellen belt volgende week met school.\n"
        "network add \"Oma Ria\" role=oma influence=+ support=praktisch contact=wekelijks\n",
        encoding="utf-8")
    transcript = tmp_path / "t.jsonl"
    subprocess.run([str(gesprek_bin), "run", str(script), "-o", str(transcript), "--case", "OKT-1"], env=base_env(tmp_path),
                   check=True, capture_output=True, timeout=60)
    md = export(gesprek_bin, tmp_path, transcript).stdout
    assert "Dit neem ik terug" not in md
    assert md.rstrip().endswith("- Ellen belt volgende week met school.")
    assert "- Oma Ria helpt met praktische dingen (contact: wekelijks)." in md
    page = export(gesprek_bin, tmp_path, transcript, "--format", "html").stdout
    parser = Text()
    parser.feed(page)
    assert parser.scripts == 0 and any("<script>alert(1)</script>" in t for t in parser.items)


def test_only_md_and_html_are_for_the_family(gesprek_bin, tmp_path):
    sample = SAMPLES[0]
    done = export(gesprek_bin, tmp_path, sample, "--format", "csv", check=False)
    assert done.returncode == 64 and "md of html" in done.stderr
