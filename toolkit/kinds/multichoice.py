"""Any number of the question's options (none is an answer too), kept in the options' order."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from ..errors import ClauseKitError
from ..locales import DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget, wide
from .choice import option_by_number, option_value, options

NONE = "-"  # typed in the terminal for "none of them"
MAX_SUBSET_OPTIONS = 6  # up to 2**6 = 64 subsets; more options → representative subsets


class MultichoiceKind(Kind):
    name = "multichoice"
    has_options = True
    exhaustive = True

    def coerce(self, question: Question, raw: Any) -> tuple[str, ...]:
        items = raw if isinstance(raw, (list, tuple)) else [v for v in str(raw).split(",") if v.strip()]
        chosen: list[str] = []
        for item in items:
            single = option_value(question, item)
            if single is None:
                raise self.bad(question, item, "answer.not_option")
            if single not in chosen:
                chosen.append(single)
        order = question.option_values()
        return tuple(sorted(chosen, key=order.index))

    def empty(self, question: Question) -> tuple[str, ...]:
        return ()

    def accepted(self, question: Question) -> str:
        return ui_locale().text("answer.accept.multichoice", options=", ".join(question.option_values()))

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        return subsets(question.option_values())

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text(
            "kind.multichoice.expected", options=words.join([o.label for o in question.options])
        )

    def display(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        if self.is_empty(value):
            return words.text("list.none")
        return words.join([question.label_of(str(v)) for v in value])

    def typed(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        return ",".join(str(v) for v in value) if value else NONE

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.multichoice.prompt")

    def parse_line(self, question: Question, line: str, words: Locale = DUTCH) -> Any:
        if line == NONE:
            return []
        return [option_by_number(question, part.strip()) for part in line.split(",") if part.strip()]

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        return widgets.SelectMultiple(
            options=options(question),
            value=tuple(default or ()),
            rows=min(len(question.options), 8),
            layout=wide(),
        )

    def value_of(self, question: Question, widget: Widget) -> Any:
        return list(widget.value or ())

    def fill(self, question: Question, widget: Widget, typed: Any) -> None:
        widget.value = tuple(typed or ())

    def form_control(self, question: Question) -> str:
        return "checkboxes"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        try:
            return [] if raw is None else list(self.coerce(question, raw))
        except ClauseKitError:
            return []

    def from_form(self, question: Question, values: Sequence[str]) -> Any:
        return list(values)  # none ticked is an answer too: none of them

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "array", "items": {"enum": list(question.option_values())}, "uniqueItems": True}


def subsets(values: Sequence[str]) -> list[tuple[str, ...]]:
    """Every subset of ``values``; above :data:`MAX_SUBSET_OPTIONS` a representative few."""
    if len(values) <= MAX_SUBSET_OPTIONS:
        return [
            tuple(v for v, on in zip(values, mask, strict=True) if on)
            for mask in itertools.product((False, True), repeat=len(values))
        ]
    # Too many subsets: none, each alone, each left out, and all.
    singles = [(v,) for v in values]
    all_but = [tuple(x for x in values if x != v) for v in values]
    return [(), *singles, *all_but, tuple(values)]


KIND = MultichoiceKind()
