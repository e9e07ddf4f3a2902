"""``clausekit web`` with a template in two languages (the bilingual fixture: an English source with a
Dutch edition), through Starlette's TestClient (the real app, real renders): the choice of language
on the first page, pages in the chosen edition's words, the edition carried in the URL and bound to
the signed state, downloads in that edition, and the API's ``?lang=`` / ``language``."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import FIXTURES, docx_plain_text
from web_helpers import Form, settings, walk_profile, where

from toolkit import Library
from toolkit.formats import FORMATS
from toolkit.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from starlette.testclient import TestClient

LIBRARY = FIXTURES / "bilingual"
URL = "/t/services/"
DUTCH = "/t/services/?lang=nl-NL"
ANSWERS: dict[str, Any] = {"client": "Acme Ltd", "supplier": "Jansen Advies", "fee": "hourly", "rate": 120}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings(LIBRARY))) as test_client:
        yield test_client


def languages_nav(page: str) -> list[tuple[str, str, str]]:
    """(url or "" for the current one, hreflang, name) of each language offered on a page."""
    nav = re.search(r'<nav class="ck-languages".*?</nav>', page, re.S)
    if nav is None:
        return []
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*">([^<]*)</a>', nav[0])
    current = re.findall(r'<strong aria-current="page" lang="([^"]*)">([^<]*)</strong>', nav[0])
    return [*links, *(("", tag, name) for tag, name in current)]


def test_the_first_page_offers_each_language_as_a_link_without_javascript(client: TestClient) -> None:
    page = client.get(URL).text
    assert '<html lang="en-GB">' in page and where(page) == "Step 1 of 2: The parties"
    assert sorted(languages_nav(page)) == [
        ("", "en-GB", "English (United Kingdom)"),
        (DUTCH, "nl-NL", "Nederlands (Nederland)"),
    ]
    assert "This document in another language:" in page
    dutch = client.get(DUTCH).text
    assert '<html lang="nl-NL">' in dutch and where(dutch) == "Stap 1 van 2: De partijen"
    assert "Naam van de opdrachtgever" in dutch and "Name of the client" not in dutch
    assert "Dit document in een andere taal:" in dutch and 'action="/t/services/?lang=nl-NL"' in dutch
    assert ("/t/services/", "en-GB", "English (United Kingdom)") in languages_nav(dutch)
    assert client.get("/t/services/?lang=nl").text == dutch  # a bare language names the only Dutch edition
    index = client.get("/").text
    assert f'href="{DUTCH}" hreflang="nl-NL"' in index


def test_a_template_with_one_language_offers_none() -> None:
    with TestClient(create_app(settings(FIXTURES / "mini"))) as mini:
        page = mini.get("/t/mini/").text
    assert "<nav" not in page and "?lang=" not in page and languages_nav(page) == []


def test_the_walk_stays_in_the_chosen_edition_and_the_download_is_in_it(client: TestClient) -> None:
    template = Library(LIBRARY).template("services").edition("nl-NL")
    form = Form(client.get(DUTCH).text)
    for question_id in form.questions():
        if question_id in ANSWERS:
            form.fill(template.question(question_id), ANSWERS[question_id])
    second = client.post(DUTCH, data=form.data("next")).text
    assert where(second) == "Stap 2 van 2: De vergoeding" and "Een uurtarief" in second
    assert languages_nav(second) == []  # only the first page offers the languages
    summary = walk_profile(client, template, ANSWERS, url=DUTCH)
    assert where(summary) == "Overzicht van uw antwoorden" and "Een uurtarief" in summary
    if "docx" not in FORMATS:
        pytest.skip("pandoc is not installed")
    response = client.post(DUTCH, data=Form(summary).data("download-docx"))
    assert response.status_code == 200
    assert 'filename="services.nl-NL.docx"' in response.headers["content-disposition"]
    text = docx_plain_text(response.content)
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in text and "The Client" not in text


def test_the_edition_is_bound_to_the_signed_state(client: TestClient) -> None:
    """A Dutch page posted to the English questionnaire (or the reverse) is refused, not mixed."""
    dutch, english = Form(client.get(DUTCH).text), Form(client.get(URL).text)
    assert client.post(URL, data=dutch.data("next")).status_code == 400
    assert client.post(DUTCH, data=english.data("next")).status_code == 400
    assert client.post(DUTCH, data=dutch.data("next")).status_code == 200


def test_an_unknown_language_is_not_found(client: TestClient) -> None:
    assert client.get("/t/services/?lang=de-DE").status_code == 404
    assert (
        client.post("/t/services/?lang=de-DE", data=Form(client.get(URL).text).data("next")).status_code
        == 404
    )


def test_the_api_lists_the_languages_and_gives_each_editions_schema(client: TestClient) -> None:
    (listed,) = client.get("/api/templates").json()["templates"]
    assert listed["language"] == "en-GB" and listed["languages"] == ["en-GB", "nl-NL"]
    dutch = client.get("/api/templates/services?lang=nl").json()
    assert dutch["title"] == "Overeenkomst van opdracht" and dutch["language"] == "nl-NL"
    schema = client.get(dutch["schema"]).json()
    assert schema["title"] == "Overeenkomst van opdracht" and schema["x-clausekit-language"] == "nl-NL"
    assert schema["properties"]["client"]["title"] == "Naam van de opdrachtgever"
    assert schema["properties"]["fee"]["enum"] == ["fixed", "hourly"]  # the values are the source's
    assert schema["properties"]["fee"]["x-clausekit-labels"] == {
        "fixed": "Een vaste prijs",
        "hourly": "Een uurtarief",
    }
    english = client.get("/api/templates/services/schema").json()
    assert english["properties"]["client"]["title"] == "Name of the client"
    assert english["properties"]["fee"]["x-clausekit-labels"]["hourly"] == "An hourly rate"
    assert english["properties"].keys() == schema["properties"].keys()
    missing = client.get("/api/templates/services/schema?lang=de")
    assert missing.status_code == 404 and "en-GB, nl-NL" in missing.json()["error"]


def test_the_api_messages_follow_accept_language_else_the_chosen_edition(client: TestClient) -> None:
    url = "/api/templates/services/validate"
    dutch = client.post(f"{url}?lang=nl-NL", json={"answers": {}}).json()
    assert dutch["errors"][0] == {
        "question": "client",
        "label": "Naam van de opdrachtgever",
        "message": "Deze vraag is verplicht.",
    }
    english_words = client.post(
        url, json={"answers": {}, "language": "nl-NL"}, headers={"Accept-Language": "en"}
    )
    assert english_words.json()["errors"][0]["label"] == "Naam van de opdrachtgever"
    assert english_words.json()["errors"][0]["message"] == "This question is required."
    assert client.post(f"{url}?lang=de", json={"answers": {}}).status_code == 404
    assert client.post(url, json={"answers": {}, "language": "de"}).status_code == 404


@pytest.mark.skipif("docx" not in FORMATS, reason="pandoc is not installed")
def test_the_api_renders_the_chosen_edition(client: TestClient) -> None:
    url = "/api/templates/services/render/docx"
    dutch = client.post(url, json={"answers": ANSWERS, "language": "nl-NL"})
    assert (
        dutch.status_code == 200 and 'filename="services.nl-NL.docx"' in dutch.headers["content-disposition"]
    )
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in docx_plain_text(dutch.content)
    english = client.post(url, json={"answers": ANSWERS})
    assert 'filename="services.docx"' in english.headers["content-disposition"]
    assert "The Client pays the Supplier 120 euros" in docx_plain_text(english.content)
