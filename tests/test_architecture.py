"""The layers, read from the imports of toolkit/**/*.py with ast: the faces stand on the core and
on toolkit.ui, never on each other, and the core imports no face and no notebook machinery."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "toolkit"
FACES = ("toolkit.notebook", "toolkit.questionnaire", "toolkit.cli")
UI_LIBRARIES = ("ipywidgets", "nbconvert", "IPython")
CORE_PACKAGES = ("checks", "publish")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, bool]]:
    """Every module ``path`` imports (relative imports resolved), and whether at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = package[: len(package) - child.level + 1] if child.level else []
                module = ".".join([*base, *([child.module] if child.module else [])])
                found.append((module, top))
                # ``from . import dutch`` imports a module too
                found.extend((f"{module}.{alias.name}", top) for alias in child.names)
            visit(child, inner)

    visit(tree, True)
    return found


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def offending(
    module_prefix: tuple[str, ...], forbidden: tuple[str, ...], top_only: bool = False
) -> list[str]:
    return [
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if within(name, module_prefix)
        for target, top in imports(path)
        if within(target, forbidden) and (top or not top_only)
    ]


def test_the_import_reader_sees_relative_and_lazy_imports() -> None:
    found = dict(imports(PACKAGE / "notebook" / "__init__.py"))
    assert found["toolkit.notebook.locate"] is True
    assert found["toolkit.notebook.studio"] is False  # imported inside __getattr__


def test_the_studio_never_imports_the_questionnaire() -> None:
    assert offending(("toolkit.notebook",), ("toolkit.questionnaire",)) == []


def test_the_questionnaire_never_imports_the_studio() -> None:
    assert offending(("toolkit.questionnaire",), ("toolkit.notebook",)) == []


def test_the_ui_layer_imports_no_face() -> None:
    assert offending(("toolkit.ui",), FACES) == []


@pytest.mark.parametrize("forbidden", [FACES, ("toolkit.ui",), UI_LIBRARIES])
def test_the_core_imports_no_face_and_no_notebook_machinery(forbidden: tuple[str, ...]) -> None:
    core = tuple(
        name
        for name in MODULES
        if name.count(".") == 1 and name != "toolkit.__main__" and not within(name, (*FACES, "toolkit.ui"))
    )
    core += tuple(f"toolkit.{package}" for package in CORE_PACKAGES)
    assert len(core) > 10
    assert offending(core, forbidden) == []


def test_the_flow_and_the_terminal_need_no_widgets() -> None:
    """The terminal interview runs without ipywidgets: the flow under it imports none."""
    lean = ("toolkit.ui.flow", "toolkit.ui.dutch", "toolkit.ui.preview", "toolkit.questionnaire.terminal")
    assert offending(lean, (*UI_LIBRARIES, "toolkit.ui.widgets"), top_only=True) == []
