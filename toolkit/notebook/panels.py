"""The studio's side panels: findings of the checks, approvals, and export to files.

The checks and approvals packages are imported when first used, not when the studio starts.
"""

from __future__ import annotations

import asyncio
import base64
import html
import mimetypes
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..errors import ClauseKitError, Location
from ..library import Library
from ..model import Finding, Template

if TYPE_CHECKING:
    from ..approvals import VariantStatus

SEVERITY_NL = {"error": "fout", "warning": "waarschuwing", "info": "info"}
STATE_NL = {"approved": "goedgekeurd", "changed": "gewijzigd", "new": "nieuw"}
MAX_FINDINGS = 200
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
    "md": "text/markdown",
}


def run_checks(root: Path, template_id: str) -> list[Finding] | str:
    """The findings for a template, on a library of its own (safe in a worker thread).

    Returns a message instead when the template cannot load.
    """
    from ..checks import check_template

    library = Library(root)
    try:
        template = library.template(template_id)
        return list(check_template(library, template))
    except ClauseKitError as exc:
        return exc.format()
    except Exception as exc:  # a bug in a rule must not leave the panel waiting forever
        return f"De controles zijn mislukt: {type(exc).__name__}: {exc}"


class FindingsPanel:
    """The findings of the checks, each with a button that shows its clause."""

    def __init__(self, on_select: Callable[[str], None]):
        self.on_select = on_select
        self.findings: list[Finding] = []
        self.summary = widgets.HTML('<p class="ck-muted">Nog niet gecontroleerd.</p>')
        self.rows = widgets.VBox()
        self.refresh_button = widgets.Button(description="Opnieuw controleren", icon="refresh")
        self.refresh_button.layout.width = "auto"
        self.box = widgets.VBox([widgets.HBox([self.refresh_button]), self.summary, self.rows])
        self.box.add_class("ck-findings")
        self._clauses: dict[Path, str] = {}
        self._root: Path | None = None  # locations are shown relative to the library

    def refresh(self, library: Library, template: Template) -> None:
        """Run the checks; in a worker thread when a loop runs (a kernel), so typing never waits."""
        self._clauses = {entry.clause.path.resolve(): entry.clause.id for entry in template.entries}
        self._root = library.root.resolve()
        self.summary.value = '<p class="ck-muted">Bezig met controleren…</p>'
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.show(run_checks(library.root, template.id))
            return
        future = loop.run_in_executor(None, run_checks, library.root, template.id)
        future.add_done_callback(lambda done: self.show(done.result()))

    def clause_of(self, finding: Finding) -> str | None:
        if finding.location is None:
            return None
        return self._clauses.get(Path(finding.location.path).resolve())

    def where(self, finding: Finding) -> str:
        """``file:line`` of a finding, relative to the library when it lies inside it."""
        location = finding.location
        if location is None:
            return ""
        path = Path(location.path).resolve()
        if self._root is not None and path.is_relative_to(self._root):
            path = path.relative_to(self._root)
        return str(Location(path, location.line, location.column))

    def show(self, result: list[Finding] | str) -> None:
        if isinstance(result, str):
            self.findings = []
            self.summary.value = f'<p class="ck-muted">{html.escape(result)}</p>'
            self.rows.children = ()
            return
        order = list(SEVERITY_NL)
        result = sorted(result, key=lambda f: order.index(f.severity) if f.severity in order else len(order))
        self.findings = result
        counts = {s: sum(1 for f in result if f.severity == s) for s in SEVERITY_NL}
        if not result:
            self.summary.value = '<p class="ck-ok">Geen bevindingen: alle controles slagen.</p>'
        else:
            parts = [f"{n} × {SEVERITY_NL[s]}" for s, n in counts.items() if n]
            self.summary.value = f'<p class="ck-summary">{html.escape(", ".join(parts))}</p>'
        self.rows.children = tuple(self._row(f) for f in result[:MAX_FINDINGS])

    def _row(self, finding: Finding) -> widgets.Widget:
        severity = finding.severity if finding.severity in SEVERITY_NL else "info"
        where = (
            f'<span class="ck-where">{html.escape(self.where(finding))}</span>' if finding.location else ""
        )
        hint = f'<div class="ck-hint">hint: {html.escape(finding.hint)}</div>' if finding.hint else ""
        text = widgets.HTML(
            f'<div class="ck-finding ck-{severity}"><span class="ck-badge">{SEVERITY_NL[severity]}</span>'
            f" <code>{html.escape(finding.code)}</code> {html.escape(finding.message)} {where}{hint}</div>",
            layout=widgets.Layout(flex="1 1 auto"),
        )
        clause = self.clause_of(finding)
        if clause is None:
            return text
        button = widgets.Button(
            description="Toon clausule", tooltip=clause, layout=widgets.Layout(width="10em", flex="0 0 auto")
        )
        button.add_class("ck-goto")
        button.on_click(lambda _b: self.on_select(clause))
        return widgets.HBox([text, button])


class ApprovalPanel:
    """Status per clause variant and the Approve action (who and when, recorded by the core)."""

    session_name = ""  # the editor's name, asked once per kernel session and shared by all studios

    def __init__(self, on_approved: Callable[[], None]):
        self.on_approved = on_approved
        self.template: Template | None = None
        self.table = widgets.HTML()
        self.name = widgets.Text(value=type(self).session_name, placeholder="Uw naam", description="Naam")
        self.note = widgets.Text(placeholder="optioneel", description="Notitie")
        self.targets = widgets.SelectMultiple(options=[], rows=8, description="Selectie")
        self.targets.layout.width = "40em"
        self.button = widgets.Button(description="Goedkeuren", button_style="success", icon="check")
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
            self.message.value = '<p class="ck-error">Vul eerst uw naam in.</p>'
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
        self.message.value = f'<p class="ck-ok">{len(done)} goedgekeurd door {html.escape(name)}.</p>'
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
    head = "<tr><th>Clausule</th><th>Variant</th><th>Status</th><th>Goedgekeurd door</th></tr>"
    return f'<table class="ck-table">{head}{"".join(rows)}</table>'


def download_link(name: str, data: bytes, label: str) -> str:
    """An ``<a download>`` holding the file itself (a data: URI, so no server route is needed);
    used by the studio and by the web questionnaire."""
    extension = name.rsplit(".", 1)[-1]
    mime = MIME_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="ck-download ck-download-{html.escape(extension)}" download="{html.escape(name)}"'
        f' href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )
