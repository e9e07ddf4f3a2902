"""Parse, coerce, default and validate answers. Answers are data: never markup, never code."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import MAX_REPORTED, AnswerError, ClauseKitError, LoadError, Location, shown
from .kinds import kind_of
from .locales import ui_locale
from .model import Answers, Question, Template
from .render import Engine
from .suggest import suggest
from .yamlio import CommentedMap, json_key_lines, key_location, load_json, load_yaml, plain, read_source

_FILLERS = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}


# An answers file holds one answer per question: a template has tens of questions. Within the byte
# budget of every file, this keeps a hostile one under a second or two of (pure Python) parsing.
MAX_ANSWERS_LINES = 2_000


def load_answers_file(path: Path, within: Path | None = None) -> tuple[dict[str, Any], dict[str, Location]]:
    """Read answers from a YAML or JSON file; also return where each answer stands.

    The file is bounded like every library file (:func:`toolkit.yamlio.read_source`): UTF-8, no YAML
    anchors, aliases or tags, no duplicate keys (in JSON neither), at most 1 MB; and at most
    :data:`MAX_ANSWERS_LINES` lines.
    """
    words = ui_locale()
    if not path.is_file():
        raise LoadError(
            words.text("answers_file.not_found", path=path), None, words.text("answers_file.not_found.hint")
        )
    text = read_source(path, within=within)  # within: an example in a library
    count = text.count("\n") + 1
    if count > MAX_ANSWERS_LINES:  # the YAML parser is pure Python: ~0.7 ms a line, so bound the time too
        raise LoadError(
            words.text("answers_file.too_long", count=f"{count:,}", limit=f"{MAX_ANSWERS_LINES:,}"),
            Location(path, MAX_ANSWERS_LINES + 1),
            words.text("answers_file.too_long.hint"),
        )
    if path.suffix.lower() == ".json":
        data = load_json(text, path)
        lines = json_key_lines(text)
        locations = {k: Location(path, lines.get(k)) for k in data} if isinstance(data, dict) else {}
    else:
        data = load_yaml(text, path)
        locations = (
            {str(k): key_location(data, str(k), path) for k in data} if isinstance(data, CommentedMap) else {}
        )
        data = plain(data) if data is not None else {}
    if not isinstance(data, dict):
        raise LoadError(
            words.text("answers_file.not_a_mapping"),
            Location(path, 1),
            words.text("answers_file.not_a_mapping.hint"),
        )
    return data, locations


def validate(
    template: Template,
    raw: Mapping[str, Any],
    locations: Mapping[str, Location] | None = None,
    source: Path | None = None,
    engine: Engine | None = None,
) -> Answers:
    """Turn raw answers into typed :class:`Answers`, or raise :class:`AnswerError` listing every problem.

    Questions are taken in order; one whose ``when`` is false for the answers before it is left
    out (an answer given to it is ignored). Pass the library's ``engine`` to reuse its compiled
    conditions.
    """
    locations = locations or {}
    engine = engine or Engine()
    problems: list[ClauseKitError] = []
    known = {q.id for q in template.questions}
    words = ui_locale()  # the person who reads the problems
    for key in raw:
        if key not in known:
            # Only the reported ones get a suggestion: 100,000 unknown keys must not take minutes.
            hint = suggest(key, sorted(known)) if len(problems) < MAX_REPORTED else "-"
            problems.append(
                ClauseKitError(
                    words.text("answer.unknown", question=shown(key)),
                    locations.get(key) or (Location(source) if source else None),
                    hint + " " + words.text("answer.see_questions", template=template.id),
                )
            )
    values: dict[str, Any] = {}
    for question in template.questions:
        try:
            if question.when and not engine.asked(template, question.id, values):
                continue
        except LoadError:
            if problems:  # it depends on an answer that was itself wrong: report that one
                continue
            raise
        where = locations.get(question.id) or (Location(source) if source else question.location)
        given = question.id in raw and not blank(raw[question.id])
        try:
            if given:
                values[question.id] = coerce(question, raw[question.id])
            elif question.default is not None:
                values[question.id] = coerce(question, question.default)
            elif question.required:
                raise ClauseKitError(
                    words.text("answer.required", question=question.id, label=question.label),
                    None,
                    accepted(question),
                )
            else:
                values[question.id] = empty(question)
        except ClauseKitError as exc:
            problems.append(ClauseKitError(exc.message, where, exc.hint))
    if problems:
        raise AnswerError(problems)
    return Answers(template_id=template.id, values=values)


def blank(value: Any) -> bool:
    """True for no answer: None, or text of nothing but whitespace and invisible characters.

    Invisible means the format characters (zero-width space, joiners, BOM, bidi marks: Unicode
    category Cf) and the fillers that look like a space (Hangul fillers, braille blank).
    """
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return all(char.isspace() or char in _FILLERS or unicodedata.category(char) == "Cf" for char in value)


def empty(question: Question) -> Any:
    """The value of an optional question left unanswered."""
    return kind_of(question).empty(question)


def accepted(question: Question) -> str:
    """What a question accepts, as a hint for a wrong answer."""
    return kind_of(question).accepted(question)


def coerce(question: Question, value: Any) -> Any:
    """One answer in its question's type, or a :class:`ClauseKitError` saying what is accepted."""
    return kind_of(question).coerce(question, value)
