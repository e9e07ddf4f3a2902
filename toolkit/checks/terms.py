"""Defined terms (CK6xx): the terms a clause declares (`terms:`) against how the text uses them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Location
from ..locales import ui_locale
from ..model import Clause, Finding
from .context import CheckContext
from .registry import get, rule
from .source import SourceLine, example, template_lines


@dataclass(frozen=True)
class TermWords:
    """How a language writes its defined terms: the words after which a capitalised word reads as a
    term ("de Werkgever", "the Discloser"), the endings of its plural, and the capitalised words
    of statute and institution names, which are not terms."""

    determiners: tuple[str, ...]
    plural: str  # a regular expression for the endings of a plural
    statute_words: tuple[str, ...]
    sentence_start: bool = False  # "The Discloser" opening a sentence counts too

    @property
    def determiner(self) -> str:
        return r"(?<![\wà-ÿ])(?i:" + "|".join(self.determiners) + r")\s+"

    @property
    def capitalised(self) -> re.Pattern[str]:
        determiners = "|".join(self.determiners)
        if self.sentence_start:
            determiners = "|".join(f"[{d[0]}{d[0].upper()}]{d[1:]}" for d in self.determiners)
        word = r"(?P<word>[A-Z][a-zà-ÿ]+(?:-[A-Za-zà-ÿ]+)?)\b"
        return re.compile(r"(?<![\w.!?:])(?:" + determiners + r")\s+" + word)


# Per language (a template's language's first subtag); a language not here is read as Dutch.
TERM_WORDS = {
    # Dutch plurals of a term: Werknemers, Relaties, Leidinggevenden, Bedrijfsaccounts, Cao's.
    "nl": TermWords(
        determiners=(
            "de", "het", "een", "deze", "die", "dit", "dat", "elke", "iedere", "ieder", "zijn", "haar",
            "diens", "hun", "onder", "geen",
        ),
        plural=r"(?:s|en|n|'s)?",
        statute_words=("Wet", "Burgerlijk", "Wetboek", "Algemene", "Grondwet", "Europese", "Nederlandse"),
    ),
    # English plurals: Parties, Affiliates, Businesses, the Discloser's.
    "en": TermWords(
        determiners=(
            "the", "a", "an", "this", "that", "these", "those", "each", "every", "any", "such", "its",
            "their", "his", "her", "no", "either", "neither", "other",
        ),
        plural=r"(?:s|es|'s|’s)?",
        statute_words=(
            "Act", "Code", "Civil", "Regulation", "Directive", "General", "European", "Union", "United",
            "Kingdom", "States", "Netherlands", "Dutch", "English", "Courts", "Court", "Supreme",
        ),
        sentence_start=True,
    ),
}  # fmt: skip


def term_words(ctx: CheckContext) -> TermWords:
    return TERM_WORDS.get(ctx.template.language.split("-")[0].lower(), TERM_WORDS["nl"])


def _lines(ctx: CheckContext) -> Iterator[tuple[Clause, SourceLine]]:
    return template_lines(ctx.template)


def _terms(ctx: CheckContext) -> dict[str, Clause]:
    return {term: entry.clause for entry in ctx.template.entries for term in entry.clause.terms}


def _term_pattern(term: str, words: TermWords, flags: int = 0) -> re.Pattern[str]:
    """The term, or its plural, as a whole word (English "Party" → "Parties" too)."""
    stem = re.escape(term)
    if words is TERM_WORDS["en"] and term.endswith("y"):
        stem = re.escape(term[:-1]) + "(?:y|ies)"
    return re.compile(r"(?<![\wà-ÿ])" + stem + words.plural + r"(?![\wà-ÿ])", flags)


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
    words = term_words(ctx)
    for term, clause in _terms(ctx).items():
        pattern = _term_pattern(term, words)
        definition = re.compile(r"\*\*" + re.escape(term) + r"\*\*")
        uses = sum(
            len(pattern.findall(line.literal)) - len(definition.findall(line.literal))
            for _c, line in _lines(ctx)
        )
        if uses <= 0:
            ui = ui_locale()
            yield get("CK601").finding(
                ui.text("check.CK601", term=term), _terms_location(clause, term), ui.text("check.CK601.hint")
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
    words = term_words(ctx)
    terms = _terms(ctx)
    declared = [_term_pattern(t, words) for t in terms]
    known = set(words.statute_words) | set(ctx.config.known_names)
    capitalised = words.capitalised
    places: dict[str, list[Location]] = {}
    for _clause, line in _lines(ctx):
        text = line.literal
        for pattern in declared:
            text = pattern.sub(lambda m: "\x00" * len(m.group()), text)  # not a space: no new neighbours
        for match in capitalised.finditer(text):
            word = match["word"]
            if word in known or any(_term_pattern(t.split()[0], words).fullmatch(word) for t in terms):
                continue
            places.setdefault(word, []).append(
                Location(line.location.path, line.location.line, match.start("word") + 1)
            )
    for word, locations in places.items():
        if len(locations) >= 2:
            ui = ui_locale()
            yield get("CK602").finding(
                ui.text("check.CK602", word=word, count=len(locations)),
                locations[0],
                ui.text("check.CK602.hint", word=word),
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
    words = term_words(ctx)
    for term in _terms(ctx):
        # "werknemer" for Werknemer; "disclosing party" for Disclosing Party
        lowers = {term[0].lower() + term[1:], term.lower()} - {term}
        if not lowers:
            continue
        forms = "|".join(
            _term_pattern(lower, words).pattern for lower in sorted(lowers, key=len, reverse=True)
        )
        pattern = re.compile(words.determiner + "(" + forms + ")")
        for _clause, line in _lines(ctx):
            for match in pattern.finditer(line.literal):
                location = Location(line.location.path, line.location.line, match.start(1) + 1)
                if (term, location) in seen:
                    continue
                seen.add((term, location))
                ui = ui_locale()
                yield get("CK603").finding(
                    ui.text("check.CK603", text=match.group(1), term=term),
                    location,
                    ui.text("check.CK603.hint", term=term),
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
    ui = ui_locale()
    for (term, first, second), values in sorted(ctx.space.stats.twice.items(), key=str):
        clause = ctx.template.clause(second)
        shown = example(ctx.template, values, ctx.analysis.condition_names(first, second, variants=False))
        yield get("CK604").finding(
            ui.text("check.CK604", term=term, first=first, second=second, example=shown),
            _terms_location(clause, term),
            ui.text("check.CK604.hint", term=term),
        )
