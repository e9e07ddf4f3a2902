"""Running pandoc (the binary shipped by pypandoc-binary) safely: sandboxed, limited, timed out."""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..errors import ClauseKitError
from .jobserver import ServerFailed
from .pandoc_server import SCRIPT, PandocServer, job_of

# pandoc's Markdown without any way to smuggle in raw output, metadata, maths or citations.
# Answers are already escaped (toolkit/escape.py); this is the second line of defence, and it
# also binds what clause authors may use to plain document structure.
READER = (
    "markdown"
    "-raw_html-raw_tex-raw_attribute-yaml_metadata_block-pandoc_title_block-citations"
    "-tex_math_dollars-tex_math_single_backslash-tex_math_double_backslash-latex_macros"
    "-native_divs-native_spans-markdown_in_html_blocks-implicit_figures-auto_identifiers"
    "-footnotes-inline_notes-emoji"
)
FILTER = Path(__file__).with_name("filter.lua")  # images → alt text; exact text in Typst
MEMORY_LIMIT = "-M512M"  # the Haskell runtime's heap limit: a hostile input cannot eat the machine
TIMEOUT = 120.0
# Set to 1: one pandoc process per conversion (the old way), instead of one long-lived pandoc.
ONE_SHOT_VARIABLE = "CLAUSEKIT_PANDOC_ONE_SHOT"
# Set to 0: the long-lived pandoc reads every document whole, keeping no reading of its pieces
# (toolkit/publish/chunks.py), for measuring and for the tests that compare both ways.
PIECES_VARIABLE = "CLAUSEKIT_PANDOC_PIECES"
# Larger sources go to a one-shot pandoc. A ``pandoc lua`` process that reaches its heap limit
# spins instead of stopping with "Heap exhausted" (measured: a 540 kB paragraph under -M32M), so only
# sources far below what can fill MEMORY_LIMIT (about 5 MB for 512 MB; the flagship is 16 kB) are
# sent to the long-lived pandoc.
SERVER_MAX_BYTES = 200_000


class PandocError(ClauseKitError):
    """pandoc failed or is missing."""


@functools.cache
def pandoc_path() -> str:
    """The pandoc binary: ``PYPANDOC_PANDOC`` if set, else the one in the pypandoc-binary wheel.

    Found by looking, not by running it: pypandoc's own lookup runs ``pandoc --version`` on every
    candidate in every process, which costs more than a small document's conversion.
    """
    chosen = os.environ.get("PYPANDOC_PANDOC")
    if chosen:
        return chosen
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        raise PandocError(
            "pandoc is not installed", hint='install the publish extra: pip install -e ".[publish]"'
        )
    for folder in spec.submodule_search_locations:
        binary = Path(folder).resolve() / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
        if os.access(binary, os.X_OK):
            return str(binary)
    import pypandoc  # type: ignore[import-untyped]  # pypandoc without the wheel's binary: its search

    return str(pypandoc.get_pandoc_path())


@functools.cache
def pandoc_version() -> str:
    out = run_pandoc(["--version"], b"").decode("utf-8")
    return out.split("\n", 1)[0].split()[-1]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    # pandoc decodes its arguments (titles with ë or —) in the locale's encoding: make it UTF-8
    # everywhere, or a machine with LANG=C would publish different bytes.
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


@functools.cache
def _server(binary: str, memory_limit: str) -> PandocServer:
    """This process's long-lived pandoc (started on first use, one per binary and heap limit)."""
    command = [binary, "lua", str(SCRIPT), "+RTS", memory_limit, "-RTS"]
    server = PandocServer(command, _env(), TIMEOUT)
    atexit.register(server.close)  # ended and waited for: no stray process, its time counted as ours
    return server


def run_pandoc(args: Sequence[str], source: bytes) -> bytes:
    """What ``pandoc --sandbox ARGS`` writes to standard output for ``source``.

    Conversions the long-lived pandoc can do exactly (see :mod:`.pandoc_server`) go there; anything
    else, and every call when ``CLAUSEKIT_PANDOC_ONE_SHOT=1``, runs a pandoc process of its own.
    """
    one_shot = os.environ.get(ONE_SHOT_VARIABLE) == "1" or len(source) > SERVER_MAX_BYTES
    job = None if one_shot else job_of(args)
    if job is not None:
        try:
            pieces = job["from"] == READER and os.environ.get(PIECES_VARIABLE) != "0"
            output = _server(pandoc_path(), MEMORY_LIMIT).convert(job, source, pieces)
        except ServerFailed as exc:
            raise _failure(exc.message) from None
        if output is not None:
            return output
    return run_once(args, source)


def run_once(args: Sequence[str], source: bytes) -> bytes:
    """Run one ``pandoc --sandbox ARGS`` process on ``source`` and return its standard output."""
    command = [pandoc_path(), "--sandbox", *args, "+RTS", MEMORY_LIMIT, "-RTS"]
    try:
        result = subprocess.run(command, input=source, capture_output=True, env=_env(), timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise _failure(f"pandoc took longer than {TIMEOUT:.0f} s") from None
    if result.returncode != 0:
        raise _failure(result.stderr.decode("utf-8", "replace").strip() or f"exit code {result.returncode}")
    return result.stdout


def _failure(message: str) -> PandocError:
    if message.startswith("pandoc took longer than"):
        return PandocError(message, hint="is the document huge?")
    if "Heap exhausted" in message:  # the runtime's limit (MEMORY_LIMIT), not a crash
        return PandocError(
            f"the document is too large for pandoc's memory limit ({MEMORY_LIMIT[2:]}B)",
            hint="split very long clause texts into paragraphs and articles; no answer can cause this",
        )
    return PandocError(f"pandoc failed: {message}", hint="this is a bug in clausekit if the input loaded")
