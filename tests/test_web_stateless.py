"""No server memory per visitor: two ``clausekit web`` processes (real uvicorn, own ports, one
secret), and one visitor whose consecutive requests alternate between them, from the first page to
a correct download. A third process with another secret refuses the visitor's page."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from conftest import FLAGSHIP, ROOT, docx_plain_text, free_port
from test_voila_browser import stop_server
from web_helpers import Form, start_web, where

from toolkit import Library, load_answers_file
from toolkit.formats import FORMATS

pytestmark = pytest.mark.slow
PATH = f"/t/{FLAGSHIP}/"


@pytest.fixture(scope="module")
def servers() -> Iterator[list[str]]:
    ports = [free_port(), free_port()]
    started = [start_web(port, ROOT / "clauses") for port in ports]
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for server in started:
        stop_server(server)


def test_one_visitor_alternating_between_two_processes_gets_the_document(servers: list[str]) -> None:
    template = Library(ROOT / "clauses").template(FLAGSHIP)
    raw = load_answers_file(ROOT / "clauses" / FLAGSHIP / "examples" / "zorg.yaml")[0]
    turn = 0

    def server() -> str:
        nonlocal turn
        turn += 1
        return servers[turn % 2]

    with httpx.Client(timeout=60) as http:
        page = http.get(server() + PATH).text
        for _ in range(3 * len(template.steps)):
            if where(page) == "Overzicht van uw antwoorden":
                break
            form = Form(page)
            for question_id in form.questions():
                if question_id in raw:  # a question the profile does not answer keeps its default
                    form.fill(template.question(question_id), raw[question_id])
            response = http.post(server() + PATH, data=form.data("next"))
            assert response.status_code == 200
            page = response.text
        assert where(page) == "Overzicht van uw antwoorden" and turn > 5
        name = "docx" if "docx" in FORMATS else "html"
        response = http.post(server() + PATH, data=Form(page).data(f"download-{name}"))
        assert response.status_code == 200
        if name == "docx":
            text = docx_plain_text(response.content)
            assert raw["organisatie"] in text and raw["woordvoerder"] in text


def test_a_process_with_another_secret_refuses_the_page(servers: list[str]) -> None:
    port = free_port()
    other = start_web(port, ROOT / "clauses", secret="another-secret-" + "z" * 40)
    try:
        with httpx.Client(timeout=60) as http:
            form = Form(http.get(servers[0] + PATH).text)
            form.checked["q.organisatie"] = ["Acme"]
            assert http.post(f"http://127.0.0.1:{port}{PATH}", data=form.data("next")).status_code == 400
            assert http.post(servers[1] + PATH, data=form.data("next")).status_code == 200
    finally:
        stop_server(other)
