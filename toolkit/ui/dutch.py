"""What the customer reads: answers shown the Dutch way and problems explained in Dutch."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..answers import coerce
from ..charset import CharacterError
from ..errors import ClauseKitError
from ..locales import DUTCH
from ..model import Question, QuestionType

datum, opsomming = DUTCH.date, DUTCH.join  # until the question kinds speak through the UI locale

REQUIRED = "Deze vraag is verplicht."


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def expected(question: Question) -> str:
    """What a question accepts, said to the customer (also the hint after a wrong answer)."""
    kind = question.type
    if kind is QuestionType.BOOLEAN:
        return "Antwoord ja of nee."
    if kind is QuestionType.DATE:
        return "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 01-03-2027."
    if kind is QuestionType.CHOICE:
        return "Kies een van: " + opsomming([o.label for o in question.options], "of") + "."
    if kind is QuestionType.MULTICHOICE:
        return "Kies uit: " + opsomming([o.label for o in question.options], "en") + "."
    if kind is QuestionType.NUMBER:
        low, high = _number(question.minimum), _number(question.maximum)
        if low and high:
            return f"Vul een getal in van {low} tot en met {high}."
        if low:
            return f"Vul een getal in van minstens {low}."
        if high:
            return f"Vul een getal in van hoogstens {high}."
        return "Vul een getal in."
    return f"Vul tekst in van hoogstens {question.max_length} tekens."


def problem(question: Question, raw: Any) -> str | None:
    """Why ``raw`` is not an acceptable answer to ``question`` (in Dutch), or None when it is."""
    try:
        coerce(question, raw)
    except CharacterError as exc:
        return exc.detail
    except ClauseKitError as exc:
        if question.type is QuestionType.TEXT:
            if "control character" in exc.message:
                return "Het antwoord bevat onzichtbare tekens (gekopieerd uit een ander programma?)."
            return f"Het antwoord is te lang: hoogstens {question.max_length} tekens."
        return expected(question)
    return None


def display(question: Question, value: Any) -> str:
    """A typed answer as the summary shows it: ``ja``, ``1 maart 2027``, option labels."""
    kind = question.type
    if value is None or value == "" or value == ():
        return "geen" if kind is QuestionType.MULTICHOICE else "(niet ingevuld)"
    if kind is QuestionType.BOOLEAN:
        return "ja" if value else "nee"
    if kind is QuestionType.DATE and isinstance(value, dt.date):
        return datum(value)
    if kind is QuestionType.CHOICE:
        return question.label_of(str(value))
    if kind is QuestionType.MULTICHOICE:
        return opsomming([question.label_of(str(v)) for v in value])
    if kind is QuestionType.NUMBER:
        return _number(value)
    return str(value)


def typed(question: Question, value: Any) -> str:
    """A typed answer as the customer would type it (the default shown in a terminal prompt)."""
    if question.type is QuestionType.DATE and isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if question.type is QuestionType.MULTICHOICE:
        return ",".join(str(v) for v in value) if value else "-"
    if value is None or value == "":
        return ""
    return display(question, value)
