"""The Python that ships with gesprek and tests it compiles without warnings: an invalid escape sequence
(`'\\p'` in a plain string) is a SyntaxWarning now and an error in a later Python."""

import warnings

import pytest
from support import REPO

SOURCES = sorted(p for folder in ("Tests", "Python", "Benchmarks", "Scripts", "Fuzz", "Examples", "Editors")
                 for p in (REPO / folder).rglob("*.py") if ".build" not in p.parts)


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(REPO)) for p in SOURCES])
def test_compiles_without_warnings(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
