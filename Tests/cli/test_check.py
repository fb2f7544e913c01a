"""`gesprek check`: every error of every script, and nothing recorded."""

from __future__ import annotations

import os
import pty
import re
import subprocess

from support import EX_DATAERR, EX_NOINPUT, EX_OK, SCRIPTS, write_script

# Three errors and a warning; the errors depend on one another's lines as a session would.
FIRST = """\
ask #v Hoe gaat het?
aks Hoe gaat het met Noor?
score gezin.s1 5
network set Nobody contact=wekelijks
note #kracth Goed in plannen.
network add Oma role=grootmoeder
network add oma role=grootmoeder
"""
FIRST_ERRORS = [2, 3, 4, 7]
SECOND = """\
say
score gezin.s9 2
note #s Buurvrouw helpt.
mark
"""
SECOND_ERRORS = [1, 2, 4]
CLEAN = "ask #v Hoe gaat het?\nsay Lisa #v #kracht Goed.\nscore gezin.v1 4\nnetwork add Oma influence=+\n"


def diagnostics(stderr: str, path, label: str) -> list[int]:
    """The line numbers of the diagnostics with `label` (fout, error, waarschuwing) for `path`."""
    return [int(m[1]) for m in re.finditer(rf"(?m)^{re.escape(str(path))}:(\d+):\d+: {label}: ", stderr)]


def test_check_lists_every_error_of_every_script(gesprek, tmp_path):
    first = write_script(tmp_path / "eerste.gesprek", FIRST)
    second = write_script(tmp_path / "tweede.gesprek", SECOND)
    clean = write_script(tmp_path / "schoon.gesprek", CLEAN)
    result = gesprek.run("check", first, clean, second, "--lang", "nl", "--show-input")
    assert result.returncode == EX_DATAERR, result.stderr
    assert diagnostics(result.stderr, first, "fout") == FIRST_ERRORS
    assert diagnostics(result.stderr, second, "fout") == SECOND_ERRORS
    assert diagnostics(result.stderr, clean, "fout") == []
    assert diagnostics(result.stderr, first, "waarschuwing") == [5]
    total = len(re.findall(r"(?m)^\S+:\d+:\d+: fout: ", result.stderr))
    assert total == len(FIRST_ERRORS) + len(SECOND_ERRORS)
    assert f"{first}: 4 fouten" in result.stderr
    assert f"{second}: 3 fouten" in result.stderr
    assert f"{clean}: in orde" in result.stderr
    # Every error comes with its line and a caret.
    assert result.stderr.count("^") >= total
    assert result.stdout == ""


def test_check_in_english(gesprek, tmp_path):
    first = write_script(tmp_path / "eerste.gesprek", FIRST)
    clean = write_script(tmp_path / "schoon.gesprek", CLEAN)
    result = gesprek.run("check", first, clean, "--lang", "en", "--show-input")
    assert result.returncode == EX_DATAERR
    assert diagnostics(result.stderr, first, "error") == FIRST_ERRORS
    assert f"{first}:3:16: error: score takes 0 to 4, got 5" in result.stderr
    assert f"{first}: 4 errors" in result.stderr and f"{clean}: OK" in result.stderr


def test_check_of_clean_scripts_exits_0(gesprek, tmp_path):
    clean = write_script(tmp_path / "schoon.gesprek", CLEAN)
    result = gesprek.run("check", clean, *SCRIPTS, "--lang", "nl")
    assert result.returncode == EX_OK, result.stderr
    for path in [clean, *SCRIPTS]:
        assert f"{path}: in orde" in result.stderr
    assert " fout: " not in result.stderr


def test_check_records_nothing(gesprek, tmp_path):
    first = write_script(tmp_path / "eerste.gesprek", FIRST)
    clean = write_script(tmp_path / "schoon.gesprek", CLEAN)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in [(clean, *SCRIPTS), (first, clean)]:
        gesprek.run("check", *args)
    assert not gesprek.data_home.exists(), f"check created {list(gesprek.data_home.rglob('*'))}"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert "Transcript" not in gesprek.run("check", clean).stderr


def test_check_of_an_unreadable_script_exits_66_and_still_checks_the_others(gesprek, tmp_path):
    first = write_script(tmp_path / "eerste.gesprek", FIRST)
    result = gesprek.run("check", tmp_path / "weg.gesprek", first, "--lang", "nl")
    assert result.returncode == EX_NOINPUT
    assert f"{tmp_path / 'weg.gesprek'} bestaat niet" in result.stderr
    assert diagnostics(result.stderr, first, "fout") == FIRST_ERRORS


# --- colours: stderr's own terminal decides ----------------------------------------------------------------

def run_with_a_terminal_on(stream: str, gesprek, tmp_path, *args) -> tuple[int, bytes]:
    """Runs gesprek with colours allowed and `stream` ("stdout" or "stderr")
    on a pseudo-terminal, the other to a pipe or file; returns the exit code and what reached stderr."""
    env = {k: v for k, v in gesprek.env.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}
    master, slave = pty.openpty()
    errors = tmp_path / "stderr.txt"
    try:
        with errors.open("wb") as error_file:
            proc = subprocess.Popen(
                [str(gesprek.binary), *map(str, args)], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                stdout=slave if stream == "stdout" else subprocess.PIPE,
                stderr=slave if stream == "stderr" else error_file)
            os.close(slave)
            slave = -1
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if proc.stdout:
                proc.stdout.read()
            code = proc.wait(timeout=30)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    return code, seen if stream == "stderr" else errors.read_bytes()


def test_errors_on_stderr_are_coloured_when_stderr_is_a_terminal(gesprek, tmp_path):
    script = write_script(tmp_path / "fout.gesprek", "score gezin.s1 9\n")
    code, stderr = run_with_a_terminal_on("stderr", gesprek, tmp_path, "check", script, "--lang", "en")
    assert code == EX_DATAERR
    assert b"\x1b[31m" in stderr and b"error" in stderr, stderr


def test_errors_on_stderr_are_plain_when_only_stdout_is_a_terminal(gesprek, tmp_path):
    script = write_script(tmp_path / "fout.gesprek", "score gezin.s1 9\n")
    code, stderr = run_with_a_terminal_on("stdout", gesprek, tmp_path, "check", script, "--lang", "en")
    assert code == EX_DATAERR
    assert b"error" in stderr and b"\x1b[" not in stderr, stderr
