"""Batch throughput: DOCX documents per second for many answer sets of the flagship.

python benchmarks/batch.py [N] [--to docx,pdf]

"today" is the path before the batch command: a loop rendering each answer set and running one
pandoc process per document (``CLAUSEKIT_PANDOC_ONE_SHOT=1``), on one core. "batch, 1 process" is
``render_batch`` with one long-lived pandoc (documents per second per core, the fair comparison);
"batch, every core" uses a process per core, as ``clausekit render --batch`` does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import load_answers_file  # noqa: E402
from toolkit.batch import Item, Renderer, default_jobs, render_batch  # noqa: E402
from toolkit.formats import write_documents  # noqa: E402
from toolkit.publish.pandoc import ONE_SHOT_VARIABLE  # noqa: E402

TEMPLATE = "richtlijnen-social-media"


def items(renderer: Renderer, count: int) -> list[Item]:
    examples = sorted(renderer.template.examples_dir.glob("*.yaml"))
    sets = [load_answers_file(path)[0] for path in examples]
    return [
        Item(where=f"#{n}", stem=f"d{n:04d}", path=examples[0], raw=sets[n % len(sets)]) for n in range(count)
    ]


def today(renderer: Renderer, batch: list[Item], out: Path) -> None:
    os.environ[ONE_SHOT_VARIABLE] = "1"
    try:
        for item in batch:
            assert item.raw is not None
            answers = renderer.library.validate(renderer.template, item.raw)
            write_documents(
                out, renderer.library.render(renderer.template, answers), renderer.formats, item.stem
            )
    finally:
        del os.environ[ONE_SHOT_VARIABLE]


def rate(label: str, action: object, count: int) -> float:
    assert callable(action)
    start = time.perf_counter()
    action()
    per_second = count / (time.perf_counter() - start)
    print(f"{label}: {per_second:.2f} documents/s")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=40)
    parser.add_argument("--to", default="docx")
    options = parser.parse_args()
    formats = options.to.split(",")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        renderer = Renderer(ROOT / "clauses", TEMPLATE, formats, out)
        batch = items(renderer, options.count)
        render_batch(renderer, batch[:2], 1, lambda _: None)  # warm: the long-lived pandoc started
        print(f"{options.count} answer sets of {TEMPLATE}, formats {options.to}, {default_jobs()} cores")
        old = rate(
            "today (a pandoc process per document, one core)",
            lambda: today(renderer, batch, out),
            options.count,
        )
        one = rate(
            "batch, 1 process (long-lived pandoc)",
            lambda: render_batch(renderer, batch, 1, lambda _: None),
            options.count,
        )
        jobs = default_jobs()
        every = rate(
            f"batch, {jobs} processes",
            lambda: render_batch(renderer, batch, jobs, lambda _: None),
            options.count,
        )
    print(f"ratio per core: {one / old:.2f}x; every core against today: {every / old:.2f}x")


if __name__ == "__main__":
    main()
