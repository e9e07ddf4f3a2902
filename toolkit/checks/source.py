"""From rendered text back to the clause file: the literal text of each source line, and examples."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Location
from ..locales import DUTCH, Locale, ui_locale
from ..model import Clause, ClauseEntry, Template, Variant

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


@dataclass(frozen=True)
class SourceLine:
    """One line of a variant body with its template code blanked out (columns kept)."""

    location: Location
    text: str  # the line as written
    literal: str  # the same line with {{ … }}, {% … %} and {# … #} replaced by spaces


def literal_lines(clause: Clause, variant: Variant) -> list[SourceLine]:
    body = variant.body
    blanked = _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    first = variant.location.line or 1
    return [
        SourceLine(Location(clause.path, first + offset), text, literal)
        for offset, (text, literal) in enumerate(zip(body.split("\n"), blanked.split("\n"), strict=True))
    ]


def entry_when_location(entry: ClauseEntry) -> Location:
    """The line of the `when:` of a clause entry in template.yaml (the entry's line if it has none)."""
    return entry.when_location or entry.location


def template_lines(template: Template) -> Iterator[tuple[Clause, SourceLine]]:
    """Every line of every variant body of the template."""
    for entry in template.entries:
        for variant in entry.clause.variants:
            for line in literal_lines(entry.clause, variant):
                yield entry.clause, line


def locate(clause: Clause, variant: Variant, text: str, start: int, end: int) -> Location:
    """The source line a span of rendered ``text`` most likely comes from.

    The line whose literal text has the longest run in common with the rendered text just
    around the span (left and right of it separately, as template code may sit in between);
    the variant's first line when no line shares a few characters.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - 40) : end]
    right = text[start : min(line_end, end + 40)]
    best, where = 3, variant.location  # at least 4 characters in common
    for line in literal_lines(clause, variant):
        if not line.literal.strip():
            continue
        score = max(_common(left, line.literal), _common(right, line.literal))
        if score > best:
            best, where = score, line.location
    return where


def _common(a: str, b: str) -> int:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def show(value: Any, words: Locale = DUTCH) -> str:
    """An answer as a finding quotes it, in the interface's language (``ja``, ``(leeg)``)."""
    if isinstance(value, bool):
        return words.yes_no(value)
    if value is None or value == "" or value == ():
        return words.text("check.empty")
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def example(template: Template, values: dict[str, Any], names: Iterable[str] | None = None) -> str:
    """`for example with the answers ondernemingsraad: nee, strengheid: streng`.

    Only the answers in `names` (those the conditions at play use) when given; questions left
    out (their `when` false) are said to be not asked.
    """
    wanted = set(names) if names is not None else None
    words = ui_locale()  # the person reading the finding: yes/no and "(empty)" in their language
    parts = []
    for question in template.questions:
        if wanted is not None and question.id not in wanted:
            continue
        if question.id in values:
            parts.append(f"{question.id}: {show(values[question.id], words)}")
        else:
            parts.append(f"{question.id}: {words.text('check.not_asked')}")
    if not parts:
        return words.text("check.example.any")
    return words.text("check.example", answers=", ".join(parts))
