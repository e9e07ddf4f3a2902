"""Yes or no: ``true``/``false``, ``1``/``0``, and the yes and no words of every language we speak
(``ja``/``nee``); unanswered is no."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..errors import ClauseKitError
from ..locales import CATALOGUES, DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget


@cache
def _words(key: str) -> frozenset[str]:
    """The spellings of yes (or no) in every catalogue: an answers file is data, in any language
    (read on first use, not at import)."""
    return frozenset(word for texts in CATALOGUES.values() for word in texts[key].split())


TRUE = {"true", "yes", "y", "1"}
FALSE = {"false", "no", "n", "0"}


class BooleanKind(Kind):
    name = "boolean"
    exhaustive = True

    def coerce(self, question: Question, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() in TRUE | _words("kind.boolean.true_words"):
            return True
        if str(raw).strip().lower() in FALSE | _words("kind.boolean.false_words"):
            return False
        raise self.bad(question, raw, "answer.not_yes_no")

    def empty(self, question: Question) -> bool:
        return False

    def accepted(self, question: Question) -> str:
        words = ui_locale()
        return words.text("answer.accept.boolean", yes=words.yes_no(True), no=words.yes_no(False))

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
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

    def form_control(self, question: Question) -> str:
        return "yesno"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        try:
            return [] if raw is None else ["true" if self.coerce(question, raw) else "false"]
        except ClauseKitError:
            return []

    def schema(self, question: Question) -> dict[str, Any]:
        # a JSON true or false, or one of the words an answers file may use (``ja``, ``nee``, …)
        words = TRUE | FALSE | _words("kind.boolean.true_words") | _words("kind.boolean.false_words")
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": sorted(words)}]}


KIND = BooleanKind()
