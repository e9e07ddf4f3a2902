"""Hostile answers in DOCX and PDF: literal in the text extracted from both, no links or raw output.

The Markdown-level checks live in test_hostile_answers.py; these look at the published artefacts
themselves, through our pandoc reader, pandoc's DOCX and Typst writers (pandoc#8966 was a Typst
escaping bug) and Typst.
"""

from __future__ import annotations

import io
import re
import string
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from publish_helpers import pdf_text, squeeze
from test_hostile_answers import HOSTILE, _normalise

from toolkit import Library
from toolkit.publish.docx import to_docx
from toolkit.publish.markdown import document_markdown
from toolkit.publish.pdf import HOUSE_TYP, markdown_to_typst, to_pdf

pytestmark = pytest.mark.slow

# Typst markup shorthands and syntax that pandoc's Typst writer leaves unescaped (see filter.lua)
TYPST = [
    "a...b, -?x, -5 en 1 ~ 2",
    '#set text(fill: red) #import "@preview/evil:1.0.0": * #{1+1}',
    "$ x^2 $ @ref <label> = kop",
    '#"x"; /* c */ // c',
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    import shutil

    from publish_helpers import FIXTURES

    root = tmp_path_factory.mktemp("escaping") / "lib"
    shutil.copytree(FIXTURES / "mini", root)
    return Library(root)


@pytest.mark.parametrize("payload", HOSTILE + TYPST)
def test_hostile_answer_is_literal_in_docx_and_pdf(library: Library, payload: str, tmp_path: Path) -> None:
    template = library.template("mini")
    answers = library.validate(template, {"naam": payload})
    document = library.render(template, answers)
    expected = f"Deze regeling geldt voor {_normalise(answers['naam'])}."

    data = to_docx(document)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert expected in paragraphs
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        names = archive.namelist()
    assert "<w:drawing" not in body and "<m:oMath" not in body
    # the only links are the references' internal ones (to a bookmark), none from an answer
    assert all('w:anchor="ck-' in link for link in re.findall(r"<w:hyperlink\b[^>]*>", body)), body
    assert not any(n.startswith("word/media/") for n in names)
    assert [p for p in paragraphs if p.startswith("Artikel ")] == [
        "Artikel 1 Doel", "Artikel 2 Geheimhouding", "Artikel 3 Slot"
    ]  # fmt: skip

    typst_source = markdown_to_typst(document_markdown(document))
    body = typst_source.removeprefix(HOUSE_TYP.read_text(encoding="utf-8"))
    # Outside string literals (#"…";) there is no Typst code at all: no unescaped '#'.
    code = re.sub(r'#"(?:[^"\\]|\\.)*";', "", body)
    # nor outside the filter's own anchors and internal links to them (ck- labels, never an answer)
    code = re.sub(r"#(?:metadata\(none\)|link\()<ck-[\w-]+>\)?", "", code)
    assert re.search(r"(?<!\\)#", code) is None, code
    path = tmp_path / "doc.pdf"
    path.write_bytes(to_pdf(document))
    text = pdf_text(path)
    assert squeeze(expected) in squeeze(text)
    assert re.findall(r"Artikel \d", text) == ["Artikel 1", "Artikel 2", "Artikel 3"]


PUNCTUATION = st.text(st.sampled_from(list(string.punctuation + " aë1")), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PUNCTUATION)
def test_property_any_punctuation_is_literal_in_the_pdf(library: Library, value: str) -> None:
    template = library.template("mini")
    answers = library.validate(template, {"naam": "x " + value + " y"})
    path = Path(tempfile.mkdtemp()) / "doc.pdf"
    path.write_bytes(to_pdf(library.render(template, answers)))
    assert squeeze(f"voor {_normalise(answers['naam'])}.") in squeeze(pdf_text(path))


def test_an_image_reference_in_a_clause_embeds_no_file(tmp_path: Path) -> None:
    import shutil

    from publish_helpers import FIXTURES

    canary = tmp_path / "canary.png"
    canary.write_bytes(b"CANARY-SECRET-4711")
    root = tmp_path / "lib"
    shutil.copytree(FIXTURES / "mini", root)
    clause = root / "mini" / "doel.md"
    clause.write_text(clause.read_text("utf-8") + f"\n![logo]({canary}) en ![kaart](canary.png)\n", "utf-8")
    library = Library(root)
    template = library.template("mini")
    document = library.render(template, library.validate(template, {"naam": "Acme"}))
    data = to_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(n.startswith("word/media/") for n in archive.namelist())
        assert all(b"CANARY" not in archive.read(n) for n in archive.namelist())
    assert "1.2 logo en kaart" in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    pdf = to_pdf(document)
    assert b"CANARY" not in pdf
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    assert "1.2 logo en kaart" in pdf_text(path)
