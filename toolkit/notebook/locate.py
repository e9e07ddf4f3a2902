"""Where the library is, seen from a notebook (notebooks live in ``notebooks/``, clauses beside it)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError


def find_library(start: Path | None = None) -> Path:
    """The nearest ``clauses/`` folder at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "clauses").is_dir():
            return folder / "clauses"
    raise UsageError(
        f"no 'clauses' folder found in {here} or above",
        hint="pass the library folder explicitly (Studio(..., library='path/to/clauses'))",
    )
