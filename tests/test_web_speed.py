"""What makes ``clausekit web`` fast gives the pages it gave before: the first page, made once per
template version, is the page made for each visitor (docs/web.md, sizing)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from conftest import FLAGSHIP, ROOT
from web_helpers import SECRET, settings, where

from toolkit.locales import locale_for
from toolkit.ui.flow import Flow
from toolkit.web.app import create_app
from toolkit.web.pages import page_html
from toolkit.web.site import Site
from toolkit.web.state import Sealer
from toolkit.web.walk import page_at

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from starlette.testclient import TestClient

URL = f"/t/{FLAGSHIP}/"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings(ROOT / "clauses"))) as test_client:
        yield test_client


def _token(page: str) -> str:
    found = re.search(r'name="state" value="([^"]+)"', page)
    assert found
    return found[1]


def test_the_first_page_made_once_is_the_page_made_for_each_visitor(client: TestClient) -> None:
    pages = [client.get(URL).text for _ in range(3)]
    site = Site(settings(ROOT / "clauses"))
    served = site.catalogue.get(FLAGSHIP)
    assert served is not None
    words = locale_for(served.template.language)
    outcome = page_at(Flow(served.library, served.template, ui=words), 0, {})
    for page in pages:
        assert page == page_html(site, served, words, outcome, _token(page))
        assert "\x00" not in page and where(page).startswith("Stap 1 van")
        state = Sealer(SECRET, 3600).open(served.key, _token(page))
        assert state == outcome.state and state.shown  # the questions of the first step, no answers


def test_a_worker_makes_its_first_pages_before_the_first_visitor_comes() -> None:
    app = create_app(settings(ROOT / "clauses"))
    site: Site = app.app.app.state.site  # SecurityHeaders(BodyLimit(Starlette))
    served = {s.key for s in site.catalogue.newest()}
    assert len(served) >= 2 and {key for key, _ in site.first_pages} == served
