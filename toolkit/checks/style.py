"""Style (CK7xx): the Dutch form of address, "en/of" (English: "and/or"), and words the house style
forbids."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Location
from ..locales import ui_locale
from ..model import Address, Clause, Finding, Variant
from .context import CheckContext
from .output import names_for, outputs
from .registry import get, rule
from .source import example, literal_lines, locate, template_lines

INFORMAL = re.compile(r"(?<![\wà-ÿ])(je|jij|jou|jouw|jouwe|jezelf|jullie)(?![\wà-ÿ])", re.IGNORECASE)
FORMAL = re.compile(r"(?<![\wà-ÿ\\])(u|uw|uwe|uzelf)(?![\wà-ÿ.])", re.IGNORECASE)
EN_OF = re.compile(r"\ben/of\b", re.IGNORECASE)
AND_OR = re.compile(r"\band/or\b", re.IGNORECASE)
# The ambiguous "A and/or B" of each language, with what to write instead; a language not here: Dutch.
CONJUNCTIONS = {"nl": (EN_OF, "check.CK702.hint.nl"), "en": (AND_OR, "check.CK702.hint.en")}


def _language(ctx: CheckContext) -> str:
    return ctx.template.language.split("-")[0].lower()


@rule("CK701", "address-mismatch", "error")
def address_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """The text addresses the reader with "je" where the template says "u", or the other way round.

    Why: mixing "je" and "u" in one document looks careless and changes its tone; the form of
    address is a setting of the template (`address:`) or a question the client answers.

    Example: `Heb je vragen, neem dan contact op` in a template with `address: u`.

    Fix: write `{{ vorm("Heb je", "Heeft u") }}` where the text must follow the setting, or
    use the form of the template.
    """
    template = ctx.template
    if _language(ctx) != "nl":  # the je/u distinction is Dutch
        return
    seen: set[tuple[Location, str]] = set()
    for clause_id, variant_id, text, values in outputs(ctx):
        if template.address_question:
            address = Address(values.get(template.address_question, template.address.value))
        else:
            address = template.address
        wrong = INFORMAL if address is Address.U else FORMAL
        clause = template.clause(clause_id)
        variant = clause.variant(variant_id)
        for match in wrong.finditer(text):
            location = _address_location(clause, variant, text, match, wrong)
            key = (location, match.group().lower())
            if key in seen:
                continue
            seen.add(key)
            words = ui_locale()
            shown = example(template, values, names_for(ctx, clause_id, variant_id))
            yield get("CK701").finding(
                words.text(
                    "check.CK701", word=match.group(), clause=clause_id, address=address.value, example=shown
                ),
                location,
                words.text("check.CK701.hint"),
            )


def _address_location(
    clause: Clause, variant: Variant, text: str, match: re.Match[str], wrong: re.Pattern[str]
) -> Location:
    """The source line with the same pronoun; else the line the rendered text comes from."""
    for line in literal_lines(clause, variant):
        hit = wrong.search(line.literal)
        if hit and hit.group().lower() == match.group().lower():
            return Location(line.location.path, line.location.line, hit.start() + 1)
    return locate(clause, variant, text, match.start(), match.end())


def _static(ctx: CheckContext, pattern: re.Pattern[str]) -> Iterator[tuple[str, Location, str]]:
    for clause, line in template_lines(ctx.template):
        for match in pattern.finditer(line.literal):
            yield (
                clause.id,
                Location(line.location.path, line.location.line, match.start() + 1),
                match.group(),
            )


@rule("CK702", "en-of", "warning")
def en_of(ctx: CheckContext) -> Iterator[Finding]:
    """The text uses "en/of" (in an English template: "and/or").

    Why: "en/of" is ambiguous in a legal text (does "A en/of B" allow only one of them?);
    Dutch drafting guides advise against it, as English ones do against "and/or".

    Example: `De Werknemer meldt dit bij zijn leidinggevende en/of de afdeling HR.`; in English,
    `The Recipient may disclose it to its employees and/or advisers.`

    Fix: write "of" (which in Dutch legal language includes both), or "A, B of beide"; in
    English "or", or "A or B or both".
    """
    pattern, hint = CONJUNCTIONS.get(_language(ctx), CONJUNCTIONS["nl"])
    words = ui_locale()
    for clause_id, location, word in _static(ctx, pattern):
        yield get("CK702").finding(
            words.text("check.CK702", word=word, clause=clause_id), location, words.text(hint)
        )


@rule("CK703", "forbidden-word", "warning")
def forbidden_word(ctx: CheckContext) -> Iterator[Finding]:
    """The text uses a word the house style forbids (`forbidden_words` in checks.yaml).

    Why: old-fashioned legal words ("zulks", "derhalve", "teneinde", "middels") make a text for
    employees harder to read. The default list can be replaced per template in checks.yaml.

    Example: `Teneinde schade te voorkomen, …`

    Fix: use plain Dutch ("om schade te voorkomen"), or change `forbidden_words`.
    """
    words = [w for w in ctx.config.forbidden_words if w.strip()]
    if not words:
        return
    pattern = re.compile(
        r"(?<![\wà-ÿ])(" + "|".join(re.escape(w) for w in words) + r")(?![\wà-ÿ])", re.IGNORECASE
    )
    for clause_id, location, word in _static(ctx, pattern):
        ui = ui_locale()
        yield get("CK703").finding(
            ui.text("check.CK703", word=word, clause=clause_id), location, ui.text("check.CK703.hint")
        )
