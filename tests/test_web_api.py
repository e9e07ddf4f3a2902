"""The HTTP API of ``clausekit web``: templates and versions, the JSON Schema of the answers (checked
with jsonschema against the shipped examples and against bad answers), validation in the caller's
language, renders, the limits as JSON errors, and the OpenAPI document (openapi-spec-validator)."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, FLAGSHIP, ROOT, docx_plain_text
from web_helpers import SECRET

from toolkit import Library, load_answers_file
from toolkit.formats import FORMATS
from toolkit.kinds import kind_of
from toolkit.locales import DUTCH, locale_for
from toolkit.web.app import create_app
from toolkit.web.schema import json_value
from toolkit.web.settings import Limits, Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LIBRARY = ROOT / "clauses"
EXAMPLES = sorted((LIBRARY / FLAGSHIP / "examples").glob("*.yaml"))
API = f"/api/templates/{FLAGSHIP}"
CURRENT = Library(LIBRARY).template(FLAGSHIP).version  # the library's version
NEWER = "99.0.0"


def example(path: Path) -> dict[str, Any]:
    """An example answers file as a caller would send it in JSON."""
    return {k: json_value(v) for k, v in load_answers_file(path)[0].items()}


@pytest.fixture(scope="module")
def newer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle holding the flagship as a newer version (the site then serves two versions)."""
    root = tmp_path_factory.mktemp("bundle")
    shutil.copytree(LIBRARY / FLAGSHIP, root / FLAGSHIP)
    yaml = root / FLAGSHIP / "template.yaml"
    yaml.write_text(
        re.sub(r"(?m)^version: .*$", f"version: {NEWER}", yaml.read_text(encoding="utf-8"), count=1)
    )
    return root


@pytest.fixture(scope="module")
def client(newer: Path) -> Iterator[TestClient]:
    settings = Settings(library=LIBRARY, bundles=(newer, FIXTURES / "mini"), secret=SECRET)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def limited(**limits: Any) -> TestClient:
    return TestClient(create_app(Settings(library=LIBRARY, secret=SECRET, limits=Limits(**limits))))


def test_templates_and_their_versions(client: TestClient) -> None:
    found = {t["id"]: t for t in client.get("/api/templates").json()["templates"]}
    assert sorted(found) == sorted(["mini", *Library(LIBRARY).template_ids()])
    assert found[FLAGSHIP]["versions"] == [CURRENT, NEWER] and found[FLAGSHIP]["version"] == NEWER
    assert client.get(API, params={"version": CURRENT}).json()["version"] == CURRENT
    assert client.get(API, params={"version": "9.9.9"}).status_code == 404
    assert client.get("/api/templates/nope").status_code == 404


@pytest.fixture(scope="module")
def schema(client: TestClient) -> dict[str, Any]:
    response = client.get(f"{API}/schema")
    assert response.headers["content-type"].startswith("application/schema+json")
    found: dict[str, Any] = response.json()
    return found


def validator(schema: dict[str, Any]) -> Any:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_describes_the_questions(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    properties = schema["properties"]
    assert properties["organisatie"] == {
        **properties["organisatie"],
        "type": "string",
        "maxLength": 200,
        "title": "Naam van de organisatie",
    }
    assert (
        properties["aanspreekvorm"]["enum"] == ["u", "je"] and properties["aanspreekvorm"]["default"] == "u"
    )
    assert properties["ingangsdatum"]["anyOf"][0] == {"format": "date"}
    assert "organisatie" in schema["required"] and "woordvoerder" not in schema["required"]
    assert properties["woordvoerder"]["x-clausekit-when"] == "woordvoering"
    assert schema["additionalProperties"] is False


def test_the_schema_of_every_kind(client: TestClient) -> None:
    properties = client.get("/api/templates/mini/schema").json()["properties"]
    assert properties["kanalen"]["type"] == "array" and properties["kanalen"]["default"] == ["linkedin"]
    assert properties["kanalen"]["items"]["enum"] == ["linkedin", "x", "tiktok"]
    assert properties["aantal"] == {**properties["aantal"], "type": "number", "minimum": 1, "default": 10}
    assert properties["start"]["default"] == "2027-01-01"
    assert {"type": "boolean"} in properties["streng"]["anyOf"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_validates_against_the_schema_and_the_api(
    client: TestClient, schema: dict[str, Any], path: Path
) -> None:
    answers = example(path)
    assert list(validator(schema).iter_errors(answers)) == []
    verdict = client.post(f"{API}/validate", json={"answers": answers}).json()
    assert verdict["valid"] is True and verdict["errors"] == []
    assert verdict["answers"]["organisatie"] == answers["organisatie"]


@pytest.mark.parametrize(
    ("change", "question"),
    [
        ({"aanspreekvorm": "jij"}, "aanspreekvorm"),
        ({"organisatie": "x" * 201}, "organisatie"),
        ({"ingangsdatum": "2027-02-31"}, "ingangsdatum"),
        ({"zzp": "misschien"}, "zzp"),
        ({"organisatie": None}, "organisatie"),
        ({"onbekend": 1}, "onbekend"),
    ],
)
def test_bad_answers_fail_the_schema_and_the_api_names_the_question(
    client: TestClient, schema: dict[str, Any], change: dict[str, Any], question: str
) -> None:
    answers = {**example(EXAMPLES[0]), **change}
    if change.get("organisatie", "") is None:
        del answers["organisatie"]
    assert list(validator(schema).iter_errors(answers)), change
    verdict = client.post(f"{API}/validate", json={"answers": answers}).json()
    assert verdict["valid"] is False
    assert [e["question"] for e in verdict["errors"]] == [question]


def test_validation_speaks_the_callers_language(client: TestClient) -> None:
    answers = {**example(EXAMPLES[0]), "ingangsdatum": "31-02-2027"}
    answers.pop("organisatie")
    question = Library(LIBRARY).template(FLAGSHIP).question("ingangsdatum")
    # no header: the server's own interface language (the suite's is Dutch)
    for header, tag in (("nl-NL,nl;q=0.9", "nl-NL"), ("en-GB,en;q=0.8", "en-GB"), ("", "nl-NL")):
        verdict = client.post(
            f"{API}/validate", json={"answers": answers}, headers={"Accept-Language": header}
        )
        messages = {e["question"]: e["message"] for e in verdict.json()["errors"]}
        words = locale_for(tag)
        assert messages == {
            "organisatie": words.text("ui.required"),
            "ingangsdatum": kind_of(question).expected(question, words),
        }
    english = client.post(f"{API}/validate", json={"answers": answers}, headers={"Accept-Language": "en"})
    assert "required" in english.json()["errors"][0]["message"].lower()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_render_in_every_format(client: TestClient, name: str) -> None:
    answers = {**example(EXAMPLES[0]), "organisatie": "Zorggroep Acme Rivierenland"}
    response = client.post(f"{API}/render/{name}", json={"answers": answers}, params={"version": CURRENT})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(FORMATS[name].mime)
    if name == "docx":
        text = docx_plain_text(response.content)
    elif name == "pdf":
        import io

        from pypdf import PdfReader

        text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.content)).pages)
    else:
        text = response.content.decode("utf-8")
    assert answers["organisatie"] in text


def test_render_refuses_invalid_answers_with_the_errors(client: TestClient) -> None:
    response = client.post(f"{API}/render/md", json={"answers": {"aanspreekvorm": "jij"}})
    assert response.status_code == 422
    found = {e["question"] for e in response.json()["errors"]}
    assert {"organisatie", "aanspreekvorm", "ingangsdatum"} <= found
    assert client.post(f"{API}/render/odt", json={"answers": {}}).status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 422),
        (json.dumps({"answers": "organisatie"}).encode(), 422),
        (json.dumps({"answers": {f"q{i}": 1 for i in range(201)}}).encode(), 422),
        (json.dumps({"answers": {"organisatie": "x" * 5001}}).encode(), 422),
        (json.dumps({"answers": {"organisatie": "x" * 300_000}}).encode(), 413),
    ],
)
def test_bad_and_oversized_requests_are_json_errors(client: TestClient, body: bytes, status: int) -> None:
    for endpoint in ("validate", "render/md"):
        response = client.post(
            f"{API}/{endpoint}", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == status, response.text
        assert response.json()["error"]


def test_a_body_without_a_declared_length_is_counted_as_it_arrives() -> None:
    small = limited(max_body=1000)

    def chunks() -> Iterator[bytes]:
        yield b'{"answers": {"organisatie": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}}'

    response = small.post(f"{API}/validate", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "1000 bytes" in response.json()["error"]


@pytest.mark.skipif("docx" not in FORMATS, reason="needs the publish extra")
def test_a_render_over_its_time_budget_is_504() -> None:
    response = limited(render_seconds=1e-6).post(f"{API}/render/docx", json={"answers": example(EXAMPLES[0])})
    assert response.status_code == 504 and response.json()["error"] == DUTCH.text("web.error.504")


def test_a_render_when_every_slot_is_taken_is_503() -> None:
    client = limited(render_slots=1, render_queue=0)
    answers = {"answers": example(EXAMPLES[0])}
    assert client.post(f"{API}/render/md", json=answers).status_code == 200  # the slots exist now
    site = client.app.app.app.state.site  # type: ignore[attr-defined]  # headers → body limit → app
    holder = object()
    site.limiter.acquire_on_behalf_of_nowait(holder)
    try:
        response = client.post(f"{API}/render/md", json=answers)
    finally:
        site.limiter.release_on_behalf_of(holder)
    assert response.status_code == 503 and response.headers["retry-after"]
    assert client.post(f"{API}/render/md", json=answers).status_code == 200


def test_the_openapi_document_is_valid_and_lists_every_route(client: TestClient) -> None:
    from openapi_spec_validator import validate

    document = client.get("/api/openapi.json").json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    routes = {route.path for route in client.app.app.app.routes}  # type: ignore[attr-defined]
    api = {r for r in routes if r.startswith("/api/templates") or r == "/healthz"}
    assert api == set(document["paths"])


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    from conftest import free_port
    from web_helpers import start_web, stop_server

    port = free_port()
    server = start_web(port, LIBRARY)
    yield f"http://127.0.0.1:{port}"
    stop_server(server)


@pytest.mark.slow
def test_the_api_on_the_real_uvicorn_server(served: str) -> None:
    import httpx

    with httpx.Client(base_url=served, timeout=60) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        schema = http.get(f"{API}/schema").json()
        answers = example(EXAMPLES[-1])
        assert list(validator(schema).iter_errors(answers)) == []
        name = "docx" if "docx" in FORMATS else "html"
        response = http.post(f"{API}/render/{name}", json={"answers": answers})
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f'attachment; filename="{FLAGSHIP}.{name}"'
        if name == "docx":
            assert answers["organisatie"] in docx_plain_text(response.content)
        big = json.dumps({"answers": {"organisatie": "x" * 300_000}})
        refused = http.post(f"{API}/validate", content=big, headers={"content-type": "application/json"})
        assert refused.status_code == 413 and refused.json()["error"]
        assert "server" not in refused.headers  # no version banner


@pytest.mark.parametrize(
    ("header", "tag"),
    [
        ("en-GB,en;q=0.8,nl;q=0.9", "en-GB"),
        ("nl;q=0.5, fr-BE;q=0.9, *;q=1", "fr-BE"),
        ("de;q=bad, nl-BE", "nl-BE"),
        ("", None),
    ],
)
def test_the_callers_language_is_the_strongest_of_accept_language(
    monkeypatch: pytest.MonkeyPatch, header: str, tag: str | None
) -> None:
    from toolkit.web import site

    asked: list[str | None] = []
    monkeypatch.setattr(site, "ui_locale", lambda explicit=None: asked.append(explicit) or DUTCH)
    assert site.accepted_locale({"accept-language": header}) is DUTCH
    assert asked == [tag]
