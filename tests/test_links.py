"""Cross-references are links: the anchors of SHAPES.md become DOCX bookmarks and hyperlinks, PDF
destinations and GoTo links, and HTML ids and in-page links.

Until ``ref()`` emits them, the test clause ``verwijzing`` (tests/fixtures/tables/) writes the anchors
literally; a clause must wrap ``[]{#…}`` in ``{% raw %}`` there, since ``{#`` opens a Jinja comment.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, IndirectObject
from test_tables import W, document

from toolkit.publish.docx import markdown_to_docx
from toolkit.publish.markdown import Meta
from toolkit.writers import to_html

LONG = "ck-een-heel-lange-clausule-naam-die-nooit-eindigt"  # 49 characters: more than Word keeps
MARKDOWN = f"""# Artikel 1 Partijen {{#ck-partijen}}

[]{{#ck-partijen-1}}1.1 Zie [artikel 2.2](#ck-{LONG[3:]}-2) en [artikel 2](#{LONG}).

| Partij | Naam |
|--------|------|
| 1 | Acme |

[]{{#ck-partijen-2}}1.2 Terug naar [artikel 1.1](#ck-partijen-1).

# Artikel 2 Slot {{#{LONG}}}

## Lid {{#ck-slot-lid}}

[]{{#{LONG}-1}}2.1 Eerste lid, zie [artikel 1](#ck-partijen).

[]{{#{LONG}-2}}2.2 Tweede lid, zie [lid](#ck-slot-lid).

- een;
- twee.
"""
META = Meta(title="Verwijzingen", subtitle="Versie 1", date="", lang="nl-NL")


def _xml(data: bytes, part: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def anchors_and_bookmarks(data: bytes) -> tuple[list[str], set[str]]:
    body = _xml(data, "word/document.xml")
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    return anchors, {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}


def test_every_docx_hyperlink_has_its_bookmark() -> None:
    anchors, bookmarks = anchors_and_bookmarks(markdown_to_docx(MARKDOWN, META, 0))
    assert len(anchors) == 5
    assert set(anchors) <= bookmarks, set(anchors) - bookmarks
    assert all(len(name) <= 40 for name in bookmarks)  # Word drops longer bookmark names
    assert {"ck-partijen", "ck-partijen-1", "ck-partijen-2", "ck-slot-lid"} <= bookmarks


def test_docx_links_of_a_rendered_document_resolve() -> None:
    from toolkit.publish.docx import to_docx

    anchors, bookmarks = anchors_and_bookmarks(to_docx(document()))
    assert sorted(anchors) == ["ck-eerst", "ck-midden", "ck-verwijzing-1", "ck-verwijzing-2"]
    assert set(anchors) <= bookmarks


def test_docx_headings_are_real_headings_with_bookmarks() -> None:
    data = markdown_to_docx(MARKDOWN, META, 0)
    body = _xml(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    headings = []
    open_marks: list[str] = []
    for element in body:
        if element.tag == f"{W}bookmarkStart":
            open_marks.append(element.get(f"{W}name"))
        style = element.find(f"{W}pPr/{W}pStyle")
        if element.tag == f"{W}p" and style is not None and style.get(f"{W}val").startswith("Heading"):
            marks = {b.get(f"{W}name") for b in element.iter(f"{W}bookmarkStart")} | set(open_marks)
            headings.append((style.get(f"{W}val"), marks))
        if element.tag == f"{W}p":
            open_marks = []
    assert [h[0] for h in headings] == ["Heading1", "Heading1", "Heading2"]
    assert all(marks for _, marks in headings)
    styles = _xml(data, "word/styles.xml")
    levels = {
        s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.get(f"{W}styleId") in ("Heading1", "Heading2")
    }
    assert levels == {"Heading1": "0", "Heading2": "1"}  # what Word's navigation pane shows


def _destinations(reader: PdfReader) -> dict[str, object]:
    names = reader.trailer["/Root"].get("/Names", {}).get("/Dests", {}).get("/Names", [])
    return {str(names[i]): names[i + 1].get_object() for i in range(0, len(names), 2)}


def pdf_links(data: bytes) -> tuple[list[object], dict[str, object], list[IndirectObject]]:
    reader = PdfReader(io.BytesIO(data))
    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            assert link["/Subtype"] == "/Link"
            assert "/URI" not in str(link.get("/A", "")), link  # internal only
            target = link.get("/Dest") or link["/A"]["/D"]
            links.append(target.get_object() if isinstance(target, IndirectObject) else target)
    pages = [p.indirect_reference for p in reader.pages]
    return links, _destinations(reader), pages


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from toolkit.publish.pdf import markdown_to_pdf

    return markdown_to_pdf(MARKDOWN, META, 0)


def test_pdf_links_are_internal_and_resolve(pdf_bytes: bytes) -> None:
    links, named, pages = pdf_links(pdf_bytes)
    assert len(links) == 5
    for target in links:
        if isinstance(target, ArrayObject):  # an explicit destination: a page of this document
            assert target[0] in pages and target[1] == "/XYZ"
        else:  # a named destination (Typst names the labelled headings)
            assert str(target) in named
    assert {"ck-partijen", "ck-slot-lid", LONG} <= set(named)


def test_pdf_sub_clause_links_point_at_their_sub_clause(pdf_bytes: bytes) -> None:
    """The label sits where the sub-clause starts, not on the heading before it."""
    links, named, _ = pdf_links(pdf_bytes)
    explicit = [t for t in links if isinstance(t, ArrayObject)]
    heading_top = named["ck-partijen"][3]
    assert explicit and all(t[3] < heading_top for t in explicit)


def test_html_shows_anchors_as_ids_and_links_in_page() -> None:
    html = to_html(document())
    assert '<div class="ck-subclause" id="ck-verwijzing-1" data-number="8.1">' in html
    assert '<a href="#ck-verwijzing-2">artikel 8.2</a>' in html
    assert "[]{#" not in html
