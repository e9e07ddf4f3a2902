"""``clausekit web`` with a template in two languages, as a visitor uses it: the real uvicorn server
and headless Chromium without JavaScript. The visitor opens the English services agreement of the
bilingual fixture, chooses Nederlands on its first page, answers in Dutch and downloads the Dutch
DOCX. A screenshot lands in tests/artifacts/web-doc-language.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import test_voila_browser
from conftest import FIXTURES, ROOT, docx_plain_text
from test_web_browser import walk
from web_helpers import web_server

from toolkit import Library
from toolkit.formats import FORMATS
from toolkit.ui.flow import Flow

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]
browser = test_voila_browser.browser  # the Chromium fixture

ARTIFACTS = ROOT / "tests" / "artifacts"
ANSWERS: dict[str, Any] = {"client": "Acme Ltd", "supplier": "Jansen Advies", "fee": "hourly", "rate": 120}


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with web_server(FIXTURES / "bilingual") as base:
        yield base + "/t/services/"


def test_choose_the_other_language_on_the_first_page_and_get_its_document(browser: Any, served: str) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    library = Library(FIXTURES / "bilingual")
    dutch = library.template("services").edition("nl-NL")
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(served)
        assert page.locator("html").get_attribute("lang") == "en-GB"
        expect(page.locator(".ck-where")).to_have_text("Step 1 of 2: The parties")
        page.get_by_role("link", name="Nederlands (Nederland)").click()
        assert page.locator("html").get_attribute("lang") == "nl-NL"
        expect(page.locator(".ck-where")).to_have_text("Stap 1 van 2: De partijen")
        expect(page.locator("label[for=q-client]")).to_contain_text("Naam van de opdrachtgever")
        page.screenshot(path=str(ARTIFACTS / "web-doc-language.png"), full_page=True)

        walk(page, Flow(library, dutch, ANSWERS), ANSWERS)
        summary = page.locator("main")
        expect(summary).to_contain_text("Uurtarief in euro")
        expect(summary).to_contain_text("Acme Ltd")
        if "docx" not in FORMATS:
            pytest.skip("the publish extra is not installed: no DOCX")
        with page.expect_download() as caught:
            page.locator(".ck-download-docx").click()
        assert caught.value.suggested_filename == "services.nl-NL.docx"
        text = docx_plain_text(open(caught.value.path(), "rb").read())  # noqa: SIM115 (Playwright's temp file)
        assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in text and "The Client" not in text
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "web-doc-language-failure.png"), full_page=True)
        raise
    finally:
        context.close()
