"""The condition builder's core: terms (question, operator, value) → a ``when`` expression, checked.

The expression is what an expert writes by hand (``strengheid == "streng" and ondernemingsraad``);
it is validated by the code ``clausekit check`` runs: the engine's compiler (CK101), then the
rules on answers (CK201–CK204) and on variants (CK401–CK404) over the answer space, for a draft of
the template in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..answers import load_answers_file
from ..errors import ClauseKitError, Location
from ..library import Library
from ..model import Finding, Question, Template
from .draft import DraftEngine
from .snippets import literal

# The operators of each kind of question; the words for them are the locale's ``editor.op.<name>``.
OPERATORS: dict[str, tuple[str, ...]] = {
    "boolean": ("true", "false"),
    "choice": ("eq", "ne"),
    "multichoice": ("has", "lacks"),
    "number": ("eq", "ne", "ge", "le", "gt", "lt"),
    "text": ("eq", "ne"),
}
_SYMBOL = {"eq": "==", "ne": "!=", "ge": ">=", "le": "<=", "gt": ">", "lt": "<"}
JOINERS = ("and", "or")
RULES = ("CK201", "CK203", "CK204", "CK401", "CK402", "CK403", "CK404")


@dataclass(frozen=True)
class Term:
    """One test of the builder: ``question`` ``operator`` ``value``; ``joiner`` ties it to the one before."""

    question: str
    operator: str
    value: str = ""
    joiner: str = "and"


def operators(question: Question) -> tuple[str, ...]:
    return OPERATORS.get(question.type, ("eq", "ne"))


def term_text(question: Question, operator: str, value: str) -> str:
    """One test as source: ``strengheid == "streng"``, ``"x" in kanalen``, ``not zzp``, ``aantal >= 50``."""
    name = question.id
    if operator == "true":
        return name
    if operator == "false":
        return f"not {name}"
    if operator == "has":
        return f"{literal(value)} in {name}"
    if operator == "lacks":
        return f"{literal(value)} not in {name}"
    if question.type == "number":
        number = float(value)  # ValueError: not a number
        shown = str(int(number)) if number.is_integer() else repr(number)
        return f"{name} {_SYMBOL[operator]} {shown}"
    return f"{name} {_SYMBOL[operator]} {literal(value)}"


def expression(template: Template, terms: Sequence[Term]) -> str:
    """The ``when`` the terms make, joined with ``and`` / ``or`` as chosen ("" without terms)."""
    out = ""
    for index, term in enumerate(terms):
        text = term_text(template.question(term.question), term.operator, term.value)
        out = text if index == 0 else f"{out} {term.joiner if term.joiner in JOINERS else 'and'} {text}"
    return out


def syntax_error(expression: str, location: Location) -> ClauseKitError | None:
    """The loader's own verdict on a condition (CK101), or None when it compiles."""
    try:
        DraftEngine().condition(expression, location)
    except ClauseKitError as exc:
        return exc
    return None


def selecting_examples(
    library: Library, template: Template, engine: DraftEngine, clause_id: str, variant_id: str
) -> tuple[list[str], list[str]]:
    """The example answers files whose document shows this variant, and those that show another.

    ``template`` is the draft (render it with ``engine``, which compiled it).
    """
    chosen: list[str] = []
    other: list[str] = []
    folder = template.examples_dir
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            answers = library.validate(template, load_answers_file(path)[0])
            document = engine.render(template, answers)
        except ClauseKitError:
            continue
        article = document.article(clause_id)
        (chosen if article is not None and article.variant.id == variant_id else other).append(path.stem)
    return chosen, other


def findings_for(root: Path, template: Template, clause_id: str) -> list[Finding]:
    """The findings of RULES for one article of a draft template, over its whole answer space.

    A fresh library (its engine compiles the draft, not the saved files) and one process: worker
    processes would load the files on disk instead of the draft.
    """
    from ..checks import check_template
    from ..checks.config import load_config

    library = Library(root)
    config = replace(load_config(template.path), workers=1)
    clause = template.clause(clause_id)
    found = check_template(library, template, select=list(RULES), config=config)
    here = [
        f
        for f in found
        if f.location is not None and (f.location.path == clause.path or f"'{clause_id}'" in f.message)
    ]
    return here
