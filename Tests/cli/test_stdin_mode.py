"""`gesprek` without a subcommand and stdin not a terminal: it reads commands
from stdin quietly, as `gesprek run -` does, with no prompt and no escape codes."""

from __future__ import annotations

import subprocess

from support import EX_DATAERR, EX_OK, base_env, events_of

LINES = "ask #v Hoe gaat het?\nsay Naima #v Eerlijk? Ik ben op.\nscore gezin.v1 4\nmark einde\n"
TERMINAL_ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}


def assert_plain(result):
    for name, raw in (("stdout", result.raw_stdout), ("stderr", result.raw_stderr)):
        assert b"\x1b" not in raw, f"escape code in {name}: {raw!r}"
    assert "gesprek>" not in result.stdout and "gesprek>" not in result.stderr, "a prompt was printed"


def test_piped_stdin_is_recorded_without_prompt_or_escape_codes(gesprek):
    result = gesprek.run(input=LINES, env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result)
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
    assert b"\x1b" not in consumer.stdout + consumer.stderr
    assert b"gesprek>" not in consumer.stdout
    assert [e["kind"] for e in events_of(out)] == ["ask", "say", "score", "mark"]


def test_errors_on_stdin_stop_and_exit_65_without_escape_codes(gesprek):
    result = gesprek.run("--lang", "en", input="note a\nscore gezin.s1 5\nnote b\n", env=TERMINAL_ENV)
    assert result.returncode == EX_DATAERR
    assert_plain(result)
    # stderr is no terminal here: the place and the message, not what was typed.
    assert "stdin:2:16: error: score takes 0 to 4\n" in result.stderr
    (transcript,) = gesprek.default_transcripts()
    assert [e["lineNumber"] for e in events_of(transcript)] == [1]


def test_empty_stdin_gives_a_transcript_with_only_the_header(gesprek):
    result = gesprek.run("--lang", "nl", input=b"", env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result)
    (transcript,) = gesprek.default_transcripts()
    assert events_of(transcript) == []
    assert "0 regels vastgelegd" in result.stderr


def test_summary_on_stdin_prints_plain_text(gesprek):
    result = gesprek.run("--lang", "en", input=LINES + "summary\n", env=TERMINAL_ENV)
    assert result.returncode == EX_OK, result.stderr
    assert_plain(result)
    assert "gezin.v1" in result.stdout
