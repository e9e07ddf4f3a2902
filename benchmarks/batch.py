"""Batch throughput: DOCX documents per second for many answer sets of the flagship.

python benchmarks/batch.py [N] [--to docx,pdf]

"today" is the path before the batch command: a loop rendering each answer set and running one
pandoc process per document (``CLAUSEKIT_PANDOC_ONE_SHOT=1``), on one core. "batch, 1 process" is
``render_batch`` with one long-lived pandoc (documents per second per core, the fair comparison);
"batch, every core" uses a process per core, as ``clausekit render --batch`` does (its CPU time
counts only the workers that ended). Per core is measured in documents per CPU second (this process
and its pandoc children), which a busy machine disturbs far less than wall time.

The long-lived pandoc keeps the reading of each article and sub-clause (toolkit/publish/chunks.py):
the answer sets cycle through the template's examples, so after the first round most pieces are
known. "distinct organisations" gives every answer set its own organisation name (which appears in
many sub-clauses), as when a new version is re-issued to every customer; "pieces off" reads every
document whole (``CLAUSEKIT_PANDOC_PIECES=0``), the long-lived pandoc before the pieces.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import load_answers_file  # noqa: E402
from toolkit.batch import Item, Renderer, default_jobs, render_batch  # noqa: E402
from toolkit.formats import write_documents  # noqa: E402
from toolkit.publish.pandoc import ONE_SHOT_VARIABLE, PIECES_VARIABLE  # noqa: E402

TEMPLATE = "richtlijnen-social-media"


def items(renderer: Renderer, count: int, distinct: bool = False) -> list[Item]:
    examples = sorted(renderer.template.examples_dir.glob("*.yaml"))
    sets = [load_answers_file(path)[0] for path in examples]

    def answers(n: int) -> dict[str, object]:
        raw = dict(sets[n % len(sets)])
        if distinct:
            raw["organisatie"] = f"{raw['organisatie']} {n + 1}"
        return raw

    return [Item(where=f"#{n}", stem=f"d{n:04d}", path=examples[0], raw=answers(n)) for n in range(count)]


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


def cpu_seconds() -> float:
    """CPU time of this process, its ended children and its live children (the long-lived pandoc)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():  # fields after the name: state, ppid, …, utime (12), stime (13)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def rate(label: str, action: object, count: int) -> float:
    """Print documents per second of wall time and per CPU second (steadier on a busy machine)."""
    assert callable(action)
    start, cpu = time.perf_counter(), cpu_seconds()
    action()
    per_second = count / (time.perf_counter() - start)
    per_cpu = count / (cpu_seconds() - cpu)
    print(f"{label}: {per_second:.2f} documents/s, {per_cpu:.2f} documents per CPU second")
    return per_cpu


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
        distinct = items(renderer, options.count, distinct=True)
        unique = rate(
            "batch, 1 process, distinct organisations",
            lambda: render_batch(renderer, distinct, 1, lambda _: None),
            options.count,
        )
        os.environ[PIECES_VARIABLE] = "0"
        try:
            whole = rate(
                "batch, 1 process, pieces off (each document read whole)",
                lambda: render_batch(renderer, batch, 1, lambda _: None),
                options.count,
            )
        finally:
            del os.environ[PIECES_VARIABLE]
        jobs = default_jobs()
        start = time.perf_counter()
        render_batch(renderer, batch, jobs, lambda _: None)
        print(f"batch, {jobs} processes: {options.count / (time.perf_counter() - start):.2f} documents/s")
    print(f"ratio per core (documents per CPU second): {one / old:.2f}x (goal >= 2x)")
    print(f"  distinct organisations: {unique / old:.2f}x; pieces off: {whole / old:.2f}x")


if __name__ == "__main__":
    main()
