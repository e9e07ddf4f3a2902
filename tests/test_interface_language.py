"""The interface speaks the person's language (``--lang``, ``CLAUSEKIT_LANG``, the environment's
locale, the studio's setting), whatever the template's: ``clausekit questions``, the terminal
interview (through a real pty), the studio and the examples the checks quote."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import FIXTURES, ROOT

from toolkit import Library
from toolkit.checks.source import example
from toolkit.cli import main
from toolkit.locales import locale_for

ENGLISH = FIXTURES / "english"
MINI = FIXTURES / "mini"
DUTCH_SCREEN_WORDS = re.compile(
    r"\b(stap|van|vorige|volgende|verplicht|toelichting|standaard|antwoord|datum|keuzes?|getal|ja|nee|"
    r"klopt|typ|geschreven|jjjj|vragenlijst|leeg|soort)\b",
    re.IGNORECASE,
)


def _questions(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["questions", "mini", "--library", str(MINI), *args]) == 0
    return capsys.readouterr().out


def test_questions_in_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    english = _questions(capsys, "--lang", "en")
    assert "naam: Naam van de organisatie (required)" in english  # the template's words stay Dutch
    assert "type: boolean\n    default: no\n" in english and "False" not in english
    assert "default: January 1, 2027" in english
    assert not re.search(r"\b(verplicht|standaard|soort|nee)\b", english)
    dutch = _questions(capsys, "--lang", "nl")
    assert "(verplicht)" in dutch and "soort: boolean\n    standaard: nee\n" in dutch
    assert "standaard: 1 januari 2027" in dutch and "False" not in dutch
    assert main(["--lang", "en-GB", "questions", "mini", "--library", str(MINI)]) == 0  # before the command
    assert "default: 1 January 2027" in capsys.readouterr().out
    assert os.environ["CLAUSEKIT_LANG"] == "nl"  # --lang lasts for the one command


@pytest.mark.parametrize(
    ("environment", "word"),
    [
        ({"CLAUSEKIT_LANG": "en"}, "required"),
        ({"LANG": "en_GB.UTF-8"}, "required"),
        ({"LANG": "nl_NL"}, "verplicht"),
    ],
)
def test_questions_follow_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    word: str,
) -> None:
    for name in ("CLAUSEKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert f"({word})" in _questions(capsys)


def test_the_interview_in_english_through_a_terminal(tmp_path: Path) -> None:
    """An English interview of the English template, by an American: the date form is theirs, and
    a date with dashes that reads two ways is refused, saying which forms are read."""
    out = tmp_path / "out"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "toolkit", "interview", "nda", "--library", str(ENGLISH), "-o", str(out), "--to", "md",
         "--lang", "en-US"],
        cwd=str(ROOT), encoding="utf-8", timeout=30, dimensions=(40, 200),
    )  # fmt: skip
    child.logfile_read = transcript = io.StringIO()
    child.expect_exact("Step 1 of 2: The parties")
    child.expect_exact("Name of the first party (required)")
    child.expect_exact("answer: ")
    child.sendline("Acme Ltd")
    child.expect_exact("answer: ")
    child.sendline("Beta Corp")
    child.expect_exact("date (mm/dd/yyyy) [01/01/2027]: ")
    child.sendline("03-01-2027")
    child.expect_exact(
        "That answer cannot be used: That date could be March 1, 2027 or January 3, 2027: "
        "enter it as yyyy-mm-dd or mm/dd/yyyy."
    )
    child.expect_exact("date (mm/dd/yyyy) [01/01/2027]: ")
    child.sendline("03/01/2027")
    child.expect_exact("Step 2 of 2: The terms")
    child.expect_exact("answer [evaluating a possible business relationship]: ")
    child.sendline("")
    child.expect_exact("yes/no [no]: ")
    child.sendline("?")
    child.expect_exact("This question has no help text.")
    child.sendline("yes")
    child.expect_exact("choices (numbers with commas, - for none) [written,electronic]: ")
    child.sendline("2,3")
    child.expect_exact("number [3]: ")
    child.sendline("5")
    child.expect_exact("Effective Date: March 1, 2027")
    child.expect_exact("Forms of Confidential Information: oral and electronic")
    child.expect_exact("Is everything right? Type yes to make the documents")
    child.sendline("yes")
    child.expect_exact("Written:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not DUTCH_SCREEN_WORDS.search(transcript.getvalue()), transcript.getvalue()
    document = (out / "nda.md").read_text(encoding="utf-8")
    assert "takes effect on 1 March 2027" in document  # the document speaks its template's en-GB


def test_the_studio_switches_its_language_and_keeps_its_work() -> None:
    from toolkit.notebook import Studio

    studio = Studio(
        "nda",
        library=ENGLISH,
        answers={"party_a": "Acme Ltd", "party_b": "Beta"},
        watch=False,
        ui=locale_for("nl"),
    )
    try:
        assert studio.tabs.titles[2] == "Controles" and studio.language.description == "Taal"
        assert any("is nooit goedgekeurd" in f.message for f in studio.findings.findings)
        assert dict(studio.language.options) == {"English": "en", "Nederlands": "nl"}
        shown = studio.widget
        studio.language.value = "en"
        assert studio.widget is shown  # the same box on the page, built again inside
        assert list(studio.tabs.titles) == ["Document", "Variants", "Checks", "Approval", "Export", "Edit"]
        assert studio.language.description == "Language" and studio.language.value == "en"
        assert any("has never been approved" in f.message for f in studio.findings.findings)
        assert os.environ["CLAUSEKIT_LANG"] == "nl"  # the person's setting is the studio's, not the process's
        assert studio.fields["party_a"].control.value == "Acme Ltd"
        preview = re.sub(r"<[^>]+>", "", studio.preview.html.value)
        assert "Article 1" in preview and "Parties" in preview  # the document: still the template's
        assert "articles" in studio.status.value
        studio.fields["party_b"].control.value = ""
        studio.flush()
        assert (
            studio.fields["party_b"].message.value
            and "verplicht" not in studio.fields["party_b"].message.value
        )
        studio.language.value = "nl"
        assert studio.tabs.titles[2] == "Controles" and studio.fields["party_a"].control.value == "Acme Ltd"
    finally:
        studio.close()


def test_finding_examples_quote_answers_in_the_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    template = Library(ENGLISH).template("nda")
    values = {"strict": True, "purpose": ""}
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")
    assert example(template, values, ["strict", "purpose"]).endswith("purpose: (empty), strict: yes")
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    assert example(template, values, ["strict", "purpose"]).endswith("purpose: (leeg), strict: ja")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["question 'naam' (Naam van de organisatie) needs an answer",
                "hint: answer text of at most 500 characters",
                "answer 'veel' to 'aantal' (Aantal werknemers) is not a number",
                "unknown question 'aantl'"]),
        ("nl", ["vraag 'naam' (Naam van de organisatie) heeft een antwoord nodig",
                "hint: antwoord met tekst van hoogstens 500 tekens",
                "antwoord 'veel' op 'aantal' (Aantal werknemers) is geen getal",
                "onbekende vraag 'aantl'"]),
    ],
)  # fmt: skip
def test_refused_answers_are_explained_in_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: list[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("aantal: veel\naantl: 3\n", encoding="utf-8")
    arguments = [
        "render",
        "mini",
        "--library",
        str(MINI),
        "--answers",
        str(answers),
        "-o",
        str(tmp_path / "o"),
    ]
    assert main([*arguments, "--lang", lang]) == 1
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err
