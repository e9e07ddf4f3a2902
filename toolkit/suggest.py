"""Did-you-mean hints for a name that is not known (an id, a key, a template)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(name: str, known: Iterable[str]) -> str:
    """``did you mean 'x'?`` for the closest known name, else the list of known names."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1) if len(name) <= 100 else []
    if close:
        return f"did you mean '{close[0]}'?"
    return "known: " + ", ".join(sorted(known)) if known else "none are defined"
