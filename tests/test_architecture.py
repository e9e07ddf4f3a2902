"""The house's shape, read from the imports of toolkit/**/*.py with ast: the faces stand on the core
and on toolkit.ui, never on each other; the core imports no face and no notebook machinery; and no
toolkit module imports another in a cycle."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "toolkit"
FACES = ("toolkit.notebook", "toolkit.questionnaire", "toolkit.cli", "toolkit.web")
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


def test_the_web_face_imports_no_other_face_and_no_widgets() -> None:
    others = ("toolkit.notebook", "toolkit.questionnaire", "toolkit.cli", "toolkit.ui.widgets", *UI_LIBRARIES)
    assert offending(("toolkit.web",), others) == []
    assert offending(("toolkit.web",), ("toolkit.ui.flow",))  # it stands on the shared flow


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
    found = offending(core, forbidden)
    if forbidden == UI_LIBRARIES:  # a kind's widget face imports ipywidgets inside the method only
        found = [f for f in found if f not in offending(("toolkit.kinds",), ("ipywidgets",))]
    assert found == []


def test_a_kind_loads_ipywidgets_only_when_its_widget_is_asked_for() -> None:
    assert offending(("toolkit.kinds",), UI_LIBRARIES, top_only=True) == []
    assert offending(("toolkit.kinds",), ("nbconvert", "IPython", *FACES, "toolkit.ui")) == []
    assert offending(("toolkit.kinds",), ("ipywidgets",))  # the widget faces are there, lazily


def test_the_flow_and_the_terminal_need_no_widgets() -> None:
    """The terminal interview runs without ipywidgets: the flow under it imports none."""
    lean = ("toolkit.ui.flow", "toolkit.kinds", "toolkit.ui.preview", "toolkit.questionnaire.terminal")
    assert offending(lean, (*UI_LIBRARIES, "toolkit.ui.widgets"), top_only=True) == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the toolkit modules it imports, at module level or inside functions (via ``ast``)."""
    files = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # ``from package import module`` imports that module; ``from module import name`` the module
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_module_and_function_level_imports() -> None:
    graph = import_graph()
    assert "toolkit.render" in graph["toolkit.library"]  # module level
    assert "toolkit.answers" in graph["toolkit.library"]  # inside Library.validate
    assert "toolkit.loader.template" in graph["toolkit.loader"]  # from . import …
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_among_toolkit_modules() -> None:
    assert cycles(import_graph()) == []


# The Dutch words the core used to spell itself (issue 12 §4); the language seam is toolkit/locales.
DUTCH_WORDS = re.compile(
    r"\b(artikel|versie|pagina|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    r"|november|december|ja|nee|waar|onwaar|beoordelingsversie|wijzigingen|goedgekeurd|verplicht"
    r"|toelichting|voorbeeld|leeg|nl-NL)\b|lang=\"nl\"",
    re.IGNORECASE,
)
FACE_PARTS = ("locales", "notebook", "questionnaire", "ui", "cli")


def _string_literals(path: Path) -> Iterator[ast.Constant]:
    """The string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented) and node.body and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_the_core_spells_no_dutch_word_outside_the_locale() -> None:
    core = [
        p for p in sorted(PACKAGE.rglob("*.py")) if not set(p.relative_to(PACKAGE).parts) & set(FACE_PARTS)
    ]
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {match.group(0)!r}"
        for path in core
        for node in _string_literals(path)
        if (match := DUTCH_WORDS.search(node.value))
    ]
    assert found == [], "words belong in toolkit/locales:\n" + "\n".join(found)


def test_the_dutch_word_check_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('"""Artikel in a docstring is fine."""\nHEADING = f"Artikel {1}"\n', encoding="utf-8")
    assert [node.lineno for node in _string_literals(planted) if DUTCH_WORDS.search(node.value)] == [2]
