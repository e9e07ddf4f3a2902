"""The Varianten tab: per clause a control to force a variant, what is shown now, and a comparison."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets

from ..model import Document, Template

AUTOMATIC = "(automatisch)"


def has_variant(template: Template, clause_id: str, variant_id: str) -> bool:
    """Whether the template still has this clause and variant (after a reload it may not)."""
    try:
        template.clause(clause_id).variant(variant_id)
    except KeyError:
        return False
    return True


class VariantsPanel:
    """Rows of clause title, "(automatisch)"/variant dropdown and the variant shown; a compare view."""

    def __init__(self, on_force: Callable[[str, str | None], None], on_compare: Callable[[], None]):
        self.on_force = on_force
        self.rows = widgets.VBox()
        self.shown: dict[str, widgets.HTML] = {}
        self.compare = widgets.HTML('<p class="ck-muted">Kies een clausule om te vergelijken.</p>')
        self.choice = widgets.Dropdown(description="Vergelijk", layout={"width": "30em"})
        self.choice.observe(lambda _c: on_compare(), names="value")
        self.box = widgets.VBox([self.rows, self.choice, self.compare])

    def build(self, template: Template, force: Mapping[str, str]) -> None:
        """One row per clause with more than one variant; ``force`` holds what is forced now."""
        rows: list[widgets.Widget] = []
        choices: list[tuple[str, str]] = []
        self.shown = {}
        for entry in template.entries:
            clause = entry.clause
            if len(clause.variants) < 2:
                continue
            choices.append((clause.title, clause.id))
            options = [(AUTOMATIC, "")] + [(v.label or v.id, v.id) for v in clause.variants]
            dropdown = widgets.Dropdown(options=options, value=force.get(clause.id, ""))
            dropdown.observe(
                lambda change, cid=clause.id: self.on_force(cid, change["new"] or None), names="value"
            )
            label = widgets.HTML(f'<span class="ck-clause-title">{html.escape(clause.title)}</span>')
            label.layout = widgets.Layout(width="34%")
            shown = widgets.HTML(layout=widgets.Layout(width="auto"))
            shown.add_class("ck-shown-variant")
            self.shown[clause.id] = shown
            rows.append(widgets.HBox([label, dropdown, shown]))
        if not rows:
            rows.append(widgets.HTML('<p class="ck-muted">Geen clausules met meer dan één variant.</p>'))
        self.rows.children = tuple(rows)
        current = self.choice.value
        self.choice.options = choices
        self.choice.value = current if current in dict(choices).values() else None

    def show(self, document: Document) -> None:
        """Next to each control: the variant the document shows now, or that it is left out."""
        for clause_id, shown in self.shown.items():
            article = document.article(clause_id)
            text = (
                f"getoond: {html.escape(article.variant.label or article.variant.id)}"
                if article is not None
                else "niet opgenomen bij deze antwoorden"
            )
            if shown.value != text:
                shown.value = text

    def can_compare(self, clause_id: str) -> bool:
        return clause_id in dict(self.choice.options).values()
