"""The web questionnaire as a customer uses it: `clausekit serve` (real Voilà), real headless Chromium.

One example profile of the flagship is typed in step by step; the test goes back through an edit
link and forward again (the values survive), downloads the DOCX and reads its text.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, FLAGSHIP, ROOT, docx_plain_text, free_port

from toolkit import Library, load_answers_file
from toolkit.answers import coerce
from toolkit.model import Question, QuestionType, Template
from toolkit.questionnaire import Flow

pytestmark = [pytest.mark.slow, pytest.mark.requires("chromium")]

PROFILE = "winkel"  # a small shop: some questions are not asked


def start_server(
    template_id: str,
    library: Path | None = None,
    bundle: Path | None = None,
    options: Sequence[str] = (),
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """`clausekit serve` in its own process group on a free port; returns once the page answers
    (Voilà has then started, and run the notebook in, one kernel)."""
    port = free_port()
    args = [sys.executable, "-m", "toolkit", "serve", template_id, "--port", str(port), *options]
    if library:
        args += ["--library", str(library)]
    if bundle:
        args += ["--bundle", str(bundle)]
    server = subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30):  # Voilà renders the page when it is asked
                return server, url
        except OSError:
            if server.poll() is not None:
                raise AssertionError("clausekit serve stopped") from None
            time.sleep(0.3)
    stop_server(server)
    raise AssertionError("clausekit serve did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server, url = start_server(FLAGSHIP)
    yield url
    stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def fill(field: Any, question: Question, raw: Any) -> None:
    """Type one answer into STUDIO's control for its question, as a person would."""
    value = coerce(question, raw)
    kind = question.type
    if kind == QuestionType.TEXT:
        field.locator("input[type=text], textarea").fill(value)
    elif kind == QuestionType.BOOLEAN:
        field.locator("input[type=checkbox]").set_checked(value)
    elif kind == QuestionType.CHOICE:
        label = question.label_of(value)
        if field.locator("select").count():
            field.locator("select").select_option(label=label)
        else:
            field.get_by_role("button", name=label, exact=True).click()
    elif kind == QuestionType.MULTICHOICE:
        field.locator("select").select_option(label=[question.label_of(v) for v in value])
    elif kind == QuestionType.DATE:
        assert isinstance(value, dt.date)
        field.locator("input[type=date]").fill(value.isoformat())
    else:
        field.locator("input").fill(str(value))


def text_value(page: Any, question_id: str) -> str:
    return str(page.locator(f".ck-field-{question_id} input[type=text]").input_value())


def run_profile(page: Any, url: str, library: Library, template: Template, raw: dict[str, Any]) -> Path:
    """Fill in every step for ``raw``, check the way back, download the DOCX; returns its path."""
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)  # widget round trips on a busy 2-core machine
    flow = Flow(library, template, raw)
    steps = flow.steps()
    page.goto(url)
    where = page.locator(".ck-where")
    expect(where).to_contain_text(steps[0].title, timeout=60_000)

    # an empty required answer is explained next to its field, and the step does not change
    page.locator(".ck-field-organisatie input[type=text]").fill("")
    page.locator(".ck-next").click()
    expect(page.locator(".ck-field-organisatie .ck-error")).to_contain_text("verplicht")
    expect(where).to_contain_text(steps[0].title)

    for step in steps:
        expect(where).to_contain_text(step.title)
        for question in flow.questions(step):
            if question.id in raw:
                fill(page.locator(f".ck-field-{question.id}"), question, raw[question.id])
        for question_id in step.questions:  # the questions this profile does not need stay hidden
            if not flow.is_asked(question_id):
                expect(page.locator(f".ck-field-{question_id}")).to_be_hidden()
        page.locator(".ck-next").click()
    expect(where).to_contain_text("Overzicht")
    expect(page.locator(".ck-questionnaire")).to_contain_text(raw["organisatie"])

    # back and forth: the edit link of the first step, then forward again; nothing is lost
    page.locator(f".ck-edit-{steps[0].id}").click()
    expect(where).to_contain_text(steps[0].title)
    assert text_value(page, "organisatie") == raw["organisatie"]
    for _ in steps:
        page.locator(".ck-next").click()
    expect(where).to_contain_text("Overzicht")

    page.locator(".ck-make").click()
    link = page.locator("a.ck-download-docx")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        link.click()
    return Path(download_info.value.path())


def test_flagship_profile_in_the_browser(served: str, browser: Any, flagship_library: Library) -> None:
    template = flagship_library.template(FLAGSHIP)
    raw, _ = load_answers_file(template.examples_dir / f"{PROFILE}.yaml")
    expected = flagship_library.render(template, flagship_library.validate(template, raw))

    page = browser.new_page(accept_downloads=True)
    started = time.perf_counter()
    path = run_profile(page, served, flagship_library, template, raw)
    elapsed = time.perf_counter() - started
    print(f"\nbrowser run ({PROFILE}): first page to downloaded DOCX in {elapsed:.1f} s")

    text = docx_plain_text(path)
    assert raw["organisatie"] in text
    for article in expected.articles:
        assert article.title in text
    # no notebook chrome or code reached the customer
    assert page.locator(".jp-InputArea:visible, .jp-InputPrompt:visible").count() == 0
    assert "from_environment" not in page.content()
    page.close()
