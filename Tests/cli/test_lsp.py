"""`gesprek lsp`: the language server, driven as an editor drives it.

The client is pytest-lsp's, with the capabilities of Visual Studio Code
(`client_capabilities("visual-studio-code")`), which counts positions in
UTF-16 code units: the documents hold Dutch letters and emoji before the
words that matter, so a column counted in bytes or characters shows. One
test per feature of issue 14; the malformed and truncated messages are
written by hand on a pipe, since a real client never sends them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from support import base_env, from_repo

BIN = from_repo(os.environ.get("GESPREK_BIN") or ".build/debug/gesprek")
ENV = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")} | {"LANG": "C.UTF-8"}

SCENARIO = """\
scenario Oefening met Zoë 🙂
client Zoë role=dochter
cast "Tante Fatima" role=tante

expect #vertrekpunt
expect reach einde
guidance Vraag eerst hoe het gaat.

part begin
say Zoë Hoi 🙂 ik ben Zoë.
set onrust 1
choice Wat doe je?
option vraag ask Zoë, hoe gaat het? 🙂 #v
option einde note Zoë wil stoppen.

part vraag
on ask #sociaal
  say "Tante Fatima" Ik help Zoë.
  set onrust +1
end
on ask
  say Zoë Weet ik niet.
  if onrust >= 2 goto einde
end

part einde
finish Klaar.
"""

SCRIPT = """\
participant Zoë role=dochter
ask #v Hoe gaat het met je, Zoë? 🙂
network add "Tante Fatima" role=tante influence=+
mark Netwerk 🙂
network set "Tante Fatima" contact=wekelijks
say Zoë Mijn tante helpt.
score gezin.s1 3 Kent de belangrijke mensen.
"""


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, occurrence: int = 0, offset: int = 0) -> t.Position:
    """The LSP position (UTF-16) of the n-th `needle` in `text`, plus `offset` characters."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return t.Position(line=line, character=utf16(text[start:index]))


async def start(client: LanguageClient, locale: str | None = None) -> None:
    await client.initialize_session(
        t.InitializeParams(capabilities=client_capabilities("visual-studio-code"), locale=locale))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(BIN), "lsp"], server_env=ENV))
async def client(lsp_client: LanguageClient):
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(BIN), "lsp"], server_env=ENV))
async def client_en(lsp_client: LanguageClient):
    await start(lsp_client, locale="en-GB")
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, name: str, text: str, language: str) -> str:
    uri = f"file:///tmp/lsp-test/{name}"
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def check_output(tmp_path: Path, name: str, text: str, *args: str) -> list[tuple[int, int, str, str | None]]:
    """`gesprek check --show-input` of the text: (line, column, message, hint) per diagnostic."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([str(BIN), "check", "--show-input", *args, str(path)], env=base_env(tmp_path),
                         capture_output=True, text=True, timeout=60)
    found = []
    for line in run.stderr.splitlines():
        match = re.match(rf"^{re.escape(str(path))}:(\d+):(\d+): (?:fout|error|waarschuwing|warning): (.*)$", line)
        if match:
            found.append([int(match[1]), int(match[2]), match[3], None])
        elif re.match(r"^  (tip|hint): ", line) and found:
            found[-1][3] = line.split(": ", 1)[1]
    return [tuple(f) for f in found]


def as_check(text: str, diagnostics) -> list[tuple[int, int, str, str | None]]:
    """The editor's diagnostics written as `check` writes them: line, column in characters, message, hint."""
    lines = text.split("\n")
    result = []
    for d in sorted(diagnostics, key=lambda d: (d.range.start.line, d.range.start.character)):
        line = lines[d.range.start.line]
        units, column = 0, 0
        while units < d.range.start.character:
            units += utf16(line[column])
            column += 1
        message, _, hint = d.message.partition("\n")
        result.append((d.range.start.line + 1, column + 1, message, hint.split(": ", 1)[1] if hint else None))
    return result


BROKEN_SCENARIO = SCENARIO.replace("goto einde\nend", "goto eindee\nend").replace("set onrust 1", "set onrust 🙂")
BROKEN_SCRIPT = SCRIPT.replace("score gezin.s1 3", "score gezin.s1 5").replace("network set \"Tante", "network set \"Oom")


@pytest.mark.asyncio
async def test_diagnostics_are_those_of_check_and_follow_every_change(client: LanguageClient, tmp_path):
    # Published on open: the same messages, hints and places as `gesprek check`, for both kinds of file.
    uri = await open_document(client, "zoe.scenario", BROKEN_SCENARIO, "gesprek-scenario")
    expected = check_output(tmp_path, "zoe.scenario", BROKEN_SCENARIO)
    assert len(expected) >= 2
    assert as_check(BROKEN_SCENARIO, client.diagnostics[uri]) == expected
    script_uri = await open_document(client, "zoe.gesprek", BROKEN_SCRIPT, "gesprek")
    expected_script = check_output(tmp_path, "zoe.gesprek", BROKEN_SCRIPT)
    assert len(expected_script) == 2
    assert as_check(BROKEN_SCRIPT, client.diagnostics[script_uri]) == expected_script
    # The range covers the word: after the emoji of line 2, `🙂` counts two UTF-16 units.
    wrong = next(d for d in client.diagnostics[uri] if d.range.start.line == 10)
    assert (wrong.range.start.character, wrong.range.end.character) == (11, 13)
    assert wrong.severity == t.DiagnosticSeverity.Error

    # On every change: fixing the jump clears its error; breaking a score adds one.
    fix = position_of(BROKEN_SCENARIO, "eindee", offset=5)
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=fix, end=t.Position(
            line=fix.line, character=fix.character + 1)), text="")]))
    await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    fixed = BROKEN_SCENARIO.replace("eindee", "einde")
    assert as_check(fixed, client.diagnostics[uri]) == check_output(tmp_path, "fixed.scenario", fixed)
    assert not any("eindee" in d.message for d in client.diagnostics[uri])


@pytest.mark.asyncio
async def test_diagnostics_speak_the_language_the_editor_asks_for(client_en: LanguageClient, tmp_path):
    uri = await open_document(client_en, "zoe.gesprek", BROKEN_SCRIPT, "gesprek")
    expected = check_output(tmp_path, "zoe.gesprek", BROKEN_SCRIPT, "--lang", "en")
    assert as_check(BROKEN_SCRIPT, client_en.diagnostics[uri]) == expected
    assert any("0 to 4" in message for _, _, message, _ in expected)


async def complete(client: LanguageClient, uri: str, text: str, needle: str, occurrence: int = 0) -> list[t.CompletionItem]:
    """Completion at the end of the n-th `needle`."""
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri),
        position=position_of(text, needle, occurrence, offset=len(needle.rstrip("\n")))))
    return result.items if isinstance(result, t.CompletionList) else result


@pytest.mark.asyncio
async def test_completion(client: LanguageClient):
    text = SCENARIO + "goto \nset \nif onrust > 1 goto v\nsay \"Ta\noption vraag network add Oma support=prak\nscore \nask #so\nc\n"
    uri = await open_document(client, "c.scenario", text, "gesprek-scenario")
    labels = {i.label for i in await complete(client, uri, text, "goto \n")}
    assert labels == {"begin", "vraag", "einde"}
    assert {i.label for i in await complete(client, uri, text, "set \n")} == {"onrust"}
    assert {i.label for i in await complete(client, uri, text, "goto v")} == {"vraag"}
    names = await complete(client, uri, text, "say \"Ta", 1)
    assert [i.label for i in names] == ['"Tante Fatima"']
    edit = names[0].text_edit
    assert edit.new_text == '"Tante Fatima"' and edit.range.start.character == 4
    assert [i.label for i in await complete(client, uri, text, "support=prak")] == ["support=praktisch"]
    items = await complete(client, uri, text, "score \n")
    ids = [i for i in items if re.fullmatch(r"(gezin|professional|organisatie)\.[a-z]\d", i.label)]
    assert len(ids) == 27
    s1 = next(i for i in ids if i.label == "gezin.s1")
    assert s1.detail == "De hulpverlener weet wie er belangrijk voor mij zijn."
    assert "De hulpverlener weet wie er belangrijk voor mij zijn." in s1.documentation.value
    assert [i.label for i in await complete(client, uri, text, "ask #so", 1)] == ["#sociaal"]
    assert [i.label for i in await complete(client, uri, text, "on ask #so")] == ["#sociaal"]
    first = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=text.count("\n") - 1, character=1)))
    assert {i.label for i in first.items} >= {"cast", "choice", "client"}

    # A script: commands, then names from the network added before the line.
    script = SCRIPT + "network remove \nsc\n"
    script_uri = await open_document(client, "c.gesprek", script, "gesprek")
    assert {i.label for i in await complete(client, script_uri, script, "network remove ")} >= {'"Tante Fatima"'}
    assert {i.label for i in await complete(client, script_uri, script, "\nsc")} == {"score"}


async def hover(client: LanguageClient, uri: str, text: str, needle: str, occurrence: int = 0, offset: int = 1) -> str | None:
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, occurrence, offset)))
    return result.contents.value if result else None


@pytest.mark.asyncio
async def test_hover(client: LanguageClient):
    uri = await open_document(client, "h.gesprek", SCRIPT, "gesprek")
    item = await hover(client, uri, SCRIPT, "gezin.s1")
    assert "De hulpverlener weet wie er belangrijk voor mij zijn." in item
    assert "gezin" in item and "Sociale dimensie" in item
    assert "Situatie volgens het gezin als vertrekpunt" in await hover(client, uri, SCRIPT, "#v")
    assert "tevreden" in await hover(client, uri, SCRIPT, " 3 ", offset=1)
    # What is known of the person at that line: the role from the add; the contact only after the set.
    at_add = await hover(client, uri, SCRIPT, "Tante Fatima", 0)
    assert "tante" in at_add and "influence" in at_add and "wekelijks" not in at_add
    at_set = await hover(client, uri, SCRIPT, "Tante Fatima", 1)
    assert "wekelijks" in at_set

    scenario_uri = await open_document(client, "h.scenario", SCENARIO, "gesprek-scenario")
    part = await hover(client, scenario_uri, SCENARIO, "option einde", offset=8)
    assert "part einde" in part and "finish Klaar." in part
    assert await hover(client, scenario_uri, SCENARIO, "Wat doe je") is None


async def definition(client: LanguageClient, uri: str, text: str, needle: str, occurrence: int = 0):
    result = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, occurrence, 1)))
    return result[0] if isinstance(result, list) else result


@pytest.mark.asyncio
async def test_definition_and_references(client: LanguageClient):
    uri = await open_document(client, "d.scenario", SCENARIO, "gesprek-scenario")
    jump = await definition(client, uri, SCENARIO, "einde", 2)  # in `goto einde`
    assert jump.range.start == position_of(SCENARIO, "part einde", offset=5)
    counter = await definition(client, uri, SCENARIO, "onrust >=")
    assert counter.range.start == position_of(SCENARIO, "set onrust 1", offset=4)
    person = await definition(client, uri, SCENARIO, "Tante Fatima\" Ik")
    assert person.range.start.line == 2
    refs = await client.text_document_references_async(t.ReferenceParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position_of(SCENARIO, "part einde", offset=6),
        context=t.ReferenceContext(include_declaration=True)))
    assert sorted(r.range.start.line for r in refs) == [5, 13, 22, 25]

    script_uri = await open_document(client, "d.gesprek", SCRIPT, "gesprek")
    add = await definition(client, script_uri, SCRIPT, "Tante Fatima", 1)
    assert add.range.start == position_of(SCRIPT, "\"Tante Fatima\" role")


@pytest.mark.asyncio
async def test_rename(client: LanguageClient):
    uri = await open_document(client, "r.scenario", SCENARIO, "gesprek-scenario")

    async def rename(needle: str, new: str, occurrence: int = 0) -> str:
        result = await client.text_document_rename_async(t.RenameParams(
            text_document=t.TextDocumentIdentifier(uri=uri), position=position_of(SCENARIO, needle, occurrence, 1),
            new_name=new))
        edits = sorted(result.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        lines = SCENARIO.split("\n")
        for edit in edits:
            line = lines[edit.range.start.line]
            encoded = line.encode("utf-16-le")
            start, end = edit.range.start.character * 2, edit.range.end.character * 2
            lines[edit.range.start.line] = (encoded[:start] + edit.new_text.encode("utf-16-le") + encoded[end:]).decode("utf-16-le")
        return "\n".join(lines)

    renamed = await rename("einde", "slot", 2)
    assert "part slot" in renamed and "goto slot" in renamed and "option slot" in renamed and "reach slot" in renamed
    assert "einde" not in renamed
    assert renamed.count("onrust") == 3 and (await rename("onrust", "zorg")).count("zorg") == 3
    person = await rename("Zoë role", "Zoë de Vries")
    assert 'client "Zoë de Vries" role' in person and 'say "Zoë de Vries" Hoi 🙂 ik ben Zoë.' in person
    assert person.count('"Zoë de Vries"') == 3 and "ik ben Zoë." in person


@pytest.mark.asyncio
async def test_document_symbols(client: LanguageClient):
    uri = await open_document(client, "s.scenario", SCENARIO, "gesprek-scenario")
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=uri)))
    names = [(s.name, s.detail) for s in symbols]
    assert ("#vertrekpunt", "expectation") in names and ("reach einde", "expectation") in names
    parts = [s for s in symbols if s.detail == "part"]
    assert [p.name for p in parts] == ["begin", "vraag", "einde"]
    assert (parts[0].range.start.line, parts[0].range.end.line) == (8, 13)
    script_uri = await open_document(client, "s.gesprek", SCRIPT, "gesprek")
    marks = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=script_uri)))
    assert [(s.name, s.detail) for s in marks] == [("Netwerk 🙂", "mark")]


@pytest.mark.asyncio
async def test_folding(client: LanguageClient):
    uri = await open_document(client, "f.scenario", SCENARIO, "gesprek-scenario")
    folds = await client.text_document_folding_range_async(t.FoldingRangeParams(
        text_document=t.TextDocumentIdentifier(uri=uri)))
    assert sorted((f.start_line, f.end_line) for f in folds) == [(8, 13), (15, 23), (16, 19), (20, 23), (25, 26)]


@pytest.mark.asyncio
async def test_semantic_tokens(client: LanguageClient):
    init_legend = ["keyword", "function", "decorator", "enumMember", "number", "namespace", "variable", "type",
                   "property", "string", "comment", "operator"]
    text = "// Zoë 🙂\n" + SCENARIO
    uri = await open_document(client, "t.scenario", text, "gesprek-scenario")
    result = await client.text_document_semantic_tokens_full_async(t.SemanticTokensParams(
        text_document=t.TextDocumentIdentifier(uri=uri)))
    lines = text.split("\n")
    found, line, start = [], 0, 0
    data = result.data
    for i in range(0, len(data), 5):
        line += data[i]
        start = data[i + 1] + (start if data[i] == 0 else 0)
        encoded = lines[line].encode("utf-16-le")
        word = encoded[start * 2:(start + data[i + 2]) * 2].decode("utf-16-le")
        found.append((line, word, init_legend[data[i + 3]]))
    assert (0, "// Zoë 🙂", "comment") in found
    assert (9, "part", "keyword") in found and (9, "begin", "namespace") in found
    # After Dutch letters and an emoji, in UTF-16 units: the words are where the editor has them.
    assert (13, "vraag", "namespace") in found and (13, "ask", "function") in found and (13, "#v", "decorator") in found
    assert (2, "Zoë", "type") in found and (2, "role", "property") in found and (2, "dochter", "string") in found
    assert (11, "onrust", "variable") in found and (11, "1", "number") in found
    assert (3, '"Tante Fatima"', "type") in found and (3, "role", "property") in found


@pytest.mark.asyncio
async def test_incremental_sync_with_dutch_letters_and_emoji(client: LanguageClient, tmp_path):
    uri = await open_document(client, "i.gesprek", SCRIPT, "gesprek")
    assert list(client.diagnostics[uri]) == []
    text = SCRIPT
    # Three edits in one change, each against the text the previous left: after an emoji, across lines, at the end.
    # Each edit's positions are on the text that the edits before it left.
    after_first = text.replace("🙂\n", "🙂 😀 en jij?\n", 1)
    after_second = after_first.replace("mark Netwerk 🙂\n", "")
    expected = after_second.replace("3 Kent", "9 Kent")
    at = position_of(text, "🙂\n", offset=1)
    changes = [
        t.TextDocumentContentChangePartial(range=t.Range(start=at, end=at), text=" 😀 en jij?"),
        t.TextDocumentContentChangePartial(range=t.Range(
            start=position_of(after_first, "mark Netwerk"), end=position_of(after_first, "network set")), text=""),
        t.TextDocumentContentChangePartial(range=t.Range(
            start=position_of(after_second, "3 Kent"), end=position_of(after_second, "3 Kent", offset=1)), text="9"),
    ]
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2), content_changes=changes))
    await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert as_check(expected, client.diagnostics[uri]) == check_output(tmp_path, "i.gesprek", expected)
    [score] = client.diagnostics[uri]
    assert score.range.start == position_of(expected, "9 Kent")
    # The server's text is the expected one: the mark was taken away with its line.
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=uri)))
    assert not symbols


# MARK: - By hand on a pipe: cancellation, malformed and truncated messages, shutdown and exit


class RawClient:
    def __init__(self, tmp_path: Path):
        self.process = subprocess.Popen([str(BIN), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=base_env(tmp_path))

    def write(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    @staticmethod
    def frame(message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, message: dict) -> None:
        self.write(self.frame(message))

    def read(self) -> dict:
        length = None
        while True:
            line = self.process.stdout.readline()
            assert line, "the server closed its output"
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def reply(self, id_) -> dict:
        while True:
            message = self.read()
            if message.get("id") == id_ and "method" not in message:
                return message

    def initialize(self) -> None:
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        assert "capabilities" in self.reply(1)["result"]
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def finish(self) -> tuple[int, bytes]:
        self.process.stdin.close()
        code = self.process.wait(timeout=30)
        return code, self.process.stderr.read()


def test_malformed_messages_get_an_error_and_the_server_goes_on(tmp_path):
    raw = RawClient(tmp_path)
    raw.initialize()
    raw.write(b"Content-Length: 9\r\n\r\n{not json")
    assert raw.read() == {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "geen geldige JSON"}}
    raw.write(b"X-Nonsense: 1\r\n\r\n")
    assert raw.read()["error"]["code"] == -32700
    raw.write(RawClient.frame([1, 2, 3]))
    assert raw.read()["error"]["code"] == -32600
    raw.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/nonsense", "params": {}})
    assert raw.reply(7)["error"]["code"] == -32601
    raw.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x"}}})
    assert raw.reply(8)["error"]["code"] == -32602
    # A request and its cancellation that arrive together: the request is answered as cancelled.
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///a.gesprek", "languageId": "gesprek", "version": 1, "text": SCRIPT}}})
    assert raw.read()["method"] == "textDocument/publishDiagnostics"
    request = {"jsonrpc": "2.0", "id": 9, "method": "textDocument/documentSymbol", "params": {
        "textDocument": {"uri": "file:///a.gesprek"}}}
    raw.write(raw.frame(request) + raw.frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 9}}))
    assert raw.reply(9)["error"]["code"] == -32800
    # A cancellation of something long done changes nothing; the server still answers.
    raw.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1}})
    raw.send({**request, "id": 10})
    assert raw.reply(10)["result"][0]["name"] == "Netwerk 🙂"
    # A truncated message at the end of the input: the server ends, without a crash.
    raw.write(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":")
    code, stderr = raw.finish()
    assert code == 1 and stderr == b""


def test_a_huge_content_length_is_refused_without_reading_it(tmp_path):
    raw = RawClient(tmp_path)
    raw.initialize()
    raw.write(b"Content-Length: 4294967296\r\n\r\n{}")
    error = raw.read()
    assert error["id"] is None and error["error"]["code"] == -32600 and "4294967296" in error["error"]["message"]
    code, stderr = raw.finish()
    assert code == 65 and stderr == b""


def test_truncated_headers_and_bodies_end_the_server_cleanly(tmp_path):
    for data in [b"Content-Len", b"Content-Length: 10\r\n", b"Content-Length: 10\r\n\r\n{\"a\""]:
        raw = RawClient(tmp_path)
        raw.write(data)
        code, stderr = raw.finish()
        assert (code, stderr) == (1, b""), data


def test_shutdown_and_exit_as_the_protocol_says(tmp_path):
    raw = RawClient(tmp_path)
    raw.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
    assert raw.reply(1)["error"]["code"] == -32002
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert raw.reply(2) == {"jsonrpc": "2.0", "id": 2, "result": None}
    raw.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {}})
    assert raw.reply(3)["error"]["code"] == -32600
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=30) == 0
    # Exit without shutdown: 1.
    raw = RawClient(tmp_path)
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=30) == 1
