"""The visitor that benchmarks/web.py lets locust run: the first page, every step of an example
profile (the form posted back as a browser without JavaScript does), then the DOCX; again and
again, with a second of thinking between pages. Requests are named for the table: "first page",
"step", "docx download".

locust runs on the same cores as the server, so the visitor is kept cheap, or its own CPU would be
measured as the server's time: geventhttpclient (FastHttpUser) instead of requests, and each step's
form read once (every visitor of the profile posts the same fields at a step; only the signed state
differs, which is taken from each page).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from web_helpers import Form, where  # noqa: E402

from toolkit import Library, load_answers_file  # noqa: E402

TEMPLATE_ID = os.environ.get("CLAUSEKIT_BENCH_TEMPLATE", "richtlijnen-social-media")
LIBRARY = Library(ROOT / "clauses")
TEMPLATE = LIBRARY.template(TEMPLATE_ID)
PROFILE = os.environ.get("CLAUSEKIT_BENCH_PROFILE", "zorg")
RAW = load_answers_file(ROOT / "clauses" / TEMPLATE_ID / "examples" / f"{PROFILE}.yaml")[0]
PATH = f"/t/{TEMPLATE_ID}/"
SUMMARY = "Overzicht van uw antwoorden"
STATE = re.compile(r'name="state" value="([^"]*)"')
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
_posts: dict[tuple[str, str], dict[str, str | list[str]]] = {}  # (page without its state, action)


def post(page: str, action: str) -> str:
    """The form ``page`` posts when ``action`` is pressed, filled in for the profile."""
    found = STATE.search(page)
    token = found[1] if found else ""
    key = (page.replace(token, ""), action)
    data = _posts.get(key)
    if data is None:
        form = Form(page)
        for question_id in form.questions():
            if question_id in RAW:
                form.fill(TEMPLATE.question(question_id), RAW[question_id])
        data = _posts[key] = form.data(action)
    return urlencode({**data, "state": token}, doseq=True)


class Visitor(FastHttpUser):
    wait_time = between(0.5, 1.5)  # reading and typing, shortened: more load than real people give

    @task
    def make_the_document(self) -> None:
        page = self.client.get(PATH, name="first page").text
        for _ in range(3 * len(TEMPLATE.steps)):
            if where(page) == SUMMARY:
                break
            self.wait()
            page = self.client.post(PATH, data=post(page, "next"), headers=FORM_HEADERS, name="step").text
        if where(page) != SUMMARY:
            raise RuntimeError("the summary was not reached")
        self.wait()
        with self.client.post(
            PATH,
            data=post(page, "download-docx"),
            headers=FORM_HEADERS,
            name="docx download",
            catch_response=True,
        ) as response:
            if not (response.content or b"").startswith(b"PK"):
                response.failure(f"not a DOCX: HTTP {response.status_code}")
