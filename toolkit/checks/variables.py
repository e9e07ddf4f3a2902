"""Variables (CK2xx): the answers the clauses use against the questions the template asks."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..errors import Location
from ..kinds import kind_of
from ..locales import ui_locale
from ..model import Finding
from .analysis import PROVIDED, Code
from .context import CheckContext
from .registry import get, rule
from .source import entry_when_location, example


def _codes(ctx: CheckContext) -> Iterator[tuple[str, Code]]:
    analysis, words = ctx.analysis, ui_locale()
    for (clause_id, variant_id), code in analysis.bodies.items():
        if variant_id == "default":
            yield words.text("check.where.text", clause=clause_id), code
        else:
            yield words.text("check.where.text_variant", clause=clause_id, variant=variant_id), code
    for (clause_id, variant_id), code in analysis.variant_conditions.items():
        yield words.text("check.where.variant_condition", variant=variant_id, clause=clause_id), code
    for clause_id, code in analysis.entry_conditions.items():
        yield words.text("check.where.entry_condition", clause=clause_id), code
    for question_id, code in analysis.question_conditions.items():
        yield words.text("check.where.question_condition", question=question_id), code


@rule("CK201", "undefined-answer", "error")
def undefined_answer(ctx: CheckContext) -> Iterator[Finding]:
    """A clause or condition uses a name that is not a question of the template.

    Why: the document cannot be made: rendering stops at the unknown name for every answer.

    Example: `{{ organisatienaam }}` while the question is called `organisatie`.

    Fix: use the id of a question (`clausekit questions TEMPLATE`), or add the question to
    template.yaml.
    """
    questions = [q.id for q in ctx.template.questions]
    for where, code in _codes(ctx):
        for name, location in code.names.items():
            if name in questions or name in PROVIDED:
                continue
            close = difflib.get_close_matches(name, questions, n=1)
            words = ui_locale()
            yield get("CK201").finding(
                words.text("check.CK201", where=where, name=name),
                location,
                words.text("check.did_you_mean", name=close[0]) if close else words.text("check.CK201.hint"),
            )


@rule("CK202", "unused-question", "warning")
def unused_question(ctx: CheckContext) -> Iterator[Finding]:
    """A question is asked but no clause or condition uses its answer.

    Why: the client spends time on a question that changes nothing in the document.

    Example: a question `aantal_werknemers` that no `{{ }}` and no `when` mentions.

    Fix: use the answer in a clause or a condition, or remove the question.
    """
    used = ctx.analysis.used_names()
    for question in ctx.template.questions:
        if question.id not in used and question.id != ctx.template.address_question:
            words = ui_locale()
            yield get("CK202").finding(
                words.text("check.CK202", question=question.id, label=question.label),
                question.location,
                words.text("check.CK202.hint"),
            )


@rule("CK203", "unknown-option", "error")
def unknown_option(ctx: CheckContext) -> Iterator[Finding]:
    """A condition compares a choice with a value that is not one of its options.

    Why: the condition can never be true (or is always true with `!=`), so text that should
    appear for some clients never does.

    Example: `when: sector == "Zorg"` while the options are `zorg` and `overheid`.

    Fix: use one of the option values exactly as written under `options:` (lowercase matters).
    """
    choices = {q.id: q for q in ctx.template.questions if kind_of(q).has_options}
    seen: set[tuple[str, str, Location]] = set()
    for _where, code in _codes(ctx):
        for comparison in code.comparisons:
            question = choices.get(comparison.name)
            if question is None or not isinstance(comparison.value, str):
                continue
            options = question.option_values()
            key = (comparison.name, comparison.value, comparison.location)
            if comparison.value not in options and key not in seen:
                seen.add(key)
                close = difflib.get_close_matches(comparison.value, options, n=1)
                words = ui_locale()
                yield get("CK203").finding(
                    words.text("check.CK203", value=comparison.value, question=question.id),
                    comparison.location,
                    (words.text("check.did_you_mean", name=close[0]) + " " if close else "")
                    + words.text("check.CK203.hint", options=", ".join(options)),
                )


@rule("CK204", "answer-maybe-absent", "error")
def answer_maybe_absent(ctx: CheckContext) -> Iterator[Finding]:
    """A clause uses a question that is not asked for some answers that do include the clause.

    The same for a question whose `when` reads the answer to a question that is not always
    asked before it.

    Why: a question with a `when` is only asked when its condition holds; otherwise its answer
    does not exist and the document cannot be made for those clients.

    Example: `perschef` is asked only `when: pers == "afdeling"`, but the article that says
    `{{ perschef }}` is included for every client.

    Fix: give the article (or its variant) the same condition as the question, or put the text
    inside `{% if pers == "afdeling" %} … {% endif %}`.
    """
    analysis, words = ctx.analysis, ui_locale()
    for (clause_id, where, name), values in sorted(ctx.space.stats.absent.items()):
        question = ctx.template.question(name)
        if where.startswith("question:"):
            asked = ctx.template.question(where.removeprefix("question:"))
            reads = {name, *analysis.question_conditions.get(name, _EMPTY).names}
            shown = example(ctx.template, values, reads)
            yield get("CK204").finding(
                words.text(
                    "check.CK204.question",
                    asked=asked.id, when=asked.when, name=name, condition=question.when, example=shown,
                ),
                asked.when_location or asked.location,
                words.text("check.CK204.question.hint", name=name, condition=question.when),
            )  # fmt: skip
            continue
        clause = ctx.template.clause(clause_id)
        names: set[str] = {name, *analysis.question_conditions.get(name, _EMPTY).names}
        entry_code = analysis.entry_conditions.get(clause_id)
        if entry_code:
            names |= set(entry_code.names)
        if where.startswith("when:"):
            variant_id = where.removeprefix("when:")
            if variant_id:
                variant = clause.variant(variant_id)
                location = variant.when_location or variant.location
            else:
                location = next(
                    entry_when_location(e) for e in ctx.template.entries if e.clause.id == clause_id
                )
            key = "check.CK204.condition"
        else:
            location = analysis.bodies[(clause_id, where)].names.get(name) or clause.location
            key = "check.CK204.clause"
        shown = example(ctx.template, values, names)
        yield get("CK204").finding(
            words.text(key, clause=clause_id, name=name, condition=question.when, example=shown),
            location,
            words.text("check.CK204.hint", condition=question.when, name=name),
        )


_EMPTY = Code()
