"""The Bewerken tab: edit a variant's text with a live preview of the unsaved text, and save it safely.

The panel owns the open file (:class:`~toolkit.editing.source.ClauseSource`: its text and digest
as read), the text being edited and the last good preview. Typing renders a draft of the template
in memory (:class:`~toolkit.editing.draft.DraftEngine`: the core's sandboxed engine, only the
edited body compiled again); a Jinja or format error is shown at its line of the editor while the
preview keeps the last good render. Saving replaces only the edited span of the file and refuses
when the file changed on disk since it was opened.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path

import ipywidgets as widgets

from ..editing import snippets
from ..editing.draft import DraftEngine
from ..editing.save import read_text, save_text
from ..editing.source import (
    ChangedOnDisk,
    ClauseSource,
    EditError,
    parse_source,
    parse_text,
    replace_body,
    set_variant_key,
)
from ..editing.translation import add_block, new_translation
from ..errors import ClauseKitError, Location
from ..fsutil import atomic_write
from ..library import Library
from ..locales import Locale, interface, ui_locale
from ..model import Answers, Clause, Template, Variant
from ..ui.preview import PreviewHtmlWriter
from .compare import word_diff
from .debounce import Debounced

Saved = Callable[[str, str], None]  # (clause id, variant id) after a save


def _css() -> str:
    return resources.files(__package__).joinpath("editor.css").read_text(encoding="utf-8")


class EditorPanel:
    """Choose an article and a variant, edit its text, see it rendered before saving, save it."""

    def __init__(
        self,
        library: Library,
        answers: Callable[[], Answers | None],
        on_saved: Saved,
        ui: Locale | None = None,
        *,
        debounce: float = 0.15,
    ):
        """``answers()``: the studio's last good answers; ``on_saved(clause, variant)`` after a save."""
        self.ui = ui = ui or ui_locale()
        self.library = library
        self.answers = answers
        self.on_saved = on_saved
        self.debounce = debounce
        self.template: Template | None = None
        self.source: ClauseSource | None = None
        self.clause_id = ""
        self.variant_id = ""
        self.opened = ""  # the body as it was opened (or last saved)
        self.opened_variant: Variant | None = None  # the model of the variant as opened
        self.saved_from: Variant | None = None  # what the last save replaced
        self.pending_keys: dict[str, str | None] = {}  # front matter keys of the variant to write on save
        # In an edition: what the translation lacks for the open variant ("file": no translation file
        # yet, "variant": the file has no block for it; "" none), where it belongs, the file as read.
        self.gap = ""
        self.gap_path: Path | None = None
        self.gap_file: ClauseSource | None = None
        self.engine = DraftEngine()
        self.writer = PreviewHtmlWriter(ui=ui)
        self.error: ClauseKitError | None = None
        self.render_ms = 0.0
        self._render = Debounced(lambda: self.refresh())  # looked up when it runs
        self._quiet = False  # set while the panel itself changes the widgets

        self.clause = widgets.Dropdown(description=ui.text("editor.article"), layout={"width": "95%"})
        self.variant = widgets.Dropdown(description=ui.text("editor.variant"), layout={"width": "60%"})
        self.text = widgets.Textarea(layout={"width": "100%", "height": "16em"}, continuous_update=True)
        self.text.add_class("ck-editor-text")
        self.marker = widgets.HTML()
        self.marker.add_class("ck-unsaved-marker")
        self.problem = widgets.HTML()
        self.problem.add_class("ck-editor-problem")
        self.preview = widgets.HTML()
        self.preview.add_class("ck-editor-preview")
        self.save_button = widgets.Button(
            description=ui.text("editor.save"), icon="save", button_style="primary"
        )
        self.save_button.add_class("ck-save")
        self.discard_button = widgets.Button(description=ui.text("editor.discard"), icon="undo")
        self.reload_button = widgets.Button(description=ui.text("editor.reload"), icon="refresh")
        self.both_button = widgets.Button(description=ui.text("editor.show_both"), icon="columns")
        self.conflict = widgets.HTML()
        self.conflict_box = widgets.VBox(
            [self.conflict, widgets.HBox([self.reload_button, self.both_button])]
        )
        self.conflict_box.layout.display = "none"
        self.message = widgets.HTML()
        self.create_button = widgets.Button(description=ui.text("editor.translation.create"), icon="language")
        self.create_button.add_class("ck-create-translation")
        self.create_button.layout.display = "none"
        self.create_button.on_click(lambda _b: self.create_translation())
        self.clause.observe(self._on_clause, names="value")
        self.variant.observe(self._on_variant, names="value")
        self.text.observe(self._on_text, names="value")
        self.save_button.on_click(lambda _b: self.save())
        self.discard_button.on_click(lambda _b: self.discard())
        self.reload_button.on_click(lambda _b: self.reload_from_disk())
        self.both_button.on_click(lambda _b: self.show_both())
        self.tools = widgets.VBox()  # the insert controls and the condition builder, added by the studio
        self.followers: list[Callable[[], None]] = []  # told when another variant is opened
        editor = widgets.VBox(
            [
                self.clause,
                widgets.HBox([self.variant, self.marker]),
                self.text,
                self.problem,
                widgets.HBox([self.save_button, self.discard_button]),
                self.message,
                self.create_button,
                self.conflict_box,
                self.tools,
            ],
            layout={"width": "50%"},
        )
        right = widgets.VBox([self.preview], layout={"width": "50%"})
        self.box = widgets.VBox([widgets.HTML(f"<style>{_css()}</style>"), widgets.HBox([editor, right])])
        self.box.add_class("ck-editor")

    # -- state -----------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Whether the text (or a condition or label) differs from what is on disk."""
        return self.source is not None and (self.text.value != self.opened or bool(self.pending_keys))

    def current(self) -> tuple[Clause, Variant] | None:
        if self.template is None or not self.clause_id or not self.variant_id:
            return None
        try:
            clause = self.template.clause(self.clause_id)
            return clause, clause.variant(self.variant_id)
        except KeyError:
            return None

    # -- opening ---------------------------------------------------------------------------------
    def install(self, template: Template) -> None:
        """The template (again, after a reload): list its articles; keep the open variant and its edit."""
        self.template = template
        self.engine = DraftEngine()
        self._quiet = True
        try:
            self.clause.options = [(e.clause.title, e.clause.id) for e in template.entries]
            if self.clause_id in [value for _, value in self.clause.options]:
                self.clause.value = self.clause_id
            else:
                self.clause.value = template.entries[0].clause.id if template.entries else None
        finally:
            self._quiet = False
        self._fill_variants()
        if self.dirty:
            self.refresh()  # keep the edit: a save compares with the file as opened
        else:
            self.open(self.clause.value or "", self.variant.value or "")

    def _fill_variants(self) -> None:
        if self.template is None or not self.clause.value:
            return
        clause = self.template.clause(self.clause.value)
        self._quiet = True
        try:
            self.variant.options = [(v.label or v.id, v.id) for v in clause.variants]
            keep = self.variant_id if self.clause.value == self.clause_id else ""
            self.variant.value = keep if keep in [v.id for v in clause.variants] else clause.variants[0].id
        finally:
            self._quiet = False

    def open(self, clause_id: str, variant_id: str) -> None:
        """Read the clause file now and show the variant's text (unsaved edits are dropped)."""
        if self.template is None or not clause_id:
            return
        clause = self.template.clause(clause_id)
        variant = clause.variant(variant_id) if variant_id else clause.variants[0]
        self.clause_id, self.variant_id = clause.id, variant.id
        self._quiet = True
        try:
            if self.clause.value != clause.id:
                self.clause.value = clause.id
                self._fill_variants()
            self.variant.value = variant.id
        finally:
            self._quiet = False
        body = self._read(clause, variant)
        self.opened = body
        self.opened_variant = variant
        self.pending_keys = {}
        self.conflict_box.layout.display = "none"
        notes = [self.ui.text("editor.shared", file=clause.path.name)] if clause.shared else []
        if self.template.is_edition:
            where = self.gap_path or clause.path
            notes.append(self.ui.text("editor.edition", language=self.template.language, file=where.name))
        if self.gap:
            notes.append(self.ui.text(f"editor.translation.missing_{self.gap}", file=str(self.gap_path)))
        self.message.value = "".join(f'<p class="ck-warning">{html.escape(note)}</p>' for note in notes)
        self.create_button.layout.display = None if self.gap else "none"
        self._set_text(body)
        self.refresh()
        for follower in self.followers:
            follower()

    def _read(self, clause: Clause, variant: Variant) -> str:
        """The variant's body in its file (the model's when there is none), noting a translation's gap."""
        self.gap, self.gap_path, self.gap_file = "", None, None
        missing = self._missing_file(clause.id)
        if missing is not None:  # the edition shows the source's clause: never open (or save) that file
            self.source, self.gap, self.gap_path = None, "file", missing
            return variant.body
        try:
            self.source = parse_source(clause.path)
            return self.source.body(variant.id)
        except KeyError:
            if self.template is not None and self.template.is_edition:
                self.gap, self.gap_path, self.gap_file = "variant", clause.path, self.source
        except (ClauseKitError, OSError, UnicodeDecodeError):
            pass
        self.source = None
        return variant.body

    def _missing_file(self, clause_id: str) -> Path | None:
        """In an edition: where the clause's translation file belongs when there is none yet."""
        if self.template is None or not self.template.is_edition:
            return None
        key = f"clause:{clause_id}"
        return next((where.path for found, where in self.template.untranslated if found == key), None)

    def create_translation(self) -> bool:
        """Write the open variant's missing translation (a new file, or a block in the file) with
        the source's text as the starting point; the studio reads it again. True: written."""
        original = self.template.source if self.template is not None else None
        if not self.gap or self.gap_path is None or original is None:
            return False
        source_clause = original.clause(self.clause_id)
        path = self.gap_path
        try:
            if self.gap == "file":
                if path.exists():
                    hint = "it was written meanwhile: choose the article again"
                    raise EditError(f"{path.name} exists already", Location(path), hint)
                atomic_write(path, new_translation(source_clause))
            else:
                assert self.gap_file is not None
                body = source_clause.variant(self.variant_id).body
                save_text(path, add_block(self.gap_file, self.variant_id, body), self.gap_file.digest)
        except (ClauseKitError, OSError) as exc:
            said = exc.format() if isinstance(exc, ClauseKitError) else str(exc)
            self.message.value = f'<pre class="ck-error">{html.escape(said)}</pre>'
            return False
        self.gap = ""
        self.on_saved(self.clause_id, self.variant_id)  # the studio reads the file again
        said = html.escape(self.ui.text("editor.translation.created", file=path.name))
        self.message.value = f'<p class="ck-ok">{said}</p>' + self.message.value
        return True

    def _set_text(self, body: str) -> None:
        self._quiet = True
        try:
            self.text.value = body
        finally:
            self._quiet = False

    def _on_clause(self, change: Mapping[str, object]) -> None:
        if not self._quiet and change["new"] and not self._stay(self.clause, self.clause_id):
            self._fill_variants()
            self.open(str(change["new"]), self.variant.value or "")

    def _on_variant(self, change: Mapping[str, object]) -> None:
        if not self._quiet and change["new"] and not self._stay(self.variant, self.variant_id):
            self.open(self.clause_id, str(change["new"]))

    def _stay(self, dropdown: widgets.Dropdown, value: str) -> bool:
        """With unsaved changes: put ``dropdown`` back to ``value``, warn, and return True."""
        if not self._refuse_to_leave():
            return False
        self._quiet = True
        try:
            dropdown.value = value
        finally:
            self._quiet = False
        return True

    def _refuse_to_leave(self) -> bool:
        """Leaving a variant with unsaved changes: stay, and say so (save or discard first)."""
        if not self.dirty:
            return False
        self.message.value = f'<p class="ck-warning">{html.escape(self.ui.text("editor.leave_unsaved"))}</p>'
        return True

    # -- typing → preview ------------------------------------------------------------------------
    def _on_text(self, _change: Mapping[str, object]) -> None:
        if self._quiet:
            return
        self._show_marker()
        self._render.schedule(self.debounce)

    def edit(self, body: str) -> None:
        """Replace the text being edited (as typing does) and render it now."""
        self.text.value = body
        self.flush()

    def flush(self) -> None:
        self._render.flush()

    def draft(self) -> Template | None:
        """The template with the edited text (and condition) in memory; raises ClauseKitError."""
        found = self.current()
        if found is None or self.template is None:
            return None
        clause, variant = found
        if "when" in self.pending_keys:
            return self.engine.draft(
                self.template, clause.id, variant.id, self.text.value, self.pending_keys["when"]
            )
        return self.engine.draft(self.template, clause.id, variant.id, self.text.value)

    def refresh(self) -> None:
        """Render the unsaved text in the preview; on an error keep the last good preview, show the line."""
        import time

        self._render.cancel()
        self._show_marker()
        found = self.current()
        answers = self.answers()
        if found is None or answers is None:
            return
        clause, variant = found
        start = time.perf_counter()
        try:
            with interface(self.ui):  # the draft's errors in the editor's language
                draft = self.draft()
                assert draft is not None
                document = self.engine.render(draft, answers, {clause.id: variant.id})
        except ClauseKitError as exc:
            self.error = exc
            self.problem.value = self._problem_html(exc, variant)
            self.preview.remove_class("ck-current")
            self.preview.add_class("ck-stale-preview")
            return
        self.error = None
        self.problem.value = ""
        article = document.article(clause.id)
        if article is not None and self._chosen_anyway(draft, answers, article.clause):
            article = replace(article, forced=False)  # the answers choose it: do not say "forced"
        if article is None:
            fragment = f'<p class="ck-muted">{html.escape(self.ui.text("editor.left_out"))}</p>'
        else:
            fragment = self.writer.fragment(replace(document, articles=(article,)))
        if self.preview.value != fragment:
            self.preview.value = fragment
        self.preview.remove_class("ck-stale-preview")
        self.render_ms = (time.perf_counter() - start) * 1000

    def _chosen_anyway(self, draft: Template, answers: Answers, clause: Clause) -> bool:
        try:
            chosen = self.engine.choose(draft, clause, self.engine.context(draft, answers))
        except ClauseKitError:
            return False
        return chosen.id == self.variant_id

    def error_line(self, exc: ClauseKitError, variant: Variant) -> int | None:
        """The line of the editor an error is at (the file's line less the body's first line)."""
        location = exc.location
        if location is None or location.line is None or variant.location.line is None:
            return None
        line = location.line - variant.location.line + 1
        return line if 1 <= line <= self.text.value.count("\n") + 1 else None

    def _problem_html(self, exc: ClauseKitError, variant: Variant) -> str:
        line = self.error_line(exc, variant)
        hint = f'<div class="ck-hint">{html.escape(exc.hint)}</div>' if exc.hint else ""
        if line is None:
            where = ""
        else:
            text = self.text.value.split("\n")[line - 1]
            where = (
                f'<div class="ck-error-where">{html.escape(self.ui.text("editor.at_line", line=line))}'
                f" <code>{html.escape(text[:160])}</code></div>"
            )
        stale = html.escape(self.ui.text("studio.stale"))
        return (
            f'<div class="ck-editor-error" data-line="{line or ""}">{where}'
            f'<div>{html.escape(exc.message)}</div>{hint}<div class="ck-stale">{stale}</div></div>'
        )

    def _show_marker(self) -> None:
        value = (
            f'<span class="ck-unsaved">● {html.escape(self.ui.text("editor.unsaved"))}</span>'
            if self.dirty
            else ""
        )
        if self.marker.value != value:
            self.marker.value = value

    # -- saving ----------------------------------------------------------------------------------
    def new_text(self) -> str:
        """The whole file with the edited variant's body (and its pending keys) replaced."""
        assert self.source is not None
        text = replace_body(self.source, self.variant_id, self.text.value)
        for key, value in self.pending_keys.items():
            text = set_variant_key(parse_text(self.source.path, text), self.variant_id, key, value)
        return text

    def save(self) -> bool:
        """Write the edit if the file is as it was opened; otherwise show the conflict. True: saved."""
        self.flush()
        if self.source is None:
            return False
        try:
            text = self.new_text()
        except ClauseKitError as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return False
        return self.write(text, self.variant_id)

    def write(self, text: str, variant_id: str) -> bool:
        """Write ``text`` as the open clause file (refused when it changed on disk), then show
        ``variant_id``; the studio reads the file again. True: written."""
        if self.source is None:
            return False
        path = self.source.path
        try:
            sha = save_text(path, text, self.source.digest)
        except ChangedOnDisk as exc:
            said = html.escape(self.ui.text("editor.changed_on_disk", file=path.name))
            self.conflict.value = (
                f'<div class="ck-editor-error ck-conflict">{said}<pre>{html.escape(exc.format())}</pre></div>'
            )
            self.conflict_box.layout.display = None
            return False
        except (ClauseKitError, OSError) as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(str(exc))}</pre>'
            return False
        self.source = parse_text(path, text, sha)
        self.opened = self.text.value
        self.pending_keys = {}
        self.conflict_box.layout.display = "none"
        self._show_marker()
        self.saved_from = self.opened_variant
        self.variant_id = variant_id
        self.on_saved(self.clause_id, variant_id)  # the studio reads the file again (and says the state)
        said = html.escape(self.ui.text("editor.saved", file=path.name))
        self.message.value = f'<p class="ck-ok">{said}</p>' + self.message.value
        return True

    def note_state(self, state: str, language: str = "") -> None:
        """After a save: the approval state of the variant beside "saved" (with ``language``, the
        name of a language: the state of the variant's translation in it)."""
        if state:
            if language:
                said = html.escape(self.ui.text("editor.translation_state", language=language, state=state))
            else:
                said = html.escape(self.ui.text("editor.approval_state", state=state))
            self.message.value += f'<p class="ck-approval-state">{said}</p>'

    def discard(self) -> None:
        """Forget the edit: show the variant as it is on disk."""
        self.open(self.clause_id, self.variant_id)

    def reload_from_disk(self) -> None:
        """After a conflict: read the file again; the edit stays below to copy from."""
        mine = self.text.value
        self.library.reload()
        template = self.library.template(self.template.id) if self.template else None
        if template is not None:
            self.template = template
            self.engine = DraftEngine()
        self.open(self.clause_id, self.variant_id)
        self.conflict.value = (
            f'<p class="ck-muted">{html.escape(self.ui.text("editor.your_text"))}</p>'
            f'<pre class="ck-mine">{html.escape(mine)}</pre>'
        )
        self.conflict_box.layout.display = None

    def show_both(self) -> None:
        """The variant's text on disk now beside the edit, the differences marked."""
        if self.source is None:
            return
        disk = read_text(self.source.path)
        try:
            theirs = parse_text(self.source.path, disk).body(self.variant_id)
        except (ClauseKitError, KeyError):
            theirs = disk
        self.conflict.value = (
            '<table class="ck-compare"><tr>'
            f"<td><h4>{html.escape(self.ui.text('editor.on_disk'))}</h4>"
            f'<div class="ck-compare-text">{html.escape(theirs)}</div></td>'
            f"<td><h4>{html.escape(self.ui.text('editor.yours'))}</h4>"
            f'<div class="ck-compare-text">{word_diff(theirs, self.text.value)}</div></td>'
            "</tr></table>"
        )

    # -- inserting -------------------------------------------------------------------------------
    def insert(self, snippet: str) -> None:
        """Put ``snippet`` at the marker (@@) in the text, else at its end, and render."""
        self.edit(snippets.insert(self.text.value, snippet))

    def set_key(self, key: str, value: str | None) -> None:
        """Change the variant's ``when`` or ``label`` (written on save) and render."""
        found = self.current()
        current = getattr(found[1], key) if found else None
        if (value or None) == (current or None):
            self.pending_keys.pop(key, None)
        else:
            self.pending_keys[key] = value or None
        self.refresh()

    @property
    def path(self) -> Path | None:
        return self.source.path if self.source else None
