"""The Jupyter kernel `gesprek`: Jupyter's own conformance suite (jupyter_kernel_test), then what
an advisor in a notebook notices, through jupyter_client as a notebook front end talks to it:
the transcript's path first, confirmations, the summary as text, Markdown and HTML, the ecogram
as SVG, a rejected line as an error with line, column and hint (the lines before it recorded),
completion and inspection from the library, is_complete, and shutdown closing the transcript.
The kernelspec is installed into a temporary Jupyter folder, never the user's."""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

import jupyter_kernel_test
import pytest
from jupyter_client.manager import start_new_kernel

from kernelsupport import environment, install_kernelspec, kernel_environment
from support import EX_OK, events_of, read_transcript

ANSI = re.compile(r"\x1b\[")


class GesprekKernelTests(jupyter_kernel_test.KernelTests):
    """Jupyter's conformance suite: each test_ method it defines runs against the kernel gesprek."""

    kernel_name = "gesprek"
    language_name = "gesprek"
    file_extension = ".gesprek"
    # No hello world and no stderr sample: the language prints nothing it is not asked for.
    completion_samples = [
        {"text": "sco", "matches": {"score"}},
        {"text": "score gezin.s", "matches": {"gezin.s1", "gezin.s2"}},
    ]
    complete_code_samples = ["ask #v Hoe gaat het?", "say Lisa \"Het gaat.\"", "note één\nnote twee", ""]
    incomplete_code_samples = ["network add \"Tante Fatima", "ask Hoe gaat \\", "note a\nsay \"Oma"]
    code_inspect_sample = "score gezin.s1"
    code_generate_error = "score gezin.s1 9"
    code_execute_result = [{"code": "summary", "mime": "text/html"}, {"code": "summary", "mime": "text/markdown"}]
    code_display_data = [{"code": "network", "mime": "image/svg+xml"}]

    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = tempfile.TemporaryDirectory(prefix="gesprek-kernel-")
        root = Path(cls.folder.name)
        jupyter = install_kernelspec(root / "jupyter")
        with environment(kernel_environment(root, jupyter)):
            super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls.folder.cleanup()


# --- What an advisor notices -------------------------------------------------------------------------------

class Kernel:
    """A running kernel gesprek and a client, as a notebook front end has them."""

    def __init__(self, root: Path, extra: dict | None = None):
        self.root = root
        jupyter = install_kernelspec(root / "jupyter")
        with environment(kernel_environment(root, jupyter, extra)):
            self.manager, self.client = start_new_kernel(kernel_name="gesprek")

    def run(self, code: str) -> tuple[dict, list[dict]]:
        """Executes a cell: the reply's content and the outputs (type and content) in order."""
        outputs = []
        reply = self.client.execute_interactive(
            code, timeout=30, output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
        kept = [{"type": kind, **content} for kind, content in outputs
                if kind in ("stream", "display_data", "execute_result", "error")]
        return reply["content"], kept

    def shutdown(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel()

    def transcripts(self) -> list[Path]:
        return sorted((self.root / "data" / "gesprek" / "transcripts").glob("*.jsonl"))


@pytest.fixture(params=[True, False], ids=["colour", "no-colour"])
def kernel(request, tmp_path):
    extra = {"TERM": "xterm-256color"} if request.param else {"TERM": "xterm-256color", "NO_COLOR": "1"}
    started = Kernel(tmp_path, extra)
    yield started
    started.shutdown()


def text_of(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o["type"] == "stream")


def test_a_cell_is_recorded_and_the_first_output_says_where(kernel):
    reply, outputs = kernel.run("ask #v Hoe gaat het met je?\nsay Lisa Het gaat wel.")
    assert reply["status"] == "ok"
    [transcript] = kernel.transcripts()
    assert outputs[0]["type"] == "stream" and f"Transcript: {transcript}" in outputs[0]["text"]
    assert oct(transcript.stat().st_mode & 0o777) == oct(0o600)
    assert oct(transcript.parent.stat().st_mode & 0o777) == oct(0o700)
    # Every line is on disk when the reply comes.
    assert [e["line"] for e in events_of(transcript)] == ["ask #v Hoe gaat het met je?", "say Lisa Het gaat wel."]
    assert text_of(outputs).count("✓") == 2
    # The next cell goes on in the same transcript, and names it no more.
    _, more = kernel.run("note #s Oma helpt.")
    assert "Transcript:" not in text_of(more) and kernel.transcripts() == [transcript]
    assert len(events_of(transcript)) == 3
    assert not any(ANSI.search(json.dumps(o, ensure_ascii=False)) for o in outputs + more), "no terminal colours"


def test_a_rejected_line_is_an_error_with_line_column_and_hint_and_the_lines_before_stay(kernel):
    kernel.run("note eerst")
    reply, outputs = kernel.run("ask #v Hoe gaat het?\nnote #c Kan koken.\nscore gezin.s1 9\nnote nooit uitgevoerd")
    assert reply["status"] == "error"
    [error] = [o for o in outputs if o["type"] == "error"]
    assert error["evalue"].startswith("regel 3, kolom 16:"), error["evalue"]
    shown = "\n".join(error["traceback"])
    assert "tip:" in shown and "0 zeer ontevreden" in shown
    assert "De 2 regels ervoor in deze cel zijn vastgelegd" in shown
    [transcript] = kernel.transcripts()
    assert [e["line"] for e in events_of(transcript)] == ["note eerst", "ask #v Hoe gaat het?", "note #c Kan koken."]


def test_the_summary_comes_as_text_markdown_and_html_with_both_pictures(kernel):
    kernel.run("ask #v Hoe gaat het?\nnetwork add Oma role=grootmoeder influence=+\nscore gezin.s1 3")
    reply, outputs = kernel.run("summary")
    assert reply["status"] == "ok"
    [result] = [o for o in outputs if o["type"] == "execute_result"]
    data = result["data"]
    assert "vertrekpunt" in data["text/plain"]
    assert data["text/markdown"].lstrip().startswith("#") or "|" in data["text/markdown"]
    assert data["text/html"].count("<svg") >= 2 and "Oma" in data["text/html"]


def test_network_shows_the_ecogram(kernel):
    kernel.run("network add \"Buurvrouw Els\" role=buurvrouw influence=+ support=praktisch")
    reply, outputs = kernel.run("network")
    [shown] = [o for o in outputs if o["type"] == "display_data"]
    svg = shown["data"]["image/svg+xml"]
    assert svg.lstrip().startswith("<svg") and "Buurvrouw Els" in svg
    assert "Buurvrouw Els" in shown["data"]["text/plain"]
    [transcript] = kernel.transcripts()
    assert [e["kind"] for e in events_of(transcript)] == ["network.add"], "network itself records nothing"


def test_completion_and_inspection_come_from_the_library(kernel):
    kernel.run("network add Oma role=grootmoeder\nnetwork add Opa role=grootvader")
    # The cursor on the second line of a cell: the matches are the library's names, the positions the cell's.
    cell = "note één\nnetwork set Om"
    kernel.client.complete(cell, cursor_pos=len(cell))
    reply = kernel.client.get_shell_msg(timeout=10)["content"]
    assert reply["matches"] == ["Oma"], reply
    assert reply["cursor_start"] == len("note één\nnetwork set ") and reply["cursor_end"] == len(cell)
    kernel.client.inspect("score gezin.s1 3", cursor_pos=9)
    reply = kernel.client.get_shell_msg(timeout=10)["content"]
    assert reply["found"] and "gezin.s1" in reply["data"]["text/plain"]
    kernel.client.inspect("help", cursor_pos=2)
    reply = kernel.client.get_shell_msg(timeout=10)["content"]
    assert reply["found"] and reply["data"]["text/plain"].strip()


def test_shutting_the_kernel_down_closes_the_transcript(tmp_path, gesprek):
    started = Kernel(tmp_path / "k")
    started.run("ask #v Hoe gaat het?")
    [transcript] = started.transcripts()
    assert "close" not in read_transcript(transcript)[-1]
    started.shutdown()
    assert read_transcript(transcript)[-1].get("close") == "normal"
    assert gesprek.run("verify", transcript).returncode == EX_OK


def test_english_messages_with_gesprek_lang(tmp_path):
    started = Kernel(tmp_path / "k", {"GESPREK_LANG": "en"})
    try:
        reply, outputs = started.run("score gezin.s1 9")
        [error] = [o for o in outputs if o["type"] == "error"]
        assert error["evalue"].startswith("line 1, column 16:") and "Nothing of this cell was recorded" in "\n".join(error["traceback"])
    finally:
        started.shutdown()


def test_a_line_the_library_cannot_take_is_an_error_and_the_kernel_goes_on(tmp_path):
    """A NUL cannot cross into C: the call fails (it is no diagnostic of the language), and the cell says so."""
    started = Kernel(tmp_path / "k")
    try:
        reply, outputs = started.run("note een\nnote t\x00wee\nnote drie")
        assert reply["status"] == "error"
        [error] = [o for o in outputs if o["type"] == "error"]
        assert error["evalue"].startswith("regel 2, kolom 1:") and "NUL" in error["evalue"]
        assert "De 1 regel ervoor in deze cel is vastgelegd" in "\n".join(error["traceback"])
        reply, _ = started.run("note vier")
        assert reply["status"] == "ok"
        [transcript] = started.transcripts()
        assert [e["line"] for e in events_of(transcript)] == ["note een", "note vier"]
    finally:
        started.shutdown()


def test_shutting_down_with_lines_not_on_disk_leaves_a_complete_copy(tmp_path, gesprek):
    """The transcript removed while the kernel runs: the next cell warns, and shutting down saves everything
    into a new file in the transcripts folder (as the live session's rescue copy) instead of losing it."""
    started = Kernel(tmp_path / "k")
    started.run("note een")
    [transcript] = started.transcripts()
    transcript.unlink()
    reply, outputs = started.run("note twee")
    assert reply["status"] == "ok"
    warnings = "".join(o["text"] for o in outputs if o["type"] == "stream" and o["name"] == "stderr")
    assert "nog niet op schijf: het transcriptbestand is verwijderd; 1 regel wacht in het geheugen" in warnings
    started.shutdown()
    [copy] = started.transcripts()
    assert [e["line"] for e in events_of(copy)] == ["note een", "note twee"]
    assert read_transcript(copy)[-1].get("close") == "normal"
    assert gesprek.run("verify", copy).returncode == EX_OK


def test_the_stop_button_stops_a_long_cell_between_lines(tmp_path):
    """Jupyter's interrupt (SIGINT to the kernel) ends the cell before its next line: every line run so far is in
    the transcript, whole, the rest is not run, the reply says how many, and the kernel goes on."""
    started = Kernel(tmp_path / "k", {"GESPREK_LANG": "en"})
    try:
        started.run("note eerste cel")
        [transcript] = started.transcripts()
        count = 50_000  # each line synced to disk: far longer than the wait below for the first few
        msg_id = started.client.execute("\n".join(f"note regel {i}" for i in range(1, count + 1)))
        # The cell has begun: its first lines are on disk (counted as whole lines: one may be being written).
        while transcript.read_bytes().count(b"\n") < 1 + 1 + 3:
            time.sleep(0.05)
        started.manager.interrupt_kernel()
        while True:
            reply = started.client.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        assert content["status"] == "error" and content["ename"] == "Interrupted"
        run = [e["line"] for e in events_of(transcript)][1:]
        assert 3 <= len(run) < count and run == [f"note regel {i}" for i in range(1, len(run) + 1)]
        assert content["evalue"] == (f"Interrupted before line {len(run) + 1}: the {len(run)} lines before it in this "
                                     "cell are recorded and stay in the transcript; the rest was not run.")
        reply, _ = started.run("note daarna")
        assert reply["status"] == "ok"
        assert events_of(transcript)[-1]["line"] == "note daarna"
    finally:
        started.shutdown()
