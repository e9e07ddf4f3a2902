"""Parse, coerce, default and validate answers. Answers are data: never markup, never code."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .charset import check_answer
from .errors import MAX_REPORTED, AnswerError, ClauseKitError, LoadError, Location, shown
from .model import Answers, Question, QuestionType, Template
from .render import Engine
from .suggest import suggest
from .yamlio import CommentedMap, json_key_lines, key_location, load_json, load_yaml, plain, read_source

_TRUE = {"true", "ja", "yes", "j", "y", "1", "waar"}
_FALSE = {"false", "nee", "no", "n", "0", "onwaar"}
# Dates as YYYY-MM-DD or the Dutch DD-MM-YYYY; numbers in ASCII digits with an optional sign and one
# decimal point or comma. Nothing else (1_000, Arabic-Indic digits, 2027-W01-1, 20270101) is read.
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_DATE_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", re.ASCII)
_NUMBER = re.compile(r"^[-+]?\d{1,30}(?:[.,]\d{1,30})?$", re.ASCII)
_FILLERS = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}


def load_answers_file(path: Path) -> tuple[dict[str, Any], dict[str, Location]]:
    """Read answers from a YAML or JSON file; also return where each answer stands.

    The file is bounded like every library file (:func:`toolkit.yamlio.read_source`): at most 1 MB,
    UTF-8, no YAML anchors, aliases or tags, no duplicate keys (in JSON neither).
    """
    if not path.is_file():
        raise LoadError(f"answers file not found: {path}", None, "check the path given to --answers")
    text = read_source(path, "the answers file")
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
            "the answers file must map question ids to answers",
            Location(path, 1),
            "write one 'question_id: answer' per line",
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
    for key in raw:
        if key not in known:
            # Only the reported ones get a suggestion: 100,000 unknown keys must not take minutes.
            hint = suggest(key, sorted(known)) if len(problems) < MAX_REPORTED else "-"
            problems.append(
                ClauseKitError(
                    f"unknown question {shown(key)}",
                    locations.get(key) or (Location(source) if source else None),
                    hint + f" (see 'clausekit questions {template.id}')",
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
                    f"question '{question.id}' ({question.label}) needs an answer",
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
    return {
        QuestionType.TEXT: "",
        QuestionType.BOOLEAN: False,
        QuestionType.MULTICHOICE: (),
    }.get(question.type)


def accepted(question: Question) -> str:
    """What a question accepts, as a hint for a wrong answer."""
    kind = question.type
    if kind is QuestionType.CHOICE:
        return "answer one of: " + ", ".join(question.option_values())
    if kind is QuestionType.MULTICHOICE:
        return "answer a list of: " + ", ".join(question.option_values())
    if kind is QuestionType.BOOLEAN:
        return "answer ja or nee (true or false)"
    if kind is QuestionType.DATE:
        return "answer a date as YYYY-MM-DD or DD-MM-YYYY"
    if kind is QuestionType.NUMBER:
        bounds = ""
        if question.minimum is not None or question.maximum is not None:
            bounds = f" between {question.minimum} and {question.maximum}"
        return "answer a number" + bounds
    return f"answer text of at most {question.max_length} characters"


def _bad(question: Question, value: Any, what: str) -> ClauseKitError:
    return ClauseKitError(
        f"answer {shown(value)} to '{question.id}' ({question.label}) {what}", None, accepted(question)
    )


def coerce(question: Question, value: Any) -> Any:
    """One answer in its question's type, or a :class:`ClauseKitError` saying what is accepted."""
    kind = question.type
    if kind is QuestionType.TEXT:
        return _coerce_text(question, value)
    if kind is QuestionType.BOOLEAN:
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in _TRUE:
            return True
        if str(value).strip().lower() in _FALSE:
            return False
        raise _bad(question, value, "is not yes or no")
    if kind is QuestionType.CHOICE:
        return coerce_option(question, value)
    if kind is QuestionType.MULTICHOICE:
        items = value if isinstance(value, (list, tuple)) else [v for v in str(value).split(",") if v.strip()]
        chosen = []
        for item in items:
            single = coerce_option(question, item)
            if single not in chosen:
                chosen.append(single)
        order = question.option_values()
        return tuple(sorted(chosen, key=order.index))
    if kind is QuestionType.DATE:
        return _coerce_date(question, value)
    return _coerce_number(question, value)


def coerce_option(question: Question, value: Any) -> str:
    text = str(value).strip()
    for option in question.options:
        if text == option.value or text.casefold() == option.label.casefold():
            return option.value
    raise _bad(question, value, "is not one of the options")


def _coerce_text(question: Question, value: Any) -> str:
    if isinstance(value, (dict, list, tuple, bool)):  # a JSON/YAML true is not the text "True"
        raise _bad(question, value, "is not text")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").strip()
    text = unicodedata.normalize("NFC", text)
    for char in text:
        if char != "\n" and unicodedata.category(char) in ("Cc", "Cs", "Co"):
            raise ClauseKitError(
                f"answer to '{question.id}' contains the control character U+{ord(char):04X}",
                None,
                "remove invisible characters (copying from another program can bring them in)",
            )
    if "\n" in text and not question.multiline:
        text = " ".join(line.strip() for line in text.splitlines() if line.strip())
    if len(text) > question.max_length:
        raise ClauseKitError(
            f"answer to '{question.id}' is {len(text)} characters long",
            None,
            f"shorten it to at most {question.max_length} characters",
        )
    check_answer(question, text)  # the characters rule (toolkit/charset.py)
    return text


def _coerce_date(question: Question, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    iso, dutch = _DATE_ISO.match(text), _DATE_NL.match(text)
    try:
        if iso:
            return dt.date.fromisoformat(text)
        if dutch:
            return dt.date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
    except ValueError:
        raise _bad(question, value, "is not an existing date") from None
    raise _bad(question, value, "is not a date")


def _coerce_number(question: Question, value: Any) -> int | float:
    if isinstance(value, bool):
        raise _bad(question, value, "is not a number")
    if isinstance(value, (int, float)):
        number: int | float = value
    else:
        text = str(value).strip()
        if not _NUMBER.match(text):
            raise _bad(question, value, "is not a number")
        text = text.replace(",", ".")
        number = float(text) if "." in text else int(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise _bad(question, value, "is not a finite number")
    if question.minimum is not None and number < question.minimum:
        raise _bad(question, value, f"is below the minimum {question.minimum}")
    if question.maximum is not None and number > question.maximum:
        raise _bad(question, value, f"is above the maximum {question.maximum}")
    return number
