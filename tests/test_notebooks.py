"""Every notebook in notebooks/ runs headless in a real kernel, and is committed without outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import docx_plain_text
from nbclient import NotebookClient

from toolkit.formats import FORMATS
from toolkit.notebook.exporters import DocxExporter
from toolkit.notebook.saved import MIME, saved_state

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PACKAGED = sorted((ROOT / "toolkit").rglob("*.ipynb"))  # what the package serves (the questionnaire)
FLAGSHIP = ROOT / "notebooks" / "richtlijnen-social-media.ipynb"
STRIP = ROOT / "notebooks" / ".strip_outputs.py"  # the git clean filter's nbconvert settings
# Notebook metadata that may be committed; anything else (widget state, cell timings) is noise.
ALLOWED_METADATA = {"kernelspec", "language_info", "jupytext"}


def execute(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[dict[str, object]]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def test_there_are_studio_notebooks() -> None:
    names = {p.name for p in NOTEBOOKS}
    assert {"richtlijnen-social-media.ipynb", "studio.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS + PACKAGED, ids=lambda p: p.name)
def test_committed_notebooks_carry_no_outputs(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: strip outputs"
    assert set(notebook["metadata"]) <= ALLOWED_METADATA, f"{path.name}: {sorted(notebook['metadata'])}"


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p != FLAGSHIP], ids=lambda p: p.name)
def test_notebook_runs_headless(path: Path) -> None:
    notebook = execute(path)
    errors = [o for o in outputs(notebook) if o["output_type"] == "error"]
    assert not errors, errors
    shown = [o for o in outputs(notebook) if o["output_type"] in ("display_data", "execute_result")]
    assert shown, "the notebook showed nothing"


@pytest.mark.slow
def test_flagship_notebook_runs_saves_its_answers_and_exports() -> None:
    notebook = execute(FLAGSHIP)
    assert not [o for o in outputs(notebook) if o["output_type"] == "error"]
    kinds = [set(o.get("data", {})) for o in outputs(notebook)]  # type: ignore[call-overload]
    assert any("application/vnd.jupyter.widget-view+json" in k for k in kinds)
    assert any(MIME in k for k in kinds)
    state = saved_state(notebook)
    assert state is not None and state.template == "richtlijnen-social-media"
    organisation = state.answers["organisatie"]
    assert organisation and state.answers["ingangsdatum"]
    if "docx" in FORMATS:
        data, resources = DocxExporter().from_notebook_node(
            notebook, resources={"metadata": {"path": str(FLAGSHIP.parent)}}
        )
        assert resources["output_extension"] == ".docx"
        text = docx_plain_text(data)
        assert organisation in text and "Artikel 1" in text
    # The documented git clean filter turns the run notebook back into the committed file.
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--config", str(STRIP), "--stdin", "--stdout"],
        input=nbformat.writes(notebook),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == FLAGSHIP.read_text(encoding="utf-8")
