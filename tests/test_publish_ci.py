"""The CI workflow and README run exactly the commands this module runs, on the real flagship.

So `.github/workflows/publish.yml` cannot rot: each of its `run:` commands is one of the constants
below; this test runs the clausekit ones on a copy of the shipped library (as a fresh clone would),
and the install command is README's first command (tests/test_project.py).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import FLAGSHIP, ROOT
from publish_helpers import docx_text, pdf_text, squeeze
from ruamel.yaml import YAML

from toolkit import Library, load_answers_file
from toolkit.cli import main

pytestmark = pytest.mark.requires("ssh-keygen")  # approvals are SSH-signed

INSTALL = 'python3 -m pip install -e ".[dev]"'
CHECK = "clausekit check --format github"
PUBLISH = "clausekit publish --all --out dist/"
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _workflow_runs() -> list[str]:
    data = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
    return [step["run"].strip() for job in data["jobs"].values() for step in job["steps"] if "run" in step]


def _readme_first_command() -> str:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)[0]


def test_workflow_runs_exactly_the_tested_commands() -> None:
    assert _workflow_runs() == [INSTALL, CHECK, PUBLISH]
    assert _readme_first_command() == f"{INSTALL} && {PUBLISH}"
    data = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
    uploads = [s for s in data["jobs"]["publish"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["path"] == "dist/"
    trigger = data["on"] if "on" in data else data[True]  # a YAML 1.1 reader turns the key 'on' into true
    assert trigger["push"]["tags"] == ["v*"]


@pytest.mark.slow
def test_ci_commands_check_and_publish_the_shipped_flagship(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "clauses", tmp_path / "clauses")
    monkeypatch.chdir(tmp_path)
    for command in (CHECK, PUBLISH):
        argv = shlex.split(command)
        assert argv[0] == "clausekit"
        code = main(argv[1:])
        output = capsys.readouterr()
        assert code == 0, (
            f"'{command}' failed on the shipped library; if the flagship was edited, re-approve it:\n"
            f"  clausekit approve {FLAGSHIP} --by NAME --key KEY  (see docs/publishing.md)\n"
            f"{output.out}{output.err}"
        )
    template = Library(tmp_path / "clauses").template(FLAGSHIP)
    release = tmp_path / "dist" / FLAGSHIP / template.version
    review = squeeze(pdf_text(release / "review.pdf"))
    variants = sum(len(entry.clause.variants) for entry in template.entries)
    assert review.count(squeeze("Variant ")) >= variants
    headings = [text for style, text in docx_text(release / "review.docx") if style == "Heading 1"]
    articles = [f"Artikel {n} {entry.clause.title}" for n, entry in enumerate(template.entries, start=1)]
    assert headings == ["Vragen", *articles]
    examples = sorted(template.examples_dir.glob("*.yaml"))
    assert examples
    for example in examples:
        raw, _ = load_answers_file(example)
        organisation = str(raw["organisatie"])
        paragraphs = docx_text(release / "examples" / f"{example.stem}.docx")
        headings = [text for style, text in paragraphs if style == "Heading 1"]
        assert [int(h.split()[1]) for h in headings] == list(range(1, len(headings) + 1))
        assert any(organisation in text for _, text in paragraphs), example.name
        assert squeeze(organisation) in squeeze(pdf_text(release / "examples" / f"{example.stem}.pdf"))
    assert Library(release / "bundle").template(FLAGSHIP).version == template.version
