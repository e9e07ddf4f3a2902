"""Shared timing helper for the benchmark scripts: run, then print median and p95 in ms."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(label: str, action: Callable[[], object], runs: int, warmup: int = 3) -> dict[str, float]:
    """Time ``action`` ``runs`` times after ``warmup`` runs; print and return median and p95 (ms)."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    result = {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
        "runs": runs,
    }
    print(f"{label}: median {result['median_ms']:.3f} ms, p95 {result['p95_ms']:.3f} ms over {runs} runs")
    return result
