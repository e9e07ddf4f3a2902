"""The questionnaire's core: which steps and questions are asked, Dutch problems, the answers file,
and the terminal interview driven in process (the pty run is in test_interview.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, FLAGSHIP

from toolkit import AnswerError, Library, LoadError, load_answers_file, validate
from toolkit.questionnaire import Flow, answers_yaml
from toolkit.questionnaire.terminal import Interview


@pytest.fixture(scope="module")
def mini() -> Library:
    return Library(FIXTURES / "mini")


def flow_for(library: Library, **raw: object) -> Flow:
    return Flow(library, library.template("mini"), raw)


def test_a_question_is_asked_only_when_its_condition_holds(mini: Library) -> None:
    flow = flow_for(mini, naam="Acme")
    rules = flow.steps()[1]
    assert [q.id for q in flow.questions(rules)] == ["streng", "kanalen", "pers"]
    assert "perschef" not in flow.values() and "perschef" not in flow.answers().values
    flow.set("pers", "afdeling")
    assert [q.id for q in flow.questions(rules)] == ["streng", "kanalen", "pers", "perschef"]
    assert flow.answers()["perschef"] == "de persvoorlichter"  # its default, now that it is asked


def test_nothing_typed_is_lost_when_a_question_disappears_and_returns(mini: Library) -> None:
    flow = flow_for(mini, naam="Acme", pers="afdeling", perschef="Mr. Jansen")
    flow.set("pers", "geen")
    assert not flow.is_asked("perschef") and "perschef" not in flow.answers().values
    flow.set("pers", "afdeling")
    assert flow.answers()["perschef"] == "Mr. Jansen"


def test_a_step_whose_questions_are_all_unasked_is_skipped(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    text = path.read_text().replace(
        "    questions: [streng, kanalen, pers, perschef]",
        "    questions: [streng, kanalen, pers]\n  - id: pers\n    title: De persvoorlichter\n"
        "    questions: [perschef]",
    )
    path.write_text(text)
    library = Library(mini_library)
    flow = Flow(library, library.template("mini"), {"naam": "Acme"})
    assert [s.id for s in flow.steps()] == ["organisatie", "regels"]
    flow.set("pers", "afdeling")
    assert [s.id for s in flow.steps()] == ["organisatie", "regels", "pers"]


def test_problems_are_explained_in_dutch_per_step(mini: Library) -> None:
    flow = flow_for(mini, aantal="0", start="31-02-2027")
    first = flow.steps()[0]
    problems = flow.problems(first)
    assert problems == {
        "naam": "Deze vraag is verplicht.",
        "aantal": "Vul een getal in van minstens 1.",
        "start": "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 01-03-2027.",
    }
    assert flow.first_incomplete() == 0
    with pytest.raises(AnswerError):
        flow.answers()
    assert flow.answer("start", "01-03-2027") is None and flow.answer("aantal", "twaalf") is not None
    assert flow.raw["aantal"] == "0"  # a refused answer leaves the previous one in place


def test_whitespace_is_no_answer_to_a_required_question(mini: Library) -> None:
    """Before: "   " passed the step (the kind strips it to "") and failed only when the documents
    were made; the step now says it is required, as validate would."""
    flow = Flow(mini, mini.template("mini"), {"naam": "  \t "})
    assert flow.problem(flow.template.question("naam")) == "Deze vraag is verplicht."
    assert flow.answer("naam", "   ") == "Deze vraag is verplicht."
    with pytest.raises(AnswerError):
        flow.answers()


def test_prefilled_answers_with_an_unknown_question_name_file_and_line(mini: Library, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("naam: Acme\nnaamm: typo\n")
    raw, locations = load_answers_file(path)
    with pytest.raises(AnswerError) as caught:
        Flow.prefilled(mini, mini.template("mini"), raw, locations, path)
    assert f"{path}:2:" in caught.value.format() and "did you mean 'naam'" in caught.value.format()


def flagship_examples(library: Library) -> Iterator[tuple[str, dict[str, object]]]:
    template = library.template(FLAGSHIP)
    for path in sorted(template.examples_dir.glob("*.yaml")):
        yield path.stem, load_answers_file(path)[0]


def test_flagship_examples_give_the_same_answers_as_validate(
    flagship_library: Library, tmp_path: Path
) -> None:
    template = flagship_library.template(FLAGSHIP)
    examples = list(flagship_examples(flagship_library))
    assert examples
    for name, raw in examples:
        flow = Flow(flagship_library, template, raw)
        answers = flow.answers()
        assert answers == validate(template, raw), name
        assert flow.asked_count() == len(answers.values)
        assert sum(len(flow.questions(step)) for step in flow.steps()) == flow.asked_count()
        assert flow.first_incomplete() is None
        # the written answers file reads back to the same answers
        path = tmp_path / f"{name}.yaml"
        path.write_text(answers_yaml(template, answers))
        assert validate(template, load_answers_file(path)[0]) == answers, name


def test_terminal_interview_in_process(mini: Library) -> None:
    """Help, an invalid number, a choice by number, back one step, and the summary."""
    lines = iter(
        [
            "Acme <B.V.>",  # naam
            "?",  # help: mini's aantal has none
            "0",  # below the minimum: explained, asked again
            "12",
            "15-03-2027",  # dd-mm-jjjj
            "<",  # back from the first question of step 2
            "",  # naam kept
            "",  # aantal kept
            "",  # start kept
            "ja",  # streng
            "1,3",  # kanalen by number
            "2",  # pers: "Een persafdeling"
            "",  # perschef: its default
            "1",  # summary: edit step 1
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "ja",
        ]
    )
    said: list[str] = []
    template = mini.template("mini")
    answers = Interview(Flow(mini, template), ask=lambda prompt: next(lines), say=said.append).run()
    assert answers == validate(
        template,
        {"naam": "Acme <B.V.>", "aantal": 12, "start": dt.date(2027, 3, 15), "streng": True,
         "kanalen": ["linkedin", "tiktok"], "pers": "afdeling"},
    )  # fmt: skip
    text = "\n".join(said)
    assert "Bij deze vraag is geen toelichting." in text
    assert "Dat antwoord kan niet: Vul een getal in van minstens 1." in text
    assert text.count("Stap 1 van 2: Uw organisatie") == 3
    assert "Kanalen: linkedin en tiktok" in text and "Ingangsdatum: 15 maart 2027" in text
    assert next(lines, None) is None


def test_two_steps_with_one_id_are_a_load_error(mini_library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")  # the loader's messages in English
    path = mini_library / "mini" / "template.yaml"
    path.write_text(path.read_text().replace("  - id: regels", "  - id: organisatie"))
    with pytest.raises(LoadError) as caught:
        Library(mini_library).template("mini")
    assert "duplicate step id 'organisatie'" in caught.value.format() and f"{path}:" in caught.value.format()


def test_a_condition_on_an_unanswered_number_means_not_asked(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    question = "  - id: or_lid\n    label: Naam van het OR-lid\n    type: text\n    when: aantal >= 50\n"
    text = path.read_text().replace("    min: 1\n    default: 10\n", "    min: 1\n" + question)
    path.write_text(text.replace("[naam, aantal, start]", "[naam, aantal, or_lid, start]"))
    library = Library(mini_library)
    template = library.template("mini")
    assert "or_lid" not in validate(template, {"naam": "Acme"}).values  # aantal is None: not asked
    flow = Flow(library, template, {"naam": "Acme", "aantal": 60, "or_lid": "Jan"})
    assert [q.id for q in flow.questions(flow.steps()[0])] == ["naam", "aantal", "or_lid", "start"]
    assert flow.answers()["or_lid"] == "Jan"
