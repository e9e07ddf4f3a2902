"""Safe YAML and JSON with line numbers: the boundary where text files become data.

Every file read here is bounded before it is trusted: a size budget, UTF-8 only (a BOM is fine),
no YAML anchors or aliases (the "billion laughs" expand a few hundred bytes into gigabytes), no
explicit tags (``!!binary``, ``!!python/…``, ``!foo``), at most :data:`MAX_DEPTH` levels of nesting,
and values the parser cannot construct (``2027-02-29``, a 5,000-digit number) are errors at their
line, never tracebacks.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LoadError, Location, shown
from .locales import ui_text

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "CommentedMap",
    "CommentedSeq",
    "item_location",
    "key_location",
    "load_json",
    "load_yaml",
    "plain",
    "read_bytes",
    "read_source",
]

MAX_BYTES = 1_000_000  # per answers file, template.yaml or clause file; the flagship's largest is ~5 kB
MAX_DEPTH = 100  # levels of nested lists and mappings; answers and templates need fewer than 5
_PLAIN_INT = re.compile(r"[-+]?[0-9]{1,100}", re.ASCII)
_PLAIN_FLOAT = re.compile(
    r"[-+]?(?:[0-9]{1,100}(?:\.[0-9]{0,100})?|\.[0-9]{1,100})(?:[eE][-+]?[0-9]{1,3})?", re.ASCII
)


def _yaml_hint() -> str:
    return ui_text("yaml.invalid.hint")


if TYPE_CHECKING:
    from yaml.events import Event  # type: ignore[import-untyped]

_NUMBER_OR_NULL = re.compile(r"[-+.0-9~nN]")  # the first character of a plain scalar that is not text
_INT = re.compile(r"[-+]?[0-9][0-9_]*")  # YAML 1.2's decimal integers, as ruamel reads them
_FLOAT = re.compile(
    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
    r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# A timestamp exactly as the constructor reads one (YAML 1.1's form): anything more is text, so a
# value that only starts like a date never reaches the constructor (the answers fuzzer found one).
_DATE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _LineCol:
    """Where a loaded mapping or sequence and its items stand (0-based), as ruamel's ``.lc`` says it."""

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int):
        self.line, self.col = line, col
        self.data: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.data[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.data[index]


class CommentedMap(dict[Any, Any]):
    """A loaded YAML mapping: a dict that knows the line and column of each key (``.lc``)."""

    lc: _LineCol


class CommentedSeq(list[Any]):
    """A loaded YAML sequence: a list that knows the line and column of each item (``.lc``)."""

    lc: _LineCol


class _Refused(Exception):
    """A construct refused on purpose, or YAML that cannot be read: the problem, its place, a hint."""

    def __init__(self, problem: str, line: int, column: int | None, hint: str):
        super().__init__(problem)
        self.problem, self.line, self.column, self.hint = problem, line, column, hint


def _scalar(value: str, plain: bool, line: int, column: int) -> Any:
    """A scalar as ruamel's YAML 1.2 loader types it, with only plain decimal numbers as numbers."""
    if not plain or (value and not _NUMBER_OR_NULL.match(value) and value not in _BOOLS):
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    try:
        if _INT.fullmatch(value):
            return int(value) if _PLAIN_INT.fullmatch(value) else value
        if _FLOAT.fullmatch(value):
            if _PLAIN_FLOAT.fullmatch(value) or value.lower().lstrip("+-") in (".inf", ".nan"):
                special = value.lower().replace(".", "")  # .inf, -.Inf, .NaN → inf, -inf, nan
                return float(special if special.lstrip("+-") in ("inf", "nan") else value)
            return value
        if _DATE.fullmatch(value):
            return _timestamp(value)
    except (ValueError, OverflowError) as exc:
        raise _Refused(
            f"cannot read the value {shown(value)}: {exc}",
            line,
            column,
            "write dates as YYYY-MM-DD (an existing day) and numbers with digits only; "
            "put the value in quotes to keep it as text",
        ) from None
    return value


def _timestamp(value: str) -> Any:
    from yaml.constructor import SafeConstructor  # type: ignore[import-untyped]
    from yaml.nodes import ScalarNode  # type: ignore[import-untyped]

    return SafeConstructor().construct_yaml_timestamp(ScalarNode("tag:yaml.org,2002:timestamp", value))


def _refuse_event(event: Event, depth: int) -> None:
    from yaml.events import AliasEvent, CollectionStartEvent

    mark = event.start_mark
    if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _Refused(
            "YAML anchors and aliases (&name, *name) are not allowed",
            mark.line,
            mark.column,
            "write every value out in full",
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise _Refused(
            f"the YAML tag {shown(str(tag).replace('tag:yaml.org,2002:', '!!'))} is not allowed",
            mark.line,
            mark.column,
            "remove the tag (the part starting with '!'); put text in quotes",
        )
    if isinstance(event, CollectionStartEvent) and depth >= MAX_DEPTH:
        raise _Refused(
            f"nested more than {MAX_DEPTH} levels deep",
            mark.line,
            mark.column,
            "flatten the lists and mappings",
        )


def _build(events: Iterator[Event]) -> Any:
    """The document of a stream of parser events, with positions; refuses what yamlio refuses."""
    from yaml.events import (
        CollectionEndEvent,
        DocumentStartEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    stack: list[tuple[Any, list[Any]]] = []  # (container, [pending key, its line, its column])
    root: Any = None
    documents = 0
    for event in events:
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _Refused(
                    "expected a single document in the stream, but found another",
                    mark.line,
                    mark.column,
                    "remove the '---' and what follows it",
                )
            continue
        if isinstance(event, StreamEndEvent):
            break
        _refuse_event(event, len(stack))
        mark = event.start_mark
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if isinstance(event, ScalarEvent):
            value = _scalar(event.value, bool(event.implicit[0]), mark.line, mark.column)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            value = CommentedMap() if isinstance(event, MappingStartEvent) else CommentedSeq()
            value.lc = _LineCol(mark.line, mark.column)
        else:
            continue
        if stack:
            _place(stack, value, mark.line, mark.column)
        else:
            root = value
        if isinstance(value, CommentedMap | CommentedSeq):
            stack.append((value, []))
    return root


def _place(stack: list[tuple[Any, list[Any]]], value: Any, line: int, column: int) -> None:
    """Put ``value`` (starting at line, column) into the innermost open container, if any."""
    container, pending = stack[-1]
    if isinstance(container, CommentedSeq):
        container.lc.data[len(container)] = (line, column)
        container.append(value)
    elif not pending:
        if isinstance(value, dict | list):
            raise _Refused("a key must be a single value", line, column, "write 'key: value'")
        if value in container:
            raise _Refused(f"found duplicate key {shown(str(value))}", line, column, "give every key once")
        pending.extend((value, line, column))
    else:
        key, key_line, key_column = pending
        pending.clear()
        container.lc.data[key] = (key_line, key_column)
        container[key] = value


def _parse(text: str) -> Any:
    import yaml  # type: ignore[import-untyped]

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser where installed
    return _build(iter(yaml.parse(text, Loader=loader)))


def read_bytes(path: Path, what: str = "", max_bytes: int = MAX_BYTES, within: Path | None = None) -> bytes:
    """The bytes of ``path``, at most ``max_bytes`` (else a :class:`LoadError`).

    A library file (``within``: the library folder) must be a regular file inside that folder: a
    template may come from a pull request, and git keeps symbolic links, so a clause file could
    otherwise point at any file on the machine, or at ``/dev/zero`` or a pipe that is never done.
    Whatever the file, at most ``max_bytes`` are read. Messages name the file ``what`` (default: its
    name), in the interface's language.
    """
    what = what or path.name
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        raise LoadError(
            ui_text("file.outside", name=what, target=str(path.resolve())),
            Location(path),
            ui_text("file.outside.hint"),
        )
    flags = os.O_RDONLY | (os.O_NONBLOCK if within is not None else 0)  # a pipe must not block the open
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        if within is not None and not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise LoadError(
                ui_text("file.irregular", name=what), Location(path), ui_text("file.irregular.hint")
            )
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(path.stat().st_size, len(data))
        raise LoadError(
            ui_text(
                "file.too_large",
                name=what,
                size=f"{size / 1_000_000:.1f}",
                limit=f"{max_bytes / 1_000_000:g}",
            ),
            Location(path),
            ui_text("file.too_large.hint"),
        )
    return data


def read_source(path: Path, what: str = "", max_bytes: int = MAX_BYTES, within: Path | None = None) -> str:
    """The text of ``path``, or a :class:`LoadError` if it is too large or not UTF-8 (a BOM is fine).
    A library file (``within``) is read as :func:`read_bytes` reads it."""
    data = read_bytes(path, what, max_bytes, within)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise LoadError(
            ui_text("file.utf16", name=what or path.name),
            Location(path, data.count(b"\n", 0, max(data.find(b"\x00"), 0)) + 1),
            ui_text("file.utf16.hint"),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            ui_text("file.not_utf8", name=what or path.name, byte=f"{data[exc.start]:02X}"),
            Location(path, line),
            ui_text("file.not_utf8.hint"),
        ) from None


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse ``text`` (which starts at ``first_line`` of ``path``); errors carry the file line.

    libyaml's parser (in C) reads the events; :func:`_build` makes the mappings and lists from them,
    refusing anchors, aliases, tags and deep nesting as it meets them, and keeps every key's and
    item's place for the loaders' errors.
    """
    from yaml import MarkedYAMLError, YAMLError

    try:
        return _parse(text)
    except _Refused as exc:
        column = exc.column + 1 if exc.column is not None else None
        kind = "duplicate" if "duplicate" in exc.problem else ""
        raise LoadError(
            exc.problem, Location(path, exc.line + first_line, column), exc.hint, kind=kind
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        column = (mark.column + 1) if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(
            ui_text("yaml.invalid", problem=problem), Location(path, line, column), _yaml_hint(), kind="yaml"
        ) from None
    except YAMLError as exc:
        where = Location(path, first_line)
        raise LoadError(
            ui_text("yaml.invalid", problem=shown(str(exc))), where, _yaml_hint(), kind="yaml"
        ) from None
    except RecursionError:  # only reachable with a recursion limit far below MAX_DEPTH
        raise LoadError(
            ui_text("yaml.too_deep"), Location(path, first_line), ui_text("yaml.too_deep.hint")
        ) from None


class _JsonRefused(Exception):
    def __init__(self, message: str, needle: str, hint: str):
        super().__init__(message)
        self.message, self.needle, self.hint = message, needle, hint


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonRefused(f"duplicate key {shown(key)}", key, "give every key once")
        result[key] = value
    return result


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 100:
        raise _JsonRefused(f"the number {shown(text)} has too many digits", text, "write a smaller number")
    return int(text)


def _too_deep_line(text: str, limit: int) -> int | None:
    """The line where JSON ``text`` nests deeper than ``limit``, or None (scans without recursion)."""
    depth, line, in_string, escaped = 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        elif in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth -= 1
    return None


_JSON_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:')


def json_key_lines(text: str, occurrence: int = 1) -> dict[str, int]:
    """Key → line of its ``occurrence``-th ``"key":`` in JSON ``text`` (one pass over the text)."""
    seen: dict[str, int] = {}
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _JSON_KEY.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        try:
            key = json.loads(f'"{match[1]}"')
        except ValueError:
            continue
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == occurrence:
            lines[key] = line
    return lines


def load_json(text: str, path: Path) -> Any:
    """Parse JSON ``text``: duplicate keys, deep nesting and huge numbers are errors with a line."""
    deep = _too_deep_line(text, MAX_DEPTH)
    if deep is not None:
        raise LoadError(
            ui_text("yaml.levels", levels=MAX_DEPTH), Location(path, deep), ui_text("yaml.levels.hint")
        )
    try:
        return json.loads(text, object_pairs_hook=_json_pairs, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise LoadError(
            ui_text("json.invalid", problem=exc.msg),
            Location(path, exc.lineno, exc.colno),
            ui_text("json.invalid.hint"),
        ) from None
    except _JsonRefused as exc:
        line = json_key_lines(text, 2).get(exc.needle) if "duplicate" in exc.message else None
        if line is None:
            at = text.find(exc.needle)
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise LoadError(exc.message, Location(path, line), exc.hint) from None
    except (ValueError, RecursionError) as exc:
        raise LoadError(
            ui_text("json.invalid", problem=shown(str(exc))), Location(path), ui_text("json.check")
        ) from None


def key_location(mapping: Any, key: str, path: Path, first_line: int = 1) -> Location:
    """Where ``key`` of a loaded mapping stands in the file (the mapping's start if unknown)."""
    if isinstance(mapping, CommentedMap):
        try:
            line, col = mapping.lc.key(key)
            return Location(path, line + first_line, col + 1)
        except (KeyError, TypeError):
            return Location(path, mapping.lc.line + first_line, mapping.lc.col + 1)
    return Location(path, first_line)


def item_location(seq: Any, index: int, path: Path, first_line: int = 1) -> Location:
    """Where item ``index`` of a loaded sequence stands in the file."""
    if isinstance(seq, CommentedSeq):
        try:
            line, col = seq.lc.item(index)
            return Location(path, line + first_line, col + 1)
        except (KeyError, TypeError, IndexError):
            return Location(path, seq.lc.line + first_line)
    return Location(path, first_line)


def plain(value: Any) -> Any:
    """Turn ruamel's containers and scalars into plain dicts, lists, str, int, float and bool.

    Safe to recurse: loaded data has no aliases and at most :data:`MAX_DEPTH` levels.
    """
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value
