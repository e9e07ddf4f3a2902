"""Manage the variants of the open clause: a copy as a new variant, its label, delete, order.

Adding, deleting and moving write the clause file at once (only the lines of the variants
concerned, refused when the file changed on disk); a new label is written with the next save,
like the text and the condition. With unsaved changes these wait: save or discard first.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..editing.manage import add_variant, delete_variant, move_variant
from ..errors import ClauseKitError
from ..locales import Locale, ui_locale
from .editor import EditorPanel


class VariantManager:
    """Buttons under the editor for the open clause's variants."""

    def __init__(self, editor: EditorPanel, ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.editor = editor
        self.new_id = widgets.Text(
            description=ui.text("editor.manage.new_id"), placeholder="met-or", layout={"width": "20em"}
        )
        self.add_button = widgets.Button(description=ui.text("editor.manage.copy"), icon="copy")
        self.label = widgets.Text(description=ui.text("editor.manage.label"), layout={"width": "20em"})
        self.label_button = widgets.Button(description=ui.text("editor.manage.relabel"), icon="tag")
        self.up = widgets.Button(description=ui.text("editor.manage.up"), icon="arrow-up")
        self.down = widgets.Button(description=ui.text("editor.manage.down"), icon="arrow-down")
        self.delete_button = widgets.Button(description=ui.text("editor.manage.delete"), icon="trash")
        self.confirm = widgets.Button(button_style="danger", icon="trash")
        self.cancel = widgets.Button(description=ui.text("editor.manage.cancel"))
        self.confirm_box = widgets.HBox([self.confirm, self.cancel])
        self.confirm_box.layout.display = "none"
        self.message = widgets.HTML()
        self.new_id.add_class("ck-new-variant")
        self.add_button.on_click(lambda _b: self.add())
        self.label_button.on_click(lambda _b: self.relabel())
        self.up.on_click(lambda _b: self.move(-1))
        self.down.on_click(lambda _b: self.move(1))
        self.delete_button.on_click(lambda _b: self.ask_delete())
        self.confirm.on_click(lambda _b: self.delete())
        self.cancel.on_click(lambda _b: self._hide_confirm())
        title = html.escape(ui.text("editor.manage.title"))
        self.box = widgets.VBox(
            [
                widgets.HTML(f'<div class="ck-tools-title">{title}</div>'),
                widgets.HBox([self.new_id, self.add_button]),
                widgets.HBox([self.label, self.label_button]),
                widgets.HBox([self.up, self.down, self.delete_button]),
                self.confirm_box,
                self.message,
            ]
        )
        self.box.add_class("ck-manage-variants")
        editor.followers.append(self.opened)

    def opened(self) -> None:
        found = self.editor.current()
        self.label.value = found[1].label if found else ""
        self._hide_confirm()

    def _hide_confirm(self) -> None:
        self.confirm_box.layout.display = "none"

    def _say(self, key: str, error: bool = True, **fields: str) -> None:
        css = "ck-error" if error else "ck-muted"
        self.message.value = f'<p class="{css}">{html.escape(self.ui.text(key, **fields))}</p>'

    def _change(self, make: Callable[[], str], variant_id: str) -> bool:
        """Write the file ``make()`` returns (when nothing is unsaved), then show ``variant_id``."""
        editor = self.editor
        if editor.dirty:
            self._say("editor.manage.unsaved")
            return False
        if editor.source is None:
            return False
        try:
            text = make()
        except ClauseKitError as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return False
        self.message.value = ""
        return editor.write(text, variant_id)

    def add(self) -> bool:
        """A copy of the open variant (text, condition and label) under the id typed."""
        found = self.editor.current()
        source = self.editor.source
        new_id = self.new_id.value.strip()
        if found is None or source is None:
            return False
        variant = found[1]
        label = self.ui.text("editor.manage.copy_of", label=variant.label or variant.id)
        done = self._change(
            lambda: add_variant(source, new_id, source.body(variant.id), variant.when, label), new_id
        )
        if done:
            self.new_id.value = ""
        return done

    def relabel(self) -> None:
        """The label is written with the next save."""
        self.editor.set_key("label", self.label.value.strip() or None)

    def move(self, offset: int) -> bool:
        source, variant_id = self.editor.source, self.editor.variant_id
        if source is None:
            return False
        return self._change(lambda: move_variant(source, variant_id, offset), variant_id)

    def ask_delete(self) -> None:
        self.confirm.description = self.ui.text("editor.manage.confirm", variant=self.editor.variant_id)
        self.confirm_box.layout.display = None

    def delete(self) -> bool:
        source, variant_id = self.editor.source, self.editor.variant_id
        self._hide_confirm()
        if source is None:
            return False
        others = [v for v in source.bodies if v != variant_id]
        return self._change(lambda: delete_variant(source, variant_id), others[0] if others else "")
