r"""The editor set-up in `Editors/vscode/` (docs/editors.md): the extension folder's files exist and
agree, and its TextMate grammars colour the command words of every shipped script and scenario.

(The grammars' regular expressions are Oniguruma's; Python's `re` reads all but those with
`\p{L}`, any letter, which only the free tags use.)"""

import json
import re
from pathlib import Path

import pytest
from support import REPO

VSCODE = REPO / "Editors" / "vscode"
PACKAGE = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))


def patterns(grammar: dict):
    """Every (scope name, compiled regex) in a grammar, its repository included."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "match" in node:
                try:
                    found.append((node.get("name", ""), re.compile(node["match"])))
                except re.error:
                    # Oniguruma's own (`\p{L}`, any letter) in a free tag's pattern; the keywords' must compile here
                    assert "command" not in node.get("name", "") and not node.get("name", "").startswith("keyword.control") and "\\p{" in node["match"], node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(grammar)
    return found


def test_the_extension_names_files_that_exist_and_agree():
    contributes = PACKAGE["contributes"]
    languages = {language["id"]: language for language in contributes["languages"]}
    assert set(languages) == {"gesprek", "gesprek-scenario"}
    assert languages["gesprek"]["extensions"] == [".gesprek"] and languages["gesprek-scenario"]["extensions"] == [".scenario"]
    for language in languages.values():
        json.loads((VSCODE / language["configuration"]).read_text(encoding="utf-8"))
    for grammar in contributes["grammars"]:
        loaded = json.loads((VSCODE / grammar["path"]).read_text(encoding="utf-8"))
        assert loaded["scopeName"] == grammar["scopeName"] and grammar["language"] in languages
    json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind, grammar_file", [("gesprek", "gesprek.tmLanguage.json"),
                                                ("scenario", "gesprek-scenario.tmLanguage.json")])
def test_the_grammar_colours_every_command_word_of_the_shipped_files(kind, grammar_file):
    grammar = patterns(json.loads((VSCODE / "syntaxes" / grammar_file).read_text(encoding="utf-8")))
    keywords = [regex for name, regex in grammar if "command" in name or name.startswith("keyword.control")]
    assert keywords
    files = sorted((REPO / "Scripts").glob(f"*.{kind}"))
    assert files
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("//") or stripped[0] in "<>":
                continue
            word = stripped.split()[0]
            if not re.fullmatch(r"[a-z]+", word):
                continue
            assert any(m and m.group(0).strip() == word for m in (regex.search(stripped) for regex in keywords)), \
                f"{path.name}:{number}: {word!r} is not coloured as a command"
