"""Sandboxed Jinja2, variant choice, assembly, numbering and cross-references."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from types import CodeType, TracebackType
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError, TemplateError

from .errors import ClauseKitError, LoadError, Location, RenderError
from .escape import Trusted, escape_markdown
from .locales import DUTCH, Locale, locale_for, ui_text
from .model import Address, Answers, Article, Clause, Document, SubClause, Template, Variant
from .numbering import Place, check_item, definitions_markdown, letters, places, reference
from .sandbox import PLAIN_SCALARS, ClauseEnvironment, LimitExceeded, RefusedConstruct, code_hint, plain_value
from .tables import is_caption, is_table, split_before_tables

_BLANK = re.compile(r"\n[ \t]*\n")
_ATTACHED = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|[a-z][.)]\s|\s)")
_ITEM = re.compile(r"^(?P<letter>[a-z])[.)][ \t]", re.M)  # a lettered list item: "a. text"
# A line of nothing but private-use characters: the studio's "show logic" markers where a tag stood on a
# line of its own before a blank line; without the tag that line is blank, so it is split there too.
_MARKER_LINE = re.compile(r"\n([\ue000-\uf8ff]+)[ \t]*(?=\n)")


# The language of the document being rendered: set by ``speaking`` around each render, read by
# the filters and ``_finalize``. A context variable, not an object in the template's context:
# nothing but plain values and string functions reaches a clause body.
_WORDS: ContextVar[Locale] = ContextVar("clausekit_document_locale", default=DUTCH)

_MAX_CACHED = 10_000  # compiled bodies kept by an Engine
# The tags a message names, as fields: a catalogue text cannot hold Jinja's braces itself.
_TAGS = {"open": "{{", "close": "}}", "if_": "{% if %}", "endif": "{% endif %}", "for_": "{% for %}"}
_TAGS_ALL = {**_TAGS, "endfor": "{% endfor %}"}


def _too_deep(location: Location) -> LoadError:
    return LoadError(
        ui_text("render.too_deep", if_=_TAGS["if_"], for_=_TAGS["for_"]),
        location,
        ui_text("render.too_deep.hint"),
    )


@contextmanager
def speaking(template: Template) -> Iterator[Locale]:
    """Render in ``template``'s language (dates, lists, yes/no, the word of ``ref()``)."""
    token = _WORDS.set(locale_for(template.language))
    try:
        yield _WORDS.get()
    finally:
        _WORDS.reset(token)


def date_filter(value: dt.date) -> str:
    """The ``datum`` filter: a date written out in the document's language (``1 januari 2027``)."""
    if not isinstance(value, dt.date):
        raise TypeError(ui_text("render.date_filter", type=type(value).__name__))
    return _WORDS.get().date(value)


def list_filter(items: Any, last: str | None = None) -> str:
    """The ``opsomming`` filter: ``a, b en c``; ``last`` replaces the final conjunction."""
    return _WORDS.get().join(items, last)


def _finalize(value: Any) -> str:
    """Every ``{{ … }}`` passes here: answers become literal Markdown text; only plain values print."""
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return _WORDS.get().yes_no(value)
    if isinstance(value, dt.date):
        return escape_markdown(date_filter(value))
    if isinstance(value, (list, tuple)):
        if not all(isinstance(item, PLAIN_SCALARS) for item in value):
            raise SecurityError(ui_text("render.print"))
        return escape_markdown(list_filter(value))
    if isinstance(value, Undefined):
        return str(value)  # raises: StrictUndefined, or the sandbox's refusal of an attribute
    if not isinstance(value, PLAIN_SCALARS):
        raise SecurityError(ui_text("render.print_type", type=type(value).__name__))
    return escape_markdown(str(value))


@dataclass(frozen=True)
class Compiled:
    """A template's clause bodies and conditions, compiled once."""

    template: Template
    bodies: Mapping[tuple[str, str], JinjaTemplate]
    conditions: Mapping[tuple[str, str], Callable[..., Any]]  # ("", clause) entry, (clause, variant)
    questions: Mapping[str, Callable[..., Any]]  # question id → its ``when``


class Engine:
    """Owns the sandboxed environment and the compiled templates (an explicit cache)."""

    def __init__(self) -> None:
        self.env = ClauseEnvironment(
            undefined=StrictUndefined,
            finalize=_finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # The clause language's filter names (like ``vorm``): the words come from the document's locale.
        self.env.filters["datum"] = date_filter
        self.env.filters["opsomming"] = list_filter
        self._compiled: dict[tuple[str, str], Compiled] = {}  # by template id and language
        # Compiled bodies by the sha256 of what was compiled: reloading an unchanged clause costs nothing.
        self._code: dict[str, CodeType] = {}
        self._conditions: dict[str, Callable[..., Any]] = {}  # by their text, likewise
        self._questions: dict[tuple[str, str], tuple[Template, Mapping[str, Callable[..., Any]]]] = {}

    # -- compiling ---------------------------------------------------------------------------
    def compiled(self, template: Template) -> Compiled:
        key = (template.id, template.language)
        cached = self._compiled.get(key)
        # Identity, not equality: a reloaded template is a new object and is compiled afresh.
        if cached is None or cached.template is not template:
            cached = self._compile(template)
            self._compiled[key] = cached
        return cached

    def _compile(self, template: Template) -> Compiled:
        bodies: dict[tuple[str, str], JinjaTemplate] = {}
        conditions: dict[tuple[str, str], Callable[..., Any]] = {}
        for entry in template.entries:
            clause = entry.clause
            if entry.when:
                where = entry.when_location or entry.location
                conditions[("", clause.id)] = self.condition(entry.when, where)
            for variant in clause.variants:
                bodies[(clause.id, variant.id)] = self.body(clause, variant)
                if variant.when:
                    conditions[(clause.id, variant.id)] = self.condition(
                        variant.when, variant.when_location or variant.location
                    )
        return Compiled(
            template=template,
            bodies=bodies,
            conditions=conditions,
            questions=self.question_conditions(template),
        )

    def question_conditions(self, template: Template) -> Mapping[str, Callable[..., Any]]:
        """The questions' ``when`` conditions, compiled once and without the clause bodies.

        Validation needs only these; a throw-away Engine (``toolkit.validate`` without a library)
        must not pay for compiling the whole template.
        """
        key = (template.id, template.language)
        cached = self._questions.get(key)
        if cached is None or cached[0] is not template:
            conditions = {
                q.id: self.condition(q.when, q.when_location or q.location)
                for q in template.questions
                if q.when
            }
            cached = self._questions[key] = (template, conditions)
        return cached[1]

    def asked(self, template: Template, question_id: str, earlier: Mapping[str, Any]) -> bool:
        """Whether a question is asked, given the answers to the questions before it."""
        condition = self.question_conditions(template).get(question_id)
        if condition is None:
            return True
        question = template.question(question_id)
        try:
            return bool(condition(**earlier))
        except (TypeError, ArithmeticError):
            # ``aantal >= 50`` while the optional ``aantal`` is unanswered (None): not asked
            return False
        except UndefinedError as exc:
            raise LoadError(
                ui_text("render.question_condition.unknown", question=question_id, message=exc.message),
                question.when_location or question.location,
                ui_text("render.question_condition.unknown.hint"),
            ) from None
        except TemplateError as exc:
            raise LoadError(
                ui_text("render.question_condition.failed", question=question_id, message=exc),
                question.when_location,
                None,
            ) from None

    def body(self, clause: Clause, variant: Variant) -> JinjaTemplate:
        """Compile a variant body; Jinja's line numbers become the clause file's line numbers."""
        padded = "\n" * ((variant.location.line or 1) - 1) + variant.body
        key = hashlib.sha256("\0".join((clause.id, str(clause.path), padded)).encode("utf-8")).hexdigest()
        code = self._code.get(key)
        if code is None:
            code = self._compile_body(padded, clause, variant)
            if len(self._code) >= _MAX_CACHED:  # an editor's long session: start afresh
                self._code.clear()
                self._conditions.clear()
            self._code[key] = code
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)

    def _compile_body(self, padded: str, clause: Clause, variant: Variant) -> CodeType:
        try:
            code = self.env.compile(padded, name=clause.id, filename=str(clause.path))
        except TemplateSyntaxError as exc:
            raise LoadError(
                ui_text("render.syntax", message=exc.message),
                Location(clause.path, exc.lineno),
                _syntax_hint(exc),
                kind="syntax",
            ) from None
        except (RecursionError, SyntaxError, MemoryError):  # Python's own limits on nesting
            raise _too_deep(variant.location) from None
        assert isinstance(code, CodeType)
        return code

    def condition(self, expression: str, location: Location) -> Callable[..., Any]:
        cached = self._conditions.get(expression)
        if cached is None:
            cached = self._conditions[expression] = self._compile_condition(expression, location)
        return cached

    def _compile_condition(self, expression: str, location: Location) -> Callable[..., Any]:
        try:
            return self.env.compile_expression(expression, undefined_to_none=False)
        except TemplateSyntaxError as exc:
            raise LoadError(
                ui_text("render.condition.invalid", expression=expression, message=exc.message),
                location,
                ui_text("render.condition.invalid.hint"),
                kind="syntax",
            ) from None
        except (RecursionError, SyntaxError, MemoryError):
            raise _too_deep(location) from None

    def check_context(self, template: Template, values: Mapping[str, Any]) -> dict[str, Any]:
        """The answers as a clause may see them: plain values only (the sandbox's boundary)."""
        try:
            return {name: plain_value(name, value) for name, value in values.items()}
        except TypeError as exc:
            raise RenderError(str(exc), template.location, ui_text("render.answer_type.hint")) from None

    # -- rendering ---------------------------------------------------------------------------
    def evaluate(self, condition: Callable[..., Any], context: Mapping[str, Any], location: Location) -> bool:
        try:
            return bool(condition(**context))
        except UndefinedError as exc:
            raise RenderError(
                ui_text("render.condition.unknown_name", message=exc.message),
                location,
                ui_text("render.unknown_name.hint"),
            ) from None
        except TemplateError as exc:
            hint = exc.hint if isinstance(exc, LimitExceeded) else code_hint()
            raise RenderError(ui_text("render.condition.failed", message=exc), location, hint) from None
        except (TypeError, ArithmeticError) as exc:
            # e.g. ``aantal >= 50`` while the optional ``aantal`` is unanswered (None)
            raise RenderError(
                ui_text("render.condition.cannot", message=exc),
                location,
                ui_text("render.condition.cannot.hint"),
            ) from None

    def render(
        self,
        template: Template,
        answers: Answers,
        force: Mapping[str, str] | None = None,
    ) -> Document:
        """Assemble the document for ``answers``; ``force`` maps clause id → variant id to show."""
        with speaking(template):
            return self._assemble(template, answers, force)

    def _assemble(self, template: Template, answers: Answers, force: Mapping[str, str] | None) -> Document:
        compiled = self.compiled(template)
        force = force or {}
        context = self.context(template, answers)
        included = [
            entry
            for entry in template.entries
            if not entry.when
            or self.evaluate(
                compiled.conditions[("", entry.clause.id)], context, entry.when_location or entry.location
            )
        ]
        present = {entry.clause.id for entry in included}
        where = places(template, present)

        articles = []
        for entry in included:
            clause = entry.clause
            variant = self.choose(template, clause, context, force.get(clause.id))
            refs = _reference_function(template, where, clause)
            text = self._render_body(compiled.bodies[(clause.id, variant.id)], clause, variant, context, refs)
            if clause.generate:
                text = (
                    text.rstrip("\n")
                    + "\n\n"
                    + definitions_markdown(_WORDS.get(), [e.clause for e in included], clause.generate)
                )
            place = where[clause.id]
            articles.append(
                Article(
                    number=place.number,
                    clause=clause,
                    variant=variant,
                    subclauses=shaped(text, place),
                    forced=clause.id in force,
                    part=entry.part,
                    scheme=place.scheme,
                )
            )
        parts = tuple(p for p in template.parts if any(e.clause.id in present for e in p.entries))
        return Document(template=template, answers=answers, articles=tuple(articles), parts=parts)

    def context(self, template: Template, answers: Answers) -> dict[str, Any]:
        chosen = answers.values.get(template.address_question) if template.address_question else None
        address = Address(chosen) if chosen else template.address  # not asked in an edition without vorm()
        context = self.check_context(template, answers.values)

        def vorm(je: str, u: str) -> Trusted:
            """The text for the template's form of address (je or u)."""
            return Trusted(je if address is Address.JE else u)

        context["vorm"] = vorm
        context["aanspreekvorm"] = address.value
        return context

    def choose(
        self, template: Template, clause: Clause, context: Mapping[str, Any], forced: str | None = None
    ) -> Variant:
        """The variant to show: the forced one, else the first whose condition holds, else the fallback."""
        if forced is not None:
            try:
                return clause.variant(forced)
            except KeyError:
                raise RenderError(
                    ui_text("render.no_such_variant", clause=clause.id, variant=forced),
                    clause.location,
                    ui_text("render.no_such_variant.hint", variants=", ".join(v.id for v in clause.variants)),
                ) from None
        compiled = self.compiled(template)
        fallback = None
        for variant in clause.variants:
            if variant.when is None:
                fallback = fallback or variant
            elif self.evaluate(
                compiled.conditions[(clause.id, variant.id)],
                context,
                variant.when_location or variant.location,
            ):
                return variant
        if fallback is not None:
            return fallback
        raise RenderError(
            ui_text("render.no_variant", clause=clause.id), clause.location, ui_text("render.no_variant.hint")
        )

    def _render_body(
        self,
        body: JinjaTemplate,
        clause: Clause,
        variant: Variant,
        context: Mapping[str, Any],
        refs: Callable[..., Trusted],
    ) -> str:
        try:
            return body.render({**context, "ref": refs})
        except RenderError as exc:  # from ref(): point at the line of the reference
            line = template_line(sys.exc_info()[2], str(clause.path))
            if exc.location != clause.location or line is None:
                raise
            raise RenderError(exc.message, Location(clause.path, line), exc.hint) from None
        except ClauseKitError:
            raise
        except (TemplateError, ArithmeticError, TypeError, ValueError, OverflowError, RecursionError) as exc:
            line = template_line(sys.exc_info()[2], str(clause.path)) or variant.location.line
            message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
            if isinstance(exc, UndefinedError) and "has no attribute" in message:  # Jinja's own words
                hint = code_hint()  # an attribute the sandbox does not hand out: ref.template, x.__class__
            elif isinstance(exc, UndefinedError):
                hint = ui_text("render.unknown_name.hint")
            elif isinstance(exc, LimitExceeded):
                hint = exc.hint
            elif isinstance(exc, RecursionError):
                message, hint = ui_text("render.recursion"), ui_text("render.recursion.hint")
            else:
                hint = code_hint()
            raise RenderError(
                ui_text("render.cannot", message=message), Location(clause.path, line), hint
            ) from None


def shaped(text: str, place: Place) -> tuple[SubClause, ...]:
    """A clause's rendered text as its paragraphs: numbered sub-clauses, lettered recitals, or one
    unnumbered whole (a block, or a part with ``subclauses: none``); each knows its list's letters."""
    subs = subclauses(text, place.number)
    if place.lettered:
        letter = _WORDS.get()
        subs = tuple(
            SubClause(letter.text("document.recital", letter=letters(i).upper()), sub.markdown)
            for i, sub in enumerate(subs)
        )
    elif (not place.numbered or place.subclauses == "none") and len(subs) > 1:
        subs = (SubClause("", "\n\n".join(sub.markdown for sub in subs)),)
    return tuple(replace(sub, items=tuple(m["letter"] for m in _ITEM.finditer(sub.markdown))) for sub in subs)


def _reference_function(
    template: Template, where: Mapping[str, Place], clause: Clause
) -> Callable[..., Trusted]:
    """``ref("id", 2, "b")`` in a clause: the final number of another article, as ``artikel 3.2 onder b``.

    A plain function, not an object: a clause body can call it and reach nothing through it.
    """

    def ref(
        clause_id: str, sub: int | None = None, item: str | None = None, word: str | None = None
    ) -> Trusted:
        place = where.get(clause_id)
        if place is None:
            exists = any(e.clause.id == clause_id for e in template.entries)
            raise RenderError(
                ui_text("render.ref.left_out" if exists else "render.ref.unknown", clause=clause_id),
                clause.location,
                ui_text("render.ref.hint"),
            )
        if not place.numbered:
            raise RenderError(
                ui_text("render.ref.block", clause=clause_id),
                clause.location,
                ui_text("render.ref.block.hint"),
            )
        return reference(
            document_words(),
            place.number,
            sub,
            word,
            scheme=place.scheme,
            item=check_item(item, clause),
            target=clause_id,
        )

    return ref


def _syntax_hint(exc: TemplateSyntaxError) -> str:
    if isinstance(exc, RefusedConstruct) or "No filter named" in (exc.message or ""):  # Jinja's words
        return code_hint()
    return ui_text("render.syntax.hint", **_TAGS_ALL)


def document_words() -> Locale:
    """The words of the document being rendered (inside :func:`speaking`; Dutch outside it)."""
    return _WORDS.get()


def template_line(tb: TracebackType | None, filename: str) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def subclauses(text: str, number: int) -> tuple[SubClause, ...]:
    """Split an article into numbered sub-clauses: each paragraph opens one; lists and tables stay with it.

    A table (with its caption) belongs to the sub-clause whose paragraph it follows; tables before the
    first paragraph belong to the first sub-clause. A table is never numbered itself.
    """
    blocks = [
        part
        for b in _BLANK.split(_MARKER_LINE.sub(r"\1\n", text).strip("\n"))
        if b.strip()
        for part in split_before_tables(b.strip("\n"))
    ]
    groups: list[list[str]] = []
    leading: list[str] = []  # tables before the first paragraph
    for i, block in enumerate(blocks):
        table = is_table(block) or is_caption(block, blocks[i - 1] if i else None)
        if groups and (table or _ATTACHED.match(block)):
            groups[-1].append(block)
        elif table:
            leading.append(block)
        else:
            groups.append([*leading, block])
            leading = []
    if leading:  # the article holds nothing but tables
        groups.append(leading)
    if len(groups) == 1:
        return (SubClause("", "\n\n".join(groups[0])),)
    return tuple(SubClause(f"{number}.{i}", "\n\n".join(g)) for i, g in enumerate(groups, start=1))
