"""Documents of any shape (issue 14, SHAPES.md): parts, blocks, numbering schemes, references with
anchors and links, and the loader's errors for each mistake."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from toolkit import Library, LoadError, RenderError, to_html, to_markdown, validate
from toolkit.checks import check_template
from toolkit.model import Document
from toolkit.publish.markdown import document_markdown

SHAPES = FIXTURES / "shapes"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(SHAPES)


@pytest.fixture
def shapes_copy(tmp_path: Path) -> Path:
    shutil.copytree(SHAPES / "overeenkomst", tmp_path / "overeenkomst")
    return tmp_path


def _render(library: Library, **answers: Any) -> Document:
    template = library.template("overeenkomst")
    return library.render(template, validate(template, {"opdrachtgever": "Acme B.V.", **answers}))


def _headings(document: Document) -> list[str]:
    return re.findall(r"^#+ (.*?) \{#", to_markdown(document), re.M)


# -- loading ---------------------------------------------------------------------------------------
def test_parts_and_kinds_load(library: Library) -> None:
    template = library.template("overeenkomst")
    assert template.structured
    assert [p.id for p in template.parts] == ["aanhef", "bepalingen", "bijlagen", "einde"]
    bijlagen = template.part("bijlagen")
    assert (bijlagen.numbering, bijlagen.fixed, bijlagen.subclauses, bijlagen.title) == (
        "schedule", True, "none", "Bijlagen"
    )  # fmt: skip
    # the part's condition is joined to each entry's: one condition decides whether a clause is present
    assert template.entry("tarieven").when == '(bijlage) and (sanctie == "boete")'
    assert template.entry("werkzaamheden").when == "bijlage"
    assert template.entry("werkzaamheden").part == "bijlagen"
    assert template.clause("partijen").kind == "parties" and not template.clause("partijen").heading
    assert template.clause("considerans").lettered
    assert dict(template.clause("opdracht").definitions)["Opdracht"].startswith("de werkzaamheden")
    assert [e.clause.id for e in template.entries][:3] == ["partijen", "considerans", "definities"]


def _edit(root: Path, name: str, old: str, new: str) -> Path:
    path = root / "overeenkomst" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _load_error(root: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        Library(root).template("overeenkomst")
    return info.value


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "message", "hint"),
    [
        ("template.yaml", "parts:", "numbering: artikel\nparts:", 33, "unknown numbering scheme 'artikel'",
         "article"),
        ("template.yaml", "    numbering: schedule", "    numbering: bijlage", 47,
         "unknown numbering scheme 'bijlage'", "schedule"),
        ("template.yaml", "  - id: einde", "  - id: aanhef", 54, "duplicate part id 'aanhef'", "own id"),
        ("template.yaml", "clauses: [ondertekening]", "clauses: [ondertekening, slot]", 56,
         "clause 'slot' is listed twice", "once"),
        ("template.yaml", "parts:", "clauses: [slot]\nparts:", 33, "both 'clauses:' and 'parts:'", "parts"),
        ("template.yaml", "    subclauses: none", "    subclauses: roman", 49, "sub-clause numbering 'roman'",
         "decimal"),
        ("template.yaml", "    fixed: true", "    fixed: ja", 48, "'fixed' must be true or false",
         "fixed: true"),
        ("template.yaml", "    title: Bijlagen", "    titel: Bijlagen", 46, "unknown key 'titel' in a part",
         "title"),
        ("template.yaml", "clauses: [ondertekening]", "clauses: []", 56, "the part 'einde' lists no clauses",
         "clauses"),
        ("partijen.md", "kind: parties", "kind: partijen", 3, "unknown clause kind 'partijen'", "parties"),
        ("partijen.md", "heading: false", "heading: nee", 4, "'heading' must be true or false", "heading:"),
        ("partijen.md", "heading: false", "lettered: true", 4, "'lettered' is for recitals", "recitals"),
        ("opdracht.md", "title: De opdracht", "title: De opdracht\ngenerate: table", 3,
         "needs kind: definitions", "kind: definitions"),
        ("opdracht.md", "  Opdracht: de", "  Opdracht: [de]\n  Ander: de", 4, "the definition of 'Opdracht'",
         "Opdracht:"),
    ],
)  # fmt: skip
def test_every_mistake_is_a_load_error_with_file_line_and_hint(
    shapes_copy: Path, name: str, old: str, new: str, line: int, message: str, hint: str
) -> None:
    path = _edit(shapes_copy, name, old, new)
    error = _load_error(shapes_copy)
    assert error.location is not None and error.location.path == path
    found = (error.location.line, message in error.message, hint in (error.hint or ""))
    assert found == (line, True, True), (error.location, error.message, error.hint)


# -- numbering and references ----------------------------------------------------------------------
def test_blocks_are_not_numbered_and_articles_are_numbered_per_part(library: Library) -> None:
    document = _render(library)
    assert _headings(document) == [
        "Overwegende dat", "Definities", "Artikel 1 De opdracht", "Artikel 2 Geheimhouding",
        "Artikel 3 Boete", "Artikel 4 Slotbepalingen", "Bijlagen", "Bijlage 1 — Tarieven",
        "Bijlage 2 — Werkzaamheden", "Ondertekening",
    ]  # fmt: skip
    assert [(a.clause.id, a.number, a.scheme) for a in document.articles][:3] == [
        ("partijen", 0, "none"), ("considerans", 0, "none"), ("definities", 0, "none")
    ]  # fmt: skip
    assert document.article("geheimhouding") is not None
    markdown = to_markdown(document)
    assert "A. de Opdrachtgever" in markdown and "B. de Opdrachtnemer" in markdown  # lettered recitals
    assert "\nAcme B\\.V\\., hierna" in markdown  # the parties block: no heading (heading: false)
    # a part with subclauses: none keeps its paragraphs unnumbered
    assert "[]{#ck-tarieven-1}Het uurtarief" in markdown and "\nReiskosten worden" in markdown


def test_every_kind_of_reference_is_a_link_to_an_anchor(library: Library) -> None:
    markdown = to_markdown(_render(library))
    for text, target in [
        ("artikel 2", "ck-geheimhouding"),
        ("artikel 2.2", "ck-geheimhouding-2"),
        ("artikel 2.2 onder b", "ck-geheimhouding-2-b"),
        ("artikel 2.2 onder c", "ck-geheimhouding-2-c"),
        ("Bijlage 2", "ck-werkzaamheden"),
        ("Bijlage 1", "ck-tarieven"),
        ("artikel 3", "ck-boete"),
    ]:
        assert f"[{text}](#{target})" in markdown
    anchors = set(re.findall(r"\{#([\w-]+)\}", markdown))
    links = set(re.findall(r"\]\(#([\w-]+)\)", markdown))
    assert links <= anchors and {"ck-geheimhouding-2-a", "ck-slot-2", "ck-part-bijlagen"} <= anchors


def test_references_renumber_when_parts_and_articles_drop_out(library: Library) -> None:
    more = to_markdown(_render(library, toezicht=True))
    assert "## Artikel 2 Toezicht" in more and "## Artikel 3 Geheimhouding" in more
    assert "[artikel 3.2 onder b](#ck-geheimhouding-2-b)" in more and "[artikel 4](#ck-boete)" in more
    # without the boete: its article and the first schedule go; the fixed part keeps "Bijlage 2"
    fewer = to_markdown(_render(library, sanctie="schadevergoeding", wettelijk=False))
    assert "Boete" not in fewer and "Tarieven" not in fewer
    assert "### Bijlage 2 — Werkzaamheden" in fewer and "[Bijlage 2](#ck-werkzaamheden)" in fewer
    assert "## Artikel 3 Slotbepalingen" in fewer
    assert "onder c" not in fewer and "ck-geheimhouding-2-c" not in fewer
    # a conditional part drops out whole, its title too
    none = to_markdown(_render(library, bijlage=False))
    assert "Bijlage" not in none and "ck-part-bijlagen" not in none and "de offerte" in none


def test_html_shows_in_page_links_whose_targets_exist(library: Library) -> None:
    page = to_html(_render(library))
    ids = set(re.findall(r' id="([\w-]+)"', page))
    hrefs = re.findall(r'href="#([\w-]+)"', page)
    assert len(hrefs) == 7 and set(hrefs) <= ids
    assert '<li id="ck-geheimhouding-2-b"><span class="ck-item">b.</span>' in page
    assert '<h3><span class="ck-number">Bijlage 2 —</span> Werkzaamheden</h3>' in page
    assert "[]{#" not in page and "{#ck" not in page


def test_publish_markdown_has_the_same_anchors_one_level_up(library: Library) -> None:
    markdown = document_markdown(_render(library))
    assert "# Artikel 2 Geheimhouding {#ck-geheimhouding}" in markdown
    assert "## Bijlage 1 — Tarieven {#ck-tarieven}" in markdown
    assert "# Bijlagen {#ck-part-bijlagen}" in markdown


def test_a_reference_to_a_block_stops_the_render(shapes_copy: Path) -> None:
    _edit(shapes_copy, "toezicht.md", "De Toezichthouder", '{{ ref("considerans") }}: de Toezichthouder')
    library = Library(shapes_copy)
    with pytest.raises(RenderError, match="a block without a number") as info:
        _render(library, toezicht=True)
    assert info.value.location is not None and info.value.location.path.name == "toezicht.md"


def test_a_flat_template_is_one_part_and_renders_as_before(mini_library: Path) -> None:
    template = Library(mini_library).template("mini")
    assert not template.structured and [(p.id, p.numbering) for p in template.parts] == [("", "article")]
    assert [e.part for e in template.entries] == ["", "", "", ""]


def test_the_checks_know_the_new_references(library: Library) -> None:
    findings = check_template(library, library.template("overeenkomst"), ignore=["CK8"])
    assert [f"{f.code} {f.message}" for f in findings if f.severity == "error"] == []


def test_a_missing_list_item_under_some_answers_is_a_finding(shapes_copy: Path) -> None:
    reference = ' en {{ ref("geheimhouding", 2, "c") }}'
    _edit(shapes_copy, "slot.md", "{% if wettelijk %}" + reference, reference)
    _edit(shapes_copy, "slot.md", "alleen na overleg{% endif %}", "alleen na overleg")
    library = Library(shapes_copy)
    findings = check_template(library, library.template("overeenkomst"), select=["CK3"])
    assert [(f.code, f.location.path.name if f.location else "") for f in findings] == [("CK305", "slot.md")]
    assert "item c of sub-clause 2 of 'geheimhouding'" in findings[0].message
    assert "wettelijk: nee" in findings[0].message


# -- definitions -----------------------------------------------------------------------------------
def test_a_definitions_block_lists_the_terms_of_the_clauses_present(library: Library) -> None:
    markdown = to_markdown(_render(library))
    assert (
        "| Begrip | Betekenis |\n|---|---|\n"
        "| **Opdracht** | de werkzaamheden die de Opdrachtnemer voor de Opdrachtgever verricht |\n"
        "| **Vertrouwelijke informatie** | alle informatie"
    ) in markdown
    assert "Toezichthouder" not in markdown  # its clause is left out
    more = to_markdown(_render(library, toezicht=True))
    assert "| **Toezichthouder** | de derde die de Opdrachtgever aanwijst" in more
    assert more.index("**Opdracht**") < more.index("**Toezichthouder**") < more.index("**Vertrouwelijke")
    assert "<td><strong>Toezichthouder</strong></td>" in to_html(_render(library, toezicht=True))


def test_a_definitions_list_and_a_term_defined_twice(shapes_copy: Path) -> None:
    _edit(shapes_copy, "definities.md", "generate: table", "generate: list")
    _edit(shapes_copy, "toezicht.md", "  Toezichthouder:", "  Opdracht: de klus\n  Toezichthouder:")
    library = Library(shapes_copy)
    markdown = to_markdown(_render(library, toezicht=True))
    assert "verricht\n\n**Opdracht**: de klus\n\n**Toezichthouder**: de derde" in markdown
    findings = check_template(library, library.template("overeenkomst"), select=["CK604"])
    assert [(f.code, f.location.path.name if f.location else "", f.location.line if f.location else 0)
            for f in findings] == [("CK604", "toezicht.md", 4)]  # fmt: skip
    assert "'opdracht' and in 'toezicht'" in findings[0].message and "toezicht: ja" in findings[0].message
