"""Fuzz target: bytes → a clause file, and → a template.yaml, in a temporary library → load → render.

The library is a copy of the mini fixture (tests/fixtures/mini): the input replaces its clause
``doel.md`` (keeping template.yaml), then its template.yaml (keeping the clauses). What loads is
rendered with one answer. Only ClauseKitError may escape.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import oracle

from toolkit import Library, to_markdown

WORK = Path(tempfile.mkdtemp(prefix="clausekit-fuzz-library-"))
shutil.copytree(oracle.MINI_LIBRARY, WORK, dirs_exist_ok=True)
FOLDER = WORK / "mini"
ORIGINAL = {name: (FOLDER / name).read_bytes() for name in ("doel.md", "template.yaml")}


def one_input(data: bytes) -> None:
    for name in ORIGINAL:
        (FOLDER / name).write_bytes(data)
        try:
            oracle.guarded(_load_and_render)
        finally:
            (FOLDER / name).write_bytes(ORIGINAL[name])


def _load_and_render() -> None:
    library = Library(WORK)
    template = library.template("mini")
    answers = library.validate(template, {"naam": "Acme B.V."})
    to_markdown(library.render(template, answers))


def main() -> None:
    import atheris

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
