"""The studio's approvals panel: the status of every clause variant, and the Approve action.

The approvals package is imported when first used, not when the studio starts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..errors import ClauseKitError
from ..locales import Locale, ui_locale
from ..model import Template

if TYPE_CHECKING:
    from ..approvals import VariantStatus

TABLE_HEAD = (  # the keys of the status table's columns
    "studio.approval.clause",
    "studio.approval.variant",
    "studio.approval.status",
    "studio.approval.approved_by",
)


def state_text(state: str, ui: Locale) -> str:
    """An approval state (``approved``, ``changed``, ``new``) in words: the review edition's too."""
    return ui.text(f"approval.{state}") if f"approval.{state}" in ui.texts else state


class ApprovalPanel:
    """Status per clause variant and the Approve action (who and when, recorded by the core)."""

    session_name = ""  # the editor's name, asked once per kernel session and shared by all studios

    def __init__(self, on_approved: Callable[[], None], ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.on_approved = on_approved
        self.template: Template | None = None
        self.table = widgets.HTML()
        self.name = widgets.Text(
            value=type(self).session_name,
            placeholder=ui.text("studio.approval.your_name"),
            description=ui.text("studio.approval.name"),
        )
        self.note = widgets.Text(
            placeholder=ui.text("studio.approval.optional"), description=ui.text("studio.approval.note")
        )
        self.targets = widgets.SelectMultiple(
            options=[], rows=8, description=ui.text("studio.approval.selection")
        )
        self.targets.layout.width = "40em"
        self.button = widgets.Button(
            description=ui.text("studio.approval.approve"), button_style="success", icon="check"
        )
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
            # verified as publish verifies them: an approval whose signature fails is not one
            current = statuses(template, verify=True)
        except ClauseKitError as exc:
            self.table.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return
        self.table.value = status_table(current, self.ui)
        open_ = [s for s in current if not s.publishable]  # approving again re-signs an unverified one
        self.targets.options = [(f"{s.key} ({state_text(str(s.state), self.ui)})", s.key) for s in open_]
        self.button.disabled = not open_

    def approve_selected(self) -> list[VariantStatus]:
        """Approve the selected variants (or all open ones when none is selected)."""
        name = self.name.value.strip()
        if not name:
            self.message.value = (
                f'<p class="ck-error">{html.escape(self.ui.text("studio.approval.name_first"))}</p>'
            )
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
        done_text = self.ui.text("studio.approval.done", count=len(done), name=name)
        self.message.value = f'<p class="ck-ok">{html.escape(done_text)}</p>'
        self.on_approved()
        return done


def status_table(current: Sequence[VariantStatus], ui: Locale | None = None) -> str:
    """The approval status of every clause variant as an HTML table (all values escaped)."""
    ui = ui or ui_locale()
    rows = []
    for s in current:
        state = str(s.state)
        shown = state_text(state, ui)
        if s.signature is not None and not s.publishable:  # approved, but the signature does not hold
            shown += " · " + ui.text(f"studio.approval.signature.{s.signature.name.lower()}")
            state = "unverified"
        who = f"{s.approved_by or ''} {(s.approved_at or '')[:16]}".strip()
        rows.append(
            f'<tr class="ck-state-{html.escape(state)}"><td>{html.escape(str(s.clause_id))}</td>'
            f"<td>{html.escape(str(s.variant_id))}</td>"
            f'<td><span class="ck-badge">{html.escape(shown)}</span></td>'
            f"<td>{html.escape(who)}</td></tr>"
        )
    head = "<tr>" + "".join(f"<th>{html.escape(ui.text(key))}</th>" for key in TABLE_HEAD) + "</tr>"
    return f'<table class="ck-table">{head}{"".join(rows)}</table>'
