"""Dates typed by a person follow their locale and refuse ambiguity: ISO always, the locale's short
numeric form (nl dd-mm-jjjj, en-GB dd/mm/yyyy, en-US mm/dd/yyyy, from the CLDR), and another
numeric form only when it reads one way."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from toolkit import Library
from toolkit.errors import ClauseKitError
from toolkit.kinds.date import KIND, AmbiguousDate
from toolkit.locales import locale_for

QUESTION = next(q for q in Library(FIXTURES / "english").template("nda").questions if q.id == "start")
D = dt.date


@pytest.mark.parametrize(
    ("tag", "typed", "read"),
    [
        ("nl-NL", "2027-01-03", D(2027, 1, 3)),
        ("nl-NL", "03-01-2027", D(2027, 1, 3)),
        ("nl-NL", "3-1-2027", D(2027, 1, 3)),
        ("nl-NL", "25/12/2027", D(2027, 12, 25)),  # another form, but only one reading
        ("en-GB", "03/01/2027", D(2027, 1, 3)),
        ("en-GB", "2027-01-03", D(2027, 1, 3)),
        ("en-GB", "12-25-2027", D(2027, 12, 25)),
        ("en-US", "03/01/2027", D(2027, 3, 1)),
        ("en-US", "12/25/2027", D(2027, 12, 25)),
        ("en-US", "25-12-2027", D(2027, 12, 25)),
        ("en-US", "05-05-2027", D(2027, 5, 5)),  # both readings are the same day
        ("en", "03/01/2027", D(2027, 3, 1)),
    ],
)
def test_a_date_is_read_in_the_persons_form(tag: str, typed: str, read: dt.date) -> None:
    assert KIND.read(QUESTION, typed, locale_for(tag)) == read
    assert KIND.parse_line(QUESTION, typed, locale_for(tag)) == read


@pytest.mark.parametrize(
    ("tag", "typed", "message"),
    [
        (
            "en-US",
            "03-01-2027",
            "That date could be March 1, 2027 or January 3, 2027: enter it as yyyy-mm-dd or mm/dd/yyyy.",
        ),
        (
            "en-GB",
            "03-01-2027",
            "That date could be 3 January 2027 or 1 March 2027: enter it as yyyy-mm-dd or dd/mm/yyyy.",
        ),
        (
            "nl-NL",
            "03/01/2027",
            "Die datum kan 3 januari 2027 of 1 maart 2027 zijn: vul hem in als jjjj-mm-dd of dd-mm-jjjj.",
        ),
    ],
)
def test_an_ambiguous_date_is_refused_in_the_interface_language(tag: str, typed: str, message: str) -> None:
    words = locale_for(tag)
    with pytest.raises(AmbiguousDate):
        KIND.read(QUESTION, typed, words)
    assert KIND.problem(QUESTION, typed, words) == message
    assert KIND.parse_line(QUESTION, typed, words) == typed  # left as typed, for problem() to explain


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("en-US", "Enter a date as yyyy-mm-dd or mm/dd/yyyy, for example 03/01/2027."),
        ("en-GB", "Enter a date as yyyy-mm-dd or dd/mm/yyyy, for example 01/03/2027."),
        ("nl-NL", "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 01-03-2027."),
    ],
)
def test_what_is_not_a_date_is_refused_naming_the_forms(tag: str, message: str) -> None:
    words = locale_for(tag)
    for typed in ("tomorrow", "31/02/2027", "2027-02-31", "13/13/2027", "20270101"):
        with pytest.raises(ClauseKitError):
            KIND.read(QUESTION, typed, words)
        assert KIND.problem(QUESTION, typed, words) == message


@pytest.mark.parametrize(
    ("tag", "prompt", "typed"),
    [("nl-NL", "datum (dd-mm-jjjj)", "01-03-2027"), ("en-GB", "date (dd/mm/yyyy)", "01/03/2027"),
     ("en-US", "date (mm/dd/yyyy)", "03/01/2027")],
)  # fmt: skip
def test_the_prompt_and_the_default_shown_are_in_the_persons_form(tag: str, prompt: str, typed: str) -> None:
    words = locale_for(tag)
    assert KIND.prompt(QUESTION, words) == prompt
    assert KIND.typed(QUESTION, D(2027, 3, 1), words) == typed
    assert KIND.read(QUESTION, typed, words) == D(2027, 3, 1)  # what is shown reads back


def test_an_answers_file_is_read_in_the_environments_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en-US")
    assert KIND.coerce(QUESTION, "03/01/2027") == D(2027, 3, 1)
    with pytest.raises(AmbiguousDate):
        KIND.coerce(QUESTION, "03-01-2027")
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    assert KIND.coerce(QUESTION, "03-01-2027") == D(2027, 1, 3)
    assert KIND.coerce(QUESTION, "2027-01-03") == D(2027, 1, 3)
