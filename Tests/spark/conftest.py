"""Fixtures for the Spark views' tests (Tests/spark, run by `./dev spark`, not by `./dev test`):
the command-line tests' helpers (Tests/cli/support.py, analysis_views.py) and one local
Spark session (pyspark, two cores) for the whole run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

from support import Gesprek, from_repo  # noqa: E402


@pytest.fixture(scope="session")
def gesprek_bin() -> Path:
    path = from_repo(os.environ.get("GESPREK_BIN") or ".build/debug/gesprek")
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"gesprek binary not found at {path}: run `swift build` or set GESPREK_BIN", pytrace=False)
    return path


@pytest.fixture
def gesprek(gesprek_bin: Path, tmp_path: Path) -> Gesprek:
    """The binary, run with its own XDG_DATA_HOME and HOME under tmp_path."""
    return Gesprek(gesprek_bin, tmp_path)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("gesprek-views")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
