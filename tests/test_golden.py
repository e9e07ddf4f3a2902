"""Golden files: fixtures/golden/<case>/answers.yaml → expected.md and expected.html, compared exactly.

The case's name says its template: ``mini-…`` renders tests/fixtures/mini, ``overeenkomst-…`` the
template with parts, blocks and every kind of reference in tests/fixtures/shapes.

Regenerate on purpose with ``CLAUSEKIT_REGEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, REGENERATE

from toolkit import Library, load_answers_file, to_html, to_markdown, validate

CASES = sorted(p for p in (FIXTURES / "golden").iterdir() if p.is_dir())
LIBRARIES = {"mini": FIXTURES / "mini", "overeenkomst": FIXTURES / "shapes"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    template_id = case.name.split("-")[0]
    library = Library(LIBRARIES[template_id])
    template = library.template(template_id)
    raw, locations = load_answers_file(case / "answers.yaml")
    document = library.render(template, validate(template, raw, locations))
    for name, text in (("expected.md", to_markdown(document)), ("expected.html", to_html(document))):
        expected = case / name
        if REGENERATE or not expected.exists():
            expected.write_text(text, encoding="utf-8")
            if not REGENERATE:
                pytest.fail(f"{expected} was missing and has been written; review and commit it")
        assert text == expected.read_text(encoding="utf-8"), (
            f"{expected} differs (CLAUSEKIT_REGEN=1 to update)"
        )
