"""What the fuzz targets share: the libraries they load, the crash rule and the known crashes.

The crash rule: for bad input only ``ClauseKitError`` may escape (a message with file:line and a
hint); any other exception is a crash. ``known.py`` lists crashes already recorded (and owned by
someone fixing them); with ``CLAUSEKIT_FUZZ_KNOWN=skip`` (set by tests/fuzz/run.py) a target
swallows those so the fuzzer keeps looking for new ones.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script (python3 tests/fuzz/fuzz_x.py): this checkout first
    sys.path.insert(0, str(ROOT))

# Code under test, instrumented for coverage when a fuzz target is the program being run (not
# when pytest replays the corpus). Instrumenting everything (atheris.instrument_all) costs minutes.
INSTRUMENTED = ["toolkit", "ruamel", "jinja2", "markdown_it", "json"]
_MAIN = Path(getattr(sys.modules["__main__"], "__file__", "") or "")
_fuzzing = _MAIN.name.startswith("fuzz_") and _MAIN.parent == Path(__file__).resolve().parent
if _fuzzing:
    import atheris

    _hook: contextlib.AbstractContextManager[object] = atheris.instrument_imports(include=INSTRUMENTED)
else:
    _hook = contextlib.nullcontext()
with _hook:
    import markdown_it  # noqa: F401
    from known import KNOWN  # (a sibling: tests/fuzz is on sys.path)

    from toolkit import ClauseKitError, Library, Template

FUZZ_DIR = Path(__file__).resolve().parent
CORPUS = FUZZ_DIR / "corpus"
CRASHES = FUZZ_DIR / "crashes"
FLAGSHIP_LIBRARY = ROOT / "clauses"
MINI_LIBRARY = ROOT / "tests" / "fixtures" / "mini"
FUZZ_LIBRARY = FUZZ_DIR / "library"
SKIP_KNOWN = os.environ.get("CLAUSEKIT_FUZZ_KNOWN") == "skip"


def load(root: Path, template_id: str) -> tuple[Library, Template]:
    library = Library(root)
    return library, library.template(template_id)


def signature(exc: BaseException) -> tuple[str, str, str]:
    """(exception type, file, function) of the innermost frame in toolkit/ that it passed."""
    where = ("", "")
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if "toolkit" in path.parts:
            where = (path.name, frame.name)
    return (type(exc).__name__, *where)


def guarded(body: Callable[[], object]) -> None:
    """Run ``body``: a ClauseKitError is an answer to bad input; anything else is a crash."""
    try:
        body()
    except ClauseKitError:
        return
    except Exception as exc:
        if SKIP_KNOWN and signature(exc) in KNOWN:
            return
        raise
