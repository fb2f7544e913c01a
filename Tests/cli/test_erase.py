"""`gesprek erase CASE-ID`: erasure on request (Jeugdwet, AVG), against the real binary.

Encrypted cases are crypto-shredded: the case's key in the key store is destroyed, so a copy of its
transcript anywhere reads as "gewist op verzoek"; other cases keep working. Plain transcripts are
removed where gesprek can reach them, and gesprek says what it cannot guarantee. Every erasure leaves
a signed record without names in the erasure log.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pexpect
import pytest

from support import base_env, terminal_env

SECRET = "correct horse battery"
ENV = {"GESPREK_PASSPHRASE": SECRET}
NAMES = ["Lisa", "OKT-A", "OKT-B", "OKT-P", "Oma"]


def make(gesprek, case, text, encrypt=True, extra=""):
    """A transcript of `case` in the default folder; its path."""
    before = set(gesprek.default_transcripts())
    args = ["run", "-", "--case", case] + (["--encrypt"] if encrypt else [])
    result = gesprek.run(*args, input=f"note {text}\n{extra}", env=ENV if encrypt else None)
    assert result.returncode == 0, result.stderr
    (new,) = set(gesprek.default_transcripts()) - before
    return new


def config(gesprek) -> Path:
    return gesprek.root / "home" / ".config" / "gesprek"


def snapshot(*folders: Path) -> dict:
    """Every entry under the folders: a file's hash, a link's target, a FIFO's kind."""
    seen = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                seen[str(path)] = "link:" + os.readlink(path)
            elif path.is_fifo():
                seen[str(path)] = "fifo"
            elif path.is_file():
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def check_record_signature(line: str) -> None:
    """The erasure record's Ed25519 signature, checked apart from gesprek (Python's cryptography)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    record = json.loads(line)
    cut = line.rindex(',"sig":"')
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(record["signer"]))
    key.verify(bytes.fromhex(record["sig"]), b"gesprek-erasure:" + line[:cut].encode())


def test_erasing_an_encrypted_case_shreds_every_copy_and_leaves_other_cases(gesprek, tmp_path):
    a = make(gesprek, "OKT-A", "Lisa kookt met Oma.")
    b = make(gesprek, "OKT-B", "Ander gezin.")
    backup = tmp_path / "backup"
    backup.mkdir(mode=0o700)
    copy = backup / "copy-of-a.jsonl"
    shutil.copy(a, copy)
    assert gesprek.run("verify", copy, env=ENV).returncode == 0

    result = gesprek.run("erase", "OKT-A", "--yes", env=ENV)
    assert result.returncode == 0, result.stderr
    assert "1 sleutel vernietigd, 1 bestand verwijderd" in result.stdout
    assert not a.exists() and b.exists()
    keys = config(gesprek) / "case-keys"
    assert len(list(keys.glob("*.key"))) == 1 and len(list(keys.glob("*.erased"))) == 1

    # The copy the erasure could not reach cannot be read any more: it says so, not "damaged".
    verify = gesprek.run("verify", copy, b, env=ENV)
    assert verify.returncode == 69, verify.stdout + verify.stderr
    assert f"{copy}: gewist op verzoek (" in verify.stdout
    assert f"{b}: intact en afgesloten" in verify.stdout
    assert "beschadigd" not in verify.stdout + verify.stderr and "NIET INTACT" not in verify.stdout
    assert "1 gewist op verzoek" in verify.stdout
    en = gesprek.run("verify", copy, "--lang", "en", env=ENV)
    assert en.returncode == 69 and "erased on request (" in en.stdout
    for command in (["summary"], ["export", "--format", "md"], ["replay"]):
        read = gesprek.run(*command, copy, env=ENV)
        assert read.returncode == 69, (command, read.stderr)
        assert "gewist op verzoek" in read.stderr and "wachtwoord" not in read.stderr
    # Case B verifies and summarises as before.
    summary = gesprek.run("summary", b, env=ENV)
    assert summary.returncode == 0, summary.stderr
    assert "OKT-B" in summary.stdout

    # The record: signed, verifiable, and without names or the case id.
    log = config(gesprek) / "erasures.jsonl"
    text = log.read_text(encoding="utf-8")
    for name in NAMES:
        assert name not in text
    (line,) = text.splitlines()
    record = json.loads(line)
    assert record["keys"] == 1 and record["removed"] == 1 and record["plain"] == 0
    check_record_signature(line)
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    shown = gesprek.run("erase", "--log", "OKT-A")
    assert shown.returncode == 0, shown.stderr
    assert "ondertekend met sleutel" in shown.stdout and "(vertrouwd)" in shown.stdout
    assert "← deze casus" in shown.stdout and "OKT-A" not in shown.stdout

    # A second erasure with the backup folder finds the copy by the erased key, and removes it.
    again = gesprek.run("erase", "OKT-A", "--folder", backup, "--yes", env=ENV)
    assert again.returncode == 0, again.stderr
    assert not copy.exists()
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2
    assert gesprek.run("erase", "--log").returncode == 0


def test_a_changed_erasure_record_does_not_verify(gesprek):
    make(gesprek, "OKT-A", "Lisa.")
    assert gesprek.run("erase", "OKT-A", "--yes", env=ENV).returncode == 0
    log = config(gesprek) / "erasures.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"removed":1', '"removed":0'), encoding="utf-8")
    shown = gesprek.run("erase", "--log")
    assert shown.returncode == 65
    assert "NIET INTACT: de handtekening klopt niet" in shown.stdout


def test_a_plain_case_is_removed_and_it_says_what_it_cannot_guarantee(gesprek):
    p1 = make(gesprek, "OKT-P", "Lisa.", encrypt=False)
    # A session whose case was set while it ran, and a backup as repair leaves one.
    p2 = make(gesprek, "OKT-X", "Eerst iets anders.", encrypt=False, extra="session case=OKT-P\n")
    backup = p1.with_name(p1.name + ".bak")
    shutil.copy(p1, backup)
    other = make(gesprek, "OKT-Q", "Ander gezin.", encrypt=False)
    # The team's reflections beside a transcript of the case (gesprek annotate) go with it; another case's stay.
    for transcript in (p1, other):
        assert gesprek.run("annotate", transcript, input="@1 observatie Lisa kookt\n").returncode == 0
    reflections, other_reflections = (t.with_name(t.name + ".reflecties") for t in (p1, other))
    history = gesprek.root / "home" / ".local" / "state" / "gesprek" / "history"
    history.parent.mkdir(parents=True)
    history.write_text("note iets\n", encoding="utf-8")

    result = gesprek.run("erase", "OKT-P", "--yes")
    assert result.returncode == 0, result.stderr
    assert not p1.exists() and not p2.exists() and not backup.exists() and not reflections.exists()
    assert other.exists() and other_reflections.exists() and history.exists()
    assert f"verdwijnt: {reflections}" in result.stdout
    assert "4 bestanden verwijderd" in result.stdout
    assert "onversleuteld: kopieën elders blijven leesbaar" in result.stdout
    assert "kopieën elders (back-ups, e-mail, het casussysteem, exports) blijven leesbaar" in result.stdout
    assert "niet bereikt: de invoergeschiedenis" in result.stdout
    record = json.loads((config(gesprek) / "erasures.jsonl").read_text(encoding="utf-8"))
    assert record["removed"] == 4 and record["plain"] == 4 and record["keys"] == 0
    en = gesprek.run("erase", "OKT-Q", "--yes", "--lang", "en")
    assert en.returncode == 0 and "stay readable and cannot be reached by gesprek" in en.stdout


def test_a_dry_run_lists_what_would_go_and_changes_nothing(gesprek):
    a = make(gesprek, "OKT-A", "Lisa.")
    make(gesprek, "OKT-B", "Ander.")
    before = snapshot(gesprek.data_home, config(gesprek))
    result = gesprek.run("erase", "OKT-A", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "zou verdwijnen: 1 sleutel van de casus" in result.stdout
    assert f"zou verdwijnen: {a} (versleuteld met de casussleutel)" in result.stdout
    assert "proefdraai: er is niets gewist" in result.stdout
    assert snapshot(gesprek.data_home, config(gesprek)) == before


def test_without_confirmation_nothing_is_erased(gesprek):
    make(gesprek, "OKT-A", "Lisa.")
    before = snapshot(gesprek.data_home, config(gesprek))
    result = gesprek.run("erase", "OKT-A")
    assert result.returncode == 64
    assert "er is niets gewist: bevestig met --yes" in result.stderr
    assert snapshot(gesprek.data_home, config(gesprek)) == before


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_on_a_terminal_the_case_id_is_typed_again(gesprek_bin, gesprek, tmp_path, colour):
    a = make(gesprek, "OKT-A", "Lisa.")
    before = snapshot(gesprek.data_home, config(gesprek))
    env = terminal_env(tmp_path, colour)
    child = pexpect.spawn(str(gesprek_bin), ["erase", "OKT-A"], env=env, encoding="utf-8", timeout=10)
    child.expect_exact("Typ het casusnummer om te wissen: ")
    child.sendline("OKT-B")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "niet bevestigd; er is niets gewist" in child.before
    assert snapshot(gesprek.data_home, config(gesprek)) == before

    child = pexpect.spawn(str(gesprek_bin), ["erase", "OKT-A"], env=env, encoding="utf-8", timeout=10)
    child.expect_exact("Typ het casusnummer om te wissen: ")
    child.sendline("OKT-A")
    # The signing key was sealed with the passphrase (encryption was on): it is asked before anything goes.
    child.expect_exact("Wachtwoord voor het transcript: ")
    assert a.exists()
    child.sendline(SECRET)
    child.expect_exact("gewist: 1 sleutel vernietigd")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not a.exists()


def test_hostile_entries_are_left_alone(gesprek, tmp_path):
    a = make(gesprek, "OKT-A", "Lisa.", encrypt=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "target.jsonl"
    shutil.copy(a, target)
    folder = gesprek.transcript_dir
    (folder / "link.jsonl").symlink_to(target)
    os.mkfifo(folder / "fifo.jsonl")
    (folder / "notes.txt").write_text("case OKT-A\n", encoding="utf-8")
    result = gesprek.run("erase", "OKT-A", "--yes")
    assert result.returncode == 0, result.stderr
    assert not a.exists()
    assert (folder / "link.jsonl").is_symlink() and target.exists()
    assert (folder / "fifo.jsonl").is_fifo()
    assert (folder / "notes.txt").exists()
    assert f"overgeslagen: {folder / 'link.jsonl'} (symbolische koppeling)" in result.stdout
    assert f"overgeslagen: {folder / 'fifo.jsonl'} (geen gewoon bestand)" in result.stdout


def seal_as_envelope_v2(plain: Path, passphrase: str) -> bytes:
    """A plain transcript sealed as gesprek sealed them before case keys (envelope version 2: the key
    derives from the passphrase in every file), written here independently with Python's cryptography."""
    import base64
    import uuid

    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt = os.urandom(16)
    key = Scrypt(salt=salt, length=32, n=1 << 10, r=8, p=1).derive(passphrase.encode())
    aead = ChaCha20Poly1305(key)

    def seal(data: bytes, aad: bytes) -> str:
        nonce = os.urandom(12)
        return base64.b64encode(nonce + aead.encrypt(nonce, data, aad)).decode()

    file_id = str(uuid.uuid4())
    envelope = {"check": seal(b"gesprek: de sleutel klopt", b"check"), "cipher": "ChaCha20-Poly1305",
                "file": file_id, "format": "gesprek-transcript-encrypted", "kdf": "scrypt", "n": 1 << 10,
                "p": 1, "r": 8, "salt": base64.b64encode(salt).decode(), "version": 2}
    lines = [json.dumps(envelope, separators=(",", ":"), sort_keys=True)]
    for index, line in enumerate(plain.read_bytes().splitlines()):
        lines.append(seal(line, f"gesprek:{file_id}:{index}".encode()))
    return ("\n".join(lines) + "\n").encode()


def test_transcripts_encrypted_before_case_keys_are_removed_and_said_not_shredded(gesprek):
    plain = make(gesprek, "OKT-L", "Lisa.", encrypt=False)
    legacy = plain.with_name("legacy.jsonl")
    legacy.write_bytes(seal_as_envelope_v2(plain, SECRET))
    plain.unlink()
    other = make(gesprek, "OKT-B", "Ander.")
    assert gesprek.run("verify", legacy, env=ENV).returncode == 0
    # Its reflections are sealed the same way, and go (or stay) with it.
    assert gesprek.run("annotate", legacy, env=ENV, input="@1 vraag Lisa?\n").returncode == 0
    reflections = legacy.with_name(legacy.name + ".reflecties")
    assert "Lisa" not in reflections.read_text(encoding="utf-8")

    # Without the passphrase its case cannot be seen: not checked, left alone.
    blind = gesprek.run("erase", "OKT-L", "--yes")
    assert "niet gecontroleerd: 1 versleutelde transcripten van vóór de casussleutels" in blind.stdout
    assert "niets gevonden van deze casus" in blind.stdout
    assert legacy.exists() and reflections.exists()

    result = gesprek.run("erase", "OKT-L", "--yes", env=ENV)
    assert result.returncode == 0, result.stderr
    assert f"verdwijnt: {legacy} (versleuteld van vóór de casussleutels: kopieën blijven leesbaar met het wachtwoord)" in result.stdout
    assert "kopieën elders (back-ups, e-mail, het casussysteem, exports) blijven leesbaar" in result.stdout
    assert not legacy.exists() and not reflections.exists() and other.exists()
    record = json.loads((config(gesprek) / "erasures.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["legacy"] == 2 and record["keys"] == 0 and record["removed"] == 2
