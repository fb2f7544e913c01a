"""`gesprek test --random N [--seed S]`: random trainees through a scenario.

The shipped scenarios hold up under 1,000 random runs each; a scenario that gets stuck, loops
or has an expectation no run can meet is caught, and every finding prints the seed that plays
that run again on its own."""

import re
import subprocess
from pathlib import Path

import pytest
from support import REPO, base_env

SCENARIOS = sorted((REPO / "Scripts").glob("*.scenario"))

STUCK = """scenario Vastlopen
client Sanne role=jongere
expect #vertrekpunt

part begin
say Sanne Hoi.
on ask #vertrekpunt
  say Sanne Thuis is het druk.
  finish Goed gesprek.
end
on ask #sociaal
  goto doodlopend
end

part doodlopend
say Sanne Hier kom je niet meer uit.
on ask
  say Sanne Nee.
end
"""

LOOP = """scenario Rondjes
client Sanne role=jongere

part begin
say Sanne Hoi.
on ask #motivationeel
  set boos 1
  goto heen
end
on ask
  say Sanne Ja.
  finish Klaar.
end

part heen
if boos >= 1 goto terug
say Sanne Heen.

part terug
if boos >= 1 goto heen
say Sanne Terug.
finish Klaar.
"""

NEVER = """scenario Nooit
client Sanne role=jongere
expect reach geheim

part begin
say Sanne Hoi.
on ask #sociaal if turns > 100
  goto geheim
end
on ask
  say Sanne Ja.
  finish Klaar.
end

part geheim
finish Geheim.
"""


def test(gesprek_bin, tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(gesprek_bin), "test", *map(str, args)], env=base_env(tmp_path), capture_output=True,
                          text=True, timeout=600)


test.__test__ = False  # a helper, not a test


def scenario(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.scenario"
    path.write_text(text, encoding="utf-8")
    return path


def again_commands(output: str) -> list[tuple[str, str]]:
    """The (seed, file) of every `gesprek test --random 1 --seed S FILE` a finding prints."""
    return re.findall(r"gesprek test --random 1 --seed (\d+) (\S+)", output)


@pytest.mark.parametrize("path", SCENARIOS, ids=[s.stem for s in SCENARIOS])
def test_a_shipped_scenario_passes_a_thousand_random_runs(gesprek_bin, tmp_path, path):
    done = test(gesprek_bin, tmp_path, "--random", 1000, "--seed", 20261130, path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1000 willekeurige runs (seed 20261130)" in done.stdout
    parts = re.search(r"delen bereikt: (\d+) van (\d+)", done.stdout)
    assert parts and parts.group(1) == parts.group(2), done.stdout
    assert "✗" not in done.stdout


def test_a_part_the_conversation_cannot_leave_is_found_with_the_seed_that_gets_there(gesprek_bin, tmp_path):
    path = scenario(tmp_path, "stuck", STUCK)
    done = test(gesprek_bin, tmp_path, "--random", 50, "--seed", 7, path)
    assert done.returncode == 1
    assert "vast in part doodlopend" in done.stdout
    [(seed, file)] = again_commands(done.stdout)
    alone = test(gesprek_bin, tmp_path, "--random", 1, "--seed", seed, file)
    assert alone.returncode == 1 and "vast in part doodlopend" in alone.stdout
    assert f"1 willekeurige runs (seed {seed})" in alone.stdout


def test_a_loop_of_jumps_is_a_runtime_problem_with_its_line(gesprek_bin, tmp_path):
    path = scenario(tmp_path, "loop", LOOP)
    done = test(gesprek_bin, tmp_path, "--random", 50, "--seed", 7, path)
    assert done.returncode == 1
    assert re.search(r"loop\.scenario:(16|20): het scenario liep vast", done.stdout), done.stdout
    [(seed, file)] = again_commands(done.stdout)
    assert "liep vast" in test(gesprek_bin, tmp_path, "--random", 1, "--seed", seed, file).stdout


def test_an_expectation_no_run_meets_and_what_no_run_reached_are_reported(gesprek_bin, tmp_path):
    path = scenario(tmp_path, "never", NEVER)
    done = test(gesprek_bin, tmp_path, "--random", 50, "--seed", 7, path, "--lang", "en")
    assert done.returncode == 1
    assert "no run met: expect reach geheim" in done.stdout
    assert "parts reached: 1 of 2; never: geheim" in done.stdout
    assert "never.scenario:7: on ask #sociaal if turns > 100 (no run set this reaction off)" in done.stdout


def test_the_same_seed_plays_the_same_runs(gesprek_bin, tmp_path):
    path = REPO / "Scripts" / "gezin-praktische-hulp.scenario"
    first = test(gesprek_bin, tmp_path, "--random", 200, "--seed", 99, path).stdout
    assert first == test(gesprek_bin, tmp_path, "--random", 200, "--seed", 99, path).stdout
    other = test(gesprek_bin, tmp_path, "--random", 200, path).stdout
    assert re.search(r"200 willekeurige runs \(seed \d+\)", other)


def test_seed_without_random_and_a_bad_count_are_usage_errors(gesprek_bin, tmp_path):
    path = REPO / "Scripts" / "gezin-praktische-hulp.scenario"
    assert test(gesprek_bin, tmp_path, "--seed", 3, path).returncode == 64
    assert test(gesprek_bin, tmp_path, "--random", 0, path).returncode == 64
