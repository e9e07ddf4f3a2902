"""The studio's checks panel: the findings of the checks, each linked to its clause.

The checks package is imported when first used, not when the studio starts.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..errors import ClauseKitError, Location
from ..library import Library
from ..locales import Locale, interface, ui_locale
from ..model import Finding, Template

SEVERITIES = {"error": "severity.error", "warning": "severity.warning", "info": "severity.info"}  # → key
MAX_FINDINGS = 200


def run_checks(root: Path, template_id: str, ui: Locale | None = None) -> list[Finding] | str:
    """The findings for a template, on a library of its own (safe in a worker thread).

    Returns a message instead when the template cannot load.
    """
    from ..checks import check_template

    library = Library(root)
    try:
        template = library.template(template_id)
        with interface(ui or ui_locale()):  # the findings in the studio's language
            return list(check_template(library, template))
    except ClauseKitError as exc:
        return exc.format()
    except Exception as exc:  # a bug in a rule must not leave the panel waiting forever
        return (ui or ui_locale()).text("studio.findings.failed", error=f"{type(exc).__name__}: {exc}")


class FindingsPanel:
    """The findings of the checks, each with a button that shows its clause."""

    def __init__(self, library: Library, on_select: Callable[[str], None], ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.library = library
        self.on_select = on_select
        self.template: Template | None = None
        self.findings: list[Finding] = []
        self.summary = widgets.HTML(
            f'<p class="ck-muted">{html.escape(ui.text("studio.findings.not_yet"))}</p>'
        )
        self.rows = widgets.VBox()
        self.refresh_button = widgets.Button(description=ui.text("studio.findings.again"), icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.refresh_button.layout.width = "auto"
        self.box = widgets.VBox([widgets.HBox([self.refresh_button]), self.summary, self.rows])
        self.box.add_class("ck-findings")
        self._clauses: dict[Path, str] = {}
        self._root: Path | None = None  # locations are shown relative to the library

    def refresh(self, template: Template | None = None) -> None:
        """Run the checks on ``template`` (default: the last one); in a worker thread when a loop
        runs (a kernel), so typing never waits."""
        template = self.template = template or self.template
        if template is None:
            return
        library = self.library
        # every edition's clause files: a finding in a translation leads to its clause too
        editions = tuple(template.editions.values()) or (template,)
        self._clauses = {e.clause.path.resolve(): e.clause.id for t in editions for e in t.entries}
        self._root = library.root.resolve()
        self.summary.value = f'<p class="ck-muted">{html.escape(self.ui.text("studio.findings.busy"))}</p>'
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.show(run_checks(library.root, template.id, self.ui))
            return
        future = loop.run_in_executor(None, run_checks, library.root, template.id, self.ui)
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
        order = list(SEVERITIES)
        result = sorted(result, key=lambda f: order.index(f.severity) if f.severity in order else len(order))
        self.findings = result
        counts = {s: sum(1 for f in result if f.severity == s) for s in SEVERITIES}
        if not result:
            self.summary.value = f'<p class="ck-ok">{html.escape(self.ui.text("studio.findings.none"))}</p>'
        else:
            parts = [f"{n} × {self.ui.text(SEVERITIES[s])}" for s, n in counts.items() if n]
            self.summary.value = f'<p class="ck-summary">{html.escape(", ".join(parts))}</p>'
        self.rows.children = tuple(self._row(f) for f in result[:MAX_FINDINGS])

    def _row(self, finding: Finding) -> widgets.Widget:
        severity = finding.severity if finding.severity in SEVERITIES else "info"
        badge = html.escape(self.ui.text(SEVERITIES[severity]))
        where = (
            f'<span class="ck-where">{html.escape(self.where(finding))}</span>' if finding.location else ""
        )
        hint = f'<div class="ck-hint">hint: {html.escape(finding.hint)}</div>' if finding.hint else ""
        text = widgets.HTML(
            f'<div class="ck-finding ck-{severity}"><span class="ck-badge">{badge}</span>'
            f" <code>{html.escape(finding.code)}</code> {html.escape(finding.message)} {where}{hint}</div>",
            layout=widgets.Layout(flex="1 1 auto"),
        )
        clause = self.clause_of(finding)
        if clause is None:
            return text
        button = widgets.Button(
            description=self.ui.text("studio.findings.go"),
            tooltip=clause,
            layout=widgets.Layout(width="10em", flex="0 0 auto"),
        )
        button.add_class("ck-goto")
        button.on_click(lambda _b: self.on_select(clause))
        return widgets.HBox([text, button])
