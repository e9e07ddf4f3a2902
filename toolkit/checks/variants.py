"""Variants (CK4xx): wordings no answers select, and answers for which no or two wordings apply."""

from __future__ import annotations

from collections.abc import Iterator

from ..locales import ui_locale
from ..model import Finding
from .context import CheckContext
from .registry import get, rule
from .source import entry_when_location, example


def _how(ctx: CheckContext) -> str:
    space, words = ctx.space, ui_locale()
    if space.exhaustive:
        return words.text("check.how.all", count=space.combinations)
    return words.text("check.how.sampled", count=space.combinations)


@rule("CK401", "unreachable-variant", "warning")
def unreachable_variant(ctx: CheckContext) -> Iterator[Finding]:
    """No answers select this variant of a clause.

    Why: text that no client can ever receive is dead weight to review and approve, and usually
    a sign of a wrong condition (or of an earlier variant whose condition always holds).

    Example: `streng: {when: strengheid == "streng" and not streng}`, or a second variant
    without `when` (only the first fallback is ever used).

    Fix: correct the condition, move the variant before the one that wins, or remove it.
    """
    hits = ctx.space.stats.variant_hits
    reached = ctx.space.stats.article_hits
    for entry in ctx.template.entries:
        clause = entry.clause
        if clause.id not in reached:
            continue
        for variant in clause.variants:
            if (clause.id, variant.id) not in hits:
                words = ui_locale()
                yield get("CK401").finding(
                    words.text("check.CK401", variant=variant.id, clause=clause.id, how=_how(ctx)),
                    variant.when_location or variant.location,
                    words.text("check.CK401.hint"),
                )


@rule("CK402", "unreachable-article", "warning")
def unreachable_article(ctx: CheckContext) -> Iterator[Finding]:
    """An article is left out of the document for every answer.

    Why: its condition can never hold, so no client receives it.

    Example: `- {id: ondernemingsraad, when: aantal > 50 and aantal < 10}`.

    Fix: correct the condition under `clauses:` in template.yaml, or remove the article.
    """
    reached = ctx.space.stats.article_hits
    for entry in ctx.template.entries:
        if entry.clause.id not in reached:
            words = ui_locale()
            yield get("CK402").finding(
                words.text("check.CK402", clause=entry.clause.id, how=_how(ctx)),
                entry_when_location(entry),
                words.text("check.CK402.hint", condition=entry.when)
                if entry.when
                else words.text("check.CK402.hint_template"),
            )


@rule("CK403", "variant-gap", "error")
def variant_gap(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers no variant of a clause applies (and there is no fallback variant).

    Why: the document cannot be made for those clients.

    Example: `standaard: {when: strengheid == "standaard"}` and `streng: {when: strengheid ==
    "streng"}` while `strengheid` also has the option `gemiddeld`.

    Fix: add a variant without `when` as the fallback, or widen the conditions.
    """
    for clause_id, values in sorted(ctx.space.stats.gaps.items()):
        clause = ctx.template.clause(clause_id)
        first = clause.variants[0]
        words = ui_locale()
        shown = example(ctx.template, values, ctx.analysis.condition_names(clause_id))
        yield get("CK403").finding(
            words.text("check.CK403", clause=clause_id, example=shown),
            first.when_location or clause.location,
            words.text("check.CK403.hint"),
        )


@rule("CK404", "variant-overlap", "warning")
def variant_overlap(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers the conditions of two or more variants of a clause hold at once.

    Why: only the first of them is used; the author probably meant the conditions to exclude
    each other, and the other wording silently never applies to those clients.

    Example: `zorg: {when: sector == "zorg"}` before `groot: {when: aantal >= 50}`: a large
    care organisation gets the `zorg` text.

    Fix: make the conditions exclude each other (`sector == "zorg" and aantal < 50`).
    """
    for (clause_id, ids), values in sorted(ctx.space.stats.overlaps.items()):
        clause = ctx.template.clause(clause_id)
        second = clause.variant(ids[1])
        words = ui_locale()
        shown = example(ctx.template, values, ctx.analysis.condition_names(clause_id))
        variants = ", ".join(repr(i) for i in ids)
        yield get("CK404").finding(
            words.text("check.CK404", variants=variants, clause=clause_id, first=ids[0], example=shown),
            second.when_location or second.location,
            words.text("check.CK404.hint"),
        )
