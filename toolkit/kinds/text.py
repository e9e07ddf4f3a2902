"""Text: one line, or several when ``multiline``; at most ``max_length`` characters, no control characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from ..charset import CharacterError, check_answer
from ..errors import ClauseKitError
from ..locales import DUTCH, Locale, ui_locale
from ..model import Question
from .base import Kind, Widget, wide


class ControlCharacter(ClauseKitError):
    """An answer holds a control character."""


class TooLong(ClauseKitError):
    """An answer is longer than its question allows."""


class TextKind(Kind):
    name = "text"

    def coerce(self, question: Question, raw: Any) -> str:
        if isinstance(raw, (dict, list, tuple, bool)):  # a JSON/YAML true is not the text "True"
            raise self.bad(question, raw, "answer.not_text")
        text = str(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").strip()
        text = unicodedata.normalize("NFC", text)
        for char in text:
            if char != "\n" and unicodedata.category(char) in ("Cc", "Cs", "Co"):
                words = ui_locale()
                raise ControlCharacter(
                    words.text("answer.control_character", question=question.id, code=f"U+{ord(char):04X}"),
                    None,
                    words.text("answer.control_character.hint"),
                )
        if "\n" in text and not question.multiline:
            text = " ".join(line.strip() for line in text.splitlines() if line.strip())
        if len(text) > question.max_length:
            words = ui_locale()
            raise TooLong(
                words.text("answer.too_long", question=question.id, length=len(text)),
                None,
                words.text("answer.too_long.hint", max_length=question.max_length),
            )
        check_answer(question, text)  # the characters rule (toolkit/charset.py)
        return text

    def empty(self, question: Question) -> str:
        return ""

    def accepted(self, question: Question) -> str:
        return ui_locale().text("answer.accept.text", max_length=question.max_length)

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        return [words.text("kind.text.sample")] + [c for c in constants if isinstance(c, str) and c]

    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        return words.text("kind.text.expected", max_length=question.max_length)

    def explain(self, question: Question, error: ClauseKitError, words: Locale) -> str:
        if isinstance(error, CharacterError):
            return error.detail  # the characters rule's own sentence: which character, and why
        if isinstance(error, ControlCharacter):
            return words.text("kind.text.invisible")
        if isinstance(error, TooLong):
            return words.text("kind.text.too_long", max_length=question.max_length)
        return self.expected(question, words)

    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        import ipywidgets as widgets

        cls = widgets.Textarea if question.multiline else widgets.Text
        return cls(value=default or "", layout=wide())

    def value_of(self, question: Question, widget: Widget) -> Any:
        return str(widget.value or "")

    def fill(self, question: Question, widget: Widget, typed: Any) -> None:
        widget.value = typed or ""

    def form_control(self, question: Question) -> str:
        return "textarea" if question.multiline else "text"

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "string", "maxLength": question.max_length}


KIND = TextKind()
