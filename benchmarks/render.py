"""Time of one in-process render of the flagship (median and p95 of 100), per shipped example; then
the same render in each document language side by side (the flagship's editions, nl-NL and its en-GB
translation; before a translation existed, a copy whose template.yaml said en-GB), and the one-off
cost of reading each gettext catalogue.

python benchmarks/render.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
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
    languages()


def languages() -> None:
    """Each example rendered to Markdown with the template in nl-NL and in en-GB, side by side."""
    from toolkit.locales import CATALOGUES, read_catalogue

    for language in CATALOGUES:
        read_catalogue.cache_clear()
        start = time.perf_counter()
        read_catalogue(language)
        print(
            f"catalogue {language}: read in {(time.perf_counter() - start) * 1000:.1f} ms (once per process)"
        )
    library = Library(ROOT / "clauses")
    template = library.template(TEMPLATE)
    with tempfile.TemporaryDirectory() as folder:
        if len(template.languages) > 1:  # the flagship's own editions (translations/<tag>/)
            editions = {tag: (library, template.edition(tag)) for tag in template.languages}
        else:  # no translation yet: the same text with the other language's document words
            copy = Path(folder) / TEMPLATE
            shutil.copytree(ROOT / "clauses" / TEMPLATE, copy)
            source = copy / "template.yaml"
            source.write_text(
                source.read_text(encoding="utf-8").replace("language: nl-NL", "language: en-GB")
            )
            english = Library(Path(folder))
            editions = {"nl-NL": (library, template), "en-GB": (english, english.template(TEMPLATE))}
        for example in sorted((ROOT / "clauses" / TEMPLATE / "examples").glob("*.yaml")):
            raw, _ = load_answers_file(example)
            for tag, (owner, edition) in editions.items():
                answers = validate(edition, raw)
                measure(
                    f"{example.stem} [{tag}]: render+markdown",
                    lambda owner=owner, edition=edition, answers=answers: to_markdown(
                        owner.render(edition, answers)
                    ),
                    100,
                )


if __name__ == "__main__":
    main()
