"""The studio's preview panel: the document as answered, rendered live, with "show logic" on demand.

The HTML comes from :class:`toolkit.ui.preview.PreviewHtmlWriter`, the core's writer with its
hooks filled; the panel owns the writer, the logic engine and the clause in focus.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets

from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Answers, Document, Template
from ..ui.preview import LogicEngine, PreviewHtmlWriter


class PreviewPanel:
    """The document's HTML (the last good render stays) and the "show logic" switch."""

    def __init__(self, on_toggle: Callable[[], None], ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.html = widgets.HTML()
        self.html.add_class("ck-preview")
        self.logic = widgets.ToggleButton(value=False, description=ui.text("studio.show_logic"), icon="code")
        self.logic.observe(lambda _c: on_toggle(), names="value")
        self.writer = PreviewHtmlWriter(ui=ui)
        self.engine = LogicEngine(ui)
        self.box = widgets.VBox([widgets.HBox([self.logic]), self.html])

    @property
    def focus(self) -> str:
        """The clause marked in the preview (chosen from a finding), or ""."""
        return self.writer.focus

    @focus.setter
    def focus(self, clause_id: str) -> None:
        self.writer.focus = clause_id

    def clear(self) -> None:
        self.html.value, self.writer.focus = "", ""

    def forget(self) -> None:
        """The clause files changed: compile them again when the logic is shown."""
        self.engine = LogicEngine(self.ui)

    def render(
        self, library: Library, template: Template, answers: Answers, force: Mapping[str, str]
    ) -> Document:
        """Render the document and show it (raises ClauseKitError, and then the old one stays)."""
        show_logic = bool(self.logic.value)
        document = (self.engine if show_logic else library.engine).render(template, answers, force)
        self.writer.logic = self.engine if show_logic else None
        fragment = self.writer.fragment(document)
        if self.html.value != fragment:
            self.html.value = fragment
        return document
