"""Where each part of a clause file sits in its text, and edits that replace only that part.

A clause file is YAML front matter between ``---`` lines, then either one body or one
``::: variant NAME`` … ``:::`` block per variant (see :mod:`toolkit.loader.clause`). An edit here
is a new text of the whole file in which only the edited span differs: comments, the other
variants, blank lines and line endings stay byte for byte as they were.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ClauseKitError, Location
from ..loader.clause import DEFAULT_VARIANT
from ..yamlio import load_yaml

_OPEN = re.compile(r"^:::\s*variant\s+(?P<id>\S+)\s*$")
_CLOSE = re.compile(r"^:::\s*$")
_KEY = re.compile(
    r"^(?P<indent> *)(?P<q>['\"]?)(?P<key>[^'\"#:\s][^'\"#:]*?)(?P=q)\s*:(?:\s+(?P<value>.*?))?\s*$"
)
_HAND = "edit this part of the file by hand (or write it in block style: one key per line)"


class EditError(ClauseKitError):
    """An edit the editor cannot make without touching more than the edited part."""


class ChangedOnDisk(EditError):
    """The file changed on disk since it was opened; ``disk`` holds its text now ("" if it is gone)."""

    def __init__(self, path: Path, disk: str):
        super().__init__(
            f"{path.name} changed on disk since it was opened",
            Location(path),
            "reload it (your edit is kept to copy from), or compare both versions first",
        )
        self.disk = disk


def digest(data: bytes) -> str:
    """The sha256 of a file's bytes: what the editor remembers when it opens a file."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Span:
    """Characters ``start`` up to ``end`` of a text."""

    start: int
    end: int


@dataclass(frozen=True)
class Line:
    start: int  # offset of the line in the text
    text: str  # without its line end
    end: int  # offset after its line end


@dataclass(frozen=True)
class ClauseSource:
    """The text of a clause file as read, its digest, and the span of every variant's body."""

    path: Path
    text: str
    digest: str
    front: Span  # the YAML between the '---' lines
    bodies: dict[str, Span]  # variant id → its body (the text between its fence lines)
    blocks: dict[str, Span] = field(default_factory=dict)  # variant id → its block, fences included
    newline: str = "\n"

    def body(self, variant_id: str) -> str:
        span = self.bodies[variant_id]
        return self.text[span.start : span.end]

    @property
    def fenced(self) -> bool:
        return bool(self.blocks)

    def replace(self, span: Span, new: str) -> str:
        return self.text[: span.start] + new + self.text[span.end :]

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    out: list[Line] = []
    offset = start
    for raw in text[start:end].splitlines(keepends=True):
        out.append(Line(offset, raw.rstrip("\r\n"), offset + len(raw)))
        offset += len(raw)
    return out


def parse_source(path: Path, data: bytes | None = None) -> ClauseSource:
    """Read a clause file (or ``data``, its bytes) and find its parts."""
    data = path.read_bytes() if data is None else data
    text = data.decode("utf-8")
    return parse_text(path, text, digest(data))


def parse_text(path: Path, text: str, sha: str = "") -> ClauseSource:
    all_lines = lines(text)
    first = 1 if text.startswith("\ufeff") else 0
    if not all_lines or all_lines[0].text[first:].strip() != "---":
        raise EditError("a clause file must start with front matter", Location(path, 1), _HAND)
    close = next((i for i in range(1, len(all_lines)) if all_lines[i].text.strip() == "---"), None)
    if close is None:
        raise EditError("the front matter is not closed", Location(path, 1), _HAND)
    front = Span(all_lines[0].end, all_lines[close].start)
    newline = (
        "\r\n" if all_lines[0].text != text[all_lines[0].start : all_lines[0].end].rstrip("\n") else "\n"
    )
    rest = all_lines[close + 1 :]
    bodies: dict[str, Span] = {}
    blocks: dict[str, Span] = {}
    if not any(_OPEN.match(line.text.strip()) for line in rest):
        start = all_lines[close].end
        bodies[DEFAULT_VARIANT] = Span(start, len(text))
        return ClauseSource(path, text, sha, front, bodies, blocks, newline)
    current: tuple[str, Line] | None = None
    for line in rest:
        opening = _OPEN.match(line.text.strip())
        if current is None and opening:
            current = (opening["id"], line)
        elif current is not None and _CLOSE.match(line.text.strip()):
            name, head = current
            bodies[name] = Span(head.end, line.start)
            blocks[name] = Span(head.start, line.end)
            current = None
    if current is not None:
        raise EditError(f"variant '{current[0]}' is not closed", Location(path, 1), _HAND)
    return ClauseSource(path, text, sha, front, bodies, blocks, newline)


def _with_newlines(text: str, newline: str) -> str:
    text = text.replace("\r\n", "\n")
    return text.replace("\n", newline) if newline != "\n" else text


def replace_body(source: ClauseSource, variant_id: str, body: str) -> str:
    """The file's text with the body of ``variant_id`` replaced (a fenced body ends with a line end)."""
    if variant_id not in source.bodies:
        raise EditError(f"the file has no variant '{variant_id}'", Location(source.path), _HAND)
    if source.fenced and body and not body.endswith("\n"):
        body += "\n"
    return source.replace(source.bodies[variant_id], _with_newlines(body, source.newline))


# -- front matter ------------------------------------------------------------------------------


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar the way a person writes it: plain when that reads back the same."""
    if "\n" not in value and value.strip() == value and value:
        try:
            loaded = load_yaml(f"k: {value}\n", Path("value"))
        except ClauseKitError:
            loaded = None
        if isinstance(loaded, dict) and loaded.get("k") == value and "#" not in value:
            return value
        if "\n" not in value:
            return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip(" "))


def _blank(line: Line) -> bool:
    stripped = line.text.strip()
    return not stripped or stripped.startswith("#")


def _children(all_lines: list[Line], index: int) -> int:
    """The index after the last line that belongs to the key on line ``index`` (more indented)."""
    own = _indent(all_lines[index])
    last = index
    for j in range(index + 1, len(all_lines)):
        if _blank(all_lines[j]):
            continue
        if _indent(all_lines[j]) <= own:
            break
        last = j
    return last + 1


@dataclass(frozen=True)
class Entry:
    """A key of a block mapping in the front matter, and the lines below it that belong to it."""

    key: str
    line: int  # index into the front matter's lines
    end: int  # index after its last line
    indent: int
    value: str  # what follows the colon on the key's own line ("" for a block)


def _entries(all_lines: list[Line], start: int, end: int, indent: int | None) -> list[Entry]:
    out: list[Entry] = []
    i = start
    while i < end:
        line = all_lines[i]
        if _blank(line):
            i += 1
            continue
        match = _KEY.match(line.text)
        if match is None:
            raise EditError("the front matter is not in block style here", None, _HAND)
        level = len(match["indent"])
        if indent is None:
            indent = level
        stop = min(_children(all_lines, i), end)
        if level == indent:
            value = (match["value"] or "").split(" #")[0].strip()
            out.append(Entry(match["key"], i, stop, level, value))
        i = stop
    return out


@dataclass
class FrontMatter:
    """The front matter's lines, to edit a key under ``variants:`` in place."""

    source: ClauseSource
    lines: list[Line] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = lines(self.source.text, self.source.front.start, self.source.front.end)

    def top(self) -> list[Entry]:
        return _entries(self.lines, 0, len(self.lines), 0)

    def variants(self) -> Entry | None:
        return next((e for e in self.top() if e.key == "variants"), None)

    def variant_entries(self) -> list[Entry]:
        block = self.variants()
        if block is None:
            return []
        if block.value:
            raise EditError("'variants:' is written on one line", self._where(block), _HAND)
        return _entries(self.lines, block.line + 1, block.end, None)

    def variant(self, variant_id: str) -> Entry:
        for entry in self.variant_entries():
            if entry.key == variant_id:
                return entry
        raise EditError(f"variant '{variant_id}' is not under 'variants:'", Location(self.source.path), _HAND)

    def _where(self, entry: Entry) -> Location:
        return Location(self.source.path, self.source.line_of(self.lines[entry.line].start))

    def span(self, first: int, end: int) -> Span:
        """The characters of lines ``first`` up to ``end`` (indices), line ends included."""
        start = self.lines[first].start
        stop = self.lines[end - 1].end if end > first else start
        return Span(start, stop)


def set_variant_key(source: ClauseSource, variant_id: str, key: str, value: str | None) -> str:
    """The file's text with ``key`` (``when`` or ``label``) of a variant set (None or "": removed)."""
    front = FrontMatter(source)
    entry = front.variant(variant_id)
    nl = source.newline
    head = front.lines[entry.line]
    if entry.value:  # `streng: {when: streng}`: rewrite this one entry in block style
        data = load_yaml(f"x: {entry.value}\n", source.path)
        inline = data.get("x") if isinstance(data, dict) else None
        if inline is not None and not isinstance(inline, dict):
            raise EditError(f"variant '{variant_id}' must be a mapping", front._where(entry), _HAND)
        pad = " " * (entry.indent + 2)
        pairs = {str(k): str(v) for k, v in (inline or {}).items()}
        if value:
            pairs[key] = value
        else:
            pairs.pop(key, None)
        key_text = head.text[: head.text.index(":") + 1]
        block = key_text + nl + "".join(f"{pad}{k}: {yaml_scalar(v)}{nl}" for k, v in pairs.items())
        return source.replace(front.span(entry.line, entry.line + 1), block)
    children = _entries(front.lines, entry.line + 1, entry.end, None)
    indent = children[0].indent if children else entry.indent + 2
    new_line = f"{' ' * indent}{key}: {yaml_scalar(value)}{nl}" if value else ""
    for child in children:
        if child.key == key:
            return source.replace(front.span(child.line, child.end), new_line)
    if not value:
        return source.text
    at = front.span(entry.line, entry.line + 1).end  # just below the variant's own line
    if key == "label" and children and children[0].key == "when":
        at = front.span(children[0].line, children[0].end).end  # when, then label: as people write it
    return source.text[:at] + new_line + source.text[at:]
