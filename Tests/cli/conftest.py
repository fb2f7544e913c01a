"""Fixtures for the end-to-end tests of the `gesprek` command line.

The binary is `$GESPREK_BIN` if set (a relative path is taken from the
repository root), else `.build/debug/gesprek`; build it with `swift build`.
The embedding example is `$GESPREK_EMBEDDING_BIN`, else `embedding-example`
next to the binary.

Every test gets its own XDG_DATA_HOME and HOME under tmp_path, so no test
touches real transcripts, and LANG=C.UTF-8 without LC_ALL/LC_MESSAGES, so
messages are Dutch unless a test passes `--lang en`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from support import SCHEMA_PATH, Gesprek, from_repo


def pytest_report_header(config) -> str | None:
    """The crash test's seed, so that a failing run can be repeated (test_crash.py)."""
    try:
        from test_crash import SEED
    except ImportError:
        return None
    return f"crash test seed: {SEED} (GESPREK_CRASH_SEED={SEED} repeats the kill moments)"


@pytest.fixture(scope="session")
def gesprek_bin() -> Path:
    path = from_repo(os.environ.get("GESPREK_BIN") or ".build/debug/gesprek")
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"gesprek binary not found at {path}: run `swift build` or set GESPREK_BIN", pytrace=False)
    return path


@pytest.fixture(scope="session")
def embedding_bin(gesprek_bin: Path) -> Path:
    value = os.environ.get("GESPREK_EMBEDDING_BIN")
    path = from_repo(value) if value else gesprek_bin.parent / "embedding-example"
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"embedding example not found at {path}: run `swift build` or set GESPREK_EMBEDDING_BIN",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def schema() -> dict:
    with SCHEMA_PATH.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    # jsonschema checks `date-time` only when rfc3339-validator is installed, and
    # otherwise accepts any string there without a word: fail instead.
    if checker.conforms("2026-02-30T10:41:07.512+01:00", "date-time"):
        pytest.fail("jsonschema does not check the date-time format: install the Python package rfc3339-validator "
                    "(./dev test does)", pytrace=False)
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


@pytest.fixture
def gesprek(gesprek_bin: Path, tmp_path: Path) -> Gesprek:
    """The binary, run with its own XDG_DATA_HOME and HOME under tmp_path."""
    return Gesprek(gesprek_bin, tmp_path)
