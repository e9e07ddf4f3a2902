"""``clausekit web``'s HTML face through Starlette's TestClient (the real app, real renders): the steps,
conditional questions, the error summary, back and "wijzig", downloads, the signed state, the limits."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FLAGSHIP, ROOT, docx_plain_text
from web_helpers import SECRET, Form, settings, walk_profile, where

from toolkit import Library, load_answers_file
from toolkit.locales import DUTCH
from toolkit.web.app import create_app
from toolkit.web.settings import Limits
from toolkit.web.state import Sealer, State

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from starlette.testclient import TestClient

URL = f"/t/{FLAGSHIP}/"
LIBRARY = ROOT / "clauses"


def profile(name: str) -> dict[str, Any]:
    return load_answers_file(LIBRARY / FLAGSHIP / "examples" / f"{name}.yaml")[0]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings(LIBRARY))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(LIBRARY)


def test_the_index_lists_the_templates_and_the_health_check_answers(client: TestClient) -> None:
    page = client.get("/").text
    title = Library(LIBRARY).template(FLAGSHIP).title
    assert f'href="{URL}"' in page and title in page
    served = len(Library(LIBRARY).template_ids())
    assert client.get("/healthz").json() == {"status": "ok", "templates": served}


def test_the_first_step_speaks_the_templates_language_with_a_label_for_every_control(
    client: TestClient,
) -> None:
    page = client.get(URL).text
    assert '<html lang="nl-NL">' in page
    assert where(page) == "Stap 1 van 5: Uw organisatie"
    form = Form(page)
    controls = [a for a in form.ids.values() if a["tag"] in ("input", "textarea")]
    assert controls
    for control in controls:
        assert f'for="{control["id"]}"' in page, control  # every control has its label
    assert 'aria-describedby="q-organisatie-help"' in page and 'id="q-organisatie-help"' in page
    assert "Toelichting" in page and "(verplicht)" in page


def test_a_required_answer_left_empty_is_explained_at_the_field_and_in_the_summary(
    client: TestClient,
) -> None:
    form = Form(client.get(URL).text)
    form.checked["q.organisatie"] = ["   "]
    response = client.post(URL, data=form.data("next"))
    page = response.text
    assert where(page) == "Stap 1 van 5: Uw organisatie"  # the step stays
    required = DUTCH.text("ui.required")
    assert f'id="q-organisatie-error"><span class="ck-visually-hidden">Fout: </span>{required}' in page
    assert 'aria-describedby="q-organisatie-help q-organisatie-error" aria-invalid="true"' in page
    summary = re.search(r'<div class="ck-error-summary".*?</div>', page, re.S)
    assert summary and 'role="alert"' in summary[0]
    assert f'<a href="#q-organisatie">Naam van de organisatie: {required}</a>' in summary[0]
    assert "<title>Fout: Stap 1 van 5" in page


def test_a_profile_walked_through_gives_its_documents(client: TestClient, library: Library) -> None:
    raw = profile("zorg")
    template = library.template(FLAGSHIP)
    summary = walk_profile(client, template, raw)
    assert raw["organisatie"] in summary and "Wie is de woordvoerder?" in summary
    form = Form(summary)
    assert ("ck-download ck-download-docx ck-primary", "download-docx") in form.buttons
    response = client.post(URL, data=form.data("download-docx"))
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{FLAGSHIP}.docx"'
    text = docx_plain_text(response.content)
    assert raw["organisatie"] in text and "1 maart 2027" in text


def test_a_question_appearing_in_the_same_step_is_shown_before_moving_on(
    client: TestClient, library: Library
) -> None:
    raw = profile("zorg")
    page = client.get(URL).text
    for _ in range(len(library.template(FLAGSHIP).steps)):  # to the step of the press officer
        if "Woordvoering" in where(page):
            break
        form = Form(page)
        for question_id in form.questions():
            if question_id in raw:  # a question the profile does not answer keeps its default
                form.fill(library.template(FLAGSHIP).question(question_id), raw[question_id])
        page = client.post(URL, data=form.data("next")).text
    assert "Woordvoering" in where(page)
    form = Form(page)
    assert "woordvoerder" not in form.questions()
    form.checked["q.woordvoering"] = ["true"]
    page = client.post(URL, data=form.data("next")).text
    assert "Woordvoering" in where(page)  # not moved on: the new question is shown first
    assert DUTCH.text("web.new_questions") in page
    assert "woordvoerder" in Form(page).questions()
    page = client.post(URL, data=Form(page).data("next")).text
    assert library.template(FLAGSHIP).steps[-1].title in where(page)


def named_and_back(client: TestClient, name: str, other: TestClient | None = None) -> str:
    """The first step with the organisation's name typed and "next" pressed (on ``other``, a second
    worker, when given), then "back" (on ``client``): the first step again."""
    form = Form(client.get(URL).text)
    form.checked["q.organisatie"] = [name]
    page = (other or client).post(URL, data=form.data("next")).text
    assert "Stap 2 van 5" in where(page)
    page = client.post(URL, data=Form(page).data("back")).text
    assert Form(page).checked["q.organisatie"] == [name]
    return page


def test_back_and_edit_keep_what_was_typed(client: TestClient, library: Library) -> None:
    named_and_back(client, "Bakkerij De Korenschoof")
    summary = walk_profile(client, library.template(FLAGSHIP), profile("winkel"))
    page = client.post(URL, data=Form(summary).data("edit-0")).text
    assert "Stap 1 van" in where(page)
    assert Form(page).checked["q.organisatie"] == ["Bakkerij De Korenschoof"]
    assert Form(page).checked["q.aanspreekvorm"] == ["je"]


def test_answers_are_data_never_markup(client: TestClient, library: Library) -> None:
    raw = {**profile("winkel"), "organisatie": '<script>alert("x")</script> & <b>Acme</b>'}
    summary = walk_profile(client, library.template(FLAGSHIP), raw)
    assert "<script>alert" not in summary and "<b>Acme" not in summary
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Acme&lt;/b&gt;" in summary


def test_downloading_with_an_answer_missing_goes_back_to_the_question(client: TestClient) -> None:
    sealer = Sealer(SECRET, 3600)
    key = f"{FLAGSHIP}@{Library(LIBRARY).template(FLAGSHIP).version}"
    token = sealer.seal(key, State({}, 5, ()))  # a summary page reached without a name
    page = client.post(
        URL, data={"state": token, "version": key.split("@")[1], "action": "download-docx"}
    ).text
    assert "Stap 1 van 5" in where(page) and 'id="q-organisatie-error"' in page


@pytest.mark.parametrize("tamper", ["altered", "other version", "expired", "missing"])
def test_a_page_whose_answers_cannot_be_trusted_is_refused(client: TestClient, tamper: str) -> None:
    form = Form(client.get(URL).text)
    if tamper == "altered":
        token = form.hidden["state"]
        form.hidden["state"] = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    elif tamper == "other version":
        form.hidden["state"] = Sealer(SECRET, 3600).seal(f"{FLAGSHIP}@0.9.0", State({"organisatie": "X"}))
    elif tamper == "expired":
        form.hidden["state"] = Sealer(SECRET, 3600).seal(
            f"{FLAGSHIP}@{Library(LIBRARY).template(FLAGSHIP).version}", State()
        )
        expired = TestClient(create_app(settings(LIBRARY, Limits(form_seconds=1))))
        import itsdangerous.timed

        real = itsdangerous.timed.time.time
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(itsdangerous.timed.time, "time", lambda: real() + 10)
            response = expired.post(URL, data=form.data("next"))
        assert response.status_code == 400 and "verlopen" in response.text
        return
    else:
        del form.hidden["state"]
    response = client.post(URL, data=form.data("next"))
    assert response.status_code == 400
    assert DUTCH.text("web.error.400") in response.text and f'href="{URL}"' in response.text


def test_another_worker_with_the_same_secret_continues_the_visit(client: TestClient) -> None:
    page = named_and_back(client, "Acme B.V.", other=TestClient(create_app(settings(LIBRARY))))
    stranger = TestClient(create_app(settings(LIBRARY, secret="another-secret-" + "y" * 40)))
    assert stranger.post(URL, data=Form(page).data("next")).status_code == 400


def test_a_body_above_the_limit_is_refused_with_a_page(client: TestClient) -> None:
    small = TestClient(create_app(settings(LIBRARY, Limits(max_body=4096))))
    form = Form(small.get(URL).text)
    form.checked["q.organisatie"] = ["x" * 5000]
    response = small.post(URL, data=form.data("next"))
    assert response.status_code == 413 and DUTCH.text("web.error.413") in response.text
    assert '<html lang="nl' in response.text


def test_an_answer_longer_than_the_site_accepts_is_refused(client: TestClient) -> None:
    form = Form(client.get(URL).text)
    form.checked["q.organisatie"] = ["x" * 6000]
    assert client.post(URL, data=form.data("next")).status_code == 413
    form.checked["q.organisatie"] = ["x" * 201]  # the question's own limit: explained at the field
    page = client.post(URL, data=form.data("next")).text
    assert DUTCH.text("kind.text.too_long", max_length=200) in page


def test_an_unknown_template_is_a_404_page(client: TestClient) -> None:
    for path in ("/t/nope/", "/t/../etc/passwd", "/nothing"):
        response = client.get(path)
        assert response.status_code == 404 and DUTCH.text("web.error.404") in response.text


def test_the_page_templates_spell_no_dutch_word() -> None:
    from test_locale_seam import _DUTCH, _NOT_WORDS

    for path in sorted((ROOT / "toolkit" / "web" / "templates").glob("*.html")):
        text = re.sub(r"\{[{%#].*?[}%#]\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<style>.*?</style>|<[^>]*>", " ", text, flags=re.S)
        assert not _DUTCH.search(_NOT_WORDS.sub(" ", text)), path.name


def test_the_secret_is_generated_once_into_its_file(tmp_path: Path) -> None:
    from toolkit.web.settings import ENV_SECRET_FILE, secret

    env = {ENV_SECRET_FILE: str(tmp_path / "state" / "web-secret")}
    first = secret(env)
    assert len(first) >= 32 and secret(env) == first
    assert (tmp_path / "state" / "web-secret").stat().st_mode & 0o777 == 0o600


def test_a_folder_of_releases_serves_every_bundle_in_it(tmp_path: Path) -> None:
    """`clausekit publish --out DIR` writes DIR/<template>/<version>/bundle; DIR stands for them all."""
    import shutil

    from toolkit.web.catalogue import Catalogue

    for version in ("1.0.0", "99.0.0"):
        bundle = tmp_path / FLAGSHIP / version / "bundle"
        shutil.copytree(LIBRARY / FLAGSHIP, bundle / FLAGSHIP)
        yaml = bundle / FLAGSHIP / "template.yaml"
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", text, count=1))
    catalogue = Catalogue.load(None, [tmp_path])
    assert catalogue.ids() == [FLAGSHIP] and catalogue.versions(FLAGSHIP) == ["1.0.0", "99.0.0"]
    served = catalogue.get(FLAGSHIP)
    assert served is not None and served.library.root == tmp_path / FLAGSHIP / "99.0.0" / "bundle"


def test_the_command_refuses_an_unknown_template_and_a_short_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from toolkit.cli import main

    monkeypatch.setenv("CLAUSEKIT_WEB_SECRET", SECRET)
    assert main(["web", "richtlijnen-social-medai", "--library", str(LIBRARY)]) == 2
    assert "did you mean 'richtlijnen-social-media'" in capsys.readouterr().err
    monkeypatch.setenv("CLAUSEKIT_WEB_SECRET", "short")
    assert main(["web", "--library", str(LIBRARY)]) == 2
    assert "at least 32" in capsys.readouterr().err


def test_documents_are_made_below_the_pages_priority_and_so_is_their_pandoc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The long-lived children (pandoc, Typst) start at RENDER_NICE; the threads keep the pages'
    priority (a render thread holding Python's lock at a low priority would keep the pages waiting)."""
    import os
    import sys
    import threading

    from toolkit.publish import jobserver
    from toolkit.web.site import RENDER_NICE, lower_priority

    monkeypatch.setattr(jobserver, "_nice", 0)  # this test's setting ends with it
    answer_nice = (
        "import os, sys; sys.stdin.buffer.readline(); n = str(os.getpriority(os.PRIO_PROCESS, 0)).encode(); "
        "sys.stdout.buffer.write(b'ok %d\\n' % len(n) + n); sys.stdout.flush()"
    )
    found: dict[str, int] = {}

    def render_thread() -> None:
        lower_priority()
        found["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        server = jobserver.JobServer([sys.executable, "-c", answer_nice])
        found["child"] = int(server.request(b"", 30)[1])
        server.close()

    worker = threading.Thread(target=render_thread)
    worker.start()
    worker.join()
    base = os.getpriority(os.PRIO_PROCESS, 0)
    assert found == {"thread": base, "child": RENDER_NICE} and base < RENDER_NICE  # pages: unchanged


def test_every_response_forbids_scripts_frames_and_foreign_form_targets(client: TestClient) -> None:
    for response in (client.get(URL), client.get("/nothing"), client.get("/api/templates")):
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "form-action 'self'" in policy and "script-src" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
