"""The answer space: every combination of answers (or a covering sample), rendered and recorded.

Booleans, choices and multichoices are taken exactly (a multichoice as its subsets, bounded);
texts, dates and numbers through a few representative values: the default, the constants the
conditions compare them with (and their neighbours for numbers), and the empty answer when the
question is optional. A question whose `when` is false is absent, as in the questionnaire.
Up to `bound` combinations every one is rendered; above it an all-pairs covering set plus a
seeded random sample. The search is bounded by time as well (`seconds`): when the first combinations
show that rendering every one would take longer, or the time runs out while doing so, it takes the
covering set and the sample instead, and says so.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import random
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from allpairspy import AllPairs  # type: ignore[import-untyped]
from jinja2 import UndefinedError

from ..errors import ClauseKitError
from ..kinds import kind_of
from ..library import Library
from ..locales import ENV_LANG, Locale, locale_for, ui_locale
from ..model import Question, Template
from .analysis import TemplateAnalysis
from .config import CheckConfig
from .explorer import Explorer, Stats

PARALLEL_FROM = 20_000  # combinations; below this one process is faster than starting workers
PROBE = 200  # combinations rendered first, to estimate the time of them all

Combination = dict[str, Any]


@dataclass(frozen=True)
class Domain:
    question: Question
    values: tuple[Any, ...]


@dataclass
class SpaceResult:
    """What the search rendered and found."""

    template: Template
    domains: list[Domain]
    full_size: int  # the product of the domains: an upper bound of the distinct combinations
    exhaustive: bool
    combinations: int  # rendered
    pairs: int = 0  # of which from the all-pairs covering set (sampling only)
    stats: Stats = field(default_factory=Stats)
    seconds: float | None = None  # set when sampling because every combination would take longer
    # The conditions' results by the answers they read: the same in every edition of the template.
    decisions: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    asked: dict[tuple[Any, ...], bool] = field(default_factory=dict, repr=False)  # the questions' `when`

    def summary(self) -> dict[str, Any]:
        """How many combinations were rendered, how, and which variants and articles they reached."""
        variants = [f"{e.clause.id}:{v.id}" for e in self.template.entries for v in e.clause.variants]
        articles = [e.clause.id for e in self.template.entries]
        hits = {f"{c}:{v}" for c, v in self.stats.variant_hits}
        return {
            "mode": "exhaustive" if self.exhaustive else "all-pairs + random sample" + self._why(),
            "combinations": self.combinations,
            "space": self.full_size,
            "pairs": self.pairs,
            "variants_reached": sum(1 for v in variants if v in hits),
            "variants": len(variants),
            "articles_reached": sum(1 for a in articles if a in self.stats.article_hits),
            "articles": len(articles),
            "unreached": [v for v in variants if v not in hits]
            + [a for a in articles if a not in self.stats.article_hits],
        }

    def _why(self) -> str:
        return "" if self.seconds is None else " (time budget)"

    def describe(self, ui: Locale | None = None) -> str:
        """What was rendered and reached, in the words of ``ui`` (default: the interface's locale)."""
        words = ui or ui_locale()
        s = self.summary()
        if self.exhaustive:
            how = words.text("check.coverage.all", combinations=s["combinations"])
        else:
            why = (
                words.text("check.coverage.why.bound")
                if self.seconds is None
                else words.text("check.coverage.why.time", seconds=f"{self.seconds:g}")
            )
            how = words.text(
                "check.coverage.sample",
                combinations=s["combinations"],
                space=s["space"],
                pairs=s["pairs"],
                why=why,
            )
        return words.text(
            "check.coverage",
            how=how,
            variants_reached=s["variants_reached"],
            variants=s["variants"],
            articles_reached=s["articles_reached"],
            articles=s["articles"],
        )


def domains(template: Template, analysis: TemplateAnalysis) -> list[Domain]:
    """The values tried for each question, in question order."""
    constants: dict[str, list[Any]] = {}
    for code in analysis.all_code():
        for comparison in code.comparisons:
            constants.setdefault(comparison.name, []).append(comparison.value)
    words = locale_for(template.language)  # a sample text is typed in the document's language
    return [Domain(q, _values(q, constants.get(q.id, []), words)) for q in template.questions]


def _values(question: Question, constants: list[Any], words: Locale) -> tuple[Any, ...]:
    """The default (unless the kind's values are its whole domain), the kind's representatives, and
    the empty answer when the question is optional."""
    kind = kind_of(question)
    values: list[Any] = []
    if question.default is not None and not kind.exhaustive:
        with contextlib.suppress(ClauseKitError):  # a bad default is the loader's business
            values.append(kind.coerce(question, question.default))
    values.extend(kind.representatives(question, constants, words))
    if not question.required and question.default is None:
        values.append(kind.empty(question))
    return tuple(dict.fromkeys(values))


def _asked(explorer: Explorer, question: Question, values: Mapping[str, Any]) -> bool:
    condition = explorer.question_conditions.get(question.id)
    if condition is None:
        return True
    key = explorer.question_key(question.id, values)  # its result depends on what it reads only
    known = explorer.asked.get(key)
    if known is not None:
        return known
    try:
        asked = bool(condition(**values))
    except UndefinedError as exc:  # it reads an answer that is not there: CK204
        explorer.question_uses_absent(question.id, exc, values)
        asked = False
    except Exception:  # a broken condition: the core refuses these answers too
        asked = False
    explorer.asked[key] = asked
    return asked


def exhaustive(explorer: Explorer, space: list[Domain]) -> Iterator[Combination]:
    """Every distinct combination, questions with a false `when` left out."""

    def walk(index: int, values: Combination) -> Iterator[Combination]:
        if index == len(space):
            yield dict(values)
            return
        domain = space[index]
        qid = domain.question.id
        if not _asked(explorer, domain.question, values):
            yield from walk(index + 1, values)
            return
        for value in domain.values:
            values[qid] = value
            yield from walk(index + 1, values)
        del values[qid]

    yield from walk(0, {})


def _apply_when(explorer: Explorer, space: list[Domain], row: Sequence[Any]) -> Combination:
    values: Combination = {}
    for domain, value in zip(space, row, strict=True):
        if _asked(explorer, domain.question, values):
            values[domain.question.id] = value
    return values


def pairwise(space: list[Domain]) -> list[list[Any]]:
    """An all-pairs covering set of the domains (every pair of values of two questions occurs)."""
    if len(space) < 2:
        return [[v] for d in space for v in d.values]
    return [list(row) for row in AllPairs([list(d.values) for d in space])]


def sampled(explorer: Explorer, space: list[Domain], count: int, seed: int) -> tuple[list[Combination], int]:
    """The all-pairs set plus `count` seeded random combinations, without duplicates."""
    seen: dict[tuple[tuple[str, Any], ...], Combination] = {}
    for row in pairwise(space):
        combo = _apply_when(explorer, space, row)
        seen.setdefault(tuple(combo.items()), combo)
    pairs = len(seen)
    rng = random.Random(seed)
    for _ in range(count):
        combo = _apply_when(explorer, space, [rng.choice(d.values) for d in space])
        seen.setdefault(tuple(combo.items()), combo)
    return list(seen.values()), pairs


def explore(
    library: Library,
    template: Template,
    config: CheckConfig,
    analysis: TemplateAnalysis,
    like: SpaceResult | None = None,
) -> SpaceResult:
    """Render the answer space of ``template`` and record what happened.

    ``like``: the search of the source when ``template`` is one of its editions. The edition has the
    same questions and conditions, so it takes the same way through the space (every combination, or
    straight to the covering set and the sample) and reuses the conditions' results.
    """
    decisions, asked = (like.decisions, like.asked) if like is not None else ({}, {})
    explorer = Explorer(library.engine, template, analysis, decisions, asked)
    space = domains(template, analysis)
    full = math.prod(len(d.values) for d in space)
    if full <= config.bound and (like is None or like.exhaustive):
        stats = _exhaustive_in_time(library, template, explorer, space, full, config)
        if not stats.stopped:
            return SpaceResult(
                template, space, full, True, stats.combinations, 0, stats, None, decisions, asked
            )
    combos, pairs = sampled(explorer, space, config.sample, config.seed)
    stats = explorer.run(combos)
    over_time = full <= config.bound  # else the bound decided
    seconds = config.seconds if over_time else None
    return SpaceResult(template, space, full, False, len(combos), pairs, stats, seconds, decisions, asked)


def _exhaustive_in_time(
    library: Library,
    template: Template,
    explorer: Explorer,
    space: list[Domain],
    full: int,
    config: CheckConfig,
) -> Stats:
    """Every combination, unless the first :data:`PROBE` show they would not all fit in ``config.seconds``
    or the time runs out (``stopped`` is then set, and the caller samples instead)."""
    start = time.monotonic()
    deadline = start + config.seconds
    combos = exhaustive(explorer, space)
    probe = explorer.run(islice(combos, PROBE), deadline)
    if probe.stopped or probe.combinations < PROBE:  # out of time, or that was all of them
        return probe
    workers = config.workers or (min(2, os.cpu_count() or 1) if full >= PARALLEL_FROM else 1)
    estimate = (time.monotonic() - start) / PROBE * full / workers
    if estimate > config.seconds:
        probe.stopped = True
        return probe
    if workers > 1:  # the workers enumerate the whole space themselves
        return _parallel(library, template, workers, deadline)
    probe.merge(explorer.run(combos, deadline))
    return probe


# -- both cores -------------------------------------------------------------------------------
# Each worker loads the template itself, enumerates the same (deterministic) space and renders
# one contiguous block of it: nothing but the results crosses between processes.
_WORKER: dict[str, Any] = {}  # per worker process, set by the initializer


def _init_worker(root: str, template_id: str, language: str, interface_language: str) -> None:
    from .analysis import analyse

    # The messages of what fails to render speak the caller's interface (a studio's setting is a
    # context variable of its thread, which a new process does not inherit).
    os.environ[ENV_LANG] = interface_language

    library = Library(root)
    template = library.template(template_id).edition(language)
    analysis = analyse(library.engine, template)
    _WORKER["explorer"] = Explorer(library.engine, template, analysis)
    _WORKER["space"] = domains(template, analysis)


def _work(shard: int, shards: int, deadline: float) -> Stats:
    explorer: Explorer = _WORKER["explorer"]
    combos = list(exhaustive(explorer, _WORKER["space"]))
    # A contiguous block, not every n-th: neighbours share most answers, so each worker's render
    # cache serves its own block and few bodies are rendered by both.
    size = len(combos)
    return explorer.run(combos[shard * size // shards : (shard + 1) * size // shards], deadline)


def _parallel(library: Library, template: Template, workers: int, deadline: float) -> Stats:
    stats = Stats()
    # forkserver, not fork: the studio runs the checks in a thread of a kernel, and forking a
    # process that runs threads can deadlock.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(library.root), template.id, template.language, ui_locale().tag),
    ) as pool:
        for part in pool.map(_work, range(workers), [workers] * workers, [deadline] * workers):
            stats.merge(part)
    return stats
