"""What the Debian package is made of, from the binary under test (the debug
build in CI): `gesprek --version`, the man pages that Packaging/manpages.py
generates from the command definitions, and the shell completions. Cheap
enough to run always; test_package.py tests the built .deb itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import REPO, Gesprek

MANPAGES = REPO / "Packaging" / "manpages.py"
VERSION_LINE = re.compile(r"^gesprek (\d+\.\d+\.\d+) \(commit ([0-9a-f]{7,}(?:-dirty)?|onbekend|unknown)\)\n$")


def source_version() -> str:
    """The one place that holds the version number."""
    text = (REPO / "Sources" / "GesprekKit" / "Reference" / "GesprekKit.swift").read_text(encoding="utf-8")
    return re.search(r'public static let version = "([^"]+)"', text).group(1)


def commands(gesprek: Gesprek) -> list[str]:
    info = json.loads(gesprek.run("--experimental-dump-help").stdout)
    return [c["commandName"] for c in info["command"]["subcommands"] if c["commandName"] != "help"]


def man_warnings(page: Path) -> str:
    """What man says about a page besides rendering it: empty for a clean page."""
    env = {"PATH": os.environ["PATH"], "MANWIDTH": "80", "LANG": "C.UTF-8"}
    proc = subprocess.run(["man", "--warnings=w", "-l", str(page)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.mark.parametrize("lang, unknown", [("nl", "onbekend"), ("en", "unknown")])
def test_version_names_the_version_and_the_commit(gesprek: Gesprek, lang: str, unknown: str):
    result = gesprek.run("--lang", lang, "--version")
    assert result.returncode == 0 and result.stderr == ""
    match = VERSION_LINE.match(result.stdout)
    assert match, result.stdout
    assert match.group(1) == source_version()
    commit = match.group(2).removesuffix("-dirty")
    if commit in ("onbekend", "unknown"):
        assert commit == unknown
    elif shutil.which("git") and (REPO / ".git").exists():
        # A commit that this repository knows, not a hand-written one.
        known = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{commit}^{{commit}}"])
        assert known.returncode == 0, f"{commit} is no commit of this repository"


@pytest.mark.parametrize("lang, heading", [("nl", "OPTIES"), ("en", "OPTIONS")])
def test_a_man_page_for_gesprek_and_every_command_renders_without_warnings(
        gesprek: Gesprek, tmp_path: Path, lang: str, heading: str):
    out = tmp_path / "man1"
    subprocess.run(["python3", str(MANPAGES), str(gesprek.binary), str(out), "--lang", lang, "--date", "2026-11-30"],
                   check=True, env=gesprek.env)
    expected = {"gesprek.1"} | {f"gesprek-{name}.1" for name in commands(gesprek)}
    assert {p.name for p in out.iterdir()} == expected
    for page in sorted(out.iterdir()):
        assert man_warnings(page) == "", page.name
    rendered = subprocess.run(["man", "-l", str(out / "gesprek-export.1")], capture_output=True, text=True,
                              env={"PATH": os.environ["PATH"], "MANWIDTH": "80", "LANG": "C.UTF-8"}).stdout
    assert heading in rendered
    # Every option of the command is on its page, as `--help` has it.
    help_text = gesprek.run("export", "--help", "--lang", lang).stdout
    for option in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text)):
        assert option in rendered, option


def test_a_page_that_groff_would_misread_is_escaped(gesprek: Gesprek, tmp_path: Path):
    # Backslashes and a leading dot in the help would be groff requests; none may reach groff raw.
    out = tmp_path / "man1"
    subprocess.run(["python3", str(MANPAGES), str(gesprek.binary), str(out)], check=True, env=gesprek.env)
    for page in out.iterdir():
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("."):
                assert re.match(r"^\.(TH|SH|PP|TP|B|nf|fi|nh|hy|ad)( |$)", line), f"{page.name}: {line}"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_scripts_generate_and_parse(gesprek: Gesprek, tmp_path: Path, shell: str):
    result = gesprek.run("--generate-completion-script", shell)
    assert result.returncode == 0 and result.stdout
    for name in commands(gesprek):
        assert name in result.stdout
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"gesprek.{shell}"
    script.write_text(result.stdout, encoding="utf-8")
    check = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def bash_completes(completion: Path, bin_dir: Path, typed: str, env: dict) -> str:
    """What an interactive bash shows after `typed` and a Tab, with the completion file sourced."""
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=10,
                          dimensions=(24, 200))
    try:
        child.sendline(f"PS1='$ '; PATH={bin_dir}:$PATH; source {completion}; echo ready-$((6*7))")
        child.expect("ready-42")
        child.expect(r"\$ ")
        child.send(typed + "\t")
        child.expect(re.escape(typed))
        child.expect(r"\S+", timeout=5)
        return typed + child.before + child.after
    finally:
        child.sendcontrol("c")
        child.close(force=True)


def test_bash_completes_a_command_with_tab(gesprek: Gesprek, tmp_path: Path):
    completion = tmp_path / "gesprek"
    completion.write_text(gesprek.run("--generate-completion-script", "bash").stdout, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gesprek").symlink_to(gesprek.binary)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    assert bash_completes(completion, bin_dir, "gesprek ex", env).startswith("gesprek export")
    assert bash_completes(completion, bin_dir, "gesprek export --anon", env).startswith("gesprek export --anonymize")


@pytest.mark.parametrize("name", ["gesprek", "libGesprekC.so"])
def test_the_binary_calls_nothing_in_foundation_proper(gesprek: Gesprek, name: str):
    """docs/packaging.md#size: one call into swift-corelibs-foundation beyond FoundationEssentials
    links ICU's 34 MB of data into the static release binary (and into libGesprekC.so). The debug
    build links Foundation dynamically, so what it needs from there shows as undefined symbols and
    a needed library."""
    if shutil.which("nm") is None or shutil.which("readelf") is None:
        pytest.skip("binutils (nm, readelf) not installed")
    path = gesprek.binary.parent / name
    if not path.exists():
        pytest.skip(f"no {name} beside the binary under test")
    needed = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    assert not re.search(r"\[lib(Foundation|FoundationInternationalization|_FoundationICU)\.so\]", needed), needed
    symbols = subprocess.run(["nm", "-D", "--undefined-only", str(path)], capture_output=True, text=True, check=True).stdout
    proper = sorted({line.split()[-1] for line in symbols.splitlines() if "10Foundation" in line})
    assert proper == [], f"{len(proper)} symbols from Foundation proper, e.g. {proper[:5]}"
