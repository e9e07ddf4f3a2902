"""DOCX: pandoc with the house reference.docx (the optional publish extra)."""

from __future__ import annotations

from .base import PUBLISH_MODULES, Format, on_use

FORMAT = Format(
    "docx",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "DOCX",
    write=on_use("publish.docx", "to_docx"),
    edition=on_use("publish.docx", "markdown_to_docx"),
    requires=PUBLISH_MODULES,
    extra="publish",
)
