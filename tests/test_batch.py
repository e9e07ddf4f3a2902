"""``clausekit render --batch``: many answer sets on every core, each all or none, a report per item."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from toolkit.batch import Renderer, read_items, render_batch
from toolkit.errors import Location
from toolkit.formats import render_documents

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
pytestmark = pytest.mark.slow


def _answers(number: int) -> dict[str, object]:
    return {
        "naam": f"Klant {number} B.V.",
        "streng": number % 2 == 0,
        "kanalen": ["linkedin", "x"][: number % 3],
    }


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "toolkit", "render", "mini", "--library", str(MINI), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_200_answer_sets_with_two_bad_ones_make_198_documents_and_name_the_two(tmp_path: Path) -> None:
    lines = [json.dumps(_answers(n)) for n in range(1, 201)]
    lines[56] = '{"naam": "Klant 57", "streng": "misschien"}'  # line 57: not a yes or no
    lines[142] = '{"naam": "Klant 143", '  # line 143: cut off
    source = tmp_path / "klanten.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = _run("--batch", str(source), "--to", "docx,md", "-o", str(out), "-j", "2")
    assert done.returncode == 1, done.stderr[-2000:]
    docx = sorted(out.glob("*.docx"))
    assert len(docx) == 198 and len(list(out.glob("*.md"))) == 198
    assert {p.name for p in out.iterdir()} == {
        f"klanten-{n:03d}.{e}" for n in range(1, 201) if n not in (57, 143) for e in ("docx", "md")
    }
    assert f"{source}:57:" in done.stderr and "streng" in done.stderr
    assert f"{source}:143:" in done.stderr and "JSON" in done.stderr
    assert "198 van 200 antwoordsets gemaakt, 2 mislukt" in done.stderr
    assert "Klant 200 B" in (out / "klanten-200.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "klanten-001.docx") as document:
        assert "Klant 1 B.V." in document.read("word/document.xml").decode("utf-8")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing half-written left behind


def test_a_folder_of_answers_files_and_the_same_bytes_as_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for number in range(1, 5):
        (folder / f"klant{number}.json").write_text(json.dumps(_answers(number)), encoding="utf-8")
    (folder / "kapot.yaml").write_text("naam: [\n", encoding="utf-8")
    out = tmp_path / "out"
    done = _run("--batch", str(folder), "--to", "docx,md", "-o", str(out))
    assert done.returncode == 1
    assert "kapot.yaml:" in done.stderr and "4 van 5 antwoordsets gemaakt, 1 mislukt" in done.stderr
    renderer = Renderer(MINI, "mini", ["docx", "md"], tmp_path / "unused")
    for number in range(1, 5):
        raw = json.loads((folder / f"klant{number}.json").read_text(encoding="utf-8"))
        document = renderer.library.render(
            renderer.template, renderer.library.validate(renderer.template, raw)
        )
        alone = render_documents(document, ["docx", "md"], f"klant{number}")
        for name, data in alone.items():
            assert (out / name).read_bytes() == data


def test_in_process_batch_reports_in_order(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"naam": "A"}\n\n[1]\n{"naam": "C"}\n', encoding="utf-8")
    items = read_items(source)
    assert [item.where for item in items] == [f"{source}:1", f"{source}:3", f"{source}:4"]
    seen: list[str] = []
    outcomes = render_batch(
        Renderer(MINI, "mini", ["md"], tmp_path / "o"), items, 1, lambda o: seen.append(o.item.where)
    )
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert sorted(seen) == sorted(item.where for item in items)
    assert [p.name for o in outcomes for p in o.written] == ["a-1.md", "a-4.md"]


def test_a_line_too_long_is_reported_at_its_line_and_the_others_are_made(tmp_path: Path) -> None:
    """A line over the 1 MB budget is read a piece at a time and skipped, never held whole."""
    from toolkit.yamlio import MAX_BYTES

    source = tmp_path / "answers.jsonl"
    long = json.dumps({"organisatie": "x" * (MAX_BYTES + 10)})
    source.write_text(
        json.dumps(_answers(1)) + "\n" + long + "\n" + json.dumps(_answers(3)) + "\n", encoding="utf-8"
    )
    items = read_items(source)
    assert [item.where for item in items] == [f"{source}:1", f"{source}:2", f"{source}:3"]
    assert [item.problem is None for item in items] == [True, False, True]
    problem = items[1].problem
    assert problem is not None and problem.location == Location(source, 2)
    assert f"langer dan {MAX_BYTES} bytes" in problem.message
