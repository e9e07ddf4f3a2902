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
    ("ValueError", "yamlio.py", "load_yaml"): "an impossible YAML date, an int over 4,300 digits, or !!int x",
    (
        "AttributeError",
        "yamlio.py",
        "load_yaml",
    ): "the tag !!omap on a scalar (ruamel.yaml's own bug, not caught)",
    ("IndexError", "yamlio.py", "load_yaml"): "the tag !!int on an empty value (a 6-byte file: '!!int ')",
    ("KeyError", "yamlio.py", "load_yaml"): "the tag !!bool on a value that is no boolean (!!bool x)",
    ("RecursionError", "yamlio.py", "load_yaml"): "YAML nested 250 levels deep",
    ("ValueError", "answers.py", "load_answers_file"): "a JSON int over 4,300 digits",
    ("RecursionError", "answers.py", "load_answers_file"): "JSON nested 100,000 levels deep",
    ("UnicodeDecodeError", "library.py", "load_clause"): "a clause file that is not UTF-8 (issue 11 §3)",
    ("UnicodeDecodeError", "library.py", "load_template"): "a template.yaml that is not UTF-8 (issue 11 §3)",
    ("RecursionError", "render.py", "_render_body"): "a recursive macro or loop in a clause (issue 11 §2)",
    ("RecursionError", "render.py", "body"): "90 nested parentheses in a clause expression",
    ("IndentationError", "render.py", "body"): "100 nested {% if %} in a clause: Python's indentation limit",
    ("AttributeError", "render.py", "datum"): "the datum filter on a value that is not a date",
    ("ValueError", "library.py", "_load_question"): "max_length that is not a number",
    ("TypeError", "library.py", "_load_question"): "max_length a list, or options not a list",
}
