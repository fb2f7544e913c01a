"""The C interface (Sources/GesprekC/include/gesprek.h, libGesprekC.so) and its Python module.

As a host uses them: the C example (Examples/C/host.c, minimal.c) built with `cc` against the
header and the library, and `Python/gesprek` on ctypes. The samples through either give the
same events and the same summary as `gesprek run`; every JSON answer fits
Sources/GesprekC/gesprek-c.schema.json; nothing a host passes in crashes it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest

from support import EX_OK, REPO, SCHEMA_PATH, SCRIPTS, events_of, read_transcript

HEADER = REPO / "Sources" / "GesprekC" / "include" / "gesprek.h"
C_SCHEMA_PATH = REPO / "Sources" / "GesprekC" / "gesprek-c.schema.json"
EXAMPLES = REPO / "Examples" / "C"
# What differs between two recordings of the same lines: the clock, the keys, the hashes.
TIMING_KEYS = {"time", "elapsed", "hash", "sig", "duration", "first", "last", "timeline"}


@pytest.fixture(scope="session")
def library(gesprek_bin: Path) -> Path:
    value = os.environ.get("GESPREK_LIBRARY")
    path = Path(value) if value else gesprek_bin.parent / "libGesprekC.so"
    if not path.is_file():
        pytest.fail(f"libGesprekC.so not found at {path}: run `swift build` or set GESPREK_LIBRARY", pytrace=False)
    return path


def build(source: Path, library: Path, output: Path, *flags: str) -> Path:
    command = ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pthread", *flags, str(source),
               "-I", str(HEADER.parent), "-L", str(library.parent), "-lGesprekC",
               f"-Wl,-rpath,{library.parent}", "-o", str(output)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return output


@pytest.fixture(scope="session")
def host(library: Path, tmp_path_factory) -> Path:
    return build(EXAMPLES / "host.c", library, tmp_path_factory.mktemp("c") / "host")


@pytest.fixture(scope="session")
def c_schema() -> dict:
    schema = json.loads(C_SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="session")
def fits(c_schema: dict):
    """fits(value, "execute") asserts that value is that $def (or an error)."""
    def check(value, name: str):
        definition = {"$schema": c_schema["$schema"], "$defs": c_schema["$defs"], "$ref": f"#/$defs/{name}"}
        errors = sorted(jsonschema.Draft202012Validator(definition).iter_errors(value), key=str)
        assert not errors, f"{name}: {[e.message for e in errors]} in {value}"
    return check


@pytest.fixture(scope="session")
def event_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"],
                                            "$ref": "#/$defs/event"})


@pytest.fixture(scope="session")
def gesprek_module(library: Path):
    os.environ["GESPREK_LIBRARY"] = str(library)
    sys.path.insert(0, str(REPO / "Python"))
    import gesprek
    return gesprek


def run_host(host: Path, *args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([str(host), *map(str, args)], capture_output=True, timeout=timeout, env=env)


def lines_of(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def without_timing(value):
    if isinstance(value, dict):
        return {k: without_timing(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timing(v) for v in value]
    return value


def summary_json(gesprek, transcript: Path) -> dict:
    result = gesprek.run("summary", "--format", "json", transcript)
    assert result.returncode == EX_OK, result.stderr
    return json.loads(result.stdout)


# --- The header and the library ---------------------------------------------------------------------------

def test_the_library_exports_every_function_the_header_declares(library: Path):
    declared = set()
    for line in HEADER.read_text().splitlines():
        for word in line.replace("(", " ").replace("*", " ").split():
            if word.startswith("gesprek_") and not word.endswith(";") and "(" in line and not line.startswith(" *"):
                if line.split("(")[0].rstrip().endswith(word):
                    declared.add(word)
    assert {"gesprek_version", "gesprek_open", "gesprek_execute", "gesprek_complete", "gesprek_summary",
            "gesprek_close", "gesprek_free", "gesprek_inspect", "gesprek_info", "gesprek_register", "gesprek_save",
            "gesprek_discard"} <= declared
    exported = subprocess.run(["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True,
                              check=True).stdout
    symbols = {line.split()[-1] for line in exported.splitlines() if " T " in line}
    assert declared <= symbols, f"declared but not exported: {declared - symbols}"


def test_the_readme_example_builds_and_runs(library: Path, tmp_path: Path):
    minimal = build(EXAMPLES / "minimal.c", library, tmp_path / "minimal")
    result = run_host(minimal)
    assert result.returncode == 0, result.stderr
    answers = result.stdout.decode().splitlines()
    first, rejected, scored = (json.loads(line) for line in answers[:3])
    assert first["accepted"] and first["event"]["kind"] == "ask"
    assert not rejected["accepted"] and rejected["diagnostics"][0]["message"] == "score takes 0 to 4"
    assert scored["event"]["value"] == 3
    assert "Summary — OKT-1" in json.loads(answers[3])["text"]


# --- The samples: the same events and summary as `gesprek run` --------------------------------------------

@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_samples_through_the_c_host_equal_gesprek_run(script: Path, host: Path, gesprek, tmp_path: Path, fits,
                                                      event_validator):
    by_run = tmp_path / "run.jsonl"
    assert gesprek.run("run", script, "-o", by_run).returncode == EX_OK
    by_c = tmp_path / "c.jsonl"
    result = run_host(host, "run", script, by_c)
    assert result.returncode == 0, result.stderr
    answers = lines_of(result.stdout)
    for answer in answers[:-1]:
        fits(answer, "execute")
        if answer["event"]:
            assert not list(event_validator.iter_errors(answer["event"]))
    assert without_timing(events_of(by_c)) == without_timing(events_of(by_run))
    assert [a["event"] for a in answers[:-1] if a["event"]] == [
        {k: v for k, v in e.items() if k not in ("hash", "sig")} for e in events_of(by_c)]
    assert without_timing(summary_json(gesprek, by_c)) == without_timing(summary_json(gesprek, by_run))
    # The summary the C interface gives is the one `gesprek summary` reads back from its transcript.
    fits(answers[-1], "summary")
    assert without_timing(json.loads(answers[-1]["text"])) == without_timing(summary_json(gesprek, by_c))
    assert read_transcript(by_c)[-1].get("close"), "the transcript ends with its closing record"
    assert oct(by_c.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_samples_through_python_equal_gesprek_run(script: Path, gesprek_module, gesprek, tmp_path: Path):
    by_run = tmp_path / "run.jsonl"
    assert gesprek.run("run", script, "-o", by_run).returncode == EX_OK
    by_python = tmp_path / "python.jsonl"
    with gesprek_module.Session({"transcript": str(by_python)}) as session:
        assert session.transcript_path == str(by_python)
        for line in script.read_text(encoding="utf-8").splitlines():
            assert session.execute(line)["accepted"]
        text = session.summary("text")
    assert without_timing(events_of(by_python)) == without_timing(events_of(by_run))
    assert without_timing(summary_json(gesprek, by_python)) == without_timing(summary_json(gesprek, by_run))
    assert text.startswith("Overzicht")


def test_a_transcript_signed_with_the_users_key_verifies(gesprek_module, gesprek, tmp_path: Path):
    transcript = tmp_path / "signed.jsonl"
    key_folder = gesprek.root / "home" / ".config" / "gesprek"
    assert gesprek.run("key").returncode == EX_OK  # the user's key, as `gesprek key` makes it
    with gesprek_module.Session({"transcript": str(transcript), "signing_key": str(key_folder)}) as session:
        session.execute("ask #v Hoe gaat het?")
        public_key = session.info()["public_key"]
    assert public_key in (key_folder / "signing-key.pub").read_text()
    verified = gesprek.run("verify", transcript)
    assert verified.returncode == EX_OK, verified.stderr


def test_an_encrypted_transcript_needs_its_passphrase(gesprek_module, gesprek, tmp_path: Path):
    transcript = tmp_path / "secret.jsonl"
    with gesprek_module.Session({"transcript": str(transcript), "case": "GEHEIM-1",
                                 "encrypt": {"passphrase": "lang genoeg wachtwoord"}}) as session:
        session.execute("note #c Kookt elke dag voor de kinderen.")
    assert b"Kookt" not in transcript.read_bytes()
    read = gesprek.run("summary", "--format", "json", transcript, env={"GESPREK_PASSPHRASE": "lang genoeg wachtwoord"})
    assert read.returncode == EX_OK, read.stderr
    assert json.loads(read.stdout)["case"] == "GEHEIM-1"


# --- Nothing a host passes in crashes it --------------------------------------------------------------------

def test_hostile_calls_give_error_values(host: Path, fits):
    result = run_host(host, "hostile")
    assert result.returncode == 0, result.stderr
    calls = {line["call"]: line for line in lines_of(result.stdout)}
    codes = {call: line["answer"]["error"]["code"] for call, line in calls.items()
             if line["answer"] and "error" in line["answer"]}
    assert codes == {
        "open invalid JSON": "invalid_json", "open invalid UTF-8": "invalid_utf8", "open not an object": "invalid_json",
        "execute NULL session": "null_argument", "execute NULL line": "null_argument",
        "complete NULL line": "null_argument", "complete cursor past the end": "invalid_cursor",
        "complete cursor inside a character": "invalid_cursor", "inspect invalid UTF-8": "invalid_utf8",
        "summary unknown format": "unknown_format", "register NULL handler": "null_argument",
        "register built-in name": "invalid_command", "register invalid JSON": "invalid_json",
        "execute closed": "no_session", "info closed": "no_session", "close again": "no_session",
        "execute made-up handle": "no_session", "close NULL": "null_argument",
        "save NULL session": "null_argument", "save invalid UTF-8 path": "invalid_utf8", "save closed": "no_session",
        "discard closed": "no_session", "discard NULL": "null_argument",
    }
    for call, line in calls.items():
        if line["answer"] and "error" in line["answer"]:
            fits(line["answer"], "error")
        if "status" in line:
            assert line["status"] == (0 if call.startswith("close first") or call == "close second" else -1), call
    # A line that is not UTF-8 is the language's business: rejected with a diagnostic, as from stdin.
    invalid = calls["execute invalid UTF-8"]["answer"]
    fits(invalid, "execute")
    assert not invalid["accepted"] and invalid["diagnostics"][0]["column"] == 9
    # Two sessions in one process share nothing: the second does not know the first's Oma.
    assert calls["execute first"]["answer"]["accepted"]
    assert not calls["execute second"]["answer"]["accepted"]
    assert calls["summary NULL format"]["answer"]["text"].startswith("Overzicht — TWEE")
    assert calls["second still open"]["answer"]["events"] == 0


def test_two_threads_on_one_session_are_serialised(host: Path):
    result = run_host(host, "threads", 300)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["accepted"] == 600 and answer["info"]["events"] == 600


def test_python_threads_on_one_session(gesprek_module):
    with gesprek_module.Session() as session:
        def work():
            for _ in range(100):
                assert session.execute("note #m Wil het zelf kunnen.")["accepted"]
        workers = [threading.Thread(target=work) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert session.info()["events"] == 300
        events = [session.execute("mark einde")["event"]["seq"]]
        assert events == [301]


def test_python_errors_are_gesprek_errors(gesprek_module, tmp_path: Path):
    with pytest.raises(gesprek_module.GesprekError) as caught:
        gesprek_module.Session({"langauge": "en"})
    assert caught.value.info["code"] == "invalid_option" and "langauge" in caught.value.info["message"]
    existing = tmp_path / "bestaat.jsonl"
    existing.write_text("")
    with pytest.raises(gesprek_module.GesprekError) as caught:
        gesprek_module.Session({"transcript": str(existing), "language": "en"})
    assert caught.value.info["code"] == "transcript_exists" and "never overwritten" in caught.value.info["message"]
    assert existing.read_text() == ""
    session = gesprek_module.Session()
    session.close()
    session.close()  # twice is fine
    with pytest.raises(gesprek_module.GesprekError) as caught:
        session.execute("ask Nog iets?")
    assert caught.value.info["code"] == "no_session"
    with gesprek_module.Session() as open_session:
        with pytest.raises(gesprek_module.GesprekError) as caught:
            open_session.summary("pdf")
        assert caught.value.code == "unknown_format"
        # A str from bytes that are not UTF-8 reaches gesprek as those bytes, and is rejected as such.
        answer = open_session.execute(b"note caf\xe9".decode("utf-8", "surrogateescape"))
        assert not answer["accepted"] and answer["diagnostics"][0]["column"] == 9


# --- What the REPL uses: completion, inspection, summaries, host commands ------------------------------------

def test_completion_in_python_string_indices(gesprek_module, fits):
    with gesprek_module.Session({"participants": ["Zoë:dochter"]}) as session:
        line = "say Zo"
        answer = session.complete(line, len(line))
        assert answer["matches"] == ["Zoë"]
        assert (answer["cursor_start"], answer["cursor_end"]) == (4, 6)
        line = "note éé #so"
        answer = session.complete(line, len(line))
        assert answer["matches"] == ["#sociaal"] and answer["cursor_start"] == 8 and answer["cursor_end"] == 11
        assert line[:answer["cursor_start"]] + answer["matches"][0] == "note éé #sociaal"
        # The C answer itself counts bytes: é is two.
        raw = gesprek_module._take(session._lib.gesprek_complete(session._handle, line.encode(), len(line.encode())))
        fits(raw, "complete")
        assert raw["cursor_start"] == 10
        assert "gezin.s1" in session.complete("score gezin.s", 13)["matches"]


def test_inspect_gives_item_text_and_command_help(gesprek_module, fits):
    with gesprek_module.Session({"language": "en"}) as session:
        item = session.inspect("score gezin.s1 3", 9)
        fits(item, "inspect")
        assert item["found"] and "gezin.s1" in item["text"] and "gezin" in item["text"].split("\n")[1]
        command = session.inspect("score gezin.s1 3", 2)
        assert command["found"] and command["text"].startswith("score")
        assert session.inspect("note #s iets", 6)["text"].startswith("#sociaal")
        assert session.inspect("note iets", 7) == {"found": False, "text": ""}


def test_every_summary_format(gesprek_module, fits):
    with gesprek_module.Session({"language": "en", "case": "OKT-9"}) as session:
        session.execute("network add Oma role=grootmoeder influence=+ stays=yes")
        session.execute("ask #v Hoe gaat het?")
        for format in ("text", "md", "html", "json", "ecogram", "timeline"):
            raw = gesprek_module._take(session._lib.gesprek_summary(session._handle, format.encode()))
            fits(raw, "summary")
        assert json.loads(session.summary("json"))["case"] == "OKT-9"
        assert session.summary("ecogram").startswith("<svg") and "Oma" in session.summary("ecogram")
        assert session.summary("timeline").startswith("<svg")
        assert "<table" in session.summary("html") and session.summary("md").startswith("#")
        fits(session.info(), "info")


def test_host_commands_through_a_callback(gesprek_module, fits):
    invocations = []

    def afspraak(invocation):
        invocations.append(invocation)
        if not invocation["words"]:
            raise gesprek_module.HostCommandError("afspraak needs a date", "afspraak 2026-12-01")
        return {"record": {"fields": {"datum": invocation["words"][0]}}}

    commands = {"afspraak": {"handler": afspraak, "usage": "afspraak DATUM", "help": "A follow-up."},
                "agenda": lambda invocation: "Geen afspraken."}
    with gesprek_module.Session({"language": "en", "show_input": True}, host_commands=commands) as session:
        recorded = session.execute("afspraak 2026-12-01 thuis #m")
        assert recorded["event"]["kind"] == "host" and recorded["event"]["fields"] == {"datum": "2026-12-01"}
        assert recorded["event"]["dimensions"] == ["motivationeel"]
        fits(invocations[0], "invocation")
        rejected = session.execute("afspraak")
        assert not rejected["accepted"] and rejected["diagnostics"][0]["message"] == "afspraak needs a date"
        assert rejected["diagnostics"][0]["hint"] == "afspraak 2026-12-01"
        assert session.execute("agenda") == {"accepted": True, "event": None, "diagnostics": [],
                                             "output": "Geen afspraken.", "unsaved": 0}
        assert "afspraak DATUM" in session.execute("help afspraak")["output"]
        assert session.info()["commands"] == ["afspraak", "agenda"]

        def calls_back(invocation):
            return session.execute("ask Mag dit?")  # gesprek refuses this, the host gets an error

        session.register("terug", calls_back)
        answer = session.execute("terug")
        assert not answer["accepted"] and "busy" in answer["diagnostics"][0]["message"]
        assert session.execute("ask En nu?")["accepted"], "the session goes on after a refused call back"


def test_messages_repeat_the_line_only_with_show_input(gesprek_module):
    line = "score gezin.s1 7 Geheime opmerking"
    with gesprek_module.Session({"language": "en"}) as session:
        diagnostic = session.execute(line)["diagnostics"][0]
        assert "Geheime" not in json.dumps(diagnostic) and "7" not in diagnostic["message"]
    with gesprek_module.Session({"language": "en", "show_input": True}) as session:
        assert line in session.execute(line)["diagnostics"][0]["rendered"]


def test_options_fit_the_schema(fits):
    fits({"transcript": "/tmp/x.jsonl", "case": "OKT-1", "advisor": "Sanne", "participants": ["Lisa:moeder",
          {"name": "Sem", "role": "zoon"}], "language": "en", "encrypt": {"passphrase": "geheim genoeg"},
          "signing_key": None, "show_input": True}, "options")
    with pytest.raises(AssertionError):
        fits({"langauge": "en"}, "options")


# --- When the disk refuses: lines waiting in memory, save, a failed close ----------------------------------
# As the live session (test_disk.py): a line the disk refuses is recorded all the same and waits in memory;
# the host sees how many wait, writes them again or saves everything elsewhere (`save PATH`), and a close
# that fails leaves the session for that rescue instead of losing the lines.

SECRET = "geheim"  # in every note; never in a message (show_input is off)


def notes(first: int, last: int) -> list[str]:
    return [f"note #v Regel {i}: {SECRET}-{i} over het gezin." for i in range(first, last + 1)]


@pytest.fixture
def file_size_limit():
    """limit(bytes) lowers this process's file size limit (Python ignores SIGXFSZ, so a write past it fails with
    EFBIG, as the docs ask of a host); limit(None) and the end of the test raise it again."""
    import resource
    original = resource.getrlimit(resource.RLIMIT_FSIZE)

    def limit(size):
        resource.setrlimit(resource.RLIMIT_FSIZE, original if size is None else (size, original[1]))
    yield limit
    resource.setrlimit(resource.RLIMIT_FSIZE, original)


def test_lines_the_disk_refuses_wait_and_save_writes_them(gesprek_module, gesprek, tmp_path: Path, fits,
                                                          file_size_limit):
    transcript = tmp_path / "t.jsonl"
    session = gesprek_module.Session({"transcript": str(transcript), "language": "en"})
    for line in notes(1, 2):
        assert session.execute(line)["unsaved"] == 0
    file_size_limit(transcript.stat().st_size + 10)
    third, fourth = (session.execute(line) for line in notes(3, 4))
    for answer, waiting in ((third, 1), (fourth, 2)):
        fits(answer, "execute")
        assert answer["accepted"] and answer["event"] and answer["unsaved"] == waiting
        [warning] = answer["diagnostics"]
        assert warning["severity"] == "warning"
        assert warning["message"] == (f"not on disk yet: the file size limit is reached; {waiting} "
                                      f"{'line' if waiting == 1 else 'lines'} waiting in memory")
    with pytest.raises(gesprek_module.GesprekError) as caught:
        session.save()
    fits({"error": caught.value.info}, "error")
    assert caught.value.code == "not_saved" and caught.value.info["unsaved"] == 2
    assert caught.value.info["message"] == "not on disk yet: the file size limit is reached; 2 lines waiting in memory"
    info = session.info()
    fits(info, "info")
    assert (info["unsaved"], info["closing"], info["events"]) == (2, False, 4)
    # Only whole lines reached the file; the two waiting ones are not half written.
    assert transcript.read_bytes().endswith(b"\n") and [e["line"] for e in events_of(transcript)] == notes(1, 2)
    file_size_limit(None)
    saved = session.save()
    fits(saved, "save")
    assert saved == {"transcript": str(transcript), "saved": 2, "unsaved": 0}
    fifth = session.execute(notes(5, 5)[0])
    assert fifth["unsaved"] == 0 and fifth["diagnostics"] == []
    session.close()
    assert [e["line"] for e in events_of(transcript)] == notes(1, 5)
    assert [e["seq"] for e in events_of(transcript)] == [1, 2, 3, 4, 5]
    assert gesprek.run("verify", transcript).returncode == EX_OK
    assert SECRET not in json.dumps([third["diagnostics"], fourth["diagnostics"], caught.value.info])


def test_the_next_line_writes_the_waiting_ones_by_itself(gesprek_module, tmp_path: Path, file_size_limit):
    transcript = tmp_path / "t.jsonl"
    with gesprek_module.Session({"transcript": str(transcript), "language": "en"}) as session:
        session.execute(notes(1, 1)[0])
        file_size_limit(transcript.stat().st_size + 10)
        assert session.execute(notes(2, 2)[0])["unsaved"] == 1
        file_size_limit(None)
        again = session.execute(notes(3, 3)[0])
        assert again["unsaved"] == 0
        assert [d["message"] for d in again["diagnostics"]] == ["saved again: everything is on disk (2 lines caught up)"]
    assert [e["line"] for e in events_of(transcript)] == notes(1, 3)


def test_a_failed_close_leaves_the_session_for_a_rescue_copy(gesprek_module, gesprek, tmp_path: Path, fits):
    transcript, rescue = tmp_path / "t.jsonl", tmp_path / "nood"
    session = gesprek_module.Session({"transcript": str(transcript), "language": "en", "case": "OKT-9"})
    for line in notes(1, 2):
        session.execute(line)
    transcript.unlink()  # removed while open: what is written goes nowhere
    answer = session.execute(notes(3, 3)[0])
    assert answer["unsaved"] == 1
    assert answer["diagnostics"][0]["hint"] == "save everything to a new file; every line is still in memory"
    with pytest.raises(gesprek_module.GesprekError) as caught:
        session.close()
    fits({"error": caught.value.info}, "error")
    # The closing record is made and waits with the line: two.
    assert caught.value.code == "close_failed" and caught.value.info["unsaved"] == 2
    assert caught.value.info["message"] == ("cannot close the transcript: the transcript file was removed; "
                                            "2 lines not on disk yet")
    assert not session.closed
    info = session.info()
    fits(info, "info")
    assert (info["closing"], info["unsaved"], info["events"]) == (True, 2, 3)
    # Closing: no line is taken after the closing record; what only reads still answers.
    for call in (lambda: session.execute("ask Nog iets?"), lambda: session.register("later", lambda _: None)):
        with pytest.raises(gesprek_module.GesprekError) as refused:
            call()
        assert refused.value.code == "closing"
        fits({"error": refused.value.info}, "error")
    assert session.summary("text").startswith("Summary — OKT-9")
    assert "gezin.s1" in session.complete("score gezin.s", 13)["matches"]
    with pytest.raises(gesprek_module.GesprekError) as caught:
        session.save()  # the same file again: still removed
    assert caught.value.code == "not_saved" and caught.value.info["unsaved"] == 2
    # The rescue: everything into a new file in a folder, then the close that finishes it.
    saved = session.save(str(rescue) + "/")
    fits(saved, "save")
    copy = Path(saved["transcript"])
    assert copy.parent == rescue and saved["saved"] == 2 and saved["unsaved"] == 0
    assert oct(copy.stat().st_mode & 0o777) == "0o600" and oct(rescue.stat().st_mode & 0o777) == "0o700"
    assert session.info()["transcript"] == str(copy)
    session.close()
    assert session.closed and not transcript.exists()
    records = read_transcript(copy)
    assert [e["line"] for e in events_of(copy)] == notes(1, 3)
    assert records[-1].get("close") and records[-1]["events"] == 3
    verified = gesprek.run("verify", copy)
    assert verified.returncode == EX_OK, verified.stderr
    assert SECRET not in json.dumps([answer["diagnostics"], caught.value.info])


def test_discard_is_the_last_resort_and_says_what_is_lost(gesprek_module, gesprek, tmp_path: Path):
    transcript = tmp_path / "t.jsonl"
    session = gesprek_module.Session({"transcript": str(transcript)})
    session.execute(notes(1, 1)[0])
    transcript.unlink()
    session.execute(notes(2, 2)[0])
    with pytest.raises(gesprek_module.GesprekError):
        session.close()
    assert session.discard() == 2  # the line and the closing record
    assert session.closed and session.discard() == 0
    with pytest.raises(gesprek_module.GesprekError) as caught:
        session.info()
    assert caught.value.code == "no_session"
    # On a session the disk takes, discard is a close: nothing lost, the transcript ends as it should.
    whole = tmp_path / "heel.jsonl"
    session = gesprek_module.Session({"transcript": str(whole)})
    session.execute(notes(1, 1)[0])
    assert session.discard() == 0
    assert read_transcript(whole)[-1].get("close")
    assert gesprek.run("verify", whole).returncode == EX_OK


def test_a_session_in_memory_is_saved_to_a_file_and_goes_on_there(gesprek_module, gesprek, tmp_path: Path, fits):
    target, existing = tmp_path / "map" / "gesprek.jsonl", tmp_path / "bestaat.jsonl"
    existing.write_text("van iemand anders\n")
    with gesprek_module.Session({"language": "en"}) as session:
        session.execute(notes(1, 1)[0])
        assert session.info()["transcript"] is None
        with pytest.raises(gesprek_module.GesprekError) as caught:
            session.save(str(existing))
        fits({"error": caught.value.info}, "error")
        assert caught.value.code == "transcript_exists"
        assert existing.read_text() == "van iemand anders\n"
        assert session.save() == {"transcript": None, "saved": 0, "unsaved": 0}
        saved = session.save(str(target))
        assert saved == {"transcript": str(target), "saved": 0, "unsaved": 0}
        session.execute(notes(2, 2)[0])
    assert [e["line"] for e in events_of(target)] == notes(1, 2)
    assert read_transcript(target)[-1].get("close")
    assert gesprek.run("verify", target).returncode == EX_OK


def test_the_c_host_under_a_file_size_limit_says_what_is_lost(host: Path, tmp_path: Path, fits):
    """The C example's close: close_failed, then a rescue copy in $GESPREK_RESCUE, which the same limit refuses
    too, then discard with the count of lines lost; exit 74, only whole lines in the transcript."""
    import resource
    script, transcript, rescue = tmp_path / "s.gesprek", tmp_path / "t.jsonl", tmp_path / "nood"
    script.write_text("".join(line + "\n" for line in notes(1, 30)), encoding="utf-8")
    limit = 3000
    result = subprocess.run([str(host), "run", script, transcript, '"language": "en"'], capture_output=True,
                            timeout=60, env=dict(os.environ, GESPREK_RESCUE=str(rescue)),
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 74, result.stderr
    answers = lines_of(result.stdout)[:-1]
    saved = len(events_of(transcript))
    assert 0 < saved < 30 and transcript.read_bytes().endswith(b"\n")
    assert [a["unsaved"] for a in answers] == [0] * saved + list(range(1, 31 - saved))
    closed, copy, lost = lines_of(result.stderr)
    for error in (closed, copy):
        fits(error, "error")
    assert closed["error"]["code"] == "close_failed" and closed["error"]["unsaved"] == 30 - saved + 1
    assert copy["error"]["code"] == "cannot_create" and "file size limit" in copy["error"]["message"]
    assert lost == {"lost": 30 - saved + 1}  # the lines and the closing record
    assert not any(rescue.iterdir()), "a copy that could not be written whole is removed again"
    assert SECRET not in result.stderr.decode()
