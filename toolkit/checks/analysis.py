"""Static analysis of clause bodies and conditions through Jinja's own parser (no rendering)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import meta, nodes

from ..errors import Location
from ..model import Clause, Template, Variant
from ..render import Engine
from .source import entry_when_location

# Names the render core puts in every context besides the answers.
PROVIDED = frozenset({"ref", "vorm", "aanspreekvorm"})
# Filters and attributes that reach beyond plain text (threats.md: attr/format SSTI, |safe).
UNSAFE_FILTERS = frozenset({"attr", "format", "safe", "xmlattr", "tojson", "pprint"})
UNSAFE_ATTRIBUTES = frozenset({"format", "format_map", "mro"})
UNSAFE_NODES: dict[type[nodes.Node], str] = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
}


@dataclass(frozen=True)
class RefCall:
    target: str | None  # None: not a literal clause id
    sub: int | None
    location: Location
    item: str | None = None  # the list item's letter: ref("id", 2, "b")


@dataclass(frozen=True)
class Comparison:
    """`name == "value"`, `"value" in name` or `name in ["a", "b"]`: a question against a constant."""

    name: str
    value: Any
    location: Location


@dataclass
class Code:
    """What one piece of template code (a body or a condition) uses."""

    names: dict[str, Location] = field(default_factory=dict)  # answers used, first place of use
    refs: list[RefCall] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    unsafe: list[tuple[str, Location]] = field(default_factory=list)
    # The tests of its `{% if %}`/`{% elif %}` and `a if b else c`, as Jinja's node trees (no line numbers)
    conditions: list[tuple[str, Location]] = field(default_factory=list)


@dataclass
class TemplateAnalysis:
    bodies: dict[tuple[str, str], Code]  # (clause, variant) → its body
    variant_conditions: dict[tuple[str, str], Code]
    entry_conditions: dict[str, Code]  # clause id → the template's condition for including it
    question_conditions: dict[str, Code]

    def all_code(self) -> Iterator[Code]:
        yield from self.bodies.values()
        yield from self.variant_conditions.values()
        yield from self.entry_conditions.values()
        yield from self.question_conditions.values()

    def condition_names(self, *clause_ids: str, variants: bool = True) -> set[str]:
        """The answers the conditions of these clauses use (inclusion, and variants unless not)."""
        names: set[str] = set()
        for clause_id in clause_ids:
            if clause_id in self.entry_conditions:
                names |= set(self.entry_conditions[clause_id].names)
            for (cid, _vid), code in self.variant_conditions.items() if variants else ():
                if cid == clause_id:
                    names |= set(code.names)
        return names

    def used_names(self) -> set[str]:
        return {name for code in self.all_code() for name in code.names}


def analyse(engine: Engine, template: Template) -> TemplateAnalysis:
    bodies: dict[tuple[str, str], Code] = {}
    variant_conditions: dict[tuple[str, str], Code] = {}
    entry_conditions: dict[str, Code] = {}
    for entry in template.entries:
        clause = entry.clause
        if entry.when:
            entry_conditions[clause.id] = condition_code(engine, entry.when, entry_when_location(entry))
        for variant in clause.variants:
            bodies[(clause.id, variant.id)] = body_code(engine, clause, variant)
            if variant.when:
                where = variant.when_location or variant.location
                variant_conditions[(clause.id, variant.id)] = condition_code(engine, variant.when, where)
    questions = {
        q.id: condition_code(engine, q.when, q.when_location or q.location)
        for q in template.questions
        if q.when
    }
    return TemplateAnalysis(bodies, variant_conditions, entry_conditions, questions)


def body_code(engine: Engine, clause: Clause, variant: Variant) -> Code:
    """The body is parsed padded like the render core does, so node line numbers are file lines."""
    padded = "\n" * ((variant.location.line or 1) - 1) + variant.body
    tree = engine.env.parse(padded)
    return _inspect(engine, tree, lambda node: Location(clause.path, node.lineno))


def condition_code(engine: Engine, expression: str, location: Location) -> Code:
    tree = engine.env.parse("{{ (" + expression + ") }}")
    return _inspect(engine, tree, lambda node: location)


def _inspect(engine: Engine, tree: nodes.Template, where: Any) -> Code:
    code = Code()
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "ref":
            code.refs.append(_ref(call, where(call)))
    for test in [*tree.find_all(nodes.If), *tree.find_all(nodes.CondExpr)]:
        assert isinstance(test, (nodes.If, nodes.CondExpr))
        code.conditions.append((repr(test.test), where(test)))
    for compare in tree.find_all(nodes.Compare):
        code.comparisons.extend(_comparisons(compare, where(compare)))
    for filt in tree.find_all(nodes.Filter):
        if filt.name in UNSAFE_FILTERS:
            code.unsafe.append((f"the filter |{filt.name}", where(filt)))
    for attr in tree.find_all(nodes.Getattr):
        if attr.attr in UNSAFE_ATTRIBUTES or attr.attr.startswith("_"):
            code.unsafe.append((f"the attribute .{attr.attr}", where(attr)))
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.arg, nodes.Const) and str(item.arg.value).startswith("_"):
            code.unsafe.append((f"the item [{item.arg.value!r}]", where(item)))
    for kind, label in UNSAFE_NODES.items():
        for statement in tree.find_all(kind):
            code.unsafe.append((label, where(statement)))
    # Last: Jinja's analysis of undeclared names folds constants in the tree it is given.
    undeclared = meta.find_undeclared_variables(tree) - set(engine.env.globals)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and node.name not in code.names:
            code.names[node.name] = where(node)
    return code


def _ref(call: nodes.Call, location: Location) -> RefCall:
    target = call.args[0].value if call.args and isinstance(call.args[0], nodes.Const) else None
    sub_node = call.args[1] if len(call.args) > 1 else None
    item_node = call.args[2] if len(call.args) > 2 else None
    for kwarg in call.kwargs:
        if kwarg.key == "sub":
            sub_node = kwarg.value
        if kwarg.key == "item":
            item_node = kwarg.value
    sub = sub_node.value if isinstance(sub_node, nodes.Const) and isinstance(sub_node.value, int) else None
    item = (
        item_node.value if isinstance(item_node, nodes.Const) and isinstance(item_node.value, str) else None
    )
    return RefCall(str(target) if target is not None else None, sub, location, item)


def _comparisons(compare: nodes.Compare, location: Location) -> Iterator[Comparison]:
    left = compare.expr
    for operand in compare.ops:
        right = operand.expr
        for a, b in ((left, right), (right, left)):
            if isinstance(a, nodes.Name) and isinstance(b, nodes.Const):
                yield Comparison(a.name, b.value, location)
            if isinstance(a, nodes.Name) and isinstance(b, (nodes.List, nodes.Tuple)):
                for item in b.items:
                    if isinstance(item, nodes.Const):
                        yield Comparison(a.name, item.value, location)
        left = right
