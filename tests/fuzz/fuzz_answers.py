"""Fuzz target: bytes → an answers file (as .yaml and as .json) → validate.

Validated against the flagship template and the mini fixture, then rendered with the mini one
(cheap; tests/fuzz/fuzz_render.py covers rendering in depth). Only ClauseKitError may escape.
Run: python3 tests/fuzz/run.py answers (or this file with libFuzzer flags; docs/fuzzing.md).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import oracle

from toolkit import load_answers_file, to_markdown

FLAGSHIP = oracle.load(oracle.FLAGSHIP_LIBRARY, "richtlijnen-social-media")
MINI = oracle.load(oracle.MINI_LIBRARY, "mini")
WORK = Path(tempfile.mkdtemp(prefix="clausekit-fuzz-answers-"))


def one_input(data: bytes) -> None:
    for suffix in (".yaml", ".json"):
        path = WORK / f"antwoorden{suffix}"
        path.write_bytes(data)
        oracle.guarded(lambda path=path: _check(path))


def _check(path: Path) -> None:
    raw, locations = load_answers_file(path)
    flagship, flagship_template = FLAGSHIP
    oracle.guarded(lambda: flagship.validate(flagship_template, raw, locations, path))
    mini, template = MINI
    oracle.guarded(lambda: to_markdown(mini.render(template, mini.validate(template, raw, locations, path))))


def main() -> None:
    import atheris

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
