"""`gesprek run`: where the transcript goes, who may read it, what happens on
errors, and that what was typed arrives unchanged."""

from __future__ import annotations

import json
import os
import re
import unicodedata

import pytest

from support import (EX_CANTCREAT, EX_DATAERR, EX_NOINPUT, EX_OK, events_of, mode, read_transcript,
                     write_script)

THREE_LINES = "ask #v Hoe gaat het?\nsay Lisa #v Goed.\nnote #s Oma helpt.\n"
FILE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}-[0-9a-f]{8}\.jsonl$")


# --- The default folder and its permissions ------------------------------------------------------------------

def test_default_transcript_is_private_even_with_umask_000(gesprek, tmp_path):
    script = write_script(tmp_path / "s.gesprek", THREE_LINES)
    result = gesprek.run("run", script, umask=0)
    assert result.returncode == EX_OK, result.stderr
    files = gesprek.default_transcripts()
    assert len(files) == 1, f"expected one transcript in {gesprek.transcript_dir}, found {files}"
    transcript = files[0]
    assert FILE_NAME.match(transcript.name), f"unexpected file name {transcript.name}"
    assert oct(mode(transcript)) == oct(0o600)
    for folder in (gesprek.data_home, gesprek.data_home / "gesprek", gesprek.transcript_dir):
        assert oct(mode(folder)) == oct(0o700), f"{folder} is not 0700"
    assert str(transcript) in result.stderr, "the transcript's path is not shown on stderr"
    assert str(transcript) not in result.stdout
    assert [e["lineNumber"] for e in events_of(transcript)] == [1, 2, 3]


@pytest.mark.parametrize("existing", ["gesprek", "gesprek/transcripts"])
def test_existing_folders_are_tightened(existing, gesprek):
    """A data folder made earlier with a loose umask: gesprek's own folders end up 0700."""
    (gesprek.data_home / existing).mkdir(parents=True)
    for folder in (gesprek.data_home, gesprek.data_home / "gesprek", gesprek.transcript_dir):
        if folder.exists():
            os.chmod(folder, 0o755)
    result = gesprek.run("run", "-", input=THREE_LINES, umask=0)
    assert result.returncode == EX_OK, result.stderr
    assert oct(mode(gesprek.transcript_dir)) == oct(0o700)
    if existing == "gesprek":
        assert oct(mode(gesprek.data_home / "gesprek")) == oct(0o700)
    assert oct(mode(gesprek.data_home)) == oct(0o755), "a folder that is not gesprek's own was changed"
    (transcript,) = gesprek.default_transcripts()
    assert oct(mode(transcript)) == oct(0o600)


def test_two_runs_make_two_transcripts(gesprek):
    for _ in range(2):
        assert gesprek.run("run", "-", input=THREE_LINES).returncode == EX_OK
    assert len(gesprek.default_transcripts()) == 2


def test_output_file_is_private_and_missing_folders_are_made(gesprek, tmp_path):
    out = tmp_path / "dossiers" / "2026" / "gesprek.jsonl"
    result = gesprek.run("run", "-", "-o", out, input=THREE_LINES, umask=0)
    assert result.returncode == EX_OK, result.stderr
    assert oct(mode(out)) == oct(0o600)
    assert oct(mode(out.parent)) == oct(0o700) and oct(mode(out.parent.parent)) == oct(0o700)
    assert str(out) in result.stderr
    assert gesprek.default_transcripts() == [], "with -o nothing goes to the default folder"


# --- Never overwrite ----------------------------------------------------------------------------------------

def test_existing_output_file_is_never_overwritten(gesprek, tmp_path):
    out = tmp_path / "bestaand.jsonl"
    original = b'{"format":"gesprek-transcript","version":1}\nniet aankomen\n'
    out.write_bytes(original)
    os.chmod(out, 0o640)
    result = gesprek.run("run", "-", "-o", out, "--lang", "nl", input=THREE_LINES)
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert out.read_bytes() == original
    assert oct(mode(out)) == oct(0o640)
    assert str(out) in result.stderr and "bestaat al" in result.stderr
    assert gesprek.default_transcripts() == []


def test_existing_output_file_message_in_english(gesprek, tmp_path):
    out = tmp_path / "bestaand.jsonl"
    out.write_text("x\n")
    result = gesprek.run("run", "-", "-o", out, "--lang", "en", input=THREE_LINES)
    assert result.returncode == EX_CANTCREAT
    assert "exists already" in result.stderr and "never overwritten" in result.stderr
    assert out.read_text() == "x\n"


def test_output_that_cannot_be_created_exits_73(gesprek, tmp_path):
    blocker = tmp_path / "geen-map"
    blocker.write_text("")
    result = gesprek.run("run", "-", "-o", blocker / "t.jsonl", "--lang", "nl", input=THREE_LINES)
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert "kan" in result.stderr and str(blocker / "t.jsonl") in result.stderr


# --- Errors in a script -------------------------------------------------------------------------------------

ERROR_ON_LINE_3 = "ask #v Hoe gaat het?\nsay Lisa #v Goed.\nscore gezin.s1 5 Kent iedereen.\nnote #s Oma helpt.\n"


@pytest.mark.parametrize("lang,message", [
    ("nl", "fout: score gaat van 0 tot en met 4, niet 5"),
    ("en", "error: score takes 0 to 4, got 5"),
])
def test_error_on_line_3_stops_the_script(lang, message, gesprek, tmp_path):
    script = write_script(tmp_path / "fout.gesprek", ERROR_ON_LINE_3)
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", script, "-o", out, "--lang", lang, "--show-input")
    assert result.returncode == EX_DATAERR, result.stderr
    lines = result.stderr.splitlines()
    first = next(i for i, line in enumerate(lines) if re.search(r":3:\d+: ", line))
    assert lines[first] == f"{script}:3:16: {message}"
    # The source line, then a caret under the value 5.
    source, caret = lines[first + 1], lines[first + 2]
    assert source.endswith("3 | score gezin.s1 5 Kent iedereen.")
    assert re.fullmatch(r"\s*\|\s*\^", caret), f"no caret line: {caret!r}"
    assert caret.index("^") == source.index("5 Kent"), "the caret is not under the 5"
    assert [e["lineNumber"] for e in events_of(out)] == [1, 2]
    assert result.stdout == ""


SEVERAL_ERRORS = """\
ask #v Hoe gaat het?
say Lisa #v Goed.
score gezin.s1 5
note #s Oma helpt.
network set Nobody contact=wekelijks
score sociaal 2
"""


@pytest.mark.parametrize("how", ["run FILE", "run -", "stdin mode"])
def test_keep_going_records_every_valid_line_and_exits_65(how, gesprek, tmp_path):
    script = write_script(tmp_path / "fouten.gesprek", SEVERAL_ERRORS)
    out = tmp_path / "t.jsonl"
    if how == "run FILE":
        result = gesprek.run("run", script, "--keep-going", "-o", out, "--lang", "en", "--show-input")
    elif how == "run -":
        result = gesprek.run("run", "-", "--keep-going", "-o", out, "--lang", "en", "--show-input", input=SEVERAL_ERRORS)
    else:
        result = gesprek.run("--keep-going", "-o", out, "--lang", "en", "--show-input", input=SEVERAL_ERRORS)
    assert result.returncode == EX_DATAERR, result.stderr
    assert [e["lineNumber"] for e in events_of(out)] == [1, 2, 4, 6]
    assert re.search(r":3:16: error: score takes 0 to 4, got 5", result.stderr)
    assert re.search(r":5:13: error: Nobody is not in the network", result.stderr)
    assert "4 lines recorded" in result.stderr


def test_without_keep_going_the_rest_is_not_recorded(gesprek, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--lang", "en", input=SEVERAL_ERRORS)
    assert result.returncode == EX_DATAERR
    assert [e["lineNumber"] for e in events_of(out)] == [1, 2]
    assert ":5:" not in result.stderr, "a line after the first error was still read"


# --- Unreadable input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["missing", "folder", "not UTF-8"])
def test_unreadable_script_exits_66_and_records_nothing(kind, gesprek, tmp_path):
    path = tmp_path / "script.gesprek"
    if kind == "folder":
        path.mkdir()
    elif kind == "not UTF-8":
        path.write_bytes(b"note caf\xe9 in Latin-1\n")
    result = gesprek.run("run", path, "--lang", "en")
    assert result.returncode == EX_NOINPUT, result.stderr
    assert str(path) in result.stderr and result.stderr.startswith("gesprek: ")
    assert gesprek.default_transcripts() == [], "a transcript was created for an unreadable script"


def test_unreadable_script_message_in_dutch(gesprek, tmp_path):
    result = gesprek.run("run", tmp_path / "weg.gesprek", "--lang", "nl")
    assert result.returncode == EX_NOINPUT
    assert f"{tmp_path / 'weg.gesprek'} bestaat niet" in result.stderr


# --- stdin and text ------------------------------------------------------------------------------------------

def test_run_dash_reads_stdin(gesprek, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--lang", "nl", input=THREE_LINES)
    assert result.returncode == EX_OK, result.stderr
    events = events_of(out)
    assert [e["line"] for e in events] == THREE_LINES.splitlines()
    assert [e["kind"] for e in events] == ["ask", "say", "note"]
    assert "3 regels vastgelegd" in result.stderr


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("source", ["file", "stdin"])
def test_dutch_letters_survive_unchanged(form, source, gesprek, tmp_path):
    text = unicodedata.normalize(form, (
        'participant Zoë role=dochter\n'
        'say Zoë #v Ik ben geëmotioneerd en naïef, zegt ze in het café.\n'
        'network add "Tante Anaïs" role=tante influence=+ #kracht\n'
        'note #s Anaïs komt uit Zürich, über-georganiseerd.\n'
        'mark ruïne-één\n'))
    out = tmp_path / "t.jsonl"
    if source == "file":
        result = gesprek.run("run", write_script(tmp_path / "ë.gesprek", text), "-o", out)
    else:
        result = gesprek.run("run", "-", "-o", out, input=text)
    assert result.returncode == EX_OK, result.stderr
    raw = out.read_bytes()
    assert b"\\u00" not in raw, "letters were escaped instead of written as UTF-8"
    for word in ("Zoë", "geëmotioneerd", "naïef", "café", "Anaïs", "Zürich", "über", "ruïne-één"):
        assert unicodedata.normalize(form, word).encode("utf-8") in raw, f"{word} did not survive"
    events = events_of(out)
    assert [e["line"] for e in events] == text.splitlines()
    participant, say, network, note, mark = events
    assert participant["name"] == unicodedata.normalize(form, "Zoë")
    assert say["speaker"] == unicodedata.normalize(form, "Zoë")
    assert say["text"] == unicodedata.normalize(form, "Ik ben geëmotioneerd en naïef, zegt ze in het café.")
    assert network["name"] == unicodedata.normalize(form, "Tante Anaïs")
    assert mark["label"] == unicodedata.normalize(form, "ruïne-één")


def test_quotes_backslashes_and_tabs_are_escaped_json(gesprek, tmp_path):
    text = 'note Ze zei "genoeg" \\ klaar\tdaarna stil.\n'
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, input=text)
    assert result.returncode == EX_OK, result.stderr
    (event,) = events_of(out)
    assert event["text"] == 'Ze zei "genoeg" \\ klaar\tdaarna stil.'
    assert len(out.read_bytes().splitlines()) == 3, "an event spans more than one line (the header, it, the closing record)"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_crlf_line_endings_are_not_recorded(source, gesprek, tmp_path):
    text = "note Eerste.\r\nnote Tweede.\r\n"
    out = tmp_path / "t.jsonl"
    if source == "file":
        script = tmp_path / "crlf.gesprek"
        script.write_bytes(text.encode())
        result = gesprek.run("run", script, "-o", out)
    else:
        result = gesprek.run("run", "-", "-o", out, input=text)
    assert result.returncode == EX_OK, result.stderr
    assert [e["text"] for e in events_of(out)] == ["Eerste.", "Tweede."]
    assert b"\\r" not in out.read_bytes()


def test_details_from_flags_go_into_the_header(gesprek, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--case", "OKT-2026-0412", "--advisor", "Sanne Bakker",
                         "--participant", "Milan:jongere", input="note Kwam alleen.\n")
    assert result.returncode == EX_OK, result.stderr
    header = read_transcript(out)[0]
    assert (header["case"], header["advisor"], header["participants"]) == (
        "OKT-2026-0412", "Sanne Bakker", [{"name": "Milan", "role": "jongere"}])
    assert header["language"] == "nl"


@pytest.mark.parametrize("spec", ["", " :moeder", ":moeder"])
def test_a_participant_without_a_name_is_refused_cleanly(spec, gesprek, tmp_path):
    """No crash, and never a nameless participant or one named after the role: a usage error, and no transcript."""
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--participant", spec, "--lang", "en", input="note a\n")
    assert result.returncode >= 0 and "Fatal error" not in result.stderr, f"crashed:\n{result.stderr[:300]}"
    assert result.returncode == 64, result.stderr
    assert f'--participant needs a name, such as "Lisa:moeder"; got "{spec}"' in result.stderr
    assert not out.exists()


def test_summary_goes_to_stdout_and_messages_to_stderr(gesprek, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--lang", "en",
                         input="score gezin.s1 3\nnetwork add Oma influence=+\nsummary\n")
    assert result.returncode == EX_OK, result.stderr
    assert "Oma" in result.stdout and "gezin.s1" in result.stdout
    assert "Transcript:" not in result.stdout and "recorded in" not in result.stdout
    assert len(events_of(out)) == 2, "summary must not be recorded"
    assert json.loads(out.read_text().splitlines()[-2])["kind"] == "network.add"  # before the closing record
