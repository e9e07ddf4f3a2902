"""The studio's export panel: the document as answered, written to a file and offered as a download."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from ..errors import ClauseKitError, UsageError
from ..formats import FORMATS, export_order, write_documents
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Document
from ..ui.widgets import download_link

EXPORT_ORDER = export_order()


class ExportPanel:
    """A button per installed format; the last good document (and its forced variants) is exported."""

    def __init__(self, library: Library, ui: Locale | None = None):
        self.ui = ui or ui_locale()
        self.library = library
        self.document: Document | None = None
        self.force: dict[str, str] = {}
        self.message = widgets.HTML()
        buttons = []
        for name in EXPORT_ORDER:
            if name in FORMATS:
                button = widgets.Button(description=name.upper(), icon="download")
                button.on_click(lambda _b, fmt=name: self.clicked(fmt))
                buttons.append(button)
        if not buttons:
            self.message.value = f'<p class="ck-muted">{html.escape(self.ui.text("studio.export.none"))}</p>'
        self.box = widgets.VBox([widgets.HBox(buttons), self.message])

    def show(self, document: Document | None, force: Mapping[str, str]) -> None:
        """The document to export from now on (None: there is none)."""
        self.document, self.force = document, dict(force)

    def export(self, fmt: str, folder: Path | None = None) -> Path:
        """Write the document as currently answered in ``fmt`` (a name in FORMATS); return the path."""
        if self.document is None:
            raise UsageError("there is no document to export yet", hint="answer the required questions first")
        # rendered again with the core's engine: the preview's may carry "show logic" markers
        document = self.library.render(self.document.template, self.document.answers, self.force)
        template = document.template
        stem = f"{template.id}-{template.version}"
        if template.is_edition:  # beside the source's export, never over it
            stem += f".{template.language}"
        return write_documents(folder or Path.cwd() / "exports", document, [fmt], stem)[0]

    def clicked(self, fmt: str) -> None:
        self.message.value = (
            f'<p class="ck-muted">{html.escape(self.ui.text("studio.export.busy", name=fmt.upper()))}</p>'
        )
        try:
            path = self.export(fmt)
        except ClauseKitError as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return
        link = download_link(path.name, path.read_bytes(), f"⤓ {path.name}")
        saved = html.escape(self.ui.text("studio.export.saved", path=path))
        self.message.value = f'<p>{link} <span class="ck-muted">{saved}</span></p>'
