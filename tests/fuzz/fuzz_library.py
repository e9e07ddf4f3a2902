"""Fuzz target: bytes → a clause file or a template.yaml in a temporary library → load → render.

The library is a copy of the mini fixture (tests/fixtures/mini). An input whose first line is
``---`` replaces its clause ``doel.md``, any other its template.yaml (the YAML parser, pure
Python, is most of the cost: one file per input). What loads is rendered with one answer.
Only ClauseKitError may escape.
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
    name = "doel.md" if data.split(b"\n", 1)[0].strip() == b"---" else "template.yaml"
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
