"""The editor as a legal editor uses it: real JupyterLab, real kernel, real headless Chromium.

JupyterLab serves a temporary copy of notebooks/ and clauses/ (the fixture of
tests/test_lab_browser.py; the repository is never written). The browser opens the flagship
notebook, runs it, opens the Bewerken tab, edits a sentence of a variant, sees it in the editor's
preview before saving, saves, and the test reads the file (only that sentence changed); the
editor says "gewijzigd" and the Goedkeuring tab shows the difference with the approved text. A
screenshot of the editor lands in tests/artifacts/editor.png (and /work/helpers/ when it exists).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FLAGSHIP, ROOT
from test_lab_browser import lab, open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]
__all__ = ["lab"]  # the fixture, imported for this module

ARTIFACTS = ROOT / "tests" / "artifacts"
HELPERS = Path("/work/helpers")
OLD = "Kritiek op de Werkgever is niet verboden."
NEW = "Kritiek op de Werkgever is uitdrukkelijk toegestaan."


@pytest.fixture(scope="module", autouse=True)
def kernel_imports_this_checkout() -> Iterator[None]:
    """The kernel imports the toolkit of this checkout (also where no editable install points here)."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), before) if p)
    yield
    if before is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = before


def test_edit_a_sentence_preview_it_save_it_and_see_it_changed(lab: tuple[str, str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, token, root = lab
    path = root / "clauses" / FLAGSHIP / "vertrouwelijkheid.md"
    original = path.read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1700, "height": 1150})
        page.set_default_timeout(30_000)
        try:
            open_notebook(page, url, token)
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            expect(page.locator(".ck-studio .ck-preview")).to_contain_text("Artikel 1", timeout=60_000)

            page.locator(".ck-studio .lm-TabBar-tab", has_text="Bewerken").click()
            editor = page.locator(".ck-studio .ck-editor")
            editor.locator("select").nth(0).select_option(label="Vertrouwelijke en schadelijke informatie")
            editor.locator("select").nth(1).select_option(label="Standaard")
            text = editor.locator(".ck-editor-text textarea")
            expect(text).to_have_value(lambda_contains(OLD))
            text.fill(text.input_value().replace(OLD, NEW))

            preview = editor.locator(".ck-editor-preview")
            expect(preview).to_contain_text("uitdrukkelijk toegestaan")  # before saving
            expect(editor.locator(".ck-unsaved")).to_be_visible()
            assert path.read_bytes() == original

            editor.locator("button", has_text="Bewaren").click()
            expect(editor).to_contain_text("Goedkeuring: gewijzigd", timeout=60_000)
            expect(editor.locator(".ck-unsaved")).to_have_count(0)
            assert path.read_bytes() == original.replace(OLD.encode(), NEW.encode(), 1)  # that span only
            page.screenshot(path=str(ARTIFACTS / "editor.png"))
            if HELPERS.is_dir():
                shutil.copyfile(ARTIFACTS / "editor.png", HELPERS / "editor.png")

            page.locator(".ck-studio .lm-TabBar-tab", has_text="Goedkeuring").click()
            changes = page.locator(".ck-studio .ck-approval-changes")
            expect(changes).to_contain_text("vertrouwelijkheid:standaard")
            expect(changes.locator("ins", has_text="uitdrukkelijk")).to_have_count(1)
            expect(changes.locator("ins", has_text="toegestaan.")).to_have_count(1)
            expect(changes.locator("del", has_text="verboden.")).to_have_count(1)
            row = page.locator(".ck-studio .ck-approvals tr", has_text="standaard").filter(
                has_text="vertrouwelijkheid"
            )
            expect(row).to_contain_text("gewijzigd")
            page.screenshot(path=str(ARTIFACTS / "editor-approval.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "editor-failure.png"))
            raise
        finally:
            browser.close()
            path.write_bytes(original)  # the module's other tests see the library as it was


def lambda_contains(fragment: str) -> object:
    import re

    return re.compile(re.escape(fragment))
