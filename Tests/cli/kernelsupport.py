"""Helpers for the notebook tests: the kernelspec `gesprek` installed into a temporary Jupyter
folder (never the user's), the library the kernel embeds, and events compared as a person would
(kind, tags, dimensions, text and values; not times, hashes or line numbers)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

PYTHON = REPO / "Python"
# What of an event a re-run cannot reproduce: when, where in the file, and the seal.
NOT_COMPARED = {"elapsed", "time", "lineNumber", "hash", "sig"}


def library() -> Path:
    """The C interface the kernel embeds: `$GESPREK_LIBRARY`, else the debug build, else the release build."""
    value = os.environ.get("GESPREK_LIBRARY")
    candidates = [Path(value)] if value else [REPO / ".build" / "debug" / "libGesprekC.so",
                                              REPO / ".build" / "release" / "libGesprekC.so"]
    for path in candidates:
        if path.is_file():
            return path
    pytest.fail(f"libGesprekC.so not found at {candidates[0]}: run `swift build` or set GESPREK_LIBRARY", pytrace=False)


def install_kernelspec(jupyter: Path) -> Path:
    """Installs the kernelspec under `jupyter` (share/jupyter/kernels/gesprek) as `./dev kernel` does for a user."""
    env = {**os.environ, "PYTHONPATH": str(PYTHON), "GESPREK_LIBRARY": str(library())}
    subprocess.run([sys.executable, "-m", "gesprek_kernel", "install", "--prefix", str(jupyter)], env=env, check=True,
                   capture_output=True, timeout=60)
    return jupyter / "share" / "jupyter"


def kernel_environment(root: Path, jupyter_data: Path, extra: dict | None = None) -> dict[str, str]:
    """What the test process's environment becomes while a kernel starts: Jupyter finds the spec under
    `jupyter_data` only, and the kernel writes its transcripts under `root`."""
    env = {
        "JUPYTER_PATH": str(jupyter_data),
        "JUPYTER_DATA_DIR": str(jupyter_data),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "JUPYTER_CONFIG_DIR": str(root / "jupyter-config"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "HOME": str(root / "home"),
        "LANG": "C.UTF-8",
    }
    env.update(extra or {})
    Path(env["HOME"]).mkdir(parents=True, exist_ok=True)
    return env


@contextlib.contextmanager
def environment(values: dict[str, str], remove: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANGUAGE")):
    """`os.environ` with `values` (and without `remove`) for the time of the block."""
    saved = dict(os.environ)
    for key in remove:
        os.environ.pop(key, None)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def comparable(event: dict) -> dict:
    """An event as a re-run must reproduce it."""
    return {k: v for k, v in event.items() if k not in NOT_COMPARED}
