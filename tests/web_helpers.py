"""Helpers for the tests of ``clausekit web``: a visitor that reads the form of a page and posts it
back as a browser without JavaScript would (the hidden fields, the controls, the button pressed)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import ROOT
from test_voila_browser import stop_server

from toolkit.answers import coerce
from toolkit.kinds import kind_of
from toolkit.model import Question, Template
from toolkit.web.settings import Limits, Settings

SECRET = "test-secret-" + "x" * 40  # TEST ONLY


def settings(library: Path, limits: Limits | None = None, secret: str = SECRET) -> Settings:
    return Settings(library=library, secret=secret, limits=limits or Limits())


class Form(HTMLParser):
    """The first form of a page: its hidden fields, its controls with their values, its buttons."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.checked: dict[str, list[str]] = {}
        self.buttons: list[tuple[str, str]] = []  # (class, value)
        self.ids: dict[str, dict[str, str]] = {}
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") in ("radio", "checkbox"):
            self.checked.setdefault(a["name"], [])
            if "checked" in a:
                self.checked[a["name"]].append(a["value"])
        elif tag == "input":
            self.checked[a["name"]] = [a.get("value", "")]
        elif tag == "textarea":
            self._textarea = a["name"]
            self.checked[a["name"]] = [""]
        elif tag == "button":
            self.buttons.append((a.get("class", ""), a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.checked[self._textarea] = [self.checked[self._textarea][0] + data]

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None

    def questions(self) -> list[str]:
        return [name[2:] for name in self.checked if name.startswith("q.")]

    def fill(self, question: Question, raw: Any) -> None:
        """Set a control as a person would, from an answers-file value."""
        value = coerce(question, raw)
        if isinstance(value, bool):
            self.checked["q." + question.id] = ["true" if value else "false"]
        elif isinstance(value, dt.date):
            self.checked["q." + question.id] = [value.isoformat()]
        else:
            self.checked["q." + question.id] = kind_of(question).form_values(question, value)

    def data(self, action: str) -> dict[str, str | list[str]]:
        """What the browser posts when the button with value ``action`` is pressed."""
        return {**self.hidden, **self.checked, "action": action}


def where(html: str) -> str:
    found = re.search(r'<p class="ck-where">(.*?)</p>', html)
    return found[1] if found else ""


def walk_profile(client: Any, template: Template, raw: dict[str, Any], url: str = "") -> str:
    """Fill in every step for ``raw`` (a step that gains questions is filled again); the summary.
    ``url``: the questionnaire's (default the template's own, an edition's has ``?lang=``)."""
    url = url or f"/t/{template.id}/"
    page = client.get(url).text
    for _ in range(3 * len(template.steps) + 3):
        if "Overzicht" in where(page):
            return page
        form = Form(page)
        for question_id in form.questions():
            if question_id in raw:
                form.fill(template.question(question_id), raw[question_id])
        response = client.post(url, data=form.data("next"))
        assert response.status_code == 200, response.text
        page = response.text
    raise AssertionError("the summary was not reached: " + where(page))


def start_web(
    port: int, library: Path, options: Sequence[str] = (), secret: str = SECRET
) -> subprocess.Popen[bytes]:
    """``clausekit web`` (real uvicorn) on 127.0.0.1:``port`` in its own process group; returns when
    ``/healthz`` answers."""
    import httpx

    env = {**os.environ, "CLAUSEKIT_WEB_SECRET": secret}
    args = [sys.executable, "-m", "toolkit", "web", "--library", str(library), "--port", str(port), *options]
    server = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            if server.poll() is not None:
                raise AssertionError(server.stderr.read().decode() if server.stderr else "stopped") from None
            time.sleep(0.2)
    stop_server(server)
    raise AssertionError("clausekit web did not answer within 60 s")


@contextlib.contextmanager
def web_server(library: Path) -> Iterator[str]:
    """``clausekit web`` on ``library`` on a free port for the block; yields its base URL."""
    from conftest import free_port

    port = free_port()
    server = start_web(port, library)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(server)
