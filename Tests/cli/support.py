"""Helpers for the end-to-end tests of the `gesprek` command line: where
things are, running the binary in an isolated environment, reading
transcripts."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "Transcripts" / "transcript.schema.json"
SCRIPTS = sorted((REPO / "Scripts").glob("*.gesprek"))
SAMPLES = sorted((REPO / "Transcripts").glob("*.jsonl"))

EX_OK = 0
EX_DATAERR = 65
EX_NOINPUT = 66
EX_CANTCREAT = 73

# Locale variables that would win over LANG when gesprek picks its language.
LOCALE_OVERRIDES = ("LC_ALL", "LC_MESSAGES", "LANGUAGE")


def from_repo(value: str) -> Path:
    """A path from the environment; relative ones are taken from the repository root."""
    path = Path(value)
    return path if path.is_absolute() else REPO / path


def base_env(root: Path) -> dict[str, str]:
    """The test process's environment with its own data folder and home under `root`."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_OVERRIDES}
    env["LANG"] = "C.UTF-8"
    env["XDG_DATA_HOME"] = str(root / "data")
    env["HOME"] = str(root / "home")
    return env


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    raw_stdout: bytes
    raw_stderr: bytes


class Gesprek:
    """Runs the binary in an isolated environment rooted at a tmp folder."""

    def __init__(self, binary: Path, root: Path):
        self.binary = binary
        self.root = root
        self.env = base_env(root)
        (root / "home").mkdir(parents=True, exist_ok=True)
        trust_sample_key(root / "home")

    @property
    def data_home(self) -> Path:
        return self.root / "data"

    @property
    def transcript_dir(self) -> Path:
        """Where transcripts go when no `-o` is given."""
        return self.data_home / "gesprek" / "transcripts"

    def default_transcripts(self) -> list[Path]:
        if not self.transcript_dir.exists():
            return []
        return sorted(self.transcript_dir.iterdir())

    def run(self, *args: str | os.PathLike, input: str | bytes | None = None, env: dict | None = None,
            umask: int | None = None, cwd: Path | None = None) -> Result:
        """Runs gesprek with `args`. stdin is `input` through a pipe, else /dev/null."""
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        if isinstance(input, str):
            input = input.encode("utf-8")
        stdin_kwargs = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
        proc = subprocess.run(
            [str(self.binary), *map(str, args)], capture_output=True, env=full_env, cwd=cwd or self.root,
            preexec_fn=(lambda: os.umask(umask)) if umask is not None else None, timeout=30, **stdin_kwargs)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"), proc.stdout, proc.stderr)


def terminal_env(root: Path, colour: bool, extra: dict | None = None) -> dict[str, str]:
    """The environment of a program on a terminal (xterm-256color), with colours allowed or NO_COLOR set."""
    env = base_env(root)
    env["TERM"] = "xterm-256color"
    if colour:
        env.pop("NO_COLOR", None)
    else:
        env["NO_COLOR"] = "1"
    env.update(extra or {})
    return env


def trust_sample_key(home: Path) -> None:
    """Trusts the key that signs the sample transcripts in `Transcripts/` (a key for fiction only: its
    private half is in GoldenTests), so that reading a sample gives no warning of an unknown key."""
    folder = home / ".config" / "gesprek"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    (folder / "trusted-keys").write_text((REPO / "Transcripts" / "samples.pub").read_text(encoding="utf-8"), encoding="utf-8")


def read_transcript(path: Path) -> list[dict]:
    """The transcript's lines as objects, header first. Checks that it is JSON Lines."""
    data = path.read_bytes()
    assert data.endswith(b"\n"), f"{path} does not end with a newline"
    lines = data.decode("utf-8").split("\n")[:-1]
    assert all(lines), f"{path} has an empty line"
    return [json.loads(line) for line in lines]


def events_of(path: Path) -> list[dict]:
    """The events of a transcript, after checking that its first line is the header."""
    lines = read_transcript(path)
    assert lines and lines[0].get("format") == "gesprek-transcript", f"{path}: the first line is not a header"
    # The closing record at a normal end (format version 3) is no event.
    return [line for line in lines[1:] if "close" not in line]


def interrupted(data: bytes) -> bytes:
    """A transcript's bytes as a crash leaves them: without the closing record of a normal end."""
    lines = data.split(b"\n")
    if len(lines) > 2 and lines[-2].startswith(b'{"close":'):
        return b"\n".join(lines[:-2]) + b"\n"
    return data


def write_script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def schema_errors(validator: jsonschema.Draft202012Validator, instance) -> list[str]:
    """Every error for `instance`, nested ones (from oneOf branches) included."""
    messages = []
    for error in validator.iter_errors(instance):
        messages.append(error.message)
        messages.extend(sub.message for sub in error.context)
    return messages


# A script with every kind of event the command line can record, and what it holds.
ALL_KINDS_SCRIPT = """\
// Fictief: elke soort regel één keer of vaker.
session case=TEST-1 advisor="Sanne Bakker"
participant Lisa role=moeder
participant Noor
ask #v Hoe gaat het thuis?
say Lisa #v #kwetsbaarheid Het is zwaar.
note #c #kracht Plant alles goed.
score gezin.v1 3 Voelt zich gehoord.
score sociaal 2
network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes contact=wekelijks #kracht
network add Buurman influence== distance=no contact=zelden
network set Oma contact=dagelijks
network remove Buurman
mark einde-verkenning
score gezin.m1 1
undo
help score
summary
"""
CLI_KINDS = {"ask", "note", "say", "score", "network.add", "network.set", "network.remove", "mark", "undo",
             "session", "participant"}

# A host command's event as the encoder writes it (only a host application records these).
HOST_EVENT_LINE = (
    '{"seq":3,"elapsed":0.004,"time":"2026-11-23T10:41:07.512+01:00","kind":"host","dimensions":[],"tags":[],'
    '"command":"afspraak","text":"2026-12-01 thuis","fields":{"datum":"2026-12-01"},'
    '"line":"afspraak 2026-12-01 thuis","lineNumber":4}'
)


SEALED_LINE = re.compile(rb'^(.*),"hash":"[0-9a-f]{64}"(?:,"sig":"[0-9a-f]{128}")?\}$', re.DOTALL)


def reseal(lines: list[bytes], home: Path) -> list[bytes]:
    """The lines sealed and signed again as gesprek would, with the key of the
    user whose home is `home` (a plain key file: a tag line, then the private
    key in hex): a hand-edited transcript that verifies as intact and closed.
    Each line's hash is SHA-256 of the previous hash and the line without
    `hash` and `sig`; its signature is Ed25519 over `gesprek-transcript-line:`
    and the hash; a closing record names the last event's hash."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = (home / ".config" / "gesprek" / "signing-key").read_text().split("\n")[1]
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(raw))
    previous, sealed = b"", []
    for line in lines:
        body = SEALED_LINE.match(line)[1] + b"}"
        if body.startswith(b'{"close"'):
            body = re.sub(rb'"last":"[0-9a-f]{64}"', b'"last":"' + previous.hex().encode() + b'"', body)
        digest = hashlib.sha256(previous + body).digest()
        signature = key.sign(b"gesprek-transcript-line:" + digest)
        sealed.append(body[:-1] + b',"hash":"' + digest.hex().encode() + b'","sig":"' + signature.hex().encode() + b'"}')
        previous = digest
    return sealed


def wait_for_exit(pid: int) -> int:
    """The wait status of `pid`, which must end by itself within 20 seconds."""
    deadline = time.time() + 20
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("gesprek did not end when its terminal went away")
