"""The editor's insert controls: an answer, a reference, a je/u pair, a defined term, a conditional phrase.

Each writes what an expert writes by hand (:mod:`toolkit.editing.snippets`) at the marker ``@@`` in
the text (the browser does not tell the kernel where the cursor is), else at the end.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..editing import snippets
from ..editing.conditions import term_text
from ..locales import Locale, ui_locale
from ..model import Question, Template
from .editor import EditorPanel

CONDITIONAL_KINDS = ("boolean", "choice", "multichoice")


def value_options(question: Question, ui: Locale) -> list[tuple[str, str]]:
    """The values a condition on ``question`` can test: its options, or yes/no for a boolean."""
    if question.type == "boolean":
        return [(ui.text("editor.yes"), "true"), (ui.text("editor.no"), "false")]
    return [(option.label or option.value, option.value) for option in question.options]


def test_for(question: Question, value: str) -> str:
    """The test ``question`` has ``value``: ``zzp``, ``not zzp``, ``sector == "zorg"``, ``"x" in kanalen``."""
    if question.type == "boolean":
        return term_text(question, value, "")
    return term_text(question, "has" if question.type == "multichoice" else "eq", value)


def _button(ui: Locale) -> widgets.Button:
    return widgets.Button(description=ui.text("editor.insert"), icon="plus", layout={"width": "auto"})


class InsertsPanel:
    """One row per kind of insert; each button puts its snippet into the editor's text."""

    def __init__(self, editor: EditorPanel, ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.editor = editor
        self.template: Template | None = None
        wide = {"width": "24em"}
        self.answer = widgets.Dropdown(description=ui.text("editor.insert.answer"), layout=wide)
        self.reference = widgets.Dropdown(description=ui.text("editor.insert.reference"), layout=wide)
        self.je = widgets.Text(
            description=ui.text("editor.insert.je"),
            placeholder=ui.text("editor.insert.je_example"),
            layout=wide,
        )
        self.u = widgets.Text(
            description=ui.text("editor.insert.u"),
            placeholder=ui.text("editor.insert.u_example"),
            layout=wide,
        )
        self.term = widgets.Dropdown(description=ui.text("editor.insert.term"), layout=wide)
        self.question = widgets.Dropdown(description=ui.text("editor.insert.question"), layout=wide)
        self.value = widgets.Dropdown(description=ui.text("editor.insert.value"), layout=wide)
        self.phrase = widgets.Text(description=ui.text("editor.insert.phrase"), layout=wide)
        self.question.observe(lambda _c: self._fill_values(), names="value")
        buttons = {name: _button(ui) for name in ("answer", "reference", "pair", "term", "conditional")}
        buttons["answer"].on_click(lambda _b: self.insert_answer())
        buttons["reference"].on_click(lambda _b: self.insert_reference())
        buttons["pair"].on_click(lambda _b: self.insert_pair())
        buttons["term"].on_click(lambda _b: self.insert_term())
        buttons["conditional"].on_click(lambda _b: self.insert_conditional())
        self.buttons = buttons
        how = html.escape(ui.text("editor.insert.where", marker=snippets.MARKER))
        self.box = widgets.VBox(
            [
                widgets.HTML(
                    f'<div class="ck-tools-title">{html.escape(ui.text("editor.insert.title"))}</div>'
                ),
                widgets.HTML(f'<div class="ck-muted">{how}</div>'),
                widgets.HBox([self.answer, buttons["answer"]]),
                widgets.HBox([self.reference, buttons["reference"]]),
                widgets.HBox([widgets.VBox([self.je, self.u]), buttons["pair"]]),
                widgets.HBox([self.term, buttons["term"]]),
                widgets.HBox(
                    [widgets.VBox([self.question, self.value, self.phrase]), buttons["conditional"]]
                ),
            ]
        )

    def install(self, template: Template) -> None:
        self.template = template
        self.answer.options = [(f"{q.label} ({q.id})", q.id) for q in template.questions]
        self.reference.options = [(e.clause.title, e.clause.id) for e in template.entries]
        self.term.options = [(term, term) for term in snippets.terms(template)]
        for dropdown in (self.answer, self.reference, self.term):
            dropdown.value = dropdown.options[0][1] if dropdown.options else None
        self.question.options = [
            (f"{q.label} ({q.id})", q.id) for q in template.questions if q.type in CONDITIONAL_KINDS
        ]
        self._fill_values()

    def _fill_values(self) -> None:
        if self.template is None or not self.question.value:
            self.value.options = []
            return
        options = value_options(self.template.question(self.question.value), self.ui)
        self.value.options = options
        self.value.value = options[0][1] if options else None

    def insert_answer(self) -> None:
        if self.answer.value:
            self.editor.insert(snippets.answer(self.answer.value))

    def insert_reference(self) -> None:
        if self.reference.value:
            self.editor.insert(snippets.reference(self.reference.value))

    def insert_pair(self) -> None:
        if self.je.value or self.u.value:
            self.editor.insert(snippets.address_pair(self.je.value, self.u.value))

    def insert_term(self) -> None:
        if self.term.value:
            self.editor.insert(self.term.value)

    def insert_conditional(self) -> None:
        if self.template is None or not self.question.value or self.value.value is None:
            return
        test = test_for(self.template.question(self.question.value), self.value.value)
        self.editor.insert(snippets.conditional(test, self.phrase.value))
