"""In the Goedkeuring tab: what changed since approval, word by word, for the variants edited here.

The approved text is found by its digest (:func:`toolkit.editing.approved.find_approved`): the text
as the editor opened it, else the clause file's versions in git; when neither has it, the view says
that approvals.yaml keeps only the digest.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..approvals import ApprovalState, lock_key, statuses
from ..editing.approved import find_approved
from ..errors import ClauseKitError
from ..locales import Locale, ui_locale
from ..model import Template, Variant
from .approval import state_text
from .compare import word_diff


class ChangesView:
    """The word-level difference between the approved and the current text of each edited variant."""

    def __init__(self, ui: Locale | None = None):
        self.ui = ui or ui_locale()
        self.html = widgets.HTML()
        self.html.add_class("ck-approval-changes")
        self.before: dict[tuple[str, str], Variant] = {}  # the variant as the editor first opened it

    def remember(self, clause_id: str, variant_id: str, before: Variant | None) -> None:
        if before is not None:
            self.before.setdefault((clause_id, variant_id), before)

    def show(self, template: Template) -> None:
        """One block per edited variant that is changed since its approval."""
        try:
            current = {s.key: s for s in statuses(template)}
        except ClauseKitError as exc:
            self.html.value = f'<pre class="ck-error">{html.escape(exc.format())}</pre>'
            return
        blocks = []
        for (clause_id, variant_id), before in self.before.items():
            status = current.get(lock_key(clause_id, variant_id))
            if status is None or status.state is not ApprovalState.CHANGED:
                continue
            variant = template.clause(clause_id).variant(variant_id)
            approved = find_approved(template, clause_id, variant_id, [before])
            title = html.escape(f"{clause_id}:{variant_id} · {state_text(str(status.state), self.ui)}")
            if approved is None:
                body = f'<p class="ck-muted">{html.escape(self.ui.text("editor.approved_unknown"))}</p>'
            else:
                body = f'<div class="ck-compare-text">{word_diff(approved.body, variant.body)}</div>'
            blocks.append(f'<div class="ck-change" data-key="{title}"><h4>{title}</h4>{body}</div>')
        heading = html.escape(self.ui.text("editor.changes_title"))
        self.html.value = f"<h3>{heading}</h3>{''.join(blocks)}" if blocks else ""
