"""Time of one in-process render of the flagship (median and p95 of 100), per shipped example.

python benchmarks/render.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import measure  # noqa: E402

from toolkit import HtmlWriter, Library, load_answers_file, to_markdown, validate  # noqa: E402

TEMPLATE = "richtlijnen-social-media"


def main() -> None:
    library = Library(ROOT / "clauses")
    template = library.template(TEMPLATE)
    writer = HtmlWriter()
    for example in sorted(template.examples_dir.glob("*.yaml")):
        raw, _ = load_answers_file(example)
        answers = validate(template, raw)
        measure(
            f"{example.stem}: validate+render+markdown",
            lambda raw=raw: to_markdown(library.render(template, validate(template, raw))),
            100,
        )
        measure(
            f"{example.stem}: render+html preview",
            lambda answers=answers: writer.fragment(library.render(template, answers)),
            100,
        )


if __name__ == "__main__":
    main()
