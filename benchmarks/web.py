"""`clausekit web` under load: locust's visitors (benchmarks/web_locustfile.py) fill in the flagship
and download the DOCX, on the real uvicorn server with W worker processes, at 1, 20 and 50 visitors
at once (headless, each level for a fixed time on a fresh server).

Prints, per level: requests and failures (and what failed); the first page and the DOCX download,
median and p95; the resident memory of the server (master, workers, pandoc) at the start, its peak
and the end; the machine's load average at the end (locust itself runs on the same cores).

python benchmarks/web.py                          # 1,20,50 visitors, 2 workers, 30 s each
python benchmarks/web.py --users 50 --workers 4 --seconds 60
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import free_port  # noqa: E402
from serve import rss_mb  # noqa: E402
from test_voila_browser import stop_server  # noqa: E402
from web_helpers import start_web  # noqa: E402

LOCUSTFILE = Path(__file__).with_name("web_locustfile.py")


def run(users: int, workers: int, seconds: int) -> str:
    port = free_port()
    server = start_web(port, ROOT / "clauses", ["--workers", str(workers)])
    try:
        time.sleep(1)  # every worker up
        before = rss_mb(server.pid)
        with tempfile.TemporaryDirectory() as folder:
            prefix = os.path.join(folder, "stats")
            locust = subprocess.Popen(
                [
                    sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
                    "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
                    "--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--only-summary",
                    "--loglevel", "WARNING", "--stop-timeout", "30",
                ],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            peak = before
            while locust.poll() is None:  # the server's memory while the visitors come and go
                peak = max(peak, rss_mb(server.pid))
                time.sleep(0.5)
            after = rss_mb(server.pid)
            with open(prefix + "_stats.csv", newline="", encoding="utf-8") as file:
                rows = {row["Name"]: row for row in csv.DictReader(file)}
            with open(prefix + "_failures.csv", newline="", encoding="utf-8") as file:
                failures = [f"{r['Occurrences']} × {r['Name']}: {r['Error']}" for r in csv.DictReader(file)]
    finally:
        stop_server(server)
    first, docx, total = rows["first page"], rows.get("docx download", {}), rows["Aggregated"]

    def ms(row: dict[str, str], column: str) -> str:
        return row.get(column, "–") if row else "–"

    load = os.getloadavg()[0]
    return "\n".join(
        [
            f"| {users} | {total['Request Count']} / {total['Failure Count']} "
            f"| {ms(first, '50%')} / {ms(first, '95%')} ms "
            f"| {ms(docx, 'Request Count')} ({ms(docx, 'Failure Count')} refused): "
            f"{ms(docx, '50%')} / {ms(docx, '95%')} ms "
            f"| {before:.0f} / {peak:.0f} / {after:.0f} MB | {load:.1f} |",
            *(f"<!-- failures: {line[:300]} -->" for line in failures),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--users", default="1,20,50", help="visitors at once, comma-separated (default: 1,20,50)"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default: 2)")
    parser.add_argument("--seconds", type=int, default=30, help="how long each level runs (default: 30)")
    args = parser.parse_args()
    print(f"clausekit web, {args.workers} workers, {args.seconds} s per level, on {os.cpu_count()} cores")
    print(
        "| visitors | requests / failures | first page p50 / p95 | DOCX downloads: p50 / p95 "
        "| server RSS start / peak / end | load average (1 min) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for users in (int(n) for n in args.users.split(",")):
        print(run(users, args.workers, args.seconds), flush=True)


if __name__ == "__main__":
    main()
