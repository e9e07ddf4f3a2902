"""Every question type is one kind (toolkit/kinds): each registered kind through every face, and a
new kind registered in the test working through validate, the checks, the widget and the terminal."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from toolkit import AnswerError, Library, LoadError, validate
from toolkit.checks import check
from toolkit.checks.analysis import analyse
from toolkit.checks.space import domains
from toolkit.errors import ClauseKitError, Location
from toolkit.kinds import KINDS, kind_of, register, unregister
from toolkit.kinds.text import TextKind
from toolkit.locales import DUTCH
from toolkit.model import Option, Question
from toolkit.questionnaire import Flow
from toolkit.questionnaire.terminal import Interview
from toolkit.ui.widgets import fill, value_of, widget_for

OPTIONS = (Option("a", "Alpha"), Option("b", "Beta"))

# kind → (question fields, a good raw answer, its value, a bad raw answer, what the summary shows,
#         what the person is told is expected). A kind without a row fails test_every_kind_has_a_row.
SAMPLES: dict[str, tuple[dict[str, Any], Any, Any, Any, str, str]] = {
    "text": ({}, "  Acme\tB.V. ", "Acme B.V.", ["a list"], "Acme B.V.",
             "Vul tekst in van hoogstens 500 tekens."),
    "boolean": ({}, "ja", True, "misschien", "ja", "Antwoord ja of nee."),
    "choice": ({"options": OPTIONS}, "beta", "b", "c", "Beta", "Kies een van: Alpha of Beta."),
    "multichoice": ({"options": OPTIONS}, "b,a", ("a", "b"), ["a", "z"], "Alpha en Beta",
                    "Kies uit: Alpha en Beta."),
    "date": ({}, "01-03-2027", dt.date(2027, 3, 1), "31-02-2027", "1 maart 2027",
             "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 01-03-2027."),
    "number": ({"minimum": 1, "maximum": 99.5}, "2,5", 2.5, "100", "2,5",
               "Vul een getal in van 1 tot en met 99,5."),
}  # fmt: skip


def question(name: str, **fields: Any) -> Question:
    return Question(
        id="q", label="De vraag", type=name, location=Location(Path("template.yaml"), 7), **fields
    )


def sample(name: str) -> tuple[Question, Any, Any, Any, str, str]:
    fields, good, value, bad, shown, expected = SAMPLES[name]
    return question(name, **fields), good, value, bad, shown, expected


def test_every_kind_has_a_row() -> None:
    assert set(KINDS) >= set(SAMPLES)
    assert sorted(KINDS) == sorted(SAMPLES), "add a row to SAMPLES for a new kind"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_coerce_and_what_is_accepted(name: str) -> None:
    q, good, value, bad, _shown, _expected = sample(name)
    kind = kind_of(q)
    assert kind.name == name and kind.coerce(q, good) == value
    with pytest.raises(ClauseKitError) as caught:
        kind.coerce(q, bad)
    assert caught.value.hint == kind.accepted(q) and "'q' (De vraag)" in caught.value.message
    assert kind.is_empty(None) and not kind.is_empty(value)
    assert kind.coerce(q, value) == value  # a typed value stays what it is


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_representatives_are_answers(name: str) -> None:
    q = sample(name)[0]
    kind = kind_of(q)
    found = kind.representatives(q, [])
    assert found
    for value in found:
        assert kind.coerce(q, value) == value


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_person_reads_it_in_dutch(name: str) -> None:
    q, good, value, bad, shown, expected = sample(name)
    kind = kind_of(q)
    assert kind.display(q, value, DUTCH) == shown
    assert kind.display(q, kind.empty(q)) in {"(niet ingevuld)", "geen", "nee"}
    assert kind.expected(q, DUTCH) == expected
    assert kind.problem(q, bad) == expected and kind.problem(q, good) is None


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_real_widget_is_filled_and_read_back(name: str) -> None:
    q, _good, value, *_ = sample(name)
    control = widget_for(q)
    assert "ck-input" in control._dom_classes
    fill(q, control, value)
    assert kind_of(q).coerce(q, value_of(q, control)) == value


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_terminal_prompt_reads_back_what_it_shows(name: str) -> None:
    q, _good, value, *_ = sample(name)
    kind = kind_of(q)
    assert kind.prompt(q, DUTCH)
    shown = kind.typed(q, value)  # the answer between [ ] in the prompt, as the person would type it
    assert kind.coerce(q, kind.parse_line(q, shown)) == value


def test_options_are_chosen_by_number_in_the_terminal() -> None:
    assert (
        kind_of(question("choice", options=OPTIONS)).parse_line(question("choice", options=OPTIONS), "2")
        == "b"
    )
    multi = question("multichoice", options=OPTIONS)
    assert (
        kind_of(multi).parse_line(multi, "2, 1") == ["b", "a"] and kind_of(multi).parse_line(multi, "-") == []
    )


def test_texts_of_the_text_kind() -> None:
    q = question("text", max_length=5)
    assert kind_of(q).problem(q, "abcdefg") == "Het antwoord is te lang: hoogstens 5 tekens."
    assert kind_of(q).problem(q, "a\x07b") == (
        "Het antwoord bevat onzichtbare tekens (gekopieerd uit een ander programma?)."
    )


def test_a_question_of_an_unregistered_type_is_an_error_not_a_default() -> None:
    with pytest.raises(ClauseKitError, match="unknown question type 'currency'") as caught:
        kind_of(question("currency"))
    assert caught.value.hint == "use one of: boolean, choice, date, multichoice, number, text"


def test_an_unknown_type_in_template_yaml_is_a_load_error_at_its_line(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")  # the loader's messages in English
    path = mini_library / "mini" / "template.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: date", "type: datum"), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        Library(mini_library).template("mini")
    error = caught.value
    assert error.message == "unknown question type 'datum'"
    assert error.location is not None and error.location.path == path
    assert path.read_text(encoding="utf-8").splitlines()[error.location.line - 1].strip() == "type: datum"
    assert all(name in error.hint for name in KINDS)


# -- adding a kind is one module: here one class in the test, registered ------------------------


class EmailKind(TextKind):
    """An e-mail address: text with one @ and a dot after it."""

    name = "email"
    PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    def coerce(self, question: Question, raw: Any) -> str:
        text = super().coerce(question, raw)
        if text and not self.PATTERN.match(text):
            raise self.bad(question, raw, "is not an e-mail address")
        return text

    def accepted(self, question: Question) -> str:
        return "answer an e-mail address such as info@example.org"

    def representatives(self, question: Question, constants: Any, words: Any = DUTCH) -> list[Any]:
        return ["info@voorbeeld.nl", *[c for c in constants if isinstance(c, str) and "@" in c]]

    def expected(self, question: Question, words: Any = DUTCH) -> str:
        return "Vul een e-mailadres in."

    def prompt(self, question: Question, words: Any = DUTCH) -> str:
        return "e-mailadres"


@pytest.fixture
def email_library(mini_library: Path) -> Iterator[Library]:
    register(EmailKind())
    path = mini_library / "mini" / "template.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - id: streng\n",
        "  - id: contact\n    label: E-mailadres\n    type: email\n    required: true\n  - id: streng\n",
    )
    path.write_text(
        text.replace("questions: [naam, aantal, start]", "questions: [naam, contact, aantal, start]")
    )
    slot = mini_library / "mini" / "slot.md"
    slot.write_text(slot.read_text(encoding="utf-8") + "\nContact: {{ contact }}.\n", encoding="utf-8")
    try:
        yield Library(mini_library)
    finally:
        unregister("email")
    assert "email" not in KINDS


def test_a_new_kind_is_validated(email_library: Library) -> None:
    template = email_library.template("mini")
    answers = validate(template, {"naam": "Acme", "contact": " hr@acme.nl "})
    assert answers["contact"] == "hr@acme.nl"
    with pytest.raises(AnswerError) as caught:
        validate(template, {"naam": "Acme", "contact": "hr at acme"})
    assert "is not an e-mail address" in caught.value.format()
    assert "answer an e-mail address such as info@example.org" in caught.value.format()


def test_a_new_kind_is_in_the_answer_space_of_the_checks(email_library: Library) -> None:
    template = email_library.template("mini")
    space = {d.question.id: d.values for d in domains(template, analyse(email_library.engine, template))}
    assert space["contact"] == ("info@voorbeeld.nl",)
    result = check(email_library, "mini")
    assert result.errors == 0, [f.message for f in result.findings]
    assert result.coverage is not None


def test_a_new_kind_has_a_widget(email_library: Library) -> None:
    q = email_library.template("mini").question("contact")
    control = widget_for(q)
    fill(q, control, "hr@acme.nl")
    assert value_of(q, control) == "hr@acme.nl"


def test_a_new_kind_is_asked_in_the_terminal(email_library: Library) -> None:
    template = email_library.template("mini")
    lines = iter(["Acme", "hr at acme", "hr@acme.nl", "", "", "", "", "", "", "ja"])
    prompts: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(lines)

    answers = Interview(Flow(email_library, template), ask=ask, say=said.append).run()
    assert answers["contact"] == "hr@acme.nl"
    assert "e-mailadres: " in prompts
    assert "  Dat antwoord kan niet: Vul een e-mailadres in." in said
    assert any(line.strip() == "E-mailadres: hr@acme.nl" for line in said)


def test_the_core_and_the_terminal_run_without_loading_ipywidgets() -> None:
    code = (
        "import sys, toolkit.answers, toolkit.kinds, toolkit.questionnaire.terminal; "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets was loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
