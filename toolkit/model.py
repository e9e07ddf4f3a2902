"""The domain types. Immutable; each knows where it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import Location


class QuestionType(StrEnum):
    """The names of the question types clausekit ships, for code that spells one.

    A question's ``type`` is the name of a registered kind (:mod:`toolkit.kinds`, the one home of
    a type); a new kind needs no member here.
    """

    TEXT = "text"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    DATE = "date"
    NUMBER = "number"


class Address(StrEnum):
    """Form of address of the reader: informal ``je`` or formal ``u``."""

    JE = "je"
    U = "u"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    type: str  # the name of its kind in toolkit.kinds.KINDS ("text", "date", …)
    location: Location
    options: tuple[Option, ...] = ()
    default: Any = None
    required: bool = False
    help: str = ""
    max_length: int = 500
    multiline: bool = False
    minimum: float | None = None
    maximum: float | None = None
    when: str | None = None  # asked only when this holds; otherwise absent from the answers
    when_location: Location | None = None

    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    def label_of(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value


@dataclass(frozen=True)
class Step:
    """A page of the questionnaire: a title, an optional intro and the questions it asks."""

    id: str
    title: str
    questions: tuple[str, ...]
    location: Location
    intro: str = ""


@dataclass(frozen=True)
class Variant:
    """One wording of a clause; ``when`` is None for the fallback variant."""

    id: str
    body: str
    location: Location  # first line of the body in the clause file
    when: str | None = None
    when_location: Location | None = None
    label: str = ""


# The numbering schemes of a template or part (SHAPES.md); ``none`` makes every clause of a part a block.
SCHEMES = ("article", "section", "clause", "numbered", "schedule", "none")
# The kinds of a clause: ``article`` is numbered and counted, every other kind is a block.
ARTICLE = "article"
BLOCK_KINDS = (
    "title",
    "parties",
    "preamble",
    "recitals",
    "closing",
    "signature",
    "attribution",
    "definitions",
)
KINDS = (ARTICLE, *BLOCK_KINDS)
GENERATE = ("table", "list")  # what a ``definitions`` block generates from the defined terms


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    path: Path
    location: Location
    variants: tuple[Variant, ...]
    terms: tuple[str, ...] = ()
    shared: bool = False
    kind: str = ARTICLE
    heading: bool = True  # a block's title is printed as an unnumbered heading unless False
    lettered: bool = False  # recitals: paragraphs lettered A., B., C.
    definitions: tuple[tuple[str, str], ...] = ()  # (term, definition) from ``terms: {Term: "…"}``
    generate: str = ""  # a definitions block: "table" or "list"

    @property
    def is_block(self) -> bool:
        return self.kind != ARTICLE

    def variant(self, variant_id: str) -> Variant:
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        raise KeyError(variant_id)


@dataclass(frozen=True)
class ClauseEntry:
    """A place in a template's ordered clause list.

    ``when`` is the whole condition of the entry: a conditional part's ``when`` is joined to it at
    load, so everything that asks whether a clause is present asks one condition.
    """

    clause: Clause
    location: Location
    when: str | None = None
    when_location: Location | None = None  # the line of ``when:`` in template.yaml
    part: str = ""  # the id of its part ("" in a flat template)


@dataclass(frozen=True)
class Part:
    """A part of a template: its clauses, heading and numbering (a flat template has one, id "")."""

    id: str
    entries: tuple[ClauseEntry, ...]
    location: Location
    title: str = ""
    numbering: str = "article"
    fixed: bool = False  # numbers are positions in the list, whatever the answers leave out
    when: str | None = None
    when_location: Location | None = None
    subclauses: str = "decimal"  # or "none"

    def numbers(self, entry: ClauseEntry) -> bool:
        """Whether ``entry`` is numbered and counted in this part."""
        return self.numbering != "none" and not entry.clause.is_block


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    version: str
    language: str
    path: Path  # the template folder
    location: Location  # template.yaml
    questions: tuple[Question, ...]
    entries: tuple[ClauseEntry, ...]
    address: Address = Address.U
    address_question: str | None = None
    date: dt.date | None = None
    description: str = ""
    steps: tuple[Step, ...] = ()
    parts: tuple[Part, ...] = ()  # every entry in its part; a flat template: one part with id ""
    numbering: str = "article"
    # One template in several languages (docs/authoring.md, "Translations"): the source declares
    # ``translations``; ``editions`` holds every edition by tag, the source's own included. An edition
    # is this same dataclass with the text of its language; ``source`` points back at the source.
    translations: tuple[str, ...] = ()
    editions: Mapping[str, Template] = field(default_factory=dict, compare=False, repr=False)
    source: Template | None = field(default=None, compare=False, repr=False)
    # In an edition: what has no text in its language yet, by key ("variant:id:variant",
    # "question:id:label", …) and the place to write it; the source's text stands in meanwhile.
    untranslated: tuple[tuple[str, Location], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The language of every edition, the source's first."""
        root = self.source or self
        return (root.language, *root.translations)

    @property
    def is_edition(self) -> bool:
        """Whether this is a translation of a source template (not the source itself)."""
        return self.source is not None

    def edition(self, tag: str | None) -> Template:
        """The edition in language ``tag`` (``None``: the source). A bare language matches a
        regional tag of the template ("en" → "en-GB") when only one edition has that language.

        Raises :class:`KeyError` with the template's languages when there is no such edition.
        """
        root = self.source or self
        if tag is None:
            return root
        found = edition_tag(tag, root.languages)
        if found is None:
            raise KeyError(tag)
        return root if found == root.language else root.editions[found]

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def entry(self, clause_id: str) -> ClauseEntry:
        for entry in self.entries:
            if entry.clause.id == clause_id:
                return entry
        raise KeyError(clause_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def clause(self, clause_id: str) -> Clause:
        for entry in self.entries:
            if entry.clause.id == clause_id:
                return entry.clause
        raise KeyError(clause_id)

    def question_steps(self) -> tuple[Step, ...]:
        """The steps of the questionnaire; one step with every question when none are declared."""
        if self.steps:
            return self.steps
        return (Step("vragen", self.title, tuple(q.id for q in self.questions), self.location),)

    @property
    def examples_dir(self) -> Path:
        return self.path / "examples"


def edition_tag(tag: str, languages: tuple[str, ...]) -> str | None:
    """The one of ``languages`` that ``tag`` names: equal ignoring case and ``_``/``-``, or the only
    one with that base language; None if none or several match."""
    wanted = tag.replace("_", "-").lower()
    for language in languages:
        if language.lower() == wanted:
            return language
    if "-" not in wanted:
        same = [language for language in languages if language.lower().split("-")[0] == wanted]
        if len(same) == 1:
            return same[0]
    return None


@dataclass(frozen=True)
class Answers:
    """Validated answers: typed, defaults applied; a question whose ``when`` is false is absent."""

    template_id: str
    values: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def replace(self, **changes: Any) -> dict[str, Any]:
        """A plain dict of these answers with ``changes`` applied (to validate again)."""
        return {**self.values, **changes}


@dataclass(frozen=True)
class SubClause:
    number: str  # "3.2", or "" when the article has a single paragraph; "A." for a lettered recital
    markdown: str
    items: tuple[str, ...] = ()  # the letters of its lettered list ("a", "b", …), for ref(id, n, "b")


@dataclass(frozen=True)
class Article:
    """A clause as it stands in the document: a numbered article, or a block (``number`` 0)."""

    number: int
    clause: Clause
    variant: Variant
    subclauses: tuple[SubClause, ...]
    forced: bool = False  # variant chosen by the editor, not by the answers
    part: str = ""
    scheme: str = "article"  # the numbering scheme of its part ("none" for a block)

    @property
    def title(self) -> str:
        return self.clause.title

    @property
    def numbered(self) -> bool:
        return self.scheme != "none"


@dataclass(frozen=True)
class Document:
    template: Template
    answers: Answers
    articles: tuple[Article, ...]  # articles and blocks, in document order
    meta: Mapping[str, str] = field(default_factory=dict)
    parts: tuple[Part, ...] = ()  # the parts present (one or more of their clauses are)

    def part_articles(self, part: Part) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.part == part.id)

    def article(self, clause_id: str) -> Article | None:
        for article in self.articles:
            if article.clause.id == clause_id:
                return article
        return None


@dataclass(frozen=True)
class Finding:
    """One result of a check (filled in by the checks package)."""

    code: str
    severity: str
    message: str
    location: Location | None = None
    hint: str = ""
