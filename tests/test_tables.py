"""Tables anywhere in a clause, in every output: kept whole, never numbered, drawn as real tables.

The fixture library tests/fixtures/tables/ puts a table in every position: after the first paragraph
(``midden``), first (``eerst``), last (``laatst``), alone (``alleen``), after a list (``lijst``), a grid
table (``raster``), right under a sentence without a blank line (``direct``), and a signature table.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, REGENERATE
from lxml import etree
from publish_helpers import pdf_text, squeeze

from toolkit import Library, validate
from toolkit.model import Document
from toolkit.writers import to_html, to_markdown

LIBRARY = FIXTURES / "tables"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a numbered sub-clause glued to a table row: the defect of issue 14 ("7.2 ||")
NUMBERED_TABLE = re.compile(r"^\d+(?:\.\d+)? *[|+]", re.M)


def document(**answers: object) -> Document:
    library = Library(LIBRARY)
    template = library.template("tabellen")
    return library.render(template, validate(template, dict(answers), {}))


def numbers(doc: Document, clause_id: str) -> list[str]:
    article = next(a for a in doc.articles if a.clause.id == clause_id)
    return [sub.number for sub in article.subclauses]


def test_a_table_is_never_a_sub_clause_of_its_own() -> None:
    doc = document()
    assert numbers(doc, "midden") == ["1.1", "1.2"]  # paragraph + table, then paragraph
    assert numbers(doc, "eerst") == ["2.1", "2.2"]  # table goes with the first paragraph
    assert numbers(doc, "laatst") == ["3.1", "3.2"]  # the table stays with the second
    assert numbers(doc, "alleen") == [""]  # a sole table is the article
    assert numbers(doc, "lijst") == ["5.1", "5.2"]  # the list and the table stay with 5.1
    assert numbers(doc, "raster") == ["6.1", "6.2"]
    assert numbers(doc, "direct") == ["7.1", "7.2"]
    assert numbers(doc, "ondertekening") == [""]
    first = next(a for a in doc.articles if a.clause.id == "midden").subclauses[0].markdown
    assert first.endswith("| 2 | Beta B.V. | koper |") and "|:-------|------|----:|" in first


def test_references_count_paragraphs_not_tables() -> None:
    doc = document()
    text = next(a for a in doc.articles if a.clause.id == "verwijzing").subclauses[0].markdown
    assert "artikel 1" in text and "artikel 2" in text


def test_markdown_keeps_every_table_whole_and_unnumbered() -> None:
    markdown = to_markdown(document())
    assert not NUMBERED_TABLE.search(markdown), NUMBERED_TABLE.search(markdown)
    assert "\n\n| Dienst | Tarief |\n|--------|-------:|\n" in markdown
    assert "\n\n[]{#ck-eerst-1}2.1 De tarieven zijn exclusief btw." in markdown  # anchor, number, text
    assert "Een tabel direct onder de zin:\n\n| Kolom | Waarde |" in markdown  # separated for pandoc
    assert "| Vast | 12 maanden |\n\n: Termijnen en hun duur\n\n## Artikel 4" in markdown  # a caption


def _tables(html: str) -> list[str]:
    return [re.sub(r' style="[^"]*"', "", t) for t in re.findall(r"<table\b.*?</table>", html, re.S)]


def test_html_preview_draws_real_tables() -> None:
    html = to_html(document())
    tables = _tables(html)
    assert len(tables) == 8
    assert "|" not in re.sub(r"<table\b.*?</table>", "", html, flags=re.S).split("<body>")[1]
    assert "<th>Naam</th>" in tables[0] and "<td>Acme B.V.</td>" in tables[0]
    assert re.search(r'<th style="[^"]*text-align: right;">Rol</th>', html)
    assert '<div class="ck-subclause" id="ck-eerst-1" data-number="2.1"><table class="ck-table"' in html
    grid = tables[5]
    assert "<caption>Termijnen en hun duur</caption>" in tables[2]
    assert "<th>Soort</th>" in grid and "<td>Namen, adressen en\ntelefoonnummers van klanten.</td>" in grid
    assert '<p><span class="ck-subnumber">2.1</span>De tarieven' in html  # number after the leading table


def test_studio_preview_draws_real_tables() -> None:
    from toolkit.ui.preview import PreviewHtmlWriter

    html = PreviewHtmlWriter().fragment(document())
    assert len(_tables(html)) == 8 and "| Partij |" not in html


def test_studio_show_logic_keeps_a_conditional_table_whole(tmp_path: Path) -> None:
    """With "show logic" on, the markers of a {% if %} around a table stay in its cells, not beside."""
    import shutil

    from toolkit.ui.preview import LogicEngine, PreviewHtmlWriter

    shutil.copytree(LIBRARY, tmp_path / "lib")
    folder = tmp_path / "lib" / "tabellen"
    (folder / "lus.md").write_text(
        "---\nid: lus\ntitle: Lus\n---\n{% if koper %}\n| Partij | Naam |\n|---|---|\n| 1 | {{ naam }} |\n"
        "{% endif %}\n\nTekst{% if koper %} met koper{% endif %}.\n\nMeer tekst.\n",
        encoding="utf-8",
    )
    template_file = folder / "template.yaml"
    clauses = template_file.read_text("utf-8").replace("clauses:\n", "clauses:\n  - lus\n")
    template_file.write_text(clauses, "utf-8")
    library = Library(tmp_path / "lib")
    template = library.template("tabellen")
    answers = validate(template, {}, {})
    engine = LogicEngine()
    shown = engine.render(template, answers, None)
    plain = library.render(template, answers)
    assert [s.number for s in shown.articles[0].subclauses] == ["1.1", "1.2"]
    assert [s.number for s in plain.articles[0].subclauses] == ["1.1", "1.2"]
    html = PreviewHtmlWriter(logic=engine).fragment(shown)
    article = html[html.index('data-clause="lus"') : html.index("</section>")]
    (table,) = _tables(article)
    assert table.count("<th><mark") == 2 and table.count("<td><mark") == 2 and "Tekst" not in table
    assert "<p>" in article.split("</table>")[1]


def test_a_pipe_in_an_answer_stays_in_its_cell() -> None:
    html = to_html(document(naam="A | B"))
    assert "<td>A | B</td>" in _tables(html)[0]


def _docx(doc: Document) -> bytes:
    from toolkit.publish.docx import to_docx

    return to_docx(doc)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return _docx(document())


def _xml(data: bytes, part: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def _paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def test_docx_has_every_table_with_its_columns_and_a_repeating_header(docx_bytes: bytes) -> None:
    body = _xml(docx_bytes, "word/document.xml").find(f"{W}body")
    assert body is not None
    tables = body.findall(f"{W}tbl")
    assert [len(t.findall(f"{W}tblGrid/{W}gridCol")) for t in tables] == [3, 2, 2, 2, 2, 2, 2, 3]
    for table in tables:
        assert table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "Table"
        first = table.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
    captions = [c.get(f"{W}val") for c in body.iter(f"{W}tblCaption")]
    assert captions == ["Termijnen en hun duur"]  # Word's alternative-text title of the table
    texts = [_paragraph_text(p) for p in body.iter(f"{W}p")]
    assert not [t for t in texts if NUMBERED_TABLE.match(t)]
    assert "2.1 De tarieven zijn exclusief btw." in texts
    signature = tables[-1]
    rows = [[_paragraph_text(c) for c in row.iter(f"{W}tc")] for row in signature.iter(f"{W}tr")]
    assert rows == [
        ["", "Partij 1", "Partij 2"],
        ["Naam", "", ""],
        ["Functie", "directeur", ""],
        ["Datum", "", ""],
        ["Handtekening", "", ""],
    ]


def test_the_house_table_style_has_borders_and_a_bold_header(docx_bytes: bytes) -> None:
    styles = _xml(docx_bytes, "word/styles.xml")
    table = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Table")
    assert table.get(f"{W}type") == "table"
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert borders is not None
    assert {b.tag.removeprefix(W) for b in borders} >= {"top", "bottom", "insideH", "insideV"}
    header = next(p for p in table.iter(f"{W}tblStylePr") if p.get(f"{W}type") == "firstRow")
    assert header.find(f"{W}rPr/{W}b") is not None
    # a paragraph style outranks the table style: the cells' styles must not say "not bold"
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") in ("Compact", "BodyText", "Normal"):
            bold = style.find(f"{W}rPr/{W}b")
            assert bold is None or bold.get(f"{W}val") not in ("0", "false"), style.get(f"{W}styleId")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from toolkit.publish.pdf import to_pdf

    path = tmp_path_factory.mktemp("pdf") / "tabellen.pdf"
    path.write_bytes(to_pdf(document()))
    return path


def test_pdf_shows_the_tables_whole(pdf_path: Path) -> None:
    text = pdf_text(pdf_path)
    assert not NUMBERED_TABLE.search(text)
    flat = squeeze(text)
    for cells in ("PartijNaamRol", "1AcmeB.V.", "DienstTarief", "SoortOmschrijving", "Handtekening"):
        assert cells in flat, cells
    assert "2.1Detarievenzijnexclusiefbtw." in flat
    assert "Termijnenenhunduur" in flat and "Tabel3:" not in flat  # a caption, not a numbered figure


def test_review_edition_keeps_tables_whole(tmp_path: Path) -> None:
    from toolkit.publish.markdown import review_markdown

    template = Library(LIBRARY).template("tabellen")
    markdown = review_markdown(template, [])
    assert not NUMBERED_TABLE.search(markdown), NUMBERED_TABLE.search(markdown)
    assert "| 2 | Beta B.V. | ⟨if koper⟩koper⟨endif⟩ |" in markdown
    assert "\n\n1.2 Elke partij handelt voor eigen rekening." in markdown


def test_review_edition_keeps_a_table_whole_around_comments_and_loops() -> None:
    from toolkit.publish.markdown import _placeholders

    body = (
        "| Naam | Rol |\n"
        "{# clausekit: ignore CK503 reden: uitlijning #}\n"
        "|------|-----|\n"
        "{% for p in partijen %}\n"
        "| {{ p }} | partij |\n"
        "{% endfor %}\n"
    )
    lines = _placeholders(body).strip().split("\n")
    assert len(lines) == 5 and all(line.startswith("|") for line in lines), lines
    assert lines[2] == "| ⟨for p in partijen⟩ |"


def test_checks_find_nothing_in_tables() -> None:
    from toolkit.checks import check_template

    library = Library(LIBRARY)
    findings = check_template(library, library.template("tabellen"), ignore=["CK8"])
    assert findings == [], [f"{f.code} {f.location.line} {f.message}" for f in findings]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tekst  met twee spaties.", "CK503"),
        ("Tekst .", "CK506"),
    ],
)
def test_checks_still_find_spacing_inside_a_cell(tmp_path: Path, text: str, code: str) -> None:
    import shutil

    from toolkit.checks import check_template

    shutil.copytree(LIBRARY, tmp_path / "lib")
    clause = tmp_path / "lib" / "tabellen" / "alleen.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("| Contact |", f"| {text} |"), "utf-8")
    library = Library(tmp_path / "lib")
    found = check_template(library, library.template("tabellen"), select=[code])
    assert [f.location.line for f in found] == [7]


GOLDEN = LIBRARY / "golden"


def _golden_outputs() -> dict[str, str]:
    from toolkit.publish.markdown import document_markdown, review_markdown

    doc = document()
    return {
        "tabellen.md": to_markdown(doc),
        "tabellen.html": to_html(doc),
        "tabellen.publish.md": document_markdown(doc),  # what pandoc reads for DOCX and PDF
        "tabellen.review.md": review_markdown(doc.template, []),
    }


@pytest.mark.parametrize("name", sorted(_golden_outputs()))
def test_golden(name: str) -> None:
    """Every table position through every Markdown the toolkit writes (CLAUSEKIT_REGEN=1 rewrites them)."""
    text = _golden_outputs()[name]
    expected = GOLDEN / name
    if REGENERATE or not expected.exists():
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8")
        if not REGENERATE:
            pytest.fail(f"{expected} was missing and has been written; review and commit it")
    assert text == expected.read_text(encoding="utf-8"), f"{expected} differs (CLAUSEKIT_REGEN=1)"


def test_the_documented_examples_are_the_fixtures_the_suite_renders() -> None:
    """docs/authoring.md "Tables" shows clause bodies from tests/fixtures/tables, which the goldens render."""
    from conftest import ROOT

    section = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").split("\n## Tables\n", 1)[1]
    examples = re.findall(r"```markdown\n(.*?)```", section, re.S)
    named = re.findall(r"tests/fixtures/tables/tabellen/([a-z]+\.md)", section)
    assert len(examples) == len(named) == 3
    for name, example in zip(named, examples, strict=True):
        body = (LIBRARY / "tabellen" / name).read_text(encoding="utf-8").split("---\n", 2)[2]
        assert example == body, name


@pytest.mark.requires("soffice")
def test_libreoffice_opens_every_new_docx(docx_bytes: bytes, tmp_path: Path) -> None:
    """The tables, the links and accessibility markup, and the review edition with its tables."""
    from test_links import MARKDOWN, META

    from toolkit.publish.docx import markdown_to_docx
    from toolkit.publish.markdown import review_markdown

    review = review_markdown(Library(LIBRARY).template("tabellen"), [])
    sources = {
        "tabellen": docx_bytes,
        "links": markdown_to_docx(MARKDOWN, META, 0),
        "review": markdown_to_docx(review, META, 0),
    }
    for name, data in sources.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "out"), *(str(tmp_path / f"{name}.docx") for name in sources)],
        capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    flat = squeeze(pdf_text(tmp_path / "out" / "tabellen.pdf"))
    assert "PartijNaamRol" in flat and "NaamFunctiedirecteur" in flat.replace("Partij2", "")
    assert "Artikel2Slot" in squeeze(pdf_text(tmp_path / "out" / "links.pdf"))
    assert "⟨ifkoper⟩koper⟨endif⟩" in squeeze(pdf_text(tmp_path / "out" / "review.pdf"))
