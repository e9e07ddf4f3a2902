"""Crashes found by the fuzzers and recorded, not yet fixed: (exception, file, function) → reason.

A file in tests/fuzz/crashes/<target>/ reproduces each one; tests/test_fuzz_corpus.py replays
them as expected failures until the fix lands. When it does, delete the entry here: the replay
then must pass, and the fuzz run in .ci/run stops tolerating it.
"""

from __future__ import annotations

KNOWN: dict[tuple[str, str, str], str] = {
    ("UnicodeDecodeError", "answers.py", "load_answers_file"): (
        "an answers file that is not UTF-8 (issue 11 §3)"
    ),
    (
        "ValueError",
        "yamlio.py",
        "load_yaml",
    ): "a YAML date that does not exist (2027-02-29) or an int over 4,300 digits",
    ("RecursionError", "yamlio.py", "load_yaml"): "YAML nested 1,000 levels deep",
    ("ValueError", "answers.py", "load_answers_file"): "a JSON int over 4,300 digits",
    ("RecursionError", "answers.py", "load_answers_file"): "JSON nested 100,000 levels deep",
    ("UnicodeDecodeError", "library.py", "load_clause"): "a clause file that is not UTF-8 (issue 11 §3)",
    ("UnicodeDecodeError", "library.py", "load_template"): "a template.yaml that is not UTF-8 (issue 11 §3)",
}
