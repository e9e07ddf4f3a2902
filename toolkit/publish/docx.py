"""Markdown → DOCX through pandoc with the house-style reference.docx."""

from __future__ import annotations

from ..model import Document
from .markdown import Meta, document_markdown, document_meta, source_epoch
from .pandoc import FILTER, READER, run_pandoc
from .reference import REFERENCE_DOCX, reference_docx
from .zipfix import fix_core_dates, rezip

__all__ = ["REFERENCE_DOCX", "markdown_to_docx", "to_docx"]


def markdown_to_docx(markdown: str, meta: Meta, epoch: int) -> bytes:
    """A DOCX with the title block from ``meta``; SOURCE_DATE_EPOCH fixes zip dates and properties."""
    args = [
        "--from", READER, "--to", "docx", "--output", "-",
        f"--reference-doc={reference_docx(meta.lang)}", f"--lua-filter={FILTER}",
        "--metadata", f"title={meta.title}",
        "--metadata", f"subtitle={meta.subtitle}",
        "--metadata", f"lang={meta.lang}",
    ]  # fmt: skip
    if meta.date:
        args += ["--metadata", f"date={meta.date}"]
    # In --sandbox pandoc cannot read SOURCE_DATE_EPOCH, so the dates are fixed here.
    return rezip(run_pandoc(args, markdown.encode("utf-8")), epoch, fix_core_dates(epoch))


def to_docx(document: Document) -> bytes:
    """The document as DOCX (the ``docx`` entry of toolkit.formats.FORMATS)."""
    template = document.template
    return markdown_to_docx(document_markdown(document), document_meta(template), source_epoch(template))
