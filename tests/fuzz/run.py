"""Run the fuzz targets one after another; exit 1 if any crashed (used by .ci/run; docs/fuzzing.md).

    python3 tests/fuzz/run.py --seconds 25                  # each target 25 s (CI)
    python3 tests/fuzz/run.py render --seconds 14400 --all-crashes -max_len=8192

New inputs go to a scratch corpus (``--work``, default a temporary folder), never into the seed
corpus in the repository; a crash is written to ``<work>/<target>/crash-…`` and named on stderr.
Crashes already recorded in known.py are tolerated unless ``--all-crashes``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("answers", "library", "render")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("targets", nargs="*", help=f"some of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=25, help="run time per target")
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take")
    parser.add_argument("--work", type=Path, help="scratch corpus and crashes (default: a temporary folder)")
    parser.add_argument("--all-crashes", action="store_true", help="stop on known crashes too")
    args, libfuzzer = parser.parse_known_args(argv)  # anything else (-jobs=2, -dict=…) goes to libFuzzer
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]}; choose from {', '.join(TARGETS)}")
    work = args.work or Path(tempfile.mkdtemp(prefix="clausekit-fuzz-"))
    env = {**os.environ, "CLAUSEKIT_FUZZ_KNOWN": "" if args.all_crashes else "skip"}
    failed = []
    for target in args.targets or TARGETS:
        scratch = work / target
        scratch.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, str(HERE / f"fuzz_{target}.py"),
            f"-max_total_time={args.seconds}", f"-timeout={args.timeout}", "-rss_limit_mb=2048",
            f"-artifact_prefix={scratch}/", "-print_final_stats=1",
            *([f"-dict={HERE / 'yaml.dict'}"] if target != "render" else []),
            *libfuzzer,
            str(scratch), str(HERE / "corpus" / target),
        ]  # fmt: skip
        print(f"fuzz {target}: {args.seconds} s", flush=True)
        if subprocess.run(command, env=env, check=False).returncode != 0:
            crashes = sorted(p.name for p in scratch.glob("*-*") if p.is_file())
            print(
                f"fuzz {target}: CRASH {', '.join(crashes)} in {scratch} (docs/fuzzing.md)", file=sys.stderr
            )
            failed.append(target)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
