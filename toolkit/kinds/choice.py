"""One of the question's options, by value or by label; in the terminal also by its number."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..locales import DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget, wide

# Choices with at most this many short options are shown as toggle buttons, others as a dropdown.
TOGGLE_MAX_OPTIONS = 3
TOGGLE_MAX_LABEL = 24


class ChoiceKind(Kind):
    name = "choice"
    has_options = True
    exhaustive = True

    def coerce(self, question: Question, raw: Any) -> str:
        value = option_value(question, raw)
        if value is None:
            raise self.bad(question, raw, "answer.not_option")
        return value

    def accepted(self, question: Question) -> str:
        return ui_locale().text("answer.accept.choice", options=", ".join(question.option_values()))

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        return list(question.option_values())

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        labels = words.join([o.label for o in question.options], words.text("kind.choice.or"))
        return words.text("kind.choice.expected", options=labels)

    def show(self, question: Question, value: Any, words: Locale) -> str:
        return question.label_of(str(value))

    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.choice.prompt")

    def parse_line(self, question: Question, line: str, words: Locale = DUTCH) -> Any:
        return option_by_number(question, line)

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        short = all(len(option.label) <= TOGGLE_MAX_LABEL for option in question.options)
        if default is not None and short and len(question.options) <= TOGGLE_MAX_OPTIONS:
            return widgets.ToggleButtons(options=options(question), value=default)
        return widgets.Dropdown(options=options(question), value=default, layout=wide())

    def form_control(self, question: Question) -> str:
        return "radio"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        return [] if raw is None else [option_value(question, raw) or str(raw)]

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "string", "enum": list(question.option_values())}


def option_value(question: Question, raw: Any) -> str | None:
    """The value of the option ``raw`` names by value or (in any case) by label; None if none."""
    text = str(raw).strip()
    for option in question.options:
        if text == option.value or text.casefold() == option.label.casefold():
            return option.value
    return None


def options(question: Question) -> list[tuple[str, str]]:
    """The options as ipywidgets wants them: (label, value)."""
    return [(option.label, option.value) for option in question.options]


def option_by_number(question: Question, text: str) -> str:
    """A typed option: its number in the list shown (1, 2, …) becomes its value; other text stays."""
    values = question.option_values()
    if text.isdigit() and text not in values and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    return text


KIND = ChoiceKind()
