"""The studio as an editor uses it: real JupyterLab, real kernel, real headless Chromium.

JupyterLab serves a temporary copy of notebooks/ and clauses/ (the repository is never written)
on 127.0.0.1, a free port and a token. The browser opens the flagship notebook, runs all cells,
changes the organisation's name and the form of address, reads the preview as the editor sees
it, downloads the DOCX from the Exporteren tab, saves the notebook and exports it through Jupyter
Server's nbconvert route (what "Save and Export Notebook As" calls). A screenshot lands in
tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FLAGSHIP, ROOT, docx_plain_text, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]

ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOK = "notebooks/richtlijnen-social-media.ipynb"
NEW_NAME = "Playwright Proefbedrijf B.V."


@contextmanager
def jupyter_lab(root: Path) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``root`` on 127.0.0.1, a free port and a token, with nothing from the
    network; yields (base url, token) once it answers, and stops it afterwards."""
    config = root / ".jupyter"
    (config / "labconfig").mkdir(parents=True)
    # No "get news?" prompt over the notebook in the screenshot.
    disabled = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
    (config / "labconfig" / "page_config.json").write_text(json.dumps(disabled), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "IPYTHONDIR": str(root / ".ipython"),
        # the kernel imports this checkout's toolkit, not whatever copy is installed
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env.pop("JPY_SESSION_NAME", None)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={root / '.workspaces'}",
            f"--LabApp.user_settings_dir={root / '.settings'}",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
            # Nothing from the network: no extension index, no news feed, no update check.
            "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("jupyter lab did not start") from None
                time.sleep(0.3)
        yield url, token
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """JupyterLab on a copy of the project; yields (base url, token, the copy)."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "clauses", root / "clauses")
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".*", "exports"))
    with jupyter_lab(root) as (url, token):
        yield url, token, root
    assert not (ROOT / "notebooks" / "exports").exists()


def test_lab_lists_the_clausekit_exporters(lab: tuple[str, str, Path]) -> None:
    url, token, _root = lab
    with urllib.request.urlopen(f"{url}api/nbconvert?token={token}", timeout=30) as response:
        exporters = json.load(response)
    assert exporters["clausekit_docx"]["output_mimetype"].endswith("wordprocessingml.document")
    assert exporters["clausekit_pdf"]["output_mimetype"] == "application/pdf"


def open_notebook(page: Page, url: str, token: str, notebook: str = NOTEBOOK) -> None:
    """Open the notebook and wait for an idle kernel (accepting a kernel dialog if Lab shows one)."""
    page.goto(f"{url}lab/tree/{notebook}?token={token}", wait_until="domcontentloaded")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget")
    deadline = time.monotonic() + 60
    while not page.locator(".jp-StatusBar-TextItem", has_text="| Idle").count():
        accept = page.locator(".jp-Dialog .jp-mod-accept")
        if accept.count():
            accept.first.click()
        if time.monotonic() > deadline:
            raise AssertionError("the kernel did not become idle")
        time.sleep(0.25)


def run_notebook(page: Page, url: str, token: str, notebook: str = NOTEBOOK) -> None:
    """Open the notebook and run all its cells (not awaited: the command's promise settles only when
    every cell has run)."""
    open_notebook(page, url, token, notebook)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def test_studio_in_jupyterlab_follows_the_form(lab: tuple[str, str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, token, root = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(30_000)
        try:
            open_notebook(page, url, token)
            # Not awaited: the command's promise settles only when every cell has run.
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            preview = page.locator(".ck-studio .ck-preview")
            expect(preview).to_contain_text("Artikel 1", timeout=60_000)
            before = preview.inner_text()
            assert NEW_NAME not in before

            page.locator(".ck-field-organisatie input").fill(NEW_NAME)
            expect(preview).to_contain_text(NEW_NAME)

            page.locator(".ck-field-aanspreekvorm button", has_text="je").click()
            expect(preview).to_contain_text(re.compile(r"\bje\b"))
            after = preview.inner_text()
            assert len(re.findall(r"\bje\b", after)) > len(re.findall(r"\bje\b", before))
            assert "variant:" in after  # every article says which variant and why
            expect(page.locator(".ck-studio .ck-ok-bar")).to_contain_text("artikelen")
            page.screenshot(path=str(ARTIFACTS / "lab-studio.png"))

            # A file saved elsewhere (another tab, an editor): the preview follows, no restart.
            # (Generous waits: the watcher polls twice a second, but a busy CI machine with the checks
            # running in the kernel's worker thread has taken over 5 s to show a reload.)
            yaml = root / "clauses" / FLAGSHIP / "template.yaml"
            source = yaml.read_text(encoding="utf-8")
            yaml.write_text(
                re.sub(r"(?m)^title: .*$", "title: Bewerkte titel", source, count=1), encoding="utf-8"
            )
            expect(page.locator(".ck-studio .ck-preview h1")).to_have_text("Bewerkte titel", timeout=20_000)
            yaml.write_text(source.replace("\nclauses:", "\nclauses: [", 1), encoding="utf-8")  # broken YAML
            expect(page.locator(".ck-studio .ck-error-box")).to_contain_text("template.yaml:", timeout=20_000)
            expect(page.locator(".ck-studio .ck-error-box")).to_contain_text("hint:")
            yaml.write_text(source, encoding="utf-8")
            expect(page.locator(".ck-studio .ck-error-box")).to_have_count(0, timeout=20_000)
            expect(page.locator(".ck-studio .ck-preview h1")).not_to_have_text("Bewerkte titel")

            # Export: the DOCX of the document as answered now, downloaded by the browser.
            page.locator(".ck-studio .lm-TabBar-tab", has_text="Exporteren").click()
            page.locator(".ck-studio button", has_text="DOCX").click()
            with page.expect_download(timeout=60_000) as download:
                page.locator(".ck-studio a.ck-download").click()
            assert download.value.suggested_filename.endswith(".docx")
            assert NEW_NAME in docx_plain_text(download.value.path())

            # Save, then export as the Lab menu does: the saved notebook carries the answers.
            page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
            expect(page.locator(".jp-mod-dirty")).to_have_count(0)
            export = f"{url}nbconvert/clausekit_docx/{NOTEBOOK}?download=true&token={token}"
            with urllib.request.urlopen(export, timeout=60) as response:
                exported = response.read()
            assert NEW_NAME in docx_plain_text(exported)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "lab-studio-failure.png"))
            raise
        finally:
            browser.close()
