"""Crashes found by the fuzzers and recorded, not yet fixed: (exception, file, function) → reason.

A file in tests/fuzz/crashes/<target>/ reproduces each one; tests/test_fuzz_corpus.py replays
them as expected failures until the fix lands. When it does, delete the entry here: the replay
then must pass, and the fuzz run in .ci/run stops tolerating it.
"""

from __future__ import annotations

KNOWN: dict[tuple[str, str, str], str] = {}
