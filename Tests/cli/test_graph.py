"""`gesprek graph SCENARIO`: the scenario as a graph, read by its real consumer, Graphviz.

Every shipped scenario is drawn with `dot -Tsvg` (Debian `graphviz`; ./dev test installs it), and
the SVG is checked against the scenario file read here on its own: every part is a box with its
label, and every `goto`, `option` and end (`finish`) is an arrow from the part (or from the
reactions that hold in every part) to where it leads. A hostile scenario cannot add boxes or
arrows of its own, in DOT or in Mermaid."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import REPO, base_env

DOT = shutil.which("dot")
SVG = "{http://www.w3.org/2000/svg}"
SCENARIOS = sorted((REPO / "Scripts").glob("*.scenario"))
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz (dot) is not installed")


def graph(gesprek_bin, tmp_path, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([str(gesprek_bin), "graph", *map(str, args)], env=base_env(tmp_path), capture_output=True,
                          text=True, check=check, timeout=60)


def svg_of(dot_text: str) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The boxes (id → their text, lines joined by a space) and the arrows (from id, to id) of the drawn SVG."""
    svg = subprocess.run([DOT, "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True, timeout=60).stdout
    root = ET.fromstring(svg)
    nodes, edges = {}, set()
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is None:
            continue
        texts = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        if group.get("class") == "node":
            nodes[title.text] = texts
        elif group.get("class") == "edge":
            edges.add(tuple(title.text.split("->")))
    return nodes, edges


def jumps_in(path: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """The part labels and the jumps (from part label or '*' for every part, to part label or 'END'), read from the file."""
    parts, jumps = [], set()
    current, in_rule = None, False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        words = line.split()
        if not words or line.startswith("//"):
            continue
        if words[0] == "part":
            current, in_rule = words[1], False
            parts.append(current)
        elif words[0] == "on":
            in_rule = True
        elif words[0] == "end":
            in_rule = False
        elif "goto" in words:
            jumps.add((current or "*", words[words.index("goto") + 1]))
        elif words[0] == "option":
            jumps.add((current, words[1]))
        elif words[0] == "finish":
            jumps.add((current or "*", "END"))
    return parts, jumps


@needs_dot
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.stem for s in SCENARIOS])
def test_every_part_and_jump_of_a_shipped_scenario_is_drawn(gesprek_bin, tmp_path, scenario):
    nodes, edges = svg_of(graph(gesprek_bin, tmp_path, scenario).stdout)
    parts, jumps = jumps_in(scenario)
    assert parts, scenario
    ids = {}
    for label in parts:
        matching = [node for node, text in nodes.items() if text.split()[0] == label]
        assert len(matching) == 1, f"part {label}: {nodes}"
        ids[label] = matching[0]
    ids["*"] = "overal"
    ids["END"] = "einde"
    for source, target in jumps:
        assert (ids[source], ids[target]) in edges, f"{source} → {target} is not drawn: {sorted(edges)}"
    # the conversation starts in the first part
    assert ("start", ids[parts[0]]) in edges


@needs_dot
def test_expectations_mark_the_parts_they_name(gesprek_bin, tmp_path):
    text = graph(gesprek_bin, tmp_path, REPO / "Scripts" / "sanne-wil-geen-hulp.scenario").stdout
    nodes, _ = svg_of(text)
    assert any("dichtgeklapt" in t and "vermijden" in t for t in nodes.values()), nodes
    # the expectations that are not about a part are listed
    assert "#vertrekpunt before #competentioneel" in " ".join(nodes.values())
    english = graph(gesprek_bin, tmp_path, REPO / "Scripts" / "sanne-wil-geen-hulp.scenario", "--lang", "en").stdout
    assert "✗ avoid" in english and "Expected:" in english


HOSTILE = """scenario Evil" ]; x [label="injected"]; a -> b; //
client Sanne role=jongere

part begin
say Sanne Hallo.
choice Wat nu?
option verder ask #v Een "aanhalingsteken", een \\ en ]|) -->|x| p9[boom] #quot; <script>alert(1)</script>
option verder note #c Tweede; a -> b [label="x"]

part verder
finish Klaar"]; evil [shape=box]; z -> einde; //
"""


@needs_dot
def test_a_hostile_scenario_adds_no_boxes_or_arrows(gesprek_bin, tmp_path):
    scenario = tmp_path / "evil.scenario"
    scenario.write_text(HOSTILE, encoding="utf-8")
    nodes, edges = svg_of(graph(gesprek_bin, tmp_path, scenario).stdout)
    assert set(nodes) == {"start", "p0", "p1", "einde"}, nodes
    assert edges == {("start", "p0"), ("p0", "p1"), ("p1", "einde")}, edges


def test_mermaid_is_a_flowchart_whose_labels_cannot_break_out(gesprek_bin, tmp_path):
    scenario = tmp_path / "evil.scenario"
    scenario.write_text(HOSTILE, encoding="utf-8")
    text = graph(gesprek_bin, tmp_path, scenario, "--format", "mermaid").stdout
    body = text.split("flowchart TD\n", 1)[1]
    node = re.compile(r'^  (\w+)(\(\[|\[|>)"([^"]*)"(\]\)|\])$')
    edge = re.compile(r'^  (\w+) (-->|-\.->)(\|"([^"]*)"\|)? (\w+)$')
    declared, arrows = set(), set()
    for line in body.splitlines():
        if line.startswith("  classDef ") or line.startswith("  class "):
            continue
        if m := node.match(line):
            declared.add(m.group(1))
            label = m.group(3)
        elif m := edge.match(line):
            arrows.add((m.group(1), m.group(5)))
            label = m.group(4) or ""
        else:
            pytest.fail(f"not a line of the flowchart gesprek writes: {line!r}")
        assert not re.search(r'[<>"\[\]|]', label.replace("<br>", "")), label
    assert declared == {"start", "p0", "p1", "einde"}
    assert arrows == {("start", "p0"), ("p0", "p1"), ("p1", "einde")}
    assert text.startswith('---\ntitle: "Evil#34; ')


def test_a_scenario_with_errors_exits_65_and_draws_nothing(gesprek_bin, tmp_path):
    scenario = tmp_path / "broken.scenario"
    scenario.write_text("scenario Kapot\nclient Sanne role=jongere\npart begin\ngoto nergens\n", encoding="utf-8")
    done = graph(gesprek_bin, tmp_path, scenario, check=False)
    assert done.returncode == 65 and done.stdout == ""
    assert "broken.scenario:4" in done.stderr


def test_output_file_is_private_and_never_overwritten(gesprek_bin, tmp_path):
    out = tmp_path / "s.dot"
    graph(gesprek_bin, tmp_path, REPO / "Scripts" / "sanne-wil-geen-hulp.scenario", "-o", out)
    assert out.stat().st_mode & 0o777 == 0o600 and out.read_text(encoding="utf-8").startswith("digraph")
    again = graph(gesprek_bin, tmp_path, REPO / "Scripts" / "sanne-wil-geen-hulp.scenario", "-o", out, check=False)
    assert again.returncode == 73
