"""The one exception family of clausekit: every user mistake carries a location and a hint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        """``path:line: message`` then ``hint: …``, as compilers print it."""
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def __str__(self) -> str:
        return self.format()


class LoadError(ClauseKitError):
    """The library (template.yaml, a clause file) cannot be read."""


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
        return "\n".join(p.format() for p in self.problems)


class RenderError(ClauseKitError):
    """A clause could not be rendered with the given answers."""


class UsageError(ClauseKitError):
    """The command was called wrongly (unknown template, missing file)."""
