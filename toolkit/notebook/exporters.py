"""nbconvert exporters: the legal document a studio notebook shows, in each output format (DOCX, PDF, …).

Registered under the ``nbconvert.exporters`` entry point, so that
``jupyter nbconvert --to clausekit_docx notebooks/richtlijnen-social-media.ipynb`` writes the DOCX
and JupyterLab's "Save and Export Notebook As" menu lists them. Like nbconvert's own exporters
they are small subclasses: a format name, a file extension and a MIME type, here made from each
registered :class:`~toolkit.formats.Format` (one per format, ``clausekit_<name>``). They read the
template id and answers that the studio saved in the notebook (see :mod:`.saved`); they never
execute the notebook themselves (add ``--execute`` for a notebook that was never run).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.exporters import Exporter
from traitlets import Unicode, default

from ..errors import ClauseKitError, UsageError
from ..formats import REGISTRY, Format, find, render_documents
from ..library import Library
from .locate import find_library
from .saved import MIME, saved_state


def render_saved(notebook: Any, fmt: str, library: Path | None = None, start: Path | None = None) -> bytes:
    """The document of a notebook's saved studio state, written in ``fmt`` (a name in FORMATS)."""
    state = saved_state(notebook)
    if state is None:
        raise UsageError(
            f"the notebook holds no saved clausekit answers (no output of type {MIME})",
            hint="run the studio in the notebook and save it, or convert with --execute",
        )
    chosen = find(fmt)
    lib = Library(library or find_library(start))
    template = lib.edition(state.template, state.language or None)
    answers = lib.validate(template, state.answers)
    document = lib.render(template, answers, state.force or None)
    return next(iter(render_documents(document, [chosen], template.id).values()))


class ClauseKitExporter(Exporter):
    """Base: render the saved answers in the format ``format_name`` (a name in toolkit.formats)."""

    format_name = "docx"
    library = Unicode("", help="The clause library folder (default: clauses/ at or above the notebook).").tag(
        config=True
    )

    def from_notebook_node(  # type: ignore[override]  # bytes, as nbconvert's PDFExporter returns
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        where = (resources.get("metadata") or {}).get("path") or "."
        library = Path(self.library) if self.library else None
        try:
            output = render_saved(nb_copy, self.format_name, library, Path(where))
        except ClauseKitError as exc:
            from nbconvert.nbconvertapp import NbConvertApp  # not at the top: it imports the exporters

            if NbConvertApp.initialized():  # on the command line: the message, not a traceback
                self.log.error("%s", exc.format())
                raise SystemExit(1) from None
            raise  # inside Jupyter Server: the handler reports it
        resources["output_extension"] = self.file_extension
        return output, resources

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return f".{REGISTRY[self.format_name].extension}"


def class_name(fmt: Format) -> str:
    """``docx`` → ``DocxExporter``: the name pyproject's entry point ``clausekit_docx`` points at."""
    return f"{fmt.name.capitalize()}Exporter"


def _exporter(fmt: Format) -> type[ClauseKitExporter]:
    attributes = {
        "__doc__": f"The document as {fmt.label}.",
        "__module__": __name__,
        "format_name": fmt.name,
        "export_from_notebook": f"clausekit {fmt.label}",
        "output_mimetype": fmt.mime,
    }
    return type(class_name(fmt), (ClauseKitExporter,), attributes)


# One exporter class per registered format, made from its Format (name, MIME type, label).
EXPORTERS: dict[str, type[ClauseKitExporter]] = {class_name(f): _exporter(f) for f in REGISTRY.values()}


def __getattr__(name: str) -> type[ClauseKitExporter]:
    """``exporters.DocxExporter`` and the rest, as the entry points name them."""
    try:
        return EXPORTERS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
