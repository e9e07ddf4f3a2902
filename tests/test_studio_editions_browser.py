"""The document language in the studio as an editor uses it: real JupyterLab, real kernel, real
headless Chromium. The lab of tests/test_lab_browser.py gets a notebook on a copy of the bilingual
fixture (an English services agreement with a Dutch edition); the browser runs it, switches the
document language to Dutch and reads the Dutch preview and form. A screenshot lands in
tests/artifacts/studio-doc-language.png."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES, ROOT
from test_editor_browser import kernel_imports_this_checkout
from test_lab_browser import lab, open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]
__all__ = ["kernel_imports_this_checkout", "lab"]  # the fixtures, imported for this module

ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOK = "notebooks/services.ipynb"
ANSWERS = {"client": "Acme Ltd", "supplier": "Jansen Advies", "fee": "hourly", "rate": 120}


def write_notebook(root: Path) -> None:
    import nbformat

    shutil.copytree(FIXTURES / "bilingual", root / "bilingual")
    cell = "from toolkit.notebook import Studio\n\n" + (
        f'Studio("services", library="../bilingual", answers={ANSWERS!r})'
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nbformat.write(notebook, root / NOTEBOOK)


def test_switch_the_document_language_and_read_the_dutch_preview(lab: tuple[str, str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, token, root = lab
    write_notebook(root)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(30_000)
        try:
            open_notebook(page, url, token, NOTEBOOK)
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            preview = page.locator(".ck-studio .ck-preview")
            expect(preview).to_contain_text("The Client pays the Supplier 120 euros", timeout=60_000)
            form = page.locator(".ck-studio .ck-form")
            expect(form).to_contain_text("Name of the client")

            page.locator(".ck-studio .ck-doc-language select").select_option(label="Nederlands (Nederland)")
            expect(preview).to_contain_text("De Opdrachtgever betaalt de Opdrachtnemer 120 euro")
            expect(preview).to_contain_text("Artikel 1")
            expect(preview).not_to_contain_text("The Client")
            expect(form).to_contain_text("Naam van de opdrachtgever")
            expect(page.locator(".ck-studio .ck-field-client input")).to_have_value("Acme Ltd")  # kept
            page.screenshot(path=str(ARTIFACTS / "studio-doc-language.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "studio-doc-language-failure.png"))
            raise
        finally:
            browser.close()
