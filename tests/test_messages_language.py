"""Messages that were English or Dutch literals and now come from the catalogues: the check command's
refusals, the busy page of ``clausekit serve``, the sandbox's and the renderer's errors; each in the
interface's language, whatever the template's."""

from __future__ import annotations

import jinja2
import pytest
from conftest import ROOT

from toolkit.cli import main
from toolkit.locales import locale_for
from toolkit.questionnaire.kernels import ServerBusy
from toolkit.questionnaire.serve import JUPYTER_DATA, VOILA_TEMPLATE

CHECKS = ROOT / "tests" / "fixtures" / "checks"
ENGLISH = ROOT / "tests" / "fixtures" / "english"


def busy_page(exception: ServerBusy) -> str:
    """The packaged 503.html as Jupyter Server renders it (its namespace holds the exception), in an
    environment like Voilà's (autoescaping)."""
    folder = JUPYTER_DATA / "voila" / "templates" / VOILA_TEMPLATE
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True)
    return env.get_template("503.html").render(
        status_code=503, status_message="Service Unavailable", message="", exception=exception
    )


@pytest.mark.parametrize(
    ("lang", "expected", "other"),
    [
        ("en", ["It is too busy at the moment.", "Please try again in a few minutes."], "te druk"),
        ("nl", ["Het is op dit moment te druk.", "Probeer het over een paar minuten opnieuw."], "too busy"),
    ],
)
def test_the_busy_page_speaks_the_interface_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str], other: str
) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", lang)  # what `clausekit serve --lang` hands the server
    page = busy_page(ServerBusy(2))
    assert f'<html lang="{lang}">' in page
    assert all(text in page for text in expected) and other not in page
    assert f"<title>{expected[0]}</title>" in page


def test_the_busy_page_can_be_asked_in_a_language() -> None:
    assert "too busy" in busy_page(ServerBusy(2, ui=locale_for("en")))


@pytest.mark.parametrize(
    ("lang", "arguments", "expected"),
    [
        ("en", ["check", "ck201", "--select", "201"], "error: '201' is not a rule code\n  hint: codes look"),
        ("nl", ["check", "ck201", "--select", "201"], "error: '201' is geen regelcode\n  hint: een code"),
        ("en", ["rules", "CK999"], "error: no rule CK999\n  hint: run 'clausekit rules'"),
        ("nl", ["rules", "CK999"], "error: er is geen regel CK999\n  hint: 'clausekit rules' geeft"),
    ],
)
def test_check_and_rules_refuse_in_the_interface_language(
    capsys: pytest.CaptureFixture[str], lang: str, arguments: list[str], expected: str
) -> None:
    assert main([*arguments, "--library", str(CHECKS), "--lang", lang]) == 2
    assert expected in capsys.readouterr().err


def test_the_studio_reports_refused_answers_in_its_own_language() -> None:
    """The studio's language is its setting, not the process's (CLAUSEKIT_LANG=nl in the tests)."""
    from toolkit.notebook import Studio

    studio = Studio("nda", library=ENGLISH, answers={"party_a": "Acme Ltd"}, watch=False, ui=locale_for("nl"))
    try:
        assert "heeft een antwoord nodig" in studio.status.value
        studio.language.value = "en"
        assert "needs an answer" in studio.status.value and "antwoord" not in studio.status.value
        studio.fields["party_b"].control.value = "Beta"
        studio.fields["party_a"].control.value = ""
        studio.flush()
        assert "party_a" in studio.status.value and "needs an answer" in studio.status.value
    finally:
        studio.close()
