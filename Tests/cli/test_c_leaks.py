"""The leak check of the C interface: 20,000 executes through the C example under LeakSanitizer.

valgrind 3.19 cannot read the DWARF 5 debug information of Swift 6.3's libraries, so the check is
LeakSanitizer's (`cc -fsanitize=leak`): at exit it reports every block nothing points to any more.
It must fail when the host skips gesprek_free, which the second test proves on every run.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from support import REPO
from test_c_interface import EXAMPLES, build, library  # noqa: F401 (the fixture)

SCRIPT = REPO / "Scripts" / "netwerk-na-scheiding.gesprek"


@pytest.fixture(scope="module")
def leak_host(library: Path, tmp_path_factory) -> Path:  # noqa: F811
    return build(EXAMPLES / "host.c", library, tmp_path_factory.mktemp("lsan") / "host", "-g", "-fsanitize=leak")


def run(leak_host: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, LSAN_OPTIONS="exitcode=23:report_objects=0")
    return subprocess.run([str(leak_host), "repeat", str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=900)


def test_twenty_thousand_executes_leak_nothing(leak_host: Path):
    result = run(leak_host, "20000")
    assert "LeakSanitizer" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_check_finds_answers_not_freed(leak_host: Path):
    result = run(leak_host, "200", "keep")
    assert result.returncode == 23, result.stderr[-3000:]
    assert "LeakSanitizer: detected memory leaks" in result.stderr
    assert "strdup" in result.stderr, "the leaked blocks are the answers gesprek made"
