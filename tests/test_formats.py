"""An output format is one thing: every registered format goes through every face, and one render
writes all its files or none."""

from __future__ import annotations

import dataclasses
import html
import io
import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, docx_plain_text
from publish_helpers import approved_library, squeeze
from pypdf import PdfReader

from toolkit import Library
from toolkit.cli import main
from toolkit.errors import ClauseKitError
from toolkit.formats import FORMATS, REGISTRY, export_order, write_documents, write_files
from toolkit.notebook import export, exporters, studio
from toolkit.notebook.saved import SavedState, bundle
from toolkit.publish import pdf as pdf_module
from toolkit.publish.release import publish
from toolkit.questionnaire import default_formats, documents

NAME = "Zeta & <Co> — Ĳsselmeer € § „x”"
SENTENCE = f"Deze regeling geldt voor {NAME}."


def _html_text(data: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", data.decode("utf-8")))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# How a test reads the text of each format's artefact: a new format adds its reader here.
TEXT: dict[str, Callable[[bytes], str]] = {
    "md": lambda data: data.decode("utf-8").replace("\\", ""),
    "html": _html_text,
    "docx": docx_plain_text,
    "pdf": _pdf_text,
}


def assert_holds(name: str, data: bytes, sentence: str = SENTENCE) -> None:
    assert squeeze(sentence) in squeeze(TEXT[name](data)), (name, TEXT[name](data)[:2000])


def test_every_registered_format_has_a_text_reader_and_a_complete_record() -> None:
    assert set(TEXT) == set(REGISTRY)
    for name, fmt in REGISTRY.items():
        assert fmt.name == name and fmt.extension and "/" in fmt.mime and fmt.label
        with pytest.raises(dataclasses.FrozenInstanceError):
            fmt.label = "x"  # type: ignore[misc]


def test_the_faces_take_their_lists_from_the_registry() -> None:
    assert set(export.EXPORT_ORDER) == set(FORMATS) == set(export_order())
    assert default_formats() == [name for name, fmt in FORMATS.items() if fmt.released]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    points = pyproject["project"]["entry-points"]["nbconvert.exporters"]
    assert points == {
        f"clausekit_{fmt.name}": f"toolkit.notebook.exporters:{exporters.class_name(fmt)}"
        for fmt in REGISTRY.values()
    }
    for fmt in REGISTRY.values():
        exporter = getattr(exporters, exporters.class_name(fmt))
        assert exporter.output_mimetype == fmt.mime
        assert exporter.export_from_notebook == f"clausekit {fmt.label}"
        assert exporter().file_extension == f".{fmt.extension}"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("release")
    library = approved_library(root / "lib")
    return publish(Library(library), Library(library).template("mini"), root / "dist").path


@pytest.mark.requires("ssh-keygen")
@pytest.mark.slow
@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_in_every_face(name: str, mini_library: Path, tmp_path: Path, release: Path) -> None:
    extension = REGISTRY[name].extension
    library = Library(mini_library)
    template = library.template("mini")
    answers = library.validate(template, {"naam": NAME})

    # clausekit render
    answers_file = tmp_path / "antwoorden.yaml"
    answers_file.write_text(f'naam: "{NAME}"\n', encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", "mini", "--library", str(mini_library), "--answers", str(answers_file)]
    assert main([*args, "--to", name, "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"antwoorden.{extension}"]
    assert_holds(name, (out / f"antwoorden.{extension}").read_bytes())

    # the questionnaire (web and terminal)
    files = documents(library, template, answers, [name])
    assert list(files) == [f"mini.{extension}"]
    assert_holds(name, files[f"mini.{extension}"])

    # the studio's export
    exported = studio.Studio("mini", library=mini_library, answers={"naam": NAME}, watch=False).export(
        name, tmp_path / "exports"
    )
    assert exported.name == f"mini-{template.version}.{extension}"
    assert_holds(name, exported.read_bytes())

    # the nbconvert exporter (jupyter nbconvert --to clausekit_<name>)
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('Studio("mini")')
    saved = bundle(SavedState("mini", {"naam": NAME}, {}))
    cell.outputs = [nbformat.v4.new_output("display_data", data=saved)]
    notebook.cells = [cell]
    exporter = getattr(exporters, exporters.class_name(REGISTRY[name]))(library=str(mini_library))
    data, resources = exporter.from_notebook_node(notebook, resources={"metadata": {"path": str(tmp_path)}})
    assert resources["output_extension"] == f".{extension}"
    assert_holds(name, data)

    # a release carries the review edition and every example in each released format
    released = {p.relative_to(release).as_posix() for p in release.rglob(f"*.{extension}")}
    released -= {p for p in released if p.startswith("bundle/")}
    if REGISTRY[name].released:
        assert released == {f"review.{extension}", f"examples/acme.{extension}"}
        assert "Ïne `rm` $HOME" in TEXT[name]((release / f"examples/acme.{extension}").read_bytes())
        assert "geheim" in TEXT[name]((release / f"review.{extension}").read_bytes()).lower()
    else:
        assert released == set()


def _fail(*_args: object) -> bytes:
    raise pdf_module.PdfError("typst failed (simulated)")


@pytest.fixture
def failing_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typst fails on this document (as it did on a character its font lacks)."""
    monkeypatch.setattr(pdf_module, "to_pdf", _fail)


@pytest.mark.skipif("pdf" not in FORMATS, reason="needs the publish extra")
def test_a_failing_pdf_leaves_no_other_format_behind(
    mini_library: Path, tmp_path: Path, failing_pdf: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    answers = tmp_path / "a.yaml"
    answers.write_text("naam: Acme\n", encoding="utf-8")
    args = ["render", "mini", "--library", str(mini_library), "--answers", str(answers)]
    code = main([*args, "--to", "md,html,docx,pdf", "-o", str(out)])
    assert code == 1 and "simulated" in capsys.readouterr().err
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.skipif("pdf" not in FORMATS, reason="needs the publish extra")
def test_a_failing_pdf_keeps_the_previous_render_whole(mini_library: Path, tmp_path: Path) -> None:
    library = Library(mini_library)
    template = library.template("mini")
    first = library.render(template, library.validate(template, {"naam": "Eerste"}))
    out = tmp_path / "out"
    written = write_documents(out, first, ["md", "html"], "doc")
    before = {p.name: p.read_bytes() for p in written}
    second = library.render(template, library.validate(template, {"naam": "Tweede"}))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_module, "to_pdf", _fail)
        with pytest.raises(pdf_module.PdfError):
            write_documents(out, second, ["md", "html", "pdf"], "doc")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failed_rename_puts_the_old_files_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, {"a.md": "oud a", "b.md": "oud b"})
    real = os.replace
    calls: list[str] = []

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ClauseKitError, match="No space left") as caught:
        write_files(tmp_path, {"a.md": "nieuw a", "b.md": "nieuw b", "c.md": "nieuw c"})
    monkeypatch.undo()
    assert "nothing was written" in caught.value.format()
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.md": "oud a", "b.md": "oud b"}


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("er staat al iets", encoding="utf-8")
    with pytest.raises(ClauseKitError, match="is a file"):
        write_files(target, {"a.md": "x"})
    assert target.read_text(encoding="utf-8") == "er staat al iets"


@pytest.mark.skipif("pdf" not in FORMATS, reason="needs the publish extra")
def test_typst_over_its_time_budget_is_stopped_with_a_hint(mini_library: Path) -> None:
    from toolkit.publish.markdown import document_markdown, document_meta

    library = Library(mini_library)
    template = library.template("mini")
    document = library.render(template, library.validate(template, {"naam": "Acme"}))
    # a budget no Typst can meet (not even the child's start): the same path as a runaway document
    with pytest.raises(pdf_module.PdfError) as caught:
        pdf_module.markdown_to_pdf(document_markdown(document), document_meta(template), 0, seconds=0.001)
    assert "did not finish the PDF within 0.001 seconds" in caught.value.format()
    assert "shorten the longest answers" in caught.value.format()


@pytest.mark.skipif("pdf" not in FORMATS, reason="needs the publish extra")
def test_a_typst_error_in_the_child_is_reported_with_its_message() -> None:
    from toolkit.publish.markdown import Meta

    meta = Meta("T", "S", "")
    # a raw Typst call cannot come from Markdown (filter.lua escapes it): reach the child directly
    with pytest.raises(pdf_module.PdfError, match=r"typst failed: .*unknown variable"):
        pdf_module.compile_typst("#nonexistent_thing", meta, 0)


def test_the_pdf_takes_its_language_and_footer_words_from_the_locale() -> None:
    """house.typ spells no language: hyphenation and "pagina X van Y" arrive as data."""
    from toolkit.publish.pdf import language_inputs

    assert language_inputs("nl-NL") == {
        "lang": "nl", "region": "NL", "page-before": "pagina ", "page-between": " van ", "page-after": "",
    }  # fmt: skip
    assert language_inputs("nl-BE")["region"] == "BE"
    house = (ROOT / "toolkit" / "publish" / "house.typ").read_text(encoding="utf-8")
    assert "pagina" not in house and '"nl"' not in house
