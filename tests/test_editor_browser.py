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
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FLAGSHIP, ROOT
from test_lab_browser import lab, open_notebook

from toolkit import Library

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium", "ssh-keygen")]
__all__ = ["lab"]  # the fixture, imported for this module

ARTIFACTS = ROOT / "tests" / "artifacts"
OLD = "Kritiek op de Werkgever is niet verboden,"
NEW = "Kritiek op de Werkgever is uitdrukkelijk toegestaan,"
ZZP_LABEL = "Gelden de richtlijnen ook voor zzp'ers en andere opdrachtnemers? (zzp)"


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
    yaml = root / "clauses" / FLAGSHIP / "template.yaml"
    template_yaml = yaml.read_bytes()
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
            editor.locator("select").nth(0).select_option(
                label=Library(root / "clauses").template(FLAGSHIP).clause("vertrouwelijkheid").title
            )
            editor.locator("select").nth(1).select_option(label="Standaard")
            text = editor.locator(".ck-editor-text textarea")
            expect(text).to_have_value(lambda_contains(OLD))
            text.fill(text.input_value().replace(OLD, NEW))

            preview = editor.locator(".ck-editor-preview")
            expect(preview).to_contain_text("uitdrukkelijk toegestaan")  # before saving
            expect(editor.locator(".ck-unsaved")).to_be_visible()
            assert path.read_bytes() == original

            editor.locator("button.ck-save").click()
            expect(editor).to_contain_text("Goedkeuring: gewijzigd", timeout=60_000)
            expect(editor.locator(".ck-unsaved")).to_have_count(0)
            assert path.read_bytes() == original.replace(OLD.encode(), NEW.encode(), 1)  # that span only
            page.screenshot(path=str(ARTIFACTS / "editor.png"))

            page.locator(".ck-studio .lm-TabBar-tab", has_text="Goedkeuring").click()
            changes = page.locator(".ck-studio .ck-approval-changes")
            expect(changes).to_contain_text("vertrouwelijkheid:standaard")
            expect(changes.locator("ins", has_text="uitdrukkelijk")).to_have_count(1)
            expect(changes.locator("ins", has_text="toegestaan,")).to_have_count(1)
            expect(changes.locator("del", has_text="verboden,")).to_have_count(1)
            row = page.locator('.ck-studio .ck-approvals tr[data-key="vertrouwelijkheid:standaard"]')
            expect(row).to_contain_text("gewijzigd")
            # its English translation was approved against the old Dutch: now out of date
            english = page.locator(
                '.ck-studio .ck-approvals tr[data-key="vertrouwelijkheid:standaard@en-GB"]'
            )
            expect(english).to_contain_text("vertaling verouderd")
            page.screenshot(path=str(ARTIFACTS / "editor-approval.png"))
            page.locator(".ck-studio .lm-TabBar-tab", has_text="Bewerken").click()
            revision_round(page, root)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "editor-failure.png"))
            raise
        finally:
            browser.close()
            path.write_bytes(original)  # the module's other tests see the library as it was
            yaml.write_bytes(template_yaml)


def revision_round(page: Page, root: Path) -> None:
    """The rest of a revision round without opening a file: a question that drives a new variant,
    the variant (a copy), moved first, its condition built with the builder, its text, saved."""
    from playwright.sync_api import expect

    editor = page.locator(".ck-studio .ck-editor")
    yaml = root / "clauses" / FLAGSHIP / "template.yaml"
    clause = root / "clauses" / FLAGSHIP / "vertrouwelijkheid.md"
    before_yaml, before_clause = yaml.read_text(encoding="utf-8"), clause.read_text(encoding="utf-8")
    questions = editor.locator(".ck-questions")
    questions.locator(".ck-q-question select").select_option(label=ZZP_LABEL)
    questions.locator(".ck-q-new input").fill("thuiswerk")
    questions.locator(".ck-q-label input").fill("Werken medewerkers ook thuis?")
    questions.locator(".ck-q-help textarea").fill("Kies ja als medewerkers ook thuis werken.")
    questions.locator("button", has_text="Toevoegen na deze vraag").click()
    expect(page.locator(".ck-studio .ck-field-thuiswerk")).to_be_visible(timeout=60_000)
    assert (
        "  - id: thuiswerk\n    label: Werken medewerkers ook thuis?\n    type: boolean\n"
        in yaml.read_text(encoding="utf-8")
    )

    editor.locator(".ck-new-variant input").fill("thuiswerk")
    editor.locator("button", has_text="Kopie als nieuwe variant").click()
    expect(editor.locator("select").nth(1)).to_have_value(re.compile(".+"))
    expect(editor.locator(".ck-manage-variants")).to_be_visible()
    for _ in range(2):  # the kernel handles the clicks in order
        editor.locator(".ck-manage-variants button", has_text="Hoger").click()
    deadline = time.monotonic() + 30
    while not re.search(r"variants:\n  thuiswerk:", clause.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "the variant did not move up"
        time.sleep(0.2)
    editor.locator("button", has_text="Voorwaarde toevoegen").click()
    row = editor.locator(".ck-cond-row")
    row.locator("select").nth(1).select_option(label="Werken medewerkers ook thuis? (thuiswerk)")
    builder = editor.locator(".ck-condition-builder")
    # written by the kernel: it has the choice before the button is pressed
    expect(builder).to_contain_text("Geschreven als: thuiswerk")
    editor.locator("button", has_text="Gebruik deze voorwaarde").click()
    expect(builder).to_contain_text("Nu: thuiswerk")
    expect(builder).to_contain_text("De voorwaarde is geldig.")
    text = editor.locator(".ck-editor-text textarea")
    text.fill(text.input_value().replace(NEW, NEW + " Dat geldt ook thuis."))
    expect(editor.locator(".ck-editor-preview")).to_contain_text("Dat geldt ook thuis.")
    editor.locator("button.ck-save").click()
    expect(editor).to_contain_text("Goedkeuring: nieuw", timeout=60_000)
    expect(editor.locator(".ck-unsaved")).to_have_count(0)
    expect(builder.locator(".ck-cond-row")).to_have_count(0, timeout=60_000)  # the saved variant, reopened
    page.screenshot(path=str(ARTIFACTS / "editor-revision.png"))
    after = clause.read_text(encoding="utf-8")
    assert after.startswith(
        before_clause.split("  standaard:")[0]
        + "  thuiswerk:\n    when: thuiswerk\n    label: Standaard (kopie)\n"
    )
    assert "::: variant thuiswerk\n" in after and "Dat geldt ook thuis." in after
    assert after.count("::: variant") == before_clause.count("::: variant") + 1
    assert yaml.read_text(encoding="utf-8") != before_yaml


def lambda_contains(fragment: str) -> object:
    import re

    return re.compile(re.escape(fragment))
