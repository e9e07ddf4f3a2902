"""The studio's logic in process: real widgets (no front end), the real core, a copy of a library."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
from html import escape as html_escape
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from toolkit.model import Finding
from toolkit.notebook import Studio
from toolkit.notebook.saved import MIME, bundle, saved_state
from toolkit.questionnaire import Flow


def studio_for(library: Path, **kw: object) -> Studio:
    return Studio("mini", library=library, answers={"naam": "Acme B.V."}, watch=False, **kw)  # type: ignore[arg-type]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_one_field_per_question_grouped_by_step(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    assert list(studio.fields) == ["naam", "aantal", "start", "streng", "kanalen", "pers", "perschef"]
    steps = [group.children[0].value for group in studio.form.box.children]
    assert any("Uw organisatie" in s for s in steps) and any("De regels" in s for s in steps)
    assert studio.fields["start"].value == dt.date(2027, 1, 1)  # the default is in the widget


def test_typing_changes_the_preview_and_answers_stay_text(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    assert "Deze regeling geldt voor Acme B.V." in text_of(studio.preview.html.value)
    studio.fields["naam"].control.value = "Zonen & <b>Co</b> <script>alert(1)</script>"
    assert "Zonen &amp; &lt;b&gt;Co&lt;/b&gt; &lt;script&gt;" in studio.preview.html.value
    assert "<script>" not in studio.preview.html.value and "<b>Co" not in studio.preview.html.value
    assert "Artikel 1" in studio.preview.html.value and 'id="ck-doel"' in studio.preview.html.value


def test_a_question_whose_condition_is_false_is_hidden_and_not_sent(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    assert studio.fields["perschef"].layout.display == "none"
    assert "perschef" not in studio.raw_answers()
    assert studio.document is not None and studio.document.article("pers") is None
    studio.fields["pers"].control.value = "afdeling"
    assert studio.fields["perschef"].layout.display is None
    assert studio.answers is not None and studio.answers["perschef"] == "de persvoorlichter"
    preview = text_of(studio.preview.html.value)
    assert "Artikel 2 Pers" in preview and "Zie artikel 3 en artikel 2" in preview  # renumbered refs


def test_an_invalid_answer_is_shown_at_its_field_and_the_preview_keeps_the_last_good_render(
    mini_library: Path,
) -> None:
    studio = studio_for(mini_library)
    good = studio.preview.html.value
    studio.fields["naam"].control.value = ""
    assert "verplicht" in studio.fields["naam"].message.value
    assert "heeft een antwoord nodig" in studio.status.value and "laatste goede versie" in studio.status.value
    assert studio.preview.html.value == good
    studio.fields["naam"].control.value = "Beta"
    assert studio.fields["naam"].message.value == "" and "Beta" in studio.preview.html.value
    assert "ck-error-box" not in studio.status.value


def test_an_invalid_answer_counts_as_its_default_for_later_questions_as_in_the_questionnaire(
    mini_library: Path,
) -> None:
    """One rule under both faces: an answer that does not validate counts as the question's default
    when deciding which questions are asked (the problem is shown at its field)."""
    yaml = mini_library / "mini" / "template.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = text.replace("type: text\n    required: true", "type: text\n    default: Acme B.V.")
    text = text.replace('when: pers == "afdeling"\n    default', 'when: naam == "Acme B.V."\n    default')
    yaml.write_text(text, encoding="utf-8")
    studio = Studio("mini", library=mini_library, watch=False)
    assert studio.fields["perschef"].layout.display is None
    studio.fields["naam"].control.value = "Acme\x07"  # a control character: not a valid answer
    assert studio.fields["naam"].message.value != ""
    assert studio.template is not None
    flow = Flow(studio.library, studio.template, {"naam": "Acme\x07"})
    assert flow.is_asked("perschef")
    assert studio.fields["perschef"].layout.display is None  # asked, as in the questionnaire


def test_every_article_says_which_variant_and_why(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    geheim = studio.preview.html.value.split('id="ck-geheim"')[1].split("</section>")[0]
    assert 'data-variant="gewoon"' in studio.preview.html.value
    assert "variant: Gewoon" in geheim and "standaard" in geheim
    studio.fields["streng"].control.value = True
    geheim = studio.preview.html.value.split('id="ck-geheim"')[1].split("</section>")[0]
    assert "variant: streng" in geheim and "omdat: <code>streng</code>" in geheim


def test_forcing_a_variant_and_comparing_all_variants(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.set_force("geheim", "streng")
    assert 'data-variant="streng"' in studio.preview.html.value and "vastgezet" in studio.preview.html.value
    assert studio.state().force == {"geheim": "streng"}
    compare = studio.compare_variants("geheim")
    assert compare.count("<td") == 2 and "<ins>" in compare and "<del>" in compare
    assert re.search(r"<del>[^<]*anoniem", compare)  # gewoon lacks what the shown streng says
    studio.set_force("geheim", None)
    assert 'data-variant="gewoon"' in studio.preview.html.value
    row = studio.variants.rows.children[0]
    row.children[1].value = "streng"  # the dropdown in the Varianten tab
    assert studio.force == {"geheim": "streng"} and 'data-variant="streng"' in studio.preview.html.value


def test_show_logic_marks_conditional_text(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.fields["pers"].control.value = "afdeling"
    assert "ck-cond" not in studio.preview.html.value
    studio.preview.logic.value = True
    found = re.findall(r'<mark class="ck-cond" title="([^"]*)">(.*?)</mark>', studio.preview.html.value)
    # the conditional text, marked on both sides of the reference's in-page link
    assert {title for title, _ in found} == {
        "if pers == &quot;afdeling&quot; (" + str(mini_library / "mini" / "slot.md") + ":5)"
    }
    assert "".join(re.sub(r"<[^>]+>", "", inner) for _, inner in found) == " en artikel 2"
    assert '<a href="#ck-pers">' in studio.preview.html.value
    assert "\ue000" not in studio.preview.html.value and "\ue001" not in studio.preview.html.value
    studio.preview.logic.value = False
    assert "ck-cond" not in studio.preview.html.value


def test_edited_files_are_reloaded_and_a_broken_file_shows_where(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    doel = mini_library / "mini" / "doel.md"
    source = doel.read_text(encoding="utf-8")
    assert not studio.poll()
    doel.write_text(source.replace("Deze regeling geldt", "Dit reglement geldt"), encoding="utf-8")
    assert studio.poll()
    assert "Dit reglement geldt voor Acme B.V." in text_of(studio.preview.html.value)
    doel.write_text(source.replace("{{ naam }}", "{{ naam "), encoding="utf-8")
    assert studio.poll()
    assert "doel.md:5" in studio.status.value and "hint:" in studio.status.value
    assert "Dit reglement" in studio.preview.html.value  # the last good render stays
    doel.write_text(source, encoding="utf-8")
    assert studio.poll()
    assert "ck-error-box" not in studio.status.value
    assert "Deze regeling geldt voor Acme B.V." in text_of(studio.preview.html.value)


def test_a_new_question_rebuilds_the_form_and_keeps_the_answers(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.fields["naam"].control.value = "Gamma"
    yaml = mini_library / "mini" / "template.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(
        text.replace(
            "  - id: streng\n", "  - id: extra\n    label: Extra\n    type: text\n  - id: streng\n"
        ).replace("questions: [streng,", "questions: [extra, streng,"),
        encoding="utf-8",
    )
    assert studio.poll()
    assert "extra" in studio.fields and studio.fields["naam"].value == "Gamma"


def test_typing_is_debounced_into_one_render(mini_library: Path) -> None:
    async def burst() -> tuple[int, str]:
        studio = studio_for(mini_library, debounce=0.05)
        calls: list[int] = []
        render = studio.update
        studio.update = lambda: (calls.append(1), render())[1]  # type: ignore[method-assign]
        for i in range(20):
            studio.fields["naam"].control.value = f"Naam {i}"
        assert calls == []  # nothing rendered while typing
        await asyncio.sleep(0.2)
        return len(calls), studio.preview.html.value

    count, preview = asyncio.run(burst())
    assert count == 1 and "Naam 19" in preview


def test_findings_link_to_their_clause(mini_library: Path) -> None:
    pers = mini_library / "mini" / "pers.md"
    pers.write_text(
        pers.read_text(encoding="utf-8").replace("{{ perschef }}", "{{ perchef }}"), encoding="utf-8"
    )
    studio = studio_for(mini_library)
    findings: list[Finding] = studio.findings.findings
    assert findings, studio.findings.summary.value
    about_pers = [f for f in findings if f.location and Path(f.location.path).name == "pers.md"]
    assert about_pers and "perchef" in " ".join(f.message for f in about_pers)
    rows = [r for r in studio.findings.rows.children if hasattr(r, "children") and len(r.children) == 2]
    button = next(r.children[1] for r in rows if r.children[1].tooltip == "pers")
    button.click()
    assert studio.focus == "pers"


def test_the_clause_in_focus_is_marked_by_the_preview_writer(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.select("geheim")
    preview = studio.preview.html.value
    assert preview.count("ck-focus") == 1 and 'class="ck-article ck-focus" id="ck-geheim"' in preview
    assert studio.tabs.selected_index == 1 and studio.variants.choice.value == "geheim"
    studio.open("mini")
    assert "ck-focus" not in studio.preview.html.value


@pytest.mark.requires("ssh-keygen")
def test_approve_records_who_on_a_copy_of_the_library(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    panel = studio.approvals
    assert "nieuw" in panel.table.value and not panel.button.disabled
    panel.button.click()
    assert "naam" in panel.message.value  # no name yet: asked for
    panel.name.value = "Mr. A. de Vries"
    panel.targets.value = ("geheim:streng",)
    done = panel.approve_selected()
    assert [(s.clause_id, s.variant_id) for s in done] == [("geheim", "streng")]
    lock = (mini_library / "mini" / "approvals.yaml").read_text(encoding="utf-8")
    assert "Mr. A. de Vries" in lock
    assert "goedgekeurd" in panel.table.value and "geheim:streng" not in panel.targets.options
    panel.targets.value = ()
    panel.approve_selected()  # everything else
    assert panel.button.disabled and "nieuw" not in panel.table.value


@pytest.mark.slow
def test_export_docx_of_the_document_as_answered(mini_library: Path, tmp_path: Path) -> None:
    studio = studio_for(mini_library)
    studio.fields["naam"].control.value = "Delta & Zn"
    studio.set_force("geheim", "streng")
    path = studio.export("docx", tmp_path)
    assert path.suffix == ".docx" and path.parent == tmp_path
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(path.read_bytes())).paragraphs)
    assert "Deze regeling geldt voor Delta & Zn." in text and "Ook niet anoniem." in text


def test_saved_answers_round_trip_through_a_notebook(mini_library: Path, tmp_path: Path) -> None:
    studio = studio_for(mini_library)
    studio.fields["naam"].control.value = "Epsilon"
    studio.fields["pers"].control.value = "afdeling"
    studio.set_force("geheim", "streng")
    data = bundle(studio.state())
    notebook = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": data}]}]}
    state = saved_state(notebook)
    assert state is not None and state.answers["naam"] == "Epsilon" and state.answers["start"] == "2027-01-01"
    path = tmp_path / "mini.ipynb"
    import json

    path.write_text(json.dumps(notebook), encoding="utf-8")
    reopened = Studio("mini", library=mini_library, watch=False, notebook=path)
    assert reopened.fields["naam"].value == "Epsilon" and reopened.force == {"geheim": "streng"}
    assert "Epsilon" in reopened.preview.html.value and MIME in data


def test_the_generic_studio_asks_which_template(mini_library: Path) -> None:
    studio = Studio(library=mini_library, watch=False)
    assert studio.chooser.options == ("mini",) and studio.fields == {}
    studio.chooser.value = "mini"
    assert "naam" in studio.fields and "verplicht" in studio.fields["naam"].message.value


def test_a_template_broken_at_start_opens_once_fixed(mini_library: Path) -> None:
    yaml = mini_library / "mini" / "template.yaml"
    good = yaml.read_text(encoding="utf-8")
    yaml.write_text(good.replace("version: 1.0.0", "version: één"), encoding="utf-8")
    studio = studio_for(mini_library)
    assert studio.fields == {} and "template.yaml:3" in studio.status.value
    yaml.write_text(good, encoding="utf-8")
    assert studio.poll()
    assert "Acme B.V." in studio.preview.html.value  # the requested start answers, applied late


def test_running_the_cell_again_stops_the_old_studios_watcher(mini_library: Path) -> None:
    async def twice() -> tuple[bool, bool]:
        first = Studio("mini", library=mini_library, answers={"naam": "A"})
        second = Studio("mini", library=mini_library, answers={"naam": "B"})
        await asyncio.sleep(0)
        running = (first.watcher.task is not None, second.watcher.task is not None)
        second.close()
        return running

    assert asyncio.run(twice()) == (False, True)


HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "</section><script>alert(1)</script>",
    "[klik](javascript:alert(1)) ![x](/etc/hostname)",
    '" onmouseover="alert(1)',
    "{{ 7*7 }} {% if true %}x{% endif %}",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_answers_stay_text_in_every_part_of_the_studio(mini_library: Path, payload: str) -> None:
    studio = studio_for(mini_library)
    studio.fields["pers"].control.value = "afdeling"
    studio.preview.logic.value = True
    for field in ("naam", "perschef"):
        studio.fields[field].control.value = payload
    studio.set_force("geheim", "streng")
    parts = [studio.preview.html.value, studio.compare_variants("geheim"), studio.status.value]
    for html_text in parts:
        html_text = html_text.replace(str(mini_library), "")  # a tmp path like pytest-149 is not 7*7
        assert "<script" not in html_text and "<img" not in html_text
        # the only links are the references' in-page links (ck- anchors), none from an answer
        assert all(a.startswith('<a href="#ck-') for a in re.findall(r"<a [^>]*>", html_text)), html_text
        assert 'onmouseover="' not in html_text and "49" not in html_text
    assert html_escape(payload) in studio.preview.html.value


def test_answers_cannot_forge_logic_marks(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.preview.logic.value = True
    good = studio.preview.html.value
    studio.fields["naam"].control.value = "A\ue000\ue100B\ue001"  # private-use: the marker characters
    assert "U+E000" in studio.fields["naam"].message.value and studio.preview.html.value == good


def test_switching_to_a_broken_template_shows_why_and_nothing_stale(mini_library: Path) -> None:
    import shutil

    shutil.copytree(mini_library / "mini", mini_library / "kapot")
    yaml = mini_library / "kapot" / "template.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("id: mini", "id: kapot").replace("1.0.0", "x"))
    studio = studio_for(mini_library)
    studio.chooser.value = "kapot"
    assert (
        "template.yaml:3" in studio.status.value and studio.fields == {} and studio.preview.html.value == ""
    )
    studio.preview.logic.value = True  # nothing to render, and no error either
    assert studio.state().answers == {}
    studio.chooser.value = "mini"
    assert "naam" in studio.fields and "ck-error-box" in studio.status.value  # naam is required again


@pytest.mark.requires("ssh-keygen")
def test_a_forged_approval_shows_as_unverified_and_can_be_signed_again(mini_library: Path) -> None:
    """The studio verifies signatures as publish does: an edited approved_by is no approval."""
    studio = studio_for(mini_library)
    panel = studio.approvals
    panel.name.value = "Mr. A. de Vries"
    panel.approve_selected()
    assert panel.button.disabled  # everything approved and verified
    lock = mini_library / "mini" / "approvals.yaml"
    lock.write_text(lock.read_text(encoding="utf-8").replace("Mr. A. de Vries", "Mr. B. Vervalst", 1))
    panel.refresh(studio.template)
    assert "handtekening klopt niet" in panel.table.value and not panel.button.disabled
    assert len(panel.targets.options) == 1
    panel.approve_selected()  # signs it again, in the name given
    assert panel.button.disabled and "handtekening" not in panel.table.value
