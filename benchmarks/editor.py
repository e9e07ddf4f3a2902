"""Time from a keystroke in the editor to the preview of the unsaved text (median and p95).

Runs the real Studio on the flagship with real widgets (no front end): each keystroke sets the
editor's text, which renders a draft of the template in memory (the edited body compiled again,
the document rendered, the article written as HTML). Beside it, the plain preview render (an
answer changed in the form) and the ratio of the two. Goal: median ≤ 15 ms.

python benchmarks/editor.py
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import measure  # noqa: E402

from toolkit.notebook import Studio  # noqa: E402

TEMPLATE = "richtlijnen-social-media"
RUNS = 200


def main() -> None:
    studio = Studio(TEMPLATE, library=ROOT / "clauses", answers="zorg", watch=False, debounce=0)
    editor = studio.editor
    editor.open("vertrouwelijkheid", "streng")
    base = editor.text.value
    counter = itertools.count()

    def keystroke() -> None:
        word = f"woord{next(counter)}"
        editor.text.value = base.replace("Sociale media geen", f"Sociale media {word} geen", 1)
        assert word in editor.preview.value, "the preview did not follow"

    names = (f"Organisatie {i} B.V." for i in itertools.count())

    def answer() -> None:
        name = next(names)
        studio.fields["organisatie"].control.value = name
        assert name in studio.preview.html.value, "the preview did not follow"

    edit = measure("editor keystroke → preview of the unsaved text", keystroke, RUNS)
    plain = measure("form answer → preview (the plain preview render)", answer, RUNS)
    print(
        f"ratio editor / plain preview: median {edit['median_ms'] / plain['median_ms']:.2f}, "
        f"p95 {edit['p95_ms'] / plain['p95_ms']:.2f}"
    )


if __name__ == "__main__":
    main()
