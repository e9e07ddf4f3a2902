"""The Voilà face in process (real ipywidgets, no browser) and its notebook in a real kernel."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_interview import publish_mini

from toolkit import Library
from toolkit.questionnaire.serve import NOTEBOOK
from toolkit.questionnaire.web import ENV_LIBRARY, ENV_TEMPLATE, WebQuestionnaire


@pytest.fixture
def page() -> WebQuestionnaire:
    library = Library(FIXTURES / "mini")
    return WebQuestionnaire(library, library.template("mini"), formats=["md", "html"])


def shown(page: WebQuestionnaire) -> list[str]:
    return [
        field.question.id  # type: ignore[attr-defined]
        for field in page.body.children
        if getattr(field, "question", None) and field.layout.display != "none"
    ]


def test_steps_progress_and_messages_next_to_the_field(page: WebQuestionnaire) -> None:
    assert "Stap 1 van 2: Uw organisatie" in page.where.value
    assert page.progress.value == 1 and page.progress.max == 3  # two steps and the summary
    assert "Eerst iets over de organisatie." in page.intro.value
    assert page.back.disabled
    assert not page.go_next()
    assert "Deze vraag is verplicht." in page.fields["naam"].message.value
    assert "Stap 1 van 2" in page.where.value
    page.fields["naam"].control.value = "Acme"
    assert page.fields["naam"].message.value == ""  # the message goes once the answer changes
    assert page.go_next()
    assert "Stap 2 van 2: De regels" in page.where.value and page.progress.value == 2


def test_conditional_question_appears_and_keeps_what_was_typed(page: WebQuestionnaire) -> None:
    page.fields["naam"].control.value = "Acme"
    page.go_next()
    assert shown(page) == ["streng", "kanalen", "pers"]
    page.fields["pers"].control.value = "afdeling"
    assert shown(page) == ["streng", "kanalen", "pers", "perschef"]
    page.fields["perschef"].control.value = "Mr. Jansen"
    page.fields["pers"].control.value = "geen"
    assert "perschef" not in shown(page)
    page.go_back()
    page.go_next()
    page.fields["pers"].control.value = "afdeling"
    assert page.fields["perschef"].control.value == "Mr. Jansen"
    assert page.flow.answers()["perschef"] == "Mr. Jansen"


def test_summary_escapes_answers_edits_and_downloads(page: WebQuestionnaire) -> None:
    page.fields["naam"].control.value = "<img src=x onerror=alert(1)> & Zn"
    page.go_next()
    page.go_next()
    assert "Overzicht" in page.where.value
    summary = "".join(getattr(w, "value", "") for w in page.body.children if hasattr(w, "value"))
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Zn" in summary and "<img" not in summary
    edit = next(w for w in page.body.children if "ck-edit-organisatie" in getattr(w, "_dom_classes", ()))
    edit.click()
    assert "Stap 1 van 2" in page.where.value
    page.go_next()
    page.go_next()
    files = page.make_documents()
    assert set(files) == {"mini.md", "mini.html"}
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', page.downloads.value))
    assert base64.b64decode(links["mini.md"]) == files["mini.md"]
    assert "onerror" in files["mini.md"].decode() and "<img" not in page.downloads.value


@pytest.mark.requires("ssh-keygen")
@pytest.mark.slow
def test_notebook_runs_headless_from_a_bundle(tmp_path: Path) -> None:
    """The notebook Voilà serves, run by nbclient in a real kernel, shows the first step of the
    template named by the environment, loaded from a bundle written by `clausekit publish`."""
    import nbformat
    from nbclient import NotebookClient

    bundle = publish_mini(tmp_path)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    saved = {k: os.environ.get(k) for k in (ENV_LIBRARY, ENV_TEMPLATE)}
    os.environ.update({ENV_LIBRARY: str(bundle), ENV_TEMPLATE: "mini"})
    try:
        NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") in ("error", "stream")]
    states = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    texts = [str(s["state"].get("value", "")) for s in states.values()]
    assert any("Stap 1 van 2: Uw organisatie" in t for t in texts)
