"""The one exception family of clausekit: every user mistake carries a location and a hint."""

from __future__ import annotations

import reprlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SHOWN_CHARS = 60  # an echoed value is cut after this many characters
MAX_REPORTED = 20  # problems listed in one report; the rest are counted
_MAX_PART = 2_000  # a safety net for messages and hints built from user input
# Control, format (bidi overrides, zero-width), separator and surrogate characters: in a terminal
# they move the cursor, ring, retitle the window or reverse the text around them.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}

_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = SHOWN_CHARS + 2
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 5
_repr.maxlevel = 3


def shown(value: object) -> str:
    """``value`` as an error message quotes it: repr-like, cut to about :data:`SHOWN_CHARS` characters."""
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN_CHARS else repr(value[:SHOWN_CHARS]) + "…"
    return _repr.repr(value)


def printable(text: str) -> str:
    """``text`` with every control and format character written as an escape (``\\x1b``, ``\\u202e``)."""
    if len(text) > _MAX_PART:
        text = text[:_MAX_PART] + "…"
    return "".join(_escape(c) if unicodedata.category(c) in _ESCAPED_CATEGORIES else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True)
class Location:
    """A place in a source file; ``line`` and ``column`` are 1-based."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def shifted(self, lines: int) -> Location:
        """The same file, ``lines`` further down."""
        return Location(self.path, (self.line or 1) + lines, self.column)


class ClauseKitError(Exception):
    """A problem the user can fix: what is wrong, where, and how to fix it."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def format(self) -> str:
        """``path:line: message`` then ``hint: …``, as compilers print it; control characters escaped."""
        message = printable(self.message)
        head = f"{printable(str(self.location))}: {message}" if self.location else message
        return f"{head}\n  hint: {printable(self.hint)}" if self.hint else head

    def __str__(self) -> str:
        return self.format()


class LoadError(ClauseKitError):
    """The library (template.yaml, a clause file) cannot be read. ``kind`` sorts it for the checks
    (``syntax``: template code that does not compile), whatever the language of its message."""

    def __init__(
        self, message: str, location: Location | None = None, hint: str | None = None, *, kind: str = ""
    ):
        super().__init__(message, location, hint)
        self.kind = kind


class AnswerError(ClauseKitError):
    """One or more answers are missing or not acceptable."""

    def __init__(
        self,
        problems: list[ClauseKitError],
    ):
        self.problems = problems
        first = problems[0]
        if len(problems) == 1:
            super().__init__(first.message, first.location, first.hint)
        else:
            super().__init__(f"{len(problems)} answers are not acceptable", first.location, None)

    def format(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0].format()
        lines = [p.format() for p in self.problems[:MAX_REPORTED]]
        if len(self.problems) > MAX_REPORTED:
            lines.append(f"… and {len(self.problems) - MAX_REPORTED} more problems")
        return "\n".join(lines)


class RenderError(ClauseKitError):
    """A clause could not be rendered with the given answers."""


class UsageError(ClauseKitError):
    """The command was called wrongly (unknown template, missing file)."""
