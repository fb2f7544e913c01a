"""Crash safety, proven by killing: the live session on a pseudo-terminal is
fed a scripted conversation as fast as it takes it, and killed with SIGKILL
at a random moment. Afterwards every event whose confirmation (✓) reached the
screen must be in the transcript, the file must read back (its hash chain
recomputed here, independently of gesprek, and by `gesprek verify`), at most
the one line being written may be cut, and `gesprek repair` must mend that.

Used by test_crash.py (a few runs in CI) and, as a script, by `./dev soak`:

    python3 Tests/cli/crash.py [--runs 200] [--seed N] [--binary PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import REPO, base_env  # noqa: E402

# A kill lands anywhere from before the header is written to well into the conversation.
MAX_DELAY = 0.8
SEAL = re.compile(rb'^(.*),"hash":"([0-9a-f]{64})"(?:,"sig":"[0-9a-f]{128}")?\}$', re.DOTALL)


def conversation(rng: random.Random, count: int = 2000) -> list[str]:
    """Lines that each record exactly one event, some of them long (so that a
    write spans several pages and a kill can cut it)."""
    words = "het gaat wel maar ik slaap slecht sinds de scheiding oma helpt één keer per week Zoë ïdee".split()
    lines = []
    for i in range(1, count + 1):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        kind = i % 7
        if i % 11 == 0:
            lines.append(f"note #c Lange notitie {i}: " + " ".join(rng.choice(words) for _ in range(rng.randint(800, 2500))))
        elif kind == 0:
            lines.append(f"ask #v Vraag {i}: {text}?")
        elif kind == 1:
            lines.append(f"say Lisa #m Citaat {i}: {text}.")
        elif kind == 2:
            lines.append(f"score gezin.s1 {i % 5} Score {i}: {text}.")
        elif kind == 3:
            lines.append(f"network add Persoon{i} role=buur influence=+ support=praktisch")
        elif kind == 4:
            lines.append(f"mark punt-{i}")
        else:
            lines.append(f"note #s #kracht Notitie {i}: {text}.")
    return lines


@dataclass
class Outcome:
    """What one kill left behind."""
    delay: float          # seconds from start to the kill
    confirmed: int        # ✓ seen on the screen
    recorded: int         # whole events in the file
    cut_tail: bool        # a last line cut mid-write (or missing only its newline)
    no_file: bool         # killed before the transcript had a header


def check_chain(data: bytes) -> tuple[list[dict], bytes]:
    """The whole lines as objects, after recomputing the hash chain here; and the cut tail (b"" if none)."""
    *whole, tail = data.split(b"\n")
    if tail:
        try:
            json.loads(tail)
            whole.append(tail)  # whole but for its newline
        except ValueError:
            pass
    objects, previous = [], b""
    for number, line in enumerate(whole, start=1):
        match = SEAL.match(line)
        assert match, f"line {number} is not sealed with a hash"
        digest = hashlib.sha256(previous + match[1] + b"}").digest()
        assert digest.hex() == match[2].decode(), f"line {number} breaks the hash chain"
        previous = digest
        objects.append(json.loads(line))
    return objects, tail


def run(binary: Path, *args, env: dict) -> tuple[int, str, str]:
    import subprocess
    proc = subprocess.run([str(binary), *map(str, args)], capture_output=True, env=env, timeout=30)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def crash_once(binary: Path, folder: Path, rng: random.Random) -> Outcome:
    """One session killed at a random moment, and everything checked. Raises AssertionError on a loss."""
    folder.mkdir(parents=True, exist_ok=True)
    transcript = folder / "live.jsonl"
    lines = conversation(rng)
    env = base_env(folder)
    env.update(TERM="xterm-256color", NO_COLOR="1")
    (folder / "home").mkdir(exist_ok=True)
    delay = rng.uniform(0, MAX_DELAY)

    child = pexpect.spawn(str(binary), ["--lang", "nl", "--case", "SOAK-1", "-o", str(transcript)],
                          env=env, dimensions=(40, 200))
    start = time.monotonic()
    fd = child.child_fd
    os.set_blocking(fd, False)
    pending = "".join(line + "\r" for line in lines).encode()
    screen = bytearray()
    killed = False
    # Type ahead as fast as the terminal takes it, read the screen, and kill at the chosen moment.
    while True:
        now = time.monotonic()
        if not killed and now - start >= delay:
            os.kill(child.pid, signal.SIGKILL)
            killed = True
        wait = 1.0 if killed else max(0.0, start + delay - now)
        readable, writable, _ = select.select([fd], [fd] if pending and not killed else [], [], wait)
        if readable:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # EIO: the terminal's other end is gone with the process
                break
            if not chunk:
                break
            screen += chunk
        elif killed:
            break
        if writable:
            try:
                pending = pending[os.write(fd, pending[:4096]):]
            except BlockingIOError:
                pass
    child.close(force=True)
    assert child.signalstatus == signal.SIGKILL, f"the session ended by itself: {child.exitstatus} {child.signalstatus}"
    confirmed = screen.decode("utf-8", "replace").count("✓")

    def where() -> str:
        return f"(killed after {delay:.3f}s, {confirmed} confirmed)"

    data = transcript.read_bytes() if transcript.exists() else b""
    if not data or b"\n" not in data and not data.endswith(b"}"):
        # Killed before the header was on disk: nothing can have been confirmed.
        assert confirmed == 0, f"{confirmed} lines confirmed but no transcript header {where()}"
        return Outcome(delay, confirmed, 0, bool(data), no_file=True)

    objects, tail = check_chain(data)
    events = objects[1:]
    assert objects[0].get("format") == "gesprek-transcript", f"the first line is not the header {where()}"
    assert len(events) >= confirmed, f"only {len(events)} events in the file {where()}"
    assert len(events) <= confirmed + 1, f"{len(events)} events: more than one unconfirmed {where()}"
    for event in events:
        assert event["seq"] <= len(lines) and event["line"] == lines[event["seq"] - 1], f"seq {event['seq']} is not what was typed {where()}"
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))

    code, out, err = run(binary, "verify", transcript, env=env)
    assert code == 0 and "intact" in out, f"verify: {code} {out} {err} {where()}"
    # Killed, never closed: verify says so (the closing record comes only at a normal end).
    assert "NIET AFGESLOTEN" in out, f"verify: {out} {where()}"
    cut = not data.endswith(b"\n")
    assert ("afgebroken" in out or "regeleinde" in out) == cut, f"verify and the file disagree on the tail: {out} {where()}"
    code, _, err = run(binary, "repair", transcript, env=env)
    assert code == 0, f"repair: {code} {err} {where()}"
    if cut:
        assert "Reservekopie" in err and (folder / "live.jsonl.bak").read_bytes() == data, where()
    repaired, rest = check_chain(transcript.read_bytes())
    assert rest == b"" and transcript.read_bytes().endswith(b"\n"), where()
    # Every confirmed line is kept as it was; repair adds only a closing record that says "recovered".
    assert repaired[:-1] == objects, f"repair changed more than the cut line {where()}"
    assert repaired[-1].get("close") == "recovered" and repaired[-1]["events"] == len(events), where()
    assert "HERSTELD" in err, err
    code, out, _ = run(binary, "verify", transcript, env=env)
    assert code == 0 and "afgebroken" not in out and "HERSTELD" in out, where()
    for secret in ("Lisa", "Notitie", "Citaat"):
        assert secret not in err, "repair echoes transcript content"
    return Outcome(delay, confirmed, len(events), cut, no_file=False)


def soak(binary: Path, runs: int, seed: int) -> int:
    rng = random.Random(seed)
    outcomes: list[Outcome] = []
    failures = 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gesprek-soak-") as root:
        for i in range(runs):
            try:
                outcomes.append(crash_once(binary, Path(root) / f"run-{i}", rng))
            except AssertionError as error:
                failures += 1
                print(f"run {i}: FAILED: {error}", file=sys.stderr)
            if (i + 1) % 25 == 0:
                print(f"  {i + 1}/{runs} kills", file=sys.stderr)
    seconds = time.monotonic() - began
    confirmed = sum(o.confirmed for o in outcomes)
    print(f"SIGKILL soak: {runs} kills at random moments (seed {seed}, {seconds:.0f} s), {failures} failed")
    print(f"  confirmed events checked:           {confirmed} (median {sorted(o.confirmed for o in outcomes)[len(outcomes) // 2] if outcomes else 0} per run)")
    print(f"  killed before the header was down:  {sum(o.no_file for o in outcomes)}")
    print(f"  one event written, not yet confirmed: {sum(o.recorded == o.confirmed + 1 for o in outcomes)}")
    print(f"  last line cut mid-write, repaired:  {sum(o.cut_tail for o in outcomes)}")
    print(f"{runs - failures} passed, {failures} failed")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Kill the live session at random moments and check what it kept.")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--binary", type=Path, default=REPO / ".build" / "release" / "gesprek")
    arguments = parser.parse_args()
    return soak(arguments.binary, arguments.runs, arguments.seed)


if __name__ == "__main__":
    sys.exit(main())
