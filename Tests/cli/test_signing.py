"""Signed and sealed transcripts from the command line: `gesprek key`, what
`verify` tells apart (closed, not closed, forged, unknown key, recovered),
seals, `repair` of an interrupted session, encrypted lines copied between
files, a planted KDF header, and the warnings and `--strict` of summary,
replay and export."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from support import EX_DATAERR, EX_OK, Gesprek, mode, write_script

SCRIPT = """\
participant Lisa role=moeder
ask #v Hoe gaat het met je?
say Lisa Het gaat wel, maar ik slaap slecht sinds de scheiding.
note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder.
score gezin.s1 3 Kent de belangrijke mensen nu.
"""

SEALED = re.compile(rb'^(.*),"hash":"([0-9a-f]{64})"(?:,"sig":"[0-9a-f]{128}")?\}$', re.DOTALL)


@pytest.fixture
def transcript(gesprek: Gesprek, tmp_path: Path) -> Path:
    """A fresh transcript of five events, closed normally; from stdin, so every line is signed (a script
    file's run signs at checkpoints: test_checkpoints.py)."""
    out = tmp_path / "t.jsonl"
    result = gesprek.run("run", "-", "-o", out, input=SCRIPT)
    assert result.returncode == EX_OK, result.stderr
    return out


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def save(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def recompute_every_hash(lines: list[bytes]) -> list[bytes]:
    """The attacker's script: every line sealed anew with SHA-256, as the format describes; no key, so no `sig`."""
    out, previous = [], b""
    for line in lines:
        content = SEALED.match(line)[1] + b"}"
        digest = hashlib.sha256(previous + content).digest()
        out.append(content[:-1] + b',"hash":"' + digest.hex().encode() + b'"}')
        previous = digest
    return out


def test_key_shows_and_exports_the_public_key_made_privately_on_first_use(gesprek: Gesprek, tmp_path: Path):
    shown = gesprek.run("key")
    assert shown.returncode == EX_OK, shown.stderr
    key_id = re.search(r"sleutel-id: ([0-9a-f]{4}(?:-[0-9a-f]{4}){3})", shown.stdout)[1]
    public = re.search(r"publieke sleutel: ([0-9a-f]{64})", shown.stdout)[1]
    folder = gesprek.root / "home" / ".config" / "gesprek"
    assert mode(folder) == 0o700 and mode(folder / "signing-key") == 0o600
    assert public not in (folder / "signing-key").read_text()
    exported = tmp_path / "advisor.pub"
    result = gesprek.run("key", "--export", exported, "--lang", "en")
    assert result.returncode == EX_OK
    assert exported.read_text() == f"# gesprek signing key {key_id}\n{public}\n"
    assert f"public key {key_id} written to" in result.stderr
    assert gesprek.run("key", "--export", exported).returncode == 73, "an export never overwrites"
    # The same key again: made once.
    assert public in gesprek.run("key").stdout


def test_key_honours_xdg_config_home(gesprek: Gesprek, tmp_path: Path):
    config = tmp_path / "elders"
    assert gesprek.run("key", env={"XDG_CONFIG_HOME": str(config)}).returncode == EX_OK
    assert (config / "gesprek" / "signing-key").exists()


def test_a_signing_key_that_is_no_plain_file_is_refused_never_waited_on_or_replaced(gesprek: Gesprek, tmp_path: Path):
    """A FIFO where the key should be would hang a reader that opens it; one that cannot be read must not
    be taken for a missing key either (a new key over it would change whose transcripts these are)."""
    folder = gesprek.root / "home" / ".config" / "gesprek"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    key = folder / "signing-key"
    key.unlink(missing_ok=True)
    os.mkfifo(key, 0o600)
    result = gesprek.run("run", write_script(tmp_path / "s.gesprek", SCRIPT), "-o", tmp_path / "t.jsonl")
    assert result.returncode == 66, result.stderr
    assert f"kan de ondertekensleutel {key} niet lezen" in result.stderr and "FIFO" in result.stderr, result.stderr
    assert key.is_fifo() and not (tmp_path / "t.jsonl").exists()


def test_a_closed_transcript_is_intact_closed_and_signed_by_ones_own_key(transcript: Path, gesprek: Gesprek):
    objects = [json.loads(line) for line in lines_of(transcript)]
    assert objects[0]["version"] == 3 and re.fullmatch(r"[0-9a-f]{64}", objects[0]["signer"])
    assert objects[-1]["close"] == "normal" and objects[-1]["events"] == 5 and objects[-1]["file"] == objects[0]["file"]
    key_id = re.search(r"sleutel-id: (\S+)", gesprek.run("key").stdout)[1]
    result = gesprek.run("verify", transcript)
    assert result.returncode == EX_OK
    assert f"intact en afgesloten: 5 gebeurtenissen, ondertekend met sleutel {key_id} (vertrouwd)" in result.stdout
    assert gesprek.run("verify", "--strict", transcript).returncode == EX_OK


def test_the_attackers_script_leaves_a_forged_transcript(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    lines = lines_of(transcript)
    lines[3] = lines[3].replace(b"slaap slecht", b"slaap prima")
    del lines[4]
    for i in range(4, len(lines) - 1):
        lines[i] = re.sub(rb'^\{"seq":\d+,', b'{"seq":%d,' % i, lines[i])
    lines[-1] = lines[-1].replace(b'"events":5', b'"events":4')
    forged = save(tmp_path / "vervalst.jsonl", recompute_every_hash(lines))
    result = gesprek.run("verify", forged)
    assert result.returncode == EX_DATAERR
    assert result.stdout.startswith(f"{forged}: NIET INTACT: vervalst: de keten klopt, maar de kop (regel 1) heeft geen geldige handtekening")
    english = gesprek.run("verify", forged, "--lang", "en")
    assert "NOT INTACT: forged: the chain holds" in english.stdout
    for word in ("Lisa", "slaap"):
        assert word not in result.stdout + result.stderr


def test_the_attacker_who_keeps_the_header_signature_is_caught_at_the_changed_seq(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    lines = lines_of(transcript)
    lines[3] = lines[3].replace(b"slaap slecht", b"slaap prima")
    resealed = lines[:1] + recompute_every_hash(lines)[1:]
    forged = save(tmp_path / "vervalst.jsonl", resealed)
    result = gesprek.run("verify", forged, "--lang", "en")
    assert result.returncode == EX_DATAERR
    assert "NOT INTACT: forged: the chain holds, but seq 1 (line 2) has no valid signature" in result.stdout


def test_recomputed_hashes_with_the_old_signatures_left_in_place_are_forged(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    lines = lines_of(transcript)
    lines[3] = lines[3].replace(b"slaap slecht", b"slaap prima")
    resealed = recompute_every_hash(lines)
    # Each recomputed line keeps the signature it had: valid for the old hash, not for the new one.
    stale = [new[:-1] + re.search(rb',"sig":"[0-9a-f]{128}"', old)[0] + b"}" for new, old in zip(resealed, lines)]
    stale[:3] = lines[:3]
    forged = save(tmp_path / "vervalst.jsonl", stale)
    result = gesprek.run("verify", forged, "--lang", "en")
    assert result.returncode == EX_DATAERR
    assert "NOT INTACT: forged: the chain holds, but seq 3 (line 4) has no valid signature" in result.stdout


def test_cut_last_lines_are_not_closed_and_strict_says_so(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    cut = save(tmp_path / "kort.jsonl", lines_of(transcript)[:-2])
    result = gesprek.run("verify", cut)
    assert result.returncode == EX_OK
    assert f"{cut}: intact maar NIET AFGESLOTEN: de sessie is onderbroken (of het einde is eraf); 4 gebeurtenissen" in result.stdout
    strict = gesprek.run("verify", "--strict", cut, "--lang", "en")
    assert strict.returncode == EX_DATAERR
    assert "intact but NOT CLOSED" in strict.stdout


def test_a_transcript_of_another_user_is_signed_by_an_unknown_key_until_trusted(
        transcript: Path, gesprek: Gesprek, tmp_path: Path):
    other_home = {"HOME": str(tmp_path / "collega")}
    result = gesprek.run("verify", transcript, env=other_home)
    assert result.returncode == EX_OK
    assert "ondertekend met ONBEKENDE sleutel" in result.stdout
    assert gesprek.run("verify", "--strict", transcript, env=other_home).returncode == EX_DATAERR
    # Their own key exported and given with --key: still unknown.
    theirs = tmp_path / "collega.pub"
    assert gesprek.run("key", "--export", theirs, env=other_home).returncode == EX_OK
    unknown = gesprek.run("verify", "--key", theirs, transcript, env=other_home)
    assert "ONBEKENDE sleutel" in unknown.stdout
    # The advisor's key, exported and trusted: known.
    advisor = tmp_path / "adviseur.pub"
    assert gesprek.run("key", "--export", advisor).returncode == EX_OK
    known = gesprek.run("verify", "--strict", "--key", advisor, transcript, env=other_home)
    assert known.returncode == EX_OK and "(vertrouwd)" in known.stdout
    # Or in the file of trusted keys.
    trusted = tmp_path / "collega" / ".config" / "gesprek" / "trusted-keys"
    trusted.write_text("# adviseurs van team Noord\n" + advisor.read_text())
    assert gesprek.run("verify", "--strict", transcript, env=other_home).returncode == EX_OK


def test_a_seal_pins_the_transcript(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    result = gesprek.run("verify", "--seal", transcript)
    seal = re.search(r"zegel (gesprek-seal:1:\S+)", result.stdout)[1]
    assert re.fullmatch(r"gesprek-seal:1:[0-9a-f-]{19}:5:[0-9a-f]{64}", seal)
    holds = gesprek.run("verify", "--seal-check", seal, transcript)
    assert holds.returncode == EX_OK and "het zegel klopt (5 gebeurtenissen)" in holds.stdout
    cut = save(tmp_path / "kort.jsonl", lines_of(transcript)[:-2])
    broken = gesprek.run("verify", "--seal-check", seal, cut, "--lang", "en")
    assert broken.returncode == EX_DATAERR and "THE SEAL DOES NOT HOLD" in broken.stdout
    assert gesprek.run("verify", "--seal-check", "geen zegel", transcript).returncode == 64


def test_repair_closes_an_interrupted_transcript_as_recovered(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    interrupted = save(tmp_path / "onderbroken.jsonl", lines_of(transcript)[:-1])
    repaired = gesprek.run("repair", interrupted)
    assert repaired.returncode == EX_OK, repaired.stderr
    assert "afgesloten als HERSTELD na een onderbreking (5 gebeurtenissen" in repaired.stderr
    assert (tmp_path / "onderbroken.jsonl.bak").exists()
    closing = json.loads(lines_of(interrupted)[-1])
    assert closing["close"] == "recovered" and closing["events"] == 5
    result = gesprek.run("verify", interrupted, "--lang", "en")
    assert result.returncode == EX_OK
    assert "intact, RECOVERED after an interruption" in result.stdout
    again = gesprek.run("repair", interrupted)
    assert again.returncode == EX_OK and "niets te herstellen" in again.stderr


def test_encrypted_lines_copied_from_another_transcript_are_found(gesprek: Gesprek, tmp_path: Path):
    env = {"GESPREK_PASSPHRASE": "correct horse battery"}
    script = write_script(tmp_path / "s.gesprek", SCRIPT)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (a, b):
        assert gesprek.run("run", "--encrypt", script, "-o", out, env=env).returncode == EX_OK
    assert gesprek.run("verify", "--strict", a, env=env).returncode == EX_OK
    copied = lines_of(a)
    copied[4] = lines_of(b)[4]
    save(a, copied)
    result = gesprek.run("verify", a, env=env)
    assert result.returncode == EX_DATAERR
    assert "NIET INTACT: seq 3 (regel 5) is gewijzigd" in result.stdout


def test_a_planted_kdf_header_is_damage_not_a_wrong_passphrase(gesprek: Gesprek, tmp_path: Path):
    env = {"GESPREK_PASSPHRASE": "correct horse battery"}
    out = tmp_path / "t.jsonl"
    assert gesprek.run("run", "--encrypt", write_script(tmp_path / "s.gesprek", SCRIPT), "-o", out, env=env).returncode == EX_OK
    lines = lines_of(out)
    envelope = json.loads(lines[0])
    envelope.update(n=1 << 20, r=32, p=16)
    lines[0] = json.dumps(envelope, separators=(",", ":")).encode()
    save(out, lines)
    for command in (["verify"], ["summary"], ["export"]):
        result = gesprek.run(*command, out, env=env)
        assert result.returncode == EX_DATAERR, (command, result.stderr)
        assert "regel 1 van het versleutelde transcript is beschadigd" in result.stdout + result.stderr
        assert "wachtwoord past niet" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", [["summary"], ["export", "--format", "md"], ["replay", "--speed", "1000"]])
def test_readers_warn_about_a_transcript_that_is_not_closed_and_strict_refuses_it(
        command, transcript: Path, gesprek: Gesprek, tmp_path: Path):
    assert "waarschuwing" not in gesprek.run(*command, transcript).stderr
    cut = save(tmp_path / "kort.jsonl", lines_of(transcript)[:-1])
    warned = gesprek.run(*command, cut)
    assert warned.returncode == EX_OK, warned.stderr
    assert f"{cut}: waarschuwing: intact maar NIET AFGESLOTEN" in warned.stderr
    refused = gesprek.run(*command, "--strict", cut, "--lang", "en")
    assert refused.returncode == EX_DATAERR
    assert "intact but NOT CLOSED" in refused.stderr and "(--strict: not read)" in refused.stderr
    assert refused.stdout == ""


@pytest.mark.parametrize("command", [["summary"], ["export"], ["replay", "--speed", "1000"]])
def test_readers_warn_about_a_forged_or_foreign_transcript(command, transcript: Path, gesprek: Gesprek, tmp_path: Path):
    lines = lines_of(transcript)
    lines[3] = lines[3].replace(b"slaap slecht", b"slaap prima")
    forged = save(tmp_path / "vervalst.jsonl", lines[:1] + recompute_every_hash(lines)[1:])
    warned = gesprek.run(*command, forged)
    assert "waarschuwing: NIET INTACT: vervalst" in warned.stderr
    assert gesprek.run(*command, "--strict", forged).returncode == EX_DATAERR
    foreign = gesprek.run(*command, transcript, env={"HOME": str(tmp_path / "collega")})
    assert "waarschuwing: intact en afgesloten" in foreign.stderr and "ONBEKENDE sleutel" in foreign.stderr


def test_a_caseload_checks_each_transcript_when_asked(transcript: Path, gesprek: Gesprek, tmp_path: Path):
    cut = save(tmp_path / "kort.jsonl", lines_of(transcript)[:-1])
    plain = gesprek.run("summary", transcript, cut)
    assert plain.returncode == EX_OK and "NIET AFGESLOTEN" not in plain.stderr, "the fast scan checks only when asked"
    checked = gesprek.run("summary", "--verify", transcript, cut)
    assert checked.returncode == EX_OK
    assert f"{cut}: waarschuwing: intact maar NIET AFGESLOTEN" in checked.stderr
    strict = gesprek.run("summary", "--strict", transcript, cut)
    assert strict.returncode == EX_DATAERR
    assert "(--strict: niet meegeteld)" in strict.stderr
