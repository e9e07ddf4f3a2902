"""Syntax (CK1xx): files the loader cannot read, and constructs clauses may not use.

The loader stops at the first problem of a template; here that problem becomes a finding, and every
clause file of the template is also read on its own so that one run reports all broken files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jinja2 import nodes
from jinja2.nodes import EvalContext, Impossible

from ..errors import LoadError, Location
from ..library import SHARED_DIR, TEMPLATE_FILE, Library, load_clause
from ..locales import ui_locale
from ..model import Finding
from ..sandbox import MAX_RANGE, REFUSED_GLOBALS, SAFE_ATTRIBUTES, SAFE_FILTERS
from .analysis import UNSAFE_ATTRIBUTES, UNSAFE_FILTERS
from .context import CheckContext
from .registry import Rule, declare, get, rule
from .source import entry_when_location

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
    if error.kind == "syntax":
        return JINJA_SYNTAX
    if error.kind == "duplicate":
        return DUPLICATE_ID
    if error.kind == "yaml":
        return INVALID_YAML
    if error.kind == "unknown_key":
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
            words = ui_locale()
            yield get("CK106").finding(
                words.text("check.CK106", what=what), location, words.text("check.CK106.hint")
            )


HELPERS = frozenset({"ref", "vorm", "range", *REFUSED_GLOBALS})
ALLOWED_ATTRIBUTES = frozenset().union(*SAFE_ATTRIBUTES.values())
TOOLKIT_FILTERS = frozenset({"datum", "opsomming"})


@rule("CK107", "sandbox-escape", "error")
def sandbox_escape(ctx: CheckContext) -> Iterator[Finding]:
    """A clause reaches for something the sandbox refuses: an attribute, `%` formatting, `lipsum`, ….

    Why: a clause body sees only answers and the helpers `ref()`, `vorm()`, `range()` (up to
    1000 numbers) and a few filters. An attribute of a helper (`ref.template`), any attribute
    outside the short list of text, list and date methods (`upper`, `lower`, `title`,
    `capitalize`, `strip`, `startswith`, `endswith`, `split`, `count`, `index`, `year`,
    `month`, `day`, `weekday`, `loop.index`, …), `'%s' % naam`, Jinja's `lipsum`, `cycler`,
    `joiner`, `namespace` and `dict`, recursive loops and large ranges are the doors of sandbox
    escapes and of renders that never end; the renderer refuses them, this rule finds them first.

    Example: `{{ ref.template.path.joinpath("/etc/hostname").read_text() }}`,
    `{{ "%s" % naam }}`, `{{ lipsum(5) }}`, `{% for i in range(100000) %}`.

    Fix: write answers plainly (`{{ naam }}`), refer with `{{ ref("id") }}`, and use the
    filters `datum` and `opsomming` for dates and lists.
    """
    env = ctx.library.engine.env
    for entry in ctx.template.entries:
        clause = entry.clause
        if entry.when:
            yield from _escapes(env.parse("{{ (" + entry.when + ") }}"), entry_when_location(entry))
        for variant in clause.variants:
            padded = "\n" * ((variant.location.line or 1) - 1) + variant.body
            yield from _escapes(env.parse(padded), clause.path)
            if variant.when:
                tree = env.parse("{{ (" + variant.when + ") }}")
                yield from _escapes(tree, variant.when_location or variant.location)
    for question in ctx.template.questions:
        if question.when:
            tree = env.parse("{{ (" + question.when + ") }}")
            yield from _escapes(tree, question.when_location or question.location)


def _escapes(tree: nodes.Template, place: Location | Path) -> Iterator[Finding]:
    """The findings of one parsed body (``place``: its file) or condition (``place``: its line).

    CK106's constructs (`|attr`, `.format`, dunders, …) are left to CK106.
    """

    def where(node: nodes.Node) -> Location:
        return Location(place, node.lineno) if isinstance(place, Path) else place

    found: dict[tuple[Location, str], None] = {}
    for attr in tree.find_all(nodes.Getattr):
        name = attr.attr
        if isinstance(attr.node, nodes.Name) and attr.node.name in HELPERS:
            found[(where(attr), f"the attribute .{name} of {attr.node.name}")] = None
        elif name not in ALLOWED_ATTRIBUTES and name not in UNSAFE_ATTRIBUTES and not name.startswith("_"):
            found[(where(attr), f"the attribute .{name}")] = None
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.node, nodes.Name) and item.node.name in HELPERS:
            found[(where(item), f"an item of {item.node.name}")] = None
        elif isinstance(item.arg, nodes.Const) and _plain_key(item.arg.value):
            found[(where(item), f"the item [{item.arg.value!r}]")] = None
    for mod in tree.find_all(nodes.Mod):
        if not _numeric(mod.left):
            found[(where(mod), "formatting text with %")] = None
    for filt in tree.find_all(nodes.Filter):
        if filt.name not in SAFE_FILTERS | TOOLKIT_FILTERS | UNSAFE_FILTERS:
            found[(where(filt), f"the filter |{filt.name}")] = None
    for used in tree.find_all(nodes.Name):
        if used.ctx == "load" and used.name in REFUSED_GLOBALS:
            found[(where(used), used.name)] = None
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "range" and not _small_range(call):
            found[(where(call), f"range() beyond {MAX_RANGE} numbers or with computed bounds")] = None
    for loop in tree.find_all(nodes.For):
        if loop.recursive:
            found[(where(loop), "a recursive loop")] = None
    by_line: dict[Location, list[str]] = {}
    for location, what in found:
        by_line.setdefault(location, []).append(what)
    for location, whats in by_line.items():  # one finding per line: a chain a.b.c is one problem
        words = ui_locale()
        yield get("CK107").finding(
            words.text("check.CK107", what=", ".join(whats)), location, words.text("check.CK107.hint")
        )


def _plain_key(value: object) -> bool:
    """A text key that CK106 does not report already (those start with ``_``)."""
    return isinstance(value, str) and not value.startswith("_")


def _numeric(node: nodes.Node) -> bool:
    """Whether the left side of ``%`` is a number for sure (a constant, or a name that is no text)."""
    if isinstance(node, nodes.Const):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return isinstance(node, (nodes.Name, nodes.Getattr, nodes.BinExpr, nodes.Filter, nodes.Call))


def _small_range(call: nodes.Call) -> bool:
    for arg in call.args:
        if isinstance(arg, nodes.Name):
            continue  # an answer: bounded when rendered
        try:
            value = arg.as_const(EvalContext(arg.environment)) if arg.environment else Impossible
        except Impossible:
            return False
        if not isinstance(value, int) or abs(value) > MAX_RANGE:
            return False
    return not call.kwargs and call.dyn_args is None and call.dyn_kwargs is None
