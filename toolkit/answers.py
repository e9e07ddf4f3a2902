"""Parse, coerce, default and validate answers. Answers are data: never markup, never code."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .charset import check_answer
from .errors import AnswerError, ClauseKitError, LoadError, Location
from .library import _suggest
from .model import Answers, Question, QuestionType, Template
from .render import Engine
from .yamlio import CommentedMap, key_location, load_yaml, plain

_TRUE = {"true", "ja", "yes", "j", "y", "1", "waar"}
_FALSE = {"false", "nee", "no", "n", "0", "onwaar"}
_DATE_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def load_answers_file(path: Path) -> tuple[dict[str, Any], dict[str, Location]]:
    """Read answers from a YAML or JSON file; also return where each answer stands."""
    if not path.is_file():
        raise LoadError(f"answers file not found: {path}", None, "check the path given to --answers")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(
                f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno), "check commas and quotes"
            ) from None
        locations = {k: Location(path) for k in data} if isinstance(data, dict) else {}
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
            problems.append(
                ClauseKitError(
                    f"unknown question '{key}'",
                    locations.get(key) or (Location(source) if source else None),
                    _suggest(key, sorted(known)) + f" (see 'clausekit questions {template.id}')",
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
        given = question.id in raw and raw[question.id] is not None and raw[question.id] != ""
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
        f"answer {value!r} to '{question.id}' ({question.label}) {what}", None, accepted(question)
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
    if isinstance(value, (dict, list, tuple)):
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
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DATE_NL.match(text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    raise _bad(question, value, "is not a date")


def _coerce_number(question: Question, value: Any) -> int | float:
    if isinstance(value, bool):
        raise _bad(question, value, "is not a number")
    if isinstance(value, (int, float)):
        number: int | float = value
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise _bad(question, value, "is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _bad(question, value, "is not a finite number")
    if question.minimum is not None and number < question.minimum:
        raise _bad(question, value, f"is below the minimum {question.minimum}")
    if question.maximum is not None and number > question.maximum:
        raise _bad(question, value, f"is above the maximum {question.maximum}")
    return number
