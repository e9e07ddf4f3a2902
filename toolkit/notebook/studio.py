"""The studio: a template's form, preview, variants, checks, approvals and export, side by side.

>>> from toolkit.notebook import Studio
>>> Studio("richtlijnen-social-media")          # doctest: +SKIP

Each panel is a small object that owns its state (:mod:`.form`, :mod:`.preview`, :mod:`.variants`,
:mod:`.findings`, :mod:`.approval`, :mod:`.export`); the studio wires them. Observers only note
that something changed; :meth:`Studio.update` does the work with the core (validate → render →
HTML, in process). Typing is debounced on the kernel's event loop, so a burst of keystrokes
renders once; choices render at once.
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from ..approvals import lock_key
from ..errors import ClauseKitError
from ..library import SHARED_DIR, Library
from ..loader.translation import example_answers
from ..locales import CATALOGUES, Locale, interface, language_name, locale_for, ui_locale
from ..model import Answers, Document, Template
from ..ui.widgets import Field
from .approval import ApprovalPanel, state_of
from .articles import ArticleManager
from .changes import ChangesView
from .conditions import ConditionPanel
from .debounce import Debounced
from .editor import EditorPanel
from .export import ExportPanel
from .findings import FindingsPanel
from .form import FormPanel
from .inserts import InsertsPanel
from .locate import find_library
from .manage import VariantManager
from .preview import PreviewPanel
from .questions import QuestionEditor
from .saved import SavedState, bundle, read_saved_state
from .variants import VariantsPanel
from .watch import Watcher

# The tabs, in order: name → the key of its title.
TABS = {
    "document": "studio.tab.document",
    "variants": "studio.tab.variants",
    "checks": "studio.tab.checks",
    "approval": "studio.tab.approval",
    "export": "studio.tab.export",
    "editor": "studio.tab.editor",
}


def _css() -> str:
    return resources.files(__package__).joinpath("studio.css").read_text(encoding="utf-8")


class Studio:
    """The notebook studio for one template of a library."""

    # Library folder → the watcher of the newest studio on it (one background task per library).
    _watching: ClassVar[dict[str, Watcher]] = {}

    def __init__(
        self,
        template: str | None = None,
        library: Library | Path | str | None = None,
        answers: str | Path | Mapping[str, Any] | None = None,
        *,
        debounce: float = 0.15,
        watch: bool = True,
        notebook: str | Path | None = None,
        ui: Locale | None = None,
        doc_lang: str | None = None,
    ):
        """``ui``: the interface's words (default :func:`~toolkit.locales.ui_locale`, the editor's
        language); ``doc_lang``: the edition of the template to show (default its source language)."""
        self.ui = ui or ui_locale()
        self.doc_lang = doc_lang
        if isinstance(library, Library):
            self.library = library
        else:
            self.library = Library(find_library() if library is None else Path(library))
        self.debounce = debounce
        self.notebook = Path(notebook) if notebook else _session_notebook()
        self.template_id = template or ""
        self.template: Template | None = None
        self.answers: Answers | None = None  # of the last good render, like ``document``
        self.document: Document | None = None
        self.render_ms = 0.0
        self.load_error: ClauseKitError | None = None
        self.answer_error: ClauseKitError | None = None
        self._render = Debounced(lambda: self.update())  # looked up when it runs (a subclass may override)
        self._display: Any = None
        self._requested: str | Path | Mapping[str, Any] | None = answers
        self._raw: dict[str, Any] = {}
        self._build()
        self.watcher = Watcher(self._watched_folders, self.reload)
        if template:
            self.open(template, answers)
        if watch and self.watcher.start():
            # Running the cell again makes a new studio: the old one stops following the files,
            # or every save would render (and check) once per run of the cell.
            key = str(self.library.root.resolve())
            previous = Studio._watching.get(key)
            if previous is not None and previous is not self.watcher:
                previous.stop()
            Studio._watching[key] = self.watcher

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.chooser = widgets.Dropdown(
            options=self.library.template_ids(),
            value=None,
            description=self.ui.text("studio.template"),
            layout={"width": "26em"},
        )
        self.chooser.observe(self._on_choose, names="value")
        # The editor's language (screens only: the document keeps its template's), each in its own name.
        self.language = widgets.Dropdown(
            options=[(language_name(code), code) for code in CATALOGUES],
            value=self.ui.language if self.ui.language in CATALOGUES else None,
            description=self.ui.text("studio.language"),
            layout={"width": "14em"},
        )
        self.language.observe(lambda change: self.set_language(change["new"]), names="value")
        # The document's language: which edition of the template (only shown when it has several).
        self.document_language = widgets.Dropdown(
            options=[],
            value=None,
            description=self.ui.text("studio.doc_language"),
            layout={"width": "24em"},
            style={"description_width": "initial"},
        )
        self.document_language.layout.display = "none"
        self.document_language.add_class("ck-doc-language")
        self.document_language.observe(
            lambda change: self.set_document_language(change["new"]), names="value"
        )
        self.header = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("ck-status")
        ui = self.ui
        self.form = FormPanel(self.library, self._on_answer, ui)
        self.preview = PreviewPanel(self.update, ui)
        self.editor = EditorPanel(
            self.library, lambda: self.answers, self._after_edit, ui, debounce=self.debounce
        )
        self.inserts = InsertsPanel(self.editor, ui)
        self.conditions = ConditionPanel(self.editor, self.library, ui)
        self.manage = VariantManager(self.editor, ui)
        self.articles = ArticleManager(self.editor, self.library, self.conditions, ui)
        self.questions = QuestionEditor(self.editor, ui)
        boxes = (
            self.conditions.box,
            self.manage.box,
            self.articles.box,
            self.inserts.box,
            self.questions.box,
        )
        self.editor.tools.children = boxes
        self.variants = VariantsPanel(self.library, self.update, ui, lambda: self.approvals.current)
        self.findings = FindingsPanel(self.library, self.select, ui)
        self.approvals = ApprovalPanel(self._after_approval, ui)
        self.exports = ExportPanel(self.library, ui)
        self.changes = ChangesView(ui)
        self.approvals.box.children = (*self.approvals.box.children, self.changes.html)
        panels = (self.preview, self.variants, self.findings, self.approvals, self.exports, self.editor)
        self.tabs = widgets.Tab(children=[panel.box for panel in panels])
        for index, key in enumerate(TABS.values()):
            self.tabs.set_title(index, ui.text(key))
        self.tabs.layout = widgets.Layout(flex="1 1 0%", min_width="0")
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<style>{_css()}</style>"),
                widgets.HBox([self.header, self.chooser, self.language, self.document_language]),
                self.status,
                widgets.HBox([self.form.box, self.tabs]),
            ]
        )
        self.widget.add_class("ck-studio")

    def set_language(self, language: str) -> None:
        """Speak ``language`` on every panel: the studio is built again in its place, with the same
        template, answers and forced variants."""
        if not language or language == self.ui.language:
            return
        answers, force = self.raw_answers(), dict(self.force)
        self.ui = locale_for(language)
        shown = self.widget
        self._build()
        shown.children, self.widget = self.widget.children, shown
        if self.template is not None:
            self.chooser.value = self.template.id
            self.variants.clear(force)
            self._install(self.template, answers)
            self.findings.refresh(self.template.source or self.template)
        else:
            self._show_status()

    def set_document_language(self, language: str | None) -> None:
        """Show the template's edition in ``language``: the form's labels, the preview, the exports
        and the editor; the answers and forced variants stay (they are the same data)."""
        if self.template is None or not language or language == self.template.language:
            return
        if self.editor.dirty:  # the edit belongs to the other language's file: save or discard first
            self.editor.message.value = (
                f'<p class="ck-warning">{html.escape(self.ui.text("editor.leave_unsaved"))}</p>'
            )
            self.document_language.value = self.template.language
            return
        try:
            edition = self.template.edition(language)
        except KeyError:
            return
        self.doc_lang = edition.language
        self._install(edition, self.raw_answers())

    def edition_of(self, template: Template) -> Template:
        """The edition of ``template`` in the chosen document language (its source without one)."""
        if self.doc_lang:
            try:
                return template.edition(self.doc_lang)
            except KeyError:
                pass
        return template

    def _show_languages(self, template: Template) -> None:
        options = [(language_name(tag), tag) for tag in template.languages]
        dropdown = self.document_language
        if list(dropdown.options) != options:
            dropdown.options = options
        if dropdown.value != template.language:
            # new options leave no value (ipywidgets 8): no switch; this one's observer returns at once
            dropdown.value = template.language
        dropdown.layout.display = None if len(options) > 1 else "none"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]
        self._display = display(bundle(self.state(), self.ui), raw=True, display_id=True)  # type: ignore[no-untyped-call]

    @property
    def fields(self) -> dict[str, Field]:
        """Question id → its field in the form."""
        return self.form.fields

    @property
    def force(self) -> dict[str, str]:
        """Clause id → the variant forced in the Varianten tab."""
        return self.variants.force

    @property
    def focus(self) -> str:
        """The clause marked in the preview (chosen from a finding)."""
        return self.preview.focus

    # -- opening a template ----------------------------------------------------------------------
    def open(self, template_id: str, answers: str | Path | Mapping[str, Any] | None = None) -> None:
        """Show a template; start from the answers saved in the notebook, else from ``answers``."""
        self.template_id = template_id
        self._requested = answers  # used when the template loads (now, or after a fix on disk)
        self.template, self.document, self.answers = None, None, None
        self.form.clear()
        self.preview.clear()
        self.variants.clear()
        self.exports.show(None, {})
        self.watcher.rebase()  # the files of this template as they are now
        if self.chooser.value != template_id and template_id in self.chooser.options:
            self.chooser.value = template_id  # its observer comes back here only for a new id
        try:
            with interface(self.ui):  # a load error in the studio's language
                template = self.library.template(template_id)
        except ClauseKitError as exc:
            self.load_error = exc
            self._show_status()
            return
        self.load_error = None
        values = self._first_answers(template)  # first: the notebook may say the document language
        self._install(self.edition_of(template), values)
        self.findings.refresh(template)

    def _first_answers(self, template: Template) -> dict[str, Any]:
        """The answers saved in the notebook for this template, else the requested start answers."""
        saved = read_saved_state(self.notebook) if self.notebook else None
        if saved is not None and saved.template == template.id:
            self.variants.clear(saved.force)
            if saved.language and not self.doc_lang:
                self.doc_lang = saved.language
            return dict(saved.answers)
        return self._start_answers(template, self._requested)

    def _on_choose(self, change: dict[str, Any]) -> None:
        if change["new"] and change["new"] != self.template_id:
            self.open(change["new"])

    def _start_answers(
        self, template: Template, answers: str | Path | Mapping[str, Any] | None
    ) -> dict[str, Any]:
        if answers is None:
            return {}
        if isinstance(answers, Mapping):
            return dict(answers)
        path = Path(answers)
        if not path.suffix:  # the name of one of the template's examples
            path = template.examples_dir / f"{answers}.yaml"
        try:
            return example_answers(self.edition_of(template), path)[0]  # an example's texts in its language
        except ClauseKitError as exc:
            self.answer_error = exc
            return {}

    def _install(self, template: Template, values: Mapping[str, Any]) -> None:
        """Give every panel the template (the form is built again when the questions changed), render.
        ``template`` may be an edition: the checks are always the source's, the approvals tab shows
        every language's and approves the edition's."""
        self.template = template
        source = template.source or template
        self._show_languages(template)
        self.form.install(template, values)
        self.variants.build(template)
        self.header.value = (
            f'<div class="ck-header"><span class="ck-h-title">{html.escape(template.title)}</span>'
            f' <span class="ck-h-meta">{html.escape(template.id)} ·'
            f" {html.escape(self.ui.text('document.version_short', version=template.version))}</span></div>"
        )
        self.approvals.refresh(template)
        self.update()
        self.inserts.install(template)
        self.questions.install(source)
        self.conditions.template = source
        # A translation carries text only: the logic (conditions, variants, articles, questions) is
        # edited in the source language.
        for box in (self.conditions.box, self.manage.box, self.articles.box, self.questions.box):
            box.layout.display = "none" if template.is_edition else None
        self.editor.install(template)

    # -- answers → preview -------------------------------------------------------------------
    def _on_answer(self, typing: bool) -> None:
        self.schedule(self.debounce if typing else 0)

    def schedule(self, delay: float) -> None:
        """Render after ``delay`` seconds of quiet (on the kernel loop), or now without a loop."""
        self._render.schedule(delay)

    def flush(self) -> None:
        """Render a pending (debounced) change now."""
        self._render.flush()

    def raw_answers(self) -> dict[str, Any]:
        """The answers of the questions that are asked; hidden questions' fields are hidden too."""
        return self.form.answers()

    def update(self) -> None:
        """Validate the form, render the document and put it in the preview (the last good one stays)."""
        self._render.cancel()
        if self.template is None:
            return
        start = time.perf_counter()
        raw = self._raw = self.form.answers()
        try:
            with interface(self.ui):  # refusals and render errors in the studio's language
                answers = self.library.validate(self.template, raw)
                document = self.preview.render(self.library, self.template, answers, self.force)
        except ClauseKitError as exc:
            self.answer_error = exc
        else:
            self.answers, self.document, self.answer_error = answers, document, None
            self.variants.show(document)
            self.exports.show(document, self.force)
            self._save()
        self.render_ms = (time.perf_counter() - start) * 1000
        self._show_status()

    def _show_status(self) -> None:
        parts = []
        ui = self.ui
        for error, kind in ((self.load_error, "studio.library"), (self.answer_error, "studio.answers")):
            if error is not None:
                stale = (
                    f'<div class="ck-stale">{html.escape(ui.text("studio.stale"))}</div>'
                    if self.document
                    else ""
                )
                parts.append(
                    f'<div class="ck-error-box"><b>{html.escape(ui.text(kind))}:</b>'
                    f"<pre>{html.escape(error.format())}</pre>{stale}</div>"
                )
        if not parts and self.document is not None:
            forced = ui.text("studio.forced", count=len(self.force)) if self.force else ""
            ok = ui.text("studio.ok", count=len(self.document.articles), ms=self.render_ms)
            parts.append(f'<div class="ck-ok-bar">{ok}{forced}</div>')
        value = "".join(parts)
        if self.status.value != value:
            self.status.value = value

    # -- variants, findings ------------------------------------------------------------------
    def set_force(self, clause_id: str, variant_id: str | None) -> None:
        """Show ``variant_id`` of a clause whatever the answers (None: choose by the answers again)."""
        self.variants.set_force(clause_id, variant_id)

    def compare_variants(self, clause_id: str) -> str:
        """All variants of a clause side by side, differences with the shown variant marked."""
        return self.variants.compare_variants(clause_id)

    def select(self, clause_id: str) -> None:
        """Go to a clause (from a finding): mark it in the preview and show its variants."""
        self.preview.focus = clause_id
        self.update()
        if self.variants.can_compare(clause_id):
            self.variants.choice.value = clause_id
            self.tabs.selected_index = list(TABS).index("variants")
        else:
            self.tabs.selected_index = list(TABS).index("document")

    def refresh_findings(self) -> None:
        if self.template is not None:
            self.findings.refresh(self.template.source or self.template)

    # -- files changed, approvals ----------------------------------------------------------------
    def _watched_folders(self) -> list[Path]:
        if not self.template_id:
            return []
        return [self.library.root / self.template_id, self.library.root / SHARED_DIR]

    def reload(self) -> None:
        """Read the library again (files changed on disk) and show the result or the error."""
        self.library.reload()
        self.preview.forget()
        try:
            with interface(self.ui):
                template = self.library.template(self.template_id)
        except ClauseKitError as exc:
            self.load_error = exc
            self._show_status()
            return
        self.load_error = None
        values = {} if self.fields else self._first_answers(template)
        self._install(self.edition_of(template), values)
        self.variants.show_compare()
        self.findings.refresh(template)

    def poll(self) -> bool:
        """Check the files once now (the background watcher does this twice a second)."""
        return self.watcher.poll()

    def _after_edit(self, clause_id: str, variant_id: str) -> None:
        """A clause file was saved from the editor: read it now (not at the watcher's next poll), show
        the variant's approval state and what changed since it was approved."""
        translating = self.template is not None and self.template.is_edition
        if not translating:
            self.changes.remember(clause_id, variant_id, self.editor.saved_from)
        self.watcher.rebase()
        self.reload()
        if self.template is None:
            return
        if self.template.is_edition:  # a translation: its own state (changed since approval, …)
            self.editor.note_state(self.approval_state(clause_id, variant_id, self.template.language))
            return
        self.changes.show(self.template)
        self.editor.note_state(self.approval_state(clause_id, variant_id))
        for tag in self.template.translations:  # approved against the text that was just changed
            state = self.approval_state(clause_id, variant_id, tag)
            self.editor.note_state(state, language_name(tag))

    def approval_state(self, clause_id: str, variant_id: str, language: str = "") -> str:
        """The approval state of a variant (of its translation in ``language``) in words, as the
        Goedkeuring tab shows it; "" when it is no unit (not translated yet)."""
        key = lock_key(clause_id, variant_id, language)
        found = [status for status in self.approvals.current if status.key == key]
        return state_of(found[0], self.ui)[1] if found else ""

    def _after_approval(self) -> None:
        self.watcher.poll()  # the lock file changed: pick it up now, not half a second later
        if self.template is not None:
            self.approvals.refresh(self.template)
            self.changes.show(self.template.source or self.template)
            self.variants.show_compare()  # the states beside each language

    # -- export and saving -------------------------------------------------------------------
    def export(self, fmt: str, folder: Path | None = None) -> Path:
        """Write the document as currently answered in ``fmt`` (a name in FORMATS); return the path."""
        return self.exports.export(fmt, folder)

    def state(self) -> SavedState:
        """What the notebook remembers of this studio."""
        raw = dict(self._raw) if self.template is not None else {}
        version = self.template.version if self.template else ""
        language = self.template.language if self.template is not None and self.template.is_edition else ""
        return SavedState(self.template_id, raw, dict(self.force), version, language)

    def _save(self) -> None:
        if self._display is not None:
            self._display.update(bundle(self.state(), self.ui), raw=True)

    def close(self) -> None:
        """Stop watching files and close the widgets."""
        self.watcher.stop()
        self.widget.close()


def _session_notebook() -> Path | None:
    """The notebook this kernel belongs to, as Jupyter Server tells the kernel (when it does)."""
    name = os.environ.get("JPY_SESSION_NAME")
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() else Path.cwd() / path.name
