"""``clausekit web`` as a visitor uses it: the real uvicorn server and headless Chromium, with
JavaScript on and off. A flagship profile is filled in; a required field left empty is explained at
the field and in the error summary; back and "wijzig" keep what was typed; the DOCX and the PDF are
downloaded and their text read."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
import test_voila_browser
from conftest import FLAGSHIP, ROOT, docx_plain_text, free_port
from test_voila_browser import stop_server
from web_helpers import start_web

from toolkit import Library, load_answers_file
from toolkit.answers import coerce
from toolkit.formats import FORMATS
from toolkit.kinds import kind_of
from toolkit.locales import DUTCH
from toolkit.model import Question
from toolkit.ui.flow import Flow

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]
browser = test_voila_browser.browser  # the Chromium fixture

PROFILE = "zorg"  # a care organisation: the press officer's question appears within its step


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    port = free_port()
    server = start_web(port, ROOT / "clauses")
    yield f"http://127.0.0.1:{port}/t/{FLAGSHIP}/"
    stop_server(server)


def fill(page: Any, question: Question, raw: Any) -> None:
    """Answer one question in its control, as a person would (by the control's label)."""
    value = coerce(question, raw)
    control = kind_of(question).form_control(question)
    field = f"#q-{question.id}"
    if control in ("text", "textarea", "number"):
        page.locator(field).fill(str(value))
    elif control == "date":
        assert isinstance(value, dt.date)
        page.locator(field).fill(value.isoformat())
    elif control == "yesno":
        page.get_by_role("group", name=question.label).get_by_label(DUTCH.yes_no(value), exact=True).check()
    elif control == "radio":
        page.get_by_role("group", name=question.label).get_by_label(
            question.label_of(value), exact=True
        ).check()
    else:
        for option in question.options:
            box = page.locator(f"{field}-{question.option_values().index(option.value)}")
            box.set_checked(option.value in value)


def where(page: Any) -> str:
    return str(page.locator(".ck-where").inner_text())


def walk(page: Any, flow: Flow, raw: dict[str, Any]) -> None:
    """From the current step to the summary, answering what each step shows."""
    for _ in range(2 * len(flow.template.steps) + 2):
        if where(page) == DUTCH.text("ui.summary"):
            return
        for question in flow.template.questions:
            if question.id in raw and page.locator(f"#q-{question.id}, #q-{question.id}-0").count():
                fill(page, question, raw[question.id])
        page.locator(".ck-next").click()
    raise AssertionError("no summary: " + where(page))


def download(page: Any, name: str) -> bytes:
    with page.expect_download() as caught:
        page.locator(f".ck-download-{name}").click()
    data: bytes = open(caught.value.path(), "rb").read()  # noqa: SIM115 (Playwright's temp file)
    assert caught.value.suggested_filename == f"{FLAGSHIP}.{name}"
    return data


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_profile_from_the_first_page_to_the_documents(browser: Any, served: str, javascript: bool) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    library = Library(ROOT / "clauses")
    template = library.template(FLAGSHIP)
    raw = load_answers_file(ROOT / "clauses" / FLAGSHIP / "examples" / f"{PROFILE}.yaml")[0]
    flow = Flow(library, template, raw)
    context = browser.new_context(java_script_enabled=javascript, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(served)
        assert page.locator("html").get_attribute("lang") == template.language
        expect(page.locator(".ck-where")).to_have_text("Stap 1 van 5: Uw organisatie")

        # a required answer left empty: explained at the field and in the summary at the top
        page.locator("#q-organisatie").fill("")
        page.locator("#q-organisatie").press("Enter")  # Enter means "next", not "back"
        expect(page.locator("#q-organisatie-error")).to_contain_text(DUTCH.text("ui.required"))
        link = page.locator(".ck-error-summary a[href='#q-organisatie']")
        expect(link).to_contain_text(template.question("organisatie").label)
        assert page.locator("#q-organisatie").get_attribute("aria-describedby") == (
            "q-organisatie-help q-organisatie-error"
        )
        link.click()
        assert page.evaluate("document.activeElement.id") == "q-organisatie"  # the link leads to it
        expect(page.locator(".ck-where")).to_have_text("Stap 1 van 5: Uw organisatie")

        # the help text, on demand, without script
        help_text = page.locator("#q-organisatie-help")
        expect(help_text).to_be_hidden()
        page.locator(".ck-field-organisatie summary").click()
        expect(help_text).to_be_visible()

        # step 1, then back from step 2: what was typed is still there
        fill(page, template.question("organisatie"), raw["organisatie"])
        page.locator(".ck-next").click()
        expect(page.locator(".ck-where")).to_contain_text("Stap 2 van 5")
        page.locator(".ck-back").click()
        expect(page.locator("#q-organisatie")).to_have_value(raw["organisatie"])

        walk(page, flow, raw)
        summary = page.locator("main")
        expect(summary).to_contain_text(raw["organisatie"])
        expect(summary).to_contain_text(template.question("woordvoerder").label)  # asked for this profile

        # "wijzig" the first step, change the name, and come back to the summary
        page.locator(".ck-edit-organisatie").click()
        expect(page.locator("#q-organisatie")).to_have_value(raw["organisatie"])
        renamed = raw["organisatie"] + " Oost"
        page.locator("#q-organisatie").fill(renamed)
        walk(page, flow, {**raw, "organisatie": renamed})
        expect(summary).to_contain_text(renamed)

        if "docx" not in FORMATS:
            pytest.skip("the publish extra is not installed: no DOCX or PDF")
        assert renamed in docx_plain_text(download(page, "docx"))
        from pypdf import PdfReader

        pdf = PdfReader(io.BytesIO(download(page, "pdf")))
        assert renamed in " ".join(p.extract_text() or "" for p in pdf.pages)
    finally:
        context.close()


def test_every_control_has_a_visible_focus_and_a_name(browser: Any, served: str) -> None:
    """Tab through the first step: each control reached has an accessible name and a visible outline."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served)
        names = []
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   return [e.className, e.labels && e.labels.length ? e.labels[0].innerText : e.innerText,
                           s.outlineStyle, s.outlineWidth]; }"""
            )
            cls, name, outline, width = focused
            assert name.strip(), focused
            assert outline != "none" and width != "0px", focused
            names.append(name.strip())
            if "ck-next" in cls:
                break
        else:
            raise AssertionError(f"the next button was never reached: {names}")
        # in the page's order: the other languages of the template (its first page offers them), then
        # help and field by field, the hidden default button never focused
        assert names[:3] == [
            "English (United Kingdom)",
            DUTCH.text("ui.help"),
            "Naam van de organisatie (verplicht)",
        ]
        assert names.count(DUTCH.text("ui.next")) == 1
    finally:
        context.close()
