"""Time from a widget change to new preview HTML in the studio (median and p95 of 200 changes).

Runs the real Studio on the flagship with real widgets (no front end): each change sets a
widget's value, which runs the observer, validation, render and HTML writer, exactly as in a
kernel after the debounce. Goal: median ≤ 15 ms.

python benchmarks/preview.py
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
    names = (f"Organisatie {i} B.V." for i in itertools.count())
    forms = itertools.cycle(["je", "u"])

    def type_name() -> None:
        name = next(names)
        studio.fields["organisatie"].control.value = name
        assert name in studio.preview.html.value, "the preview did not follow"

    def switch_form() -> None:
        before = studio.preview.html.value
        studio.fields["aanspreekvorm"].control.value = next(forms)
        assert studio.preview.html.value != before, "the preview did not follow"

    measure("text field → preview (organisatie)", type_name, RUNS)
    measure("choice → preview (aanspreekvorm je/u)", switch_form, RUNS)
    studio.preview.logic.value = True
    measure("text field → preview, show logic on", type_name, RUNS)


if __name__ == "__main__":
    main()
