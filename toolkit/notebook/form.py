"""The studio's form panel: the template's questions as fields, grouped by step.

The fields are :mod:`toolkit.ui.widgets`' and what is asked is :class:`toolkit.ui.flow.Flow`'s:
the same as in the questionnaire. The panel owns the fields and the flow; the studio only asks it
for the answers to render and is told when one changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from ..answers import coerce
from ..errors import ClauseKitError
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Question, Template
from ..ui.flow import Flow, given
from ..ui.widgets import TEXT_TYPES, Field, fill


def signature(template: Template) -> tuple[Any, ...]:
    """What the form depends on: when it changes, the form is built again."""
    return tuple(
        (
            q.id,
            q.type,
            q.label,
            q.options,
            q.default,
            q.help,
            q.required,
            q.when,
            q.multiline,
            q.minimum,
            q.maximum,
        )
        for q in template.questions
    ) + tuple((s.title, s.questions) for s in template.question_steps())


def editor_problem(question: Question, raw: Any, ui: Locale) -> str | None:
    """What is wrong with an answer, for the legal editor: the core's message and its hint."""
    if not given(raw):
        return ui.text("ui.required") if question.required and question.default is None else None
    try:
        coerce(question, raw)
    except ClauseKitError as exc:
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    return None


class FormPanel:
    """One field per question (built again only when the questions change); owns what is typed."""

    def __init__(self, library: Library, on_change: Callable[[bool], None], ui: Locale | None = None):
        """``on_change(typing)`` is called after every change; ``typing`` for text typed key by key."""
        self.ui = ui or ui_locale()
        self.library = library
        self.on_change = on_change
        self.fields: dict[str, Field] = {}
        self.flow: Flow | None = None
        self._signature: tuple[Any, ...] = ()
        self.box = widgets.VBox()
        self.box.add_class("ck-form")
        # Fixed share: the form keeps its width whichever tab is open.
        self.box.layout = widgets.Layout(flex="0 0 34%", min_width="20em", max_height="80vh", overflow="auto")

    def clear(self) -> None:
        """No template: no fields."""
        self.fields, self.flow, self.box.children = {}, None, ()

    def install(self, template: Template, values: Mapping[str, Any]) -> None:
        """Show ``template``'s questions; a field starts from ``values``, else from what it held."""
        if signature(template) != self._signature or not self.fields:
            self._build(template, values)
        self.flow = Flow(self.library, template, ui=self.ui)

    def _build(self, template: Template, values: Mapping[str, Any]) -> None:
        old = {qid: field.value for qid, field in self.fields.items()}
        self.fields = {}
        groups: list[widgets.Widget] = []
        steps = template.question_steps()
        for step in steps:
            members: list[widgets.Widget] = []
            if len(steps) > 1:
                members.append(widgets.HTML(f'<h3 class="ck-step">{html.escape(step.title)}</h3>'))
            for qid in step.questions:
                question = template.question(qid)
                field = Field(question, ui=self.ui)
                start = values.get(qid, old.get(qid))
                if start is not None:
                    fill(question, field.control, start)
                if isinstance(field.control, TEXT_TYPES):
                    field.control.continuous_update = True
                field.control.observe(self._changed, names="value")
                self.fields[qid] = field
                members.append(field)
            groups.append(widgets.VBox(members))
        self.box.children = tuple(groups)
        self._signature = signature(template)

    def _changed(self, change: dict[str, Any]) -> None:
        self.on_change(isinstance(change["owner"], TEXT_TYPES))

    def answers(self) -> dict[str, Any]:
        """The answers of the questions asked now, as typed; the fields of the others are hidden."""
        assert self.flow is not None
        for question_id, field in self.fields.items():
            self.flow.set(question_id, field.value)
        asked = self.flow.values()
        for question_id, field in self.fields.items():
            field.show(question_id in asked)
        self.show_problems(asked)
        return self.flow.asked_raw(asked)

    def show_problems(self, asked: Mapping[str, Any]) -> None:
        """At each field asked, what is wrong with its answer (nothing at the hidden ones)."""
        assert self.flow is not None
        for question_id, field in self.fields.items():
            question = field.question
            problem = (
                editor_problem(question, self.flow.raw.get(question_id), self.ui)
                if question_id in asked
                else None
            )
            if field.message.value or problem:
                field.set_message([problem] if problem else [])
