"""Render many combinations of answers fast and record what each clause did.

The hot path: per combination only the conditions are evaluated; a variant body is rendered once
per distinct value of the answers it actually uses (and the article numbers it refers to), then
taken from a cache owned by the :class:`Explorer`.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from jinja2 import Template as JinjaTemplate
from jinja2 import UndefinedError
from jinja2.exceptions import TemplateError

from ..escape import Trusted
from ..model import Answers, Clause, Template, Variant
from ..numbering import Place, check_item, places, reference
from ..render import Compiled, Engine, document_words, shaped, speaking, template_line
from .analysis import PROVIDED, TemplateAnalysis

Combination = dict[str, Any]
_ABSENT = "\x00absent"  # the cache key's value for an answer that is not there
ADDRESS = "\x00address"  # stands for the form of address (vorm(), aanspreekvorm) in a cache key
_Reader = Callable[[Mapping[str, Any]], Any]  # from the full answers to part of a cache key


@dataclass(frozen=True)
class Outcome:
    """One rendering of one variant body: its text, the references it made, or why it failed."""

    text: str | None
    paragraphs: int
    refs: tuple[tuple[str, int | None, str | None], ...]  # (clause id, sub-clause, list item)
    error: str | None = None
    error_line: int | None = None
    absent: str | None = None  # the answer it needed that was not there
    items: tuple[tuple[str, ...], ...] = ()  # the list items' letters of each paragraph


@dataclass
class Stats:
    """What the combinations did; each problem keeps its first example. Mergeable across processes."""

    combinations: int = 0
    variant_hits: dict[tuple[str, str], int] = field(default_factory=dict)
    article_hits: dict[str, int] = field(default_factory=dict)
    gaps: dict[str, Combination] = field(default_factory=dict)  # clause → answers with no variant
    overlaps: dict[tuple[str, tuple[str, ...]], Combination] = field(default_factory=dict)
    # (clause, target, sub-clause, list item) → the first answers under which it points at nothing
    dangling: dict[tuple[str, str, int | None, str | None], Combination] = field(default_factory=dict)
    absent: dict[tuple[str, str, str], Combination] = field(default_factory=dict)  # (clause, where, name)
    failures: dict[tuple[str, str, str, int | None], Combination] = field(default_factory=dict)
    outputs: dict[tuple[str, str, str], Combination] = field(default_factory=dict)  # (clause, variant, text)
    # (term, clause, other clause) → the first answers under which both clauses that define it are present
    twice: dict[tuple[str, str, str], Combination] = field(default_factory=dict)
    stopped: bool = False  # the time was up before every combination was rendered

    def merge(self, other: Stats) -> None:
        self.combinations += other.combinations
        self.stopped = self.stopped or other.stopped
        for key, count in other.variant_hits.items():
            self.variant_hits[key] = self.variant_hits.get(key, 0) + count
        for clause_id, count in other.article_hits.items():
            self.article_hits[clause_id] = self.article_hits.get(clause_id, 0) + count
        _keep_first(self.gaps, other.gaps)
        _keep_first(self.overlaps, other.overlaps)
        _keep_first(self.dangling, other.dangling)
        _keep_first(self.absent, other.absent)
        _keep_first(self.failures, other.failures)
        _keep_first(self.outputs, other.outputs)
        _keep_first(self.twice, other.twice)


_CLOCK_EVERY = 16  # combinations between two looks at the clock
K = TypeVar("K")


def _keep_first(mine: dict[K, Combination], theirs: dict[K, Combination]) -> None:
    for key, example in theirs.items():
        mine.setdefault(key, example)


@dataclass(frozen=True)
class _Condition:
    """A compiled condition and the answers it reads (its result depends on nothing else)."""

    key: tuple[str, str]  # ("", clause) for the entry, (clause, variant)
    function: Callable[..., Any]
    names: tuple[str, ...]
    read: _Reader  # the values of ``names`` from the full answers


@dataclass(frozen=True)
class _Plan:
    """Everything about one clause entry that does not depend on the answers."""

    clause: Clause
    condition: _Condition | None
    # each variant, its condition, its compiled body and the reader of the answers the body uses
    variants: tuple[tuple[Variant, _Condition | None, JinjaTemplate, _Reader], ...]
    fallback: int | None  # index of the first variant without a condition
    targets: tuple[str, ...] | None  # clause ids its bodies refer to; None: not known statically


def _recording_ref(
    template: Template, where: Mapping[str, Place]
) -> tuple[Callable[..., Trusted], list[tuple[str, int | None, str | None]]]:
    """`ref()` that never fails, and the list it records each reference in; numbered like the core.

    A plain function, as the render core's: a clause body reaches nothing through it.
    """
    calls: list[tuple[str, int | None, str | None]] = []

    def ref(
        clause_id: str, sub: int | None = None, item: str | None = None, word: str | None = None
    ) -> Trusted:
        letter = str(item) if item is not None else None
        calls.append((str(clause_id), int(sub) if sub is not None else None, letter))
        place = where.get(str(clause_id))
        if place is None or not place.numbered:
            return reference(document_words(), 0, None, word)
        target = str(clause_id)
        checked = check_item(letter, template.entry(str(clause_id)).clause)
        words = document_words()
        return reference(words, place.number, sub, word, scheme=place.scheme, item=checked, target=target)

    return ref, calls


class Explorer:
    """Renders combinations of answers for one template, reusing the library's compiled clauses."""

    def __init__(
        self,
        engine: Engine,
        template: Template,
        analysis: TemplateAnalysis,
        decisions: dict[tuple[Any, ...], tuple[bool, str | None, str | None]] | None = None,
        asked: dict[tuple[Any, ...], bool] | None = None,
    ):
        self.engine, self.template = engine, template
        compiled = engine.compiled(template)
        self.question_conditions = compiled.questions
        # The answers each question's `when` reads (of the questions before it), to cache its result.
        self.question_reads = {
            qid: tuple(sorted(n for n in code.names if n not in PROVIDED))
            for qid, code in analysis.question_conditions.items()
        }
        self.questions = {q.id for q in template.questions}
        plans = []
        for entry in template.entries:
            clause = entry.clause
            variants = []
            targets: set[str] | None = set()
            for variant in clause.variants:
                code = analysis.bodies[(clause.id, variant.id)]
                used = tuple(sorted(n for n in code.names if n not in PROVIDED))
                if "vorm" in code.names or "aanspreekvorm" in code.names:
                    used += (ADDRESS,)
                variants.append(
                    (
                        variant,
                        self._condition(compiled, analysis, (clause.id, variant.id)),
                        compiled.bodies[(clause.id, variant.id)],
                        _reader(used),
                    )
                )
                for ref in code.refs:
                    if ref.target is None:
                        targets = None
                    elif targets is not None:
                        targets.add(ref.target)
            fallback = next((i for i, (v, *_rest) in enumerate(variants) if v.when is None), None)
            plans.append(
                _Plan(
                    clause,
                    self._condition(compiled, analysis, ("", clause.id)),
                    tuple(variants),
                    fallback,
                    tuple(sorted(targets)) if targets is not None else None,
                )
            )
        self.plans = tuple(plans)
        defined: dict[str, list[str]] = {}
        for entry in template.entries:
            for term in dict.fromkeys(entry.clause.terms):
                defined.setdefault(term, []).append(entry.clause.id)
        self.shared_terms = {term: ids for term, ids in defined.items() if len(ids) > 1}
        self.blank = dict.fromkeys(self.questions | analysis.used_names(), _ABSENT)
        # The caches: a condition's result per value of the answers it reads, a body's rendering
        # per value of the answers it uses (and the numbers of the articles it refers to).
        self.cache: dict[tuple[Any, ...], Outcome] = {}
        # ``decisions`` may be shared by the editions of one template: their conditions are the same.
        self.decisions = {} if decisions is None else decisions
        # Whether a question is asked, by its id and the values its `when` reads (absent ones marked).
        self.asked = {} if asked is None else asked
        self.question_gaps: dict[tuple[str, str, str], Combination] = {}

    @staticmethod
    def _condition(compiled: Compiled, analysis: TemplateAnalysis, key: tuple[str, str]) -> _Condition | None:
        function = compiled.conditions.get(key)
        if function is None:
            return None
        code = analysis.entry_conditions[key[1]] if key[0] == "" else analysis.variant_conditions[key]
        names = tuple(sorted(n for n in code.names if n not in PROVIDED))
        if "aanspreekvorm" in code.names:
            names += (ADDRESS,)
        return _Condition(key, function, names, _reader(names))

    def context(self, values: Combination) -> dict[str, Any]:
        return self.engine.context(self.template, Answers(self.template.id, values))

    def _address(self, values: Combination) -> str:
        question = self.template.address_question
        return (
            str(values.get(question, self.template.address.value))
            if question
            else self.template.address.value
        )

    def _full(self, values: Combination) -> dict[str, Any]:
        """Every question (absent ones marked) and the form of address: what cache keys read."""
        return {**self.blank, **values, ADDRESS: self._address(values)}

    def run(self, combinations: Iterable[Combination], deadline: float | None = None) -> Stats:
        """Render every combination, or those rendered before ``deadline`` (``time.monotonic()``;
        ``stopped`` then says so)."""
        stats = Stats()
        with speaking(self.template):
            for count, values in enumerate(combinations):
                if deadline is not None and count % _CLOCK_EVERY == 0 and time.monotonic() > deadline:
                    stats.stopped = True
                    break
                self.one(values, stats)
        _keep_first(stats.absent, self.question_gaps)  # found while the combinations were made
        return stats

    def question_key(self, question_id: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """The cache key of whether ``question_id`` is asked, given the answers before it."""
        names = self.question_reads.get(question_id, ())
        return (question_id, *[values.get(name, _ABSENT) for name in names])

    def question_uses_absent(self, question_id: str, exc: UndefinedError, values: Mapping[str, Any]) -> None:
        """Record that the ``when`` of a question read an answer that is not there (for these answers)."""
        name = _undefined_name(exc)
        if name in self.questions:
            self.question_gaps.setdefault(("", "question:" + question_id, name), dict(values))

    def one(self, values: Combination, stats: Stats) -> None:
        """Render one combination and record it in ``stats``."""
        stats.combinations += 1
        lazy: list[dict[str, Any]] = []  # the render context, built only on a cache miss
        full = self._full(values)
        included = [
            p
            for p in self.plans
            if p.condition is None or self._holds(p.condition, values, full, lazy, stats)
        ]
        present = {p.clause.id for p in included}
        where = places(self.template, present)
        for term, ids in self.shared_terms.items():
            both = [clause_id for clause_id in ids if clause_id in present]
            if len(both) > 1:
                stats.twice.setdefault((term, both[0], both[1]), values)
        rendered: dict[str, Outcome] = {}
        for plan in included:
            clause_id = plan.clause.id
            stats.article_hits[clause_id] = stats.article_hits.get(clause_id, 0) + 1
            holding = [
                i
                for i, (_variant, condition, _body, _read) in enumerate(plan.variants)
                if condition is not None and self._holds(condition, values, full, lazy, stats)
            ]
            if len(holding) > 1:
                key = (clause_id, tuple(plan.variants[i][0].id for i in holding))
                stats.overlaps.setdefault(key, values)
            chosen = holding[0] if holding else plan.fallback
            if chosen is None:
                stats.gaps.setdefault(clause_id, values)
                continue
            variant, _condition, body, read = plan.variants[chosen]
            hit = (clause_id, variant.id)
            stats.variant_hits[hit] = stats.variant_hits.get(hit, 0) + 1
            if plan.targets is None:
                refs: tuple[Any, ...] = tuple(sorted(where.items()))
            else:
                refs = tuple(where.get(t) for t in plan.targets)
            cache_key = (hit, read(full), refs)
            outcome = self.cache.get(cache_key)
            if outcome is None:
                outcome = self._render_fresh(plan.clause, body, self._context(values, lazy), where)
                self.cache[cache_key] = outcome
            rendered[clause_id] = outcome
            if outcome.absent is not None:
                stats.absent.setdefault((clause_id, variant.id, outcome.absent), values)
            elif outcome.error is not None:
                stats.failures.setdefault((clause_id, variant.id, outcome.error, outcome.error_line), values)
            elif outcome.text is not None:
                stats.outputs.setdefault((clause_id, variant.id, outcome.text), values)
        for clause_id, outcome in rendered.items():
            for target, sub, item in outcome.refs:
                if target not in where:
                    stats.dangling.setdefault((clause_id, target, None, None), values)
                    continue
                other = rendered.get(target)
                if other is None or other.text is None or (sub is None and item is None):
                    continue
                if sub is not None and sub > max(other.paragraphs, 1):
                    stats.dangling.setdefault((clause_id, target, sub, None), values)
                elif item is not None:
                    letters = other.items[(sub or 1) - 1] if (sub or 1) <= len(other.items) else ()
                    if item not in letters:
                        stats.dangling.setdefault((clause_id, target, sub, item), values)

    def _context(self, values: Combination, lazy: list[dict[str, Any]]) -> dict[str, Any]:
        if not lazy:
            lazy.append(self.context(values))
        return lazy[0]

    def _holds(
        self,
        condition: _Condition,
        values: Combination,
        full: Mapping[str, Any],
        lazy: list[dict[str, Any]],
        stats: Stats,
    ) -> bool:
        key = (condition.key, condition.read(full))
        decision = self.decisions.get(key)
        if decision is None:
            decision = self._decide(condition, self._context(values, lazy))
            self.decisions[key] = decision
        holds, absent, failure = decision
        clause_id, variant_id = (condition.key[1], "") if condition.key[0] == "" else condition.key
        if absent is not None:
            stats.absent.setdefault((clause_id, "when:" + variant_id, absent), values)
        elif failure is not None:
            stats.failures.setdefault((clause_id, "when:" + variant_id, failure, None), values)
        return holds

    def _decide(
        self, condition: _Condition, context: Mapping[str, Any]
    ) -> tuple[bool, str | None, str | None]:
        """(holds, the absent answer it needed, why it failed)."""
        try:
            return bool(condition.function(**context)), None, None
        except UndefinedError as exc:
            name = _undefined_name(exc)
            # A name that is no question at all is CK201's, reported once from the condition itself.
            return False, (name if name in self.questions else None), None
        except Exception as exc:  # any failure of a clause's code is a finding (CK505), never a crash
            return False, None, exc.message if isinstance(exc, TemplateError) and exc.message else repr(exc)

    def _render_fresh(
        self, clause: Clause, body: JinjaTemplate, context: Mapping[str, Any], where: Mapping[str, Place]
    ) -> Outcome:
        ref, calls = _recording_ref(self.template, where)
        try:
            text = body.render({**context, "ref": ref})
        except UndefinedError as exc:
            name = _undefined_name(exc)
            line = template_line(exc.__traceback__, str(clause.path))
            if name in self.questions:
                return Outcome(None, 0, tuple(calls), str(exc.message), line, absent=name)
            # A name that is no question at all: CK201 reports it once, from the text itself.
            return Outcome(None, 0, tuple(calls), None, line)
        except Exception as exc:  # any failure of a clause's code is a finding (CK505), never a crash
            message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
            line = template_line(exc.__traceback__, str(clause.path))
            return Outcome(None, 0, tuple(calls), message, line)
        if not text.strip():
            return Outcome(text, 0, tuple(calls))
        subs = shaped(text, where[clause.id])
        return Outcome(text, len(subs), tuple(calls), items=tuple(s.items for s in subs))


def _reader(names: tuple[str, ...]) -> _Reader:
    """A fast function from the full answers to the values of ``names`` (a cache key part)."""
    if not names:
        return lambda full: ()
    return operator.itemgetter(*names)


def _undefined_name(exc: UndefinedError) -> str:
    message = exc.message or ""
    if message.startswith("'") and "'" in message[1:]:
        return message[1 : message.index("'", 1)]
    return ""
