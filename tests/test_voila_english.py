"""The web questionnaire in English: `clausekit serve --lang en` (real Voilà) of the English fixture,
in real headless Chromium; every word on the page is English, and so is the document."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES, docx_plain_text
from test_voila_browser import start_server, stop_server

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]

DUTCH = re.compile(
    r"\b(stap|van|vorige|volgende|verplicht|toelichting|overzicht|controleer|wijzig|maak|documenten|ja|nee)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server, url = start_server("nda", library=FIXTURES / "english", options=["--lang", "en"])
    yield url
    stop_server(server)


def test_the_waiting_page_in_english(served: str) -> None:
    """What shows while the questionnaire starts: Voilà's spinner line and the page title."""
    with urllib.request.urlopen(served, timeout=120) as response:
        page = response.read().decode()
    assert '<h2 id="loading_text">Loading the questionnaire…</h2>' in page
    assert "<title>Questionnaire</title>" in page and "vragenlijst</title>" not in page
    assert 'update_loading_text(cell_index, cell_count, "Loading the questionnaire\\u2026")' in page
    assert "Running " not in page


def test_the_questionnaire_in_english(served: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Any = browser.new_page(accept_downloads=True)
        page.goto(served)
        where = page.locator(".ck-where")
        expect(where).to_contain_text("Step 1 of 2: The parties", timeout=60_000)
        assert page.locator(".ck-next").inner_text().strip() == "Next"
        page.locator(".ck-next").click()  # the required names are empty
        expect(page.locator(".ck-field-party_a .ck-error")).to_contain_text("This question is required.")
        page.locator(".ck-field-party_a input[type=text]").fill("Acme Ltd")
        page.locator(".ck-field-party_b input[type=text]").fill("Beta Corp")
        page.locator(".ck-field-start input[type=date]").fill("2027-03-01")
        page.locator(".ck-next").click()
        expect(where).to_contain_text("Step 2 of 2: The terms")
        page.locator(".ck-next").click()
        expect(where).to_contain_text("Your answers")
        summary = page.locator(".ck-questionnaire")
        expect(summary).to_contain_text("Acme Ltd")
        expect(summary).to_contain_text("March 1, 2027")  # the interface's en: the US form
        expect(summary).to_contain_text("Make the documents")
        shown = summary.inner_text()
        assert not DUTCH.search(shown), shown
        page.locator(".ck-make").click()
        link = page.locator("a.ck-download-docx")
        expect(link).to_be_visible(timeout=60_000)
        assert not DUTCH.search(summary.inner_text()), summary.inner_text()
        with page.expect_download() as download_info:
            link.click()
        text = docx_plain_text(download_info.value.path())
        browser.close()
    assert "Article 1 Parties" in text and "takes effect on 1 March 2027" in text
    assert not DUTCH.search(text), text
