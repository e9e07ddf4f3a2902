"""Defined terms (CK6xx): the terms a clause declares (`terms:`) against how the text uses them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Location
from ..model import Clause, Finding
from .context import CheckContext
from .registry import get, rule
from .source import SourceLine, example, template_lines

# A capitalised word right after one of these reads as a defined term: "de Werkgever".
DETERMINERS = (
    "de", "het", "een", "deze", "die", "dit", "dat", "elke", "iedere", "ieder", "zijn", "haar",
    "diens", "hun", "onder", "geen",
)  # fmt: skip
_DETERMINER = r"(?<![\wà-ÿ])(?i:" + "|".join(DETERMINERS) + r")\s+"
_CAPITALISED = re.compile(
    r"(?<![\w.!?:])(?:" + "|".join(DETERMINERS) + r")\s+(?P<word>[A-Z][a-zà-ÿ]+(?:-[A-Za-zà-ÿ]+)?)\b"
)


def _lines(ctx: CheckContext) -> Iterator[tuple[Clause, SourceLine]]:
    return template_lines(ctx.template)


def _terms(ctx: CheckContext) -> dict[str, Clause]:
    return {term: entry.clause for entry in ctx.template.entries for term in entry.clause.terms}


# Dutch plurals of a term: Werknemers, Relaties, Leidinggevenden, Bedrijfsaccounts, Cao's.
_PLURAL = r"(?:s|en|n|'s)?"
# Capitalised because they are (parts of) names of statutes and institutions, not defined terms.
STATUTE_WORDS = ("Wet", "Burgerlijk", "Wetboek", "Algemene", "Grondwet", "Europese", "Nederlandse")


def _term_pattern(term: str, flags: int = 0) -> re.Pattern[str]:
    """The term, or its plural, as a whole word."""
    return re.compile(r"(?<![\wà-ÿ])" + re.escape(term) + _PLURAL + r"(?![\wà-ÿ])", flags)


def _terms_location(clause: Clause, term: str) -> Location:
    """The line of the front matter that declares `term`."""
    lines = clause.path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(("terms:", "- ", f"{term}:")) and term in line:
            return Location(clause.path, number)
        if line.strip() == "---" and number > 1:
            break
    return clause.location


@rule("CK601", "unused-term", "warning")
def unused_term(ctx: CheckContext) -> Iterator[Finding]:
    """A defined term is declared but used nowhere else in the template.

    Why: a definition that nothing relies on is noise, and often a sign that the text uses a
    different word for the same thing.

    Example: `terms: [Bedrijfsmiddelen]` while no clause says "Bedrijfsmiddelen".

    Fix: use the term where its meaning is meant, or remove its definition and its entry in
    `terms:`.
    """
    for term, clause in _terms(ctx).items():
        pattern = _term_pattern(term)
        definition = re.compile(r"\*\*" + re.escape(term) + r"\*\*")
        uses = sum(
            len(pattern.findall(line.literal)) - len(definition.findall(line.literal))
            for _c, line in _lines(ctx)
        )
        if uses <= 0:
            yield get("CK601").finding(
                f"the defined term '{term}' is used nowhere in the template",
                _terms_location(clause, term),
                "use the term in the text, or remove its definition",
            )


@rule("CK602", "undeclared-term", "warning")
def undeclared_term(ctx: CheckContext) -> Iterator[Finding]:
    """A capitalised word is used like a defined term but no clause declares it.

    Why: in Dutch only names and defined terms are capitalised mid-sentence; "de Klant" promises
    the reader a definition. Reported when such a word appears at least twice after an article
    ("de", "het", "een", …). Plurals of declared terms ("de Werknemers") and words of statute
    names ("het Burgerlijk Wetboek", "de Wet op …") are not reported.

    Example: "de Klant" in two articles, while `terms:` lists only Werkgever and Werknemer.

    Fix: declare and define the term (in `terms:` and the definitions article), write it in
    lowercase, or list a real name under `known_names:` in checks.yaml.
    """
    terms = _terms(ctx)
    declared = [_term_pattern(t) for t in terms]
    known = set(STATUTE_WORDS) | set(ctx.config.known_names)
    places: dict[str, list[Location]] = {}
    for _clause, line in _lines(ctx):
        text = line.literal
        for pattern in declared:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
        for match in _CAPITALISED.finditer(text):
            word = match["word"]
            if word in known or any(re.fullmatch(re.escape(t.split()[0]) + _PLURAL, word) for t in terms):
                continue
            places.setdefault(word, []).append(
                Location(line.location.path, line.location.line, match.start("word") + 1)
            )
    for word, locations in places.items():
        if len(locations) >= 2:
            yield get("CK602").finding(
                f"'{word}' is capitalised like a defined term ({len(locations)} times), "
                "but no clause defines it",
                locations[0],
                f"add '{word}' to terms: and define it, write it in lowercase, "
                "or add it to known_names in checks.yaml",
            )


@rule("CK603", "lowercase-term", "warning")
def lowercase_term(ctx: CheckContext) -> Iterator[Finding]:
    """A defined term is written in lowercase where the defined meaning seems meant.

    Why: "de werknemer" and "de Werknemer" are different for a court: only the capitalised form
    carries the definition, so the lowercase form may not cover what the definition covers.

    Example: `Werknemer` is defined, and an article says "de werknemer meldt dit" (plurals too:
    "de werknemers").

    Fix: write the term with its capital ("de Werknemer"), or rephrase when the ordinary
    meaning is meant.
    """
    seen: set[tuple[str, Location]] = set()
    for term in _terms(ctx):
        lower = term[0].lower() + term[1:]
        if lower == term:
            continue
        pattern = re.compile(_DETERMINER + "(" + re.escape(lower) + _PLURAL + r")(?![\wà-ÿ])")
        for _clause, line in _lines(ctx):
            for match in pattern.finditer(line.literal):
                location = Location(line.location.path, line.location.line, match.start(1) + 1)
                if (term, location) in seen:
                    continue
                seen.add((term, location))
                yield get("CK603").finding(
                    f"'{match.group(1)}' is written in lowercase, but '{term}' is a defined term",
                    location,
                    f"write '{term}' when the defined meaning is meant",
                )


@rule("CK604", "term-defined-twice", "error")
def term_defined_twice(ctx: CheckContext) -> Iterator[Finding]:
    """A term is defined in two clauses that are in the document together, for some answers.

    Why: two definitions of one term contradict each other or at best say the same twice; a court
    reads the document against its drafter. A generated list of definitions would show the term
    twice.

    Example: `opdracht.md` says `terms: {Opdracht: "…"}` and `definities.md` says
    `terms: [Opdracht, …]`, and both are always included.

    Fix: define the term in one clause only; when two variants of a definition are needed, make
    them variants of one clause, or give the two clauses conditions that exclude each other.
    """
    for (term, first, second), values in sorted(ctx.space.stats.twice.items(), key=str):
        clause = ctx.template.clause(second)
        yield get("CK604").finding(
            f"the term '{term}' is defined in '{first}' and in '{second}', which are in the document "
            "together for some answers; "
            + example(ctx.template, values, ctx.analysis.condition_names(first, second, variants=False)),
            _terms_location(clause, term),
            f"define '{term}' in one clause only",
        )
