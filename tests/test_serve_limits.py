"""`clausekit serve` under load, from an installed copy of the package: real Voilà, real kernels.

The package is built the way a wheel is (setuptools' build_py reads pyproject's package data) into a
folder outside the checkout, and `python -m toolkit serve` runs from an unrelated working directory.
Kernels are counted as what they cost: ipykernel processes under the server.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FLAGSHIP, ROOT
from test_voila_browser import start_server, stop_server

from toolkit import Library
from toolkit.questionnaire import Flow

pytestmark = pytest.mark.slow

MAX_SESSIONS = 2
IDLE = 5  # seconds; the cull interval is then 1 s
BUSY = "Het is op dit moment te druk."
WAITING = '<h2 id="loading_text">De vragenlijst wordt geladen…</h2>'


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def kernels(server: subprocess.Popen[bytes]) -> list[int]:
    """The kernel processes the server runs now (one per visitor)."""
    found = []
    for pid in descendants(server.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel_launcher" in command:
            found.append(pid)
    return found


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.25)


def visit(url: str) -> tuple[int, str]:
    """A plain page load: Voilà starts a kernel and runs the notebook for it (no browser needed)."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as a wheel would install it (build_py applies pyproject's package data), in a
    folder with no checkout around it."""
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    shutil.copytree(ROOT / "toolkit", source / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "build_py", "--build-lib", site],
        cwd=source,
        check=True,
        capture_output=True,
    )
    return site


@pytest.fixture(scope="module")
def served(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-c", "import toolkit; print(toolkit.__file__)"],
        env=env,
        cwd=tmp_path_factory.mktemp("cwd"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed)), where.stdout  # the installed copy runs, not ROOT's
    options = ["--max-sessions", str(MAX_SESSIONS), "--idle-timeout", str(IDLE)]
    server, url = start_server(
        FLAGSHIP, library=ROOT / "clauses", options=options, cwd=tmp_path_factory.mktemp("elsewhere"), env=env
    )
    yield server, url
    stop_server(server)


@pytest.mark.requires("chromium")
def test_serve_runs_from_the_installed_package(served: tuple[Any, str], installed: Path) -> None:
    """The installed package carries the notebook and the Voilà template; a visitor sees the first
    step, and the kernel of a tab left open is culled once idle."""
    from playwright.sync_api import expect, sync_playwright

    server, url = served
    assert not (installed / "notebooks").exists()
    assert list(installed.rglob("vragenlijst.ipynb")) and list(installed.rglob("503.html"))
    library = Library(ROOT / "clauses")
    first_step = Flow(library, library.template(FLAGSHIP)).steps()[0].title
    wait_until(lambda: not kernels(server), 30, "the kernel of the start-up check is culled")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            expect(page.locator(".ck-where")).to_contain_text(first_step, timeout=60_000)
            assert len(kernels(server)) == 1
            # the cookie Voilà's "leaving the page" shutdown needs (without it: 403, the kernel stays)
            assert "_xsrf" in {cookie["name"] for cookie in page.context.cookies()}
            # the tab stays open but nobody types: the kernel is culled all the same
            wait_until(lambda: not kernels(server), 30, "the idle kernel of an open tab is culled")
        finally:
            browser.close()


def test_above_the_cap_a_visitor_gets_the_busy_page(served: tuple[Any, str]) -> None:
    server, url = served
    wait_until(lambda: not kernels(server), 30, "no kernel left from the previous test")
    most = 0
    with concurrent.futures.ThreadPoolExecutor(MAX_SESSIONS + 1) as pool:
        loads = [pool.submit(visit, url) for _ in range(MAX_SESSIONS + 1)]  # arriving together
        while not all(load.done() for load in loads):
            most = max(most, len(kernels(server)))
            time.sleep(0.1)
    pages = [load.result() for load in loads]
    assert sorted(status for status, _ in pages) == [200] * MAX_SESSIONS + [503]
    busy = next(body for status, body in pages if status == 503)
    assert BUSY in busy and "<script" not in busy
    assert all(BUSY not in body for status, body in pages if status == 200)
    # the page each visitor got: the waiting page in the interface's language (the tests': Dutch)
    assert all(
        WAITING in body and "<title>Vragenlijst</title>" in body for status, body in pages if status == 200
    )
    assert 0 < most <= MAX_SESSIONS
    # nobody uses the pages loaded: their kernels are culled (before this fix they lived for ever)
    wait_until(lambda: not kernels(server), IDLE + 25, "idle kernels are culled")
    status, body = visit(url)  # and the seats are free again
    assert status == 200 and BUSY not in body
