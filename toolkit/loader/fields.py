"""Typed fields of a loaded YAML mapping, each a :class:`LoadError` with file:line when wrong."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import LoadError, Location, shown
from ..locales import ui_locale, ui_text
from ..suggest import suggest
from ..yamlio import CommentedMap, key_location

ID = re.compile(r"^[a-z][a-z0-9_-]*$")  # template and clause ids: also folder and file names


def text(data: CommentedMap, key: str, path: Path, first_line: int = 1, required: bool = True) -> str:
    """The text under ``key`` (numbers are read as text); ``""`` if absent and not ``required``."""
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LoadError(
                ui_text("load.missing", key=key),
                key_location(data, key, path, first_line),
                ui_text("load.missing.hint", key=key),
            )
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LoadError(
            ui_text("load.not_text", key=key),
            key_location(data, key, path, first_line),
            ui_text("load.not_text.hint"),
        )
    return str(value).strip()


def matching(
    data: CommentedMap, key: str, path: Path, pattern: re.Pattern[str], problem: str, hint: str
) -> str:
    """The required text under ``key``, which must match ``pattern``; else the error whose message
    and hint are the texts named ``problem`` (field ``value``) and ``hint``."""
    value = text(data, key, path)
    if not pattern.match(value):
        raise LoadError(ui_text(problem, value=shown(value)), key_location(data, key, path), ui_text(hint))
    return value


def number(data: CommentedMap, key: str, path: Path, integer: bool = False) -> int | float | None:
    """The number under ``key``, or None if absent."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise LoadError(
            ui_text("load.not_whole_number" if integer else "load.not_number", key=key, value=shown(value)),
            key_location(data, key, path),
            ui_text("load.not_number.hint"),
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
        raise LoadError(ui_text("load.when"), location, ui_text("load.when.hint"))
    return condition.strip(), location


def check_keys(data: CommentedMap, allowed: set[str], path: Path, what: str, first_line: int = 1) -> None:
    """Refuse the first key not in ``allowed`` (in ``what``: words of the interface, such as
    ``ui_text("load.what.step")``), suggesting the closest allowed one."""
    for key in (str(k) for k in data if str(k) not in allowed):
        raise LoadError(
            ui_text("load.unknown_key", key=shown(key), what=what),
            key_location(data, key, path, first_line),
            suggest(key, sorted(allowed), ui_locale()),
            kind="unknown_key",
        )
