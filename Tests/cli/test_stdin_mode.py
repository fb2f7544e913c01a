"""`gesprek` without a subcommand and stdin not a terminal: it reads commands
from stdin quietly, as `gesprek run -` does, with no prompt and no escape codes."""

from __future__ import annotations

import subprocess

from support import EX_DATAERR, EX_OK, base_env, events_of

LINES = "ask #v Hoe gaat het?\nsay Naima #v Eerlijk? Ik ben op.\nscore gezin.v1 4\nmark einde\n"
TERMINAL_ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
# How the REPL's prompts end (Sources/gesprek/REPL/Repl.swift): `OKT-1 0:00 › `, and `  … ` for a continued line.
PROMPT_MARKS = (" › ", "  … ")


def assert_plain(stdout: bytes, stderr: bytes):
    """No escape code and no prompt in what gesprek wrote."""
    for name, raw in (("stdout", stdout), ("stderr", stderr)):
        assert b"\x1b" not in raw, f"escape code in {name}: {raw!r}"
        for mark in PROMPT_MARKS:
            assert mark.encode() not in raw, f"a prompt ({mark!r}) in {name}: {raw!r}"


def test_piped_stdin_is_recorded_without_prompt_or_escape_codes(gesprek):
    result = gesprek.run(input=LINES, env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result.raw_stdout, result.raw_stderr)
    assert result.stdout == ""
    (transcript,) = gesprek.default_transcripts()
    assert [e["line"] for e in events_of(transcript)] == LINES.splitlines()
    assert str(transcript) in result.stderr


def test_piped_stdin_from_another_process(gesprek_bin, tmp_path):
    """A real pipeline: `printf … | gesprek -o FILE`."""
    out = tmp_path / "t.jsonl"
    env = base_env(tmp_path) | TERMINAL_ENV
    producer = subprocess.Popen(["printf", "%s", LINES], stdout=subprocess.PIPE)
    consumer = subprocess.run([str(gesprek_bin), "-o", str(out)], stdin=producer.stdout, capture_output=True,
                              env=env, timeout=30)
    producer.stdout.close()
    producer.wait()
    assert consumer.returncode == EX_OK, consumer.stderr
    assert_plain(consumer.stdout, consumer.stderr)
    assert [e["kind"] for e in events_of(out)] == ["ask", "say", "score", "mark"]


def test_errors_on_stdin_stop_and_exit_65_without_escape_codes(gesprek):
    result = gesprek.run("--lang", "en", input="note a\nscore gezin.s1 5\nnote b\n", env=TERMINAL_ENV)
    assert result.returncode == EX_DATAERR
    assert_plain(result.raw_stdout, result.raw_stderr)
    # stderr is no terminal here: the place and the message, not what was typed.
    assert "stdin:2:16: error: score takes 0 to 4\n" in result.stderr
    (transcript,) = gesprek.default_transcripts()
    assert [e["lineNumber"] for e in events_of(transcript)] == [1]


def test_empty_stdin_leaves_no_transcript(gesprek):
    """A session without a single event leaves no transcript (issue 12, point 10)."""
    result = gesprek.run("--lang", "nl", input=b"", env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result.raw_stdout, result.raw_stderr)
    assert gesprek.default_transcripts() == []
    assert "Geen regels vastgelegd; er is geen transcript bewaard." in result.stderr


def test_summary_on_stdin_prints_plain_text(gesprek):
    result = gesprek.run("--lang", "en", input=LINES + "summary\n", env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result.raw_stdout, result.raw_stderr)
    assert "gezin.v1" in result.stdout
