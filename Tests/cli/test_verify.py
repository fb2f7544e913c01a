"""`gesprek verify`: the hash chain, recomputed here with hashlib, and every
kind of tampering reported at its sequence number, apart from a cut tail."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from crash import check_chain
from support import EX_DATAERR, EX_NOINPUT, EX_OK, Gesprek

SCRIPT = """\
participant Lisa role=moeder
ask #v Hoe gaat het met je?
say Lisa Het gaat wel, maar ik slaap slecht sinds de scheiding.
note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder.
network add Oma role=grootmoeder influence=+ support=praktisch stays=yes
score gezin.s1 3 Kent de belangrijke mensen nu.
mark einde-verkenning
note #c #kracht Houdt de ochtendroutine goed vol.
"""


@pytest.fixture
def lines(gesprek: Gesprek, tmp_path: Path) -> list[bytes]:
    """A fresh transcript's lines (header, then seq 1–8), without newlines; from stdin, so every line is
    signed (a script file's run signs at checkpoints: test_checkpoints.py)."""
    out = tmp_path / "t.jsonl"
    assert gesprek.run("run", "-", "-o", out, input=SCRIPT).returncode == EX_OK
    return out.read_bytes().split(b"\n")[:-1]


def save(tmp_path: Path, lines: list[bytes], name: str = "geknoeid.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def seal(unsealed: bytes, previous_line: bytes) -> bytes:
    """A line sealed as gesprek would, after `previous_line`: a forgery that knows the chain."""
    previous = bytes.fromhex(re.search(rb'"hash":"([0-9a-f]{64})"(?:,"sig":"[0-9a-f]{128}")?\}$', previous_line)[1].decode())
    digest = hashlib.sha256(previous + unsealed).hexdigest()
    return unsealed[:-1] + b',"hash":"' + digest.encode() + b'"}'


def test_the_chain_is_sha256_of_the_previous_hash_and_the_line(lines, gesprek: Gesprek, tmp_path: Path):
    objects, tail = check_chain(b"".join(line + b"\n" for line in lines))
    assert tail == b"" and len(objects) == 10, "the header, 8 events and the closing record"
    assert objects[0]["version"] == 3
    assert all(list(o)[-2:] == ["hash", "sig"] for o in objects), "hash and its signature are the last keys"
    assert objects[-1]["close"] == "normal"
    key_id = re.search(r"sleutel-id: (\S+)", gesprek.run("key").stdout)[1]
    result = gesprek.run("verify", "heel.jsonl", cwd=save(tmp_path, lines, "heel.jsonl").parent)
    assert result.returncode == EX_OK
    assert result.stdout == (
        f"heel.jsonl: intact en afgesloten: 8 gebeurtenissen, ondertekend met sleutel {key_id} (vertrouwd), "
        f"laatste hash {objects[-1]['hash'][:16]}\n")


def change_text(lines):
    lines[3] = lines[3].replace(b"slaap slecht", b"slaap prima")


def delete_line(lines):
    del lines[5]


def insert_forged(lines):
    forged = (b'{"seq":4,"elapsed":0.010,"time":"2026-11-23T10:00:00.000+00:00","kind":"note","dimensions":[],'
              b'"tags":[],"text":"Alles gaat goed.","line":"note Alles gaat goed.","lineNumber":4}')
    lines.insert(4, seal(forged, lines[3]))


def swap_lines(lines):
    lines[6], lines[7] = lines[7], lines[6]


def change_header(lines):
    lines[0] = lines[0].replace(b'"language":"nl"', b'"language":"en"')


TAMPERING = [
    (change_text, "NIET INTACT: seq 3 (regel 4) is gewijzigd", "NOT INTACT: seq 3 (line 4) was changed"),
    (delete_line, "NIET INTACT: seq 5 verwijderd: ontbreekt vóór regel 6", "NOT INTACT: seq 5 removed: missing before line 6"),
    (insert_forged, "NIET INTACT: regel 5 is ingevoegd na seq 3", "NOT INTACT: line 5 was inserted after seq 3"),
    (swap_lines, "NIET INTACT: volgorde gewijzigd: regel 7 hoort elders (hier hoort seq 6)",
     "NOT INTACT: order changed: line 7 belongs elsewhere (seq 6 belongs here)"),
    (change_header, "NIET INTACT: de kop (regel 1) is gewijzigd", "NOT INTACT: the header (line 1) was changed"),
]


@pytest.mark.parametrize("tamper,dutch,english", TAMPERING, ids=[t[0].__name__ for t in TAMPERING])
def test_every_kind_of_tampering_is_reported_at_its_seq(tamper, dutch, english, lines, gesprek: Gesprek, tmp_path: Path):
    tamper(lines)
    path = save(tmp_path, lines)
    result = gesprek.run("verify", path)
    assert result.returncode == EX_DATAERR
    assert result.stdout.startswith(f"{path}: {dutch}"), result.stdout
    assert gesprek.run("verify", path, "--lang", "en").stdout.startswith(f"{path}: {english}")
    for word in ("Lisa", "slaap", "Oma", "ochtendroutine"):
        assert word not in result.stdout + result.stderr, "verify shows transcript content"


def test_a_cut_tail_is_reported_apart_and_is_not_tampering(lines, gesprek: Gesprek, tmp_path: Path):
    path = tmp_path / "afgebroken.jsonl"
    # A crash: no closing record, and the last event cut while it was written.
    path.write_bytes(b"".join(line + b"\n" for line in lines[:-1])[:-25])
    result = gesprek.run("verify", path)
    assert result.returncode == EX_OK
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{path}: intact maar NIET AFGESLOTEN: de sessie is onderbroken (of het einde is eraf); 7 gebeurtenissen")
    assert out[1].startswith(f"{path}: afgebroken laatste regel 9 (")
    assert "gesprek repair" in out[1]


def test_several_files_each_get_a_verdict_and_the_worst_sets_the_exit_code(lines, gesprek: Gesprek, tmp_path: Path):
    good = save(tmp_path, lines, "goed.jsonl")
    changed = list(lines)
    change_text(changed)
    bad = save(tmp_path, changed, "fout.jsonl")
    old = tmp_path / "oud.jsonl"
    header = json.loads(lines[0])
    header.pop("hash")
    header["version"] = 1
    old.write_text(json.dumps(header) + "\n", encoding="utf-8")
    result = gesprek.run("verify", good, bad, old, tmp_path / "nergens.jsonl")
    assert result.returncode == EX_DATAERR
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{good}: intact")
    assert out[1].startswith(f"{bad}: NIET INTACT")
    assert out[2] == f"{old}: geen keten: formaatversie 1, van vóór de hashketen; niet te controleren"
    assert out[3] == "4 transcripten: 1 intact, 2 niet intact of niet te controleren, 1 onleesbaar"
    assert "nergens.jsonl" in result.stderr
    assert gesprek.run("verify", good, tmp_path / "nergens.jsonl").returncode == EX_NOINPUT
    assert gesprek.run("verify", good).returncode == EX_OK
