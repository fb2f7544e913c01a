"""Records that hold up against hostile input (issue 11, D–F): outputs that
cannot attack their readers (spreadsheet formulas, terminal escapes, NUL,
bidirectional overrides), files and folders that are not what they seem
(FIFOs, devices, oversized lines, folders others can change, a repair that
races another writer), and a passphrase and settings that fail closed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pexpect
import pytest

from crash import SEAL, check_chain
from support import EX_CANTCREAT, EX_DATAERR, EX_NOINPUT, EX_OK, Gesprek, base_env, events_of, reseal, terminal_env, write_script

EX_USAGE = 64
EX_TEMPFAIL = 75
EX_CONFIG = 78

# The script's placeholders, each replaced in the transcript by a payload (as JSON text).
SCRIPT = """\
session case=CASEX advisor=ADVX
participant PARTX role=moeder
ask #v QASK
say PARTX QSAY
note #c QNOTE
network add NETX role=buur influence=+
score gezin.v1 3 QSCORE
mark LABELX
"""
PAYLOADS = {
    # JSON escapes (a raw control character would not be JSON) and raw UTF-8 where JSON allows it.
    b"CASEX": rb"OKT\u001b]0;PWNED\u0007\u001b[2J",
    b"ADVX": "Sanne\u202eknaB".encode(),
    b"PARTX": "Lisa\u2066".encode(),
    b"QASK": rb"Hoe\u0000gaat het?",
    b"QSAY": rb'=HYPERLINK(\"http://x\")',
    b"QNOTE": rb"\u001b[2J\u001b[31mrood\u009b1m\u007f",
    b"NETX": b"=cmd|'/c calc'!A1",
    b"QSCORE": b"@SUM(1+1)",
    b"LABELX": b"+einde",
}
# What must never reach a reader raw: ESC, BEL, NUL, DEL, C1 (U+009B), the bidi override and isolate.
RAW = [b"\x1b", b"\x07", b"\x00", b"\x7f", "\u009b".encode(), "\u202e".encode(), "\u2066".encode()]


@pytest.fixture
def hostile(gesprek: Gesprek, tmp_path: Path) -> Path:
    """A chained transcript whose text holds every payload, as a hand-edited one could."""
    made = tmp_path / "gemaakt.jsonl"
    result = gesprek.run("run", write_script(tmp_path / "s.gesprek", SCRIPT), "-o", made)
    assert result.returncode == EX_OK, result.stderr
    data = made.read_bytes()
    for placeholder, payload in PAYLOADS.items():
        data = data.replace(placeholder, payload)
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in reseal(data.split(b"\n")[:-1], tmp_path / "home")))
    check_chain(path.read_bytes())
    assert gesprek.run("verify", path).returncode == EX_OK
    return path


def assert_no_raw(output: bytes, what: str):
    for raw in RAW:
        assert raw not in output, f"{what}: {raw!r} reaches the reader raw"


FORMATS = ["md", "html", "csv", "json", "ipynb"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_no_export_format_carries_a_control_character_or_bidi_override(hostile, gesprek: Gesprek, fmt, colour):
    env = {"TERM": "xterm-256color"} if colour else {"TERM": "xterm-256color", "NO_COLOR": "1"}
    result = gesprek.run("export", hostile, "--format", fmt, env=env)
    assert result.returncode == EX_OK, result.stderr
    assert_no_raw(result.raw_stdout, f"export --format {fmt}")
    assert_no_raw(result.raw_stderr, f"export --format {fmt} (stderr)")
    # The characters are shown, escaped, not dropped.
    shown = json.loads(result.stdout) if fmt == "json" else result.stdout
    assert "\\u{1B}" in (json.dumps(shown, ensure_ascii=False) if fmt == "json" else shown)
    assert "\\u{202E}" in result.stdout or fmt not in ("md", "html")


def test_the_cast_export_keeps_its_own_colours_but_not_the_transcripts_escapes(hostile, gesprek: Gesprek):
    result = gesprek.run("export", hostile, "--format", "cast")
    assert result.returncode == EX_OK, result.stderr
    lines = result.stdout.splitlines()
    played = "".join(json.loads(line)[2] for line in lines[1:])
    for raw in ["\x1b[2J", "\x1b]0;", "\x07", "\x00", "\x7f", "\u009b", "\u202e", "\u2066"]:
        assert raw not in played, f"the cast plays {raw!r}"
    assert "\\u{1B}[2J" in played


def test_the_csv_neutralises_formulas_and_still_parses(hostile, gesprek: Gesprek):
    events = gesprek.run("export", hostile, "--format", "csv")
    scores = gesprek.run("export", hostile, "--format", "csv", "--table", "scores")
    for result in (events, scores):
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout, "csv")
    rows = list(csv.DictReader(io.StringIO(events.stdout, newline="")))
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["say"]["text"] == "'=HYPERLINK(\"http://x\")"
    assert by_kind["network.add"]["who"] == "'=cmd|'/c calc'!A1"
    assert by_kind["score"]["text"] == "'@SUM(1+1)"
    assert by_kind["mark"]["label"] == "'+einde"
    # Numbers stay numbers.
    assert by_kind["score"]["value"] == "3" and by_kind["score"]["seq"].isdigit()
    for row in rows + list(csv.DictReader(io.StringIO(scores.stdout, newline=""))):
        for column, cell in row.items():
            assert not re.match(r"[=+@\t\r]|-(?![0-9.]+$)", cell or ""), f"{column}: {cell!r} would be a formula"
    score_rows = list(csv.DictReader(io.StringIO(scores.stdout, newline="")))
    assert [r["note"] for r in score_rows if r["item"] == "gezin.v1"] == ["'@SUM(1+1)"]


@pytest.mark.parametrize("args", [["summary"], ["summary", "--format", "md"], ["summary", "--format", "json"],
                                  ["replay", "--speed", "1000"], ["verify"]])
def test_summary_replay_and_verify_show_the_transcript_without_raw_controls(hostile, gesprek: Gesprek, args):
    for env in ({"TERM": "xterm-256color"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}):
        result = gesprek.run(args[0], hostile, *args[1:], env=env)
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout + result.raw_stderr, " ".join(args))


def test_a_caseload_row_shows_the_case_reference_escaped(hostile, gesprek: Gesprek, tmp_path: Path):
    other = tmp_path / "tweede.jsonl"
    other.write_bytes(hostile.read_bytes())
    for fmt in ("text", "md", "json"):
        result = gesprek.run("summary", hostile, other, "--format", fmt)
        assert result.returncode == EX_OK, result.stderr
        assert_no_raw(result.raw_stdout + result.raw_stderr, f"caseload {fmt}")
        assert "OKT\\u{1B}]0;" in (result.stdout if fmt != "json" else json.loads(result.stdout)["transcripts"][0]["caseReference"])


def test_a_file_name_with_an_escape_is_shown_escaped(hostile, gesprek: Gesprek, tmp_path: Path):
    odd = tmp_path / "a\x1b[2Jb.jsonl"
    odd.write_bytes(hostile.read_bytes())
    for args in (["verify", odd], ["summary", odd, hostile]):
        result = gesprek.run(*args)
        assert result.returncode == EX_OK, result.stderr
        assert b"\x1b" not in result.raw_stdout + result.raw_stderr
        assert "a\\u{1B}[2Jb.jsonl" in result.stdout


@pytest.mark.parametrize("option", ["--case", "--advisor", "--participant"])
def test_an_option_with_a_control_character_is_refused(gesprek: Gesprek, tmp_path: Path, option):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, option, "OKT\x1b]0;PWNED\x07\x1b[2J", input="ask #v Hoe gaat het?\n")
    assert result.returncode == EX_USAGE
    assert f"{option}:4: onzichtbaar stuurteken U+001B" in result.stderr
    assert "tip:" in result.stderr
    assert b"\x1b" not in result.raw_stderr and "PWNED" not in result.stderr
    assert not out.exists()


def test_an_option_with_a_bidi_override_is_refused_in_english_too(gesprek: Gesprek, tmp_path: Path):
    result = gesprek.run("--lang", "en", "run", "-", "-o", tmp_path / "t.jsonl", "--advisor", "Sanne\u202eknaB", input="")
    assert result.returncode == EX_USAGE
    assert "--advisor:6: invisible control character U+202E" in result.stderr


def test_a_typed_line_with_a_bidi_override_is_refused(gesprek: Gesprek, tmp_path: Path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--keep-going",
                         input="participant Lisa\u202e role=moeder\nask #v Hoe gaat het?\n")
    assert result.returncode == EX_DATAERR
    assert "stdin:1:17: fout: onzichtbaar stuurteken U+202E in de regel" in result.stderr
    assert [event["kind"] for event in events_of(out)] == ["ask"]


# E. Hostile files and folders

def run_with_timeout(gesprek: Gesprek, *args, env=None) -> subprocess.CompletedProcess:
    """The command must end by itself: a reader that waits on a FIFO fails here, not by hanging the suite."""
    full = dict(gesprek.env)
    full.update(env or {})
    return subprocess.run([str(gesprek.binary), *map(str, args)], capture_output=True, env=full, timeout=15,
                          stdin=subprocess.DEVNULL, text=True)


@pytest.fixture
def caseload(hostile: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "caseload"
    folder.mkdir(mode=0o700)
    (folder / "a.jsonl").write_bytes(hostile.read_bytes())
    os.mkfifo(folder / "b.jsonl", 0o600)
    (folder / "c.jsonl").symlink_to("/dev/zero")
    return folder


def test_a_fifo_and_a_device_in_a_caseload_are_refused_promptly(caseload: Path, gesprek: Gesprek):
    result = run_with_timeout(gesprek, "summary", caseload)
    assert result.returncode == EX_NOINPUT
    assert f"{caseload}/b.jsonl: dit is geen gewoon bestand maar een FIFO (named pipe)" in result.stderr
    assert f"{caseload}/c.jsonl: dit is geen gewoon bestand maar een apparaat" in result.stderr
    assert result.stdout.startswith("transcript") and "a.jsonl" in result.stdout
    assert "totaal (1 transcripten)" in result.stdout


@pytest.mark.parametrize("name, kind", [("b.jsonl", "een FIFO (named pipe)"), ("c.jsonl", "een apparaat")])
@pytest.mark.parametrize("command", [["summary"], ["verify"], ["export"], ["replay"], ["repair"]])
def test_every_reader_refuses_a_file_that_is_not_regular(caseload: Path, gesprek: Gesprek, name, kind, command):
    result = run_with_timeout(gesprek, command[0], caseload / name)
    assert result.returncode == EX_NOINPUT, result.stderr
    assert f"dit is geen gewoon bestand maar {kind}; gesprek leest alleen gewone bestanden" in result.stderr


def test_verify_gives_a_verdict_per_file_and_66_for_the_fifo(caseload: Path, gesprek: Gesprek):
    result = run_with_timeout(gesprek, "verify", caseload / "a.jsonl", caseload / "b.jsonl")
    assert result.returncode == EX_NOINPUT
    assert f"{caseload}/a.jsonl: intact" in result.stdout
    assert "2 transcripten: 1 intact, 0 niet intact of niet te controleren, 1 onleesbaar" in result.stdout


@pytest.mark.parametrize("command", ["run", "check", "train"])
def test_a_script_that_is_a_fifo_is_refused(gesprek: Gesprek, tmp_path: Path, command):
    fifo = tmp_path / "script.gesprek"
    os.mkfifo(fifo, 0o600)
    args = [command, fifo] + (["-o", tmp_path / "t.jsonl"] if command == "run" else [])
    result = run_with_timeout(gesprek, *args)
    assert result.returncode == EX_NOINPUT
    assert "dit is geen gewoon bestand maar een FIFO (named pipe)" in result.stderr


def test_an_oversized_line_is_refused_with_its_number(hostile: Path, gesprek: Gesprek, tmp_path: Path):
    lines = hostile.read_bytes().split(b"\n")[:-1]
    long = lines[3].replace(b"gaat", b"x" * ((1 << 20) + 1), 1)
    assert len(long) > 1 << 20
    big = tmp_path / "groot.jsonl"
    big.write_bytes(b"".join(line + b"\n" for line in reseal(lines[:3] + [long] + lines[4:], tmp_path / "home")))
    for args in (["summary", big], ["export", big, "--format", "csv"], ["summary", big, hostile]):
        result = run_with_timeout(gesprek, *args)
        assert result.returncode == EX_DATAERR, result.stderr
        assert f"{big}: regel 4 is langer dan 1 MiB" in result.stderr
    assert "intact" in run_with_timeout(gesprek, "verify", big).stdout


@pytest.fixture
def foreign_folder(tmp_path: Path) -> Path:
    """A folder that belongs to someone else and lets everyone create files: an attacker's 0733."""
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    os.chmod(folder, 0o733)
    return folder


def test_no_transcript_is_created_in_a_folder_another_user_controls(foreign_folder: Path, gesprek: Gesprek):
    out = foreign_folder / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, input="ask #v Hoe gaat het?\n")
    assert result.returncode == EX_CANTCREAT
    assert f"de map {foreign_folder} is van een andere gebruiker" in result.stderr
    assert "er is geen transcript gemaakt" in result.stderr and "tip:" in result.stderr
    assert not out.exists()


@pytest.fixture
def open_folder():
    """A folder everyone can reach and write to (tmp_path lies in a 0700 folder nobody else can enter)."""
    folder = Path(tempfile.mkdtemp(prefix="gesprek-open-", dir="/tmp"))
    os.chmod(folder, 0o777)
    yield folder
    shutil.rmtree(folder)


def test_no_transcript_is_created_in_a_folder_everyone_can_write(gesprek: Gesprek, open_folder: Path):
    folder = open_folder
    result = gesprek.run("--lang", "en", "run", "-", "-o", folder / "t.jsonl", input="ask #v Hoe gaat het?\n")
    assert result.returncode == EX_CANTCREAT
    assert f"in the folder {folder} everyone on this computer can create and remove files" in result.stderr
    assert f"hint: chmod 700 {folder}" in result.stderr
    os.chmod(folder, 0o1777)  # sticky, as /tmp: others cannot remove or rename your files
    assert gesprek.run("run", "-", "-o", folder / "t.jsonl", input="ask #v Hoe gaat het?\n").returncode == EX_OK


def test_verify_warns_about_a_folder_another_user_controls(hostile: Path, foreign_folder: Path, gesprek: Gesprek):
    target = foreign_folder / "t.jsonl"
    target.write_bytes(hostile.read_bytes())
    result = gesprek.run("verify", target)
    assert result.returncode == EX_OK
    assert "intact" in result.stdout
    assert f"waarschuwing: de map {foreign_folder} is van een andere gebruiker (nobody)" in result.stderr
    assert "vertrouw dit transcript niet zonder meer" in result.stderr


def test_a_caseload_in_a_folder_another_user_controls_is_warned_about_once(hostile: Path, foreign_folder: Path,
                                                                           gesprek: Gesprek):
    for name in ("a.jsonl", "b.jsonl"):
        (foreign_folder / name).write_bytes(hostile.read_bytes())
    result = gesprek.run("summary", foreign_folder)
    assert result.returncode == EX_OK, result.stderr
    assert result.stderr.count(f"waarschuwing: de map {foreign_folder} is van een andere gebruiker (nobody)") == 1
    assert "totaal (2 transcripten)" in result.stdout


def test_a_symlinked_transcripts_folder_gets_a_warning(gesprek: Gesprek, tmp_path: Path):
    real = tmp_path / "elders"
    real.mkdir(mode=0o700)
    (gesprek.data_home / "gesprek").mkdir(parents=True)
    gesprek.transcript_dir.symlink_to(real)
    result = gesprek.run("run", "-", input="ask #v Hoe gaat het?\n")
    assert result.returncode == EX_OK, result.stderr
    assert f"waarschuwing: de transcriptmap {gesprek.transcript_dir} is een symbolische koppeling" in result.stderr
    assert len(list(real.iterdir())) == 1


def stopped(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] == "T"


def repair_while(gesprek: Gesprek, path: Path, change) -> subprocess.CompletedProcess:
    """Runs repair, which stops itself after reading the file (a test hook); `change` runs then."""
    env = dict(gesprek.env)
    env["GESPREK_TEST_STOP_IN_REPAIR"] = "1"
    proc = subprocess.Popen([str(gesprek.binary), "repair", str(path)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    while not stopped(proc.pid):
        assert proc.poll() is None, proc.communicate()
        os.sched_yield()
    change()
    proc.send_signal(signal.SIGCONT)
    out, err = proc.communicate(timeout=15)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture
def cut(hostile: Path, tmp_path: Path) -> Path:
    path = tmp_path / "afgebroken.jsonl"
    data = hostile.read_bytes()
    path.write_bytes(data + data.split(b"\n")[-2][:40])
    return path


def test_repair_refuses_when_another_program_appended_meanwhile(cut: Path, gesprek: Gesprek):
    appended = b"".join(b'{"extra":%d}\n' % i for i in range(272))

    def append():
        with open(cut, "ab") as f:
            f.write(appended)

    before = cut.read_bytes()
    result = repair_while(gesprek, cut, append)
    assert result.returncode == EX_TEMPFAIL, result.stderr
    assert "het transcript veranderde terwijl het werd hersteld" in result.stderr
    assert cut.read_bytes() == before + appended, "nothing the other program wrote is lost"
    assert not list(cut.parent.glob("*.bak*")), "the backup of a repair that did not happen is removed"


def test_repair_goes_ahead_when_nothing_changed_meanwhile(cut: Path, gesprek: Gesprek):
    # The cut line comes after every whole one (the transcript's closing record included).
    cut_line = cut.read_bytes().count(b"\n") + 1
    result = repair_while(gesprek, cut, lambda: None)
    assert result.returncode == EX_OK, result.stderr
    assert f"afgebroken laatste regel {cut_line} weggehaald" in result.stderr
    check_chain(cut.read_bytes())


# F. Passphrase and settings fail closed

def test_a_short_passphrase_from_the_environment_is_refused(gesprek: Gesprek, tmp_path: Path):
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, "--encrypt", input="ask #v Hoe gaat het?\n",
                         env={"GESPREK_PASSPHRASE": "a"})
    assert result.returncode == EX_USAGE
    assert "het wachtwoord in GESPREK_PASSPHRASE is te kort: een nieuw transcript vraagt minstens 8 tekens" in result.stderr
    assert not out.exists()
    ok = gesprek.run("run", "-", "-o", out, "--encrypt", input="ask #v Hoe gaat het?\n",
                     env={"GESPREK_PASSPHRASE": "12345678"})
    assert ok.returncode == EX_OK, ok.stderr


def spawn_live(gesprek_bin: Path, tmp_path: Path, args: list[str], extra: dict | None = None, colour: bool = True):
    env = terminal_env(tmp_path, colour, extra)
    return pexpect.spawn(str(gesprek_bin), args, env=env, encoding="utf-8", timeout=10)


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_history_with_encryption_is_refused_before_anything_is_written(gesprek_bin: Path, tmp_path: Path, colour):
    out = tmp_path / "t.jsonl"
    child = spawn_live(gesprek_bin, tmp_path, ["--history", "--encrypt", "-o", str(out)],
                       {"GESPREK_PASSPHRASE": "12345678"}, colour)
    child.expect_exact("--history (of GESPREK_HISTORY=1) gaat niet samen met versleuteling")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_USAGE
    assert not out.exists()
    assert not (tmp_path / "home" / ".local" / "state" / "gesprek" / "history").exists()


def test_history_from_the_environment_with_the_encrypt_setting_is_refused(gesprek_bin: Path, tmp_path: Path):
    config = tmp_path / "home" / ".config" / "gesprek"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config").write_text("encrypt = yes\n", encoding="utf-8")
    out = tmp_path / "t.jsonl"
    child = spawn_live(gesprek_bin, tmp_path, ["-o", str(out)], {"GESPREK_HISTORY": "1", "GESPREK_PASSPHRASE": "12345678"})
    child.expect_exact("gaat niet samen met versleuteling")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == EX_USAGE and not out.exists()


@pytest.mark.parametrize("text, place, message, hint", [
    ("# mijn instellingen\nencryptie = yes\n", "2:1", "onbekende instelling encryptie", "bedoel je encrypt?"),
    ("encrypt = jawel\n", "1:11", "encrypt moet yes of no zijn", "encrypt = yes of encrypt = no"),
    ("  encrypt yes\n", "1:3", "verwacht sleutel = waarde", "bijvoorbeeld encrypt = yes"),
    ("kleur = blauw\n", "1:1", "onbekende instelling kleur", "bekende instellingen: encrypt = yes|no"),
])
def test_a_setting_gesprek_does_not_understand_stops_before_anything_is_written(
        gesprek: Gesprek, tmp_path: Path, text, place, message, hint):
    config = tmp_path / "home" / ".config" / "gesprek" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, input="ask #v Hoe gaat het?\n", env={"GESPREK_PASSPHRASE": "12345678"})
    assert result.returncode == EX_CONFIG
    assert f"gesprek: {config}:{place}: {message}\n  tip: {hint}\n" == result.stderr
    assert not out.exists() and not gesprek.default_transcripts()


def test_a_settings_file_that_cannot_be_read_is_an_error_too(gesprek: Gesprek, tmp_path: Path):
    config = tmp_path / "home" / ".config" / "gesprek" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(config, 0o600)
    out = tmp_path / "t.jsonl"
    result = run_with_timeout(gesprek, "run", "-", "-o", out)
    assert result.returncode == EX_CONFIG
    assert "kan de instellingen niet lezen: dit is geen gewoon bestand maar een FIFO" in result.stderr
    assert not out.exists()
