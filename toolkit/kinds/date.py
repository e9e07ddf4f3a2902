"""A date, typed as YYYY-MM-DD or in the short numeric form of the person's locale (nl ``dd-mm-jjjj``,
en-GB ``dd/mm/yyyy``, en-US ``mm/dd/yyyy``, from the CLDR through Babel); shown written out
(``1 maart 2027``). A date in another numeric form is read only when it cannot be read two ways:
``03-01-2027`` under en-US (3 January or 1 March?) is refused, never guessed."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.dates import get_date_format

from ..errors import ClauseKitError
from ..locales import DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget

# Nothing but these forms (2027-W01-1, 20270101, Arabic-Indic digits) is read.
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$", re.ASCII)
SAMPLE_DATE = dt.date(2027, 1, 1)
EXAMPLE_DATE = dt.date(2027, 3, 1)  # day and month differ: the example shows which comes first


@dataclass(frozen=True)
class ShortForm:
    """A locale's short numeric date: day or month first, and the separator (``dd-MM-y``: day, "-")."""

    day_first: bool
    separator: str

    def write(self, value: dt.date) -> str:
        first, second = (value.day, value.month) if self.day_first else (value.month, value.day)
        return f"{first:02d}{self.separator}{second:02d}{self.separator}{value.year:04d}"

    def name(self, words: Locale) -> str:
        """``dd-mm-jjjj`` in the person's letters."""
        day, month, year = (words.text(f"kind.date.{part}") for part in ("day", "month", "year"))
        first, second = (day, month) if self.day_first else (month, day)
        return self.separator.join((first, second, year))


@cache
def short_form(tag: str) -> ShortForm:
    """The short numeric form of a locale, from its CLDR pattern (``dd-MM-y``, ``M/d/yy``)."""
    pattern = get_date_format("short", locale=tag.replace("-", "_")).pattern
    separator = next((c for c in pattern if c in "-/."), "-")
    return ShortForm(pattern.find("d") < pattern.find("M"), separator)


def _iso_name(words: Locale) -> str:
    return "-".join(words.text(f"kind.date.{part}") for part in ("year", "month", "day"))


def _forms(words: Locale) -> str:
    """``jjjj-mm-dd of dd-mm-jjjj``: the forms read, in the person's words."""
    return words.join([_iso_name(words), short_form(words.tag).name(words)], words.text("kind.choice.or"))


class AmbiguousDate(ClauseKitError):
    """A numeric date that reads as two different days; ``readings`` holds both."""

    def __init__(self, message: str, hint: str, readings: tuple[dt.date, dt.date]):
        super().__init__(message, None, hint)
        self.readings = readings


class DateKind(Kind):
    name = "date"

    def coerce(self, question: Question, raw: Any) -> dt.date:
        return self.read(question, raw, ui_locale())

    def read(self, question: Question, raw: Any, words: Locale) -> dt.date:
        """``raw`` as a date, typed by a person of locale ``words``."""
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        try:
            if ISO.match(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            raise self.bad(question, raw, "answer.not_existing_date") from None
        numeric = NUMERIC.match(text)
        if not numeric:
            raise self.bad(question, raw, "answer.not_date")
        first, separator, second, year = int(numeric[1]), numeric[2], int(numeric[3]), int(numeric[4])
        form = short_form(words.tag)
        if separator == form.separator:  # the person's own form: read as it says
            day, month = (first, second) if form.day_first else (second, first)
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise self.bad(question, raw, "answer.not_existing_date") from None
        readings = []  # the person's own order first
        orders = ((first, second), (second, first)) if form.day_first else ((second, first), (first, second))
        for day, month in orders:
            with contextlib.suppress(ValueError):
                readings.append(dt.date(year, month, day))
        if not readings:
            raise self.bad(question, raw, "answer.not_existing_date")
        if len(set(readings)) > 1:
            one, other = readings
            raise AmbiguousDate(
                f"answer {text!r} to '{question.id}' ({question.label}) can be read as {one.isoformat()}"
                f" or {other.isoformat()}",
                self.accepted(question),
                (one, other),
            )
        return readings[0]

    def accepted(self, question: Question) -> str:
        return ui_locale().text("answer.accept.date", forms=_forms(ui_locale()))

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        return [SAMPLE_DATE]

    def problem(self, question: Question, raw: Any, words: Locale = DUTCH) -> str | None:
        try:
            self.read(question, raw, words)
        except ClauseKitError as exc:
            return self.explain(question, exc, words)
        return None

    def explain(self, question: Question, error: ClauseKitError, words: Locale) -> str:
        if isinstance(error, AmbiguousDate):
            one, other = error.readings
            return words.text(
                "kind.date.ambiguous", one=words.date(one), other=words.date(other), forms=_forms(words)
            )
        return self.expected(question, words)

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text(
            "kind.date.expected", forms=_forms(words), example=self.typed(question, EXAMPLE_DATE, words)
        )

    def show(self, question: Question, value: Any, words: Locale) -> str:
        return words.date(value) if isinstance(value, dt.date) else str(value)

    def typed(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        if isinstance(value, dt.date):
            return short_form(words.tag).write(value)  # the person's form, which read() reads back
        return super().typed(question, value, words)

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.date.prompt", form=short_form(words.tag).name(words))

    def parse_line(self, question: Question, line: str, words: Locale = DUTCH) -> Any:
        """The date the person typed, read in their locale (what cannot be read stays text, for
        :meth:`problem` to explain)."""
        try:
            return self.read(question, line, words)
        except ClauseKitError:
            return line

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        return widgets.DatePicker(value=default)

    def fill(self, question: Question, widget: Widget, typed: Any) -> None:
        widget.value = typed if isinstance(typed, dt.date) else None

    def form_control(self, question: Question) -> str:
        return "date"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        try:  # an <input type=date> holds YYYY-MM-DD
            return [] if raw is None else [self.coerce(question, raw).isoformat()]
        except ClauseKitError:
            return [str(raw)]

    def schema(self, question: Question) -> dict[str, Any]:
        # YYYY-MM-DD (checked as a date), or a short numeric form read in the caller's locale, which
        # refuses a date that reads two ways
        return {"type": "string", "anyOf": [{"format": "date"}, {"pattern": NUMERIC.pattern}]}


KIND = DateKind()
