"""A catalogue of malformed input, each against the real binary: scripts for
`check` and `run` (from a file and from stdin), transcripts for `summary`,
`replay` and `export`. For every case a user notices the same things:

- the exit code says what failed (65 bad data, 66 no usable input, 0 when
  gesprek can read it after all);
- exactly one clear message, naming the line and column where that applies,
  with a hint where there is something to do;
- no crash: no signal, no "Fatal error", no backtrace;
- no transcript changes: every file in the data folder and the input itself
  hash the same before and after.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from support import EX_DATAERR, EX_NOINPUT, EX_OK, REPO, SAMPLES, events_of

SAMPLE = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
SAMPLE_LINES = SAMPLE.read_bytes().split(b"\n")[:-1]
HEADER = SAMPLE_LINES[0]
NOTE = json.dumps({"seq": 1, "elapsed": 2.5, "time": "2026-11-23T09:00:02.500+00:00", "kind": "note",
                   "dimensions": ["sociaal"], "tags": [], "text": "Oma helpt elke week.",
                   "line": "note #s Oma helpt elke week.", "lineNumber": 1}, ensure_ascii=False).encode()
MEGABYTE = 1_000_000

# What a crash looks like: Swift's runtime error, its backtracer, a sanitizer.
CRASH_SIGNS = ("Fatal error", "Program crashed", "Backtracing", "Registers:", "Thread 0", "AddressSanitizer",
               "interne fout", "internal error")
# A message: gesprek's own, a diagnostic with its place, or a transcript warning.
MESSAGE = re.compile(r"^(gesprek: |\S+:\d+:\d+: (fout|error|waarschuwing): |\S+: waarschuwing: )")
# What the readers add about a file they could read that is not intact, closed and signed (see
# test_signing.py): these hand-made transcripts are none of that, so it is set apart here.
INTEGRITY = re.compile(r"^gesprek: \S+: waarschuwing: (NIET INTACT|intact maar NIET AFGESLOTEN|geen keten)")


def lines(*parts: bytes) -> bytes:
    return b"".join(part + b"\n" for part in parts)


def event(**changes) -> bytes:
    """The note event with keys changed (None removes one)."""
    value = json.loads(NOTE)
    for key, new in changes.items():
        if new is None:
            value.pop(key, None)
        else:
            value[key] = new
    return json.dumps(value, ensure_ascii=False).encode()


@dataclass
class Case:
    id: str
    command: str              # check, run, run-stdin, check-stdin, summary, replay, export
    content: bytes | None     # the file (or stdin for *-stdin); None: no file at all
    code: int
    message: str | None       # a regex the one message must match; None: no message at all
    hint: bool = False        # a "tip:" line follows the message
    recorded: int | None = None  # run: how many events the new transcript holds
    same_as: bytes | None = None  # the output must equal that of this (well-formed) transcript
    folder: bool = False      # the input is a folder
    extra: list[str] = field(default_factory=list)


SCRIPTS = [
    # Not text at all
    Case("invalid-utf8", "check", b"ask #v Hoe gaat het?\nnote caf\xe9 dicht\n", EX_NOINPUT,
         r"gesprek: \S+:2:9: dit is geen tekstbestand: geen geldige UTF-8$", hint=True),
    Case("invalid-utf8-run", "run", b"note caf\xe9 dicht\n", EX_NOINPUT,
         r"gesprek: \S+:1:9: dit is geen tekstbestand: geen geldige UTF-8$", hint=True),
    Case("nul-byte", "check", b"ask #v Hoe\x00 gaat het?\n", EX_NOINPUT,
         r"gesprek: \S+:1:11: dit is geen tekstbestand: een NUL-byte$", hint=True),
    Case("binary-file", "check", bytes(range(256)) * 8, EX_NOINPUT, r"gesprek: \S+:1:1: dit is geen tekstbestand: een NUL-byte$",
         hint=True),
    Case("binary-file-run", "run", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), EX_NOINPUT,
         r"gesprek: \S+:1:8: dit is geen tekstbestand: een NUL-byte$", hint=True),
    Case("empty-file", "check", b"", EX_NOINPUT, r"gesprek: \S+ is leeg; er is niets om uit te voeren$", hint=True),
    Case("blank-file-run", "run", b"\n  \n\t\n", EX_NOINPUT, r"gesprek: \S+ is leeg; er is niets om uit te voeren$", hint=True),
    Case("transcript-as-script", "run", SAMPLE.read_bytes(), EX_NOINPUT, r"gesprek: \S+ is een transcript, geen script$",
         hint=True),
    Case("missing-script", "check", None, EX_NOINPUT, r"gesprek: \S+ bestaat niet$"),
    Case("folder-as-script", "run", None, EX_NOINPUT, r"gesprek: \S+ is een map, geen script$", folder=True),
    # Lines the language refuses
    Case("one-megabyte-line", "check", b"note " + b"a" * MEGABYTE + b"\n", EX_DATAERR,
         r"^\S+:1:10001: fout: de regel is te lang: 1000005 tekens, hoogstens 10000$", hint=True),
    Case("control-character", "check", b"note Hallo\x1b]0;titel\x07 daar\n", EX_DATAERR,
         r"^\S+:1:11: fout: onzichtbaar stuurteken U\+001B in de regel$", hint=True),
    Case("unbalanced-quote", "check", b'network add "Tante Fatima role=tante\n', EX_DATAERR,
         r"^\S+:1:13: fout: aanhalingsteken niet gesloten$", hint=True),
    Case("unbalanced-quote-say", "run", b'say "Lisa Het gaat wel.\n', EX_DATAERR,
         r"^\S+:1:5: fout: aanhalingsteken niet gesloten$", hint=True, recorded=0),
    Case("score-5", "check", b"score gezin.s1 5\n", EX_DATAERR, r"^\S+:1:16: fout: score gaat van 0 tot en met 4$", hint=True),
    Case("score-minus-1", "check", b"score gezin.s1 -1\n", EX_DATAERR, r"^\S+:1:16: fout: score gaat van 0 tot en met 4$",
         hint=True),
    Case("score-2.5", "check", b"score gezin.s1 2.5\n", EX_DATAERR,
         r"^\S+:1:16: fout: score is een heel getal van 0 tot en met 4$", hint=True),
    Case("score-word", "run", b"ask #v Hoe gaat het?\nscore gezin.s1 drie\n", EX_DATAERR,
         r"^\S+:2:16: fout: score gaat van 0 tot en met 4$", hint=True, recorded=1),
    Case("score-missing-value", "check", b"score gezin.s1\n", EX_DATAERR,
         r"^\S+:1:\d+: fout: score gezin.s1 heeft een waarde van 0 tot en met 4 nodig$", hint=True),
    Case("unknown-command", "check", b"vraag Hoe gaat het?\n", EX_DATAERR, r"^\S+:1:1: fout: onbekend commando$", hint=True),
    Case("misspelt-command", "check", b"aks #v Hoe gaat het?\n", EX_DATAERR, r"^\S+:1:1: fout: onbekend commando$", hint=True),
    Case("unknown-item", "check", b"score gezin.s9 2\n", EX_DATAERR,
         r"^\S+:1:7: fout: onbekend item; items van gezin: v1–v4, s1–s2, c1–c3, m1–m4$", hint=True),
    Case("unknown-questionnaire", "check", b"score familie.s1 2\n", EX_DATAERR, r"^\S+:1:7: fout: onbekende vragenlijst$",
         hint=True),
    Case("unknown-score-target", "check", b"score sfeer 2\n", EX_DATAERR, r"^\S+:1:7: fout: dit is geen item en geen dimensie$",
         hint=True),
    Case("unknown-name", "check", b"network add Oma\nnetwork set Opa contact=wekelijks\n", EX_DATAERR,
         r"^\S+:2:13: fout: deze naam staat niet in het netwerk$", hint=True),
    Case("unknown-name-remove", "run", b"network remove Opa\n", EX_DATAERR,
         r"^\S+:1:16: fout: deze naam staat niet in het netwerk$", hint=True, recorded=0),
    Case("duplicate-network-name", "check", b"network add Oma role=grootmoeder\nnetwork add oma\n", EX_DATAERR,
         r"^\S+:2:13: fout: deze naam staat al in het netwerk$", hint=True),
    Case("unknown-network-key", "check", b"network add Oma leeftijd=70\n", EX_DATAERR, r"^\S+:1:17: fout: onbekende sleutel$",
         hint=True),
    Case("invalid-network-value", "check", b"network add Oma influence=heel\n", EX_DATAERR,
         r"^\S+:1:17: fout: deze waarde kan niet bij influence=$", hint=True),
    Case("unknown-network-action", "check", b"network zet Oma\n", EX_DATAERR, r"^\S+:1:9: fout: network kent deze actie niet$",
         hint=True),
    Case("unknown-help-topic", "check", b"help sfeer\n", EX_DATAERR, r"^\S+:1:6: fout: geen hulp over dit onderwerp$", hint=True),
    Case("nothing-to-undo", "check", b"undo\n", EX_DATAERR, r"^\S+:1:1: fout: er is niets om ongedaan te maken$"),
    Case("say-without-text", "check", b"say Lisa\n", EX_DATAERR, r"^\S+:1:\d+: fout: say heeft tekst nodig$", hint=True),
    # Standard input
    Case("stdin-invalid-utf8", "run-stdin", b"note caf\xe9 dicht\n", EX_DATAERR,
         r"^stdin:1:9: fout: de regel is geen geldige UTF-8-tekst$", hint=True, recorded=0),
    Case("stdin-nul-byte", "run-stdin", b"note a\nnote b\x00c\n", EX_DATAERR,
         r"^stdin:2:7: fout: onzichtbaar stuurteken U\+0000 in de regel$", hint=True, recorded=1),
    Case("stdin-one-megabyte-line", "run-stdin", b"note " + "ë".encode() * MEGABYTE + b"\n", EX_DATAERR,
         r"^stdin:1:10001: fout: de regel is te lang: 1000005 tekens, hoogstens 10000$", hint=True, recorded=0),
    Case("stdin-binary", "run-stdin", bytes(range(1, 256)), EX_DATAERR, r"^stdin:1:1: fout: onzichtbaar stuurteken U\+0001",
         hint=True, recorded=0),
    Case("check-stdin-score-5", "check-stdin", b"score gezin.s1 5\n", EX_DATAERR,
         r"^stdin:1:16: fout: score gaat van 0 tot en met 4$", hint=True),
    Case("check-stdin-invalid-utf8", "check-stdin", b"note caf\xe9 dicht\n", EX_NOINPUT,
         r"gesprek: stdin:1:9: dit is geen tekstbestand: geen geldige UTF-8$", hint=True),
    Case("check-stdin-empty", "check-stdin", b"", EX_NOINPUT, r"gesprek: stdin is leeg; er is niets om uit te voeren$", hint=True),
    Case("english", "check", b"score gezin.s1 5\n", EX_DATAERR, r"^\S+:1:16: error: score takes 0 to 4$", hint=True,
         extra=["--lang", "en"]),
]

def with_version(header: bytes, version: int) -> bytes:
    """The header with another format version (whatever version it had)."""
    return re.sub(rb'"version":\d+', b'"version":%d' % version, header, count=1)


TRANSCRIPTS = [
    Case("unknown-version", "summary", lines(with_version(HEADER, 4), NOTE), EX_DATAERR,
         r"^gesprek: \S+: transcriptversie 4 is onbekend; deze gesprek leest versie 1 tot en met 3$"),
    Case("unknown-version-replay", "replay", lines(with_version(HEADER, 7), NOTE), EX_DATAERR,
         r"^gesprek: \S+: transcriptversie 7 is onbekend; deze gesprek leest versie 1 tot en met 3$"),
    Case("unknown-version-export", "export", lines(with_version(HEADER, 4), NOTE), EX_DATAERR,
         r"^gesprek: \S+: transcriptversie 4 is onbekend"),
    Case("extra-fields", "summary",
         lines(HEADER.replace(b"{", b'{"nieuw":{"a":[1,2,{"b":null}]},', 1), NOTE.replace(b"{", b'{"extra":true,"x":1e5,', 1)),
         EX_OK, None, same_as=lines(HEADER, NOTE)),
    Case("extra-fields-export", "export",
         lines(HEADER.replace(b"{", b'{"nieuw":"ja",', 1), NOTE.replace(b"{", b'{"extra":[],', 1)),
         EX_OK, None, same_as=lines(HEADER, NOTE), extra=["--format", "csv"]),
    Case("empty-transcript", "summary", b"", EX_DATAERR, r"^gesprek: \S+: het bestand is leeg$"),
    Case("empty-transcript-replay", "replay", b"", EX_DATAERR, r"^gesprek: \S+: het bestand is leeg$"),
    Case("binary-transcript", "summary", bytes(range(256)) * 16, EX_DATAERR, r"^gesprek: \S+: dit is geen gesprek-transcript$"),
    Case("binary-transcript-export", "export", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), EX_DATAERR,
         r"^gesprek: \S+: dit is geen gesprek-transcript$"),
    Case("script-as-transcript", "summary", (REPO / "Scripts" / "netwerk-na-scheiding.gesprek").read_bytes(), EX_DATAERR,
         r"^gesprek: \S+: dit is geen gesprek-transcript$"),
    Case("event-before-header", "summary", lines(NOTE, HEADER), EX_DATAERR, r"^gesprek: \S+: dit is geen gesprek-transcript$"),
    Case("cut-last-line", "summary", lines(HEADER, NOTE) + NOTE[:40], EX_OK,
         r"^\S+: waarschuwing: laatste regel \(3\) is afgebroken, waarschijnlijk door een crash; gelezen tot en met regel 2$"),
    Case("cut-line-in-the-middle", "summary", lines(HEADER, NOTE[:40], NOTE), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar: geen JSON-object$"),
    Case("raw-nul-byte", "export", lines(HEADER, NOTE, NOTE.replace(b"Oma", b"O\x00ma")), EX_DATAERR,
         r"^gesprek: \S+: regel 3 is onleesbaar: geen JSON-object$"),
    Case("invalid-utf8-in-text", "summary", lines(HEADER, NOTE.replace(b"Oma", b"O\xffma")), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("one-megabyte-line-transcript", "summary", lines(HEADER, event(text="a" * MEGABYTE)), EX_OK, None),
    Case("header-only", "summary", lines(HEADER), EX_OK, None),
    Case("unknown-kind", "summary", lines(HEADER, event(kind="praatje")), EX_DATAERR, r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("score-out-of-range", "export",
         lines(HEADER, event(kind="score", target="gezin.s1", value=5, label="?", text=None)), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("elapsed-huge", "summary", lines(HEADER, event(elapsed=1e300)), EX_DATAERR, r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("elapsed-huge-replay", "replay", lines(HEADER, event(elapsed=1e300)), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("elapsed-negative", "export", lines(HEADER, event(elapsed=-5)), EX_DATAERR, r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("missing-seq", "summary", lines(HEADER, event(seq=None)), EX_DATAERR, r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("trailing-garbage", "summary", lines(HEADER, NOTE + b" en nog wat"), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar: geen JSON-object$"),
    Case("deeply-nested", "summary", lines(HEADER, b'{"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"), EX_DATAERR,
         r"^gesprek: \S+: regel 2 is onleesbaar"),
    Case("not-json", "export", b"hallo\n", EX_DATAERR, r"^gesprek: \S+: dit is geen gesprek-transcript$"),
    Case("crlf-line-ends", "summary", (lines(HEADER, NOTE)).replace(b"\n", b"\r\n"), EX_OK, None, same_as=lines(HEADER, NOTE)),
    Case("byte-order-mark", "summary", b"\xef\xbb\xbf" + lines(HEADER, NOTE), EX_OK, None, same_as=lines(HEADER, NOTE)),
    Case("missing-transcript", "summary", None, EX_NOINPUT, r"^gesprek: \S+ bestaat niet$"),
    Case("missing-transcript-replay", "replay", None, EX_NOINPUT, r"^gesprek: \S+ bestaat niet$"),
    Case("folder-as-transcript", "export", None, EX_NOINPUT, r"^gesprek: \S+ is een map, geen transcript$", folder=True),
]

CASES = SCRIPTS + TRANSCRIPTS


def digest(folder: Path) -> dict[str, str]:
    """The hash of every file under `folder`."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def invoke(case: Case, gesprek, input_path: Path, out: Path):
    stdin = None
    if case.command == "check":
        args = ["check", input_path]
    elif case.command == "check-stdin":
        args, stdin = ["check", "-"], case.content
    elif case.command == "run":
        args = ["run", input_path, "-o", out]
    elif case.command == "run-stdin":
        args, stdin = ["run", "-", "-o", out], case.content
    else:
        args = [case.command, input_path]
    return gesprek.run(*args, *case.extra, input=stdin)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input(case: Case, gesprek, tmp_path):
    # A transcript already in the data folder, which nothing may touch.
    gesprek.transcript_dir.mkdir(parents=True)
    existing = gesprek.transcript_dir / "2026-11-23T090000-b77589d4.jsonl"
    existing.write_bytes(SAMPLE.read_bytes())
    os.chmod(existing, 0o600)

    input_path = tmp_path / ("invoer.gesprek" if case in SCRIPTS else "invoer.jsonl")
    if case.folder:
        input_path.mkdir()
    elif case.content is not None and not case.command.endswith("-stdin"):
        input_path.write_bytes(case.content)
    out = tmp_path / "uit" / "nieuw.jsonl"
    before = digest(gesprek.data_home) | digest(tmp_path)

    result = invoke(case, gesprek, input_path, out)

    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    for sign in CRASH_SIGNS:
        assert sign not in result.stderr and sign not in result.stdout, f"crash output: {result.stderr[-2000:]}"
    assert result.returncode == case.code, result.stderr[-2000:]
    assert len(result.raw_stderr) < 4000, "stderr floods the terminal (a long line echoed?)"

    messages = [line for line in result.stderr.splitlines() if MESSAGE.match(line) and not INTEGRITY.match(line)]
    if case.message is None:
        assert messages == [], result.stderr
    else:
        assert len(messages) == 1, f"expected one message, got: {messages}"
        assert re.search(case.message, messages[0]), f"{messages[0]!r} does not match {case.message!r}"
        following = result.stderr.splitlines()[result.stderr.splitlines().index(messages[0]) + 1:]
        has_hint = bool(following) and re.match(r"^  (tip|hint): \S", following[0]) is not None
        assert has_hint == case.hint, f"hint expected: {case.hint}; stderr:\n{result.stderr}"

    after = digest(gesprek.data_home) | digest(tmp_path)
    changed = [path for path, sha in before.items() if after.get(path) != sha]
    assert changed == [], f"changed or removed: {changed}"
    # The signing key made on first use in the config folder is no transcript.
    key_files = {str(tmp_path / "home" / ".config" / "gesprek" / name) for name in ("signing-key", "signing-key.pub")}
    new = sorted(set(after) - set(before) - key_files)
    if case.recorded is None or case.recorded == 0:
        # Nothing recorded, nothing left: a session without events leaves no transcript (issue 12, point 10).
        assert new == [], f"a transcript was made: {new}"
    else:
        assert new == [str(out)], f"expected only {out}, got {new}"
        assert len(events_of(out)) == case.recorded

    if case.same_as is not None:
        reference = tmp_path / "referentie.jsonl"
        reference.write_bytes(case.same_as)
        expected = gesprek.run(case.command, reference, *case.extra)
        assert expected.returncode == EX_OK, expected.stderr
        assert result.stdout == expected.stdout.replace(str(reference), str(input_path))


def test_the_catalogue_holds_at_least_40_cases():
    assert len(CASES) >= 40


def test_every_sample_transcript_reads_cleanly(gesprek):
    """The other side of the catalogue: well-formed transcripts give no message at all."""
    for sample in SAMPLES:
        result = gesprek.run("summary", sample)
        assert result.returncode == EX_OK, result.stderr
        assert [line for line in result.stderr.splitlines() if MESSAGE.match(line)] == []
