"""Safe YAML with line numbers: the boundary where text files become data."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import LoadError, Location

__all__ = ["CommentedMap", "CommentedSeq", "item_location", "key_location", "load_yaml"]


def _loader() -> YAML:
    # The round-trip loader keeps line numbers and never constructs Python objects
    # from tags (unlike the unsafe loaders behind CVE-2020-14343).
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse ``text`` (which starts at ``first_line`` of ``path``); errors carry the file line."""
    try:
        return _loader().load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        column = (mark.column + 1) if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(
            f"invalid YAML: {problem}",
            Location(path, line, column),
            "check indentation, colons and quotes; a value containing ': ' or '#' needs quotes",
        ) from None
    except YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}", Location(path, first_line), None) from None


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
    """Turn ruamel's containers into plain dicts, lists and scalars."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
