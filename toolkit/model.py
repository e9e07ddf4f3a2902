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


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    path: Path
    location: Location
    variants: tuple[Variant, ...]
    terms: tuple[str, ...] = ()
    shared: bool = False

    def variant(self, variant_id: str) -> Variant:
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        raise KeyError(variant_id)


@dataclass(frozen=True)
class ClauseEntry:
    """A place in a template's ordered clause list."""

    clause: Clause
    location: Location
    when: str | None = None
    when_location: Location | None = None  # the line of ``when:`` in template.yaml


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
    number: str  # "3.2", or "" when the article has a single paragraph
    markdown: str


@dataclass(frozen=True)
class Article:
    number: int
    clause: Clause
    variant: Variant
    subclauses: tuple[SubClause, ...]
    forced: bool = False  # variant chosen by the editor, not by the answers

    @property
    def title(self) -> str:
        return self.clause.title


@dataclass(frozen=True)
class Document:
    template: Template
    answers: Answers
    articles: tuple[Article, ...]
    meta: Mapping[str, str] = field(default_factory=dict)

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
