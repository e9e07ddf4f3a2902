"""The studio in a real kernel: the file watcher on the kernel loop, debounced typing, saved answers."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.notebook.saved import saved_state

CELLS = [
    """from toolkit.notebook import Studio
studio = Studio("mini", library=LIBRARY, answers={"naam": "Acme"})
studio""",
    """import asyncio, pathlib
doel = pathlib.Path(LIBRARY) / "mini" / "doel.md"
doel.write_text(doel.read_text(encoding="utf-8").replace("Deze regeling", "Dit reglement"), encoding="utf-8")
await asyncio.sleep(1.0)  # the watcher polls every 0.5 s; no restart, no manual reload
assert "Dit reglement geldt voor Acme" in studio.preview.html.value, studio.preview.html.value""",
    """calls = []
render = studio.update
studio.update = lambda: (calls.append(1), render())[1]
for i in range(30):
    studio.fields["naam"].control.value = f"Naam {i}"
assert calls == []
await asyncio.sleep(0.6)
assert len(calls) == 1 and "Naam 29" in studio.preview.html.value, (calls, studio.preview.html.value)""",
]


@pytest.mark.slow
def test_watcher_debounce_and_saved_answers_in_a_real_kernel(mini_library: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    source = [f"LIBRARY = {str(mini_library)!r}\n" + CELLS[0], *CELLS[1:]]
    notebook.cells = [nbformat.v4.new_code_cell(s) for s in source]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    errors = [o for c in notebook.cells for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    state = saved_state(notebook)  # the display was updated from the kernel after the burst
    assert state is not None and state.answers["naam"] == "Naam 29"
