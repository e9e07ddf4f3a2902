"""The questionnaire faces in a template's other language: `clausekit interview --doc-lang` in a real
pseudo-terminal, and `clausekit serve --doc-lang` (its page in process, and the command's refusal of a
language the template does not have). The fixture is the bilingual one: English source, Dutch edition."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT
from test_interview import PROMPT, finish, spawn

from toolkit import Library, load_answers_file
from toolkit.questionnaire import ENV_DOC_LANG
from toolkit.questionnaire.web import ENV_LIBRARY, ENV_TEMPLATE, from_environment

BILINGUAL = FIXTURES / "bilingual"


def test_the_interview_in_the_dutch_edition_end_to_end(tmp_path: Path) -> None:
    child = spawn(
        "services", "--library", str(BILINGUAL), "--doc-lang", "nl", "-o", str(tmp_path), "--to", "md"
    )
    typed = {
        "Naam van de opdrachtgever": "Acme Ltd",
        "Naam van de opdrachtnemer": "Jansen Advies",
        "Ingangsdatum": "01-03-2027",
        "Hoe wordt de vergoeding bepaald?": "2",
        "Uurtarief in euro": "120",
    }
    child.expect_exact("Stap 1 van 2: De partijen")
    child.expect_exact("Wie met wie contracteert.")
    for label, answer in list(typed.items())[:3]:
        child.expect_exact(label)
        child.expect(PROMPT)
        child.sendline(answer)
    child.expect_exact("Waaruit bestaan de diensten?")  # with its Dutch default
    child.expect_exact("antwoord [advies over de schriftelijke procedures van de Opdrachtgever]: ")
    child.sendline("")  # kept
    child.expect_exact("Stap 2 van 2: De vergoeding")
    child.expect_exact("Hoe wordt de vergoeding bepaald?")
    child.expect_exact("Een uurtarief")  # the options in Dutch
    child.expect(PROMPT)
    child.sendline(typed["Hoe wordt de vergoeding bepaald?"])
    child.expect_exact("Uurtarief in euro")  # asked because of the answer before (the source's logic)
    child.expect(PROMPT)
    child.sendline(typed["Uurtarief in euro"])
    output = finish(child)
    assert "Traceback" not in output and "Name of the client" not in output
    text = (tmp_path / "services.md").read_text(encoding="utf-8")
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro voor elk gewerkt uur" in text
    assert "The Client" not in text and "1 maart 2027" in text
    assert "De diensten bestaan uit advies over de schriftelijke procedures van de Opdrachtgever" in text
    written = load_answers_file(next(tmp_path.glob("*.yaml")))[0]
    assert written["fee"] == "hourly" and written["rate"] == 120  # the same data in every edition


def shown_text(widget: Any) -> str:
    """Every text of a widget tree (HTML values, labels), as one string."""
    own = str(getattr(widget, "value", "") or "") + " " + str(getattr(widget, "description", "") or "")
    return own + " ".join(shown_text(child) for child in getattr(widget, "children", ()))


def test_the_voila_page_asks_the_edition_the_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_LIBRARY, str(BILINGUAL))
    monkeypatch.setenv(ENV_TEMPLATE, "services")
    monkeypatch.setenv(ENV_DOC_LANG, "nl-NL")
    dutch = shown_text(from_environment())
    assert "Overeenkomst van opdracht" in dutch and "Stap 1 van 2: De partijen" in dutch
    assert "Naam van de opdrachtgever" in dutch and "Name of the client" not in dutch
    monkeypatch.setenv(ENV_DOC_LANG, "de")
    refused = shown_text(from_environment())
    assert "ck-error" in refused and "geen uitgave in de taal &#x27;de&#x27;" in refused
    monkeypatch.delenv(ENV_DOC_LANG)
    assert "Step 1 of 2: The parties" not in refused and "Name of the client" in shown_text(
        from_environment()
    )


def test_serve_refuses_a_language_the_template_does_not_have() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "serve",
            "services",
            "--library",
            str(BILINGUAL),
            "--doc-lang",
            "de",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "de" in result.stderr and "en-GB, nl-NL" in result.stderr and "Traceback" not in result.stderr
    assert Library(BILINGUAL).template("services").languages == ("en-GB", "nl-NL")
