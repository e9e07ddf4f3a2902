"""The words of documents and of the interface, per language: the one seam for translations.

A :class:`Locale` is looked up by a BCP 47 tag (``nl-NL``) and holds every word clausekit writes
itself — in a document (article headings, version line, footer, dates, lists, yes/no) and on a
screen (labels, messages, hints) — as named texts with ``{fields}``. The core and the faces ask
the locale; no other module spells a word of a natural language. Dates and lists follow the
Unicode CLDR through Babel, not hand-written month tables.

A document speaks the language of its template (``template.yaml``'s ``language``); an interface
speaks the language of the person using it. The two are independent.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from string import Formatter
from types import MappingProxyType
from typing import Any

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_date

from . import en, nl

# language (the tag's first subtag) → its texts; a new language is one module and one line here.
CATALOGUES: Mapping[str, Mapping[str, str]] = MappingProxyType({"nl": nl.TEXTS, "en": en.TEXTS})
DEFAULT_TAG = "nl-NL"
ENV_LANG = "CLAUSEKIT_LANG"  # the interface language asked for, e.g. CLAUSEKIT_LANG=nl
# The POSIX locale variables, strongest first; "C" and "POSIX" name no language.
ENV_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Locale:
    """The texts of one language, and its ways of writing dates and lists."""

    tag: str
    texts: Mapping[str, str]

    @property
    def language(self) -> str:
        return self.tag.split("-")[0].lower()

    def text(self, key: str, /, **fields: Any) -> str:
        """The text named ``key`` with its ``{fields}`` filled in (a missing key is a bug, not input)."""
        template = self.texts[key]
        return template.format(**fields) if fields else template

    def pieces(self, key: str, /) -> list[tuple[str, str | None]]:
        """The text named ``key`` as (literal, field) pairs, for a writer that fills the fields itself
        (Word's PAGE field, Typst's page counter): ``pagina {page} van {pages}`` →
        ``[("pagina ", "page"), (" van ", "pages")]``."""
        return [(literal, field) for literal, field, _, _ in Formatter().parse(self.texts[key])]

    def date(self, value: dt.date) -> str:
        """A date written out, as the language writes it in running text (``1 januari 2027``)."""
        return format_date(value, format="long", locale=_babel(self.tag))

    def join(self, items: Iterable[Any], last: str | None = None) -> str:
        """``a, b en c``; ``last`` replaces the final conjunction (``of``)."""
        words = [str(i) for i in items]
        if len(words) <= 1:
            return "".join(words)
        conjunction = self.text("list.and") if last is None else last
        return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]

    def yes_no(self, value: bool) -> str:
        return self.text("yes" if value else "no")

    def article_heading(self, number: int | str, title: str) -> str:
        return self.text("document.article_heading", number=number, title=title).strip()

    def reference(self, number: int | str, sub: int | None = None) -> str:
        """What ``ref()`` writes by default: ``artikel 3`` or ``artikel 3.2``."""
        shown = str(number) + (f".{int(sub)}" if sub is not None else "")
        return self.text("document.reference", number=shown)


@cache
def _babel(tag: str) -> BabelLocale:
    return BabelLocale.parse(tag.replace("-", "_"))


@cache
def locale_for(tag: str | None) -> Locale:
    """The locale of a BCP 47 tag; a language without texts yet falls back to Dutch."""
    tag = (tag or DEFAULT_TAG).strip()
    texts = CATALOGUES.get(tag.split("-")[0].lower())
    if texts is None:
        return locale_for(DEFAULT_TAG)
    try:
        _babel(tag)
    except (ValueError, UnknownLocaleError):  # a malformed or unknown tag: the language's default
        tag = DEFAULT_TAG
    return Locale(tag, texts)


DUTCH = locale_for(DEFAULT_TAG)


def ui_locale(explicit: str | None = None) -> Locale:
    """The interface's locale: the person's, never the template's.

    ``explicit`` (a ``--lang`` or a studio setting), else ``$CLAUSEKIT_LANG``, else the language of
    the environment's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else Dutch; a language without
    texts falls back to Dutch.
    """
    for value in (explicit, os.environ.get(ENV_LANG), *(os.environ.get(name) for name in ENV_LOCALE)):
        tag = _tag(value)
        if tag:
            return locale_for(tag)
    return DUTCH


def _tag(value: str | None) -> str:
    """``nl_BE.UTF-8@euro`` → ``nl-BE``; "" for nothing, ``C`` or ``POSIX``."""
    name = (value or "").split(".")[0].split("@")[0].strip()
    if name.upper() in ("", "C", "POSIX"):
        return ""
    return name.replace("_", "-")
