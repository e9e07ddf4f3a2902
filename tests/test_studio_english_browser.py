"""The studio switched to English in real JupyterLab and real headless Chromium.

JupyterLab serves a temporary folder holding the studio notebook (notebooks/studio.ipynb) and, as its
``clauses/`` library, the English NDA fixture, so every word of the template is English too and any
Dutch word on the screen is the interface's. The kernel starts Dutch (the tests' CLAUSEKIT_LANG=nl);
the browser picks the template and then "English" in the studio's language setting, and every tab is
read as the person sees it. A screenshot lands in tests/artifacts/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES, ROOT
from test_lab_browser import ARTIFACTS, jupyter_lab, run_notebook

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]

NOTEBOOK = "notebooks/studio.ipynb"
TABS = ["Document", "Variants", "Checks", "Approval", "Export", "Edit"]
# Dutch words of the studio's own screens (tabs, buttons, labels, marks, messages), as whole words.
DUTCH = re.compile(
    r"\b(vragen|voorbeeld|varianten|controles|goedkeuring|goedgekeurd|exporteren|bewerken|bewaren|"
    r"opslaan|verplicht|sjabloon|taal|antwoord|antwoorden|toelichting|standaard|artikelen|"
    r"bevindingen|vergelijk|nooit|wijzig|voeg|toe|ja|nee)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("lab-english")
    shutil.copytree(FIXTURES / "english", root / "clauses")
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / NOTEBOOK, root / NOTEBOOK)
    with jupyter_lab(root) as (url, token):
        yield url, token


def _dutch(text: str) -> list[str]:
    return sorted({m.group() for m in DUTCH.finditer(text)})


def test_the_studio_switched_to_english(lab: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, token = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(30_000)
        try:
            run_notebook(page, url, token, NOTEBOOK)
            studio = page.locator(".ck-studio")
            tabs = studio.locator(".lm-TabBar-tab")
            expect(tabs.nth(2)).to_have_text("Controles", timeout=60_000)  # the kernel's language: Dutch
            studio.locator(".widget-dropdown", has_text="Sjabloon").locator("select").select_option("nda")
            studio.locator(".ck-field-party_a input").fill("Acme Ltd", timeout=60_000)
            studio.locator(".ck-field-party_b input").fill("Beta Corp")
            expect(studio.locator(".ck-preview")).to_contain_text("Article 1", timeout=60_000)

            studio.get_by_label("Taal", exact=True).select_option(label="English")  # not "Documenttaal"
            expect(tabs.nth(2)).to_have_text("Checks")
            assert [t.strip() for t in tabs.all_inner_texts()] == TABS
            expect(studio.get_by_label("Language", exact=True)).to_be_visible()
            expect(studio.locator(".ck-field-party_a .ck-required")).to_have_attribute("title", "required")
            expect(studio.locator(".ck-ok-bar")).to_contain_text("articles")
            page.screenshot(path=str(ARTIFACTS / "studio-english.png"))

            seen = {}
            for title in TABS:
                studio.locator(".lm-TabBar-tab", has_text=title).click()
                expect(studio.locator(".lm-TabBar-tab.lm-mod-current")).to_have_text(title)
                page.wait_for_timeout(300)  # the tab's panel is drawn (no assertion on the time)
                # what shows on hover or in an empty field is read too
                hidden = studio.evaluate(
                    "(root) => Array.from(root.querySelectorAll('[title], [placeholder], [aria-label]'))"
                    ".map(e => [e.title, e.placeholder, e.getAttribute('aria-label')].join(' ')).join(' ')"
                )
                seen[title] = studio.inner_text() + "\n" + hidden
                assert not _dutch(seen[title]), (title, _dutch(seen[title]), seen[title])
            assert "has never been approved" in seen["Checks"]
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "studio-english-failure.png"))
            raise
        finally:
            browser.close()


def test_the_list_of_dutch_words_finds_the_dutch_studio() -> None:
    """The word list would see a studio left in Dutch (the browser test can fail)."""
    from toolkit.locales import locale_for
    from toolkit.notebook.studio import TABS as KEYS

    dutch = locale_for("nl")
    shown = " ".join(dutch.text(key) for key in KEYS.values())
    assert set(_dutch(shown)) >= {"Varianten", "Controles", "Goedkeuring", "Exporteren", "Bewerken"}
    assert not _dutch(" ".join(locale_for("en").text(key) for key in KEYS.values()))
