"""A reader for gettext catalogues (.po), enough for the translation tests:
each entry's context, msgid, plural, translations, flags and whether it is
obsolete."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str, str]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def po_entries(path: Path) -> list[Entry]:
    """The entries of a catalogue, the header (empty msgid) left out."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def finish():
        nonlocal entry, target
        if target is not None and entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            if keyword == "msgid" and target is not None and target != "msgctxt":
                finish()
            target = keyword
            text = ast.literal_eval(rest)
            if target == "msgctxt":
                entry.msgctxt = ""
        if target == "msgctxt":
            entry.msgctxt += text
        elif target == "msgid":
            entry.msgid += text
        elif target == "msgid_plural":
            entry.msgid_plural += text
        elif target == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + text
        elif target.startswith("msgstr["):
            number = int(target[7:-1])
            entry.msgstr[number] = entry.msgstr.get(number, "") + text
    finish()
    return entries
