"""The plainest `gesprek run SCRIPT -o FILE` starts without the argument
parser (`RunFastPath`, for start-up time: issue 11, part H). It must do what
the parser's way does, for every form it takes, and leave every other form
to the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import EX_OK, Gesprek, events_of, write_script

# The plainest run starts without the argument parser; `--rescue` (here its default, the transcripts folder) sends
# the same run through the parser. Both must do the same.
FORMS = [
    ["SCRIPT", "-o", "OUT"],
    ["-o", "OUT", "SCRIPT"],
    ["SCRIPT", "--output=OUT", "--keep-going"],
    ["--lang", "en", "SCRIPT", "--output", "OUT"],
    ["SCRIPT", "-o", "OUT", "--show-input", "--lang=en"],
]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: " ".join(form))
@pytest.mark.parametrize("script_text", ["note #v Een.\nask #m Twee?\n", "note #v Een.\nscore x 9\nnote Drie.\n"],
                         ids=["valid", "with an error"])
def test_the_fast_run_does_what_the_parser_does(gesprek: Gesprek, tmp_path: Path, form: list[str], script_text: str):
    script = write_script(tmp_path / "s.gesprek", script_text)
    results = []
    for way, extra in (("fast", []), ("parser", ["--rescue", str(gesprek.transcript_dir)])):
        out = tmp_path / f"{way}.jsonl"
        args = [str(script) if a == "SCRIPT" else a.replace("OUT", str(out)) for a in form]
        result = gesprek.run("run", *args, *extra)
        results.append((result.returncode, result.stdout, result.stderr.replace(str(out), "OUT"),
                        [{k: v for k, v in e.items() if k not in ("time", "elapsed", "hash", "sig")} for e in events_of(out)]
                        if out.exists() else None))
    assert results[0] == results[1]
    assert results[0][3], "a transcript was written"


@pytest.mark.parametrize("args, code, written", [
    (["missing.gesprek", "-o", "OUT"], 66, None),
    (["SCRIPT", "-o", "OUT", "-o", "OUT2"], EX_OK, "OUT2"),  # the parser takes the last
    (["SCRIPT", "SCRIPT"], 64, None),
    (["SCRIPT", "-o"], 64, None),
    (["SCRIPT", "--lang", "fr", "-o", "OUT"], 64, None),
], ids=["missing script", "output twice", "two scripts", "no output value", "unknown language"])
def test_what_the_fast_run_does_not_take_the_parser_still_answers(
        gesprek: Gesprek, tmp_path: Path, args: list[str], code: int, written: str | None):
    script = write_script(tmp_path / "s.gesprek", "note #v Een.\n")
    args = [str(script) if a == "SCRIPT" else a.replace("OUT", str(tmp_path / "t.jsonl")) for a in args]
    result = gesprek.run("run", *args)
    assert result.returncode == code, result.stderr
    assert result.stderr.strip()
    made = sorted(p.name for p in tmp_path.glob("t.jsonl*"))
    assert made == ([written.replace("OUT", "t.jsonl")] if written else [])
