"""A date, typed as YYYY-MM-DD or the Dutch DD-MM-YYYY; shown written out (``1 maart 2027``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ..errors import ClauseKitError
from ..locales import DUTCH, Locale
from ..model import Question
from .base import Kind, Widget

# Nothing but these two forms (2027-W01-1, 20270101, Arabic-Indic digits) is read.
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
DAY_FIRST = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", re.ASCII)
SAMPLE_DATE = dt.date(2027, 1, 1)


class DateKind(Kind):
    name = "date"

    def coerce(self, question: Question, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        iso, day_first = ISO.match(text), DAY_FIRST.match(text)
        try:
            if iso:
                return dt.date.fromisoformat(text)
            if day_first:
                return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        except ValueError:
            raise self.bad(question, raw, "is not an existing date") from None
        raise self.bad(question, raw, "is not a date")

    def accepted(self, question: Question) -> str:
        return "answer a date as YYYY-MM-DD or DD-MM-YYYY"

    def representatives(self, question: Question, constants: Sequence[Any]) -> list[Any]:
        return [SAMPLE_DATE]

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.date.expected")

    def show(self, question: Question, value: Any, words: Locale) -> str:
        return words.date(value) if isinstance(value, dt.date) else str(value)

    def typed(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d-%m-%Y")  # the day-first form coerce reads
        return super().typed(question, value, words)

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.date.prompt")

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
        # YYYY-MM-DD (checked as a date), or the day-first form DD-MM-YYYY
        return {"type": "string", "anyOf": [{"format": "date"}, {"pattern": DAY_FIRST.pattern}]}


KIND = DateKind()
