"""The nbconvert exporters: registered by entry point, reading the answers a notebook saved."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import docx_plain_text
from nbconvert.exporters.base import get_export_names, get_exporter
from pypdf import PdfReader

from toolkit.notebook.exporters import DocxExporter, PdfExporter
from toolkit.notebook.saved import SavedState, bundle


@pytest.fixture
def project(tmp_path: Path, mini_library: Path) -> Path:
    """A project with clauses/ and notebooks/mini.ipynb holding saved studio answers."""
    shutil.copytree(mini_library, tmp_path / "clauses")
    (tmp_path / "notebooks").mkdir()
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('from toolkit.notebook import Studio\nStudio("mini")')
    answers = {"naam": "Zeta & <Co>", "pers": "afdeling", "streng": True}
    state = SavedState("mini", answers, {"geheim": "gewoon"})
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle(state))]
    notebook.cells = [cell]
    nbformat.write(notebook, tmp_path / "notebooks" / "mini.ipynb")
    return tmp_path


def test_exporters_are_registered_for_nbconvert_and_the_lab_menu() -> None:
    assert {"clausekit_docx", "clausekit_pdf"} <= set(get_export_names())
    assert get_exporter("clausekit_docx") is DocxExporter and get_exporter("clausekit_pdf") is PdfExporter
    assert DocxExporter().file_extension == ".docx" and PdfExporter().file_extension == ".pdf"
    assert DocxExporter.export_from_notebook and PdfExporter.output_mimetype == "application/pdf"


def test_docx_and_pdf_of_the_saved_answers(project: Path) -> None:
    notebook = nbformat.read(project / "notebooks" / "mini.ipynb", as_version=4)
    resources = {"metadata": {"path": str(project / "notebooks")}}
    data, out = DocxExporter().from_notebook_node(notebook, resources=resources)
    text = docx_plain_text(data)
    assert out["output_extension"] == ".docx"
    assert "Deze regeling geldt voor Zeta & <Co>." in text
    assert "Vertrouwelijke zaken worden niet gedeeld." in text  # the forced variant, not streng's
    assert "persafdeling" in text  # pers == afdeling includes the article
    pdf, _ = PdfExporter().from_notebook_node(notebook, resources=resources)
    assert pdf.startswith(b"%PDF")
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Zeta & <Co>" in pages


@pytest.mark.slow
def test_jupyter_nbconvert_to_clausekit_docx(project: Path) -> None:
    notebook = project / "notebooks" / "mini.ipynb"
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "clausekit_docx", str(notebook)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Zeta & <Co>" in docx_plain_text((project / "notebooks" / "mini.docx").read_bytes())


@pytest.mark.slow
def test_a_notebook_without_saved_answers_is_refused_with_a_hint(project: Path) -> None:
    bare = project / "notebooks" / "bare.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), bare)
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "clausekit_docx", str(bare)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "no saved clausekit answers" in run.stderr and "hint:" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "notebooks" / "bare.docx").exists()
