"""clausekit: author, check and publish legal document templates.

The core is importable without a kernel: load a library, validate answers, render.

>>> from toolkit import Library, validate, render
>>> library = Library("clauses")
>>> template = library.template("richtlijnen-social-media")
>>> document = render(template, validate(template, {"organisatie": "Acme B.V."}))
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answers import load_answers_file, validate
    from .errors import AnswerError, ClauseKitError, LoadError, Location, RenderError, UsageError
    from .library import Library
    from .model import Answers, Article, Clause, Document, Question, Template, Variant
    from .render import Engine
    from .writers import HtmlWriter, to_html, to_markdown

# name → the module that defines it. Imported on first use (PEP 562), so that ``clausekit --help``
# or a face that needs one part does not pay for Jinja2, YAML and the writers.
_EXPORTS = {
    **dict.fromkeys(("load_answers_file", "validate"), "answers"),
    **dict.fromkeys(
        ("AnswerError", "ClauseKitError", "LoadError", "Location", "RenderError", "UsageError"), "errors"
    ),
    "Library": "library",
    **dict.fromkeys(("Answers", "Article", "Clause", "Document", "Question", "Template", "Variant"), "model"),
    "Engine": "render",
    **dict.fromkeys(("HtmlWriter", "to_html", "to_markdown"), "writers"),
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"


def render(template: Template, answers: Answers, force: Mapping[str, str] | None = None) -> Document:
    """Assemble the document for validated ``answers``.

    Compiles the template each call; keep a :class:`Library` (``library.render``) to reuse the
    compiled clauses when rendering many times.
    """
    from .render import Engine

    return Engine().render(template, answers, force)


def render_answers(template: Template, raw: Mapping[str, Any]) -> Document:
    """Validate raw answers and render them."""
    from .answers import validate

    return render(template, validate(template, raw))


__all__ = [
    "AnswerError",
    "Answers",
    "Article",
    "Clause",
    "ClauseKitError",
    "Document",
    "Engine",
    "HtmlWriter",
    "Library",
    "LoadError",
    "Location",
    "Question",
    "RenderError",
    "Template",
    "UsageError",
    "Variant",
    "load_answers_file",
    "render",
    "render_answers",
    "to_html",
    "to_markdown",
    "validate",
]
