"""PDF/A-2b: pandoc's Typst writer, then Typst (the optional publish extra)."""

from __future__ import annotations

from .base import PUBLISH_MODULES, Format, on_use

FORMAT = Format(
    "pdf",
    "pdf",
    "application/pdf",
    "PDF",
    write=on_use("publish.pdf", "to_pdf"),
    edition=on_use("publish.pdf", "markdown_to_pdf"),
    requires=PUBLISH_MODULES,
    extra="publish",
)
