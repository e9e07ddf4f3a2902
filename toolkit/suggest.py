"""Did-you-mean hints for a name that is not known (an id, a key, a template)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .locales import Locale


def suggest(name: str, known: Iterable[str], words: Locale | None = None) -> str:
    """``did you mean 'x'?`` for the closest known name, else the list of known names; in ``words``
    when given (the loader's messages), else in English (the command line's and the web's)."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1) if len(name) <= 100 else []
    if words is not None:
        if close:
            return words.text("check.did_you_mean", name=close[0])
        if not known:
            return words.text("suggest.none")
        return words.text("suggest.known", names=", ".join(sorted(known)))
    if close:
        return f"did you mean '{close[0]}'?"
    return "known: " + ", ".join(sorted(known)) if known else "none are defined"
