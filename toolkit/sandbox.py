"""The clause sandbox: what template code in a clause may see, and how much it may do.

Jinja's ``ImmutableSandboxedEnvironment``, narrowed to plain values. A clause body sees the answers
(str, int, float, bool, date, a list of text, or None), ``ref``/``vorm`` as functions that return
text, and ``range`` with a cap. No attribute is reachable except the short allow-list
:data:`SAFE_ATTRIBUTES` (no dunder, nothing of a function, a macro, ``self`` or the engine), and
string formatting (``.format``, ``format_map``, ``%``, ``|format``) and ``|attr`` are refused.

Every rendering of one clause body (or one condition) gets a :class:`Budget`:

=====================  ==========  ===========================================================
constant               value       bounds
=====================  ==========  ===========================================================
``MAX_SECONDS``        2.0         wall time, checked every 1024 loop steps and calls
``MAX_STEPS``          100 000     loop iterations plus calls (macros, ``ref``, ``vorm``)
``MAX_OUTPUT``         200 000     characters printed by one body (``{{ }}`` and literal text)
``MAX_TEXT``           100 000     characters of one text or list made by ``*``, ``+``, ``~``,
                                   ``join``, ``center``, ``indent``, ``replace``, ``wordwrap``
``MAX_RANGE``          1 000       numbers in one ``range(…)``
``MAX_INT_BITS``       4 096       bits of a number made by ``*`` or ``**`` (about 1 200 digits)
``MAX_DEPTH``          50          nested macro calls (a macro calling itself)
=====================  ==========  ===========================================================
"""

from __future__ import annotations

import datetime as dt
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template as JinjaTemplate
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import FILTERS, do_center, do_indent, do_join, do_replace, do_wordwrap
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context, pass_environment, pass_eval_context

from .locales import ui_text

MAX_SECONDS = 2.0
MAX_STEPS = 100_000
MAX_OUTPUT = 200_000
MAX_TEXT = 100_000
MAX_RANGE = 1_000
MAX_INT_BITS = 4_096
MAX_DEPTH = 50

# The only attributes a clause can reach: harmless, side-effect free, returning plain values.
SAFE_ATTRIBUTES: Mapping[type, frozenset[str]] = {
    str: frozenset(
        {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip"}
        | {"startswith", "endswith", "split", "count"}
    ),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
    dt.date: frozenset({"year", "month", "day", "weekday", "isoweekday"}),
    LoopContext: frozenset(
        {"index", "index0", "revindex", "revindex0", "first", "last", "length"}
        | {"depth", "depth0", "previtem", "nextitem"}
    ),
}
# Filters a clause may use (besides the toolkit's own); every other built-in filter is refused.
SAFE_FILTERS = frozenset(
    {"abs", "capitalize", "center", "count", "d", "default", "first", "float", "indent", "int", "join"}
    | {"last", "length", "list", "lower", "map", "max", "min", "reject", "replace", "reverse", "round"}
    | {"select", "sort", "string", "sum", "title", "trim", "truncate", "unique", "upper", "wordcount"}
    | {"wordwrap"}
    # harmless here: its Markup is escaped like any text (CK106 still reports it)
    | {"safe"}
)
# Globals Jinja provides that a clause does not need; they are refused with a clear message.
REFUSED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace", "dict")
PLAIN_SCALARS = (bool, int, float, str, dt.date)


def code_hint() -> str:
    """What a clause may use, in the interface's words: the hint of every refusal."""
    return ui_text("sandbox.code.hint")


class RefusedConstruct(TemplateSyntaxError):
    """A construct refused when a clause is compiled (``{% include %}``, a recursive loop): a syntax
    error whose hint is :func:`code_hint`, whatever the language of its message."""


class LimitExceeded(SecurityError):
    """A render went past one of the limits of its :class:`Budget`; carries a hint for the author."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


class Budget:
    """What one rendering may still spend: steps, output characters, macro depth, time."""

    __slots__ = ("deadline", "depth", "output", "steps")

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.output = 0
        self.depth = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps -= 1
        if not self.steps % 1024:  # the clock is read every 1024 steps only: cheap
            if self.steps <= 0:
                raise LimitExceeded(
                    ui_text("sandbox.steps", limit=MAX_STEPS), ui_text("sandbox.steps.hint", range=MAX_RANGE)
                )
            if time.monotonic() > self.deadline:
                raise LimitExceeded(
                    ui_text("sandbox.seconds", seconds=f"{MAX_SECONDS:g}"), ui_text("sandbox.seconds.hint")
                )


def too_much_output() -> LimitExceeded:
    return LimitExceeded(ui_text("sandbox.output", limit=MAX_OUTPUT), ui_text("sandbox.output.hint"))


def budget_of(context: Context) -> Budget:
    """The budget of the rendering ``context`` belongs to (made with the context)."""
    try:
        budget: Budget = context.__dict__["_clause_budget"]
    except KeyError:  # a context Jinja made without new_context(): budget it from here
        budget = context.__dict__["_clause_budget"] = Budget()
    return budget


def too_long(size: int) -> LimitExceeded:
    return LimitExceeded(ui_text("sandbox.text", size=size, limit=MAX_TEXT), ui_text("sandbox.text.hint"))


def checked(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise too_long(len(value))
    return value


def refused(name: str, filter_: bool = False) -> Callable[..., Any]:
    """A stand-in for a filter (``|name``) or a global (``name()``) that clauses may not use:
    refuses when called."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        what = ui_text("sandbox.filter", name=name) if filter_ else f"{name}()"
        raise SecurityError(ui_text("sandbox.refused", what=what))

    return refuse


def capped_range(*args: int) -> range:
    """``range()`` with at most :data:`MAX_RANGE` numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitExceeded(
            ui_text("sandbox.range", count=len(numbers), limit=MAX_RANGE),
            ui_text("sandbox.range.hint", limit=MAX_RANGE),
        )
    return numbers


# -- size-checked filters: the size is known, or bounded, before the text is built -------------
@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    if len(items) > 1 and len(str(d)) * (len(items) - 1) > MAX_TEXT:
        raise too_long(len(str(d)) * (len(items) - 1))
    return str(checked(do_join(eval_ctx, items, d, attribute)))


def _center(value: str, width: int = 80) -> str:
    if width > MAX_TEXT:
        raise too_long(width)
    return checked(do_center(value, width))  # type: ignore[no-any-return]


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    pad = width if isinstance(width, int) else len(str(width))
    if pad * (str(s).count("\n") + 1) + len(str(s)) > MAX_TEXT:
        raise too_long(pad * (str(s).count("\n") + 1) + len(str(s)))
    return checked(do_indent(s, width, first, blank))  # type: ignore[no-any-return]


@pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    times = text.count(old) if count is None or count < 0 else min(count, text.count(old))
    if len(text) + times * (len(new) - len(old)) > MAX_TEXT:
        raise too_long(len(text) + times * (len(new) - len(old)))
    return str(checked(do_replace(eval_ctx, s, old, new, count)))


@pass_environment
def _wordwrap(environment: Any, s: str, width: int = 79, break_long_words: bool = True,
              wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:  # fmt: skip
    separator = len(wrapstring) if wrapstring is not None else len(environment.newline_sequence)
    if len(str(s)) * (1 + separator) > MAX_TEXT:
        raise too_long(len(str(s)) * (1 + separator))
    return checked(do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens))  # type: ignore[no-any-return]


CHECKED_FILTERS: Mapping[str, Callable[..., Any]] = {
    "join": _join, "center": _center, "indent": _indent, "replace": _replace, "wordwrap": _wordwrap,
}  # fmt: skip


class ClauseCodeGenerator(CodeGenerator):
    """Jinja's code generator with the budget hooks: loops are counted, ``~`` is size-checked,
    and constructs that reach other templates are refused when the clause is compiled."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if node.recursive:
            raise RefusedConstruct(ui_text("sandbox.recursive"), node.lineno, self.name, self.filename)
        counted = nodes.Call(
            nodes.EnvironmentAttribute("iterate"),
            [nodes.ContextReference(), node.iter],
            [],
            None,
            None,
            lineno=node.iter.lineno,
        )
        super().visit_For(nodes.For(node.target, counted, node.body, node.else_, node.test, False,
                                    lineno=node.lineno), frame)  # fmt: skip

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat_checked((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _refuse(self, node: nodes.Node, what: str) -> None:
        raise RefusedConstruct(ui_text("sandbox.construct", what=what), node.lineno, self.name, self.filename)

    def visit_Include(self, node: nodes.Include, frame: Frame) -> None:
        self._refuse(node, "{% include %}")

    def visit_Import(self, node: nodes.Import, frame: Frame) -> None:
        self._refuse(node, "{% import %}")

    def visit_FromImport(self, node: nodes.FromImport, frame: Frame) -> None:
        self._refuse(node, "{% from … import %}")

    def visit_Extends(self, node: nodes.Extends, frame: Frame) -> None:
        self._refuse(node, "{% extends %}")


class BudgetedTemplate(JinjaTemplate):
    """A compiled clause whose every rendering (a new context) starts a fresh :class:`Budget`."""

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> Context:
        context = super().new_context(vars, shared, locals)
        context.__dict__["_clause_budget"] = Budget()
        return context


class ClauseEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox clause bodies and conditions run in: plain values only, every render bounded."""

    code_generator_class = ClauseCodeGenerator
    template_class = BudgetedTemplate
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, finalize: Callable[[Any], str], **options: Any) -> None:
        @pass_context
        def bounded_finalize(context: Context, value: Any) -> str:
            text = finalize(value)
            budget = budget_of(context)
            budget.output += len(text)  # inline, not a method: this runs for every {{ … }}
            if budget.output > MAX_OUTPUT:
                raise too_much_output()
            return text

        super().__init__(finalize=bounded_finalize, **options)
        self.globals.clear()
        self.globals["range"] = capped_range
        self.globals.update({name: refused(name) for name in REFUSED_GLOBALS})
        for name in FILTERS:
            if name not in SAFE_FILTERS:
                self.filters[name] = refused(name, filter_=True)
        self.filters.update(CHECKED_FILTERS)

    # -- what a clause can see -------------------------------------------------------------------
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        allowed = SAFE_ATTRIBUTES.get(type(obj))
        if allowed is None:
            allowed = next((names for kind, names in SAFE_ATTRIBUTES.items() if isinstance(obj, kind)), None)
        return allowed is not None and attr in allowed

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` and ``format_map`` are refused like any other method (Jinja wraps them)."""
        return None

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        return self.undefined(
            ui_text("sandbox.attribute", attribute=attribute),
            obj=obj,
            name=attribute,
            exc=SecurityError,
        )

    # -- how much it can do ----------------------------------------------------------------------
    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = budget_of(__context)
        budget.step()
        if not isinstance(__obj, Macro):
            return super().call(__context, __obj, *args, **kwargs)
        budget.depth += 1
        try:
            if budget.depth > MAX_DEPTH:
                raise LimitExceeded(ui_text("sandbox.depth", limit=MAX_DEPTH), ui_text("sandbox.depth.hint"))
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1

    def iterate(self, context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
        """Every ``{% for %}`` loops through here: each step is counted against the budget."""
        budget = budget_of(context)
        for item in iterable:
            budget.step()
            yield item

    def concat_checked(self, parts: tuple[Any, ...]) -> str:
        """The ``~`` operator, size-checked."""
        return str(checked("".join(map(str, parts))))

    def concat(self, parts: Iterable[str]) -> str:
        """The output of a body or a macro, size-checked (each part is bounded already: printed
        values by the finalizer's count, literal text by the source and the step limit)."""
        text = "".join(parts)
        if len(text) > MAX_OUTPUT:
            raise too_much_output()
        return text

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "%":
            if isinstance(left, str):
                raise SecurityError(ui_text("sandbox.percent"))
            return operator.mod(left, right)
        if operator_ == "**":
            if (
                isinstance(right, int)
                and isinstance(left, int)
                and left.bit_length() * abs(right) > MAX_INT_BITS
            ):
                raise _too_big()
            return operator.pow(left, right)
        if operator_ == "+":
            sized = isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple))
            if sized and len(left) + len(right) > MAX_TEXT:
                raise too_long(len(left) + len(right))
            return operator.add(left, right)
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_TEXT:
                raise too_long(len(seq) * count)
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > MAX_INT_BITS
        ):
            raise _too_big()
        return operator.mul(left, right)


def _too_big() -> LimitExceeded:
    return LimitExceeded(ui_text("sandbox.number", bits=MAX_INT_BITS), ui_text("sandbox.number.hint"))


def plain_value(name: str, value: Any) -> Any:
    """An answer as a clause may see it: str, int, float, bool, date, a list of text, or None.

    Subclasses (a YAML loader's ``ScalarInt``, ``Trusted``) become their plain type, so that no
    method of theirs reaches a clause; anything else raises ``TypeError`` naming the answer.
    """
    if value is None or type(value) in PLAIN_SCALARS:
        return value
    if isinstance(value, dt.date):  # a datetime, or a loader's date type
        return dt.date(value.year, value.month, value.day)
    for kind in (bool, int, float, str):  # bool first: it is an int too
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [str(item) for item in value]
    raise TypeError(ui_text("sandbox.answer_type", name=name, type=type(value).__name__))
