"""The web questionnaire in a template's other language: `clausekit serve --doc-lang nl` (real Voilà)
of the bilingual fixture (English source, Dutch edition) in real headless Chromium: the questions
and the document are the Dutch edition's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import test_voila_browser
from conftest import FIXTURES, ROOT, docx_plain_text
from test_voila_browser import start_server, stop_server

from toolkit.formats import FORMATS

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]
browser = test_voila_browser.browser  # the Chromium fixture


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    # the kernels import the toolkit of this checkout (also where no editable install points here)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    server, url = start_server(
        "services", library=FIXTURES / "bilingual", options=["--doc-lang", "nl"], env=env
    )
    yield url
    stop_server(server)


def test_the_questionnaire_in_the_dutch_edition(browser: Any, served: str) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(served)
        where = page.locator(".ck-where")
        expect(where).to_contain_text("Stap 1 van 2: De partijen", timeout=60_000)
        expect(page.locator(".ck-field-client")).to_contain_text("Naam van de opdrachtgever")
        page.locator(".ck-field-client input[type=text]").fill("Acme Ltd")
        page.locator(".ck-field-supplier input[type=text]").fill("Jansen Advies")
        page.locator(".ck-next").click()
        expect(where).to_contain_text("Stap 2 van 2: De vergoeding")
        page.locator(".ck-field-fee").get_by_role("button", name="Een uurtarief", exact=True).click()
        expect(page.locator(".ck-field-rate")).to_contain_text("Uurtarief in euro")
        page.locator(".ck-next").click()
        expect(where).to_contain_text("Overzicht")
        if "docx" not in FORMATS:
            pytest.skip("the publish extra is not installed: no DOCX")
        page.locator(".ck-make").click()
        link = page.locator("a.ck-download-docx")
        expect(link).to_be_visible(timeout=60_000)
        with page.expect_download() as download_info:
            link.click()
        text = docx_plain_text(download_info.value.path())
    finally:
        context.close()
    assert "De Opdrachtgever betaalt de Opdrachtnemer 100 euro voor elk gewerkt uur" in text
    assert "The Client" not in text
