"""The project's promises about itself: README's commands, CI, packaging."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
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


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 error")])
def test_a_test_needing_a_missing_program_skips_here_and_fails_under_ci(
    tmp_path: Path, ci: str, outcome: str
) -> None:
    """README's test command passes where only Python and git exist; CI never skips."""
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_needs.py").write_text(
        "import pytest\n\n"
        "import conftest\n\n"
        "conftest.PROGRAMS['absent'] = '/nonexistent/clausekit-absent-program'\n\n\n"
        "@pytest.mark.requires('absent')\n"
        "def test_needs() -> None:\n"
        "    assert False, 'must not run'\n"
    )
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert outcome in result.stdout, result.stdout + result.stderr
    assert "needs absent (/nonexistent/clausekit-absent-program)" in result.stdout
