"""The team's reflections (`gesprek annotate`) where a supervisor reads the conversation: `replay` (piped, and
on a pty with colours and with NO_COLOR, `--step` too), `summary` (text, md, json), every export format, `case`,
and `--anonymize` over them; and the readers' warnings for a reflections file that does not verify or cannot
be read (a FIFO, a huge line, garbage), with `--strict` an error. Against the real binary; the reflections are
written by the real `gesprek annotate` (stdin form), and hand-edited ones are signed again with `reseal`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pexpect
import pytest

from support import EX_DATAERR, EX_OK, REPO, events_of, reseal, terminal_env

SAMPLE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
SUMMARY_SCHEMA = json.loads((REPO / "Transcripts" / "summary.schema.json").read_text(encoding="utf-8"))
CASE_SCHEMA = json.loads((REPO / "Transcripts" / "case.schema.json").read_text(encoding="utf-8"))
FORMATS = ["md", "html", "csv", "json", "cast", "ipynb"]

# Seq 7 is a note at 4:40, seq 10 a note at 6:40, seq 16 the marker einde-verkenning at 10:40.
# Adversarial on purpose: a child named only here (Ilias, in the middle of a sentence), the mother in capitals
# (ELLEN), a formula for a spreadsheet, and a word that a test turns into an escape sequence afterwards.
REFLECTIONS = """\
@7 hypothese #m Volgens Noor mag Ilias niet weten dat ELLEN belt.
@10 observatie =HYPERLINK("http://x.invalid","klik")
@einde-verkenning vraag #s XMARK kleurt dit?
"""


def reflections_of(transcript: Path) -> Path:
    return transcript.with_name(transcript.name + ".reflecties")


@pytest.fixture
def annotated(gesprek, tmp_path) -> Path:
    """A copy of a sample in a private folder, with three reflections written by `gesprek annotate`."""
    folder = tmp_path / "bespreking"
    folder.mkdir(mode=0o700)
    path = folder / "t.jsonl"
    shutil.copy(SAMPLE, path)
    path.chmod(0o600)
    result = gesprek.run("annotate", path, input=REFLECTIONS)
    assert result.returncode == EX_OK, result.stderr
    return path


@pytest.fixture
def hostile(gesprek, annotated) -> Path:
    """The annotated copy with an escape sequence (ESC [31m) and a right-to-left override in a reflection's text,
    signed again with the user's key so that it verifies: only the text is hostile."""
    file = reflections_of(annotated)
    lines = file.read_bytes().split(b"\n")[:-1]
    lines = [line.replace(b"XMARK", b"\\u001b[31mROOD\\u202e") for line in lines]
    file.write_bytes(b"\n".join(reseal(lines, gesprek.root / "home")) + b"\n")
    verify = gesprek.run("verify", annotated)
    assert verify.returncode == EX_OK, verify.stdout + verify.stderr
    return annotated


def line_after(lines: list[str], needle: str) -> str:
    index = next(i for i, line in enumerate(lines) if needle in line)
    return lines[index + 1]


# --- replay ------------------------------------------------------------------------------------------------------

def test_replay_piped_shows_each_reflection_right_after_its_line(gesprek, annotated):
    result = gesprek.run("replay", annotated, "--idle-limit", "0")
    assert result.returncode == EX_OK, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert line_after(lines, " 4:40  notitie") == \
        "        ↳ team · hypothese · motivationeel: Volgens Noor mag Ilias niet weten dat ELLEN belt."
    assert line_after(lines, "10:40  markering") == "        ↳ team · vraag · sociaal: XMARK kleurt dit?"
    assert "\x1b" not in result.stdout
    # The closing line counts the conversation's lines, not the reflections.
    assert lines[-1].endswith(f"{len(events_of(annotated))} regels getoond")
    english = gesprek.run("replay", annotated, "--idle-limit", "0", "--lang", "en").stdout.splitlines()
    assert line_after(english, " 4:40  note") == \
        "        ↳ team · hypothesis · motivationeel: Volgens Noor mag Ilias niet weten dat ELLEN belt."


def test_replay_window_shows_only_the_reflections_of_its_lines(gesprek, annotated):
    result = gesprek.run("replay", annotated, "--from", "6:00", "--until", "einde-verkenning", "--idle-limit", "0")
    assert result.returncode == EX_OK, result.stderr
    assert "↳ team · observatie" in result.stdout and "↳ team · vraag" in result.stdout
    assert "↳ team · hypothese" not in result.stdout


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "NO_COLOR"])
def test_replay_on_a_terminal_styles_the_reflection_and_step_mode_needs_no_key_for_it(gesprek, annotated, colour):
    env = terminal_env(gesprek.root, colour)
    child = pexpect.spawn(str(gesprek.binary), ["replay", str(annotated), "--step", "--from", "einde-verkenning"],
                          env=env, cwd=str(gesprek.root), timeout=15, dimensions=(40, 200))
    # The marker is the first line: shown without a key, and its reflection with it.
    child.expect("vraag · sociaal: XMARK kleurt dit\\?".encode())
    before = child.before + child.after
    if colour:
        assert b"\x1b[33m        \xe2\x86\xb3 team \xc2\xb7 vraag" in before
    else:
        assert b"\x1b" not in before.replace(b"\x1b[?", b"")  # no colour (raw mode may still send terminal modes)
        assert b"        \xe2\x86\xb3 team \xc2\xb7 vraag \xc2\xb7 sociaal: XMARK kleurt dit?" in before
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_OK


def test_hidden_characters_in_a_reflection_are_shown_escaped_everywhere(gesprek, hostile):
    replay = gesprek.run("replay", hostile, "--idle-limit", "0")
    assert replay.returncode == EX_OK, replay.stderr
    assert "\\u{1B}[31mROOD\\u{202E} kleurt dit?" in replay.stdout
    assert "\x1b" not in replay.stdout and "\u202e" not in replay.stdout
    env = terminal_env(gesprek.root, True)
    child = pexpect.spawn(str(gesprek.binary), ["replay", str(hostile), "--idle-limit", "0"], env=env,
                          cwd=str(gesprek.root), timeout=15, dimensions=(40, 200))
    child.expect(pexpect.EOF)
    shown = child.before
    assert b"\\u{1B}[31mROOD\\u{202E}" in shown and b"\x1b[31m" not in shown and "\u202e".encode() not in shown
    for fmt in FORMATS:
        result = gesprek.run("export", hostile, "--format", fmt)
        assert result.returncode == EX_OK, result.stderr
        text = result.stdout
        if fmt in ("json", "ipynb", "cast"):
            text = json.dumps([json.loads(line) for line in text.splitlines() if line.strip()] if fmt == "cast"
                              else json.loads(text), ensure_ascii=False)
        assert re.search(r"u\{1B\}\\?\[31mROOD", text), fmt
        assert "\x1b" not in text and "\u202e" not in text, fmt
    summary = gesprek.run("summary", hostile)
    assert "\\u{1B}[31mROOD\\u{202E}" in summary.stdout and "\x1b[31m" not in summary.stdout


# --- summary -----------------------------------------------------------------------------------------------------

def test_summary_lists_the_reflections_by_moment_in_every_format(gesprek, annotated):
    text = gesprek.run("summary", annotated)
    assert text.returncode == EX_OK, text.stderr
    section = text.stdout[text.stdout.index("Reflecties van het team (3):"):].splitlines()
    assert section[1:4] == [
        "  - bij #7 (4:40) hypothese · motivationeel: Volgens Noor mag Ilias niet weten dat ELLEN belt.",
        "  - bij #10 (6:40) observatie: =HYPERLINK(\"http://x.invalid\",\"klik\")",
        "  - bij #16 „einde-verkenning” (10:40) vraag · sociaal: XMARK kleurt dit?",
    ]
    assert "Team reflections (3):" in gesprek.run("summary", annotated, "--lang", "en").stdout
    md = gesprek.run("summary", annotated, "--format", "md").stdout
    assert "## Reflecties van het team" in md
    assert "| #7 | 4:40 | hypothese | motivationeel | Volgens Noor mag Ilias niet weten dat ELLEN belt. |" in md

    result = gesprek.run("summary", annotated, "--format", "json")
    document = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(SUMMARY_SCHEMA)
    assert not [e.message for e in validator.iter_errors(document)]
    assert [(r["moment"], r["kind"], r["elapsed"]) for r in document["reflections"]] == [
        (7, "hypothesis", 280.0), (10, "observation", 400.0), (16, "question", 640.0)]
    assert document["reflections"][2]["marker"] == "einde-verkenning"
    jq = subprocess.run(["jq", "-r", '.reflections[] | select(.kind == "hypothesis") | .kindText + " " + (.moment|tostring)'],
                        input=result.stdout, capture_output=True, text=True, check=True)
    assert jq.stdout == "hypothese 7\n"
    # Without reflections the array is empty, and the summary still validates.
    plain = json.loads(gesprek.run("summary", REPO / "Transcripts" / "overbelaste-moeder-vrijwilligerswerk.jsonl",
                                   "--format", "json").stdout)
    assert plain["reflections"] == [] and not list(validator.iter_errors(plain))


def test_a_caseload_summary_does_not_open_reflections_files(gesprek, annotated):
    # A FIFO beside a transcript would block whoever opens it: the caseload does not.
    other = annotated.with_name("u.jsonl")
    shutil.copy(SAMPLE, other)
    other.chmod(0o600)
    os.mkfifo(reflections_of(other), 0o600)
    result = gesprek.run("summary", annotated.parent)
    assert result.returncode == EX_OK, result.stderr
    assert "t.jsonl" in result.stdout and "u.jsonl" in result.stdout


# --- exports -----------------------------------------------------------------------------------------------------

def test_markdown_and_html_exports_show_them_under_their_line(gesprek, annotated):
    md = gesprek.run("export", annotated, "--format", "md").stdout.splitlines()
    after = line_after(md, "| 7 | 4:40 |")
    assert after == "|  |  |  | ↳ **team · hypothese** | motivationeel | *Volgens Noor mag Ilias niet weten dat ELLEN belt.* |"
    html = gesprek.run("export", annotated, "--format", "html").stdout
    row = re.search(r'<tr id="line-7".*?</tr>\n(<tr[^>]*>)', html)
    assert row and row[1] == '<tr class="reflection reflection-hypothesis" data-about="7">'
    # A reflection row is not a line of the conversation for the player: no data-seq, never an answer.
    for reflection_row in re.findall(r'<tr class="reflection [^"]*"[^>]*>', html):
        assert "data-seq" not in reflection_row and "data-answer" not in reflection_row


def test_csv_gives_reflections_rows_of_their_own_with_formulas_neutralised(gesprek, annotated):
    result = gesprek.run("export", annotated, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    index = next(i for i, r in enumerate(rows) if r["kind"] == "note" and r["seq"] == "10")
    reflection = rows[index + 1]
    assert reflection["kind"] == "reflection" and reflection["seq"] == "10" and reflection["who"] == "team"
    assert reflection["label"] == "observation" and reflection["target"] == "2"
    assert reflection["text"] == "'=HYPERLINK(\"http://x.invalid\",\"klik\")"
    assert [r["kind"] for r in rows].count("reflection") == 3
    assert [r for r in rows if r["kind"] != "reflection"][-1]["seq"] == str(events_of(annotated)[-1]["seq"])


def test_json_cast_and_notebook_exports(gesprek, annotated):
    document = json.loads(gesprek.run("export", annotated, "--format", "json").stdout)
    assert not list(jsonschema.Draft202012Validator(SUMMARY_SCHEMA).iter_errors(document))
    assert len(document["reflections"]) == 3

    cast = gesprek.run("export", annotated, "--format", "cast").stdout.splitlines()
    frames = [json.loads(line) for line in cast[1:]]
    shown = [frame for frame in frames if frame[1] == "o" and "↳ team · hypothese" in frame[2]]
    assert len(shown) == 1 and shown[0][0] == pytest.approx(280, abs=1)
    assert "\x1b[33m  ↳ team · hypothese · motivationeel: Volgens Noor" in shown[0][2]

    notebook = json.loads(gesprek.run("export", annotated, "--format", "ipynb").stdout)
    cells = notebook["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "Ilias" not in code and "XMARK" not in code, "a reflection never becomes a line to run"
    notes = [c for c in cells if c["cell_type"] == "markdown" and c["id"].startswith("reflections-")]
    assert len(notes) >= 1
    text = "".join("".join(c["source"]) for c in notes)
    assert "> ↳ **team · hypothese** · motivationeel (#7): Volgens Noor mag Ilias niet weten dat ELLEN belt." in text
    # The reflection's cell comes right after the cell that holds line 7.
    holder = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and c["id"].startswith("line-")
                  and "Moeder praat snel" in "".join(c["source"]))
    assert cells[holder + 1]["id"].startswith("reflections-")


@pytest.mark.parametrize("notes", [False, True], ids=["plain", "notes"])
def test_the_family_view_never_shows_them_nor_reads_the_file(gesprek, annotated, notes):
    file = reflections_of(annotated)
    file.unlink()
    os.mkfifo(file, 0o600)  # reading it would block: --for gezin does not even open it
    result = gesprek.run("export", annotated, "--for", "gezin", *(["--notes"] if notes else []))
    assert result.returncode == EX_OK, result.stderr
    assert "Ilias" not in result.stdout and "HYPERLINK" not in result.stdout and "team" not in result.stdout.lower()
    assert "reflecties" not in result.stderr


# --- case --------------------------------------------------------------------------------------------------------

@pytest.fixture
def case_folder(gesprek, tmp_path) -> Path:
    """Two conversations of case OKT-15 recorded with `gesprek run --case`, the first with two reflections."""
    folder = tmp_path / "dossier"
    folder.mkdir(mode=0o700)
    for name, script in (("a-eerste", "ask #v Hoe gaat het thuis?\nsay Ellen #v Het is zwaar.\n"),
                         ("b-tweede", "ask #c Wat lukt je goed?\nnote #c Ellen plant de week.\n")):
        (tmp_path / f"{name}.gesprek").write_text(script, encoding="utf-8")
        result = gesprek.run("run", tmp_path / f"{name}.gesprek", "-o", folder / f"{name}.jsonl", "--case", "OKT-15")
        assert result.returncode == EX_OK, result.stderr
    result = gesprek.run("annotate", folder / "a-eerste.jsonl",
                         input="@2 hypothese #m Ellen noemt Ilias niet.\n@1 vraag Vaker open vragen?\n")
    assert result.returncode == EX_OK, result.stderr
    return folder


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_case_shows_the_reflections_per_conversation(gesprek, case_folder, fmt):
    result = gesprek.run("case", "OKT-15", case_folder, "--format", fmt)
    assert result.returncode == EX_OK, result.stderr
    if fmt == "json":
        document = json.loads(result.stdout)
        assert not [e.message for e in jsonschema.Draft202012Validator(CASE_SCHEMA).iter_errors(document)]
        assert [[r["moment"] for r in c["reflections"]] for c in document["conversations"]] == [[1, 2], []]
        jq = subprocess.run(["jq", "-r", ".conversations[0].reflections[1].kindText"], input=result.stdout,
                            capture_output=True, text=True, check=True)
        assert jq.stdout == "hypothese\n"
    else:
        assert "Reflecties van het team per gesprek" in result.stdout
        shown = result.stdout.replace("\\#", "#")  # Markdown escapes the #
        assert "bij #2 (0:00) hypothese · motivationeel: Ellen noemt Ilias niet." in shown
        assert shown.index("bij #1 ") < shown.index("bij #2 "), "by moment"


def test_case_strict_refuses_a_changed_reflections_file(gesprek, case_folder):
    file = reflections_of(case_folder / "a-eerste.jsonl")
    file.write_bytes(file.read_bytes().replace(b"Ilias", b"Iliaz"))
    warned = gesprek.run("case", "OKT-15", case_folder)
    assert warned.returncode == EX_OK and "waarschuwing: reflecties: NIET INTACT" in warned.stderr
    strict = gesprek.run("case", "OKT-15", case_folder, "--strict")
    assert strict.returncode == EX_DATAERR and "(--strict: niet gelezen)" in strict.stderr


# --- anonymize ---------------------------------------------------------------------------------------------------

def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE) is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymize_covers_the_reflections(gesprek, annotated, fmt):
    result = gesprek.run("export", annotated, "--format", fmt, "--anonymize")
    assert result.returncode == EX_OK, result.stderr
    for name in ("Ilias", "Ellen", "Noor", "Marco"):
        assert not mentions(result.stdout, name), f"{name} in {fmt}"
    # The same pseudonyms as in the transcript: the mother's capitals too, and the child only the reflection names.
    assert "Ellen → moeder" in result.stderr and "Noor → dochter" in result.stderr
    assert re.search(r"Ilias → naam \d", result.stderr), result.stderr
    if fmt == "md":
        assert "Volgens dochter mag naam" in result.stdout and "niet weten dat moeder belt." in result.stdout


def test_anonymize_keep_leaves_a_word_in_a_reflection(gesprek, annotated):
    result = gesprek.run("export", annotated, "--format", "md", "--anonymize", "--keep", "Ilias")
    assert result.returncode == EX_OK, result.stderr
    assert "Volgens dochter mag Ilias niet weten dat moeder belt." in result.stdout
    assert "behouden (--keep): Ilias." in result.stderr


# --- a reflections file that does not verify or cannot be read ---------------------------------------------------

READERS = [
    ("replay", ["--idle-limit", "0"]),
    ("summary", []),
    ("export", ["--format", "md"]),
]


@pytest.mark.parametrize("command,extra", READERS, ids=[r[0] for r in READERS])
def test_a_changed_reflections_file_is_a_warning_and_strict_refuses_it(gesprek, annotated, command, extra):
    file = reflections_of(annotated)
    file.write_bytes(file.read_bytes().replace(b"XMARK", b"YMARK"))
    result = gesprek.run(command, annotated, *extra)
    assert result.returncode == EX_OK, result.stderr
    assert re.search(r"t\.jsonl\.reflecties: waarschuwing: reflecties: NIET INTACT: reflectie 3 \(regel 4\) is gewijzigd",
                     result.stderr), result.stderr
    assert "YMARK" in result.stdout, "still shown, as a transcript that does not verify is"
    assert "YMARK" not in result.stderr, "the warning holds no content"
    strict = gesprek.run(command, annotated, *extra, "--strict")
    assert strict.returncode == EX_DATAERR
    assert "(--strict: niet gelezen)" in strict.stderr


@pytest.mark.parametrize("kind", ["fifo", "huge-line", "garbage", "folder"])
@pytest.mark.parametrize("command,extra", READERS, ids=[r[0] for r in READERS])
def test_a_hostile_reflections_file_is_warned_about_and_left_out(gesprek, annotated, command, extra, kind):
    file = reflections_of(annotated)
    file.unlink()
    if kind == "fifo":
        os.mkfifo(file, 0o600)
    elif kind == "huge-line":
        file.write_bytes(b'{"format":"gesprek-reflecties","text":"' + b"a" * (3 << 20) + b'"}\n')
    elif kind == "garbage":
        file.write_bytes(os.urandom(4096))
    else:
        file.mkdir()
    result = gesprek.run(command, annotated, *extra)
    assert result.returncode == EX_OK, result.stderr
    # Unreadable (not a regular file, not a reflections file) or not intact: a warning either way, never a hang or crash.
    assert "t.jsonl.reflecties: waarschuwing: " in result.stderr, result.stderr
    if kind in ("fifo", "folder", "huge-line"):
        assert "reflecties van het team niet getoond: " in result.stderr
    if kind == "huge-line":
        assert "regel 1 is langer dan 1 MiB" in result.stderr and "gewijzigd" not in result.stderr, result.stderr
    assert "↳ team" not in result.stdout and "Reflecties van het team" not in result.stdout
    assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr
    strict = gesprek.run(command, annotated, *extra, "--strict")
    assert strict.returncode == EX_DATAERR, strict.stderr


# --- the HTML player, in chromium ---------------------------------------------------------------------------------

def test_the_html_player_shows_a_reflection_with_its_line_and_never_plays_or_waits_on_it(gesprek, annotated, tmp_path):
    pytest.importorskip("playwright.sync_api", reason="the Python package playwright is not installed")
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.skip("chromium is not installed")
    from test_html_player import ENOUGH, Page
    from playwright.sync_api import sync_playwright

    out = tmp_path / "t.html"
    result = gesprek.run("export", annotated, "--format", "html", "-o", out)
    assert result.returncode == EX_OK, result.stderr
    events = events_of(annotated)
    answers = {e["seq"] for e in events if e["kind"] == "say" and e["speaker"].lower() != "mirjam visser"}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
                                     args=["--no-sandbox"])
        p = Page(browser, out)
        # The player's lines are the conversation's: the three reflections are not among them.
        assert p.page.locator("#player-position").text_content().startswith(f"0 / {len(events)} ")
        stage = p.page.locator("#stage-reflections")
        reflection = p.page.locator('tr.reflection[data-about="7"]')
        for _ in range(6):
            p.button("Volgende").click()
        assert p.current() == 6 and stage.is_hidden()
        assert "ahead" in reflection.get_attribute("class"), "a reflection on a line not yet played waits with it"
        p.button("Volgende").click()
        assert p.current() == 7
        assert stage.is_visible()
        assert stage.text_content() == "↳ team · hypothese: Volgens Noor mag Ilias niet weten dat ELLEN belt."
        assert "ahead" not in reflection.get_attribute("class")
        p.button("Volgende").click()
        assert p.current() == 8 and stage.is_hidden()

        # Presentation hides what is ahead, the reflections too; shows them once their line is played.
        p.button("Presentatie").click()
        p.button("Vorige").click()
        p.button("Vorige").click()
        assert p.current() == 6 and reflection.is_hidden()
        p.button("Volgende").click()
        assert reflection.is_visible()
        p.button("Presentatie").click()

        # "Pause before each answer" stops only before what the family says, never before a reflection.
        p.page.locator("#player-pause-answers").check()
        stops = []
        for _ in range(len(answers) + 2):
            p.button("Afspelen").click()
            p.page.clock.run_for(ENOUGH)
            hint = p.page.locator("#stage-hint")
            if hint.is_hidden():
                break
            assert "team" not in hint.text_content()
            upcoming = p.page.locator("table.events tbody tr[data-seq].ahead").first
            stops.append(int(upcoming.get_attribute("data-seq")))
        assert stops and set(stops) <= answers
        p.close()
        browser.close()


# --- encrypted -----------------------------------------------------------------------------------------------------

def test_an_encrypted_transcripts_reflections_are_shown_with_its_passphrase(gesprek):
    env = {"GESPREK_PASSPHRASE": "correct horse battery"}
    made = gesprek.run("run", "-", "--case", "OKT-R", "--encrypt", env=env, input="mark begin\nnote Moeder Lisa kookt.\n")
    assert made.returncode == EX_OK, made.stderr
    (transcript,) = gesprek.default_transcripts()
    result = gesprek.run("annotate", transcript, env=env, input="@begin observatie #c Lisa kookt zelf\n")
    assert result.returncode == EX_OK, result.stderr
    summary = gesprek.run("summary", transcript, env=env)
    assert summary.returncode == EX_OK, summary.stderr
    assert "observatie · competentioneel: Lisa kookt zelf" in summary.stdout
    replay = gesprek.run("replay", transcript, "--idle-limit", "0", env=env)
    assert "↳ team · observatie · competentioneel: Lisa kookt zelf" in replay.stdout
    assert "OKT-R" in gesprek.run("case", "OKT-R", env=env).stdout
    assert "Lisa kookt zelf" in gesprek.run("case", "OKT-R", env=env).stdout
    # Without the passphrase the transcript cannot be read at all: nothing of the reflections either.
    refused = gesprek.run("summary", transcript)
    assert refused.returncode != EX_OK and "kookt" not in refused.stdout + refused.stderr


# --- a line too long -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("where", [1, 3], ids=["header", "reflection"])
def test_a_line_too_long_is_said_as_such_by_verify_and_the_readers(gesprek, annotated, where):
    file = reflections_of(annotated)
    lines = file.read_bytes().split(b"\n")[:-1]
    # A line of 3 MiB that starts as the line there did: no header or reflection was changed, it is no line at all.
    lines[where - 1] = lines[where - 1][:40] + b"a" * (3 << 20)
    file.write_bytes(b"\n".join(lines) + b"\n")
    too_long = f"regel {where} is langer dan 1 MiB; zo lang wordt geen regel van een reflectiebestand"
    for named in (annotated, file):
        verify = gesprek.run("verify", named)
        assert verify.returncode == EX_DATAERR, verify.stdout + verify.stderr
        assert f"t.jsonl.reflecties: {too_long}" in verify.stdout + verify.stderr, verify.stdout + verify.stderr
        assert "gewijzigd" not in verify.stdout + verify.stderr
    english = gesprek.run("verify", file, "--lang", "en")
    assert f"line {where} is longer than 1 MiB; no line of a reflections file grows that long" in english.stderr
    replay = gesprek.run("replay", annotated, "--idle-limit", "0")
    assert replay.returncode == EX_OK, replay.stderr
    assert f"t.jsonl.reflecties: waarschuwing: reflecties van het team niet getoond: {too_long}" in replay.stderr
    assert "gewijzigd" not in replay.stderr and "aaaa" not in replay.stderr
    strict = gesprek.run("replay", annotated, "--idle-limit", "0", "--strict")
    assert strict.returncode == EX_DATAERR and too_long in strict.stderr
