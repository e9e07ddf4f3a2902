"""Accessible and archival output: the PDF is tagged PDF/UA-1 and PDF/A-2a at once (Typst checks the
rules it knows while writing; here the identification, the language and the structure tree are read
back), and the DOCX has what Word's accessibility checker looks for.
"""

from __future__ import annotations

import collections
import io
import re
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from test_links import MARKDOWN, META
from test_tables import W, document

from toolkit.publish.docx import markdown_to_docx

DC = "{http://purl.org/dc/elements/1.1/}"


def structure(reader: PdfReader) -> collections.Counter[str]:
    """How often each structure type occurs in the PDF's structure tree."""
    counts: collections.Counter[str] = collections.Counter()
    todo: list[object] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, DictionaryObject):
            if "/S" in node:
                counts[str(node["/S"])] += 1
            if "/K" in node:
                todo.append(node["/K"])
        elif isinstance(node, ArrayObject):
            todo.extend(node)
    return counts


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    from toolkit.publish.pdf import markdown_to_pdf

    return PdfReader(io.BytesIO(markdown_to_pdf(MARKDOWN, META, 0)))


def test_pdf_says_it_is_pdf_ua_1_and_pdf_a_2a(reader: PdfReader) -> None:
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp)
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp)
    assert re.search(r"<pdfaid:conformance>A</pdfaid:conformance>", xmp)


def test_pdf_is_marked_with_its_language_and_title(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "nl-NL"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata is not None and reader.metadata.title == "Verwijzingen"


def test_pdf_structure_tree_tags_headings_lists_tables_and_links(reader: PdfReader) -> None:
    counts = structure(reader)
    assert counts["/H1"] == 2 and counts["/H2"] == 1
    assert counts["/L"] == 1 and counts["/LI"] == 2
    assert counts["/Table"] == 1 and counts["/TH"] == 2 and counts["/TD"] == 2
    assert counts["/Link"] == 5


def test_pdf_of_a_document_with_tables_tags_every_header_row() -> None:
    from toolkit.publish.pdf import to_pdf

    counts = structure(PdfReader(io.BytesIO(to_pdf(document()))))
    assert counts["/Table"] == 8 and counts["/THead"] == 8 and counts["/TH"] == 18
    assert counts["/H1"] == 9 and counts["/LI"] == 2


def test_a_skipped_heading_level_or_an_empty_heading_still_makes_a_pdf_ua() -> None:
    """Typst refuses both in a PDF/UA; the filter closes the gap and drops the empty heading."""
    from toolkit.publish.pdf import markdown_to_pdf

    data = markdown_to_pdf("# A {#ck-a}\n\nx\n\n### C\n\n[y](#ck-b)\n\n## {#ck-b}\n\nz\n", META, 0)
    counts = structure(PdfReader(io.BytesIO(data)))
    assert counts["/H1"] == 1 and counts["/H2"] == 1 and counts["/H3"] == 0


def _xml(data: bytes, part: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def test_docx_has_the_document_language_and_title() -> None:
    data = markdown_to_docx(MARKDOWN, META, 0)
    styles = _xml(data, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "nl-NL"
    core = _xml(data, "docProps/core.xml")
    assert core.findtext(f"{DC}language") == "nl-NL" and core.findtext(f"{DC}title") == "Verwijzingen"


def test_docx_headings_never_skip_a_level_and_tables_have_header_rows() -> None:
    data = markdown_to_docx("# A\n\nx\n\n### C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", META, 0)
    body = _xml(data, "word/document.xml")
    levels = [
        int(s.get(f"{W}val").removeprefix("Heading"))
        for s in body.iter(f"{W}pStyle")
        if s.get(f"{W}val").startswith("Heading")
    ]
    assert levels == [1, 2]
    for table in body.iter(f"{W}tbl"):
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
        assert table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstRow") == "1"
    assert not list(body.iter(f"{W}drawing"))  # no picture without alternative text: no picture at all


def test_the_signature_table_has_no_blank_row_or_column() -> None:
    """Word's checker warns about blank rows or columns used for layout; a signature table has none."""
    from toolkit.publish.docx import to_docx

    body = _xml(to_docx(document()), "word/document.xml")
    table = list(body.iter(f"{W}tbl"))[-1]
    rows = [["".join(c.itertext()).strip() for c in row.iter(f"{W}tc")] for row in table.iter(f"{W}tr")]
    assert all(any(row) for row in rows)
    assert all(any(column) for column in zip(*rows, strict=True))
