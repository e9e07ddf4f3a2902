"""Syntax (CK1xx): files the loader cannot read, and constructs clauses may not use.

The loader stops at the first problem of a template; here that problem becomes a finding, and every
clause file of the template is also read on its own so that one run reports all broken files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import LoadError
from ..library import SHARED_DIR, TEMPLATE_FILE, Library, load_clause
from ..model import Finding
from .context import CheckContext
from .registry import Rule, declare, get, rule

JINJA_SYNTAX = declare(
    "CK101",
    "template-syntax-error",
    "error",
    """A clause text or condition is not valid template code.

    Why: the template cannot be loaded at all, so no document can be made from it.

    Example: `{% if ondernemingsraad %}` without `{% endif %}`, or `when: sector = "zorg"`
    (one `=` instead of `==`).

    Fix: close every `{{` with `}}`, every `{% if %}` with `{% endif %}`; compare with `==`.
    """,
)
INVALID_YAML = declare(
    "CK102",
    "invalid-yaml",
    "error",
    """template.yaml, the front matter of a clause, or checks.yaml is not valid YAML.

    Why: the file cannot be read, so the template cannot be loaded.

    Example: `title: Slot: overige bepalingen` (a second `: ` in an unquoted value), or a
    tab used for indentation.

    Fix: put quotes around values that contain `: ` or `#`; indent with spaces.
    """,
)
UNKNOWN_KEY = declare(
    "CK103",
    "unknown-key",
    "error",
    """A key in template.yaml, in the front matter of a clause, or in checks.yaml is not known.

    Why: a misspelt key (`requird: true`) would silently do nothing; the loader refuses it.

    Example: `titel: Geheimhouding` instead of `title: Geheimhouding`.

    Fix: use the key the hint suggests (see docs/authoring.md for every key).
    """,
)
DUPLICATE_ID = declare(
    "CK104",
    "duplicate-id",
    "error",
    """The same id (or YAML key) is used twice: a question, a clause in the list, a variant body.

    Why: the second one would silently replace or shadow the first.

    Example: two questions `- id: naam`, or `geheim` listed twice under `clauses:`.

    Fix: give every question, clause and variant its own id.
    """,
)
LOAD_ERROR = declare(
    "CK105",
    "load-error",
    "error",
    """The template cannot be loaded for another reason (a missing title, an unknown clause file, …).

    Why: no document can be made from a template that does not load.

    Example: `clauses: [doel, geheimm]` where no `geheimm.md` exists.

    Fix: follow the hint; it names the file and line.
    """,
)


def classify(error: LoadError) -> Rule:
    """The syntax rule a loader error belongs to."""
    message = error.message
    if message.startswith(("template syntax error", "invalid condition")):
        return JINJA_SYNTAX
    if "duplicate" in message or "twice" in message or "two bodies" in message or "two steps" in message:
        return DUPLICATE_ID
    if message.startswith("invalid YAML"):
        return INVALID_YAML
    if message.startswith("unknown key"):
        return UNKNOWN_KEY
    return LOAD_ERROR


def finding_of(error: LoadError) -> Finding:
    return classify(error).finding(error.message, error.location, error.hint or "")


def load_findings(library: Library, template_id: str, error: LoadError) -> list[Finding]:
    """The loader's error as a finding, plus the errors of each clause file read on its own."""
    findings = [finding_of(error)]
    for problem in _clause_problems(library, library.root / template_id):
        if problem.location != error.location:
            findings.append(finding_of(problem))
    return findings


def _clause_problems(library: Library, folder: Path) -> Iterator[LoadError]:
    if not (folder / TEMPLATE_FILE).is_file() or folder.name == SHARED_DIR:
        return
    for path in sorted(folder.glob("*.md")):
        try:
            clause = load_clause(path)
            for variant in clause.variants:
                library.engine.body(clause, variant)
                if variant.when:
                    library.engine.condition(variant.when, variant.when_location or variant.location)
        except LoadError as exc:
            yield exc


@rule("CK106", "unsafe-construct", "error")
def unsafe_construct(ctx: CheckContext) -> Iterator[Finding]:
    """A clause uses template code that can reach beyond text: `|attr`, `.format`, `|safe`, …

    Why: these are the doors of known sandbox escapes (CVE-2016-10745, CVE-2019-10906,
    CVE-2024-56326, CVE-2025-27516) and `|safe` would let an answer become markup. Clauses
    need none of them.

    Example: `{{ organisatie|safe }}`, `{{ "{0}".format(naam) }}`, `{% include "x" %}`.

    Fix: write the answer plainly (`{{ organisatie }}`); use the filters `datum` and
    `opsomming` for dates and lists.
    """
    analysis = ctx.analysis
    for code in analysis.all_code():
        for what, location in code.unsafe:
            yield get("CK106").finding(
                f"{what} is not allowed in a clause",
                location,
                "write answers plainly as {{ name }}; only ref(), vorm(), datum and opsomming are needed",
            )
