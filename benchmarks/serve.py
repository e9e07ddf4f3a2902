"""`clausekit serve` under load: N visitors load the page at once (each load starts a kernel and
runs the notebook in it, as in a browser), on a fresh server per N.

Prints, per N: how many got the page and how many the busy page, time to first page (median, p95),
kernels and resident memory of the whole server (Voilà plus kernels) right after, and again once
the idle timeout has passed.

python benchmarks/serve.py                                  # the defaults of clausekit serve
python benchmarks/serve.py --max-sessions 10 --idle-timeout 10
python benchmarks/serve.py --max-sessions 100000 --idle-timeout 86400   # as before: no limits
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FLAGSHIP  # noqa: E402
from test_serve_limits import descendants, kernels, visit  # noqa: E402
from test_voila_browser import start_server, stop_server  # noqa: E402

from toolkit.questionnaire.serve import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, Limits  # noqa: E402


def rss_mb(root: int) -> float:
    """Resident memory of ``root`` and everything below it, in MB."""
    pages = 0
    for pid in descendants(root):
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return pages * 4096 / 2**20


def timed_visit(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    status, _ = visit(url)
    return status, time.perf_counter() - started


def run(visitors: int, limits: Limits, wait: bool) -> None:
    options = ["--max-sessions", str(limits.max_sessions), "--idle-timeout", str(limits.idle_timeout)]
    server, url = start_server(FLAGSHIP, library=ROOT / "clauses", options=options)
    try:
        with concurrent.futures.ThreadPoolExecutor(visitors) as pool:
            results = list(pool.map(timed_visit, [url] * visitors))
        served = sorted(seconds for status, seconds in results if status == 200)
        busy = sum(status == 503 for status, _ in results)
        p95 = served[min(len(served) - 1, round(0.95 * (len(served) - 1)))] if served else 0.0
        median = statistics.median(served) if served else 0.0
        line = (
            f"{visitors:3d} visitors: {len(served)} pages, {busy} busy; first page median {median:.1f} s, "
            f"p95 {p95:.1f} s; then {len(kernels(server))} kernels, {rss_mb(server.pid):.0f} MB"
        )
        if wait:
            time.sleep(limits.idle_timeout + 2 * limits.cull_interval + 1)
            line += f"; after {limits.idle_timeout} s idle {len(kernels(server))} kernels, "
            line += f"{rss_mb(server.pid):.0f} MB"
        print(line, flush=True)
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--visitors", default="1,5,20", help="comma-separated counts (default: 1,5,20)")
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS)
    parser.add_argument("--idle-timeout", type=int, default=DEFAULT_IDLE_TIMEOUT)
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the idle timeout")
    args = parser.parse_args()
    limits = Limits(args.max_sessions, args.idle_timeout)
    print(f"max sessions {limits.max_sessions}, idle timeout {limits.idle_timeout} s")
    for visitors in (int(n) for n in args.visitors.split(",")):
        run(visitors, limits, wait=not args.no_wait and limits.idle_timeout <= 120)


if __name__ == "__main__":
    main()
