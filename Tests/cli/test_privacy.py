"""What stays private: file modes whatever the umask, a warning when a
transcript lies where others can look, no typed words on a stderr that may
be a log, no data in crash output, and never a terminal title."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import signal
import tempfile
from pathlib import Path

import pexpect
import pytest

from support import EX_DATAERR, EX_OK, REPO, base_env, mode

SAMPLE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
FOLDER_WARNING = re.compile(r"^waarschuwing: de map (\S+) is leesbaar voor iedereen op deze computer; "
                            r"wie daar mag kijken, ziet welke transcripten erin staan$", re.M)


@pytest.fixture
def open_folder():
    """A folder everyone on the machine can list: in /tmp, mode 0755 (tmp_path lies inside a 0700 folder)."""
    folder = Path(tempfile.mkdtemp(prefix="gesprek-open-", dir="/tmp"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder)


# --- Modes, whatever the umask ----------------------------------------------------------------------------

def test_export_file_is_0600_with_umask_000(gesprek, tmp_path):
    out = tmp_path / "verslag.md"
    result = gesprek.run("export", SAMPLE, "-o", out, umask=0)
    assert result.returncode == EX_OK, result.stderr
    assert mode(out) == 0o600
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Gespreksverslag — OKT-2026-0733\n") and "„Saai, ik ken hier niemand.”" in md


def test_history_folders_are_0700_and_file_0600_with_umask_000(gesprek_bin, tmp_path):
    home = tmp_path / "home"
    env = base_env(tmp_path) | {"HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1"}
    env.pop("XDG_STATE_HOME", None)
    child = pexpect.spawn(str(gesprek_bin), ["--history", "-o", str(tmp_path / "t.jsonl")], env=env, encoding="utf-8",
                          timeout=10, preexec_fn=lambda: os.umask(0))
    child.expect_exact("› ")
    child.send("note Eerste regel.\r")
    child.expect_exact("› ")
    child.send("\x04")
    child.expect(pexpect.EOF)
    child.close()
    history = home / ".local" / "state" / "gesprek" / "history"
    assert mode(history) == 0o600
    for folder in (home / ".local", home / ".local" / "state", home / ".local" / "state" / "gesprek"):
        assert oct(mode(folder)) == oct(0o700), f"{folder} is not 0700"
    assert mode(tmp_path / "t.jsonl") == 0o600


# --- A warning when others can look ---------------------------------------------------------------------

def test_reading_a_transcript_in_a_folder_others_can_list_warns_once(gesprek, open_folder):
    copies = []
    for name in ("a.jsonl", "b.jsonl"):
        shutil.copy(SAMPLE, open_folder / name)
        os.chmod(open_folder / name, 0o600)
        copies.append(open_folder / name)
    result = gesprek.run("summary", *copies)
    assert result.returncode == EX_OK, result.stderr
    assert FOLDER_WARNING.findall(result.stderr) == [str(open_folder)], result.stderr
    assert f"  tip: chmod 700 {open_folder}, of bewaar transcripten in een map die alleen jij kunt lezen" in result.stderr
    assert "waarschuwing" not in result.stdout


def test_a_caseload_of_readable_files_gets_one_warning_with_the_count(gesprek, open_folder):
    for index in range(30):
        shutil.copy(SAMPLE, open_folder / f"t{index:02}.jsonl")
        os.chmod(open_folder / f"t{index:02}.jsonl", 0o644)
    result = gesprek.run("summary", open_folder, "--format", "json", "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    assert result.stderr.count("warning:") == 2, result.stderr       # the folder once, the files once
    assert f"warning: 30 transcripts can be read by others, such as {open_folder}/t00.jsonl" in result.stderr
    assert f"hint: chmod 600 {open_folder}/*.jsonl" in result.stderr


@pytest.mark.parametrize("command", [["replay", "--speed", "10000"], ["export", "--format", "csv"]])
def test_replay_and_export_warn_too(command, gesprek, open_folder):
    copy = open_folder / "t.jsonl"
    shutil.copy(SAMPLE, copy)
    os.chmod(copy, 0o600)
    result = gesprek.run(command[0], copy, *command[1:], "--lang", "en")
    assert result.returncode == EX_OK, result.stderr
    assert f"warning: the folder {open_folder} can be read by everyone on this computer" in result.stderr
    events = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:] if not line.startswith('{"close":')]
    if command[0] == "export":
        rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
        assert rows and list(rows[0])[:4] == ["seq", "elapsed", "time", "kind"]
        assert [int(row["seq"]) for row in rows] == [e["seq"] for e in events]
    else:
        end = int(events[-1]["elapsed"])
        assert f"End of the conversation ({end // 60}:{end % 60:02}) · {len(events)} lines shown" in result.stdout


def test_a_transcript_everyone_can_read_is_named(gesprek, open_folder):
    os.chmod(open_folder, 0o711)  # others may enter, not list
    copy = open_folder / "t.jsonl"
    shutil.copy(SAMPLE, copy)
    os.chmod(copy, 0o644)
    result = gesprek.run("summary", copy)
    assert result.returncode == EX_OK, result.stderr
    assert (f"waarschuwing: {copy} is leesbaar voor iedereen op deze computer; een transcript bevat persoonsgegevens\n"
            f"  tip: chmod 600 {copy}\n") in result.stderr


def test_creating_a_transcript_in_a_folder_others_can_list_warns(gesprek, open_folder):
    result = gesprek.run("run", "-", "-o", open_folder / "nieuw.jsonl", input="note a\n")
    assert result.returncode == EX_OK, result.stderr
    assert FOLDER_WARNING.findall(result.stderr) == [str(open_folder)]
    assert mode(open_folder / "nieuw.jsonl") == 0o600


def test_private_places_give_no_warning(gesprek, tmp_path):
    result = gesprek.run("run", "-", input="note a\n")          # the data folder, made 0700
    assert result.returncode == EX_OK and "waarschuwing" not in result.stderr, result.stderr
    copy = tmp_path / "t.jsonl"                                 # tmp_path lies inside a 0700 folder
    shutil.copy(SAMPLE, copy)
    os.chmod(copy, 0o644)
    os.chmod(tmp_path, 0o755)
    result = gesprek.run("summary", copy)
    assert result.returncode == EX_OK and "waarschuwing" not in result.stderr, result.stderr


# --- No typed words on a stderr that may be a log -------------------------------------------------------

PERSONAL = ["Marloes", "Jansen", "0612345678", "Bijlmer", "geheimpje", "Thuiszorg"]
SCRIPT_WITH_MISTAKES = """\
network add Marloes role=tante
Marloes zegt dat het goed gaat
network add marloes
network set Jansen contact=wekelijks
score gezin.s1 0612345678
network add Oma role=oma Bijlmer
score Thuiszorg 3
help geheimpje
network add Oma influence=geheimpje
"""


@pytest.mark.parametrize("how", ["check FILE", "run FILE", "run -", "stdin mode"])
def test_messages_to_a_pipe_hold_no_typed_words(how, gesprek, tmp_path):
    script = tmp_path / "s.gesprek"
    script.write_text(SCRIPT_WITH_MISTAKES, encoding="utf-8")
    args = {"check FILE": ["check", script], "run FILE": ["run", script, "--keep-going", "-o", tmp_path / "t.jsonl"],
            "run -": ["run", "-", "--keep-going", "-o", tmp_path / "t.jsonl"],
            "stdin mode": ["--keep-going", "-o", tmp_path / "t.jsonl"]}[how]
    stdin = SCRIPT_WITH_MISTAKES if how in ("run -", "stdin mode") else None
    result = gesprek.run(*args, input=stdin)
    assert result.returncode == EX_DATAERR
    assert len(re.findall(r"(?m)^\S+:\d+:\d+: fout: ", result.stderr)) == 8, result.stderr
    for word in PERSONAL:
        assert word.lower() not in result.stderr.lower(), f"{word} on stderr:\n{result.stderr}"
    # --show-input brings the line back, for whoever wants it there.
    shown = gesprek.run(*[str(a).replace("t.jsonl", "u.jsonl") for a in args], "--show-input", input=stdin)
    assert "Marloes zegt dat het goed gaat" in shown.stderr
    assert "0612345678" in shown.stderr


def test_export_lists_what_it_replaced_also_when_stderr_is_no_terminal(gesprek, tmp_path):
    """--anonymize was asked for: the user needs to know what was replaced to check it (docs/supervisor.md)."""
    transcript = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", transcript,
                         input="participant Lisa role=moeder\nnote Juf Annemiek belde over Lisa.\n")
    assert result.returncode == EX_OK, result.stderr
    piped = gesprek.run("export", transcript, "--anonymize")
    assert piped.returncode == EX_OK
    assert piped.stdout.startswith("# Gespreksverslag") and "| notitie |  | Juf naam 1 belde over moeder. |" in piped.stdout
    assert "geanonimiseerd: 2 woorden vervangen: Lisa → moeder, Annemiek → naam 1." in piped.stderr, piped.stderr


# --- Crash output and the terminal title -----------------------------------------------------------------

def allow_core_dumps() -> None:
    """In the child before exec: core files as large as the hard limit allows, so that gesprek's own limit is what
    keeps them away (core_pattern `core` puts one in the working folder)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def spawn_repl(gesprek_bin: Path, tmp_path: Path, env: dict | None = None) -> pexpect.spawn:
    environment = base_env(tmp_path) | {"TERM": "xterm-256color", "NO_COLOR": "1"} | (env or {})
    child = pexpect.spawn(str(gesprek_bin), ["--lang", "nl", "-o", str(tmp_path / "live.jsonl")], env=environment,
                          encoding="utf-8", timeout=10, cwd=str(tmp_path), preexec_fn=allow_core_dumps)
    child.expect_exact("› ")
    return child


@pytest.mark.parametrize("crash", [signal.SIGSEGV, signal.SIGILL, signal.SIGABRT, signal.SIGQUIT])
def test_a_crash_shows_no_data_and_leaves_no_core(crash, gesprek_bin, tmp_path):
    child = spawn_repl(gesprek_bin, tmp_path)
    child.send('say "Marloes Jansen" Ik woon in de Bijlmer.\r')
    child.expect_exact("› ")
    limits = Path(f"/proc/{child.pid}/limits").read_text()
    assert re.search(r"(?m)^Max core file size\s+0\s", limits), limits
    os.kill(child.pid, crash)
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.signalstatus == crash
    assert "gesprek: interne fout; gesprek is gestopt. Alles wat bevestigd was, staat in het transcript." in output
    for sign in ("Marloes", "Bijlmer", "Registers", "Backtrac", "Thread 0"):
        assert sign not in output, f"{sign} in crash output:\n{output}"
    assert not list(tmp_path.rglob("core*")), "a core file in the crashed session's working folder"
    # What was confirmed is there.
    assert "Marloes Jansen" in (tmp_path / "live.jsonl").read_text(encoding="utf-8")


def test_the_repl_never_sets_the_terminal_title(gesprek_bin, tmp_path):
    child = spawn_repl(gesprek_bin, tmp_path, env={"NO_COLOR": ""})
    seen = child.before
    for line in ('session case=OKT-9 advisor="Sanne Bakker"', 'participant "Marloes Jansen" role=moeder',
                 "say Marloes Het gaat.", "summary"):
        child.send(line + "\r")
        child.expect_exact("› ")
        seen += child.before
    child.send("\x04")
    child.expect(pexpect.EOF)
    seen += child.before
    child.close()
    assert "\x1b]" not in seen, "an OSC sequence (window title) was written"


def test_control_characters_in_a_transcript_do_not_reach_the_terminal(gesprek_bin, tmp_path):
    transcript = tmp_path / "t.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"seq":99,"elapsed":1,"time":"","kind":"note","dimensions":["sociaal"],"tags":["kracht"],'
                    '"text":"Hallo\\u001b]0;Marloes Jansen\\u0007 daar","line":"note Hallo","lineNumber":1}')
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (["summary", str(transcript)], ["replay", str(transcript), "--speed", "100000"],
                 ["export", str(transcript), "--format", "md"]):
        child = pexpect.spawn(str(gesprek_bin), args, env=base_env(tmp_path) | {"TERM": "xterm-256color"},
                              encoding="utf-8", timeout=20)
        child.expect(pexpect.EOF)
        output = child.before
        child.close()
        assert "\x1b]" not in output, f"{args[0]}: an escape sequence from the transcript reached the terminal"
        # Shown, each control character escaped as \u{1B} (Markdown escapes the ], perhaps the backslash).
        assert re.search(r"Hallo\\\\?u\{1B\}\\?\]0;Marloes Jansen\\\\?u\{7\} daar", output), f"{args[0]}: the note is missing"
