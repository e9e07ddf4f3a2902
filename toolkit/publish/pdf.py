"""Markdown → tagged PDF/UA-1 and PDF/A-2a without LaTeX: pandoc's Typst writer, then Typst in a
child process.

Fonts: Typst's bundled Libertinus Serif only (system fonts ignored), so the bytes do not depend on
the machine; toolkit/charset.py refuses answers with characters these fonts lack. The Typst root is
an empty folder: nothing in a document can read a file. Typst runs in a child process with a time
budget (``TYPST_SECONDS``), killed when it runs over: Typst cannot be interrupted in process.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Final

from ..errors import ClauseKitError
from ..locales import locale_for
from ..model import Document
from .markdown import Meta, document_markdown, document_meta, source_epoch
from .pandoc import FILTER, READER, run_pandoc
from .typst_server import ServerFailed, typst_server

HOUSE_TYP = Path(__file__).with_name("house.typ")
# Tagged and archival at once: PDF/UA-1 (accessible: a structure tree of headings, lists, tables with
# header cells, the document language, a title) and PDF/A-2a (archival, level "a": tagged as well).
PDF_STANDARDS: Final = ("ua-1", "a-2a")
PDF_STANDARD: Final = "PDF/UA-1, PDF/A-2a"  # as the manifest names it
TYPST_SECONDS: Final = 120.0  # the flagship takes about a second; a runaway document is stopped here
_TYPST_FAILED: Final = 3  # the child's exit code when Typst itself refused the document
# The child: imports only typst (not clausekit), compiles the job on stdin, PDF bytes to stdout.
_CHILD: Final = """
import json, sys, warnings
warnings.simplefilter("ignore")
import typst
job = json.load(sys.stdin)
try:
    pdf = typst.compile(job["main"], root=job["root"], font_paths=[], ignore_system_fonts=True,
                        sys_inputs=job["inputs"], timestamp=job["timestamp"], pdf_standards=job["standard"])
except Exception as exc:
    sys.stderr.write(str(exc))
    sys.exit(3)
sys.stdout.buffer.write(pdf)
"""


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


def language_inputs(tag: str) -> dict[str, str]:
    """The document language for hyphenation and the footer "page X of Y" in its words, for Typst."""
    words = locale_for(tag)
    language, _, region = words.tag.partition("-")
    pieces = [literal for literal, _ in words.pieces("document.page_footer")]
    before, between, after = [*pieces, "", "", ""][:3]
    return {
        "lang": language,
        "region": region,
        "page-before": before,
        "page-between": between,
        "page-after": after,
    }


def markdown_to_pdf(markdown: str, meta: Meta, epoch: int, seconds: float = TYPST_SECONDS) -> bytes:
    """The PDF/A of ``markdown``; a PdfError when Typst refuses it or runs longer than ``seconds``."""
    return compile_typst(markdown_to_typst(markdown), meta, epoch, seconds)


def compile_typst(source: str, meta: Meta, epoch: int, seconds: float = TYPST_SECONDS) -> bytes:
    """Typst ``source`` (the house style and the body) → PDF/A, in a child process given ``seconds``."""
    try:
        import typst  # noqa: F401  # here only to say early, and clearly, that it is missing
    except ImportError as exc:
        raise PdfError("typst is not installed", hint='pip install -e ".[publish]"') from exc
    inputs = {"title": meta.title, "subtitle": meta.subtitle, "date": meta.date, **language_inputs(meta.lang)}
    with tempfile.TemporaryDirectory(prefix="clausekit-typst-") as folder:
        root = Path(folder)  # holds only the document: nothing else can be read
        main = root / "document.typ"
        main.write_text(source, encoding="utf-8")
        job = {"main": str(main), "root": str(root), "inputs": inputs, "timestamp": epoch}
        job["standard"] = list(PDF_STANDARDS)
        return _compile_in_child(json.dumps(job).encode("utf-8"), root, seconds)


def _compile_in_child(job: bytes, root: Path, seconds: float) -> bytes:
    # The long-lived Typst child (toolkit/publish/typst_server.py) runs _CHILD per job; it is killed
    # when the budget is spent. ``root`` is the job's own folder, named in the job.
    try:
        code, output = typst_server(_CHILD).compile(job, seconds)
    except ServerFailed as exc:
        if exc.timed_out:
            raise PdfError(
                f"Typst did not finish the PDF within {seconds:g} seconds and was stopped",
                hint="the document is too large for a PDF: shorten the longest answers, "
                "or write it as docx, html or md",
            ) from None
        code, output = exc.returncode or -1, exc.message.encode("utf-8", "replace")
    if code == _TYPST_FAILED:
        message = output.decode("utf-8", "replace").strip()
        raise PdfError(f"typst failed: {message}", hint="this is a bug in clausekit if the input loaded")
    if code != 0:
        detail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise PdfError(
            f"Typst stopped unexpectedly (exit code {code}): {detail[0]}",
            hint="check that the machine has memory to spare, then try again",
        )
    return output


def to_pdf(document: Document) -> bytes:
    """The document as PDF/UA-1 and PDF/A-2a (the ``pdf`` entry of toolkit.formats.FORMATS)."""
    template = document.template
    return markdown_to_pdf(document_markdown(document), document_meta(template), source_epoch(template))
