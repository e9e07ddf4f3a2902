"""The condition builder: question → operator → value rows, joined with and/or, for a variant's ``when``.

It shows the expression it writes, checks it as the loader does, says which example answers files
now select the variant, and runs the checks on variants (CK401–CK404) and answers (CK201–CK204)
for the article over the whole answer space, on the draft in memory (in a worker thread in a kernel).
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Sequence

import ipywidgets as widgets

from ..editing.conditions import JOINERS, OPERATORS, Term, expression, findings_for, selecting_examples
from ..errors import ClauseKitError
from ..library import Library
from ..locales import Locale, interface, ui_locale
from ..model import Finding, Question, Template
from .editor import EditorPanel


class TermRow:
    """One row: (and/or) question operator value, and a button to remove it."""

    def __init__(self, panel: ConditionPanel, first: bool):
        ui = panel.ui
        self.panel = panel
        self.joiner = widgets.Dropdown(
            options=[(ui.text(f"editor.join.{j}"), j) for j in JOINERS], layout={"width": "5em"}
        )
        if first:
            self.joiner.layout.visibility = "hidden"
        self.question = widgets.Dropdown(options=panel.question_options(), layout={"width": "18em"})
        self.operator = widgets.Dropdown(layout={"width": "10em"})
        self.choice = widgets.Dropdown(layout={"width": "14em"})
        self.typed = widgets.Text(layout={"width": "14em"})
        self.remove = widgets.Button(
            icon="trash", layout={"width": "3em"}, tooltip=ui.text("editor.cond.remove")
        )
        self.remove.on_click(lambda _b: panel.remove(self))
        self.question.observe(lambda _c: self._fill(), names="value")
        for widget in (self.joiner, self.operator, self.choice, self.typed):
            widget.observe(lambda _c: panel.show_expression(), names="value")
        self.box = widgets.HBox(
            [self.joiner, self.question, self.operator, self.choice, self.typed, self.remove]
        )
        self.box.add_class("ck-cond-row")
        self._fill()

    def question_of(self) -> Question | None:
        template = self.panel.template
        return template.question(self.question.value) if template and self.question.value else None

    def _fill(self) -> None:
        question = self.question_of()
        if question is None:
            return
        ui = self.panel.ui
        self.operator.options = [(ui.text(f"editor.op.{o}"), o) for o in OPERATORS[question.type]]
        self.operator.value = OPERATORS[question.type][0]
        listed = question.type in ("choice", "multichoice")
        self.choice.options = [(o.label or o.value, o.value) for o in question.options] if listed else []
        self.choice.value = question.options[0].value if listed and question.options else None
        self.choice.layout.display = None if listed else "none"
        self.typed.layout.display = "none" if listed or question.type == "boolean" else None
        self.panel.show_expression()

    def term(self) -> Term | None:
        question = self.question_of()
        if question is None or self.operator.value is None:
            return None
        listed = question.type in ("choice", "multichoice")
        value = (self.choice.value or "") if listed else self.typed.value.strip()
        return Term(question.id, self.operator.value, value, self.joiner.value or "and")


class ConditionPanel:
    """Build a variant's ``when``, see the expression, and what it means for the article."""

    def __init__(self, editor: EditorPanel, library: Library, ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.editor = editor
        self.library = library
        self.template: Template | None = None
        self.rows: list[TermRow] = []
        self.row_box = widgets.VBox()
        self.current = widgets.HTML()
        self.expression = widgets.HTML()
        self.report = widgets.HTML()
        self.findings = widgets.HTML()
        self.add_button = widgets.Button(description=ui.text("editor.cond.add"), icon="plus")
        self.apply_button = widgets.Button(
            description=ui.text("editor.cond.apply"), icon="check", button_style="info"
        )
        self.fallback_button = widgets.Button(description=ui.text("editor.cond.fallback"), icon="eraser")
        self.add_button.on_click(lambda _b: self.add())
        self.apply_button.on_click(lambda _b: self.apply())
        self.fallback_button.on_click(lambda _b: self.apply(fallback=True))
        title = html.escape(ui.text("editor.cond.title"))
        self.box = widgets.VBox(
            [
                widgets.HTML(f'<div class="ck-tools-title">{title}</div>'),
                self.current,
                self.row_box,
                widgets.HBox([self.add_button, self.apply_button, self.fallback_button]),
                self.expression,
                self.report,
                self.findings,
            ]
        )
        self.box.add_class("ck-condition-builder")
        editor.followers.append(self.opened)

    def opened(self) -> None:
        """Another variant is open: start from its condition, with no rows."""
        self.rows = []
        self.row_box.children = ()
        self.expression.value = self.report.value = self.findings.value = ""
        self.show_current()

    def question_options(self) -> list[tuple[str, str]]:
        if self.template is None:
            return []
        return [(f"{q.label} ({q.id})", q.id) for q in self.template.questions if q.type in OPERATORS]

    def install(self, template: Template) -> None:
        self.template = template
        self.opened()

    def show_current(self) -> None:
        found = self.editor.current()
        when = self.editor.pending_keys.get("when", found[1].when if found else None) if found else None
        shown = when or self.ui.text("editor.cond.none")
        self.current.value = (
            f'<div class="ck-muted">{html.escape(self.ui.text("editor.cond.current"))} '
            f'<code class="ck-expression">{html.escape(shown)}</code></div>'
        )

    # -- rows ------------------------------------------------------------------------------------
    def add(self) -> TermRow:
        row = TermRow(self, first=not self.rows)
        self.rows.append(row)
        self.row_box.children = tuple(r.box for r in self.rows)
        self.show_expression()
        return row

    def remove(self, row: TermRow) -> None:
        self.rows.remove(row)
        if self.rows:
            self.rows[0].joiner.layout.visibility = "hidden"
        self.row_box.children = tuple(r.box for r in self.rows)
        self.show_expression()

    def terms(self) -> list[Term]:
        return [t for t in (row.term() for row in self.rows) if t is not None]

    def written(self) -> str:
        """The expression the rows make (raises ValueError for a number that is none)."""
        return expression(self.template, self.terms()) if self.template is not None else ""

    def show_expression(self) -> None:
        try:
            text = self.written()
        except ValueError:
            text = ""
        self.expression.value = (
            f"<div>{html.escape(self.ui.text('editor.cond.writes'))} "
            f'<code class="ck-expression">{html.escape(text)}</code></div>'
            if text
            else ""
        )

    # -- applying --------------------------------------------------------------------------------
    def apply(self, fallback: bool = False) -> str:
        """Give the variant the built condition (or none); check it; return the expression."""
        try:
            text = "" if fallback else self.written()
        except ValueError:
            self.report.value = f'<p class="ck-error">{html.escape(self.ui.text("editor.cond.number"))}</p>'
            return ""
        self.editor.set_key("when", text or None)
        self.show_current()
        self.check()
        return text

    def check(self) -> None:
        """Say whether the condition compiles, which examples select the variant, and run the checks."""
        found = self.editor.current()
        if found is None or self.template is None:
            return
        clause, variant = found
        try:
            with interface(self.ui):  # a broken condition in the editor's language
                draft = self.editor.draft()
        except ClauseKitError as exc:
            self.report.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            self.findings.value = ""
            return
        assert draft is not None
        chosen, other = selecting_examples(self.library, draft, self.editor.engine, clause.id, variant.id)
        none = self.ui.text("editor.cond.no_examples")
        self.report.value = (
            f'<div class="ck-ok">{html.escape(self.ui.text("editor.cond.valid"))}</div>'
            f"<div>{html.escape(self.ui.text('editor.cond.selects'))} "
            f"<b>{html.escape(', '.join(chosen) or none)}</b></div>"
            f'<div class="ck-muted">{html.escape(self.ui.text("editor.cond.others"))} '
            f"{html.escape(', '.join(other) or none)}</div>"
        )
        self.findings.value = f'<p class="ck-muted">{html.escape(self.ui.text("studio.findings.busy"))}</p>'
        root = self.library.root
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.show_findings(findings_for(root, draft, clause.id))
            return
        future = loop.run_in_executor(None, findings_for, root, draft, clause.id)
        future.add_done_callback(lambda done: self.show_findings(done.result()))

    def show_findings(self, findings: Sequence[Finding]) -> None:
        if not findings:
            self.findings.value = f'<p class="ck-ok">{html.escape(self.ui.text("editor.cond.covered"))}</p>'
            return
        items = "".join(
            f'<li class="ck-finding ck-{html.escape(f.severity)}"><code>{html.escape(f.code)}</code> '
            f"{html.escape(f.message)}</li>"
            for f in findings
        )
        self.findings.value = f'<ul class="ck-cond-findings">{items}</ul>'
