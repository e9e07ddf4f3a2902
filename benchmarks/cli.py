"""Time of the command line on the flagship: median and p95 of ``--help``, ``list`` and ``render --to docx``
(each a fresh process, as a person or CI runs it).

python benchmarks/cli.py [RUNS] [--root CHECKOUT]   (--root: time another checkout, e.g. main)
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import measure

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "clauses/richtlijnen-social-media/examples/zorg.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=10)
    parser.add_argument("--root", type=Path, default=ROOT)
    options = parser.parse_args()
    root = options.root.resolve()

    cpu: list[float] = []

    def cli(*args: str) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        command = [sys.executable, "-m", "toolkit", *args]
        subprocess.run(command, cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)

    def timed(label: str, *args: str) -> None:
        cpu.clear()
        measure(label, lambda: cli(*args), options.runs, 1)
        # CPU time (user + system, of the process and its children): steadier than wall time on a busy machine
        print(f"    cpu median {statistics.median(cpu[1:]):.0f} ms")

    print(f"clausekit in {root}")
    with tempfile.TemporaryDirectory() as out:
        timed("clausekit --help", "--help")
        timed("clausekit list", "list")
        timed(
            "clausekit render --to docx",
            "render",
            "richtlijnen-social-media",
            "--answers",
            EXAMPLE,
            "--to",
            "docx",
            "-o",
            out,
        )


if __name__ == "__main__":
    main()
