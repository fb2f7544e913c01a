"""The Debian package as a user gets it: `dist/gesprek_VERSION_ARCH.deb`
(from `./dev package`, or `$GESPREK_DEB`) unpacked into an empty root with
`dpkg-deb -x`, and the installed binary run from there with an empty
environment and no Swift toolchain on the PATH.

Skipped when there is no package: building one takes a release build
(minutes), so CI does not; `./dev package --test` builds it and runs this."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pexpect
import pytest

from support import REPO, SCRIPTS, events_of
from test_packaging import VERSION_LINE, bash_completes, man_warnings, source_version


def find_package() -> Path | None:
    if os.environ.get("GESPREK_DEB"):
        return Path(os.environ["GESPREK_DEB"])
    found = sorted((REPO / "dist").glob("gesprek_*.deb"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


PACKAGE = find_package()
pytestmark = pytest.mark.skipif(PACKAGE is None, reason="no dist/gesprek_*.deb: ./dev package --test builds and tests it")
MULTIARCH = "x86_64-linux-gnu"
# What Debian's own packages provide; no libswift*, no libFoundation*.
DEBIAN_LIBRARIES = re.compile(r"^(libedit\.so\.2|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|"
                              r"ld-linux-x86-64\.so\.2|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libutil\.so\.1)$")


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    assert not any(root.iterdir())
    subprocess.run(["dpkg-deb", "-x", str(PACKAGE), str(root)], check=True)
    return root


@pytest.fixture(scope="module")
def control() -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(PACKAGE)], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^([A-Za-z-]+): (.*)$", text, re.MULTILINE))


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def installed(root: Path, *args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed binary, run with exactly `env` (empty by default): no PATH, so no toolchain."""
    return subprocess.run([str(root / "usr/bin/gesprek"), *args], capture_output=True, text=True,
                          env=env or {}, cwd=cwd or root, timeout=60)


def needed(path: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.MULTILINE)


def test_the_package_is_named_by_the_version_the_binary_has(root: Path, control: dict):
    version = source_version()
    assert control["Package"] == "gesprek"
    assert control["Version"] == version
    assert PACKAGE.name == f"gesprek_{version}_{control['Architecture']}.deb"


def test_version_from_an_empty_environment_names_a_real_commit(root: Path):
    result = installed(root, "--version")
    assert result.returncode == 0, result.stderr
    match = VERSION_LINE.match(result.stdout)
    assert match and match.group(1) == source_version(), result.stdout
    commit = match.group(2).removesuffix("-dirty")
    assert commit not in ("onbekend", "unknown"), "./dev package stamps the commit"
    if (REPO / ".git").exists():
        assert subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{commit}^{{commit}}"]).returncode == 0


def test_the_binary_needs_only_what_debian_provides(root: Path, control: dict):
    for path in (root / "usr/bin/gesprek", root / f"usr/lib/{MULTIARCH}/libGesprekC.so"):
        libraries = needed(path)
        assert "libedit.so.2" not in libraries  # loaded with dlopen, for the line editor only
        assert [lib for lib in libraries if not DEBIAN_LIBRARIES.match(lib)] == [], path.name
    depends = control["Depends"]
    assert "libedit2" in depends and "libc6" in depends  # libedit2 written in by build-deb.sh
    versions = subprocess.run(["readelf", "-V", str(root / "usr/bin/gesprek")], capture_output=True, text=True).stdout
    if "GLIBC_ABI_DT_RELR" in versions:  # packed relocations: a loader older than glibc 2.36 refuses the binary
        minimum = re.search(r"libc6 \(>= 2\.(\d+)", depends)
        assert minimum and int(minimum[1]) >= 36, depends
    assert "swift" not in depends.lower()


def test_nothing_installed_looks_for_libraries_beside_itself(root: Path):
    """No runpath ($ORIGIN, which SwiftPM gives every program): each library would first be looked for
    in 13 folders under /usr/bin at every start, and a file planted there would be loaded."""
    for path in (root / "usr/bin/gesprek", root / f"usr/lib/{MULTIARCH}/libGesprekC.so"):
        dynamic = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=True).stdout
        assert "RUNPATH" not in dynamic and "RPATH" not in dynamic, path.name


def test_the_installed_binary_is_stripped(root: Path):
    for path in (root / "usr/bin/gesprek", root / f"usr/lib/{MULTIARCH}/libGesprekC.so"):
        sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=True).stdout
        assert ".symtab" not in sections and ".debug_info" not in sections, path.name


# docs/packaging.md#size: about 23 MB, because nothing calls Foundation proper (whose ICU data alone is 34 MB).
def test_the_installed_binary_is_under_30_mb(root: Path):
    binary = root / "usr/bin/gesprek"
    assert binary.stat().st_size < 30 * 1000 * 1000, f"{binary.stat().st_size / 1e6:.1f} MB"


def test_run_summary_and_verify_a_sample_from_an_empty_environment(root: Path, home: Path, tmp_path: Path):
    script = next(s for s in SCRIPTS if s.stem == "netwerk-na-scheiding")
    transcript = tmp_path / "gesprek.jsonl"
    env = {"HOME": str(home)}
    result = installed(root, "run", str(script), "-o", str(transcript), env=env)
    assert result.returncode == 0, result.stderr
    assert len(events_of(transcript)) > 5
    summary = installed(root, "summary", "--format", "json", str(transcript), env=env)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)
    text = installed(root, "summary", str(transcript), env=env)
    assert text.returncode == 0 and "sociaal" in text.stdout.lower()
    assert installed(root, "verify", str(transcript), env=env).returncode == 0


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_a_live_session_on_a_terminal(root: Path, home: Path, tmp_path: Path, colour: bool):
    transcript = tmp_path / "live.jsonl"
    env = {"HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    if not colour:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(str(root / "usr/bin/gesprek"), ["--case", "PKG-1", "-o", str(transcript)], env=env,
                          encoding="utf-8", timeout=15, cwd=str(tmp_path))
    try:
        child.expect("Ctrl-D")
        child.sendline("ask #v Hoe gaat het thuis?")
        child.expect("vraag")
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert [e["kind"] for e in events_of(transcript)] == ["ask"]


def test_bash_completes_export_from_the_installed_completion(root: Path, tmp_path: Path):
    completion = root / "usr/share/bash-completion/completions/gesprek"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    assert bash_completes(completion, root / "usr/bin", "gesprek ex", env).startswith("gesprek export")


def test_zsh_and_fish_completions_are_where_those_shells_look(root: Path):
    for path in ("usr/share/zsh/vendor-completions/_gesprek", "usr/share/fish/vendor_completions.d/gesprek.fish"):
        assert "export" in (root / path).read_text(encoding="utf-8"), path


def test_every_man_page_renders_without_warnings(root: Path):
    dutch = sorted((root / "usr/share/man/man1").glob("*.1.gz"))
    english = sorted((root / "usr/share/man/en/man1").glob("*.1.gz"))
    commands = json.loads(installed(root, "--experimental-dump-help").stdout)["command"]["subcommands"]
    expected = {"gesprek.1.gz"} | {f"gesprek-{c['commandName']}.1.gz" for c in commands if c["commandName"] != "help"}
    assert {p.name for p in dutch} == expected
    assert {p.name for p in english} == expected
    for page in dutch + english:
        assert man_warnings(page) == "", page


def test_the_documentation_is_under_usr_share_doc(root: Path):
    doc = root / "usr/share/doc/gesprek"
    assert (doc / "README.md").read_text(encoding="utf-8") == (REPO / "README.md").read_text(encoding="utf-8")
    assert (doc / "copyright").is_file()


def test_a_c_host_builds_with_pkg_config_and_runs_without_swift(root: Path, home: Path, tmp_path: Path):
    if shutil.which("cc") is None or shutil.which("pkg-config") is None:
        pytest.skip("no cc or pkg-config")
    env = {"PATH": os.environ["PATH"], "PKG_CONFIG_PATH": str(root / f"usr/lib/{MULTIARCH}/pkgconfig")}
    flags = subprocess.run(["pkg-config", f"--define-variable=prefix={root}/usr", "--cflags", "--libs", "gesprek"],
                           capture_output=True, text=True, check=True, env=env).stdout.split()
    version = subprocess.run(["pkg-config", "--modversion", "gesprek"], capture_output=True, text=True, check=True,
                             env=env).stdout.strip()
    assert version == source_version()
    host = tmp_path / "minimal"
    subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", str(REPO / "Examples/C/minimal.c"), *flags, "-o", str(host)],
                   check=True, env=env)
    result = subprocess.run([str(host)], capture_output=True, text=True, timeout=60,
                            env={"HOME": str(home), "LD_LIBRARY_PATH": str(root / f"usr/lib/{MULTIARCH}")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["accepted"]


@pytest.mark.skipif(shutil.which("lintian") is None, reason="lintian is not installed")
def test_every_lintian_tag_is_explained_in_the_packaging_docs():
    result = subprocess.run(["lintian", "--tag-display-limit", "0", "--info", str(PACKAGE)], capture_output=True,
                            text=True, timeout=600)
    assert "gesprek" in result.stdout or result.returncode == 0, result.stderr  # it ran, and said something or nothing
    tags = set(re.findall(r"^[EWIPX]: gesprek[^:]*: ([a-z0-9-]+)", result.stdout, re.MULTILINE))
    docs = (REPO / "docs" / "packaging.md").read_text(encoding="utf-8")
    # The tags that remain, as the page lists them (not the ones it names as fixed).
    remaining = docs.split("## lintian", 1)[1].split("Tags that were there and are fixed", 1)[0]
    explained = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", remaining))
    assert sorted(tags - explained) == [], result.stdout
