"""Transcripts/transcript.schema.json describes every line gesprek writes,
and rejects lines that are not in the format."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from support import (ALL_KINDS_SCRIPT, CLI_KINDS, EX_OK, HOST_EVENT_LINE, SAMPLES, SCRIPTS, Gesprek,
                     read_transcript, schema_errors, write_script)


def assert_valid_transcript(path: Path, validator: jsonschema.Draft202012Validator, script_lines: list[str] | None = None):
    """Every line validates; the header comes first and only first; seq counts 1, 2, 3, …"""
    lines = read_transcript(path)
    for number, line in enumerate(lines, start=1):
        errors = schema_errors(validator, line)
        assert not errors, f"{path.name} line {number} does not validate: {errors}\n{json.dumps(line, ensure_ascii=False)}"
    assert "format" in lines[0], f"{path.name}: the first line is not the header"
    events = lines[1:]
    # Version 3: a transcript that was closed ends in its closing record, which is no event.
    if events and "close" in events[-1]:
        closing = events.pop()
        assert closing["events"] == len(events) and closing["file"] == lines[0]["file"], f"{path.name}: the closing record"
        assert closing["close"] == "normal", f"{path.name}: a session that ended normally"
    assert all("seq" in e for e in events), f"{path.name}: a header after the first line"
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    numbers = [e["lineNumber"] for e in events]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), "line numbers do not increase"
    if script_lines is not None:
        for e in events:
            assert e["line"] == script_lines[e["lineNumber"] - 1], f"event {e['seq']}: `line` is not the script's line"
    return events


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("title") and schema.get("description")


def test_schema_documents_every_kind(schema):
    kinds = schema["$defs"]["eventCommon"]["properties"]["kind"]["enum"]
    assert set(kinds) == CLI_KINDS | {"host"}
    for name, definition in schema["$defs"].items():
        if name.endswith("Event"):
            assert definition.get("title") and definition.get("description"), f"{name} lacks a title or description"
            assert definition.get("additionalProperties") is False, f"{name} accepts any field"


def test_there_are_scripts():
    assert SCRIPTS, "Scripts/*.gesprek is empty"


@pytest.mark.parametrize("sample", SAMPLES or [None], ids=lambda p: p.name if p else "none")
def test_sample_transcript_validates(sample, validator):
    if sample is None:
        pytest.skip("no Transcripts/*.jsonl samples yet (they are generated from Scripts/)")
    events = assert_valid_transcript(sample, validator)
    assert events, f"{sample.name} holds no events"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_fresh_transcript_of_script_validates(script, gesprek, validator, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", script, "-o", out)
    assert result.returncode == EX_OK, result.stderr
    script_lines = script.read_text(encoding="utf-8").splitlines()
    events = assert_valid_transcript(out, validator, script_lines)
    recordable = [line for line in script_lines
                  if line.strip() and not line.lstrip().startswith("//")
                  and line.split()[0] not in ("summary", "help") and line.strip() != "network"]
    assert len(events) == len(recordable), "not every line of the script was recorded"


def test_every_kind_the_cli_writes_validates(gesprek, validator, tmp_path):
    script = write_script(tmp_path / "alles.gesprek", ALL_KINDS_SCRIPT)
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", script, "-o", out)
    assert result.returncode == EX_OK, result.stderr
    events = assert_valid_transcript(out, validator, ALL_KINDS_SCRIPT.splitlines())
    assert {e["kind"] for e in events} == CLI_KINDS


def test_host_event_validates(validator):
    assert not schema_errors(validator, json.loads(HOST_EVENT_LINE))


def test_header_with_details_from_flags_validates(gesprek, validator, tmp_path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--case", "OKT-1", "--advisor", "Joost de Wit",
                         "--participant", "Naïma:moeder", "--participant", "Ilias", "--lang", "en",
                         input="note Kort gesprek.\n")
    assert result.returncode == EX_OK, result.stderr
    header = read_transcript(out)[0]
    assert not schema_errors(validator, header)
    assert header["case"] == "OKT-1" and header["advisor"] == "Joost de Wit"
    assert header["participants"] == [{"name": "Naïma", "role": "moeder"}, {"name": "Ilias"}]
    assert header["language"] == "en"


@pytest.mark.parametrize("tz", ["UTC", "Europe/Amsterdam", "America/St_Johns", "Asia/Kolkata"])
def test_times_carry_the_local_offset(tz, gesprek, validator, tmp_path):
    out = tmp_path / "t.jsonl"
    before = datetime.now(timezone.utc)
    result = gesprek.run("run", "-", "-o", out, input="note Eén regel.\n", env={"TZ": tz})
    after = datetime.now(timezone.utc)
    assert result.returncode == EX_OK, result.stderr
    header, event, closing = read_transcript(out)
    for line in (header, event, closing):
        assert not schema_errors(validator, line)
    for stamp in (header["started"], event["time"]):
        moment = datetime.fromisoformat(stamp)
        assert moment.utcoffset() == moment.astimezone(ZoneInfo(tz)).utcoffset(), f"{stamp} is not in {tz}"
        assert before - timedelta(seconds=1) <= moment <= after + timedelta(seconds=1), f"{stamp} is not now"


# --- The schema can fail: lines that are not in the format -------------------------------------------------

@pytest.fixture(scope="module")
def fresh_lines(gesprek_bin, tmp_path_factory):
    """One line of each kind from a fresh transcript, by kind; the header as `header`."""
    root = tmp_path_factory.mktemp("fresh")
    script = write_script(root / "alles.gesprek", ALL_KINDS_SCRIPT)
    out = root / "t.jsonl"
    result = Gesprek(gesprek_bin, root).run("run", script, "-o", out)
    assert result.returncode == EX_OK, result.stderr
    lines = read_transcript(out)
    by_kind = {"header": lines[0], "host": json.loads(HOST_EVENT_LINE), "closing": lines[-1]}
    for event in lines[1:-1]:
        by_kind.setdefault(event["kind"], event)
    return by_kind


def _set(key, value):
    def mutate(line):
        line[key] = value
    return mutate


def _delete(key):
    def mutate(line):
        del line[key]
    return mutate


MUTATIONS = [
    # (kind of line to start from, what is changed, the change)
    ("ask", "extra field", _set("speaker", "Lisa")),
    ("ask", "misspelt field", lambda line: line.update(txt=line.pop("text"))),
    ("ask", "empty text", _set("text", "")),
    ("score", "value 5", _set("value", 5)),
    ("score", "value -1", _set("value", -1)),
    ("score", "value as string", _set("value", "3")),
    ("score", "value 2.5", _set("value", 2.5)),
    ("score", "label of another value", _set("label", "neutraal")),
    ("score", "unknown item", _set("target", "gezin.s9")),
    ("score", "unknown questionnaire", _set("target", "school.s1")),
    ("score", "target in capitals", _set("target", "GEZIN.V1")),
    ("score", "no label", _delete("label")),
    ("note", "unknown kind", _set("kind", "notitie")),
    ("note", "kind of another shape", _set("kind", "say")),
    ("note", "no kind", _delete("kind")),
    ("note", "seq 0", _set("seq", 0)),
    ("note", "seq as string", _set("seq", "1")),
    ("note", "negative elapsed", _set("elapsed", -0.5)),
    ("note", "time without milliseconds", _set("time", "2026-11-23T10:41:07+01:00")),
    ("note", "time without offset", _set("time", "2026-11-23T10:41:07.512")),
    ("note", "time in Z", _set("time", "2026-11-23T10:41:07.512Z")),
    ("note", "impossible date", _set("time", "2026-02-30T10:41:07.512+01:00")),
    ("note", "unknown dimension", _set("dimensions", ["sociaal", "financieel"])),
    ("note", "dimension twice", _set("dimensions", ["sociaal", "sociaal"])),
    ("note", "tags not strings", _set("tags", [1])),
    ("note", "negative lineNumber", _set("lineNumber", -1)),
    ("note", "no line", _delete("line")),
    ("network.add", "influence ++", _set("influence", "++")),
    ("network.add", "unknown support", _set("support", ["geld"])),
    ("network.add", "support as string", _set("support", "praktisch")),
    ("network.add", "stays as string", _set("stays", "yes")),
    ("network.add", "unknown contact", _set("contact", "jaarlijks")),
    ("network.add", "empty name", _set("name", "")),
    ("network.set", "no change", lambda line: [line.pop(k, None) for k in
                                             ("role", "influence", "support", "stays", "distance", "contact")]),
    ("network.remove", "attribute on remove", _set("contact", "zelden")),
    ("undo", "retracts 0", _set("retracts", 0)),
    ("mark", "no label", _delete("label")),
    ("session", "neither case nor advisor", lambda line: [line.pop(k, None) for k in ("case", "advisor")]),
    ("participant", "role as list", _set("role", ["moeder"])),
    ("host", "field not a string", lambda line: line["fields"].update(datum=20261201)),
    ("host", "no fields", _delete("fields")),
    ("header", "version 4", _set("version", 4)),
    ("header", "version 3 without sig", _delete("sig")),
    ("header", "version 3 without signer", _delete("signer")),
    ("note", "sig too short", lambda line: line.update(sig="0" * 127)),
    ("closing", "an ending that is not known", _set("close", "ended")),
    ("closing", "no signature", _delete("sig")),
    ("closing", "no count", _delete("events")),
    ("closing", "a closing that is an event", _set("seq", 6)),
    ("header", "version 2 without hash", _delete("hash")),
    ("header", "hash in capitals", lambda line: line.update(hash=line["hash"].upper())),
    ("note", "hash too short", lambda line: line.update(hash=line["hash"][:63])),
    ("note", "hash not hex", _set("hash", "z" * 64)),
    ("header", "other format", _set("format", "gesprek-notes")),
    ("header", "extra field", _set("user", "sanne")),
    ("header", "unknown language", _set("language", "de")),
    ("header", "session not a uuid", _set("session", "sessie-1")),
    ("header", "participant with extra field", _set("participants", [{"name": "Lisa", "age": 34}])),
    ("header", "participant without name", _set("participants", [{"role": "moeder"}])),
    ("header", "header and event in one", _set("seq", 1)),
]


@pytest.mark.parametrize("kind,change,mutate", MUTATIONS, ids=[f"{k}: {c}" for k, c, _ in MUTATIONS])
def test_mutated_line_fails_validation(kind, change, mutate, fresh_lines, validator):
    original = fresh_lines[kind]
    assert not schema_errors(validator, original), "the unchanged line should validate"
    line = copy.deepcopy(original)
    mutate(line)
    assert line != original
    assert not validator.is_valid(line), f"the schema accepts a line with {change}: {line}"


@pytest.mark.parametrize("text", ["[]", '"gesprek"', "42", "null", "{}"])
def test_a_line_that_is_not_a_transcript_object_fails(text, validator):
    assert not validator.is_valid(json.loads(text))
