"""The output formats of one document, by name: what ``clausekit render --to`` can write."""

from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec

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


# The publish extra (pip install -e ".[publish]") brings pandoc, Typst and python-docx.
PUBLISH_MODULES = ("pypandoc", "typst", "docx")
PUBLISH_FORMATS = ("docx", "pdf")


def publish_installed() -> bool:
    """Whether the optional publish extra is installed (looked up, not imported: cheap)."""
    return all(find_spec(module) is not None for module in PUBLISH_MODULES)


# name → (file extension, writer): only what this installation can really write, so the faces
# (render --to, the studio's export, the questionnaire's downloads) offer nothing that would fail.
FORMATS: dict[str, tuple[str, Writer]] = {
    "md": ("md", _markdown),
    "html": ("html", _html),
}
if publish_installed():
    FORMATS.update({"docx": ("docx", _docx), "pdf": ("pdf", _pdf)})


def parse_formats(text: str) -> list[str]:
    """``"md,html"`` → ``["md", "html"]``, refusing unknown names."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    for name in names:
        if name in PUBLISH_FORMATS and name not in FORMATS:
            raise UsageError(
                f"output format '{name}' needs the publish extra",
                hint="pip install -e '.[publish]' (pandoc, Typst and python-docx)",
            )
        if name not in FORMATS:
            raise UsageError(f"unknown output format '{name}'", hint="choose from: " + ", ".join(FORMATS))
    if not names:
        raise UsageError("no output format given", hint="e.g. --to md,html")
    return names
