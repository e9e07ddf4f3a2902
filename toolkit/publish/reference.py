"""The house-style ``reference.docx``: built from pandoc's default with python-docx, shipped in the package.

Regenerate after changing the style (the test suite checks that the shipped file is up to date)::

    python3 -m toolkit.publish.reference

Choices: Georgia (a serif that every Word installation has) for body and headings, A4 with 2.5 cm
margins, article headings as "Heading 1" (kept with the next paragraph, so an article title never
ends a page), tables in the style "Table" (rules around every cell, a bold shaded header row), a
title block (Title, Subtitle = version, Date) and a footer "page X of Y" in the locale's words
("pagina X van Y") made of real PAGE and NUMPAGES fields, which Word updates itself.
The locale's language for spelling and hyphenation; one file is shipped per locale of
``docx.SHIPPED_TAGS`` (``reference.docx`` is the Dutch one).
"""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from babel import numbers
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from ..locales import DEFAULT_TAG, DUTCH, Locale, locale_for
from .pandoc import run_pandoc
from .zipfix import rezip

BODY_FONT = "Georgia"

REFERENCE_DOCX = Path(__file__).with_name("reference.docx")  # the Dutch one
# The shipped reference documents, one per locale (``main`` builds them):
# the footer's words, the spelling and hyphenation language. Any other locale's is built on first use.
SHIPPED_TAGS = (DEFAULT_TAG, "en-GB", "en-US")


def shipped_reference(tag: str) -> Path:
    """Where the shipped reference.docx of ``tag`` lives (the Dutch one keeps its old name)."""
    return REFERENCE_DOCX if tag == DEFAULT_TAG else REFERENCE_DOCX.with_name(f"reference-{tag}.docx")


@cache
def reference_docx(tag: str) -> Path:
    """The house-style reference.docx in the words and language of ``tag`` (a BCP 47 tag)."""
    tag = locale_for(tag).tag
    if tag in SHIPPED_TAGS:
        return shipped_reference(tag)
    folder = Path(tempfile.mkdtemp(prefix="clausekit-reference-"))
    path = folder / f"reference-{tag}.docx"
    path.write_bytes(build_reference(locale_for(tag)))
    return path


# style name → (size in points, bold, space before, space after)
_STYLES: dict[str, tuple[float, bool, float, float]] = {
    "Normal": (11, False, 0, 0),
    "Body Text": (11, False, 0, 8),
    "First Paragraph": (11, False, 0, 8),
    "Compact": (11, False, 0, 3),
    "Title": (20, True, 0, 4),
    "Subtitle": (12, False, 0, 2),
    "Date": (11, False, 0, 18),
    "Heading 1": (13, True, 18, 6),
    "Heading 2": (11.5, True, 12, 4),
    "Heading 3": (11, True, 10, 3),
}

_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}

# pandoc gives every table the style "Table". The house's: thin grey rules around and between all
# cells (so an empty cell of a signature table is a line to write on), room above and below the
# text, rows that never break across pages, and a bold, shaded header row kept with the next row
# (pandoc marks it as a header that repeats on every page: w:tblHeader).
_RULE = 'w:val="single" w:sz="4" w:space="0" w:color="808080"'
_TABLE_STYLE = f"""<w:style {nsdecls("w")} w:type="table" w:default="1" w:styleId="Table">
<w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="left"/></w:pPr>
<w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>
<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>
<w:tblBorders><w:top {_RULE}/><w:left {_RULE}/><w:bottom {_RULE}/><w:right {_RULE}/>
<w:insideH {_RULE}/><w:insideV {_RULE}/></w:tblBorders>
<w:tblCellMar><w:top w:w="85" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
<w:bottom w:w="85" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:trPr><w:cantSplit/></w:trPr>
<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>
<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="404040"/></w:tcBorders>
<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/><w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr>
</w:style>"""


def _footer(words: Locale) -> str:
    """The footer paragraph: the locale's "page X of Y" with X and Y as Word fields."""
    runs = []
    for literal, field in words.pieces("document.page_footer"):
        if literal:
            runs.append(f'<w:r><w:t xml:space="preserve">{xml_escape(literal)}</w:t></w:r>')
        if field:
            runs.append(f'<w:fldSimple w:instr=" {_FIELDS[field]} "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    style = '<w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
    return f"<w:p {nsdecls('w')}>{style}{''.join(runs)}</w:p>"


def _fonts(rpr: object, name: str) -> None:
    """Set every script slot of a run-properties element to ``name`` (no theme fonts)."""
    element = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        element.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        element.attrib.pop(qn(attr), None)


def _language_settings(settings: Any, words: Locale) -> None:
    """Word's automatic hyphenation on; the theme language and decimal symbol of the locale."""
    decimal = numbers.get_decimal_symbol(words.tag.replace("-", "_"))
    wanted = {
        "w:autoHyphenation": {"w:val": "true"},
        "w:themeFontLang": {"w:val": words.tag},
        "w:decimalSymbol": {"w:val": decimal},
        "w:listSeparator": {"w:val": ";" if decimal == "," else ","},
    }
    for tag, attributes in wanted.items():
        element = settings.find(qn(tag))
        if element is None:  # only autoHyphenation is missing; its place is after defaultTabStop
            element = parse_xml(f"<{tag} {nsdecls('w')}/>")
            settings.find(qn("w:defaultTabStop")).addnext(element)
        for name, value in attributes.items():
            element.set(qn(name), value)


def build_reference(words: Locale = DUTCH) -> bytes:
    """pandoc's default reference.docx in the house style and ``words``' language, as reproducible bytes."""
    default = run_pandoc(["--print-default-data-file", "reference.docx"], b"")
    document = open_docx(io.BytesIO(default))
    styles = document.styles
    for name, (size, bold, before, after) in _STYLES.items():
        style = styles[name]
        font = style.font
        font.name = BODY_FONT
        font.size = Pt(size)
        # Not bold is left unsaid: an explicit "not bold" in a paragraph style (table cells are
        # "Compact", based on "Body Text") would outrank the table style's bold header row.
        font.bold = bold or None
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _fonts(style.element.get_or_add_rPr(), BODY_FONT)
        paragraph = style.paragraph_format
        paragraph.space_before = Pt(before)
        paragraph.space_after = Pt(after)
        if name.startswith("Heading"):
            paragraph.keep_with_next = True
    for name in ("Title", "Subtitle", "Date"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    old_table = styles["Table"].element
    old_table.addnext(parse_xml(_TABLE_STYLE.replace("\n", "")))
    old_table.getparent().remove(old_table)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _fonts(rpr, BODY_FONT)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
        footer = section.footer
        footer.is_linked_to_previous = False
        for paragraph in list(footer.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
        footer._element.append(parse_xml(_footer(words)))
    _language_settings(document.settings.element, words)
    document.core_properties.language = words.tag
    document.core_properties.title = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), 0)


def main() -> None:
    for tag in SHIPPED_TAGS:
        path = shipped_reference(tag)
        path.write_bytes(build_reference(locale_for(tag)))
        print(path)


if __name__ == "__main__":
    main()
