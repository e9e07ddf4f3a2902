"""One request of the questionnaire: the posted form and the state it carried → the next page.

Pure logic on :class:`toolkit.ui.flow.Flow` (the steps, the conditions, THE lenient rule), the
same as the Voilà and terminal faces; no HTTP here. Without JavaScript a step cannot change while
it is filled in, so when an answer makes a new question of the same step appear, the step is shown
again with it instead of moving on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import AnswerError
from ..formats import FORMATS, export_order
from ..kinds import kind_of
from ..locales import Locale
from ..model import Answers, Question, Step
from ..ui.flow import Flow
from .catalogue import Served
from .state import Raw, State

FIELD = "q."  # a question's control is named q.<question id>
BACK, NEXT, EDIT = "back", "next", "edit-"  # the values of the form's submit buttons (name "action")
DOWNLOAD = "download-"  # download-docx, download-pdf


class TooLarge(Exception):
    """A posted answer is longer than the site accepts (a 413 page)."""


@dataclass(frozen=True)
class Field:
    question: Question
    control: str  # the kind's form control: text, textarea, number, date, yesno, radio, checkboxes
    values: list[str]
    problem: str | None

    @property
    def id(self) -> str:
        return f"q-{self.question.id}"

    @property
    def name(self) -> str:
        return FIELD + self.question.id


@dataclass(frozen=True)
class StepPage:
    step: Step
    number: int  # 1-based
    count: int  # the steps asked now
    fields: list[Field]
    new_questions: bool = False  # an answer made a question of this step appear


@dataclass(frozen=True)
class SummaryStep:
    index: int
    step: Step
    rows: list[tuple[str, str]]  # (label, the answer as the visitor reads it)


@dataclass(frozen=True)
class SummaryPage:
    steps: list[SummaryStep]
    formats: list[str]


@dataclass(frozen=True)
class Outcome:
    state: State
    page: StepPage | SummaryPage | None = None
    download: str | None = None  # a format name: the documents are made from ``answers``
    answers: Answers | None = None
    problems: dict[str, str] = field(default_factory=dict)


def offered_formats() -> list[str]:
    """The released documents (DOCX, PDF) where publishing is installed, else every format."""
    released = [name for name in export_order() if FORMATS[name].released]
    return released or list(export_order())


def posted_answers(
    served: Served, state: State, form: Mapping[str, Sequence[str]], max_answer: int
) -> dict[str, Raw]:
    """The answers so far: the state's, updated with the controls the page showed."""
    raw: dict[str, Raw] = dict(state.raw)
    known = {q.id for q in served.template.questions}
    for question_id in state.shown:
        if question_id not in known:
            continue
        question = served.template.question(question_id)
        values = list(form.get(FIELD + question_id, ()))
        if any(len(v) > max_answer for v in values) or len(values) > max(len(question.options), 1):
            raise TooLarge(question_id)
        value = kind_of(question).from_form(question, values)
        if value is None or value == "":
            raw.pop(question_id, None)
        else:
            raw[question_id] = value
    return raw


def walk(served: Served, words: Locale, state: State, action: str, raw: Mapping[str, Raw]) -> Outcome:
    """What ``action`` (a submit button's value; "" for the first page) does with the answers."""
    flow = Flow(served.library, served.template, ui=words)
    flow.raw = {k: v for k, v in raw.items() if k in {q.id for q in served.template.questions}}
    asked = flow.values()
    steps = flow.steps(asked)
    position = min(state.position, len(steps))
    problems: dict[str, str] = {}
    new_questions = False
    if action == NEXT and position < len(steps):
        step = steps[position]
        problems = flow.problems(step, asked)
        new_questions = any(q.id not in state.shown for q in flow.questions(step, asked))
        if not problems and not new_questions:
            position += 1
    elif action == BACK:
        position = max(0, position - 1)
    elif action.startswith(EDIT) and action[len(EDIT) :].isdigit():
        position = min(int(action[len(EDIT) :]), len(steps))
    elif action.startswith(DOWNLOAD) and action[len(DOWNLOAD) :] in offered_formats():
        try:
            answers = flow.answers()
        except AnswerError:
            position = flow.first_incomplete() or 0
            problems = flow.problems(steps[position], asked) if position < len(steps) else {}
        else:
            return Outcome(State(flow.raw, position), download=action[len(DOWNLOAD) :], answers=answers)
    return page_at(flow, position, problems, new_questions)


def page_at(flow: Flow, position: int, problems: dict[str, str], new_questions: bool = False) -> Outcome:
    """The page at ``position`` (a step, or the summary after the last), with ``problems`` shown."""
    asked = flow.values()
    steps = flow.steps(asked)
    position = min(position, len(steps))
    if position == len(steps):
        rows = flow.summary()
        summary = [
            SummaryStep(i, s, [(r.question.label, r.text) for r in rows if r.step == s])
            for i, s in enumerate(steps)
        ]
        return Outcome(State(dict(flow.raw), position), SummaryPage(summary, offered_formats()))
    step = steps[position]
    questions = flow.questions(step, asked)
    fields = [
        Field(q, kind_of(q).form_control(q), _values(flow, q, asked), problems.get(q.id)) for q in questions
    ]
    page = StepPage(step, position + 1, len(steps), fields, new_questions)
    state = State(dict(flow.raw), position, tuple(q.id for q in questions))
    return Outcome(state, page, problems=problems)


def _values(flow: Flow, question: Question, asked: Mapping[str, Any]) -> list[str]:
    raw = flow.raw.get(question.id)
    shown = raw if raw is not None else asked.get(question.id)
    return kind_of(question).form_values(question, shown)
