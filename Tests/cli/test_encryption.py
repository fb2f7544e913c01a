"""Encrypted transcripts from the command line: written with --encrypt or the
setting, read by summary, replay and export with the passphrase from
GESPREK_PASSPHRASE or the terminal; a wrong or missing passphrase gets a clear
message and exit code 77, never garbage."""

from __future__ import annotations

import json

import pexpect

from support import base_env, mode

SECRET = "geheim wachtwoord 42"
SCRIPT = """\
session case=OKT-7 advisor="Sanne Bakker"
participant Lisa role=moeder
ask #v Hoe gaat het met Lisa?
say Lisa #v Het gaat wel.
network add Oma role=grootmoeder influence=+ stays=yes
"""
# The names as the plain text shows them, each with a character base64 never has (a space, `=`, `?`, `-`),
# so that the random ciphertext cannot hold one by chance (it held "Oma" once, as the Swift test saw too).
PLAIN_FORMS = ["participant Lisa ", "met Lisa?", "add Oma ", "Sanne Bakker", "OKT-7", "Hoe gaat het", "role=grootmoeder"]


def encrypted(gesprek, tmp_path, name="versleuteld.jsonl"):
    out = tmp_path / name
    result = gesprek.run("run", "-", "--encrypt", "-o", out, input=SCRIPT, env={"GESPREK_PASSPHRASE": SECRET})
    assert result.returncode == 0, result.stderr
    return out


def test_an_encrypted_transcript_holds_no_readable_content(gesprek, tmp_path):
    out = encrypted(gesprek, tmp_path)
    text = out.read_text(encoding="utf-8")
    for name in PLAIN_FORMS:
        assert name not in text
    envelope = json.loads(text.splitlines()[0])
    assert envelope["format"] == "gesprek-transcript-encrypted"
    assert envelope["kdf"] == "scrypt" and envelope["cipher"] == "ChaCha20-Poly1305"
    # The envelope, the header, one sealed line per event, the closing record.
    assert len(text.splitlines()) == 1 + 1 + 5 + 1
    assert envelope["version"] == 3 and len(envelope["file"]) == 36, "the file's own id, bound to every line"
    # Version 3 names the case's data key in the key store; the key itself is never in the file.
    assert len(envelope["key"]) == 32 and "wrapped" not in envelope
    assert mode(out) == 0o600
    assert mode(gesprek.data_home / "gesprek" / "salt") == 0o600


def test_reading_commands_take_the_passphrase_from_the_environment(gesprek, tmp_path):
    out = encrypted(gesprek, tmp_path)
    env = {"GESPREK_PASSPHRASE": SECRET}
    summary = gesprek.run("summary", out, "--format", "json", env=env)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["network"]["members"][0]["name"] == "Oma"
    replay = gesprek.run("replay", out, "--speed", "1000", env=env)
    assert replay.returncode == 0 and "Het gaat wel." in replay.stdout
    export = gesprek.run("export", out, "--format", "md", env=env)
    assert export.returncode == 0 and "Hoe gaat het met Lisa?" in export.stdout


def test_a_wrong_passphrase_is_refused_clearly(gesprek, tmp_path):
    out = encrypted(gesprek, tmp_path)
    for command in (["summary", out], ["replay", out], ["export", out, "--format", "json"]):
        result = gesprek.run(*command, env={"GESPREK_PASSPHRASE": "niet het goede"})
        assert result.returncode == 77, (command, result.stderr)
        assert "het wachtwoord past niet bij dit versleutelde transcript" in result.stderr
        assert result.stdout == ""


def test_without_a_passphrase_or_terminal_it_says_how_to_give_one(gesprek, tmp_path):
    out = encrypted(gesprek, tmp_path)
    result = gesprek.run("summary", out, "--lang", "en")
    assert result.returncode == 77
    assert "set GESPREK_PASSPHRASE or use a terminal" in result.stderr
    new = gesprek.run("run", "-", "--encrypt", "-o", tmp_path / "nieuw.jsonl", input="note a\n")
    assert new.returncode == 77
    assert not (tmp_path / "nieuw.jsonl").exists()


def test_the_setting_encrypts_without_the_flag(gesprek, tmp_path):
    config = gesprek.root / "home" / ".config" / "gesprek"
    config.mkdir(parents=True, exist_ok=True)  # the tests trust the samples' key there already
    (config / "config").write_text("# gesprek\nencrypt = yes\n", encoding="utf-8")
    out = tmp_path / "instelling.jsonl"
    result = gesprek.run("run", "-", "-o", out, input=SCRIPT, env={"GESPREK_PASSPHRASE": SECRET})
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["format"] == "gesprek-transcript-encrypted"


def test_the_terminal_asks_for_the_passphrase_twice_and_reading_asks_once(gesprek_bin, tmp_path, gesprek):
    out = tmp_path / "live.jsonl"
    env = base_env(tmp_path)
    env.update({"TERM": "xterm-256color", "NO_COLOR": "1"})
    child = pexpect.spawn(str(gesprek_bin), ["--encrypt", "-o", str(out)], env=env, encoding="utf-8", timeout=10)
    child.delaybeforesend = None
    child.expect_exact("Wachtwoord voor het transcript: ")
    child.sendline("kort")
    child.expect_exact("Kies minstens 8 tekens.")
    child.expect_exact("Wachtwoord voor het transcript: ")
    child.sendline(SECRET)
    child.expect_exact("Nogmaals: ")
    child.sendline(SECRET)
    child.expect_exact("› ")
    child.send("ask #v Hoe gaat het met Lisa?\r")
    child.expect_exact("› ")
    child.send("\x04")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "met Lisa?" not in out.read_text(encoding="utf-8")
    reader = pexpect.spawn(str(gesprek_bin), ["summary", str(out)], env=env, encoding="utf-8", timeout=10)
    reader.expect_exact("Wachtwoord voor het transcript: ")
    reader.sendline(SECRET)
    reader.expect_exact("vertrekpunt      1 vraag")
    reader.expect(pexpect.EOF)
    reader.close()
    assert reader.exitstatus == 0


def test_verify_and_repair_work_on_encrypted_transcripts(gesprek, tmp_path):
    out = encrypted(gesprek, tmp_path)
    env = {"GESPREK_PASSPHRASE": SECRET}
    intact = gesprek.run("verify", out, env=env)
    assert intact.returncode == 0, intact.stderr
    assert "intact en afgesloten: 5 gebeurtenissen" in intact.stdout
    assert gesprek.run("verify", out, env={"GESPREK_PASSPHRASE": "niet het goede"}).returncode == 77
    lines = out.read_text(encoding="utf-8").split("\n")
    changed = tmp_path / "gewijzigd.jsonl"
    lines[3] = lines[3][:10] + ("A" if lines[3][10] != "A" else "B") + lines[3][11:]
    changed.write_text("\n".join(lines), encoding="utf-8")
    tampered = gesprek.run("verify", changed, env=env)
    assert tampered.returncode == 65
    assert "NIET INTACT: seq 2 (regel 4) is gewijzigd" in tampered.stdout
    cut = tmp_path / "afgebroken.jsonl"
    # A crash: no closing record, the last event cut while it was written.
    interrupted = out.read_bytes()
    interrupted = interrupted[:interrupted.rindex(b"\n", 0, len(interrupted) - 1) + 1]
    cut.write_bytes(interrupted[:-20])
    report = gesprek.run("verify", cut, env=env)
    assert report.returncode == 0
    assert "afgebroken laatste regel 7" in report.stdout
    repaired = gesprek.run("repair", cut, env=env)
    assert repaired.returncode == 0, repaired.stderr
    assert "4 gebeurtenissen blijven" in repaired.stdout + repaired.stderr
    after = gesprek.run("verify", cut, env=env)
    assert after.returncode == 0 and "afgebroken laatste" not in after.stdout
    assert "intact, HERSTELD na een onderbreking" in after.stdout and "4 gebeurtenissen" in after.stdout
