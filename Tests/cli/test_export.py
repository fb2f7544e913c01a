"""`gesprek export`: every format read back by a real consumer (Chromium for
HTML, asciinema for the cast, jsonschema for JSON, Python's csv module for
CSV), the file rules of `-o`, the exit codes, and `--anonymize` leaving no
name of any sample in any format."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from support import EX_CANTCREAT, EX_DATAERR, EX_NOINPUT, EX_OK, REPO, SAMPLES, events_of, interrupted, mode, read_transcript

SUMMARY_SCHEMA = REPO / "Transcripts" / "summary.schema.json"
FORMATS = ["md", "html", "csv", "json", "cast", "ipynb"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
ASCIINEMA = shutil.which("asciinema")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
needs_asciinema = pytest.mark.skipif(ASCIINEMA is None, reason="asciinema is not installed")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COUNTED_KINDS = {"ask", "note", "say", "score", "network.add", "network.set", "network.remove", "host"}

sample_ids = [p.stem for p in SAMPLES]


# --- What a transcript holds, worked out here independently of gesprek -------------------------------------

def retracted(events: list[dict]) -> set[int]:
    return {e["retracts"] for e in events if e["kind"] == "undo"}


def counting(events: list[dict]) -> list[dict]:
    """The events that still count: not retracted, not an undo."""
    gone = retracted(events)
    return [e for e in events if e["seq"] not in gone and e["kind"] != "undo"]


def final_network(events: list[dict]) -> list[str]:
    members: dict[str, str] = {}
    for e in counting(events):
        if e["kind"] == "network.add":
            members[e["name"].lower()] = e["name"]
        elif e["kind"] == "network.remove":
            members.pop(e["name"].lower(), None)
    return list(members.values())


def names_in(path: Path) -> tuple[set[str], list[str]]:
    """Every name the transcript declares (participants, members, speakers, case, advisor), and every role."""
    lines = read_transcript(path)
    header, events = lines[0], [line for line in lines[1:] if "close" not in line]
    names = {p["name"] for p in header.get("participants", [])} | {header[k] for k in ("case", "advisor") if k in header}
    roles = [p["role"] for p in header.get("participants", []) if "role" in p]
    for e in events:
        if e["kind"] in ("participant", "network.add", "network.set", "network.remove"):
            names.add(e["name"])
            if "role" in e:
                roles.append(e["role"])
        elif e["kind"] == "say":
            names.add(e["speaker"])
        elif e["kind"] == "session":
            names |= {e[k] for k in ("case", "advisor") if k in e}
    return names, roles


def mentions(text: str, name: str) -> bool:
    """`name` as a whole word (not inside `bellen` for `Ellen`), ignoring case."""
    return re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text, re.IGNORECASE) is not None


# Names that no line declares, only free text holds (a child talked about): worked out by reading the samples.
FREE_TEXT_NAMES = {"overbelaste-moeder-vrijwilligerswerk": ["Ilias", "Amira", "Bilal"]}


def secret_names(path: Path) -> list[str]:
    """The names that identify someone: a name that is only a word of a role (a member called `Vader` with
    role `vader`, `Oudergroep` with role `oudergroep autisme`) becomes that role and cannot vanish."""
    names, roles = names_in(path)
    return sorted(n for n in names if not any(mentions(role, n) for role in roles))


def html_text(page: str) -> str:
    """The text of an HTML page as Python's HTML parser reads it, tags left out."""
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(page)
    parser.close()
    return "".join(parts)


# --- Running export ----------------------------------------------------------------------------------------

def export(gesprek, sample: Path, fmt: str, *extra: str) -> str:
    result = gesprek.run("export", sample, "--format", fmt, *extra)
    assert result.returncode == EX_OK, result.stderr
    return result.stdout


def export_file(gesprek, tmp_path: Path, sample: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"{sample.stem}{'-anon' if '--anonymize' in extra else ''}.{fmt}"
    result = gesprek.run("export", sample, "--format", fmt, "-o", out, *extra)
    assert result.returncode == EX_OK, result.stderr
    assert result.stdout == "", "with -o nothing goes to stdout"
    return out


# --- Markdown ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_markdown_report_has_every_part(gesprek, sample):
    md = export(gesprek, sample, "md")
    events = events_of(sample)
    case = next(e["case"] for e in events if e["kind"] == "session")
    for heading in (f"# Gespreksverslag — {case}", "## Verloop van het gesprek", "## Eigen woorden", "## Overzicht",
                    "### Dekking per dimensie", "### Gemist", "### Vragenlijst gezin", "### Netwerk",
                    "### Krachten en kwetsbaarheden", "| Totaal per antwoordcategorie |"):
        assert heading in md, heading
    rows = [line for line in md.splitlines() if re.match(r"^\| \d+ \| \d+:\d\d \|", line)]
    assert [int(r.split("|")[1]) for r in rows] == [e["seq"] for e in events], "one row per event, in order"
    for e in events:
        if e["kind"] == "say":
            assert "„" + e["text"] + "”" in md.replace("\\", ""), e["text"]
    for seq in retracted(events):
        row = next(r for r in rows if r.startswith(f"| {seq} |"))
        assert "~~" in row and "(ingetrokken)" in row


def test_markdown_in_english(gesprek):
    md = export(gesprek, SAMPLES[0], "md", "--lang", "en")
    assert "## Course of the conversation" in md and "### Coverage per dimension" in md and "### Missed" in md


@pytest.mark.parametrize("fmt", ["md", "html", "ipynb"])
def test_the_scale_speaks_the_readers_language(gesprek, fmt):
    """Scores read "satisfied" in English, "tevreden" in Dutch (the transcript keeps the Dutch label)."""
    sample = next(s for s in SAMPLES if any(e.get("kind") == "score" and e.get("value") == 3 for e in events_of(s)))
    english, dutch = export(gesprek, sample, fmt, "--lang", "en"), export(gesprek, sample, fmt)
    assert "satisfied" in english and "tevreden" not in english
    assert "tevreden" in dutch and "satisfied" not in dutch


# --- HTML --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_html_loads_nothing_from_outside(gesprek, sample):
    html = export(gesprek, sample, "html")
    assert html.startswith("<!DOCTYPE html>")
    for outside in ("http:", "https:", "src=", "url(", "<link", "@import", "<iframe", "<img"):
        assert outside not in html.lower(), outside
    # One script, the player's, inline: the Content-Security-Policy allows it by its hash and nothing else.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and scripts[0][0] == "" and html.lower().count("<script") == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0][1].encode("utf-8")).digest()).decode()
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy, "a Content-Security-Policy"
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'" and rules["script-src"] == f"'sha256-{digest}'"
    assert "@media print" in html and "break-before: page" in html
    assert html.count("<svg ") == 2


def png_rows(path: Path, limit: int) -> tuple[int, list[bytes], int]:
    """Width, the first `limit` rows of pixels and bytes per pixel of an 8-bit RGB(A) PNG, decoded with zlib alone."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG type {depth}/{colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(min(limit, height)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + previous[i]) // 2) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a, b = (line[i - bpp] if i >= bpp else 0), previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, rows, bpp


def chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *args],
                          capture_output=True, text=True, timeout=120)


@needs_chromium
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_html_renders_in_chromium_with_both_pictures(gesprek, tmp_path, sample):
    page = export_file(gesprek, tmp_path, sample, "html")
    events = events_of(sample)
    dom = chromium("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    html = dom.stdout
    assert re.search(r'<svg class="timeline"', html) and re.search(r'<svg class="ecogram"', html)
    moments = sum(len(e["dimensions"]) for e in counting(events) if e["kind"] in COUNTED_KINDS)
    assert html.count('class="mark"') == moments, "one mark per event and dimension on the timeline"
    assert html.count('<g class="member') == len(final_network(events)), "one node per network member"
    for member in counting(events):
        if member["kind"] == "network.add" and member["name"] in final_network(events):
            assert f"<title>{member['name']}" in html
    shot = tmp_path / "page.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1200,3000", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000, result.stderr
    width, rows, bpp = png_rows(shot, 1500)
    pixels = [row[i:i + 3] for row in rows[::3] for i in range(0, width * bpp, bpp * 3)]
    colours = set(pixels)
    assert len(colours) > 50, f"a blank page: {len(colours)} colours"
    dark = sum(1 for p in pixels if sum(p) < 200)
    assert dark / len(pixels) > 0.005, "no text or lines drawn"
    # The ecogram's supporting lines are green (#1b7a34) and thick enough to have pure pixels.
    assert any(abs(p[0] - 0x1b) < 12 and abs(p[1] - 0x7a) < 12 and abs(p[2] - 0x34) < 12 for p in colours)


# --- CSV ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_csv_has_one_row_per_event(gesprek, sample):
    result = gesprek.run("export", sample, "--format", "csv")
    assert result.returncode == EX_OK, result.stderr
    assert result.raw_stdout.endswith(b"\r\n") and b"\r\n" in result.raw_stdout
    rows = list(csv.DictReader(io.StringIO(result.raw_stdout.decode("utf-8"), newline="")))
    events = events_of(sample)
    # The team's reflections beside a sample are rows of their own, each right after the line it is about.
    reflections = [r for r in rows if r["kind"] == "reflection"]
    rows = [r for r in rows if r["kind"] != "reflection"]
    assert len(rows) == len(events)
    beside = Path(str(sample) + ".reflecties")
    assert len(reflections) == (len(beside.read_text(encoding="utf-8").splitlines()) - 1 if beside.exists() else 0)
    gone = retracted(events)
    for row, e in zip(rows, events):
        assert int(row["seq"]) == e["seq"] and row["kind"] == e["kind"] and row["time"] == e["time"]
        assert float(row["elapsed"]) == pytest.approx(e["elapsed"])
        assert row["dimensions"].split() == e["dimensions"]
        assert row["retracted"] == ("true" if e["seq"] in gone else "false")
        if e["kind"] in ("ask", "note", "say"):
            assert row["text"] == e["text"]
        if e["kind"] == "say":
            assert row["who"] == e["speaker"]
        if e["kind"] == "score":
            assert (row["target"], int(row["value"])) == (e["target"], e["value"])


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_csv_score_table_for_a_sheet(gesprek, sample):
    text = export(gesprek, sample, "csv", "--table", "scores")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    latest = {e["target"]: e["value"] for e in counting(events_of(sample)) if e["kind"] == "score"}
    items = [r for r in rows if r["questionnaire"]]
    assert [r["item"] for r in items if r["questionnaire"] == "gezin"] == [
        f"gezin.{s}{n}" for s, count in (("v", 4), ("s", 2), ("c", 3), ("m", 4)) for n in range(1, count + 1)]
    for r in rows:
        assert r["value"] == (str(latest[r["item"]]) if r["item"] in latest else "")
    dimensions = [r["item"] for r in rows if not r["questionnaire"]]
    assert dimensions == [d for d in ("vertrekpunt", "competentioneel", "sociaal", "motivationeel") if d in latest]


def test_table_goes_with_csv_only(gesprek):
    assert gesprek.run("export", SAMPLES[0], "--format", "md", "--table", "scores").returncode == 64


# --- JSON --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def summary_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SUMMARY_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("anonymize", [False, True], ids=["plain", "anonymized"])
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_json_validates_against_the_summary_schema(gesprek, summary_validator, sample, anonymize):
    text = export(gesprek, sample, "json", *(["--anonymize"] if anonymize else []))
    summary = json.loads(text)
    errors = [e.message for e in summary_validator.iter_errors(summary)]
    assert not errors, errors
    events = counting(events_of(sample))
    for dimension, coverage in summary["coverage"].items():
        asked = sum(1 for e in events if e["kind"] == "ask" and dimension in e["dimensions"])
        assert coverage["questions"] == asked, dimension
    assert len(summary["network"]["members"]) == len(final_network(events_of(sample)))
    if not anonymize:
        assert [m["name"] for m in summary["network"]["members"]] == final_network(events_of(sample))
    assert list(summary) == sorted(summary) and list(summary["coverage"]["sociaal"]) == sorted(summary["coverage"]["sociaal"]), \
        "keys are sorted"


def test_schema_rejects_a_summary_that_is_not_one(summary_validator, gesprek):
    summary = json.loads(export(gesprek, SAMPLES[0], "json"))
    broken = dict(summary, gaps=[{"code": "forgotten", "dimension": "sociaal", "text": "?"}])
    assert list(summary_validator.iter_errors(broken))
    assert list(summary_validator.iter_errors({k: v for k, v in summary.items() if k != "coverage"}))


# --- Asciicast ---------------------------------------------------------------------------------------------

def asciinema(*args: str) -> tuple[int, str]:
    """asciinema needs a terminal (it opens /dev/tty): run it on a pseudo-terminal."""
    import pexpect
    output, status = pexpect.run(" ".join([ASCIINEMA, *args]), withexitstatus=True, timeout=120, encoding="utf-8",
                                 env={**os.environ, "TERM": "xterm"})
    return status, ANSI.sub("", output)


@needs_asciinema
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_cast_is_replayed_by_asciinema(gesprek, tmp_path, sample):
    cast = export_file(gesprek, tmp_path, sample, "cast")
    lines = cast.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["version"] == 2 and header["width"] >= 80 and header["height"] > 0
    assert isinstance(header["timestamp"], int) and header["title"].startswith("gesprek")
    records = [json.loads(line) for line in lines[1:]]
    times = [r[0] for r in records]
    assert times == sorted(times)
    events = events_of(sample)
    assert times[-1] >= events[-1]["elapsed"]
    markers = [r[2] for r in records if r[1] == "m"]
    assert markers == [e["label"] for e in counting(events) if e["kind"] == "mark"]
    status, output = asciinema("cat", str(cast))
    assert status == 0, output[-2000:]
    for e in events:
        assert e["line"] in output, e["line"]
        # Typed before the moment it was recorded, and confirmed at that moment.
        typed = [r for r in records if r[1] == "o" and r[2] == e["line"][0]]
        assert any(e["elapsed"] - 3 <= r[0] <= e["elapsed"] for r in typed)
    assert "✓ vraag · vertrekpunt" in output


@needs_asciinema
def test_cast_plays(gesprek, tmp_path):
    cast = export_file(gesprek, tmp_path, SAMPLES[0], "cast")
    status, output = asciinema("play", "-i", "0.001", "-s", "100", str(cast))
    assert status == 0, output[-2000:]
    assert events_of(SAMPLES[0])[3]["line"] in output


# --- --anonymize -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS + ["csv-scores"])
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_anonymize_leaves_no_name_anywhere(gesprek, sample, fmt):
    extra = ["--table", "scores"] if fmt == "csv-scores" else []
    text = export(gesprek, sample, fmt.split("-")[0], "--anonymize", *extra)
    if fmt == "cast":  # a typed line comes a character at a time: search what a player shows too
        records = [json.loads(line) for line in text.splitlines()[1:]]
        text += "\n" + "".join(r[2] for r in records if r[1] == "o")
    names = secret_names(sample) + FREE_TEXT_NAMES.get(sample.stem, [])
    assert len(names) >= 5, names
    found = [name for name in names if mentions(text, name)]
    assert not found, f"{found} still in the {fmt} export of {sample.name}"
    if not extra:  # the score table holds no names to begin with
        plain = export(gesprek, sample, fmt, *extra)
        assert any(mentions(plain, name) for name in names), "the plain export does have names (the check can fail)"


def test_anonymize_uses_roles_and_says_so(gesprek, tmp_path):
    sample = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
    md = export(gesprek, sample, "md", "--anonymize")
    assert "Geanonimiseerd" in md
    assert "- **Deelnemers:** moeder, dochter" in md and "- **Adviseur:** adviseur" in md and "- **Dossier:** dossier" in md
    assert "### moeder\n" in md and "### dochter\n" in md
    assert "via de schoonfamilie en" in md, "a longer name in free text is replaced whole"
    html = export(gesprek, sample, "html", "--anonymize")
    assert "<title>grootmoeder" in html and "<title>buurvrouw" in html


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymize_does_not_repeat_the_role_word_before_a_name(gesprek, fmt, lang):
    """The team's reflection on the sample says "buurvrouw Joke"; Joke's pseudonym is her role, buurvrouw."""
    sample = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
    def shown(text: str) -> str:  # a cast types a line a character at a time: search what a player shows too
        if fmt != "cast":
            return text
        return text + "\n" + "".join(r[2] for r in (json.loads(line) for line in text.splitlines()[1:]) if r[1] == "o")

    plain = shown(export(gesprek, sample, fmt, "--lang", lang))
    assert "buurvrouw Joke erbij" in plain, "the reflection is in the export"
    text = shown(export(gesprek, sample, fmt, "--anonymize", "--lang", lang))
    assert not re.search(r"buurvrouw\s+buurvrouw", text, re.IGNORECASE), re.findall(r".{30}buurvrouw\s+buurvrouw.{10}", text)
    assert "en buurvrouw erbij." in text
    assert not mentions(text, "Joke")


# The sample, and a place, a name after a role word, and a retracted line that named someone after a role word.
EXTRA_LINES = "note #s Opa en oma wonen in Zoetermeer; Juf Annemiek belde ook.\nsay Oma Ria komt zondag.\nundo\n"


def sample_with_more_names(gesprek, tmp_path: Path) -> Path:
    script = REPO / "Scripts" / "overbelaste-moeder-vrijwilligerswerk.gesprek"
    lines = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip() != "summary"]
    path = tmp_path / "meer-namen.gesprek"
    path.write_text("\n".join(lines) + "\n" + EXTRA_LINES, encoding="utf-8")
    transcript = tmp_path / "meer-namen.jsonl"
    result = gesprek.run("run", path, "-o", transcript)
    assert result.returncode == EX_OK, result.stderr
    return transcript


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymize_replaces_names_and_places_that_only_free_text_holds(gesprek, tmp_path, fmt):
    transcript = sample_with_more_names(gesprek, tmp_path)
    result = gesprek.run("export", transcript, "--format", fmt, "--anonymize")
    assert result.returncode == EX_OK, result.stderr
    def shown(text: str) -> str:  # a cast types a line a character at a time: search what a player shows too
        if fmt != "cast":
            return text
        return text + "\n" + "".join(r[2] for r in (json.loads(line) for line in text.splitlines()[1:]) if r[1] == "o")

    text = shown(result.stdout)
    plain = shown(gesprek.run("export", transcript, "--format", fmt).stdout)
    names = ("Ilias", "Amira", "Bilal", "Zoetermeer", "Annemiek", "Ria", "Naima", "Houda")
    # The JSON summary holds the quotes and strengths, not every note: what the plain export holds can fail the check.
    assert sum(mentions(plain, name) for name in names) >= 3 and mentions(plain, "Ilias"), "the plain export has the names"
    found = [name for name in names if mentions(text, name)]
    assert not found, f"{found} still in the anonymized {fmt} export"
    # Role words stay words, also after a retracted `say Oma Ria …`.
    for word in ("oma", "opa", "juf"):
        assert mentions(text, word) or not mentions(plain, word), f"the role word {word} is gone from the {fmt} export"
    assert not mentions(text, "persoon 1"), "nobody is called Oma: no person stands for her"
    # What was replaced is listed on stderr, also when stderr is not a terminal: the user asked for it.
    for name in ("Ilias", "Zoetermeer", "Ria", "Naima"):
        assert re.search(re.escape(name) + r" → \w", result.stderr), result.stderr
    assert "Oma →" not in result.stderr and "oma →" not in result.stderr


def test_keep_leaves_a_word_and_says_so(gesprek, tmp_path):
    transcript = sample_with_more_names(gesprek, tmp_path)
    result = gesprek.run("export", transcript, "--format", "md", "--anonymize", "--keep", "zoetermeer", "Utrecht")
    assert result.returncode == EX_OK, result.stderr
    assert mentions(result.stdout, "Zoetermeer") and not mentions(result.stdout, "Ilias")
    assert "behouden (--keep): Zoetermeer." in result.stderr
    assert "niet als naam gevonden, dus niets te behouden: Utrecht." in result.stderr
    assert "Zoetermeer →" not in result.stderr
    english = gesprek.run("export", transcript, "--format", "md", "--anonymize", "--keep", "Zoetermeer", "--lang", "en")
    assert "kept (--keep): Zoetermeer." in english.stderr
    alone = gesprek.run("export", transcript, "--format", "md", "--keep", "Zoetermeer")
    assert alone.returncode == 64 and "--keep hoort bij --anonymize" in alone.stderr and alone.stdout == ""


# --- Files, exit codes, damaged input ----------------------------------------------------------------------

def test_output_file_is_private_and_never_overwritten(gesprek, tmp_path):
    out = tmp_path / "verslag.html"
    result = gesprek.run("export", SAMPLES[0], "--format", "html", "-o", out, umask=0)
    assert result.returncode == EX_OK, result.stderr
    assert oct(mode(out)) == oct(0o600)
    page = out.read_text(encoding="utf-8")
    case = next(e["case"] for e in events_of(SAMPLES[0]) if e["kind"] == "session")
    assert page.startswith("<!DOCTYPE html>") and f"Gespreksverslag — {case}" in html_text(page)
    before = out.read_bytes()
    again = gesprek.run("export", SAMPLES[0], "--format", "md", "--output", out)
    assert again.returncode == EX_CANTCREAT
    assert "bestaat al" in again.stderr
    assert out.read_bytes() == before


def test_missing_input(gesprek, tmp_path):
    result = gesprek.run("export", tmp_path / "weg.jsonl", "--format", "md")
    assert result.returncode == EX_NOINPUT and result.stdout == ""


def test_not_a_transcript(gesprek, tmp_path):
    path = tmp_path / "lijst.jsonl"
    path.write_text('{"hello": "world"}\n', encoding="utf-8")
    result = gesprek.run("export", path, "--format", "json")
    assert result.returncode == EX_DATAERR
    assert "geen gesprek-transcript" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_cut_off_last_line_is_exported_up_to_that_line(gesprek, summary_validator, tmp_path, fmt):
    data = interrupted(SAMPLES[0].read_bytes())
    cut = tmp_path / "crash.jsonl"
    cut.write_bytes(data[:-20])
    result = gesprek.run("export", cut, "--format", fmt)
    assert result.returncode == EX_OK, result.stderr
    assert "afgebroken" in result.stderr
    events = events_of(SAMPLES[0])
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        assert len(rows) - 1 == len(events) - 1
    if fmt == "md":
        rows = [line for line in result.stdout.splitlines() if re.match(r"^\| \d+ \| \d+:\d\d \|", line)]
        assert len(rows) == len(events) - 1
    if fmt == "ipynb":
        cells = [c for c in json.loads(result.stdout)["cells"] if c["cell_type"] == "code"][:-1]
        assert sum(len("".join(c["source"]).split("\n")) for c in cells) == len(events) - 1
    if fmt == "cast":
        assert f"Transcript gesloten ({len(events) - 1} regels)." in result.stdout
    if fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
        text = html_text(result.stdout)
        for e in events[:-1]:
            if e["kind"] == "say":
                assert e["text"] in text, e["text"]
    if fmt == "json":
        summary = json.loads(result.stdout)
        assert not [e.message for e in summary_validator.iter_errors(summary)]
        assert summary["recorded"] == len(events) - 1
        for dimension, coverage in summary["coverage"].items():
            kept = counting(events[:-1])
            assert coverage["scores"] == sum(1 for e in kept if e["kind"] == "score" and dimension in e["dimensions"])


def test_export_help_shows_its_own_o_in_the_usage_line(gesprek):
    result = gesprek.run("export", "--help", "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    [usage] = [line for line in result.stdout.splitlines() if line.startswith("USAGE:")]
    assert " [-o <file>]" in usage, usage


def test_export_does_not_take_the_live_sessions_options(gesprek, tmp_path):
    result = gesprek.run("export", SAMPLES[0], "--keep-going", "--lang", "en")
    assert result.returncode == 64
    assert "Unknown option '--keep-going'" in result.stderr
