"""`gesprek annotate TRANSCRIPT`: the team's reflections on moments of a conversation, in a file of their
own beside the transcript (TRANSCRIPT.reflecties), against the real binary: the stdin form (good and bad
lines, exit codes), the step session on a terminal (colours on and NO_COLOR), the file (schema, jq, 0600,
one chain across sessions), what verify catches (a changed text, a chain recomputed without the key, a
removed line, a changed transcript), an encrypted transcript, and erase."""

from __future__ import annotations

import hashlib
import io
import os
import json
import re
import shutil
import signal
import subprocess
from pathlib import Path

import jsonschema
import pexpect
import pytest

from support import REPO, interrupted, reseal, terminal_env, wait_for_exit

SAMPLE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
ANNOTATIONS = REPO / "Scripts" / "netwerk-na-scheiding.annotaties"
REFLECTIONS_SCHEMA = REPO / "Transcripts" / "reflections.schema.json"
SECRET = "correct horse battery"


@pytest.fixture
def transcript(gesprek, tmp_path) -> Path:
    """A copy of a sample transcript (signed by the samples' key, which the fixture trusts) in a private folder."""
    folder = tmp_path / "bespreking"
    folder.mkdir(mode=0o700)
    path = folder / "t.jsonl"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture(scope="module")
def reflections_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(REFLECTIONS_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def reflections_of(transcript: Path) -> Path:
    return transcript.with_name(transcript.name + ".reflecties")


def lines_of(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.endswith(b"\n")
    return [json.loads(line) for line in data.decode("utf-8").split("\n")[:-1]]


def events(transcript: Path) -> list[dict]:
    return [line for line in lines_of(transcript) if "seq" in line]


# --- stdin -----------------------------------------------------------------------------------------------------


def test_stdin_lines_become_signed_reflections_beside_the_untouched_transcript(gesprek, transcript,
                                                                               reflections_validator):
    before = transcript.read_bytes()
    result = gesprek.run("annotate", transcript, input=ANNOTATIONS.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    confirmations = result.stdout.splitlines()
    assert confirmations[0] == "reflectie 1 (observatie) vastgelegd bij seq 7"
    assert "reflectie 3 (vraag) vastgelegd bij seq 16 (einde-verkenning)" in confirmations
    assert "reflectie 5 (afspraak) vastgelegd bij seq 37 (netwerk-uit-elkaar)" in confirmations
    assert len(confirmations) == 7
    # The confirmations name numbers only: they may go to a log.
    assert "Noor" not in result.stdout and "oma" not in result.stdout.lower()
    assert transcript.read_bytes() == before

    file = reflections_of(transcript)
    assert oct(file.stat().st_mode & 0o777) == "0o600"
    lines = lines_of(file)
    for line in lines:
        assert not list(reflections_validator.iter_errors(line)), line
    header, reflections = lines[0], lines[1:]
    assert header["format"] == "gesprek-reflecties"
    transcript_lines = lines_of(transcript)
    assert header["transcriptFile"] == transcript_lines[0]["file"]
    assert header["transcriptHash"] == transcript_lines[-1]["hash"]
    assert header["transcriptEvents"] == len(events(transcript))
    assert [r["reflection"] for r in reflections] == list(range(1, 8))
    by_marker = next(r for r in reflections if r.get("marker") == "netwerk-uit-elkaar")
    assert by_marker["moment"] == 37 and by_marker["kind"] == "agreement" and by_marker["dimensions"] == ["sociaal"]
    assert reflections[3]["tags"] == ["kracht"] and reflections[3]["text"] == "Noor noemt zelf oma Ria als steun."

    # jq reads it as JSON Lines, like a transcript.
    jq = subprocess.run(["jq", "-c", "select(.reflection) | [.moment, .kind]", str(file)], capture_output=True,
                        text=True, check=True)
    assert jq.stdout.splitlines()[0] == '[7,"observation"]'

    verify = gesprek.run("verify", transcript)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert re.search(r"t\.jsonl: reflecties: intact: 7 reflecties, ondertekend met sleutel [0-9a-f-]{19} "
                     r"\(vertrouwd\), gebonden aan dit transcript", verify.stdout), verify.stdout
    # Verify of the reflections file on its own checks it against the transcript its name belongs to.
    alone = gesprek.run("verify", file, "--lang", "en")
    assert alone.returncode == 0 and "reflections: intact: 7 reflections" in alone.stdout
    assert "bound to this transcript" in alone.stdout


def test_bad_lines_are_reported_with_line_column_and_hint_and_the_others_are_kept(gesprek, transcript):
    text = "\n".join([
        "# commentaar wordt overgeslagen",
        "",
        "@99 observatie Geheime tekst een",
        "@Geheimemarkering vraag Geheime tekst twee",
        "@3 mening Geheime tekst drie",
        "@3 vraag",
        "observatie #c Geheime tekst zonder moment",
        '@"einde-verkenning" hypothese #m Blijft staan',
    ]) + "\n"
    result = gesprek.run("annotate", transcript, input=text)
    assert result.returncode == 65, result.stderr
    assert result.stdout.splitlines() == ["reflectie 1 (hypothese) vastgelegd bij seq 16 (einde-verkenning)"]
    err = result.stderr
    assert "stdin:3:1: fout: @99 bestaat niet: het transcript heeft seq 1 tot en met 49" in err
    assert "tip: kies een seq van 1 tot en met 49" in err
    assert "stdin:4:1: fout: het transcript heeft deze markering niet" in err
    assert "stdin:5:4: fout: onbekende soort reflectie" in err and "soorten: observatie, hypothese, afspraak, vraag" in err
    assert "stdin:6:9: fout: de reflectie heeft tekst nodig" in err
    assert "stdin:7:1: fout: over welk moment? begin met @seq of @markering" in err
    # stderr is no terminal: nothing that was typed is repeated.
    assert "Geheime" not in err and "mening" not in err
    assert [r["text"] for r in lines_of(reflections_of(transcript))[1:]] == ["Blijft staan"]

    # With --show-input and in English the line and the markers are shown.
    shown = gesprek.run("annotate", transcript, "--show-input", "--lang", "en", input="@onbekend vraag x\n")
    assert shown.returncode == 65
    assert "stdin:1:1: error: the transcript has no marker ‘onbekend’" in shown.stderr
    assert "1 | @onbekend vraag x" in shown.stderr
    assert "hint: markers: einde-verkenning, netwerk-uit-elkaar" in shown.stderr


def test_a_second_session_goes_on_with_the_same_chain(gesprek, transcript):
    first = gesprek.run("annotate", transcript, input="@1 observatie Eerste\n@2 vraag Tweede\n")
    assert first.returncode == 0, first.stderr
    second = gesprek.run("annotate", transcript, input="@3 afspraak #s Derde\n")
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "reflectie 3 (afspraak) vastgelegd bij seq 3"
    lines = lines_of(reflections_of(transcript))
    assert sum(1 for line in lines if line.get("format") == "gesprek-reflecties") == 1
    assert [line["reflection"] for line in lines[1:]] == [1, 2, 3]
    # One chain: each line's hash follows from the one before.
    previous = b""
    for raw in reflections_of(transcript).read_bytes().split(b"\n")[:-1]:
        body = re.match(rb'^(.*),"hash":"([0-9a-f]{64})","sig":"[0-9a-f]{128}"\}$', raw)
        digest = hashlib.sha256(previous + body[1] + b"}").digest()
        assert digest.hex() == body[2].decode()
        previous = digest
    verify = gesprek.run("verify", transcript)
    assert verify.returncode == 0 and "intact: 3 reflecties" in verify.stdout


# --- what verify catches ---------------------------------------------------------------------------------------

SEALED = re.compile(rb'^(.*),"hash":"[0-9a-f]{64}","sig":"[0-9a-f]{128}"\}$')


def rehashed_without_the_key(lines: list[bytes]) -> list[bytes]:
    """Every hash recomputed and signed with a key of the forger's own: the lines still name the real signer."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forger = Ed25519PrivateKey.generate()
    previous, out = b"", []
    for line in lines:
        body = SEALED.match(line)[1] + b"}"
        digest = hashlib.sha256(previous + body).digest()
        signature = forger.sign(b"gesprek-transcript-line:" + digest)
        out.append(body[:-1] + b',"hash":"' + digest.hex().encode() + b'","sig":"' + signature.hex().encode() + b'"}')
        previous = digest
    return out


@pytest.fixture
def annotated(gesprek, transcript) -> Path:
    result = gesprek.run("annotate", transcript, input=ANNOTATIONS.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    return transcript


def raw_lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_a_changed_text_is_caught_and_nothing_is_added_to_it(gesprek, annotated):
    file = reflections_of(annotated)
    lines = raw_lines(file)
    lines[2] = lines[2].replace(b"loyaliteitsconflict", b"gemis")
    write_lines(file, lines)
    verify = gesprek.run("verify", annotated)
    assert verify.returncode == 65
    assert "reflecties: NIET INTACT: reflectie 2 (regel 3) is gewijzigd" in verify.stdout
    refused = gesprek.run("annotate", annotated, input="@1 vraag Nog een\n")
    assert refused.returncode == 65
    assert "er wordt niets aan toegevoegd" in refused.stderr
    assert raw_lines(file) == lines


def test_a_chain_recomputed_without_the_key_is_forged(gesprek, annotated):
    file = reflections_of(annotated)
    lines = raw_lines(file)
    lines[4] = lines[4].replace(b"oma Ria", b"niemand")
    write_lines(file, rehashed_without_the_key(lines))
    verify = gesprek.run("verify", annotated, "--lang", "en")
    assert verify.returncode == 65
    assert "reflections: NOT INTACT: forged: the chain holds, but the header (line 1) has no valid signature" \
        in verify.stdout


def test_a_removed_line_is_caught(gesprek, annotated):
    file = reflections_of(annotated)
    lines = raw_lines(file)
    del lines[3]
    write_lines(file, lines)
    verify = gesprek.run("verify", file)
    assert verify.returncode == 65
    assert "reflecties: NIET INTACT: reflectie 3 verwijderd: ontbreekt vóór regel 4" in verify.stdout


def test_a_cut_last_line_is_reported_and_mended_by_the_next_session(gesprek, annotated):
    file = reflections_of(annotated)
    data = file.read_bytes()
    file.write_bytes(data[:-40])
    verify = gesprek.run("verify", annotated)
    assert verify.returncode == 0, verify.stdout
    assert "intact: 6 reflecties" in verify.stdout and "afgebroken laatste regel 8" in verify.stdout
    assert gesprek.run("verify", annotated, "--strict").returncode == 65
    again = gesprek.run("annotate", annotated, input="@1 vraag Opnieuw\n")
    assert again.returncode == 0, again.stderr
    assert "reflectie 7 (vraag)" in again.stdout
    assert "intact: 7 reflecties" in gesprek.run("verify", annotated).stdout


def test_a_changed_transcript_no_longer_binds_its_reflections(gesprek, annotated):
    # Changed and signed anew (by the user here, whose key is trusted): the transcript verifies, but it is
    # another version of it.
    config = gesprek.root / "home" / ".config" / "gesprek"
    samples_key = re.search(r"^[0-9a-f]{64}$", (REPO / "Transcripts" / "samples.pub").read_text(), re.M)[0].encode()
    own_key = re.search(r"^[0-9a-f]{64}$", (config / "signing-key.pub").read_text(), re.M)[0].encode()
    lines = [line.replace(samples_key, own_key) for line in raw_lines(annotated)]
    lines[6] = lines[6].replace(b"Saai", b"Leuk")
    write_lines(annotated, reseal(lines, gesprek.root / "home"))
    verify = gesprek.run("verify", annotated)
    assert verify.returncode == 65, verify.stdout
    assert "t.jsonl: intact en afgesloten" in verify.stdout
    assert "reflecties: NIET INTACT: gebonden aan een andere versie van het transcript" in verify.stdout
    refused = gesprek.run("annotate", annotated, input="@1 vraag Nog een\n")
    assert refused.returncode == 65 and "andere versie van dit transcript" in refused.stderr


def test_annotate_refuses_a_changed_or_interrupted_transcript(gesprek, transcript):
    lines = raw_lines(transcript)
    lines[6] = lines[6].replace(b"Saai", b"Leuk")
    write_lines(transcript, lines)
    result = gesprek.run("annotate", transcript, input="@1 vraag x\n")
    assert result.returncode == 65
    assert "het transcript is niet intact en ondertekend: NIET INTACT: seq 6 (regel 7) is gewijzigd" in result.stderr
    assert not reflections_of(transcript).exists()

    shutil.copy(SAMPLE, transcript)
    transcript.write_bytes(interrupted(transcript.read_bytes()))
    result = gesprek.run("annotate", transcript, input="@1 vraag x\n")
    assert result.returncode == 65
    assert "niet afgesloten" in result.stderr and f"gesprek repair {transcript}" in result.stderr
    assert not reflections_of(transcript).exists()


# --- encryption and erasure ------------------------------------------------------------------------------------


def test_an_encrypted_transcript_gets_encrypted_reflections_and_erase_removes_them(gesprek):
    env = {"GESPREK_PASSPHRASE": SECRET}
    made = gesprek.run("run", "-", "--case", "OKT-R", "--encrypt", env=env,
                       input="mark begin\nnote Moeder Lisa kookt.\n")
    assert made.returncode == 0, made.stderr
    (transcript,) = gesprek.default_transcripts()
    result = gesprek.run("annotate", transcript, env=env, input="@begin observatie #c Lisa kookt zelf\n")
    assert result.returncode == 0, result.stderr
    file = reflections_of(transcript)
    data = file.read_text(encoding="utf-8")
    assert "Lisa" not in data and "kookt" not in data and "observation" not in data
    envelope = json.loads(data.splitlines()[0])
    assert envelope["format"] == "gesprek-transcript-encrypted" and envelope["key"]
    assert envelope["key"] == json.loads(transcript.read_text(encoding="utf-8").splitlines()[0])["key"]
    verify = gesprek.run("verify", transcript, env=env)
    assert verify.returncode == 0 and "reflecties: intact: 1 reflectie" in verify.stdout
    # A second session goes on in the encrypted file.
    assert gesprek.run("annotate", transcript, env=env, input="@2 vraag Meer\n").returncode == 0
    assert "intact: 2 reflecties" in gesprek.run("verify", transcript, env=env).stdout
    keep = file.read_bytes()

    erased = gesprek.run("erase", "OKT-R", "--yes", env=env)
    assert erased.returncode == 0, erased.stderr
    assert f"{file}" in erased.stdout
    assert "2 bestanden verwijderd" in erased.stdout
    assert not file.exists() and not transcript.exists()
    # A copy left elsewhere is shredded with the case's key.
    file.write_bytes(keep)
    copy = gesprek.run("verify", file, env=env)
    assert copy.returncode != 0 and "gewist op verzoek" in copy.stdout + copy.stderr


# --- the terminal ----------------------------------------------------------------------------------------------


def spawn(gesprek, transcript: Path, colour: bool, *args: str) -> pexpect.spawn:
    env = terminal_env(gesprek.root, colour)
    child = pexpect.spawn(str(gesprek.binary), ["annotate", str(transcript), *args], env=env, encoding="utf-8",
                          timeout=10, dimensions=(50, 220))
    child.logfile_read = io.StringIO()
    return child


def assert_colours(child: pexpect.spawn, colour: bool) -> None:
    """Colours (the bold header, the cyan prompt) on a colour terminal; none with NO_COLOR."""
    screen = child.logfile_read.getvalue()
    for code in ("\x1b[1m", "\x1b[36m"):
        assert (code in screen) == colour, (code, colour)


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_step_session_adds_reflections_to_the_line_shown_and_by_marker(gesprek, transcript, colour):
    child = spawn(gesprek, transcript, colour)
    child.expect_exact("Dossier OKT-2026-0733")
    child.expect_exact("seq 1")
    child.expect("› ")
    for seq in range(2, 8):                  # Enter: the next line
        child.send("\r")
        child.expect_exact(f"seq {seq}")
        child.expect("› ")
    assert "Noor kijkt steeds naar haar moeder" in child.logfile_read.getvalue()
    child.send("observatie #v Het team ziet loyaliteit\r")
    child.expect_exact("reflectie 1 (observatie) vastgelegd bij seq 7")
    child.expect("› ")
    child.send("@netwerk-uit-elkaar afspraak #s Netwerkberaad plannen\r")
    child.expect_exact("reflectie 2 (afspraak) vastgelegd bij seq 37 (netwerk-uit-elkaar)")
    child.expect("› ")
    child.send("mening Geen soort\r")        # wrong: said, and the line is given back to correct
    child.expect_exact("onbekende soort reflectie")
    child.expect("› ")
    child.send("\x01\x0b")                    # Ctrl-A Ctrl-K: clear the line given back
    child.send("q\r")
    child.expect_exact("2 reflecties toegevoegd aan")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 65             # a line was refused
    assert_colours(child, colour)
    reflections = lines_of(reflections_of(transcript))[1:]
    assert [(r["moment"], r["kind"], r["text"]) for r in reflections] == [
        (7, "observation", "Het team ziet loyaliteit"), (37, "agreement", "Netwerkberaad plannen")]
    assert reflections[1]["marker"] == "netwerk-uit-elkaar"


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_earlier_reflections_show_at_their_line_and_ctrl_d_ends(gesprek, transcript, colour):
    assert gesprek.run("annotate", transcript, input="@2 vraag Wie is Ellen?\n").returncode == 0
    child = spawn(gesprek, transcript, colour)
    child.expect_exact("Er is al 1 reflectie")
    child.expect_exact("seq 1")
    child.send("\r")
    child.expect_exact("↳ vraag: Wie is Ellen?")
    child.expect("› ")
    child.sendcontrol("d")
    child.expect_exact("0 reflecties toegevoegd")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert_colours(child, colour)
    assert len(lines_of(reflections_of(transcript))) == 2


def test_a_hang_up_loses_nothing_confirmed(gesprek, transcript):
    child = spawn(gesprek, transcript, False)
    child.expect("› ")
    child.send("vraag #m Bevestigd voor het ophangen\r")
    child.expect_exact("reflectie 1 (vraag) vastgelegd bij seq 1")
    child.expect("› ")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 129
    reflections = lines_of(reflections_of(transcript))[1:]
    assert [r["text"] for r in reflections] == ["Bevestigd voor het ophangen"]
    verify = gesprek.run("verify", transcript)
    assert verify.returncode == 0 and "intact: 1 reflectie," in verify.stdout


@pytest.mark.parametrize("colour", [False, True], ids=["NO_COLOR", "colour"])
def test_a_closed_terminal_loses_nothing_confirmed(gesprek, transcript, colour):
    """A real hang-up: the window is closed (the pty's master side goes), not a SIGHUP sent by hand."""
    child = spawn(gesprek, transcript, colour)
    child.expect("› ")
    child.send("observatie #c Bevestigd voor het sluiten\r")
    child.expect_exact("reflectie 1 (observatie) vastgelegd bij seq 1")
    child.expect("› ")
    child.send("hypothese half getypt")
    os.close(child.child_fd)
    status = wait_for_exit(child.pid)
    child.closed = True
    assert os.WIFEXITED(status), f"killed by signal {os.WTERMSIG(status)}"
    assert os.WEXITSTATUS(status) == 129
    reflections = lines_of(reflections_of(transcript))[1:]
    assert [r["text"] for r in reflections] == ["Bevestigd voor het sluiten"]
    assert gesprek.run("verify", transcript).returncode == 0


def test_help_documents_the_line_form(gesprek):
    for args, words in ((["help", "annotate"], ["@12 observatie #c #kracht", "@\"rond afspraken\" afspraak",
                                                "observatie, hypothese, afspraak of vraag", "TRANSCRIPT.reflecties"]),
                        (["annotate", "--help", "--lang", "en"], ["@12 observation #c #kracht",
                                                                  "observation, hypothesis, agreement or question"])):
        result = gesprek.run(*args)
        assert result.returncode == 0, result.stderr
        for word in words:
            assert word in result.stdout, (args, word)


def test_verify_of_a_folder_checks_the_reflections_beside_each_transcript(gesprek, annotated):
    other = annotated.with_name("ander.jsonl")
    shutil.copy(REPO / "Transcripts" / "jongere-verwezen-door-school.jsonl", other)
    verify = gesprek.run("verify", annotated.parent)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"{annotated}: reflecties: intact: 7 reflecties" in verify.stdout
    assert f"{other}: intact en afgesloten" in verify.stdout and f"{other}: reflecties" not in verify.stdout
    # The reflections file is no transcript: the folder counts two, and the reflections file beside one.
    assert "2 transcripten, 1 bestand met reflecties: 3 intact, 0 niet intact" in verify.stdout
    lines = raw_lines(reflections_of(annotated))
    lines[1] = lines[1].replace(b"loyaliteit", b"angst")
    write_lines(reflections_of(annotated), lines)
    broken = gesprek.run("verify", annotated.parent)
    assert broken.returncode == 65 and "reflecties: NIET INTACT: reflectie 1 (regel 2) is gewijzigd" in broken.stdout


def test_a_second_session_at_the_same_time_is_refused(gesprek, transcript):
    child = spawn(gesprek, transcript, False)
    child.expect("› ")
    child.send("vraag Eerste\r")
    child.expect_exact("reflectie 1 (vraag) vastgelegd")
    child.expect("› ")
    other = gesprek.run("annotate", transcript, input="@2 vraag Tweede\n")
    assert other.returncode == 75
    assert "een andere gesprek annotate voegt nu reflecties toe aan dit bestand" in other.stderr
    child.send("q\r")
    child.expect(pexpect.EOF)
    child.close()
    after = gesprek.run("annotate", transcript, input="@2 vraag Tweede\n")
    assert after.returncode == 0, after.stderr
    assert [r["text"] for r in lines_of(reflections_of(transcript))[1:]] == ["Eerste", "Tweede"]


def test_ctrl_c_drops_the_line_being_typed_and_sigterm_keeps_what_was_confirmed(gesprek, transcript):
    child = spawn(gesprek, transcript, True)
    child.expect("› ")
    child.send("observatie Half getypt")
    child.sendcontrol("c")
    child.expect_exact("^C")
    child.expect("› ")
    child.send("afspraak #s Wel bevestigd\r")
    child.expect_exact("reflectie 1 (afspraak) vastgelegd bij seq 1")
    child.expect("› ")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 143
    assert [r["text"] for r in lines_of(reflections_of(transcript))[1:]] == ["Wel bevestigd"]
    assert "intact: 1 reflectie," in gesprek.run("verify", transcript).stdout


def test_the_shipped_sample_validates_and_is_bound_to_its_transcript(gesprek, reflections_validator):
    sample = reflections_of(SAMPLE)
    for line in lines_of(sample):
        assert not list(reflections_validator.iter_errors(line)), line
    verify = gesprek.run("verify", SAMPLE)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "reflecties: intact: 7 reflecties, ondertekend met sleutel a383-e764-4fd5-1479 (vertrouwd), gebonden aan dit " \
        "transcript" in verify.stdout


def test_verify_counts_transcripts_and_reflections_files_each_for_what_they_are(gesprek, annotated):
    other = annotated.with_name("ander.jsonl")
    shutil.copy(REPO / "Transcripts" / "jongere-verwezen-door-school.jsonl", other)
    reflections = reflections_of(annotated)
    # The reflections file named beside its transcript: checked (and counted) once.
    both = gesprek.run("verify", annotated, reflections, other)
    assert both.returncode == 0, both.stdout + both.stderr
    assert both.stdout.count("reflecties: intact: ") == 1, both.stdout
    assert both.stdout.splitlines()[-1] == "2 transcripten, 1 bestand met reflecties: 3 intact, 0 niet intact of niet te controleren, 0 onleesbaar"
    english = gesprek.run("verify", annotated, reflections, other, "--lang", "en")
    assert english.stdout.splitlines()[-1] == "2 transcripts, 1 reflections file: 3 intact, 0 not intact or not checkable, 0 unreadable"
    alone = gesprek.run("verify", other, reflections)
    assert alone.stdout.splitlines()[-1].startswith("1 transcript, 1 bestand met reflecties: 2 intact"), alone.stdout
    # A changed reflections file is the one not intact, and counted as a reflections file.
    lines = raw_lines(reflections)
    lines[1] = lines[1].replace(b"loyaliteit", b"angst")
    write_lines(reflections, lines)
    broken = gesprek.run("verify", other, reflections)
    assert broken.returncode == 65
    assert broken.stdout.splitlines()[-1].startswith("1 transcript, 1 bestand met reflecties: 1 intact, 1 niet intact"), broken.stdout


def test_verify_help_names_the_shared_key_option_once_and_its_own_strict(gesprek):
    for lang, words in (("nl", ["--key <bestand>", "Vertrouw ook de publieke sleutel(s) in dit bestand", "--strict",
                                "Ook afsluitcode 65 als een transcript niet afgesloten is"]),
                        ("en", ["--key <file>", "Trust the public key(s) in this file too", "--strict",
                                "Exit code 65 as well when a transcript is not closed"])):
        result = gesprek.run("verify", "--help", "--lang", lang)
        assert result.returncode == 0, result.stderr
        text = " ".join(result.stdout.split())
        for word in words:
            assert word in text, (lang, word, result.stdout)
        assert text.count("--key <") == 2, "once in the usage line, once in the options"
