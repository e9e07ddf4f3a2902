"""The visitor that benchmarks/web.py lets locust run: the first page, every step of an example
profile (the form posted back as a browser without JavaScript does), then the DOCX; again and
again, with a second of thinking between pages. Requests are named for the table: "first page",
"step", "docx download"."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from locust import HttpUser, between, task

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


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)  # reading and typing, shortened: more load than real people give

    @task
    def make_the_document(self) -> None:
        page = self.client.get(PATH, name="first page").text
        for _ in range(3 * len(TEMPLATE.steps)):
            if where(page) == SUMMARY:
                break
            form = Form(page)
            for question_id in form.questions():
                if question_id in RAW:
                    form.fill(TEMPLATE.question(question_id), RAW[question_id])
            self.wait()
            page = self.client.post(PATH, data=form.data("next"), name="step").text
        if where(page) != SUMMARY:
            raise RuntimeError("the summary was not reached")
        self.wait()
        with self.client.post(
            PATH, data=Form(page).data("download-docx"), name="docx download", catch_response=True
        ) as response:
            if not response.content.startswith(b"PK"):
                response.failure(f"not a DOCX: HTTP {response.status_code}")
