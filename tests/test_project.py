"""The project's promises about itself: README's commands, CI, packaging."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

from conftest import ROOT

from toolkit.cli import main


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().splitlines()[-1] == test.strip()
    assert "set -euo pipefail" in ci


def test_readme_render_command_renders_the_shipped_example(tmp_path: Path) -> None:
    """README's render example, run for real (the first command is run by tests/test_publish_ci.py)."""
    render = next(c for c in _readme_commands() if c.startswith("clausekit render "))
    argv = shlex.split(render)
    assert argv[:2] == ["clausekit", "render"]
    out = tmp_path / "out"
    argv[argv.index("-o") + 1] = str(out)
    assert main([*argv[1:], "--library", str(ROOT / "clauses")]) == 0
    stem = Path(argv[argv.index("--answers") + 1]).stem
    answers = (ROOT / argv[argv.index("--answers") + 1]).read_text(encoding="utf-8")
    organisation = re.search(r"^organisatie: (.+)$", answers, re.M)
    assert organisation
    assert organisation.group(1) in (out / f"{stem}.html").read_text(encoding="utf-8")


def test_environment_yml_keeps_step_with_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = (ROOT / "environment.yml").read_text()
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    for requirement in project["dependencies"] + extras:
        name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0]
        if name == "clausekit":  # dev pulls in the other extras
            continue
        bound = re.search(r">=\s*([\d.]+)", requirement)
        assert name.lower() in env.lower(), f"{name} missing from environment.yml"
        if bound:
            assert bound.group(1) in env, f"{name} lower bound {bound.group(1)} differs in environment.yml"
