"""The studio's approvals panel: the status of every clause variant, and the Approve action.

The approvals package is imported when first used, not when the studio starts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..errors import ClauseKitError
from ..model import Template

if TYPE_CHECKING:
    from ..approvals import VariantStatus

STATE_NL = {"approved": "goedgekeurd", "changed": "gewijzigd", "new": "nieuw"}
# What the panel says (one place, for the locale step).
WORDS = {
    "your_name": "Uw naam",
    "name": "Naam",
    "optional": "optioneel",
    "note": "Notitie",
    "selection": "Selectie",
    "approve": "Goedkeuren",
    "name_first": "Vul eerst uw naam in.",
    "done": "{count} goedgekeurd door {name}.",
}
TABLE_HEAD = ("Clausule", "Variant", "Status", "Goedgekeurd door")


class ApprovalPanel:
    """Status per clause variant and the Approve action (who and when, recorded by the core)."""

    session_name = ""  # the editor's name, asked once per kernel session and shared by all studios

    def __init__(self, on_approved: Callable[[], None]):
        self.on_approved = on_approved
        self.template: Template | None = None
        self.table = widgets.HTML()
        self.name = widgets.Text(
            value=type(self).session_name, placeholder=WORDS["your_name"], description=WORDS["name"]
        )
        self.note = widgets.Text(placeholder=WORDS["optional"], description=WORDS["note"])
        self.targets = widgets.SelectMultiple(options=[], rows=8, description=WORDS["selection"])
        self.targets.layout.width = "40em"
        self.button = widgets.Button(description=WORDS["approve"], button_style="success", icon="check")
        self.button.on_click(lambda _b: self.approve_selected())
        self.message = widgets.HTML()
        self.box = widgets.VBox(
            [widgets.HBox([self.name, self.note]), self.targets, self.button, self.message, self.table]
        )
        self.box.add_class("ck-approvals")

    def refresh(self, template: Template) -> None:
        from ..approvals import statuses

        self.template = template
        try:
            current = statuses(template)
        except ClauseKitError as exc:
            self.table.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return
        self.table.value = status_table(current)
        open_ = [s for s in current if str(s.state) != "approved"]
        self.targets.options = [(f"{s.key} ({STATE_NL.get(str(s.state), s.state)})", s.key) for s in open_]
        self.button.disabled = not open_

    def approve_selected(self) -> list[VariantStatus]:
        """Approve the selected variants (or all open ones when none is selected)."""
        name = self.name.value.strip()
        if not name:
            self.message.value = f'<p class="ck-error">{WORDS["name_first"]}</p>'
            return []
        if self.template is None:
            return []
        from ..approvals import approve

        targets: Sequence[str] | None = list(self.targets.value) or None
        try:
            done = approve(self.template, targets, by=name, note=self.note.value.strip() or None)
        except ClauseKitError as exc:
            self.message.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return []
        type(self).session_name = name
        self.message.value = (
            f'<p class="ck-ok">{WORDS["done"].format(count=len(done), name=html.escape(name))}</p>'
        )
        self.on_approved()
        return done


def status_table(current: Sequence[VariantStatus]) -> str:
    """The approval status of every clause variant as an HTML table (all values escaped)."""
    rows = []
    for s in current:
        state = str(s.state)
        who = f"{s.approved_by or ''} {(s.approved_at or '')[:16]}".strip()
        rows.append(
            f'<tr class="ck-state-{html.escape(state)}"><td>{html.escape(str(s.clause_id))}</td>'
            f"<td>{html.escape(str(s.variant_id))}</td>"
            f'<td><span class="ck-badge">{html.escape(STATE_NL.get(state, state))}</span></td>'
            f"<td>{html.escape(who)}</td></tr>"
        )
    head = "<tr>" + "".join(f"<th>{word}</th>" for word in TABLE_HEAD) + "</tr>"
    return f'<table class="ck-table">{head}{"".join(rows)}</table>'
