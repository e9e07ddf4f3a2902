"""The studio's approvals panel: the status of every clause variant, and the Approve action.

The approvals package is imported when first used, not when the studio starts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..errors import ClauseKitError
from ..locales import Locale, language_name, ui_locale
from ..model import Template

if TYPE_CHECKING:
    from ..approvals import VariantStatus

TABLE_HEAD = (  # the keys of the status table's columns
    "studio.approval.language",
    "studio.approval.clause",
    "studio.approval.variant",
    "studio.approval.status",
    "studio.approval.approved_by",
)


# The approval states in the order the counts show them (ApprovalState's values, and "unverified").
STATES = ("approved", "changed", "new", "translation-out-of-date", "unverified")


def state_text(state: str, ui: Locale) -> str:
    """An approval state (``approved``, ``changed``, ``new``, ``translation-out-of-date``) in words:
    the review edition's too."""
    return ui.text(f"approval.{state}") if f"approval.{state}" in ui.texts else state


def state_of(status: VariantStatus, ui: Locale) -> tuple[str, str]:
    """The state of a unit for the eye: its CSS name and its words. An approval whose signature was
    checked and does not hold is "unverified" (with why); an unchecked one keeps its state."""
    state = str(status.state)
    shown = state_text(state, ui)
    if status.signature is not None and not status.publishable:  # approved, but the signature does not hold
        shown += " · " + ui.text(f"studio.approval.signature.{status.signature.name.lower()}")
        state = "unverified"
    return state, shown


def _state_name(state: str, ui: Locale) -> str:
    return ui.text("studio.approval.unverified") if state == "unverified" else state_text(state, ui)


def unit_language(status: VariantStatus, template: Template) -> str:
    """The language tag of a unit: a translation's own, else the source language of ``template``."""
    return status.language or (template.source or template).language


def count_table(current: Sequence[VariantStatus], template: Template, ui: Locale | None = None) -> str:
    """How many units of each language are in each state, one row per language (source first)."""
    ui = ui or ui_locale()
    source = template.source or template
    counts: dict[str, dict[str, int]] = {tag: dict.fromkeys(STATES, 0) for tag in source.languages}
    for s in current:
        counts.setdefault(unit_language(s, source), dict.fromkeys(STATES, 0))[state_of(s, ui)[0]] += 1
    optional = {
        "unverified": any(row["unverified"] for row in counts.values())
    }  # columns shown when they apply
    optional["translation-out-of-date"] = len(source.languages) > 1
    shown = [state for state in STATES if optional.get(state, True)]
    head = "".join(f'<th data-state="{state}">{html.escape(_state_name(state, ui))}</th>' for state in shown)
    rows = "".join(
        f'<tr data-lang="{html.escape(tag)}"><th>{html.escape(language_name(tag))}</th>'
        + "".join(f'<td data-state="{html.escape(state)}">{row[state]}</td>' for state in shown)
        + "</tr>"
        for tag, row in counts.items()
    )
    language = html.escape(ui.text("studio.approval.language"))
    return f'<table class="ck-table ck-approval-counts"><tr><th>{language}</th>{head}</tr>{rows}</table>'


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
        self.button.layout.width = "auto"
        self.button.on_click(lambda _b: self.approve_selected())
        self.scope = widgets.HTML()  # which edition's texts the button approves, and against what
        self.scope.add_class("ck-approval-scope")
        self.message = widgets.HTML()
        self.counts = widgets.HTML()
        self.current: list[VariantStatus] = []  # every unit of the template (each language), verified
        self.box = widgets.VBox(
            [
                widgets.HBox([self.name, self.note]),
                self.targets,
                widgets.HBox([self.button, self.scope]),
                self.message,
                self.counts,
                self.table,
            ]
        )
        self.box.add_class("ck-approvals")

    def refresh(self, template: Template) -> None:
        """Show the state of every unit of the template, each language's; offer those of ``template``
        (the edition shown in the document-language dropdown) to approve."""
        from ..approvals import statuses

        self.template = template
        source = template.source or template
        ui = self.ui
        language = language_name(template.language)
        if len(source.languages) > 1:  # say which edition's texts the button approves
            self.button.description = ui.text("studio.approval.approve_edition", language=language)
            if template.is_edition:
                scope = ui.text(
                    "studio.approval.scope.translation",
                    language=language,
                    source=language_name(source.language),
                )
            else:
                scope = ui.text("studio.approval.scope.source", language=language)
            self.scope.value = f'<span class="ck-muted">{html.escape(scope)}</span>'
        else:
            self.button.description = ui.text("studio.approval.approve")
            self.scope.value = ""
        try:
            # verified as publish verifies them: an approval whose signature fails is not one
            current = statuses(source, verify=True)
        except ClauseKitError as exc:
            self.current = []
            self.counts.value = ""
            self.table.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            self.targets.options, self.button.disabled = [], True
            return
        self.current = current
        self.counts.value = count_table(current, source, ui)
        self.table.value = status_table(current, ui, source)
        own = template.language if template.is_edition else ""
        # approving again re-signs an unverified one
        open_ = [s for s in current if s.language == own and not s.publishable]
        self.targets.options = [(f"{s.key} ({state_of(s, ui)[1]})", s.key) for s in open_]
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


def status_table(
    current: Sequence[VariantStatus], ui: Locale | None = None, template: Template | None = None
) -> str:
    """The approval status of every unit as an HTML table (all values escaped), each row with its
    language: a translation's row names its language (and carries ``data-lang``), the source's
    rows the source language of ``template`` (when given)."""
    ui = ui or ui_locale()
    rows = []
    for s in current:
        state, shown = state_of(s, ui)
        tag = unit_language(s, template) if template is not None else s.language
        who = f"{s.approved_by or ''} {(s.approved_at or '')[:16]}".strip()
        rows.append(
            f'<tr class="ck-state-{html.escape(state)}" data-key="{html.escape(s.key)}"'
            f' data-lang="{html.escape(tag)}"><td>{html.escape(language_name(tag) if tag else "")}</td>'
            f"<td>{html.escape(str(s.clause_id))}</td>"
            f"<td>{html.escape(str(s.variant_id))}</td>"
            f'<td><span class="ck-badge">{html.escape(shown)}</span></td>'
            f"<td>{html.escape(who)}</td></tr>"
        )
    head = "<tr>" + "".join(f"<th>{html.escape(ui.text(key))}</th>" for key in TABLE_HEAD) + "</tr>"
    return f'<table class="ck-table">{head}{"".join(rows)}</table>'
