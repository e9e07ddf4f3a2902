"""The web questionnaire (served by Voilà): one step at a time, a summary, the documents to download.

The fields are :mod:`toolkit.ui.widgets`' (the studio's are too); each is built once and kept,
so nothing typed is lost when the customer goes back or a question disappears and returns.
One :class:`WebQuestionnaire` owns the state; its handlers are small and call the core flow.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..errors import AnswerError, ClauseKitError
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Step, Template
from ..ui.flow import Flow
from ..ui.widgets import Field, download_link, field_for, value_of
from . import ENV_DOC_LANG, ENV_LIBRARY, ENV_TEMPLATE
from .output import default_formats, documents

DEFAULT_TEMPLATE = "richtlijnen-social-media"
PROJECT_LIBRARY = Path(__file__).resolve().parents[2] / "clauses"  # the working library of a checkout

CSS = """
<style>
.ck-questionnaire { max-width: 46em; font-size: 15px; }
.ck-questionnaire .ck-label { font-weight: 600; }
.ck-questionnaire .ck-required { color: #b00020; }
.ck-questionnaire .ck-help { color: #444; font-size: 0.95em; }
.ck-questionnaire .ck-error { color: #b00020; }
.ck-questionnaire .ck-field { margin-bottom: 0.8em; }
.ck-questionnaire .ck-summary { width: 100%; }
.ck-questionnaire .ck-summary td { padding: 0.15em 1em 0.15em 0; vertical-align: top; }
.ck-questionnaire .ck-summary td:first-child { width: 55%; }
.ck-questionnaire .ck-download { display: inline-block; margin-right: 1.5em; font-weight: 600; }
</style>
"""


def _html(text: str, tag: str = "p", cls: str = "") -> str:
    """Escaped text in one element: the template's texts and the answers are never markup."""
    attribute = f' class="{cls}"' if cls else ""
    return f"<{tag}{attribute}>{html.escape(text)}</{tag}>" if text else ""


class WebQuestionnaire:
    """The questionnaire page; ``ui`` is the widget to display.

    The ``ui=`` argument is the interface's locale (default :func:`~toolkit.locales.ui_locale`),
    kept as ``words``: the page's own texts; the template's texts are the template's.
    """

    def __init__(
        self,
        library: Library,
        template: Template,
        formats: Sequence[str] | None = None,
        ui: Locale | None = None,
    ) -> None:
        self.words = words = ui or ui_locale()
        self.flow = Flow(library, template, ui=words)
        self.formats = list(formats or default_formats())
        self.fields: dict[str, Field] = {q.id: field_for(q, words) for q in template.questions}
        for question_id, field in self.fields.items():
            self.flow.set(question_id, field.value)  # the flow holds what the fields show
            field.control.observe(self._on_change(question_id), names="value")
        self.position = 0  # index into flow.steps(); len(steps) is the summary

        self.heading = widgets.HTML(_html(template.title, "h2", "ck-title"))
        self.progress = widgets.IntProgress(min=0, max=1, value=1, description="")
        self.progress.add_class("ck-progress")
        self.where = widgets.HTML()
        self.where.add_class("ck-where")
        self.intro = widgets.HTML()
        self.body = widgets.VBox()
        self.notice = widgets.HTML()
        self.notice.add_class("ck-notice")
        self.downloads = widgets.HTML()
        self.downloads.add_class("ck-downloads")
        self.back = self._button(words.text("ui.back"), "ck-back", self._on_back)
        self.next = self._button(words.text("ui.next"), "ck-next", self._on_next)
        self.back.layout.min_width = self.next.layout.min_width = "9em"
        self.next.button_style = "primary"
        self.ui = widgets.VBox(
            [
                widgets.HTML(CSS),
                self.heading,
                widgets.HBox([self.progress, self.where]),
                self.intro,
                self.body,
                self.notice,
                widgets.HBox([self.back, self.next]),
            ]
        )
        self.ui.add_class("ck-questionnaire")
        self.show()

    # -- pages -------------------------------------------------------------------------------
    def show(self) -> None:
        """Show the page at ``position``: a step, or the summary after the last step."""
        steps = self.flow.steps()
        self.position = min(self.position, len(steps))
        self.progress.max = len(steps) + 1
        self.progress.value = self.position + 1
        self.notice.value = ""
        self.back.disabled = self.position == 0
        if self.position == len(steps):
            self._show_summary(steps)
        else:
            self._show_step(steps[self.position], len(steps))

    def _show_step(self, step: Step, count: int) -> None:
        self.where.value = _html(
            self.words.text("ui.step", number=self.position + 1, count=count, title=step.title), "span"
        )
        self.intro.value = _html(step.intro, "p", "ck-intro")
        self.body.children = [self.fields[q] for q in step.questions]
        self._refresh_visible()
        self.next.description = self.words.text("ui.next")
        self.next.layout.display = None

    def _show_summary(self, steps: Sequence[Step]) -> None:
        self.where.value = _html(self.words.text("ui.summary"), "span")
        self.intro.value = _html(self.words.text("questionnaire.summary_intro"), "p")
        rows = self.flow.summary()
        children: list[widgets.Widget] = []
        for index, step in enumerate(steps):
            lines = "".join(
                f"<tr><td>{html.escape(r.question.label)}</td><td>{html.escape(r.text)}</td></tr>"
                for r in rows
                if r.step == step
            )
            edit = self._button(
                self.words.text("questionnaire.edit", title=step.title),
                f"ck-edit-{step.id}",
                self._go_to(index),
            )
            children += [
                widgets.HTML(_html(step.title, "h3") + f'<table class="ck-summary">{lines}</table>'),
                edit,
            ]
        self.downloads.value = ""
        make = self._button(self.words.text("questionnaire.make"), "ck-make", self._on_make)
        make.button_style = "primary"
        self.body.children = [*children, make, self.downloads]
        self.next.layout.display = "none"

    def _refresh_visible(self) -> None:
        asked = self.flow.values()
        for question_id, field in self.fields.items():
            field.show(question_id in asked)

    # -- actions -----------------------------------------------------------------------------
    def go_next(self) -> bool:
        """Check the current step; move on when it is complete, else explain next to the fields."""
        asked = self.flow.values()
        steps = self.flow.steps(asked)
        if self.position >= len(steps):
            return False
        step = steps[self.position]
        problems = self.flow.problems(step, asked)
        for question_id in step.questions:
            message = problems.get(question_id)
            self.fields[question_id].set_message([message] if message else [])
        if problems:
            self.notice.value = _html(self.words.text("questionnaire.not_complete"), "p", "ck-error")
            return False
        self.position += 1  # the steps are as computed above: nothing was answered since
        self.show()
        return True

    def go_back(self) -> None:
        self.position = max(0, self.position - 1)
        self.show()

    def go_to(self, index: int) -> None:
        self.position = index
        self.show()

    def make_documents(self) -> dict[str, bytes]:
        """Render the documents and offer them as downloads (also returned, for tests)."""
        try:
            answers = self.flow.answers()
        except AnswerError:
            self.position = self.flow.first_incomplete() or 0
            self.show()
            self.go_next()  # shows the messages next to the fields
            return {}
        self.downloads.value = _html(self.words.text("questionnaire.busy"), "p")
        try:
            files = documents(self.flow.library, self.flow.template, answers, self.formats)
        except ClauseKitError as exc:
            self.downloads.value = _html(
                self.words.text("questionnaire.make_failed", message=exc.message), "p"
            )
            return {}
        self.downloads.value = "".join(
            download_link(name, content, self.words.text("ui.download", kind=name.rsplit(".", 1)[-1].upper()))
            for name, content in files.items()
        )
        return files

    # -- wiring ------------------------------------------------------------------------------
    def _button(self, text: str, cls: str, handler: Callable[[Any], None]) -> widgets.Button:
        # auto width, and not stretched across a VBox: the button is as wide as its text
        button = widgets.Button(
            description=text, layout=widgets.Layout(width="auto", align_self="flex-start")
        )
        button.add_class(cls)
        button.on_click(handler)
        return button

    def _on_change(self, question_id: str) -> Callable[[Any], None]:
        field = self.fields[question_id]

        def changed(_: Any) -> None:
            self.flow.set(question_id, value_of(field.question, field.control))
            field.set_message([])
            self._refresh_visible()

        return changed

    def _on_next(self, _: Any) -> None:
        self.go_next()

    def _on_back(self, _: Any) -> None:
        self.go_back()

    def _on_make(self, _: Any) -> None:
        self.make_documents()

    def _go_to(self, index: int) -> Callable[[Any], None]:
        return lambda _: self.go_to(index)


def from_environment(default_library: Path | None = None, ui: Locale | None = None) -> widgets.Widget:
    """The questionnaire for ``$CLAUSEKIT_TEMPLATE`` in ``$CLAUSEKIT_LIBRARY`` (set by ``clausekit
    serve``), in its edition ``$CLAUSEKIT_DOC_LANG`` (unset: the template's own language), in the
    interface language ``ui`` (default :func:`~toolkit.locales.ui_locale`); a readable message
    instead of a traceback when they are wrong."""
    words = ui or ui_locale()
    root = os.environ.get(ENV_LIBRARY) or str(default_library or PROJECT_LIBRARY)
    try:
        library = Library(root)
        template = library.edition(
            os.environ.get(ENV_TEMPLATE) or DEFAULT_TEMPLATE, os.environ.get(ENV_DOC_LANG) or None
        )
        return WebQuestionnaire(library, template, ui=words).ui
    except ClauseKitError as exc:
        return widgets.HTML(
            _html(words.text("questionnaire.load_failed", message=exc.message), "p", "ck-error")
        )
