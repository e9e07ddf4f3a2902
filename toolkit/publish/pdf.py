"""Markdown → PDF/A-2b without LaTeX: pandoc's Typst writer, then Typst in process.

Fonts: Typst's bundled Libertinus Serif only (system fonts ignored), so the bytes do not depend on
the machine. The Typst root is an empty folder: nothing in a document can read a file.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Final

from ..errors import ClauseKitError
from ..model import Document
from .markdown import Meta, document_markdown, document_meta, source_epoch
from .pandoc import FILTER, READER, run_pandoc

HOUSE_TYP = Path(__file__).with_name("house.typ")
PDF_STANDARD: Final = "a-2b"


class PdfError(ClauseKitError):
    """Typst could not make the PDF."""


@functools.cache
def typst_version() -> str:
    from importlib.metadata import version

    return version("typst")


def markdown_to_typst(markdown: str) -> str:
    args = ["--from", READER, "--to", "typst", "--wrap=preserve", f"--lua-filter={FILTER}"]
    body = run_pandoc(args, markdown.encode("utf-8"))
    return HOUSE_TYP.read_text(encoding="utf-8") + body.decode("utf-8")


def markdown_to_pdf(markdown: str, meta: Meta, epoch: int) -> bytes:
    try:
        import typst
    except ImportError as exc:
        raise PdfError("typst is not installed", hint='pip install -e ".[publish]"') from exc
    source = markdown_to_typst(markdown)
    inputs = {"title": meta.title, "subtitle": meta.subtitle, "date": meta.date}
    fonts: list[Path] = []  # Typst's embedded fonts only
    with tempfile.TemporaryDirectory(prefix="clausekit-typst-") as folder:
        root = Path(folder)  # holds only the document: nothing else can be read
        main = root / "document.typ"
        main.write_text(source, encoding="utf-8")
        try:
            pdf = typst.compile(
                main,
                root=root,
                font_paths=fonts,
                ignore_system_fonts=True,
                sys_inputs=inputs,
                timestamp=epoch,
                pdf_standards=PDF_STANDARD,
            )
        except Exception as exc:  # typst raises its own TypstError; keep the message
            hint = "this is a bug in clausekit if the input loaded"
            raise PdfError(f"typst failed: {exc}", hint=hint) from exc
    return pdf


def to_pdf(document: Document) -> bytes:
    """The document as PDF/A-2b (the ``pdf`` entry of toolkit.formats.FORMATS)."""
    template = document.template
    return markdown_to_pdf(document_markdown(document), document_meta(template), source_epoch(template))
