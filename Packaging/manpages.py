#!/usr/bin/env python3
"""The man pages of gesprek, generated from the command definitions.

Runs `BINARY --lang LANG --experimental-dump-help` (swift-argument-parser's
description of every command, option and argument, with gesprek's own help
text in that language) and writes man(7) pages into OUTDIR: `gesprek.1` and
one `gesprek-COMMAND.1` per command. Nothing is written by hand, so the pages
cannot drift from `gesprek --help`.

    Packaging/manpages.py BINARY OUTDIR [--lang nl|en] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HEADINGS = {
    "nl": {
        "name": "NAAM", "synopsis": "OVERZICHT", "description": "BESCHRIJVING", "arguments": "ARGUMENTEN",
        "options": "OPTIES", "commands": "COMMANDO'S", "see": "ZIE OOK", "default": "standaard",
        "values": "waarden", "repeat": "Herhaalbaar.", "command": "commando",
        "manual": "gesprek handleiding",
    },
    "en": {
        "name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION", "arguments": "ARGUMENTS",
        "options": "OPTIONS", "commands": "COMMANDS", "see": "SEE ALSO", "default": "default",
        "values": "values", "repeat": "Repeatable.", "command": "command",
        "manual": "gesprek manual",
    },
}


def escape(text: str) -> str:
    """Text for groff: backslashes, and a dash that starts a word (an option) as a minus."""
    text = text.replace("\\", "\\e")
    return re.sub(r"(?<![\w-])-", r"\\-", text).replace("\\--", "\\-\\-")


def line_safe(line: str) -> str:
    """A text line that groff must not take for a request (a leading . or ')."""
    return "\\&" + line if line[:1] in (".", "'") else line


def option_names(argument: dict) -> str:
    names = []
    for name in argument.get("names", []):
        prefix = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
        names.append(f"\\fB{escape(prefix + name['name'])}\\fR")
    return ", ".join(names)


def value_part(argument: dict) -> str:
    return f" \\fI{escape(argument.get('valueName', ''))}\\fR" if argument["kind"] == "option" else ""


def synopsis_item(argument: dict) -> str:
    repeat = "..." if argument.get("isRepeating") else ""
    if argument["kind"] == "positional":
        item = f"\\fI{escape(argument.get('valueName', ''))}\\fR{repeat}"
    else:
        preferred = argument.get("preferredName") or argument["names"][0]
        prefix = "-" if preferred["kind"] in ("short", "longWithSingleDash") else "--"
        item = f"\\fB{escape(prefix + preferred['name'])}\\fR{value_part(argument)}{repeat}"
    return f"[{item}]" if argument.get("isOptional") else item


def reference(page_name: str) -> str:
    """`gesprek-export(1)`, never broken at its hyphen."""
    return "\\fB\\%" + page_name.replace("-", "\\-") + "\\fR(1)"


def paragraphs(text: str) -> list[str]:
    """Discussion text as man(7): blank lines part paragraphs; indented lines keep their layout."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.split("\n")
        out.append(".PP")
        if any(line.startswith((" ", "\t")) for line in lines):
            out.append(".nf")
            out.extend(line_safe(escape(line)) for line in lines)
            out.append(".fi")
        else:
            out.extend(line_safe(escape(line.strip())) for line in lines if line.strip())
    return out


def describe(argument: dict, words: dict) -> list[str]:
    text = argument.get("abstract", "")
    extra = []
    if argument.get("allValues") and argument["kind"] != "flag":
        extra.append(f"{words['values']}: {', '.join(argument['allValues'])}")
    if argument.get("defaultValue") not in (None, ""):
        extra.append(f"{words['default']}: {argument['defaultValue']}")
    if extra:
        text = f"{text} ({'; '.join(extra)})" if text else f"({'; '.join(extra)})"
    if argument.get("isRepeating") and words["repeat"].lower().rstrip(".") not in text.lower():
        text = f"{text} {words['repeat']}".strip()
    lines = [line_safe(escape(text))] if text else []
    if argument.get("discussion"):
        lines += paragraphs(argument["discussion"] if isinstance(argument["discussion"], str) else "")
    return lines


def page(command: dict, path: list[str], words: dict, version: str, date: str, siblings: list[str]) -> str:
    name = "-".join(path)
    full = " ".join(path)
    visible = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    out = [
        f'.TH {escape(name.upper())} 1 "{date}" "gesprek {escape(version)}" "{words["manual"]}"',
        f".SH {words['name']}",
        f"{escape(name)} \\- {escape(command.get('abstract', ''))}",
        f".SH {words['synopsis']}",
        ".nh",
        ".ad l",
        f".B {escape(full)}",
    ]
    subcommands = [s for s in command.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    items = [synopsis_item(a) for a in visible]
    if subcommands:
        items.append(f"[\\fI{words['command']}\\fR]")
    out += items
    out += [".ad", ".hy"]
    if command.get("discussion"):
        out += [f".SH {words['description']}"] + paragraphs(command["discussion"])
    positionals = [a for a in visible if a["kind"] == "positional"]
    options = [a for a in visible if a["kind"] != "positional"]
    if positionals:
        out.append(f".SH {words['arguments']}")
        for argument in positionals:
            out += [".TP", f"\\fI{escape(argument.get('valueName', ''))}\\fR"] + describe(argument, words)
    if options:
        out.append(f".SH {words['options']}")
        for argument in options:
            out += [".TP", option_names(argument) + value_part(argument)] + describe(argument, words)
    if subcommands:
        out.append(f".SH {words['commands']}")
        for sub in subcommands:
            out += [".TP", f"\\fB{escape(sub['commandName'])}\\fR", line_safe(escape(sub.get("abstract", "")))]
            out.append(reference(f"{name}-{sub['commandName']}"))
    see = [s for s in siblings if s != name]
    if see:
        out.append(f".SH {words['see']}")
        out.append(",\n".join(reference(s) for s in see))
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=sorted(HEADINGS), default="nl")
    parser.add_argument("--date", default="", help="the date on the pages (the commit's date for a package)")
    arguments = parser.parse_args()

    run = lambda *words: subprocess.run(  # noqa: E731
        [arguments.binary, "--lang", arguments.lang, *words], capture_output=True, text=True, check=True
    ).stdout
    info = json.loads(run("--experimental-dump-help"))
    version = re.search(r"\d+\.\d+[^\s)]*", run("--version")).group(0)
    date = arguments.date or subprocess.run(
        ["date", "+%Y-%m-%d"], capture_output=True, text=True, check=True).stdout.strip()
    words = HEADINGS[arguments.lang]
    root = info["command"]
    name = root["commandName"]
    commands = [s for s in root.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    arguments.outdir.mkdir(parents=True, exist_ok=True)
    (arguments.outdir / f"{name}.1").write_text(page(root, [name], words, version, date, []), encoding="utf-8")
    for command in commands:
        path = [name, command["commandName"]]
        text = page(command, path, words, version, date, [name])
        (arguments.outdir / f"{'-'.join(path)}.1").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
