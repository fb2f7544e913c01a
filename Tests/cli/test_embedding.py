"""The embedding example (Examples/Embedding/main.swift) runs as a host
application would: its lines are recorded, the bad score is rejected with
its message, and the script runs."""

from __future__ import annotations

import re
import subprocess

import pytest

from support import base_env


@pytest.fixture(scope="module")
def example(embedding_bin, tmp_path_factory):
    root = tmp_path_factory.mktemp("embedding")
    (root / "home").mkdir()
    result = subprocess.run([str(embedding_bin)], capture_output=True, text=True, env=base_env(root), cwd=root,
                            stdin=subprocess.DEVNULL, timeout=30)
    return result, root


def test_example_exits_0(example):
    result, _ = example
    assert result.returncode == 0, result.stderr


def test_example_records_the_valid_lines_in_order(example):
    result, _ = example
    recorded = re.findall(r"(?m)^recorded #(\d+) (\S+) (.*)$", result.stdout)
    assert recorded == [("1", "ask", '["vertrekpunt"]'), ("2", "score", '["sociaal"]'), ("3", "host", "[]")]


def test_example_shows_the_rejected_score_with_its_message(example):
    result, _ = example
    lines = result.stdout.splitlines()
    index = next((i for i, line in enumerate(lines) if "score takes 0 to 4, got 5" in line), None)
    assert index is not None, result.stdout
    assert lines[index] == "2:16: error: score takes 0 to 4, got 5"
    assert lines[index + 1].strip() == "2 | score gezin.s1 5"
    assert lines[index + 2].index("^") == lines[index + 1].index("5", lines[index + 1].index("gezin"))
    assert lines[index + 3].startswith("  hint: 0 very dissatisfied")  # the scale in English, as the session
    # The rejected line took no sequence number: the next score is #2.
    assert lines.index('recorded #2 score ["sociaal"]') > index


def test_example_runs_the_script_and_reads_the_state(example):
    result, _ = example
    assert "script recorded 2 events, 0 errors" in result.stdout.splitlines()
    assert 'network: ["Oma"]' in result.stdout
    # Header, three lines fed one by one, two from the script.
    assert "transcript lines: 6" in result.stdout.splitlines()


def test_example_writes_no_files(example):
    """The host keeps the transcript in memory: nothing lands in the data folder."""
    _, root = example
    assert sorted(p.name for p in root.iterdir()) == ["home"]
