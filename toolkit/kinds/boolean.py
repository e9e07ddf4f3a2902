"""Yes or no: ``ja``/``nee``, ``true``/``false`` and their like; unanswered is no."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..locales import DUTCH, Locale
from ..model import Question
from .base import Kind, Widget

TRUE = {"true", "ja", "yes", "j", "y", "1", "waar"}
FALSE = {"false", "nee", "no", "n", "0", "onwaar"}


class BooleanKind(Kind):
    name = "boolean"
    exhaustive = True

    def coerce(self, question: Question, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() in TRUE:
            return True
        if str(raw).strip().lower() in FALSE:
            return False
        raise self.bad(question, raw, "is not yes or no")

    def empty(self, question: Question) -> bool:
        return False

    def accepted(self, question: Question) -> str:
        return "answer ja or nee (true or false)"

    def representatives(self, question: Question, constants: Sequence[Any]) -> list[Any]:
        return [False, True]

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.boolean.expected")

    def show(self, question: Question, value: Any, words: Locale) -> str:
        return words.yes_no(bool(value))

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.boolean.prompt")

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        return widgets.Checkbox(value=bool(default), description=words.yes_no(True), indent=False)

    def value_of(self, question: Question, widget: Widget) -> Any:
        return bool(widget.value)

    def fill(self, question: Question, widget: Widget, typed: Any) -> None:
        widget.value = bool(typed)


KIND = BooleanKind()
