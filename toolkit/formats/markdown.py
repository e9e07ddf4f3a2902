"""Markdown: the document as ``clausekit render --to md`` writes it."""

from __future__ import annotations

from ..model import Document
from ..writers import to_markdown
from .base import Format


def _write(document: Document) -> bytes:
    return to_markdown(document).encode("utf-8")


FORMAT = Format("md", "md", "text/markdown", "Markdown", _write)
