"""Typed fields of a loaded YAML mapping, each a :class:`LoadError` with file:line when wrong."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import LoadError, Location, shown
from ..suggest import suggest
from ..yamlio import CommentedMap, key_location

ID = re.compile(r"^[a-z][a-z0-9_-]*$")  # template and clause ids: also folder and file names


def text(data: CommentedMap, key: str, path: Path, first_line: int = 1, required: bool = True) -> str:
    """The text under ``key`` (numbers are read as text); ``""`` if absent and not ``required``."""
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LoadError(
                f"missing '{key}'",
                key_location(data, key, path, first_line),
                f"add a line '{key}: …'",
            )
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LoadError(
            f"'{key}' must be text", key_location(data, key, path, first_line), "write it as text"
        )
    return str(value).strip()


def matching(
    data: CommentedMap, key: str, path: Path, pattern: re.Pattern[str], problem: str, hint: str
) -> str:
    """The required text under ``key``, which must match ``pattern``; else ``'value' {problem}``."""
    value = text(data, key, path)
    if not pattern.match(value):
        raise LoadError(f"{key} {shown(value)} {problem}", key_location(data, key, path), hint)
    return value


def number(data: CommentedMap, key: str, path: Path, integer: bool = False) -> int | float | None:
    """The number under ``key``, or None if absent."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise LoadError(
            f"'{key}' must be {'a whole number' if integer else 'a number'}, not {shown(value)}",
            key_location(data, key, path),
            "write digits only, e.g. 500",
        )
    return int(value) if isinstance(value, int) else float(value)


def when(data: Any, path: Path, first_line: int = 1) -> tuple[str | None, Location | None]:
    """The ``when:`` condition of a mapping and where it stands, or ``(None, None)``."""
    if not isinstance(data, CommentedMap) or data.get("when") is None:
        return None, None
    condition = data["when"]
    location = key_location(data, "when", path, first_line)
    if isinstance(condition, bool):
        condition = "true" if condition else "false"
    if not isinstance(condition, str) or not condition.strip():
        raise LoadError(
            "'when' must be a condition",
            location,
            "write an expression over the answers, e.g. when: ondernemingsraad",
        )
    return condition.strip(), location


def check_keys(data: CommentedMap, allowed: set[str], path: Path, what: str, first_line: int = 1) -> None:
    """Refuse the first key not in ``allowed``, suggesting the closest allowed one."""
    for key in (str(k) for k in data if str(k) not in allowed):
        raise LoadError(
            f"unknown key {shown(key)} in {what}",
            key_location(data, key, path, first_line),
            suggest(key, sorted(allowed)),
        )
