"""The step flow under every face: which questions are asked for the answers so far, and what is wrong.

The terminal interview, the Voilà questionnaire and the notebook studio all stand on it.
A :class:`Flow` keeps everything the customer typed (also answers to questions that a later
change made irrelevant: going back and forth never loses them) and says, for the answers so
far, which steps and questions are asked and what is wrong with them. The final answers go
through :func:`toolkit.answers.validate` like every other answers file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answers import coerce, empty
from ..errors import AnswerError, ClauseKitError, Location
from ..kinds import kind_of
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Answers, Question, Step, Template
from ..suggest import suggest as _suggest


@dataclass(frozen=True)
class SummaryRow:
    step: Step
    question: Question
    text: str  # the answer as the customer reads it


def given(value: Any) -> bool:
    """Whether a raw answer says something (None and "" mean "use the default")."""
    return value is not None and value != ""


def lenient(question: Question, raw: Any) -> Any:
    """THE rule for an answer in progress: the answer typed, else the default, forgiving errors.

    An answer that does not validate counts as the question's default (or as empty), exactly as a
    condition sees an unanswered question; every face shows the problem at the field meanwhile.
    """
    for candidate in (raw, question.default):
        if given(candidate):
            try:
                return coerce(question, candidate)
            except ClauseKitError:
                continue
    return empty(question)


class Flow:
    """One customer's way through a template's steps. Owns the raw answers; the core does the rest."""

    def __init__(
        self,
        library: Library,
        template: Template,
        raw: Mapping[str, Any] | None = None,
        ui: Locale | None = None,
    ) -> None:
        self.ui = ui or ui_locale()  # the words of what the flow says is missing
        self.library = library
        self.template = template
        self.raw: dict[str, Any] = {}
        for key, value in (raw or {}).items():
            self.set(key, value)

    @classmethod
    def prefilled(
        cls,
        library: Library,
        template: Template,
        raw: Mapping[str, Any],
        locations: Mapping[str, Location] | None = None,
        source: Path | None = None,
        ui: Locale | None = None,
    ) -> Flow:
        """A flow started from an answers file; unknown question ids are an error with file:line."""
        known = [q.id for q in template.questions]
        unknown = [
            ClauseKitError(
                f"unknown question '{key}'",
                (locations or {}).get(key) or (Location(source) if source else None),
                _suggest(key, known),
            )
            for key in raw
            if key not in known
        ]
        if unknown:
            raise AnswerError(unknown)
        return cls(library, template, raw, ui)

    # -- what the customer typed -------------------------------------------------------------
    def set(self, question_id: str, value: Any) -> None:
        """Record an answer as typed (not yet checked); None or "" means "use the default"."""
        self.template.question(question_id)  # KeyError for an unknown id: a programming error
        if given(value):
            self.raw[question_id] = value
        else:
            self.raw.pop(question_id, None)

    def answer(self, question_id: str, value: Any) -> str | None:
        """Record an answer if it is acceptable; otherwise keep the previous one and say why not."""
        question = self.template.question(question_id)
        message = self._problem(question, value)
        if message is None:
            self.set(question_id, value)
        return message

    # -- what is asked -----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Typed values of the questions asked now, in template order.

        Lenient, for deciding what to ask (:func:`lenient`): an unacceptable or missing answer counts
        as its default (or as empty), exactly as a condition would see an unanswered question.
        """
        values: dict[str, Any] = {}
        for question in self.template.questions:
            if self._asked(question, values):
                values[question.id] = self._lenient(question)
        return values

    def asked_raw(self, asked: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The answers as typed to the questions asked now (what a notebook saves), in template order."""
        asked = self.values() if asked is None else asked
        return {qid: self.raw[qid] for qid in asked if qid in self.raw}

    def is_asked(self, question_id: str) -> bool:
        return question_id in self.values()

    def steps(self, asked: Mapping[str, Any] | None = None) -> tuple[Step, ...]:
        """The steps that ask at least one question for the answers so far (``asked``: a
        :meth:`values` already computed for them)."""
        asked = self.values() if asked is None else asked
        return tuple(s for s in self.template.question_steps() if any(q in asked for q in s.questions))

    def questions(self, step: Step, asked: Mapping[str, Any] | None = None) -> tuple[Question, ...]:
        """The questions of ``step`` asked for the answers so far, in the step's order."""
        asked = self.values() if asked is None else asked
        return tuple(self.template.question(q) for q in step.questions if q in asked)

    def asked_count(self) -> int:
        return len(self.values())

    # -- what is wrong -----------------------------------------------------------------------
    def problem(self, question: Question) -> str | None:
        """What is wrong with the current answer to ``question``, in Dutch; None if nothing."""
        return self._problem(question, self.raw.get(question.id))

    def problems(self, step: Step, asked: Mapping[str, Any] | None = None) -> dict[str, str]:
        """Question id → what is wrong, for the questions of ``step`` that are asked now."""
        found = {}
        for question in self.questions(step, asked):
            message = self.problem(question)
            if message:
                found[question.id] = message
        return found

    def first_incomplete(self) -> int | None:
        """Index (in :meth:`steps`) of the first step with a problem, or None when all is well."""
        asked = self.values()
        for index, step in enumerate(self.steps(asked)):
            if self.problems(step, asked):
                return index
        return None

    # -- the result --------------------------------------------------------------------------
    def answers(self) -> Answers:
        """The validated answers (raises :class:`AnswerError` like any answers file would)."""
        return self.library.validate(self.template, self.raw)

    def summary(self) -> list[SummaryRow]:
        """Every question asked, step by step, with its answer as the customer reads it."""
        values = self.values()
        return [
            SummaryRow(step, question, kind_of(question).display(question, values[question.id], self.ui))
            for step in self.steps(values)
            for question in self.questions(step, values)
        ]

    def shown(self, question: Question) -> Any:
        """The typed value a form or prompt should show now (the answer, else the default)."""
        return self.values().get(question.id, self._lenient(question))

    # -- helpers -----------------------------------------------------------------------------
    def _problem(self, question: Question, raw: Any) -> str | None:
        if not given(raw):
            return self._missing(question)
        message = kind_of(question).problem(question, raw, self.ui)
        if message is None and kind_of(question).is_empty(coerce(question, raw)):
            return self._missing(question)  # whitespace is no answer: "   " is as missing as ""
        return message

    def _missing(self, question: Question) -> str | None:
        if question.default is None and question.required:
            return self.ui.text("ui.required")
        return None

    def _lenient(self, question: Question) -> Any:
        return lenient(question, self.raw.get(question.id))

    def _asked(self, question: Question, earlier: Mapping[str, Any]) -> bool:
        if not question.when:
            return True
        try:
            return self.library.engine.asked(self.template, question.id, earlier)
        except ClauseKitError:
            return True  # a condition that cannot be evaluated: ask, and let validate report it
