"""The Varianten tab: per clause a control to force a variant, what is shown now, and a comparison.

The panel owns the forced variants; the studio renders with them and tells the panel the result.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets

from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Document, Template, Variant
from ..notes import notes
from .compare import compare_html, languages_html, variant_texts


def has_variant(template: Template, clause_id: str, variant_id: str) -> bool:
    """Whether the template still has this clause and variant (after a reload it may not)."""
    try:
        template.clause(clause_id).variant(variant_id)
    except KeyError:
        return False
    return True


class VariantsPanel:
    """Rows of clause title, "automatic"/variant dropdown and the variant shown; a compare view."""

    def __init__(self, library: Library, on_force: Callable[[], None], ui: Locale | None = None):
        """``on_force()`` is called when a variant is forced or released (render again)."""
        self.ui = ui = ui or ui_locale()
        self.library = library
        self.on_force = on_force
        self.force: dict[str, str] = {}  # clause id → the variant shown whatever the answers
        self.template: Template | None = None
        self.document: Document | None = None
        self.rows = widgets.VBox()
        self.shown: dict[str, widgets.HTML] = {}
        self.compare = widgets.HTML(f'<p class="ck-muted">{html.escape(ui.text("studio.variants.pick"))}</p>')
        self.choice = widgets.Dropdown(
            description=ui.text("studio.variants.compare"), layout={"width": "30em"}
        )
        self.choice.observe(lambda _c: self.show_compare(), names="value")
        self.languages = widgets.HTML()  # the variants in each language of the template, side by side
        self.box = widgets.VBox([self.rows, self.choice, self.compare, self.languages])

    def clear(self, force: Mapping[str, str] | None = None) -> None:
        """A template is being opened: forget its document; start from ``force``."""
        self.template, self.document, self.force = None, None, dict(force or {})

    def build(self, template: Template) -> None:
        """One row per clause with more than one variant; forced variants the template lost are dropped."""
        self.template = template
        self.force = {c: v for c, v in self.force.items() if has_variant(template, c, v)}
        rows: list[widgets.Widget] = []
        choices: list[tuple[str, str]] = []
        self.shown = {}
        several_languages = len(template.languages) > 1
        for entry in template.entries:
            clause = entry.clause
            if len(clause.variants) < 2 and not any(notes(v) for v in clause.variants):
                if several_languages:  # still one to read in each language side by side
                    choices.append((clause.title, clause.id))
                continue
            choices.append((clause.title, clause.id))
            options = [(self.ui.text("studio.variants.automatic"), "")] + [
                (v.label or v.id, v.id) for v in clause.variants
            ]
            dropdown = widgets.Dropdown(options=options, value=self.force.get(clause.id, ""))
            dropdown.observe(
                lambda change, cid=clause.id: self.set_force(cid, change["new"] or None), names="value"
            )
            label = widgets.HTML(f'<span class="ck-clause-title">{html.escape(clause.title)}</span>')
            label.layout = widgets.Layout(width="34%")
            shown = widgets.HTML(layout=widgets.Layout(width="auto"))
            shown.add_class("ck-shown-variant")
            self.shown[clause.id] = shown
            rows.append(widgets.HBox([label, dropdown, shown]))
        if not rows:
            rows.append(
                widgets.HTML(f'<p class="ck-muted">{html.escape(self.ui.text("studio.variants.none"))}</p>')
            )
        self.rows.children = tuple(rows)
        current = self.choice.value
        self.choice.options = choices
        self.choice.value = current if current in dict(choices).values() else None

    def set_force(self, clause_id: str, variant_id: str | None) -> None:
        """Show ``variant_id`` of a clause whatever the answers (None: choose by the answers again)."""
        if variant_id:
            self.force[clause_id] = variant_id
        else:
            self.force.pop(clause_id, None)
        self.on_force()
        if self.choice.value == clause_id:
            self.show_compare()

    def show(self, document: Document) -> None:
        """Next to each control: the variant the document shows now, or that it is left out."""
        self.document = document
        for clause_id, shown in self.shown.items():
            article = document.article(clause_id)
            text = (
                html.escape(
                    self.ui.text("studio.variants.shown", label=article.variant.label or article.variant.id)
                )
                + self.notes_html(article.variant)
                if article is not None
                else html.escape(self.ui.text("studio.variants.left_out"))
            )
            if shown.value != text:
                shown.value = text

    def notes_html(self, variant: Variant) -> str:
        """The drafting notes of the variant shown, each with its line (never in the document)."""
        texts = (
            self.ui.text("studio.variants.note", line=n.location.line, note=n.text) for n in notes(variant)
        )
        return "".join(f'<div class="ck-note">{html.escape(text)}</div>' for text in texts)

    def compare_variants(self, clause_id: str) -> str:
        """All variants of a clause side by side, differences with the shown variant marked."""
        assert self.template is not None
        clause = self.template.clause(clause_id)
        document = self.document
        article = document.article(clause_id) if document else None
        base = article.variant.id if article else None
        answers = document.answers if document else None
        texts = variant_texts(self.library, self.template, answers, clause, self.ui)
        return compare_html(texts, base, self.ui)

    def compare_languages(self, clause_id: str) -> str:
        """The clause's variants in each language of the template side by side (source left)."""
        assert self.template is not None
        answers = self.document.answers if self.document else None
        return languages_html(self.library, self.template, answers, clause_id, self.ui)

    def show_compare(self) -> None:
        clause_id = self.choice.value
        if clause_id and self.template is not None:
            self.compare.value = self.compare_variants(clause_id)
            self.languages.value = self.compare_languages(clause_id)

    def can_compare(self, clause_id: str) -> bool:
        return clause_id in dict(self.choice.options).values()
