"""References (CK3xx): `ref()` to articles that do not exist, or not for every answer."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..errors import Location
from ..model import Finding
from .analysis import PROVIDED, RefCall
from .context import CheckContext
from .registry import get, rule
from .source import example


@rule("CK301", "unknown-reference", "error")
def unknown_reference(ctx: CheckContext) -> Iterator[Finding]:
    """A `ref()` names a clause that is not in the template.

    Why: the document cannot be made; the reference has nothing to point to.

    Example: `{{ ref("geheimhouding") }}` while the clause is called `vertrouwelijkheid`.

    Fix: use the id of a clause listed under `clauses:` in template.yaml.
    """
    ids = [e.clause.id for e in ctx.template.entries]
    for (clause_id, _variant), code in ctx.analysis.bodies.items():
        for ref in code.refs:
            if ref.target is not None and ref.target not in ids:
                close = difflib.get_close_matches(ref.target, ids, n=1)
                yield get("CK301").finding(
                    f"clause '{clause_id}' refers to '{ref.target}', which is not a clause of this template",
                    ref.location,
                    f"did you mean '{close[0]}'?" if close else "use the id of a clause in template.yaml",
                )


def _ref_location(
    ctx: CheckContext, clause_id: str, target: str, sub: int | None, item: str | None = None
) -> RefCall | None:
    for (cid, _variant), code in ctx.analysis.bodies.items():
        if cid != clause_id:
            continue
        for ref in code.refs:
            if (
                ref.target == target
                and (sub is None or ref.sub == sub)
                and (item is None or ref.item == item)
            ):
                return ref
    return None


@rule("CK302", "dangling-reference", "error")
def dangling_reference(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers an article refers to an article that is left out of the document.

    Why: the client would read "zie artikel ?" or a number of an article that does not exist;
    the render stops with an error instead.

    Example: `slot` says `{{ ref("ondernemingsraad") }}` but the article `ondernemingsraad`
    is only included `when: ondernemingsraad`.

    Fix: give the reference the same condition as the article it names
    (`{% if ondernemingsraad %}… {{ ref("ondernemingsraad") }}{% endif %}`).
    """
    ids = {e.clause.id for e in ctx.template.entries}
    for (clause_id, target, sub, item), values in sorted(ctx.space.stats.dangling.items(), key=str):
        if sub is not None or item is not None or target not in ids:
            continue
        ref = _ref_location(ctx, clause_id, target, None)
        yield get("CK302").finding(
            f"article '{clause_id}' refers to article '{target}', which is left out for some answers; "
            + example(
                ctx.template,
                values,
                ctx.analysis.condition_names(clause_id)
                | ctx.analysis.condition_names(target, variants=False),
            ),
            ref.location if ref else ctx.template.clause(clause_id).location,
            f"put the reference inside the condition under which '{target}' is included",
        )


def _shaping(ctx: CheckContext, clause_id: str) -> set[str]:
    """The answers that decide the paragraphs of a clause: its conditions and its texts' answers."""
    names = ctx.analysis.condition_names(clause_id)
    for (cid, _vid), code in ctx.analysis.bodies.items():
        if cid == clause_id:
            names |= set(code.names) - PROVIDED
    return names


@rule("CK303", "dangling-subclause-reference", "error")
def dangling_subclause_reference(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers a reference names a sub-clause (`artikel 3.4`) that the article lacks.

    Why: sub-clauses are numbered from the paragraphs actually shown; when a variant or an
    `{% if %}` has fewer paragraphs, the reference points at nothing.

    Example: `{{ ref("vertrouwelijkheid", 3) }}` while the standard variant has two paragraphs.

    Fix: refer to the whole article, or make the paragraph exist in every variant.
    """
    for clause_id, target, sub, _item, ref, shown in _dangling_parts(ctx, items=False):
        yield get("CK303").finding(
            f"article '{clause_id}' refers to sub-clause {sub} of '{target}', which has fewer "
            "paragraphs for some answers; " + shown,
            ref,
            "refer to the whole article, or keep the paragraph in every variant",
        )


def _dangling_parts(
    ctx: CheckContext, items: bool
) -> Iterator[tuple[str, str, int | None, str | None, Location, str]]:
    """The dangling references to a sub-clause (``items`` False) or to a list item (True): the
    referring clause, target, sub-clause, item, where the reference stands and an example."""
    for (clause_id, target, sub, item), values in sorted(ctx.space.stats.dangling.items(), key=str):
        if (item is not None) != items or (sub is None and item is None):
            continue
        ref = _ref_location(ctx, clause_id, target, sub, item)
        location = ref.location if ref else ctx.template.clause(clause_id).location
        yield clause_id, target, sub, item, location, example(ctx.template, values, _shaping(ctx, target))


@rule("CK304", "computed-reference", "warning")
def computed_reference(ctx: CheckContext) -> Iterator[Finding]:
    """A `ref()` whose clause id is computed, not written out.

    Why: the checks cannot verify where it points; a typo only shows in a client's document.

    Example: `{{ ref(welk_artikel) }}`.

    Fix: write the clause id literally: `{{ ref("vertrouwelijkheid") }}`.
    """
    for clause_id, ref in _refs(ctx):
        if ref.target is None:
            yield get("CK304").finding(
                f"clause '{clause_id}' has a reference whose target is not written out",
                ref.location,
                'write the clause id in quotes, e.g. ref("vertrouwelijkheid")',
            )


def _refs(ctx: CheckContext) -> Iterator[tuple[str, RefCall]]:
    """Every ``ref()`` of every variant, with the id of the clause it stands in."""
    for (clause_id, _variant), code in ctx.analysis.bodies.items():
        for ref in code.refs:
            yield clause_id, ref


@rule("CK305", "dangling-item-reference", "error")
def dangling_item_reference(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers a reference names a list item (`artikel 3.2 onder b`) that is not there.

    Why: list items are lettered from the list actually shown; when a variant or an `{% if %}`
    leaves an item out, or the sub-clause has no lettered list, the reference points at nothing.

    Example: `{{ ref("uitzonderingen", 2, "c") }}` while the list of 3.2 has only items a. and b.
    unless `openbaar` holds.

    Fix: refer to the sub-clause or the article, or keep the item in every variant.
    """
    for clause_id, target, sub, item, ref, shown in _dangling_parts(ctx, items=True):
        yield get("CK305").finding(
            f"article '{clause_id}' refers to item {item} of sub-clause {sub or 1} of '{target}', "
            "which is not there for some answers; " + shown,
            ref,
            "refer to the sub-clause or the article, or keep the item in every variant",
        )


@rule("CK306", "reference-to-block", "error")
def reference_to_block(ctx: CheckContext) -> Iterator[Finding]:
    """A `ref()` names a block: a clause of a block kind or in a part with `numbering: none`.

    Why: a block (parties, recitals, signature …) has no number, so there is nothing to write;
    the render stops with an error.

    Example: `{{ ref("partijen") }}` while `partijen.md` says `kind: parties`.

    Fix: refer to a numbered article or schedule, or name the block in words ("de considerans").
    """
    blocks = {
        entry.clause.id for part in ctx.template.parts for entry in part.entries if not part.numbers(entry)
    }
    for clause_id, ref in _refs(ctx):
        if ref.target in blocks:
            yield get("CK306").finding(
                f"clause '{clause_id}' refers to '{ref.target}', a block without a number",
                ref.location,
                "refer to a numbered article or schedule, or name the block in words",
            )
