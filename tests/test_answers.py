"""Answers: coercion, defaults, required, options; errors name question, value and what is accepted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit import AnswerError, Library, load_answers_file, validate


@pytest.fixture
def template(mini_library: Path):  # type: ignore[no-untyped-def]
    return Library(mini_library).template("mini")


def test_defaults_and_coercion(template) -> None:  # type: ignore[no-untyped-def]
    answers = validate(template, {"naam": "  Acme  ", "streng": "ja", "aantal": "12", "start": "01-02-2027"})
    assert answers["naam"] == "Acme"
    assert answers["streng"] is True
    assert answers["aantal"] == 12
    assert answers["start"] == dt.date(2027, 2, 1)
    assert answers["kanalen"] == ("linkedin",)
    assert answers["pers"] == "geen"


def test_choice_accepts_label_and_multichoice_keeps_option_order(template) -> None:  # type: ignore[no-untyped-def]
    answers = validate(template, {"naam": "A", "pers": "Een persafdeling", "kanalen": ["tiktok", "linkedin"]})
    assert answers["pers"] == "afdeling"
    assert answers["kanalen"] == ("linkedin", "tiktok")


def test_required_missing(template) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as info:
        validate(template, {})
    assert "'naam'" in info.value.message and "heeft een antwoord nodig" in info.value.message


def test_wrong_option_names_question_value_and_options(template) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as info:
        validate(template, {"naam": "A", "pers": "woordvoerder"})
    text = info.value.format()
    assert "'woordvoerder'" in text and "'pers'" in text
    assert "geen, afdeling" in text


def test_all_problems_reported_at_once_with_file_lines(template, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.yaml"
    path.write_text("naam: Acme\naantal: nul\nstreng: misschien\nnaaam: x\n")
    raw, locations = load_answers_file(path)
    with pytest.raises(AnswerError) as info:
        validate(template, raw, locations, source=path)
    problems = info.value.problems
    assert len(problems) == 3
    lines = sorted(p.location.line for p in problems if p.location)
    assert lines == [2, 3, 4]
    assert any("did you mean 'naam'" in (p.hint or "") for p in problems)


def test_number_bounds_and_dates(template) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as info:
        validate(template, {"naam": "A", "aantal": 0})
    assert "lager dan het minimum" in info.value.message
    with pytest.raises(AnswerError):
        validate(template, {"naam": "A", "start": "31-02-2027"})


def test_control_characters_and_length_are_refused(template) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnswerError) as info:
        validate(template, {"naam": "Acme\x00"})
    assert "U+0000" in info.value.message
    with pytest.raises(AnswerError) as info:
        validate(template, {"naam": "a" * 10_000})
    assert "tekens lang" in info.value.message


def test_json_answers(template, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.json"
    path.write_text('{"naam": "Acme", "streng": true}')
    raw, locations = load_answers_file(path)
    assert validate(template, raw, locations)["streng"] is True


def test_question_when_false_leaves_it_out(template) -> None:  # type: ignore[no-untyped-def]
    without = validate(template, {"naam": "A", "perschef": "Jan"})
    assert "perschef" not in without.values
    with_press = validate(template, {"naam": "A", "pers": "afdeling", "perschef": "Jan"})
    assert with_press["perschef"] == "Jan"


def test_steps_are_loaded_in_order(template) -> None:  # type: ignore[no-untyped-def]
    steps = template.question_steps()
    assert [s.id for s in steps] == ["organisatie", "regels"]
    assert steps[1].questions == ("streng", "kanalen", "pers", "perschef")
    assert steps[0].intro.startswith("Eerst")
