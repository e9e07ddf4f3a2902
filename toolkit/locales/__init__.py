"""The words of documents and of the interface, per language: the one seam for translations.

A :class:`Locale` is looked up by a BCP 47 tag (``nl-NL``) and holds every word clausekit writes
itself — in a document (article headings, version line, footer, dates, lists, yes/no) and on a
screen (labels, messages, hints) — as named texts with ``{fields}``. The core and the faces ask
the locale; no other module spells a word of a natural language. Dates and lists follow the
Unicode CLDR through Babel, not hand-written month tables.

The texts live in gettext catalogues, one per language, managed with Babel's ``pybabel``:
``<language>/LC_MESSAGES/clausekit.po`` beside this module, the message id being the text's key
(``document.reference``) and ``clausekit.pot`` the template a translator starts from
(``docs/translating.md``). A catalogue is read once, on first use.

A document speaks the language of its template (``template.yaml``'s ``language``); an interface
speaks the language of the person using it. The two are independent.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Formatter
from types import MappingProxyType
from typing import Any

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po

HERE = Path(__file__).parent
DOMAIN = "clausekit"
TEMPLATE_POT = HERE / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"  # the texts a catalogue without a translation of a message falls back to
DEFAULT_TAG = "nl-NL"
ENV_LANG = "CLAUSEKIT_LANG"  # the interface language asked for, e.g. CLAUSEKIT_LANG=nl
# The POSIX locale variables, strongest first; "C" and "POSIX" name no language.
ENV_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


def catalogue_path(language: str) -> Path:
    return HERE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def read_catalogue(language: str) -> Mapping[str, str]:
    """The texts of one ``.po`` catalogue, message id → text; an untranslated message is left out."""
    lines = catalogue_path(language).read_text(encoding="utf-8").splitlines(keepends=True)
    # The header entry (msgid "") is for the tools; Babel reads it with the email package, which
    # costs more than the messages: skip it (its charset is UTF-8, checked by the test).
    start = next((i for i, line in enumerate(lines) if line.startswith("msgid ") and line != 'msgid ""\n'), 0)
    while start and lines[start - 1].startswith("#"):  # the first message's comments
        start -= 1
    catalogue = read_po(lines[start:], domain=DOMAIN)
    return MappingProxyType({str(m.id): str(m.string) for m in catalogue if m.id and m.string})


class _Catalogues(Mapping[str, Mapping[str, str]]):
    """Language (the tag's first subtag) → its texts, for every catalogue folder, each read on first
    use; a message a catalogue leaves untranslated reads in the source language. A new language is
    a new ``.po`` file, no code."""

    def __init__(self) -> None:
        self._languages = tuple(
            sorted(path.parent.parent.name for path in HERE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        )

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if language not in self._languages:
            raise KeyError(language)
        return _texts(language)

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)


class _Texts(Mapping[str, str]):
    """One language's texts, its catalogue read on first use; a message it leaves untranslated
    reads in the source language (whose catalogue is read only then)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __getitem__(self, key: str) -> str:
        own = read_catalogue(self.language)
        if key in own or self.language == SOURCE_LANGUAGE:
            return own[key]
        return read_catalogue(SOURCE_LANGUAGE)[key]

    def __iter__(self) -> Iterator[str]:
        own = read_catalogue(self.language)
        yield from own
        if self.language != SOURCE_LANGUAGE:
            yield from (key for key in read_catalogue(SOURCE_LANGUAGE) if key not in own)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@cache
def _texts(language: str) -> _Texts:
    return _Texts(language)


CATALOGUES: Mapping[str, Mapping[str, str]] = _Catalogues()


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

    def plural(self, key: str, count: int, /, **fields: Any) -> str:
        """The text of ``count`` things: ``<key>.<category>`` by the language's CLDR plural rule
        (``one``, ``other`` …; ``other`` when the catalogue has no text of that category), with
        ``{count}`` and ``fields`` filled in: ``1 fout``, ``3 fouten``."""
        category = _babel(self.tag).plural_form(abs(count))
        name = f"{key}.{category}" if f"{key}.{category}" in self.texts else f"{key}.other"
        return self.text(name, count=count, **fields)

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


def language_name(language: str) -> str:
    """A language in its own words, from the CLDR (``Nederlands``, ``English``): what a menu offers."""
    locale = _babel(language)  # a regional tag too ("en-GB": English (United Kingdom))
    name = str(locale.get_display_name(locale))
    return name[:1].upper() + name[1:]


# The interface's locale set by a face for what it runs (the studio's language for its checks).
_INTERFACE: ContextVar[Locale | None] = ContextVar("clausekit_interface_locale", default=None)


@contextmanager
def interface(words: Locale) -> Iterator[Locale]:
    """Within the block (this thread or task), :func:`ui_locale` is ``words``."""
    token = _INTERFACE.set(words)
    try:
        yield words
    finally:
        _INTERFACE.reset(token)


def ui_locale(explicit: str | None = None) -> Locale:
    """The interface's locale: the person's, never the template's.

    ``explicit`` (a ``--lang`` or a studio setting), else the locale of an enclosing
    :func:`interface` block, else ``$CLAUSEKIT_LANG``, else the language of the environment's locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else Dutch; a language without texts falls back to Dutch.
    """
    chosen = _INTERFACE.get()
    if explicit is None and chosen is not None:
        return chosen
    for value in (explicit, os.environ.get(ENV_LANG), *(os.environ.get(name) for name in ENV_LOCALE)):
        tag = _tag(value)
        if tag:
            return locale_for(tag)
    return DUTCH


def ui_text(key: str, /, **fields: Any) -> str:
    """The text named ``key`` in the interface's words (:func:`ui_locale`), read when it is asked for:
    a message raised by the core (the sandbox, the renderer, the loader) for the person using it."""
    return ui_locale().text(key, **fields)


def _tag(value: str | None) -> str:
    """``nl_BE.UTF-8@euro`` → ``nl-BE``; "" for nothing, ``C`` or ``POSIX``."""
    name = (value or "").split(".")[0].split("@")[0].strip()
    if name.upper() in ("", "C", "POSIX"):
        return ""
    return name.replace("_", "-")
