"""Output (CK5xx): what the rendered articles say, over the answer space."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import Location
from ..model import Finding
from ..render import subclauses
from .analysis import PROVIDED
from .context import CheckContext
from .registry import Rule, get, rule
from .source import entry_when_location, example, locate

PLACEHOLDER = re.compile(r"(?<![\\!])\[(?!\^)[^\]\n]*\](?![(\[:])|\bXXX+\b|\bTODO\b|\{\{|\}\}")
DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\s\\])[ \t]+[.,;:!?](?!\w)")
_CLOSERS = "*_)\"'”’»"


def outputs(ctx: CheckContext) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(clause id, variant id, rendered text, example answers), each distinct text once."""
    for (clause_id, variant_id, text), values in ctx.space.stats.outputs.items():
        yield clause_id, variant_id, text, values


def names_for(ctx: CheckContext, clause_id: str, variant_id: str) -> set[str]:
    """The answers that shape this clause: its conditions and the answers its text uses."""
    analysis = ctx.analysis
    names = {n for n in analysis.bodies[(clause_id, variant_id)].names if n not in PROVIDED}
    if "vorm" in analysis.bodies[(clause_id, variant_id)].names and ctx.template.address_question:
        names.add(ctx.template.address_question)
    return names | analysis.condition_names(clause_id)


def text_findings(
    ctx: CheckContext, found: Rule, pattern: re.Pattern[str], message: str, hint: str
) -> Iterator[Finding]:
    """A finding per place where `pattern` matches some rendered text (`message` gets `{0}`)."""
    seen: set[tuple[Location, str]] = set()
    for clause_id, variant_id, text, values in outputs(ctx):
        clause = ctx.template.clause(clause_id)
        variant = clause.variant(variant_id)
        for match in pattern.finditer(text):
            location = locate(clause, variant, text, match.start(), match.end())
            key = (location, match.group().lower())
            if key in seen:
                continue
            seen.add(key)
            yield found.finding(
                message.format(match.group(), clause_id)
                + "; "
                + example(ctx.template, values, names_for(ctx, clause_id, variant_id)),
                location,
                hint,
            )


@rule("CK501", "empty-article", "error")
def empty_article(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers an article has no text at all (only a heading would remain).

    Why: the client receives "Artikel 4 Ondernemingsraad" followed by nothing.

    Example: a body that is entirely `{% if ondernemingsraad %} … {% endif %}` while the
    article itself is always included.

    Fix: give the article the same condition as its text (`when:` under `clauses:`), or
    write text for the other case.
    """
    seen: set[tuple[str, str]] = set()
    for clause_id, variant_id, text, values in outputs(ctx):
        if text.strip() or (clause_id, variant_id) in seen:
            continue
        seen.add((clause_id, variant_id))
        variant = ctx.template.clause(clause_id).variant(variant_id)
        yield get("CK501").finding(
            f"article '{clause_id}' is empty for some answers; "
            + example(ctx.template, values, names_for(ctx, clause_id, variant_id)),
            variant.location,
            "include the article only when it has text (a 'when' under clauses:), or add text",
        )


@rule("CK502", "leftover-placeholder", "error")
def leftover_placeholder(ctx: CheckContext) -> Iterator[Finding]:
    """The text still contains a placeholder: `[…]`, `[naam]`, `XXX`, `TODO`, `{{` or `}}`.

    Why: a draft marker that reaches a client makes the document look unfinished and may leave a
    blank where an obligation should be.

    Example: `De Werknemer meldt dit bij [naam afdeling].`

    Fix: replace the placeholder by the text or by a question's answer (`{{ woordvoerder }}`).
    """
    yield from text_findings(
        ctx,
        get("CK502"),
        PLACEHOLDER,
        "placeholder '{0}' left in article '{1}'",
        "replace it with the final text or with an answer, e.g. {{ woordvoerder }}",
    )


@rule("CK503", "double-space", "warning")
def double_space(ctx: CheckContext) -> Iterator[Finding]:
    """Two or more spaces in a row inside a sentence.

    Why: it shows in the document as a gap; often it betrays an `{% if %}` whose text is
    left out with the spaces around it kept.

    Example: `De Werknemer {% if streng %}nooit {% endif %} deelt` → "De Werknemer  deelt".

    Fix: put the space inside the `{% if %}`: `Werknemer {% if streng %}nooit {% endif %}deelt`.
    """
    yield from text_findings(
        ctx,
        get("CK503"),
        DOUBLE_SPACE,
        "double space in article '{1}'",
        "remove a space; when it comes from an {% if %}, put the space inside the {% if %}",
    )


@rule("CK506", "space-before-punctuation", "warning")
def space_before_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    """A space before a full stop, comma, semicolon or colon.

    Why: it shows in the document, and usually betrays an answer or an `{% if %}` that came
    out empty: "ook niet via ." when no channel was chosen.

    Example: `ook niet via {{ kanalen }}.` with no channels chosen.

    Fix: put the words that belong to the answer inside an `{% if %}`:
    `{% if kanalen %}, ook niet via {{ kanalen }}{% endif %}.`
    """
    yield from text_findings(
        ctx,
        get("CK506"),
        SPACE_BEFORE_PUNCTUATION,
        "space before punctuation ('{0}') in article '{1}'",
        "remove the space; when it comes from an empty answer, put the words around it inside an {% if %}",
    )


@rule("CK504", "missing-full-stop", "warning")
def missing_full_stop(ctx: CheckContext) -> Iterator[Finding]:
    """A paragraph of an article does not end with a full stop (or `?`/`!`).

    Why: each numbered sub-clause is a sentence; a missing full stop usually means text was cut
    off by a condition, or a list ends with `;`.

    Example: `De Werknemer meldt dit bij de afdeling Communicatie` (no full stop).

    Fix: end the paragraph with a full stop; end the last item of a list with one too.

    Blocks (parties, recitals, a signature block, …: clauses with a `kind:`) are not sentences
    and are not checked.
    """
    seen: set[Location] = set()
    for clause_id, variant_id, text, values in outputs(ctx):
        clause = ctx.template.clause(clause_id)
        if clause.is_block:
            continue
        variant = clause.variant(variant_id)
        for sub in subclauses(text, 1):
            last = sub.markdown.rstrip().rsplit("\n", 1)[-1].rstrip().rstrip(_CLOSERS)
            if not last or last.endswith((".", "?", "!")) or last.startswith("|"):
                continue
            end = text.find(sub.markdown) + len(sub.markdown)
            location = locate(clause, variant, text, max(0, end - len(last)), end)
            if location in seen:
                continue
            seen.add(location)
            shown = last if len(last) <= 50 else "…" + last[-48:]
            yield get("CK504").finding(
                f"a paragraph of article '{clause_id}' does not end with a full stop: '{shown}'; "
                + example(ctx.template, values, names_for(ctx, clause_id, variant_id)),
                location,
                "end the sentence with a full stop",
            )


@rule("CK505", "render-fails", "error")
def render_fails(ctx: CheckContext) -> Iterator[Finding]:
    """For some answers a clause cannot be rendered at all.

    Why: the client gets an error instead of a document.

    Example: `{{ aantal // 0 }}`, `{{ ingangsdatum.year + "x" }}`, or a condition comparing a
    date with text.

    Fix: simplify the expression; clauses may only use answers, `ref()`, `vorm()` and the
    filters `datum` and `opsomming`.
    """
    for (clause_id, where, message, line), values in sorted(ctx.space.stats.failures.items(), key=str):
        clause = ctx.template.clause(clause_id)
        if where.startswith("when:"):
            variant_id = where.removeprefix("when:")
            variant = clause.variant(variant_id) if variant_id else None
            if variant is not None:
                location = variant.when_location or variant.location
            else:
                location = next(entry_when_location(e) for e in ctx.template.entries if e.clause is clause)
        else:
            variant = clause.variant(where)
            location = Location(clause.path, line) if line else variant.location
        yield get("CK505").finding(
            f"clause '{clause_id}' cannot be rendered for some answers: {message}; "
            + example(ctx.template, values),
            location,
            "simplify the expression; see the example answers",
        )
