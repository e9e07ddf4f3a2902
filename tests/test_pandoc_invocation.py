"""How pandoc and Typst are run: the wheel's pandoc without a version probe, one long-lived pandoc and
one long-lived Typst child per process; the bytes are those of the old way (pypandoc's lookup, one
``pandoc`` process and one Typst child per document)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]
import pytest

from toolkit import Library, load_answers_file
from toolkit.model import Document
from toolkit.publish import pandoc
from toolkit.publish import pdf as pdf_module
from toolkit.publish.docx import to_docx
from toolkit.publish.markdown import document_markdown, document_meta
from toolkit.publish.pdf import markdown_to_typst

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = "richtlijnen-social-media"


def _documents() -> list[Document]:
    library = Library(ROOT / "clauses")
    template = library.template(FLAGSHIP)
    documents = []
    for example in sorted(template.examples_dir.glob("*.yaml")):
        raw, locations = load_answers_file(example)
        documents.append(library.render(template, library.validate(template, raw, locations, source=example)))
    return documents


def _outputs(documents: list[Document]) -> list[tuple[bytes, str, bytes]]:
    """DOCX, pandoc's Typst and pandoc's AST of pandoc's reading of every document's Markdown."""
    result = []
    for document in documents:
        markdown = document_markdown(document)
        ast = pandoc.run_pandoc(["--from", pandoc.READER, "--to", "json"], markdown.encode("utf-8"))
        result.append((to_docx(document), markdown_to_typst(markdown), ast))
    return result


@pytest.fixture
def old_way(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Switch to the old invocation: pypandoc's probing lookup, one pandoc process per call."""

    def switch() -> None:
        monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(pypandoc.get_pandoc_path()))
        monkeypatch.setenv(pandoc.ONE_SHOT_VARIABLE, "1")

    yield switch


def test_pandoc_is_found_without_running_it() -> None:
    assert Path(pandoc.pandoc_path()).resolve() == Path(pypandoc.get_pandoc_path()).resolve()


def test_flagship_outputs_are_byte_identical_to_the_old_invocation(old_way: Callable[[], None]) -> None:
    documents = _documents()
    assert len(documents) >= 4
    new = _outputs(documents)
    old_way()
    old = _outputs(documents)
    for (new_docx, new_typst, new_ast), (old_docx, old_typst, old_ast) in zip(new, old, strict=True):
        assert new_docx == old_docx
        assert new_typst == old_typst
        assert new_ast == old_ast
        assert json.loads(new_ast)["blocks"]


def _one_shot_typst(job: bytes, root: Path, seconds: float) -> bytes:
    """The old way: a fresh Python child running the same program for one PDF."""
    command = [sys.executable, "-c", pdf_module._CHILD]
    return subprocess.run(
        command, input=job, capture_output=True, cwd=root, timeout=seconds, check=True
    ).stdout


def test_flagship_pdfs_from_the_long_lived_typst_child_are_byte_identical(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = _documents()
    new = [pdf_module.to_pdf(document) for document in documents]
    monkeypatch.setattr(pdf_module, "_compile_in_child", _one_shot_typst)
    old = [pdf_module.to_pdf(document) for document in documents]
    assert new == old and all(pdf.startswith(b"%PDF-") for pdf in new)


def test_the_typst_child_killed_over_its_budget_is_replaced_for_the_next_pdf() -> None:
    document = _documents()[0]
    markdown, meta, epoch = document_markdown(document), document_meta(document.template), 0
    with pytest.raises(pdf_module.PdfError, match="did not finish"):
        pdf_module.markdown_to_pdf(markdown, meta, epoch, seconds=0.001)
    assert pdf_module.markdown_to_pdf(markdown, meta, epoch).startswith(b"%PDF-")


def test_threads_converting_at_once_each_get_a_pandoc_and_the_same_bytes() -> None:
    from concurrent.futures import ThreadPoolExecutor

    document = _documents()[1]
    alone = to_docx(document)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: to_docx(document), range(8)))
    assert together == [alone] * 8


def test_an_image_left_after_the_filters_goes_to_the_sandboxed_one_shot_pandoc(tmp_path: Path) -> None:
    """The long-lived pandoc's writer is not sandboxed: a document still holding an image (here: no
    filter removes it) is converted by ``pandoc --sandbox``, which embeds no local file."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nGEHEIM")
    args = ["--from", pandoc.READER, "--to", "docx", "--output", "-"]
    assert pandoc.job_of(args) is not None  # the server is asked first
    output = pandoc.run_pandoc(args, f"![alt]({secret})\n".encode())
    with zipfile.ZipFile(io.BytesIO(output)) as document:
        assert not [name for name in document.namelist() if name.startswith("word/media/")]
        assert all(b"GEHEIM" not in document.read(name) for name in document.namelist())
