"""The checks: each rule finds its planted defect at the right file and line, and nothing fires on
the clean template; formats, exit codes, select/ignore, silences and the answer-space search."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from toolkit import ClauseKitError, Library, validate
from toolkit.approvals import approve
from toolkit.checks import all_rules, check, check_template
from toolkit.checks.analysis import analyse
from toolkit.checks.config import CheckConfig
from toolkit.checks.explorer import Explorer
from toolkit.checks.report import rules_markdown
from toolkit.checks.space import domains, exhaustive, explore
from toolkit.cli import main
from toolkit.locales import locale_for

CHECKS = FIXTURES / "checks"
EXPECTED = YAML(typ="safe").load((CHECKS / "expected.yaml").read_text(encoding="utf-8"))
APPROVAL_CODES = {"CK801", "CK802", "CK803", "CK804"}
TRANSLATION_CODES = {"CK951", "CK952", "CK953"}  # planted in copies of the bilingual fixture


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(CHECKS)


def _copy(tmp_path: Path, *template_ids: str) -> Library:
    for template_id in template_ids:
        shutil.copytree(CHECKS / template_id, tmp_path / template_id)
    return Library(tmp_path)


@pytest.mark.parametrize("template_id", sorted(EXPECTED))
def test_rule_finds_its_planted_defect(library: Library, template_id: str) -> None:
    expected = EXPECTED[template_id]
    result = check(library, template_id, ignore=["CK8"])
    found = [f for f in result.findings if f.code not in expected.get("also", [])]
    assert [(f.code, f.location.path.name, f.location.line) for f in found if f.location] == [
        (expected["code"], expected["file"], expected["line"])
    ], [str(f.location) + " " + f.code + " " + f.message for f in result.findings]
    assert found[0].message and found[0].hint
    assert found[0].severity == next(r.severity for r in all_rules() if r.code == expected["code"])


def test_every_rule_has_a_planted_defect() -> None:
    planted = {e["code"] for e in EXPECTED.values()} | APPROVAL_CODES | TRANSLATION_CODES
    assert planted == {r.code for r in all_rules()}


@pytest.mark.requires("ssh-keygen")
def test_clean_template_gives_no_finding_at_all(tmp_path: Path) -> None:
    library = _copy(tmp_path, "schoon")
    approve(library.template("schoon"), None, by="test")
    result = check(library, "schoon")
    assert result.findings == []
    assert result.coverage == {
        "mode": "exhaustive",
        "combinations": 720,
        "space": 960,  # the product of the domains, absent answers counted
        "pairs": 0,
        "variants_reached": 7,
        "variants": 7,
        "articles_reached": 5,
        "articles": 5,
        "unreached": [],
    }


@pytest.mark.requires("ssh-keygen")
def test_approval_rules(tmp_path: Path) -> None:
    library = _copy(tmp_path, "schoon")
    never = check(library, "schoon", select=["CK8"]).findings
    assert {(f.code, f.location.path.name) for f in never if f.location} >= {
        ("CK802", "template.yaml"),
        ("CK802", "geheim.md"),
    }
    approve(library.template("schoon"), None, by="Mr. A. Jansen")
    slot = tmp_path / "schoon" / "slot.md"
    slot.write_text(
        slot.read_text(encoding="utf-8").replace("Deze regeling", "Dit reglement"), encoding="utf-8"
    )
    library.reload()
    changed = check(library, "schoon", select=["CK8"]).findings
    assert [(f.code, f.location.path.name, f.location.line) for f in changed if f.location] == [
        ("CK801", "slot.md", 5)
    ]
    assert "Mr. A. Jansen" in changed[0].message and changed[0].severity == "warning"
    lock = tmp_path / "schoon" / "approvals.yaml"  # an approval edited by hand: its signature fails
    lock.write_text(lock.read_text(encoding="utf-8").replace("Mr. A. Jansen", "Mr. B. Baas", 1))
    forged = check(library, "schoon", select=["CK803"]).findings
    assert [(f.code, f.location.path.name) for f in forged if f.location] == [("CK803", "approvals.yaml")]
    assert "niet bij de goedkeuring past" in forged[0].message


def test_check_template_is_the_contract_entry_point(library: Library) -> None:
    findings = check_template(library, library.template("ck702"), select=["CK7"])
    assert [f.code for f in findings] == ["CK702"]
    assert check_template(library, library.template("ck702"), ignore=["CK702", "CK8"]) == []


def test_select_and_ignore_take_prefixes(library: Library) -> None:
    assert [f.code for f in check(library, "ck901", select=["CK9"]).findings] == ["CK901"]
    assert check(library, "ck401", select=["CK4"]).coverage["unreached"] == ["geheim:soepel"]  # type: ignore[index]
    assert [f.code for f in check(library, "ck901", ignore=["CK8", "CK9"]).findings] == ["CK702"]
    # Rules that need the answer space do not search it when they are not selected.
    assert check(library, "ck702", select=["CK1", "CK6", "CK7"]).coverage is not None
    # (CK604 needs it: whether two clauses that define one term are present together)
    assert check(library, "ck702", select=["CK1", "CK601", "CK602", "CK603", "CK702"]).coverage is None


def _insert_above(path: Path, line_start: str, comment: str) -> None:
    """Put ``comment`` on its own line above the first line that starts with ``line_start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    path.write_text("\n".join([*lines[:index], comment, *lines[index:]]), encoding="utf-8")


def test_inline_silence_with_reason_and_per_template_config(tmp_path: Path) -> None:
    library = _copy(tmp_path, "ck702", "ck703")
    _insert_above(
        tmp_path / "ck702" / "slot.md", "Vragen", "{# clausekit: ignore CK702 reden: staat zo in de cao #}"
    )
    assert check(library, "ck702", ignore=["CK8"]).findings == []
    (tmp_path / "ck703" / "checks.yaml").write_text("ignore: [CK703]\n", encoding="utf-8")
    assert check(library, "ck703", ignore=["CK8"]).findings == []
    (tmp_path / "ck703" / "checks.yaml").write_text("forbidden_words: [incidenten]\n", encoding="utf-8")
    found = check(library, "ck703", ignore=["CK8"]).findings
    assert [(f.code, f.location.line, f.location.column) for f in found if f.location] == [("CK703", 5, 41)]


def test_broken_checks_yaml_is_a_finding(tmp_path: Path) -> None:
    library = _copy(tmp_path, "ck702")
    (tmp_path / "ck702" / "checks.yaml").write_text("ignore: [CK702]\nignor: [CK1]\n", encoding="utf-8")
    found = check(library, "ck702").findings
    assert [(f.code, f.location.path.name, f.location.line) for f in found if f.location] == [
        ("CK103", "checks.yaml", 2)
    ]


# -- the command line ----------------------------------------------------------------------------
def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--library", str(CHECKS), *args])
    return code, capsys.readouterr().out


def test_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "ck201")[0] == 1  # an error
    assert _run(capsys, "ck202")[0] == 0  # only warnings
    assert _run(capsys, "ck201", "--ignore", "CK201")[0] == 0
    assert main(["check", "--library", str(CHECKS), "nope"]) == 2
    assert main(["check", "--library", str(CHECKS), "ck201", "--select", "201"]) == 2


def test_text_format_groups_by_file_and_keeps_going_after_a_broken_template(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(capsys, "ck101", "ck202", "--ignore", "CK8", "--lang", "en")
    assert code == 1
    assert "Traceback" not in out
    assert re.search(r"ck101/doel\.md\n\s+7\s+error\s+CK101 template-syntax-error: ", out)
    assert re.search(r"ck202/template\.yaml\n\s+11:5\s+warning\s+CK202 unused-question: .*\n\s+hint: ", out)
    assert "ck202: 0 errors, 1 warning, 0 infos\n  rendered all 2 combinations of answers" in out


def test_the_text_report_speaks_the_interface_language(capsys: pytest.CaptureFixture[str]) -> None:
    """The severities, the summary line (with the language's plural forms) and the coverage line."""
    _, out = _run(capsys, "ck101", "ck202", "--ignore", "CK8")  # the tests' interface: Dutch
    assert re.search(r"ck101/doel\.md\n\s+7\s+fout\s+CK101 template-syntax-error: ", out)
    assert re.search(r"\n\s+11:5\s+waarschuwing\s+CK202 unused-question: ", out)
    assert "ck101: 1 fout, 0 waarschuwingen, 0 info\n" in out
    assert "ck202: 0 fouten, 1 waarschuwing, 0 info\n  alle 2 combinaties van antwoorden doorgerekend;" in out
    ours = "\n".join(line for line in out.splitlines() if " CK" not in line and "hint:" not in line)
    for english in ("error", "errors", "warning", "rendered", "combinations", "variants", "articles"):
        assert not re.search(rf"\b{english}\b", ours), english
    _, out = _run(capsys, "ck101", "--ignore", "CK8", "--lang", "en")
    assert "ck101: 1 error, 0 warnings, 0 infos\n" in out


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "ck302", "--format", "json", "--ignore", "CK8")
    data = json.loads(out)
    assert code == 1 and data["summary"] == {"error": 1, "warning": 0, "info": 0}
    (template,) = data["templates"]
    assert template["coverage"]["combinations"] == 2
    (finding,) = template["findings"]
    assert finding["code"] == "CK302" and finding["name"] == "dangling-reference"
    assert finding["path"].endswith("ck302/slot.md") and finding["line"] == 5
    assert "streng: nee" in finding["message"]


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "ck204", "ck702", "--format", "github", "--ignore", "CK8")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert re.fullmatch(
        r"::error file=\S+ck204/doel\.md,line=7,title=CK204 answer-maybe-absent::"
        r"clausule 'doel' gebruikt .*%0Ahint: .*",
        lines[0],
    )
    assert lines[1].startswith("::warning file=") and ",line=5,col=36,title=CK702 en-of::" in lines[1]


def test_rules_command_and_docs_are_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "CK302"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CK302 dangling-reference (error)") and "Fix:" in out
    assert main(["rules", "CK999"]) == 2
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "regenerate: clausekit rules --markdown > docs/rules.md"
    )


# -- the answer space ----------------------------------------------------------------------------
def _synthetic(tmp_path: Path, questions: int, options: int, when: bool = False) -> Library:
    folder = tmp_path / "groot"
    folder.mkdir()
    lines = ["id: groot", "title: Groot", "version: 1.0.0", "address: u", "questions:"]
    for q in range(questions):
        values = ", ".join(f"o{v}" for v in range(options))
        lines += [f"  - id: q{q}", f"    label: Vraag {q}", "    type: choice", f"    options: [{values}]"]
        lines += ["    default: o0"]
        if when and q == questions - 1:
            lines.append('    when: q0 == "o0"')
    lines += ["clauses:"] + [f"  - c{q}" for q in range(questions)]
    (folder / "template.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for q in range(questions):
        body = f"Keuze {q}: {{{{ q{q} }}}}." if not (when and q == questions - 1) else "Vast."
        (folder / f"c{q}.md").write_text(f"---\nid: c{q}\ntitle: C{q}\n---\n{body}\n", encoding="utf-8")
    return Library(tmp_path)


def test_exhaustive_enumeration_counts_absent_questions_once(tmp_path: Path) -> None:
    library = _synthetic(tmp_path, 3, 3, when=True)
    template = library.template("groot")
    analysis = analyse(library.engine, template)
    combos = list(exhaustive(Explorer(library.engine, template, analysis), domains(template, analysis)))
    # q2 is asked only when q0 == o0: 3 (q1) × (3 (q2) + 2 × 1 (q0 ≠ o0, q2 absent)) = 15
    assert len(combos) == 15
    assert sum(1 for c in combos if "q2" not in c) == 6
    assert len({tuple(sorted(c.items())) for c in combos}) == 15


def test_above_the_bound_an_all_pairs_set_plus_a_seeded_sample(tmp_path: Path) -> None:
    library = _synthetic(tmp_path, 6, 4)
    template = library.template("groot")
    config = CheckConfig(bound=1000, sample=50, seed=7, workers=1)
    analysis = analyse(library.engine, template)
    space = explore(library, template, config, analysis)
    assert not space.exhaustive and space.full_size == 4**6
    assert 16 <= space.pairs < 40 and space.combinations <= space.pairs + 50
    combos = _combinations(library, template, config)
    assert len(combos) == space.combinations
    for a, b in itertools.combinations(range(6), 2):  # the all-pairs property
        covered = {(c[f"q{a}"], c[f"q{b}"]) for c in combos}
        assert covered == {(f"o{x}", f"o{y}") for x in range(4) for y in range(4)}
    assert combos == _combinations(library, template, config)  # seeded: the same every time
    described = space.describe(locale_for("en"))
    assert "all-pairs set of" in described and "larger than the bound" in described
    assert "meer combinaties dan de grens" in space.describe()  # the tests' interface: Dutch


def _combinations(library: Library, template, config: CheckConfig) -> list[dict]:  # type: ignore[no-untyped-def]
    from toolkit.checks.space import sampled

    analysis = analyse(library.engine, template)
    explorer = Explorer(library.engine, template, analysis)
    return sampled(explorer, domains(template, analysis), config.sample, config.seed)[0]


def test_both_cores_give_the_same_result(tmp_path: Path) -> None:
    library = _synthetic(tmp_path, 4, 4)
    template = library.template("groot")
    analysis = analyse(library.engine, template)
    one = explore(library, template, CheckConfig(workers=1), analysis)
    two = explore(library, template, CheckConfig(workers=2), analysis)
    assert one.combinations == two.combinations == two.stats.combinations == 256
    assert one.stats.variant_hits == two.stats.variant_hits
    assert set(one.stats.outputs) == set(two.stats.outputs)


def test_the_fast_path_renders_what_the_core_renders(library: Library) -> None:
    template = library.template("schoon")
    analysis = analyse(library.engine, template)
    explorer = Explorer(library.engine, template, analysis)
    combos = list(exhaustive(explorer, domains(template, analysis)))
    for values in combos[::37]:
        stats = explorer.run([values])
        document = library.render(template, validate(template, values))
        core = {a.clause.id: "\n\n".join(s.markdown for s in a.subclauses) for a in document.articles}
        fast = {cid: _sub(text) for (cid, _vid, text) in stats.outputs}
        assert fast == core


def _sub(text: str) -> str:
    from toolkit.render import subclauses

    return "\n\n".join(s.markdown for s in subclauses(text, 0))


def test_a_yaml_comment_silences_a_finding_in_template_yaml(tmp_path: Path) -> None:
    library = _copy(tmp_path, "ck202")
    _insert_above(
        tmp_path / "ck202" / "template.yaml", "  - id: streng", "  # clausekit: ignore CK202 reden: later"
    )
    assert check(library, "ck202", ignore=["CK8"]).findings == []


def test_the_flagship_checks_clean(flagship_library: Library) -> None:
    result = check(flagship_library, "richtlijnen-social-media")
    assert [f for f in result.findings if not f.code.startswith("CK8")] == []
    assert result.coverage is not None
    assert result.coverage["variants_reached"] == result.coverage["variants"]
    assert result.coverage["articles_reached"] == result.coverage["articles"]


def test_a_question_whose_when_reads_a_question_that_may_be_absent(tmp_path: Path) -> None:
    library = _copy(tmp_path, "ck204")
    _insert_above(
        tmp_path / "ck204" / "template.yaml",
        "clauses:",
        "  - {id: persmail, label: E-mail van de pers, type: text, when: perschef != 'niemand'}",
    )
    found = check(library, "ck204", select=["CK204"]).findings
    assert [(f.location.path.name, f.location.line) for f in found if f.location] == [
        ("doel.md", 7),  # the planted defect in the text
        ("template.yaml", 20),  # the question's condition
    ]
    assert "vraag 'persmail' wordt gesteld als perschef != 'niemand'" in found[1].message
    assert "pers: nee" in found[1].message


def test_bound_and_sample_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(
        capsys, "schoon", "--select", "CK4", "--bound", "100", "--sample", "30", "--format", "json"
    )
    coverage = json.loads(out)["templates"][0]["coverage"]
    assert code == 0 and coverage["mode"] == "all-pairs + random sample"
    assert coverage["combinations"] <= coverage["pairs"] + 30 and coverage["space"] == 960


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_the_fast_path_equals_the_core_for_any_answers(
    library: Library, data: st.DataObject
) -> None:
    """Whatever the answers (texts too), the explorer renders each article exactly as the core does."""
    template = library.template("schoon")
    analysis = analyse(library.engine, template)
    raw = {}
    for domain in domains(template, analysis):
        question = domain.question
        if question.type == "text":
            raw[question.id] = data.draw(st.text(min_size=1, max_size=20).filter(str.strip))
        else:
            raw[question.id] = data.draw(st.sampled_from(domain.values))
    try:
        answers = validate(template, raw)
    except ClauseKitError:
        return  # e.g. a control character: refused by validation, never rendered
    stats = Explorer(library.engine, template, analysis).run([dict(answers.values)])
    document = library.render(template, answers)
    core = {a.clause.id: "\n\n".join(s.markdown for s in a.subclauses) for a in document.articles}
    assert {cid: _sub(text) for (cid, _vid, text) in stats.outputs} == core


def test_documented_mini_example_checks_clean() -> None:
    """docs/authoring.md copies tests/fixtures/mini: the example lawyers copy must have no defect."""
    library = Library(FIXTURES / "mini")
    findings = check_template(library, library.template("mini"), ignore=["CK8"])
    assert [f"{f.code} {f.location}" for f in findings] == []
