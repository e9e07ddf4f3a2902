"""Safe YAML and JSON with line numbers: the boundary where text files become data.

Every file read here is bounded before it is trusted: a size budget, UTF-8 only (a BOM is fine),
no YAML anchors or aliases (the "billion laughs" expand a few hundred bytes into gigabytes), no
explicit tags (``!!binary``, ``!!python/…``, ``!foo``), at most :data:`MAX_DEPTH` levels of nesting,
and values the parser cannot construct (``2027-02-29``, a 5,000-digit number) are errors at their
line, never tracebacks.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scanner import RoundTripScanner
from ruamel.yaml.tag import Tag

from .errors import LoadError, Location, shown

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
    "read_source",
]

MAX_BYTES = 1_000_000  # per answers file, template.yaml or clause file; the flagship's largest is ~5 kB
MAX_DEPTH = 100  # levels of nested lists and mappings; answers and templates need fewer than 5
_PLAIN_INT = re.compile(r"[-+]?[0-9]{1,100}", re.ASCII)
_PLAIN_FLOAT = re.compile(
    r"[-+]?(?:[0-9]{1,100}(?:\.[0-9]{0,100})?|\.[0-9]{1,100})(?:[eE][-+]?[0-9]{1,3})?", re.ASCII
)
_STR_TAG = "tag:yaml.org,2002:str"
_YAML_HINT = "check indentation, colons and quotes; a value containing ': ' or '#' needs quotes"


class _Refused(MarkedYAMLError):
    """A construct we refuse on purpose; carries its own hint."""

    def __init__(self, problem: str, mark: Any, hint: str):
        super().__init__(None, None, problem, mark)
        self.hint = hint


class _SafeScanner(RoundTripScanner):
    """Stops at the first ``[`` or ``{`` nested too deep, before scanning on (which is slow there)."""

    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        if len(self.flow_context) >= MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep",
                self.reader.get_mark(),
                "flatten the lists and mappings",
            )
        super().fetch_flow_collection_start(TokenClass, to_push)


class _SafeComposer(Composer):
    """Refuses aliases, anchors, explicit tags and deep nesting before anything is built."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                "YAML anchors and aliases (&name, *name) are not allowed",
                event.start_mark,
                "write every value out in full",
            )
        tag = getattr(event, "ctag", None)
        if tag is not None:
            raise _Refused(
                f"the YAML tag {shown(str(tag).replace('tag:yaml.org,2002:', '!!'))} is not allowed",
                event.start_mark,
                "remove the tag (the part starting with '!'); put text in quotes",
            )
        if isinstance(event, CollectionStartEvent) and self.depth >= MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
                "flatten the lists and mappings",
            )
        return super().compose_node(parent, index)

    def compose_scalar_node(self, anchor: Any) -> Any:
        node = super().compose_scalar_node(anchor)
        assert isinstance(node, ScalarNode)
        # YAML 1.2 as ruamel reads it turns 1_000, 0x1F and 0o17 into numbers; we accept only plain
        # decimal numbers and keep anything else as the text it is.
        if node.style is None and not _decimal(str(node.tag).rsplit(":", 1)[-1], node.value):
            node.tag = Tag(suffix=_STR_TAG)
        return node


def _decimal(kind: str, text: str) -> bool:
    """False for a scalar YAML calls a number that is not written as a plain decimal number."""
    if kind == "int":
        return _PLAIN_INT.fullmatch(text) is not None
    if kind == "float":
        return _PLAIN_FLOAT.fullmatch(text) is not None or text.lower().lstrip("+-") in (".inf", ".nan")
    return True


class _SafeConstructor(RoundTripConstructor):
    """A value that cannot be built (no such day, too many digits) is an error at its line."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            raise _Refused(
                f"cannot read the value {shown(getattr(node, 'value', ''))}: {exc}",
                node.start_mark,
                "write dates as YYYY-MM-DD (an existing day) and numbers with digits only; "
                "put the value in quotes to keep it as text",
            ) from None


def _loader() -> YAML:
    # The round-trip loader keeps line numbers and never constructs Python objects
    # from tags (unlike the unsafe loaders behind CVE-2020-14343).
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Scanner = _SafeScanner
    yaml.Composer = _SafeComposer
    yaml.Constructor = _SafeConstructor
    return yaml


def read_source(path: Path, what: str = "the file", max_bytes: int = MAX_BYTES) -> str:
    """The text of ``path``, or a :class:`LoadError` if it is too large or not UTF-8 (a BOM is fine)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(
            f"{what} is {size / 1_000_000:.1f} MB; at most {max_bytes / 1_000_000:g} MB is read",
            Location(path),
            "split the file or remove what does not belong in it",
        )
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise LoadError(
            f"{what} is UTF-16 (or contains NUL bytes), not UTF-8",
            Location(path, data.count(b"\n", 0, max(data.find(b"\x00"), 0)) + 1),
            "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            f"{what} is not UTF-8: byte 0x{data[exc.start]:02X} on this line is not a UTF-8 character",
            Location(path, line),
            "save the file as UTF-8 (it was probably saved as Latin-1 or Windows-1252)",
        ) from None


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse ``text`` (which starts at ``first_line`` of ``path``); errors carry the file line."""
    try:
        return _loader().load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        column = (mark.column + 1) if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = exc.hint if isinstance(exc, _Refused) else _YAML_HINT
        prefix = "" if isinstance(exc, _Refused) else "invalid YAML: "
        raise LoadError(f"{prefix}{problem}", Location(path, line, column), hint) from None
    except YAMLError as exc:
        raise LoadError(f"invalid YAML: {shown(str(exc))}", Location(path, first_line), _YAML_HINT) from None
    except RecursionError:  # only reachable with a recursion limit far below MAX_DEPTH
        raise LoadError("nested too deeply", Location(path, first_line), "flatten the file") from None


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
            f"nested more than {MAX_DEPTH} levels deep", Location(path, deep), "flatten the lists and objects"
        )
    try:
        return json.loads(text, object_pairs_hook=_json_pairs, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno), "check commas and quotes"
        ) from None
    except _JsonRefused as exc:
        line = json_key_lines(text, 2).get(exc.needle) if "duplicate" in exc.message else None
        if line is None:
            at = text.find(exc.needle)
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise LoadError(exc.message, Location(path, line), exc.hint) from None
    except (ValueError, RecursionError) as exc:
        raise LoadError(f"invalid JSON: {shown(str(exc))}", Location(path), "check the file") from None


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
