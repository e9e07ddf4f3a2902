"""A finite number in ASCII digits, with a decimal point or comma, within ``min`` and ``max``."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from ..locales import DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget

# An optional sign and one decimal point or comma; nothing else (1_000, Arabic-Indic digits) is read.
NUMBER = re.compile(r"^[-+]?\d{1,30}(?:[.,]\d{1,30})?$", re.ASCII)


class NumberKind(Kind):
    name = "number"

    def coerce(self, question: Question, raw: Any) -> int | float:
        if isinstance(raw, bool):
            raise self.bad(question, raw, "answer.not_number")
        if isinstance(raw, (int, float)):
            number: int | float = raw
        else:
            text = str(raw).strip()
            if not NUMBER.match(text):
                raise self.bad(question, raw, "answer.not_number")
            text = text.replace(",", ".")
            number = float(text) if "." in text else int(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise self.bad(question, raw, "answer.not_finite")
        if question.minimum is not None and number < question.minimum:
            raise self.bad(question, raw, "answer.below_minimum", minimum=question.minimum)
        if question.maximum is not None and number > question.maximum:
            raise self.bad(question, raw, "answer.above_maximum", maximum=question.maximum)
        return number

    def accepted(self, question: Question) -> str:
        words = ui_locale()
        if question.minimum is not None or question.maximum is not None:
            return words.text(
                "answer.accept.number_between", minimum=question.minimum, maximum=question.maximum
            )
        return words.text("answer.accept.number")

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        numbers: list[float] = [n for n in (question.minimum, question.maximum) if n is not None]
        for constant in constants:
            if isinstance(constant, (int, float)) and not isinstance(constant, bool):
                numbers.extend([constant - 1, constant, constant + 1])
        if not numbers:
            numbers = [1]
        low = question.minimum if question.minimum is not None else -math.inf
        high = question.maximum if question.maximum is not None else math.inf
        return [n for n in numbers if low <= n <= high]

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        low, high = number_text(question.minimum), number_text(question.maximum)
        if low and high:
            return words.text("kind.number.expected_between", low=low, high=high)
        if low:
            return words.text("kind.number.expected_at_least", low=low)
        if high:
            return words.text("kind.number.expected_at_most", high=high)
        return words.text("kind.number.expected")

    def show(self, question: Question, value: Any, words: Locale) -> str:
        return number_text(value)

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.number.prompt")

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        start = default if default is not None else (question.minimum or 0)
        if question.minimum is not None and question.maximum is not None:
            return widgets.BoundedFloatText(value=start, min=question.minimum, max=question.maximum)
        return widgets.FloatText(value=start)

    def value_of(self, question: Question, widget: Widget) -> Any:
        if widget.value is None:
            return None
        number = float(widget.value)
        return int(number) if number.is_integer() else number

    def form_control(self, question: Question) -> str:
        return "number"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        if raw is None:
            return []
        return [number_text(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw)]

    def schema(self, question: Question) -> dict[str, Any]:
        found: dict[str, Any] = {"type": "number"}
        if question.minimum is not None:
            found["minimum"] = question.minimum
        if question.maximum is not None:
            found["maximum"] = question.maximum
        return found


def number_text(value: float | None) -> str:
    """A number as the person reads it: ``12``, ``2,5``; None as nothing."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


KIND = NumberKind()
