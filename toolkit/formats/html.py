"""HTML: the standalone page of the document."""

from __future__ import annotations

from ..model import Document
from ..writers import to_html
from .base import Format


def _write(document: Document) -> bytes:
    return to_html(document).encode("utf-8")


FORMAT = Format("html", "html", "text/html", "HTML", _write)
