"""Which characters an answer may hold: the one rule, checked at validation before anything is written.

An answer may hold every character that prints left to right in the PDF, and newlines. Refused,
each named as ``U+XXXX NAME`` with the question:

* invisible and format characters (Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp: zero-width spaces
  and joiners, soft hyphens, byte-order marks, direction marks, embeddings, overrides and isolates),
  because nobody reviewing the document can see them and the bidi ones reorder the text around them;
* right-to-left letters and Arabic digits (bidi classes R, AL, AN), because in a left-to-right
  paragraph they pull neighbouring numbers of the approved text into their run;
* characters the PDF's fonts cannot show (emoji, CJK, Thai, fullwidth forms, …): Typst refuses to
  write them into a PDF/A. ``pdf_characters.json`` lists what Typst's bundled fonts do show;
  tests/test_characters.py checks it against the installed Typst (and rewrites it on purpose).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path

from .errors import ClauseKitError
from .locales import DUTCH, Locale
from .model import Question

COVERAGE_FILE = Path(__file__).with_name("pdf_characters.json")
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})
_ALLOWED_CONTROLS = frozenset("\n")


@functools.cache
def printable() -> frozenset[int]:
    """The code points the PDF can show (read once from ``pdf_characters.json``)."""
    data = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    return frozenset(code for first, last in data["ranges"] for code in range(first, last + 1))


def describe(char: str, words: Locale = DUTCH) -> str:
    """``U+1F600 GRINNING FACE``; a character without a name says so."""
    return f"U+{ord(char):04X} {unicodedata.name(char, words.text('charset.unnamed'))}"


def problem(char: str, words: Locale = DUTCH) -> tuple[str, str] | None:
    """Why ``char`` may not stand in an answer (what it is, and the hint), or None when it may."""
    if char in _ALLOWED_CONTROLS:
        return None
    if unicodedata.category(char) in INVISIBLE:
        kind = "invisible"
    elif unicodedata.bidirectional(char) in RIGHT_TO_LEFT:
        kind = "right_to_left"
    elif ord(char) not in printable():
        kind = "not_printable"
    else:
        return None
    return words.text(f"charset.{kind}"), words.text(f"charset.{kind}.hint")


class CharacterError(ClauseKitError):
    """An answer holds a character the rule refuses; ``detail`` says so to the person answering."""

    def __init__(self, message: str, hint: str, detail: str):
        super().__init__(message, None, hint)
        self.detail = detail


def check_answer(question: Question, text: str, words: Locale = DUTCH) -> None:
    """Raise a CharacterError naming the first character of ``text`` that the rule refuses."""
    if text.isascii() and text.replace("\n", "").isprintable():  # the common case, at C speed:
        return  # printable ASCII is in every PDF font and runs left to right
    for position, char in enumerate(text, start=1):
        found = problem(char, words)
        if found is not None:
            what, hint = found
            where = words.text("charset.where", position=position, character=describe(char, words), what=what)
            raise CharacterError(
                words.text("charset.message", question=question.id, label=question.label, where=where),
                hint,
                words.text("charset.detail", where=where, hint=hint),
            )
