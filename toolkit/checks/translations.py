"""Translations (CK95x): every edition of a template has all its text, says the same as the source in
the template code (answers, references, conditions), and about as many sentences.

These rules run once, on the source template, and compare each edition with it; every other rule
runs on each edition as well (its findings point into the translation files).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import Location
from ..loader.translation import TEMPLATE_FILE, TRANSLATIONS_DIR
from ..locales import Locale, ui_locale
from ..model import Finding, Template, Variant
from .analysis import PROVIDED, Code, RefCall
from .context import CheckContext
from .registry import get, rule

# The form of address is Dutch only (vorm(), aanspreekvorm): an English text just writes "you".
ADDRESS_NAMES = frozenset({"vorm", "aanspreekvorm"})
# CK953: how many sentences more or fewer a translation may have before it is worth a look.
SENTENCE_SLACK = 2  # a difference of one is an ordinary split or join of a sentence
SENTENCE_RATIO = 1.5  # and beyond that, long texts carry proportionally more of those
_JINJA_CODE = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+(\S)|\s*$)")
_IF_TAG = re.compile(r"\{%-?\s*(?:el)?if\s+(.*?)\s*-?%\}")


def in_translation(location: Location | None, language: str) -> bool:
    """Whether ``location`` is in a translation file of ``language`` (``translations/<tag>/``)."""
    if location is None:
        return False
    folder = location.path.parent
    return folder.name == language and folder.parent.name == TRANSLATIONS_DIR


def _strings_path(edition: Template) -> Path:
    root = edition.source or edition
    return root.path / TRANSLATIONS_DIR / edition.language / TEMPLATE_FILE


def _untranslated(edition: Template) -> set[str]:
    return {key for key, _ in edition.untranslated}


def variant_key(clause_id: str, variant_id: str, language: str) -> str:
    return f"{clause_id}:{variant_id}@{language}"


@rule("CK951", "missing-translation", "error")
def missing_translation(ctx: CheckContext) -> Iterator[Finding]:
    """A text of the template has no translation in one of its editions: a clause, a variant, a
    clause title or its defined terms, the title or description, a question's label, help text or
    option, a step's title or intro, a part's title.

    Why: the edition would show the source's words there, in the other language, to its readers.

    Example: `translations: [en-GB]` in template.yaml and no `translations/en-GB/boetes.md`; or a
    variant `streng` in the source and no `::: variant streng` in its translation.

    Fix: write the text where the finding points (the file is named even when it does not exist yet).
    """
    words = ui_locale()
    for edition in (e.template for e in ctx.editions.values()):
        strings = _strings_path(edition)
        for key, location in edition.untranslated:
            what, hint = _describe(key, edition, strings, location, words)
            if not in_translation(location, edition.language):  # still the source's place: name the file
                location = Location(strings, None)
            yield get("CK951").finding(
                words.text("check.CK951", language=edition.language, what=what), location, hint
            )


def _describe(
    key: str, edition: Template, strings: Path, location: Location, words: Locale
) -> tuple[str, str]:
    """What is missing, and where to write it, for a key of :attr:`Template.untranslated`."""
    kind, _, rest = key.partition(":")
    language = edition.language
    source = edition.source or edition
    place = {
        "title": "title",
        "description": "description",
        "question": "questions: {0}: {1}",
        "option": "questions: {0}: options: {1}",
        "step": "steps: {0}: {1}",
        "part": "parts: {0}: title",
    }
    ids = rest.split(":", 1) if rest else []
    if kind in place:
        name = kind
        if kind in ("question", "step"):
            name = f"{kind}_{ids[1]}"  # question_label, question_help, step_title, step_intro
        what = words.text(f"check.CK951.{name}", id=ids[0] if ids else "", value=ids[-1] if ids else "")
        hint = words.text("check.CK951.hint_strings", path=strings, place=place[kind].format(*ids))
        return what, hint
    if kind == "file":
        return words.text("check.CK951.file"), words.text("check.CK951.hint_file", path=strings)
    clause_id, _, variant_id = rest.partition(":")
    path = location.path
    if kind == "clause":
        origin = source.clause(clause_id).path
        hint = words.text("check.CK951.hint_clause", path=path, source=origin, language=language)
        return words.text("check.CK951.clause", id=clause_id), hint
    if kind == "terms":
        terms = ", ".join(source.clause(clause_id).terms)
        hint = words.text("check.CK951.hint_terms", path=path, terms=terms, language=language)
        return words.text("check.CK951.terms", id=clause_id), hint
    if kind == "clause-title":
        return words.text("check.CK951.clause_title", id=clause_id), words.text(
            "check.CK951.hint_title", path=path
        )
    single = len(source.clause(clause_id).variants) == 1
    hint_key = "check.CK951.hint_body" if single else "check.CK951.hint_variant"
    what = words.text("check.CK951.variant", id=clause_id, variant=variant_id)
    return what, words.text(hint_key, path=path, variant=variant_id)


@rule("CK952", "translation-answers-differ", "error")
def translation_answers_differ(ctx: CheckContext) -> Iterator[Finding]:
    """A variant's translation uses other answers, other `ref()` calls or other `{% if %}`
    conditions than the variant in the source language.

    Why: the logic of a template lives in its source; a translation carries text only. A translation
    that reads another answer, refers to another article or tests another condition gives its
    readers another document than the one that was checked and approved.

    Example: the source writes `{{ ref("boetes", 2) }}` and the English `{{ ref("boetes", 3) }}`; or
    the Dutch tests `{% if beursgenoteerd %}` where the English has no such test.

    Fix: use the source's answers, `ref()` calls and conditions, and translate only the words around
    them. (`vorm()` is Dutch only: another language may leave it out.)
    """
    words = ui_locale()
    for tag, edition in ctx.editions.items():
        missing = _untranslated(edition.template)
        for (clause_id, variant_id), source in ctx.analysis.bodies.items():
            if f"variant:{clause_id}:{variant_id}" in missing or f"clause:{clause_id}" in missing:
                continue
            translated = edition.analysis.bodies[(clause_id, variant_id)]
            variant = edition.template.clause(clause_id).variant(variant_id)
            for aspect, theirs, ours in _aspects(source, translated):
                extra, lacking = _difference(theirs, ours, shown=aspect == "conditions")
                if not extra and not lacking:
                    continue
                details = []
                if extra:
                    details.append(words.text("check.CK952.extra", items=", ".join(extra)))
                if lacking:
                    details.append(words.text("check.CK952.missing", items=", ".join(lacking)))
                key = variant_key(clause_id, variant_id, tag)
                what = words.text(f"check.CK952.{aspect}", details="; ".join(details))
                where = _first_extra(theirs, ours) or variant.location
                hint = words.text("check.CK952.hint", source=ctx.template.clause(clause_id).path)
                yield get("CK952").finding(words.text("check.CK952", key=key, what=what), where, hint)


_Items = list[tuple[str, Location]]


def _aspects(source: Code, translated: Code) -> Iterator[tuple[str, _Items, _Items]]:
    """(aspect, the source's items, the translation's items), each item shown as written."""

    def names(code: Code) -> _Items:
        skip = PROVIDED | ADDRESS_NAMES
        return [(f"'{n}'", where) for n, where in code.names.items() if n not in skip]

    def refs(code: Code) -> _Items:
        return [(_ref_text(r), r.location) for r in code.refs]

    def conditions(code: Code) -> _Items:
        return [(tree, where) for tree, where in code.conditions]

    yield "names", names(source), names(translated)
    yield "refs", refs(source), refs(translated)
    yield "conditions", conditions(source), conditions(translated)


def _ref_text(ref: RefCall) -> str:
    args = [repr(ref.target) if ref.target is not None else "…"]
    if ref.sub is not None or ref.item is not None:
        args.append(str(ref.sub) if ref.sub is not None else "None")
    if ref.item is not None:
        args.append(repr(ref.item))
    return "ref(" + ", ".join(args).replace("'", '"') + ")"


def _difference(source: _Items, translated: _Items, shown: bool) -> tuple[list[str], list[str]]:
    """What only the translation has, and what only the source has (counted: a repeat matters);
    with ``shown``, items are conditions, compared as Jinja's trees and shown as written."""
    ours, theirs = Counter(t for t, _ in translated), Counter(t for t, _ in source)
    extra = [_written(t, translated) if shown else t for t in sorted(ours - theirs)]
    lacking = [_written(t, source) if shown else t for t in sorted(theirs - ours)]
    return extra, lacking


def _written(item: str, items: _Items) -> str:
    """A condition as its `{% if %}` tag writes it, or the file:line of its tag."""
    where = next(w for t, w in items if t == item)
    try:
        line = where.path.read_text(encoding="utf-8").splitlines()[(where.line or 1) - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        line = ""
    match = _IF_TAG.search(line)
    return f"'{match.group(1)}'" if match else f"{where.path.name}:{where.line}"


def _first_extra(source: _Items, translated: _Items) -> Location | None:
    theirs = Counter(t for t, _ in source)
    for item, where in translated:
        if theirs[item]:
            theirs[item] -= 1
        else:
            return where
    return None


def sentences(body: str) -> int:
    """The number of sentences of a variant body: template code left out, an answer a word; a
    sentence ends at `.`, `!` or `?` before a capital or the end of its paragraph, and a paragraph
    without a full stop (a list item, a heading) counts as one."""
    text = _JINJA_VALUE.sub("X", _JINJA_CODE.sub("", body))
    count = 0
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", text):
        flat = " ".join(paragraph.split())
        if not re.search(r"\w", flat):
            continue
        ends = [m for m in _SENTENCE_END.finditer(flat) if m.group(1) is None or _starts(m.group(1))]
        count += len(ends)
        if not ends or ends[-1].end() < len(flat.rstrip()):
            count += 1
    return count


def _starts(character: str) -> bool:
    """Whether a sentence may begin with ``character`` (a capital, an opening quote or bracket)."""
    return character.isupper() or character in "\"'“‘(["


def differs_a_lot(source: int, translated: int) -> bool:
    """Whether two sentence counts differ by more than translation ordinarily makes them."""
    low, high = sorted((source, translated))
    return high - low >= SENTENCE_SLACK and high >= SENTENCE_RATIO * low


@rule("CK953", "translation-length", "warning")
def translation_length(ctx: CheckContext) -> Iterator[Finding]:
    """The translation of a variant has many more or many fewer sentences than the source.

    Why: a translator may split a long sentence or join two short ones, but a sentence left out or
    added changes what the document says. A difference of one sentence is ordinary and never
    reported; beyond that, a text half again as long (or as short) in sentences is (2 against 4,
    4 against 6, 10 against 15), as longer texts carry proportionally more splits and joins.

    Example: the Dutch `streng` has four sentences and its English translation two: the last
    paragraph was not translated.

    Fix: compare the two texts and translate what is missing (or remove what was added).
    """
    words = ui_locale()
    for tag, edition in ctx.editions.items():
        missing = _untranslated(edition.template)
        for entry in ctx.template.entries:
            clause = entry.clause
            for variant in clause.variants:
                if f"variant:{clause.id}:{variant.id}" in missing or f"clause:{clause.id}" in missing:
                    continue
                translated: Variant = edition.template.clause(clause.id).variant(variant.id)
                ours, theirs = sentences(translated.body), sentences(variant.body)
                if differs_a_lot(theirs, ours):
                    yield get("CK953").finding(
                        words.text(
                            "check.CK953",
                            key=variant_key(clause.id, variant.id, tag),
                            count=ours,
                            source=ctx.template.language,
                            source_count=theirs,
                        ),
                        translated.location,
                        words.text("check.CK953.hint"),
                    )
