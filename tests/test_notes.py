"""Drafting notes (SHAPES.md): ``{# note: … #}`` in a variant's text, shown in the studio and the
review edition (review.docx: Word comments), never in a client's document."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from pypdf import PdfReader

from toolkit import Library, Location, to_html, to_markdown, validate
from toolkit.escape import escape_markdown
from toolkit.model import Document, Variant
from toolkit.notes import notes
from toolkit.publish.docx import markdown_to_docx, to_docx
from toolkit.publish.markdown import document_meta, review_markdown
from toolkit.publish.pdf import to_pdf

NOTE = "een boetebeding; zie BW 6:91-6:94 over matiging"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(FIXTURES / "shapes")


@pytest.fixture(scope="module")
def document(library: Library) -> Document:
    template = library.template("overeenkomst")
    return library.render(template, validate(template, {"opdrachtgever": "Acme B.V.", "sanctie": "boete"}))


def test_notes_are_read_with_their_line(library: Library) -> None:
    variant = library.template("overeenkomst").clause("boete").variant("standaard")
    (note,) = notes(variant)
    assert note.text == NOTE
    assert note.location.path.name == "boete.md" and note.location.line == 7


def test_only_comments_that_start_with_note_are_notes(tmp_path: Path) -> None:
    body = "{# clausekit: ignore CK503 reden: x #}\nTekst.\n{#- note:\n  over twee\n  regels -#}\nMeer.\n"
    variant = Variant("v", body, location=Location(tmp_path / "a.md", 10))
    assert [(n.text, n.location.line) for n in notes(variant)] == [("over twee regels", 12)]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_note_never_reaches_a_client_document(mini_library: Path) -> None:
    # A flat template: its PDF does not depend on the anchors of parts (the Typst side of those is
    # the filter's); the note stands in the middle of the text that must appear.
    slot = mini_library / "mini" / "slot.md"
    text = slot.read_text(encoding="utf-8").replace("Ingang:", "{# note: " + NOTE + " #}\nIngang:")
    slot.write_text(text, encoding="utf-8")
    library = Library(mini_library)
    template = library.template("mini")
    assert notes(template.clause("slot").variants[0])[0].text == NOTE
    document = library.render(template, validate(template, {"naam": "Acme B.V."}))
    docx = to_docx(document)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    pdf = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(to_pdf(document))).pages)
    outputs = {"md": to_markdown(document), "html": to_html(document), "docx": xml, "pdf": pdf}
    for name, text in outputs.items():
        # the clause's text is there, its note is not
        assert "Ingang: 1 januari 2027" in _words(text).replace("\u00a0", " "), name
        assert "BW 6" not in text and "boetebeding" not in text, name
        assert "note:" not in text, name


def test_the_review_edition_prints_notes_as_word_comments(library: Library) -> None:
    template = library.template("overeenkomst")
    markdown = review_markdown(template, [])
    assert "regel 7" in markdown and '{.comment-start id="1" author="clausekit"}' in markdown
    docx = markdown_to_docx(markdown, document_meta(template, "beoordelingsversie"), 0)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    assert 'w:id="1"' in comments and 'w:author="clausekit"' in comments and NOTE in comments
    assert NOTE not in body and '<w:commentReference w:id="1" />' in body
    assert "Toelichting voor de redactie (regel 7):" in body


def test_the_studio_variants_panel_shows_the_notes(library: Library, document: Document) -> None:
    from toolkit.notebook.variants import VariantsPanel

    panel = VariantsPanel(library, lambda: None)
    panel.build(document.template)
    panel.show(document)
    assert "boete" in panel.shown and NOTE in panel.shown["boete"].value
    assert "(regel 7)" in panel.shown["boete"].value


# -- references in the review edition (issue 17: no raw «ref(...)») --------------------------------
def test_the_review_edition_numbers_each_reference_over_the_answers(mini_library: Path) -> None:
    slot = mini_library / "mini" / "slot.md"
    slot.write_text(
        slot.read_text(encoding="utf-8").replace(
            "Ingang:", 'Zie ook {{ ref("geheim", 1, word="lid") }}. Ingang:'
        ),
        encoding="utf-8",
    )
    review = review_markdown(Library(mini_library).template("mini"), [])
    # geheim is 2 without the press article and 3 with it; pers, when present, is always 2
    assert escape_markdown("Zie «artikel 2–3 (Geheimhouding)»⟨if") in review
    assert escape_markdown("en «artikel 2 (Pers)»⟨endif⟩") in review
    assert escape_markdown("Zie ook «lid 2.1–3.1 (Geheimhouding)»") in review
    assert "ref\\(" not in review


def test_a_reference_the_review_cannot_number_stays_as_written(mini_library: Path) -> None:
    slot = mini_library / "mini" / "slot.md"
    slot.write_text(slot.read_text(encoding="utf-8").replace('ref("pers")', "ref(naam)"), encoding="utf-8")
    review = review_markdown(Library(mini_library).template("mini"), [])
    assert escape_markdown("«ref(naam)»") in review
