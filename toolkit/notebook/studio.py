"""The studio: one object that owns a template's form, preview, variants, findings and approvals.

>>> from toolkit.notebook import Studio
>>> Studio("richtlijnen-social-media")          # doctest: +SKIP

Observers only note that something changed; :meth:`Studio.update` does the work with the core
(validate → render → HTML, in process). Typing is debounced on the kernel's event loop, so a
burst of keystrokes renders once; choices render at once.
"""

from __future__ import annotations

import asyncio
import html
import os
import time
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from ..answers import coerce, empty, load_answers_file
from ..errors import ClauseKitError, UsageError
from ..formats import FORMATS, export_order, write_documents
from ..library import SHARED_DIR, Library
from ..model import Answers, Document, Question, QuestionType, Template
from .compare import compare_html, variant_texts
from .form import Field, fill
from .locate import find_library
from .panels import ApprovalPanel, FindingsPanel, download_link
from .preview import LogicEngine, PreviewWriter, mark_conditions
from .saved import SavedState, bundle, read_saved_state
from .variants import VariantsPanel, has_variant
from .watch import Watcher

EXPORT_ORDER = export_order()
TABS = ("Document", "Varianten", "Controles", "Goedkeuring", "Exporteren")
TEXT_TYPES = (widgets.Text, widgets.Textarea)
STALE = '<div class="ck-stale">Het voorbeeld toont de laatste goede versie.</div>'


def _signature(template: Template) -> tuple[Any, ...]:
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
    ):
        if isinstance(library, Library):
            self.library = library
        else:
            self.library = Library(find_library() if library is None else Path(library))
        self.debounce = debounce
        self.notebook = Path(notebook) if notebook else _session_notebook()
        self.template_id = template or ""
        self.template: Template | None = None
        self.answers: Answers | None = None
        self.document: Document | None = None
        self.force: dict[str, str] = {}
        self.focus = ""
        self.fields: dict[str, Field] = {}
        self.render_ms = 0.0
        self.load_error: ClauseKitError | None = None
        self.answer_error: ClauseKitError | None = None
        self._form_signature: tuple[Any, ...] = ()
        self._pending: asyncio.TimerHandle | None = None
        self._writer = PreviewWriter()
        self._logic = LogicEngine()
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
            options=self.library.template_ids(), value=None, description="Sjabloon", layout={"width": "26em"}
        )
        self.chooser.observe(self._on_choose, names="value")
        self.header = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("ck-status")
        self.form = widgets.VBox()
        self.form.add_class("ck-form")
        self.preview = widgets.HTML()
        self.preview.add_class("ck-preview")
        self.logic = widgets.ToggleButton(value=False, description="Toon logica", icon="code")
        self.logic.observe(lambda _c: self.update(), names="value")
        self.variants = VariantsPanel(self.set_force, self.show_compare)
        self.findings = FindingsPanel(self.select)
        self.findings.refresh_button.on_click(lambda _b: self.refresh_findings())
        self.approvals = ApprovalPanel(self._after_approval)
        self.exports = widgets.HTML()
        export_buttons = []
        for name in EXPORT_ORDER:
            if name in FORMATS:
                button = widgets.Button(description=name.upper(), icon="download")
                button.on_click(lambda _b, fmt=name: self._export_clicked(fmt))
                export_buttons.append(button)
        if not export_buttons:
            self.exports.value = '<p class="ck-muted">Geen exportformaten beschikbaar.</p>'
        tabs = widgets.Tab(
            children=[
                widgets.VBox([widgets.HBox([self.logic]), self.preview]),
                self.variants.box,
                self.findings.box,
                self.approvals.box,
                widgets.VBox([widgets.HBox(export_buttons), self.exports]),
            ]
        )
        for index, title in enumerate(TABS):
            tabs.set_title(index, title)
        self.tabs = tabs
        # Fixed shares: the form keeps its width whichever tab is open.
        self.form.layout = widgets.Layout(
            flex="0 0 34%", min_width="20em", max_height="80vh", overflow="auto"
        )
        tabs.layout = widgets.Layout(flex="1 1 0%", min_width="0")
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<style>{_css()}</style>"),
                widgets.HBox([self.header, self.chooser]),
                self.status,
                widgets.HBox([self.form, tabs]),
            ]
        )
        self.widget.add_class("ck-studio")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]
        self._display = display(bundle(self.state()), raw=True, display_id=True)  # type: ignore[no-untyped-call]

    # -- opening a template ----------------------------------------------------------------------
    def open(self, template_id: str, answers: str | Path | Mapping[str, Any] | None = None) -> None:
        """Show a template; start from the answers saved in the notebook, else from ``answers``."""
        self.template_id, self.force, self.focus = template_id, {}, ""
        self._requested = answers  # used when the template loads (now, or after a fix on disk)
        self.template, self.document, self.answers, self.fields = None, None, None, {}
        self.form.children, self.preview.value = (), ""
        self.watcher.rebase()  # the files of this template as they are now
        if self.chooser.value != template_id and template_id in self.chooser.options:
            self.chooser.value = template_id  # its observer comes back here only for a new id
        try:
            template = self.library.template(template_id)
        except ClauseKitError as exc:
            self.load_error = exc
            self._show_status()
            return
        self.load_error = None
        self._install(template, self._first_answers(template))
        self.refresh_findings()

    def _first_answers(self, template: Template) -> dict[str, Any]:
        """The answers saved in the notebook for this template, else the requested start answers."""
        saved = read_saved_state(self.notebook) if self.notebook else None
        if saved is not None and saved.template == template.id:
            self.force = dict(saved.force)
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
            return load_answers_file(path)[0]
        except ClauseKitError as exc:
            self.answer_error = exc
            return {}

    def _install(self, template: Template, values: Mapping[str, Any]) -> None:
        """Build the form (when the questions changed), the variant controls, then render."""
        self.template = template
        if _signature(template) != self._form_signature or not self.fields:
            self._build_form(template, values)
        self.force = {c: v for c, v in self.force.items() if has_variant(template, c, v)}
        self.variants.build(template, self.force)
        self.header.value = (
            f'<div class="ck-header"><span class="ck-h-title">{html.escape(template.title)}</span>'
            f' <span class="ck-h-meta">{html.escape(template.id)} · versie {html.escape(template.version)}'
            "</span></div>"
        )
        self.approvals.refresh(template)
        self.update()

    def _build_form(self, template: Template, values: Mapping[str, Any]) -> None:
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
                field = Field(question)
                start = values.get(qid, old.get(qid))
                if start is not None:
                    fill(question, field.control, start)
                if isinstance(field.control, TEXT_TYPES):
                    field.control.continuous_update = True
                field.control.observe(self._on_answer, names="value")
                self.fields[qid] = field
                members.append(field)
            groups.append(widgets.VBox(members))
        self.form.children = tuple(groups)
        self._form_signature = _signature(template)

    # -- answers → preview -------------------------------------------------------------------
    def _on_answer(self, change: dict[str, Any]) -> None:
        self.schedule(self.debounce if isinstance(change["owner"], TEXT_TYPES) else 0)

    def schedule(self, delay: float) -> None:
        """Render after ``delay`` seconds of quiet (on the kernel loop), or now without a loop."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if delay <= 0 or loop is None:
            self.update()
        else:
            self._pending = loop.call_later(delay, self.update)

    def flush(self) -> None:
        """Render a pending (debounced) change now."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
            self.update()

    def raw_answers(self) -> dict[str, Any]:
        """The answers of the questions that are asked; hidden questions' fields are hidden too."""
        assert self.template is not None
        raw: dict[str, Any] = {}
        earlier: dict[str, Any] = {}
        for question in self.template.questions:
            field = self.fields[question.id]
            asked = True
            if question.when:
                try:
                    asked = self.library.engine.asked(self.template, question.id, earlier)
                except ClauseKitError:
                    asked = True  # validate reports the broken condition
            field.show(asked)
            if asked:
                raw[question.id] = field.value
                earlier[question.id] = _typed(question, field.value)
        return raw

    def update(self) -> None:
        """Validate the form, render the document and put it in the preview (the last good one stays)."""
        self._pending = None
        if self.template is None:
            return
        start = time.perf_counter()
        raw = self._raw = self.raw_answers()
        self._field_messages(raw)
        try:
            answers = self.library.validate(self.template, raw)
            show_logic = bool(self.logic.value)
            engine = self._logic if show_logic else self.library.engine
            document = engine.render(self.template, answers, self.force)
            fragment = self._writer.fragment(document, show_logic=show_logic)
        except ClauseKitError as exc:
            self.answer_error = exc
        else:
            if show_logic:
                fragment = mark_conditions(fragment, self._logic.conditions)
            if self.focus:
                fragment = fragment.replace(
                    f'class="ck-article" id="art-{self.focus}"',
                    f'class="ck-article ck-focus" id="art-{self.focus}"',
                )
            self.answers, self.document, self.answer_error = answers, document, None
            if self.preview.value != fragment:
                self.preview.value = fragment
            self.variants.show(document)
            self._save()
        self.render_ms = (time.perf_counter() - start) * 1000
        self._show_status()

    def _field_messages(self, raw: Mapping[str, Any]) -> None:
        assert self.template is not None
        for question in self.template.questions:
            messages: list[str] = []
            if question.id in raw:
                value = raw[question.id]
                if value is None or value == "" or value == []:
                    if question.required and question.default is None:
                        messages.append("Dit veld is verplicht.")
                else:
                    try:
                        coerce(question, value)
                    except ClauseKitError as exc:
                        messages.append(exc.message + (f" ({exc.hint})" if exc.hint else ""))
            field = self.fields[question.id]
            if field.message.value or messages:
                field.set_message(messages)

    def _show_status(self) -> None:
        parts = []
        for error, kind in ((self.load_error, "Bibliotheek"), (self.answer_error, "Antwoorden")):
            if error is not None:
                stale = STALE if self.document is not None else ""
                parts.append(
                    f'<div class="ck-error-box"><b>{kind}:</b>'
                    f"<pre>{html.escape(error.format())}</pre>{stale}</div>"
                )
        if not parts and self.document is not None:
            forced = f" · {len(self.force)} variant(en) vastgezet" if self.force else ""
            parts.append(
                f'<div class="ck-ok-bar">{len(self.document.articles)} artikelen · '
                f"bijgewerkt in {self.render_ms:.0f} ms{forced}</div>"
            )
        value = "".join(parts)
        if self.status.value != value:
            self.status.value = value

    # -- variants ----------------------------------------------------------------------------
    def set_force(self, clause_id: str, variant_id: str | None) -> None:
        """Show ``variant_id`` of a clause whatever the answers (None: choose by the answers again)."""
        if variant_id:
            self.force[clause_id] = variant_id
        else:
            self.force.pop(clause_id, None)
        self.update()
        if self.variants.choice.value == clause_id:
            self.show_compare()

    def compare_variants(self, clause_id: str) -> str:
        """All variants of a clause side by side, differences with the shown variant marked."""
        assert self.template is not None
        clause = self.template.clause(clause_id)
        article = self.document.article(clause_id) if self.document else None
        base = article.variant.id if article else None
        return compare_html(variant_texts(self.library, self.template, self.answers, clause), base)

    def show_compare(self) -> None:
        clause_id = self.variants.choice.value
        if clause_id and self.template is not None:
            self.variants.compare.value = self.compare_variants(clause_id)

    def select(self, clause_id: str) -> None:
        """Go to a clause (from a finding): mark it in the preview and show its variants."""
        self.focus = clause_id
        self.update()
        if self.variants.can_compare(clause_id):
            self.variants.choice.value = clause_id
            self.tabs.selected_index = TABS.index("Varianten")
        else:
            self.tabs.selected_index = TABS.index("Document")

    # -- files changed, findings, approvals -----------------------------------------------------
    def _watched_folders(self) -> list[Path]:
        if not self.template_id:
            return []
        return [self.library.root / self.template_id, self.library.root / SHARED_DIR]

    def reload(self) -> None:
        """Read the library again (files changed on disk) and show the result or the error."""
        self.library.reload()
        self._logic = LogicEngine()
        try:
            template = self.library.template(self.template_id)
        except ClauseKitError as exc:
            self.load_error = exc
            self._show_status()
            return
        self.load_error = None
        self._install(template, {} if self.fields else self._first_answers(template))
        self.show_compare()
        self.refresh_findings()

    def poll(self) -> bool:
        """Check the files once now (the background watcher does this twice a second)."""
        return self.watcher.poll()

    def refresh_findings(self) -> None:
        if self.template is not None:
            self.findings.refresh(self.library, self.template)

    def _after_approval(self) -> None:
        self.watcher.poll()  # the lock file changed: pick it up now, not half a second later
        if self.template is not None:
            self.approvals.refresh(self.template)

    # -- export and saving -------------------------------------------------------------------
    def export(self, fmt: str, folder: Path | None = None) -> Path:
        """Write the document as currently answered in ``fmt`` (a name in FORMATS); return the path."""
        if self.document is None:
            raise UsageError("there is no document to export yet", hint="answer the required questions first")
        document = self.library.render(self.document.template, self.document.answers, self.force)
        stem = f"{document.template.id}-{document.template.version}"
        return write_documents(folder or Path.cwd() / "exports", document, [fmt], stem)[0]

    def _export_clicked(self, fmt: str) -> None:
        self.exports.value = f'<p class="ck-muted">Bezig met {html.escape(fmt.upper())}…</p>'
        try:
            path = self.export(fmt)
        except ClauseKitError as exc:
            self.exports.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return
        link = download_link(path.name, path.read_bytes(), f"⤓ {path.name}")
        self.exports.value = (
            f'<p>{link} <span class="ck-muted">ook bewaard als {html.escape(str(path))}</span></p>'
        )

    def state(self) -> SavedState:
        """What the notebook remembers of this studio."""
        raw = dict(self._raw) if self.template is not None else {}
        version = self.template.version if self.template else ""
        return SavedState(self.template_id, raw, dict(self.force), version)

    def _save(self) -> None:
        if self._display is not None:
            self._display.update(bundle(self.state()), raw=True)

    def close(self) -> None:
        """Stop watching files and close the widgets."""
        self.watcher.stop()
        self.widget.close()


def _typed(question: Question, value: Any) -> Any:
    """A field's value in its question's type for conditions of later questions (None when invalid)."""
    try:
        if value is None or value == "" or value == []:
            if question.default is not None:
                return coerce(question, question.default)
            return empty(question)
        return coerce(question, value)
    except ClauseKitError:
        return None if question.type is not QuestionType.BOOLEAN else False


def _session_notebook() -> Path | None:
    """The notebook this kernel belongs to, as Jupyter Server tells the kernel (when it does)."""
    name = os.environ.get("JPY_SESSION_NAME")
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() else Path.cwd() / path.name
