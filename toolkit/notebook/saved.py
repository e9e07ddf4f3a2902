"""The studio's answers stored in the notebook, as an output with a MIME type of our own.

The studio displays ``{MIME: {"template": …, "answers": …, "force": …}}`` with a display id and
updates it after every good render, so a saved notebook carries the answers it shows: the
nbconvert exporters read them, and a re-opened studio starts from them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..locales import Locale, ui_locale

MIME = "application/vnd.clausekit.answers+json"


@dataclass(frozen=True)
class SavedState:
    """What a notebook remembers: the template, the raw answers and the forced variants."""

    template: str
    answers: dict[str, Any] = field(default_factory=dict)
    force: dict[str, str] = field(default_factory=dict)
    version: str = ""
    language: str = ""  # the document language (an edition's tag); "" is the template's own


def jsonable(value: Any) -> Any:
    """An answer as JSON: dates as ISO text, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def bundle(state: SavedState, ui: Locale | None = None) -> dict[str, Any]:
    """The display data: our MIME type, and a line of text for front ends that do not know it
    (in the words of ``ui``, default :func:`~toolkit.locales.ui_locale`)."""
    data = {
        "template": state.template,
        "version": state.version,
        "answers": {k: jsonable(v) for k, v in state.answers.items()},
        "force": dict(state.force),
    }
    if state.language:
        data["language"] = state.language
    count = sum(1 for v in state.answers.values() if v not in (None, "", [], ()))
    text = (ui or ui_locale()).text("studio.saved", count=count, template=state.template)
    return {
        MIME: data,
        "text/plain": text,
        "text/html": f'<small class="ck-saved">{html.escape(text)}</small>',
    }


def from_data(data: Any) -> SavedState | None:
    """Parse our MIME payload; None when it is not one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError:
            return None
    if not isinstance(data, Mapping) or not isinstance(data.get("template"), str):
        return None
    answers = data.get("answers") or {}
    force = data.get("force") or {}
    if not isinstance(answers, Mapping) or not isinstance(force, Mapping):
        return None
    return SavedState(
        template=data["template"],
        answers=dict(answers),
        force={str(k): str(v) for k, v in force.items()},
        version=str(data.get("version") or ""),
        language=str(data.get("language") or ""),
    )


def saved_state(notebook: Mapping[str, Any]) -> SavedState | None:
    """The last studio state saved in a notebook (a dict or nbformat node), or None."""
    found: SavedState | None = None
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data") or {}
            if MIME in data:
                found = from_data(data[MIME]) or found
    return found


def read_saved_state(path: Path) -> SavedState | None:
    """The studio state saved in the notebook file at ``path`` (None when unreadable or absent)."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved_state(notebook) if isinstance(notebook, dict) else None
