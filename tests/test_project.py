"""The project's promises about itself: README's commands, CI, packaging."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().splitlines()[-1] == test.strip()
    assert "set -euo pipefail" in ci


def test_readme_setup_command_renders_the_shipped_example() -> None:
    setup = _readme_commands()[0]
    match = re.search(r"--answers (\S+)", setup)
    assert match and (ROOT / match.group(1)).is_file()


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
