"""Manage the template's articles from the editor: add one (blank or from ``_shared``), move it,
make it conditional. Writes template.yaml's ``clauses:`` list in place (and a new clause file)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..editing.articles import add_article, blank_clause, move_article, set_article_when
from ..editing.conditions import syntax_error
from ..editing.save import save_text
from ..editing.source import EditError, digest
from ..errors import ClauseKitError, Location
from ..fsutil import atomic_write
from ..library import SHARED_DIR, Library
from ..locales import Locale, ui_locale
from .conditions import ConditionPanel
from .editor import EditorPanel

BLANK = ""  # the source dropdown's value for "a blank article"


class ArticleManager:
    """Add, move and make conditional the article open in the editor."""

    def __init__(
        self, editor: EditorPanel, library: Library, conditions: ConditionPanel, ui: Locale | None = None
    ):
        self.ui = ui = ui or ui_locale()
        self.editor = editor
        self.library = library
        self.conditions = conditions
        self.new_id = widgets.Text(
            description=ui.text("editor.articles.new_id"), placeholder="thuiswerk", layout={"width": "20em"}
        )
        self.title = widgets.Text(
            description=ui.text("editor.articles.title_field"), layout={"width": "20em"}
        )
        self.origin = widgets.Dropdown(
            description=ui.text("editor.articles.origin"), layout={"width": "20em"}
        )
        self.add_button = widgets.Button(description=ui.text("editor.articles.add"), icon="plus")
        self.up = widgets.Button(description=ui.text("editor.manage.up"), icon="arrow-up")
        self.down = widgets.Button(description=ui.text("editor.manage.down"), icon="arrow-down")
        self.when_button = widgets.Button(description=ui.text("editor.articles.when"), icon="filter")
        self.always_button = widgets.Button(description=ui.text("editor.articles.always"), icon="eraser")
        self.message = widgets.HTML()
        self.add_button.on_click(lambda _b: self.add())
        self.up.on_click(lambda _b: self.move(-1))
        self.down.on_click(lambda _b: self.move(1))
        self.when_button.on_click(lambda _b: self.make_conditional())
        self.always_button.on_click(lambda _b: self.make_conditional(always=True))
        title = html.escape(ui.text("editor.articles.title"))
        self.box = widgets.VBox(
            [
                widgets.HTML(f'<div class="ck-tools-title">{title}</div>'),
                widgets.HBox([self.up, self.down]),
                widgets.HBox([self.when_button, self.always_button]),
                widgets.VBox([self.new_id, self.title, self.origin]),
                self.add_button,
                self.message,
            ]
        )
        editor.followers.append(self.opened)

    def opened(self) -> None:
        shared = self.library.root / SHARED_DIR
        used = {e.clause.id for e in self.editor.template.entries} if self.editor.template else set()
        ids = sorted(p.stem for p in shared.glob("*.md") if p.stem not in used) if shared.is_dir() else []
        self.origin.options = [(self.ui.text("editor.articles.blank"), BLANK), *((i, i) for i in ids)]
        self.origin.value = BLANK

    # -- template.yaml -------------------------------------------------------------------------------
    def _yaml(self) -> Path | None:
        template = self.editor.template
        return template.location.path if template is not None else None

    def _rewrite(self, change: Callable[[str, Path], str], open_clause: str) -> bool:
        path = self._yaml()
        if path is None:
            return False
        if self.editor.dirty:
            self._say("editor.manage.unsaved")
            return False
        data = path.read_bytes()
        try:
            save_text(path, change(data.decode("utf-8"), path), digest(data))
        except (ClauseKitError, OSError) as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(str(exc))}</pre>'
            return False
        self.message.value = ""
        self.editor.clause_id, self.editor.variant_id = open_clause, ""
        self.editor.on_saved(open_clause, "")
        return True

    def _say(self, key: str) -> None:
        self.message.value = f'<p class="ck-error">{html.escape(self.ui.text(key))}</p>'

    def move(self, offset: int) -> bool:
        clause_id = self.editor.clause_id
        return self._rewrite(lambda text, path: move_article(text, path, clause_id, offset), clause_id)

    def make_conditional(self, always: bool = False) -> bool:
        """Include the open article only when the condition built above holds (or always)."""
        clause_id = self.editor.clause_id
        try:
            when = "" if always else self.conditions.written()
        except ValueError:
            when = ""
        if not always and not when:
            self._say("editor.articles.build_first")
            return False
        problem = syntax_error(when, Location(self._yaml() or Path("template.yaml"))) if when else None
        if problem is not None:
            self.message.value = f'<pre class="ck-error">{html.escape(problem.format())}</pre>'
            return False
        return self._rewrite(
            lambda text, path: set_article_when(text, path, clause_id, when or None), clause_id
        )

    def add(self) -> bool:
        """A blank article (a new clause file) or one from ``_shared``, listed after the open one."""
        template = self.editor.template
        if template is None:
            return False
        origin = self.origin.value or BLANK
        clause_id = origin or self.new_id.value.strip()
        after = self.editor.clause_id or None
        if origin == BLANK:
            target = template.path / f"{clause_id}.md"
            shared = self.library.root / SHARED_DIR / f"{clause_id}.md"
            if not clause_id or target.exists() or shared.exists():
                self._say("editor.articles.exists")
                return False
            title = self.title.value.strip() or clause_id
            try:  # the id is checked before the file is written
                add_article(
                    template.location.path.read_text(encoding="utf-8"), template.location.path, clause_id
                )
            except EditError as exc:
                self.message.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
                return False
            atomic_write(target, blank_clause(clause_id, title))
        done = self._rewrite(lambda text, path: add_article(text, path, clause_id, after), clause_id)
        if done:
            self.new_id.value = self.title.value = ""
        return done
