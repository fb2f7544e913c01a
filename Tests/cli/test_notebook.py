"""Notebooks: `gesprek export --format ipynb` read back by nbformat (the reference validator) and
executed again under the kernel by nbclient; a notebook of gesprek cells gives the transcript that
`gesprek run` gives on the same lines; the example notebook in Examples/ is a valid notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kernelsupport import comparable, environment, install_kernelspec, kernel_environment
from support import EX_OK, REPO, SAMPLES, events_of, read_transcript

sample_ids = [p.stem for p in SAMPLES]
EXAMPLE = REPO / "Examples" / "notebook" / "intake.ipynb"


def export_notebook(gesprek, transcript: Path, *extra: str) -> dict:
    result = gesprek.run("export", transcript, "--format", "ipynb", *extra)
    assert result.returncode == EX_OK, result.stderr
    return json.loads(result.stdout)


def code_cells(notebook) -> list:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def source(cell) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


# --- The export, read back by nbformat ---------------------------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_the_export_is_a_valid_notebook_for_the_gesprek_kernel(gesprek, sample):
    data = export_notebook(gesprek, sample)
    notebook = nbformat.reads(json.dumps(data), as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)  # raises on anything nbformat 4.5 does not allow
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    assert notebook.metadata.kernelspec.name == "gesprek" and notebook.metadata.language_info.name == "gesprek"
    ids = [cell.id for cell in notebook.cells]
    assert len(set(ids)) == len(ids), "cell ids are unique"
    # Every line as typed, in order, across the code cells; the last cell is the summary, with its outputs.
    cells = code_cells(notebook)
    typed = [line for cell in cells[:-1] for line in source(cell).split("\n")]
    assert typed == [e["line"] for e in events_of(sample)]
    assert source(cells[-1]) == "summary"
    bundle = cells[-1].outputs[0].data
    assert {"text/plain", "text/markdown", "text/html"} <= set(bundle)
    assert bundle["text/html"].count("<svg") == 2, "the timeline and the ecogram"
    # Outputs included: each line's confirmation, as the kernel shows it.
    first = cells[0]
    assert first.outputs[0].output_type == "stream" and first.outputs[0].text.startswith("✓ ")


def test_a_transcript_with_markers_has_a_cell_per_marker_section(gesprek, tmp_path):
    script = tmp_path / "mark.gesprek"
    script.write_text("ask #v Hoe gaat het?\nmark verkenning\nnote #s Oma helpt.\nsay Lisa #m Ik wil het.\n"
                      "mark afspraken\nscore m 3\n", encoding="utf-8")
    transcript = tmp_path / "mark.jsonl"
    assert gesprek.run("run", script, "-o", transcript).returncode == EX_OK
    cells = code_cells(export_notebook(gesprek, transcript))
    assert [source(c).split("\n") for c in cells[:-1]] == [
        ["ask #v Hoe gaat het?"], ["mark verkenning", "note #s Oma helpt.", "say Lisa #m Ik wil het."],
        ["mark afspraken", "score m 3"]]
    # Without a marker: a cell per line.
    script.write_text("ask #v Hoe gaat het?\nnote #s Oma helpt.\n", encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    assert gesprek.run("run", script, "-o", plain).returncode == EX_OK
    assert [source(c) for c in code_cells(export_notebook(gesprek, plain))[:-1]] == ["ask #v Hoe gaat het?", "note #s Oma helpt."]


def test_text_from_the_transcript_is_escaped_before_jupyter_renders_it(gesprek, tmp_path):
    """A notebook's Markdown and HTML outputs render in Jupyter: what a transcript says is text, never markup."""
    script = tmp_path / "markup.gesprek"
    script.write_text('session case="<img src=x onerror=alert(1)>"\n'
                      'participant "<b>Lisa</b>" role=moeder\n'
                      'note #s #kracht <script>alert(1)</script> **vet** [link](http://x)\n'
                      'network add "<i>Oma</i>" role=grootmoeder influence=+\n', encoding="utf-8")
    transcript = tmp_path / "markup.jsonl"
    assert gesprek.run("run", script, "-o", transcript).returncode == EX_OK
    data = export_notebook(gesprek, transcript)
    nbformat.validate(nbformat.from_dict(data))
    rendered = data["cells"][-1]["outputs"][0]["data"]
    html_out, markdown = "".join(rendered["text/html"]), "".join(rendered["text/markdown"])
    title = "".join(data["cells"][0]["source"])
    for tag in ("<script", "<img", "<b>", "<i>"):
        assert tag not in html_out, tag
    # In Markdown a backslash makes a character text: no `<`, `[` or `*` without one.
    for text in (markdown, title):
        assert not re.search(r"(?<!\\)[<\[]|(?<!\\)\*\*vet", text), re.findall(r".{20}(?<!\\)[<\[].{20}", text)
    assert "&lt;script&gt;" in html_out and "&lt;i&gt;Oma" in html_out
    assert "\\<img" in title, "the case in the title cell is Markdown-escaped"
    # The lines themselves stay as typed, so that the notebook records them again.
    assert "<script>alert(1)</script>" in source(code_cells(data)[2])


def test_anonymized_export_says_so_and_names_nobody(gesprek):
    sample = REPO / "Transcripts" / "netwerk-na-scheiding.jsonl"
    data = export_notebook(gesprek, sample, "--anonymize")
    text = json.dumps(data, ensure_ascii=False)
    assert "Geanonimiseerd" in "".join(data["cells"][0]["source"])
    for name in ("Ellen", "Noor", "Mirjam Visser", "OKT-2026-0733"):
        assert name not in text, name


def test_the_example_notebook_is_valid():
    notebook = nbformat.read(EXAMPLE, as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "gesprek"


# --- Executed under the kernel (nbclient) ------------------------------------------------------------------

@pytest.fixture
def jupyter(tmp_path) -> Path:
    return install_kernelspec(tmp_path / "jupyter")


def execute(notebook, root: Path, jupyter_data: Path, extra: dict | None = None):
    """Runs every cell under the kernel gesprek, headless, as `jupyter nbconvert --execute` would."""
    with environment(kernel_environment(root, jupyter_data, extra)):
        NotebookClient(notebook, kernel_name="gesprek", timeout=60, allow_errors=False).execute()
    return notebook


def transcript_of(root: Path) -> Path:
    found = sorted((root / "data" / "gesprek" / "transcripts").glob("*.jsonl"))
    assert len(found) == 1, found
    return found[0]


def test_a_notebook_records_what_gesprek_run_records_on_the_same_lines(gesprek, jupyter, tmp_path):
    cells = [
        "session case=OKT-2026-0412 advisor=\"Sanne Bakker\"\nparticipant Lisa role=moeder",
        "ask #v Hoe gaat het met je?\nsay Lisa Het gaat wel, maar ik slaap slecht.",
        "network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes\nnetwork",
        "note #m #kwetsbaarheid Twijfelt aan zichzelf.\nundo\nscore gezin.s1 3 Kent de belangrijke mensen nu.\nmark einde",
        "summary",
    ]
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "gesprek", "display_name": "gesprek"}})
    notebook.cells = [nbformat.v4.new_code_cell(cell) for cell in cells]
    execute(notebook, tmp_path / "kernel", jupyter)
    recorded = transcript_of(tmp_path / "kernel")

    script = tmp_path / "same.gesprek"
    script.write_text("\n".join(cells) + "\n", encoding="utf-8")
    ran = tmp_path / "run.jsonl"
    assert gesprek.run("run", script, "-o", ran).returncode == EX_OK
    assert [comparable(e) for e in events_of(recorded)] == [comparable(e) for e in events_of(ran)]
    assert "close" in read_transcript(recorded)[-1], "shutting the kernel down closes the transcript"
    assert gesprek.run("verify", recorded).returncode == EX_OK
    # The outputs a person sees: the path first, the ecogram, the summary in three forms.
    first = notebook.cells[0].outputs[0]
    assert first.output_type == "stream" and str(recorded) in first.text
    network = [o for o in notebook.cells[2].outputs if o.output_type == "display_data"]
    assert network and "<svg" in network[0].data["image/svg+xml"]
    result = notebook.cells[-1].outputs[-1]
    assert result.output_type == "execute_result"
    assert {"text/plain", "text/markdown", "text/html"} <= set(result.data)
    nbformat.validate(notebook)


def test_lines_that_a_cell_would_continue_end_their_cell_in_the_export(gesprek, jupyter, tmp_path):
    """Free text may hold one `"` or end in `\\`; in a cell such a line goes on on the next one, so the export ends
    the cell there, and the notebook executed again still records each line as typed."""
    script = tmp_path / "quotes.gesprek"
    lines = ["mark begin", 'note Hij zei "nee en ging weg', "say Lisa Het is 5\" groot", "note pad C:\\", "ask #v En nu?",
             'network add "Tante Fatima" role=tante', "mark eind", "note klaar \\"]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    transcript = tmp_path / "quotes.jsonl"
    assert gesprek.run("run", script, "-o", transcript).returncode == EX_OK
    data = export_notebook(gesprek, transcript)
    cells = [source(c).split("\n") for c in code_cells(data)[:-1]]
    assert cells == [["mark begin", 'note Hij zei "nee en ging weg'], ["say Lisa Het is 5\" groot"], ["note pad C:\\"],
                     ["ask #v En nu?", 'network add "Tante Fatima" role=tante'], ["mark eind", "note klaar \\"]]
    notebook = nbformat.reads(json.dumps(data), as_version=4)
    execute(notebook, tmp_path / "kernel", jupyter)
    again = transcript_of(tmp_path / "kernel")
    assert [comparable(e) for e in events_of(again)] == [comparable(e) for e in events_of(transcript)]


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids)
def test_an_exported_notebook_executed_again_gives_the_same_events(gesprek, jupyter, tmp_path, sample):
    notebook = nbformat.reads(json.dumps(export_notebook(gesprek, sample)), as_version=4)
    execute(notebook, tmp_path / "kernel", jupyter)
    again = transcript_of(tmp_path / "kernel")
    assert [comparable(e) for e in events_of(again)] == [comparable(e) for e in events_of(sample)]


def test_the_example_notebook_runs_under_the_kernel(gesprek, jupyter, tmp_path):
    notebook = nbformat.read(EXAMPLE, as_version=4)
    execute(notebook, tmp_path / "kernel", jupyter)
    recorded = transcript_of(tmp_path / "kernel")
    kinds = [e["kind"] for e in events_of(recorded)]
    assert kinds[:2] == ["session", "participant"] and kinds.count("network.add") == 3 and kinds.count("mark") == 2
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type == "display_data" and "image/svg+xml" in o.data for o in outputs)
    assert outputs[-1].output_type == "execute_result" and "text/html" in outputs[-1].data
