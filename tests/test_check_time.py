"""``clausekit check`` is bounded by time as well as by count: a space just below the bound that would
take long to render whole is covered by the all-pairs set and the sample instead, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from toolkit import Library
from toolkit.checks.analysis import analyse
from toolkit.checks.config import CheckConfig, load_config
from toolkit.checks.space import explore
from toolkit.cli import main
from toolkit.errors import LoadError
from toolkit.locales import locale_for

FLAGSHIP = "richtlijnen-social-media"


def _explore(library: Library, template_id: str, config: CheckConfig):  # type: ignore[no-untyped-def]
    template = library.template(template_id)
    return explore(library, template, config, analyse(library.engine, template))


def test_a_space_just_below_the_bound_over_the_time_budget_is_sampled_and_says_so() -> None:
    library = Library(ROOT / "clauses")
    full = _explore(library, FLAGSHIP, CheckConfig(bound=0, sample=0)).full_size
    config = CheckConfig(bound=full + 1, sample=200, seconds=0.2)  # just below the bound: exhaustive by count
    result = _explore(library, FLAGSHIP, config)
    assert not result.exhaustive and result.seconds == 0.2
    assert result.combinations < full
    assert result.summary()["mode"] == "all-pairs + random sample (time budget)"
    assert "longer than the time budget of 0.2 s" in result.describe(locale_for("en"))
    assert "langer duren dan de tijd van 0.2 s" in result.describe()  # the tests' interface: Dutch


def test_a_space_that_fits_the_budget_is_still_rendered_whole() -> None:
    library = Library(FIXTURES / "mini")
    result = _explore(library, "mini", CheckConfig(seconds=60))
    assert result.exhaustive and result.combinations == result.summary()["combinations"]
    assert result.summary()["mode"] == "exhaustive" and "all " in result.describe(locale_for("en"))


def test_the_command_line_reports_which_method_it_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the mini template with eight more yes/no questions: a space below the command line's bound
    # (1,000,000) that takes far longer than 0.2 s to render whole
    shutil.copytree(FIXTURES / "mini" / "mini", tmp_path / "mini")
    yaml = tmp_path / "mini" / "template.yaml"
    extra = "".join(f"  - {{id: extra{i}, label: Extra {i}, type: boolean}}\n" for i in range(8))
    text = yaml.read_text(encoding="utf-8").replace("steps:\n", extra + "steps:\n", 1)
    text = text.replace(
        "questions: [streng,", "questions: [" + ", ".join(f"extra{i}" for i in range(8)) + ", streng,"
    )
    yaml.write_text(text, encoding="utf-8")
    args = ["check", "mini", "--library", str(tmp_path), "--format", "json"]
    assert main([*args, "--bound", "1000000", "--seconds", "0.2", "--sample", "100", "--select", "CK3"]) == 0
    coverage = json.loads(capsys.readouterr().out)["templates"][0]["coverage"]
    assert coverage["space"] < 1_000_000
    assert coverage["mode"] == "all-pairs + random sample (time budget)"


def test_seconds_in_checks_yaml(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini" / "mini", tmp_path / "mini")
    (tmp_path / "mini" / "checks.yaml").write_text("seconds: 2.5\n", encoding="utf-8")
    assert load_config(tmp_path / "mini").seconds == 2.5
    (tmp_path / "mini" / "checks.yaml").write_text("bound: 10\nseconds: lang\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_config(tmp_path / "mini")
    assert caught.value.location is not None and caught.value.location.line == 2
