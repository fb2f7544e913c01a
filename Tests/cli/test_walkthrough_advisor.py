"""The advisor's first hour, end to end (issue 12): an intake as README.md and
docs/adviseur.md describe it, typed on a pseudo-terminal with colours on
(TERM=xterm-256color, no NO_COLOR), as a new advisor would. Start with the
README's command line, a question per dimension with tags, the client's own
words, scores, the network with Tab, an undo, the short summary, Ctrl-D. Then
the transcript is what the docs promise: it validates against the schema, jq
reads it, and `gesprek verify` says it is intact and closed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import terminal_env
from test_schema import assert_valid_transcript

PROMPT = "› "
TAB, CTRL_D = "\t", "\x04"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\x01")
JQ = shutil.which("jq") or "/usr/bin/jq"


def plain(text: str) -> str:
    return ANSI.sub("", text)


def test_an_advisors_intake_from_the_readme(gesprek, gesprek_bin: Path, tmp_path: Path, validator):
    # README: `./dev start --case OKT-2026-0412 --participant Lisa:moeder`, which runs gesprek so.
    child = pexpect.spawn(str(gesprek_bin), ["--case", "OKT-2026-0412", "--participant", "Lisa:moeder"],
                          env=terminal_env(tmp_path, colour=True), encoding="utf-8", timeout=10, dimensions=(50, 160))
    try:
        child.expect_exact(PROMPT)
        start = plain(child.before)
        path = Path(re.search(r"Transcript: (\S+\.jsonl)", start)[1])
        assert "Typ help voor de commando's, Tab vult aan, Ctrl-D sluit af." in start
        assert "\x1b[" in child.before, "colours are on"

        def line(text: str) -> str:
            child.send(text + "\r")
            child.expect_exact(PROMPT)
            return plain(child.before)

        # The conversation, as in docs/adviseur.md (De taal).
        assert "✓ deelnemer Joris (vader)" in line("participant Joris role=vader")
        assert "✓ vraag · vertrekpunt" in line("ask #v Hoe gaat het met je?")
        assert "✓ citaat · vertrekpunt" in line(
            "say Lisa #v Het gaat wel, maar ik slaap slecht sinds de scheiding.")
        assert "✓ notitie · motivationeel" in line("note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder.")
        line("ask #s Wie kun je bellen als het even niet gaat?")
        assert "✓ netwerk + Oma Ria (grootmoeder, steunend, steun: praktisch+emotioneel, blijft)" in line(
            'network add "Oma Ria" role=grootmoeder influence=+ support=praktisch,emotioneel stays=ja')
        line('network add "Buurvrouw Els" role=buurvrouw influence=+ support=praktisch')
        # Tab: a name with a space from its unquoted start; a key and its value.
        child.send("network set Buur" + TAB + "cont" + TAB + "w" + TAB)
        out = line("")
        assert "✓ netwerk ~ Buurvrouw Els (contact wekelijks)" in out
        # A speaker that is nobody known: recorded, with a warning and the way back.
        out = line("say Oma Ria zegt dat ze vaker wil komen.")
        assert 'bedoel je "Oma Ria"?' in out
        assert '✓ ingetrokken: citaat "Oma: Ria zegt dat ze…"' in line("undo")
        child.send("say Oma" + TAB)
        line("Ik kom graag vaker.")
        assert "✓ notitie · competentioneel" in line("note #c #kracht Houdt de ochtendroutine goed vol.")
        assert "✓ score gezin.s1 3 = tevreden · sociaal" in line("score gezin.s1 3 Kent de belangrijke mensen nu.")
        assert "✓ score motivationeel 2 = neutraal · motivationeel" in line("score motivationeel 2")
        line("mark einde-verkenning")
        # The short summary: one screen.
        summary = line("summary").split("\n", 1)[1].strip("\r\n").splitlines()
        assert len(summary) <= 15, summary
        text = "\n".join(summary)
        assert text.startswith("Overzicht — OKT-2026-0412")
        assert "Netwerk (2): Oma Ria (grootmoeder) +, Buurvrouw Els (buurvrouw) +" in text
        assert "Scores: gezin.s1 3 (tevreden), motivationeel 2 (neutraal)" in text
        assert "Krachten 1, kwetsbaarheden 1" in text
        # Ctrl-D: the whole summary, the transcript closed.
        child.send(CTRL_D)
        child.expect(pexpect.EOF)
        end = plain(child.before)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert f"Transcript gesloten (15 regels): {path}" in end

    events = assert_valid_transcript(path, validator)
    assert [e["kind"] for e in events].count("undo") == 1
    assert events[-5]["line"] == 'say "Oma Ria" Ik kom graag vaker.'
    assert events[7]["line"] == 'network set "Buurvrouw Els" contact=wekelijks '
    if Path(JQ).exists():
        scores = subprocess.run([JQ, "-c", 'select(.kind=="score") | [.target, .value, .label]', str(path)],
                                capture_output=True, text=True, check=True).stdout.split()
        assert scores == ['["gezin.s1",3,"tevreden"]', '["motivationeel",2,"neutraal"]']
    result = gesprek.run("verify", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: intact en afgesloten: 15 gebeurtenissen")
