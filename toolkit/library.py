"""A library folder of templates: find them by id, load them once, validate and render with them.

The parsing of template.yaml and clause files lives in :mod:`toolkit.loader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location, UsageError, shown
from .fsutil import present
from .loader import SHARED_DIR, TEMPLATE_FILE, load_clause, load_template, read_info
from .loader.fields import ID
from .loader.template import TemplateInfo
from .locales import ui_locale, ui_text
from .model import Answers, Document, Template
from .suggest import suggest

if TYPE_CHECKING:
    from .render import Engine

# Re-exported: callers import the file names and loaders from here.
__all__ = ["SHARED_DIR", "TEMPLATE_FILE", "Library", "load_clause", "load_template"]


class Library:
    """A folder of templates. Loads lazily and keeps what it loaded."""

    def __init__(self, root: Path | str = "clauses"):
        self.root = Path(root)
        if not self.root.is_dir():
            raise UsageError(
                ui_text("library.not_found", path=str(self.root)), hint=ui_text("library.not_found.hint")
            )
        self._templates: dict[str, Template] = {}

    @cached_property
    def engine(self) -> Engine:
        """The sandboxed Jinja environment and its compiled templates, made on first use (``clausekit
        list`` reads template.yaml only and never needs Jinja)."""
        from .render import Engine

        return Engine()

    def template_ids(self) -> list[str]:
        """Ids of the templates in this library (folders holding a template.yaml)."""
        return sorted(
            p.name
            for p in self.root.iterdir()
            if p.is_dir() and p.name != SHARED_DIR and present(p / TEMPLATE_FILE)
        )

    def info(self, template_id: str) -> TemplateInfo:
        """What ``clausekit list`` shows, read from template.yaml alone (no clause is loaded)."""
        if template_id not in self.template_ids():
            raise UsageError(
                ui_text("library.unknown", template=shown(template_id), path=str(self.root)),
                hint=ui_text("library.unknown.hint"),
            )
        return read_info(self.root / template_id)

    def template(self, template_id: str) -> Template:
        """The template with this id; ids are resolved inside the library only, never as paths."""
        if template_id in self._templates:
            return self._templates[template_id]
        known = self.template_ids()
        if not ID.match(template_id) or template_id not in known:
            raise UsageError(
                ui_text("library.unknown", template=shown(template_id), path=str(self.root)),
                hint=suggest(template_id, known, ui_locale()) + " " + ui_text("library.unknown.hint"),
            )
        template = load_template(self.root / template_id, self.root / SHARED_DIR)
        for edition in template.editions.values():
            self.engine.compiled(edition)  # Jinja syntax errors are load errors, in every language
        self._templates[template_id] = template
        return template

    def edition(self, template: Template | str, language: str | None) -> Template:
        """The template's edition in ``language`` (``None``: its source language)."""
        if isinstance(template, str):
            template = self.template(template)
        try:
            return template.edition(language)
        except KeyError:
            words = ui_locale()
            raise UsageError(
                words.text("library.no_edition", template=template.id, language=str(language)),
                hint=words.text("library.no_edition.hint", languages=", ".join(template.languages)),
            ) from None

    def validate(
        self,
        template: Template | str,
        raw: Mapping[str, Any],
        locations: Mapping[str, Location] | None = None,
        source: Path | None = None,
    ) -> Answers:
        """Validate answers with this library's compiled conditions."""
        from .answers import validate

        if isinstance(template, str):
            template = self.template(template)
        return validate(template, raw, locations, source, engine=self.engine)

    def render(
        self, template: Template | str, answers: Answers, force: Mapping[str, str] | None = None
    ) -> Document:
        """Assemble a document with this library's compiled templates."""
        if isinstance(template, str):
            template = self.template(template)
        return self.engine.render(template, answers, force)

    def templates(self) -> list[Template]:
        return [self.template(t) for t in self.template_ids()]

    def reload(self) -> None:
        """Forget everything loaded (after files changed on disk)."""
        self._templates.clear()
