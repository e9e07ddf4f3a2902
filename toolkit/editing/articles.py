"""The article list of template.yaml (``clauses:``) edited in place: add, move, make conditional.

Only the lines of the article concerned change; comments, the questions and everything else in
template.yaml stay byte for byte. An item is ``- id`` or ``- id: …`` with ``when: …`` below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from .manage import VARIANT_ID
from .source import EditError, Line, lines, yaml_scalar

_ITEM = re.compile(r"^(?P<indent> *)- +(?:id: *)?(?P<id>[^\s#{}:]+)\s*(?:#.*)?$")
_HAND = "edit the 'clauses:' list of template.yaml by hand (one '- id' or '- id: …' per article)"


@dataclass(frozen=True)
class Item:
    clause_id: str
    first: int  # index of its '- ' line
    end: int  # index after its last line
    indent: int


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip(" "))


def _blank(line: Line) -> bool:
    return not line.text.strip() or line.text.strip().startswith("#")


def items(text: str, path: Path, key: str = "clauses") -> tuple[list[Line], list[Item]]:
    """The lines of template.yaml and the items of its list ``key`` (``clauses``, ``questions``)."""
    all_lines = lines(text)
    head = re.compile(rf"^{key}:\s*(#.*)?$")
    start = next((i for i, line in enumerate(all_lines) if head.match(line.text)), None)
    if start is None:
        raise EditError(f"template.yaml has no block list '{key}:'", Location(path), _HAND)
    found: list[Item] = []
    i = start + 1
    while i < len(all_lines):
        line = all_lines[i]
        if _blank(line):
            i += 1
            continue
        if _indent(line) == 0 and not line.text.startswith("-"):
            break  # the next top-level key
        match = _ITEM.match(line.text)
        if match is None:
            raise EditError(f"an item of '{key}:' is not written as '- id'", Location(path, i + 1), _HAND)
        indent = len(match["indent"])
        end = i + 1
        for j in range(i + 1, len(all_lines)):
            if _blank(all_lines[j]):
                continue
            if _indent(all_lines[j]) <= indent:
                break
            end = j + 1
        found.append(Item(match["id"], i, end, indent))
        i = end
    return all_lines, found


def _item_text(indent: int, clause_id: str, when: str | None, nl: str) -> str:
    pad = " " * indent
    if not when:
        return f"{pad}- {clause_id}{nl}"
    return f"{pad}- id: {clause_id}{nl}{pad}  when: {yaml_scalar(when)}{nl}"


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _span(all_lines: list[Line], item: Item) -> tuple[int, int]:
    return all_lines[item.first].start, all_lines[item.end - 1].end


def _find(found: list[Item], clause_id: str, path: Path) -> int:
    for index, item in enumerate(found):
        if item.clause_id == clause_id:
            return index
    raise EditError(f"article '{clause_id}' is not in the list 'clauses:'", Location(path), _HAND)


def add_article(
    text: str, path: Path, clause_id: str, after: str | None = None, when: str | None = None
) -> str:
    """template.yaml's text with ``clause_id`` listed after ``after`` (default: at the end)."""
    if not VARIANT_ID.match(clause_id):
        raise EditError(
            f"'{clause_id}' cannot be an article id", Location(path), "use lower case letters, digits and '-'"
        )
    all_lines, found = items(text, path)
    if any(item.clause_id == clause_id for item in found):
        raise EditError(f"article '{clause_id}' is listed already", Location(path), "choose another id")
    nl = _newline(text)
    if not found:
        raise EditError("the list 'clauses:' is empty", Location(path), _HAND)
    anchor = found[_find(found, after, path)] if after else found[-1]
    at = _span(all_lines, anchor)[1]
    body = text[:at] if text[:at].endswith("\n") else text[:at] + nl
    return body + _item_text(anchor.indent, clause_id, when, nl) + text[at:]


def move_article(text: str, path: Path, clause_id: str, offset: int) -> str:
    """template.yaml's text with the article moved ``offset`` places (-1 up, 1 down) in the list."""
    all_lines, found = items(text, path)
    index = _find(found, clause_id, path)
    if not 0 <= index + offset < len(found):
        return text
    a, b = sorted((found[index], found[index + offset]), key=lambda item: item.first)
    (a0, a1), (b0, b1) = _span(all_lines, a), _span(all_lines, b)
    return text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:]


def set_article_when(text: str, path: Path, clause_id: str, when: str | None) -> str:
    """template.yaml's text with the article included only ``when`` (None: always)."""
    all_lines, found = items(text, path)
    item = found[_find(found, clause_id, path)]
    start, end = _span(all_lines, item)
    return text[:start] + _item_text(item.indent, clause_id, when, _newline(text)) + text[end:]


def blank_clause(clause_id: str, title: str) -> str:
    """A new clause file with one body to write in."""
    return f"---\nid: {clause_id}\ntitle: {yaml_scalar(title)}\n---\n{title}.\n"
