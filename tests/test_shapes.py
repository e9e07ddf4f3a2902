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
from toolkit.render import subclauses

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
        ("partijen.md", "heading: false", "heading: nee", 5, "'heading' must be true or false", "heading:"),
        ("partijen.md", "heading: false", "lettered: true", 5, "'lettered' is for recitals", "recitals"),
        ("opdracht.md", "title: De opdracht", "title: De opdracht\ngenerate: table", 3,
         "needs kind: definitions", "kind: definitions"),
        ("opdracht.md", "  Opdracht: de", "  Opdracht: [de]\n  Ander: de", 4, "the definition of 'Opdracht'",
         "Opdracht:"),
    ],
)  # fmt: skip
def test_every_mistake_is_a_load_error_with_file_line_and_hint(
    shapes_copy: Path,
    name: str,
    old: str,
    new: str,
    line: int,
    message: str,
    hint: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")  # the loader's messages in English
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


@pytest.mark.parametrize("sub", ['" 2"', "2.0", '"２"'])
def test_a_sub_clause_number_is_read_once_for_its_words_and_its_link(mini_library: Path, sub: str) -> None:
    """ref()'s number of a sub-clause is one int, in the text and in the link's target alike."""
    slot = mini_library / "mini" / "slot.md"
    slot.write_text(
        slot.read_text(encoding="utf-8").replace('ref("geheim")', f'ref("geheim", {sub})'), encoding="utf-8"
    )
    library = Library(mini_library)
    template = library.template("mini")
    markdown = to_markdown(
        library.render(template, library.validate(template, {"naam": "A", "streng": True}))
    )
    assert "Zie [artikel 2.2](#ck-geheim-2)." in markdown


def test_a_reference_to_a_block_stops_the_render(shapes_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")  # the message in English
    _edit(shapes_copy, "toezicht.md", "De Toezichthouder", '{{ ref("considerans") }}: de Toezichthouder')
    library = Library(shapes_copy)
    with pytest.raises(RenderError, match="a block without a number") as info:
        _render(library, toezicht=True)
    assert info.value.location is not None and info.value.location.path.name == "toezicht.md"
    assert info.value.location.line == 6  # the line of the reference


def test_a_flat_template_is_one_part_numbered_by_articles(mini_library: Path) -> None:
    template = Library(mini_library).template("mini")
    assert [(p.id, p.numbering) for p in template.parts] == [("", "article")]
    assert [e.part for e in template.entries] == ["", "", "", ""]


def test_the_checks_know_the_new_references(library: Library) -> None:
    # no finding at all: blocks are no sentences (CK504), the parties block declares its terms
    findings = check_template(library, library.template("overeenkomst"), ignore=["CK8"])
    assert [f"{f.code} {f.message}" for f in findings] == []


def test_a_missing_list_item_under_some_answers_is_a_finding(shapes_copy: Path) -> None:
    reference = ' en {{ ref("geheimhouding", 2, "c") }}'
    _edit(shapes_copy, "slot.md", "{% if wettelijk %}" + reference, reference)
    _edit(shapes_copy, "slot.md", "alleen na overleg{% endif %}", "alleen na overleg")
    library = Library(shapes_copy)
    findings = check_template(library, library.template("overeenkomst"), select=["CK3"])
    assert [(f.code, f.location.path.name if f.location else "") for f in findings] == [("CK305", "slot.md")]
    assert "onderdeel c van lid 2 van 'geheimhouding'" in findings[0].message
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
    assert "><strong>Toezichthouder</strong></td>" in to_html(_render(library, toezicht=True))


def test_a_definitions_list_and_a_term_defined_twice(shapes_copy: Path) -> None:
    _edit(shapes_copy, "definities.md", "generate: table", "generate: list")
    _edit(shapes_copy, "toezicht.md", "  Toezichthouder:", "  Opdracht: de klus\n  Toezichthouder:")
    library = Library(shapes_copy)
    markdown = to_markdown(_render(library, toezicht=True))
    assert "verricht\n\n**Opdracht**: de klus\n\n**Toezichthouder**: de derde" in markdown
    findings = check_template(library, library.template("overeenkomst"), select=["CK604"])
    assert [(f.code, f.location.path.name if f.location else "", f.location.line if f.location else 0)
            for f in findings] == [("CK604", "toezicht.md", 4)]  # fmt: skip
    assert "'opdracht' en in 'toezicht'" in findings[0].message and "toezicht: ja" in findings[0].message


# -- the documentation quotes what the suite renders -----------------------------------------------
_QUOTED = re.compile(
    r"<!-- (?P<kind>file|rendered): (?P<path>\S+)(?P<part> \(.*?\))? -->\n```\w*\n(?P<text>.*?)```", re.S
)


def test_authoring_md_quotes_the_fixture_and_its_golden_exactly() -> None:
    root = FIXTURES.parents[1]
    quoted = list(_QUOTED.finditer((root / "docs" / "authoring.md").read_text(encoding="utf-8")))
    assert len(quoted) >= 10
    for match in quoted:
        source = (root / match["path"]).read_text(encoding="utf-8")
        if match["kind"] == "file" and not match["part"]:
            assert match["text"] == source, match["path"]
        else:  # part of a file, or an excerpt of a rendered document
            assert match["text"] in source, match["path"]


def test_every_docx_hyperlink_has_its_bookmark(library: Library) -> None:
    """pandoc turns the anchors into bookmarks and the references into internal hyperlinks."""
    import io
    import zipfile

    from toolkit.publish.docx import to_docx

    with zipfile.ZipFile(io.BytesIO(to_docx(_render(library)))) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    anchors = set(re.findall(r'w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'<w:bookmarkStart[^>]*w:name="([^"]+)"', xml))
    assert {"ck-geheimhouding-2-b", "ck-werkzaamheden", "ck-tarieven"} <= anchors <= bookmarks


def test_the_studio_preview_shows_working_in_page_links() -> None:
    from toolkit.notebook import Studio

    studio = Studio("overeenkomst", library=SHAPES, answers={"opdrachtgever": "Acme B.V."}, watch=False)
    try:
        preview = studio.preview.html.value
    finally:
        studio.close()
    hrefs = set(re.findall(r'href="#([\w-]+)"', preview))
    assert (
        {"ck-geheimhouding-2-b", "ck-werkzaamheden"} <= hrefs <= set(re.findall(r' id="([\w-]+)"', preview))
    )


def test_the_checks_fast_path_renders_what_the_core_renders(library: Library) -> None:
    """The answer space's renderer numbers, links and letters like the core, for every combination."""
    from toolkit.checks.analysis import analyse
    from toolkit.checks.explorer import Explorer
    from toolkit.checks.space import domains, exhaustive

    template = library.template("overeenkomst")
    analysis = analyse(library.engine, template)
    explorer = Explorer(library.engine, template, analysis)
    combos = list(exhaustive(explorer, domains(template, analysis)))
    assert len(combos) == 32
    for values in combos:
        stats = explorer.run([values])
        document = library.render(template, validate(template, values))
        core = {
            a.clause.id: "\n\n".join(s.markdown for s in a.subclauses)
            for a in document.articles
            if not a.clause.generate  # the generated definitions are the core's, after the text
        }
        fast = {
            cid: "\n\n".join(s.markdown for s in subclauses(text, 0)) for (cid, _v, text) in stats.outputs
        }
        assert {k: v for k, v in fast.items() if k in core} == core
        assert set(fast) == {a.clause.id for a in document.articles}


def test_a_flat_list_with_a_scheme_or_a_block_is_written_with_its_shape(mini_library: Path) -> None:
    template_yaml = mini_library / "mini" / "template.yaml"
    template_yaml.write_text(template_yaml.read_text().replace("clauses:", "numbering: numbered\nclauses:"))
    library = Library(mini_library)
    template = library.template("mini")
    markdown = to_markdown(library.render(template, validate(template, {"naam": "Acme"})))
    assert "## 1\\. Doel {#ck-doel}" in markdown and "[artikel 2](#ck-geheim)" in markdown
    page = to_html(library.render(template, validate(template, {"naam": "Acme"})))
    assert '<section class="ck-article" id="ck-doel"' in page and '<span class="ck-number">1.</span>' in page
    assert '<a href="#ck-geheim">artikel 2</a>' in page
    doel = mini_library / "mini" / "doel.md"
    doel.write_text(doel.read_text().replace("title: Doel", "title: Doel\nkind: preamble"))
    library = Library(mini_library)
    template = library.template("mini")
    markdown = to_markdown(library.render(template, validate(template, {"naam": "Acme"})))
    assert "## Doel {#ck-doel}" in markdown and "## 1\\. Geheimhouding {#ck-geheim}" in markdown


def test_the_review_edition_of_a_flat_list_with_a_block(mini_library: Path) -> None:
    from toolkit.publish.markdown import review_markdown

    doel = mini_library / "mini" / "doel.md"
    doel.write_text(doel.read_text().replace("title: Doel", "title: Doel\nkind: preamble"))
    markdown = review_markdown(Library(mini_library).template("mini"), [])
    assert "\n# Doel\n" in markdown and "\n# Artikel 1 Pers\n" in markdown and "Deel" not in markdown


def test_numbers_are_contiguous_per_part_and_positions_in_a_fixed_part(library: Library) -> None:
    """For every combination of answers: 1..k in each part, a fixed part's numbers its positions."""
    from toolkit.checks.analysis import analyse
    from toolkit.checks.explorer import Explorer
    from toolkit.checks.space import domains, exhaustive

    template = library.template("overeenkomst")
    analysis = analyse(library.engine, template)
    for values in exhaustive(Explorer(library.engine, template, analysis), domains(template, analysis)):
        document = library.render(template, validate(template, values))
        for part in document.parts:
            numbers = [a.number for a in document.part_articles(part) if a.numbered]
            if part.fixed:
                positions = [e.clause.id for e in part.entries if part.numbers(e)]
                assert numbers == [
                    positions.index(a.clause.id) + 1 for a in document.part_articles(part) if a.numbered
                ]
            else:
                assert numbers == list(range(1, len(numbers) + 1)), (values, part.id)
            assert all(a.number == 0 for a in document.part_articles(part) if not a.numbered)


def test_the_review_edition_goes_part_by_part_with_every_clause_numbered(library: Library) -> None:
    from toolkit.publish.markdown import review_markdown

    markdown = review_markdown(library.template("overeenkomst"), [])
    headings = re.findall(r"^(#+ .*)$", markdown, re.M)
    assert [h for h in headings if not h.startswith("### ")][1:] == [
        "# Deel\\: aanhef", "## Partijen", "## Overwegende dat", "# Deel\\: bepalingen", "## Definities",
        "## Artikel 1 De opdracht", "## Artikel 2 Toezicht", "## Artikel 3 Geheimhouding",
        "## Artikel 4 Boete", "## Artikel 5 Slotbepalingen", "# Deel\\: Bijlagen",
        "## Bijlage 1 — Tarieven", "## Bijlage 2 — Werkzaamheden", "# Deel\\: einde", "## Ondertekening",
    ]  # fmt: skip
    assert "A. de Opdrachtgever" in markdown and "3.2 De geheimhouding" in markdown
