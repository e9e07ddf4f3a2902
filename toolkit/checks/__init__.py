"""The checks: a linter for templates, with stable rule codes, over the whole answer space.

>>> from toolkit import Library
>>> from toolkit.checks import check_template
>>> library = Library("clauses")
>>> findings = check_template(library, library.template("richtlijnen-social-media"))

Each rule is a small function registered with a code (`CK101` …), a kebab-case name and a
severity; its docstring is its documentation (`clausekit rules`, `docs/rules.md`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import LoadError
from ..library import Library
from ..model import Finding, Template
from . import rules as _rules  # noqa: F401  (registers every rule)
from .config import CheckConfig, load_config
from .context import CheckContext
from .registry import Rule, all_rules, get, selected
from .silences import apply_silences
from .syntax import load_findings
from .translations import in_translation

__all__ = [
    "CheckConfig",
    "CheckResult",
    "Finding",
    "Rule",
    "all_rules",
    "check",
    "check_template",
    "get",
]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class CheckResult:
    """The findings for one template, and what the answer space search covered (when it ran)."""

    template_id: str
    findings: list[Finding] = field(default_factory=list)
    coverage: dict[str, object] | None = None
    coverage_text: str = ""

    def describe_coverage(self) -> str:
        return self.coverage_text

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def check_template(
    library: Library,
    template: Template,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: CheckConfig | None = None,
) -> list[Finding]:
    """Every finding of the selected rules for `template` (sorted by file and line)."""
    return _run(library, template, select, ignore, config).findings


def check(
    library: Library,
    template_id: str,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: CheckConfig | None = None,
) -> CheckResult:
    """Load and check one template; a template that does not load gives findings, not an exception."""
    try:
        template = library.template(template_id)
    except LoadError as exc:
        findings = load_findings(library, template_id, exc)
        return CheckResult(template_id, _filter(findings, select, ignore))
    return _run(library, template, select, ignore, config)


def _run(
    library: Library,
    template: Template,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    config: CheckConfig | None,
) -> CheckResult:
    try:
        settings = config or load_config(template.path)
    except LoadError as exc:
        return CheckResult(template.id, _filter(load_findings(library, template.id, exc), select, ignore))
    ignored = [*(ignore or ()), *settings.ignore]
    context = CheckContext(library, template, settings)
    ran = {rule.code for rule in all_rules() if selected(rule.code, select, ignored)}
    findings = _findings(context, ran)
    for edition in context.editions.values():
        findings += _findings(edition, ran)
    result = CheckResult(template.id, _filter(findings, select, ignored))  # sorted by _filter
    if "space" in context.__dict__:  # the answer space was searched (some selected rule needed it)
        result.coverage, result.coverage_text = context.space.summary(), context.space.describe()
    return result


# Rules that look at every edition at once (approvals, translations) run on the source only.
WHOLE_TEMPLATE = frozenset({"Approvals", "Translations"})


def _findings(context: CheckContext, ran: set[str]) -> list[Finding]:
    """The findings of the rules in ``ran`` on one edition, silences applied. An edition's findings
    are those in its own translation files: the rest (its questions, conditions and untranslated
    text are the source's) the source's run reports once."""
    template = context.template
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.function is None or rule.code not in ran:
            continue
        if template.is_edition and rule.family in WHOLE_TEMPLATE:
            continue
        findings.extend(rule.function(context))
    findings = apply_silences(template, findings, context.config, ran)
    if template.is_edition:
        findings = [f for f in findings if in_translation(f.location, template.language)]
    return findings


def _filter(
    findings: Iterable[Finding], select: Sequence[str] | None, ignore: Sequence[str] | None
) -> list[Finding]:
    return sort_findings(f for f in findings if selected(f.code, select, ignore))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[str, int, int, str]:
        loc = f.location
        return (
            str(loc.path) if loc else "",
            (loc.line or 0) if loc else 0,
            SEVERITY_ORDER[f.severity],
            f.code,
        )

    unique = {(f.code, f.location, f.message): f for f in findings}
    return sorted(unique.values(), key=key)
