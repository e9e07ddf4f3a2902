"""The output formats of one document, by name: what ``clausekit render --to`` can write."""

from __future__ import annotations

from collections.abc import Callable

from .errors import UsageError
from .model import Document
from .writers import to_html, to_markdown

Writer = Callable[[Document], bytes]


def _markdown(document: Document) -> bytes:
    return to_markdown(document).encode("utf-8")


def _html(document: Document) -> bytes:
    return to_html(document).encode("utf-8")


def _docx(document: Document) -> bytes:
    from .publish.docx import to_docx  # imported on use: pandoc is the optional publish extra

    return to_docx(document)


def _pdf(document: Document) -> bytes:
    from .publish.pdf import to_pdf

    return to_pdf(document)


# name → (file extension, writer). Publishing adds docx and pdf here.
FORMATS: dict[str, tuple[str, Writer]] = {
    "md": ("md", _markdown),
    "html": ("html", _html),
    "docx": ("docx", _docx),
    "pdf": ("pdf", _pdf),
}


def parse_formats(text: str) -> list[str]:
    """``"md,html"`` → ``["md", "html"]``, refusing unknown names."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    for name in names:
        if name not in FORMATS:
            raise UsageError(f"unknown output format '{name}'", hint="choose from: " + ", ".join(FORMATS))
    if not names:
        raise UsageError("no output format given", hint="e.g. --to md,html")
    return names
