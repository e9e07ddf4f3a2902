"""`clausekit interview` in a real pseudo-terminal (pexpect), as a customer types it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
from conftest import FIXTURES, FLAGSHIP, ROOT, docx_plain_text

from toolkit import Library, load_answers_file, validate
from toolkit.answers import coerce
from toolkit.model import Question, QuestionType
from toolkit.questionnaire import ANSWERS_FILE, Flow

PROFILE = "zorg"
# the prompt that waits for an answer (labels and option texts may contain ": " themselves)
PROMPT = r"(antwoord|ja/nee|keuze \(nummer\)|keuzes \([^)]*\)|datum \(dd-mm-jjjj\)|getal)( \[[^\]\n]*\])?: "
TIMEOUT = 30


def spawn(*args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "toolkit", "interview", *args],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    return child


def typed(question: Question, raw: Any) -> str:
    """What a person types: options by number, ja/nee, dates as dd-mm-jjjj."""
    value = coerce(question, raw)
    kind = question.type
    if kind == QuestionType.CHOICE:
        return str(question.option_values().index(value) + 1)
    if kind == QuestionType.MULTICHOICE:
        return ",".join(str(question.option_values().index(v) + 1) for v in value) or "-"
    if kind == QuestionType.BOOLEAN:
        return "ja" if value else "nee"
    if kind == QuestionType.DATE:
        return str(value.strftime("%d-%m-%Y"))
    return str(value)


def finish(child: pexpect.spawn) -> str:
    child.expect_exact("Klopt alles?")
    child.sendline("ja")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def test_flagship_profile_typed_in_a_terminal(flagship_library: Library, tmp_path: Path) -> None:
    """Help once, one invalid answer, back one step; then the DOCX holds the profile's document."""
    template = flagship_library.template(FLAGSHIP)
    raw, _ = load_answers_file(template.examples_dir / f"{PROFILE}.yaml")
    flow = Flow(flagship_library, template, raw)
    steps = flow.steps()
    assert len(steps) >= 2, "the flagship asks its questions in steps"
    child = spawn(FLAGSHIP, "-o", str(tmp_path), "--to", "docx,md")
    tried: set[str] = set()

    def answer_step(index: int, keep: bool = False) -> None:
        child.expect_exact(f"Stap {index + 1} van {len(steps)}: {steps[index].title}")
        for question in flow.questions(steps[index]):
            child.expect_exact(question.label)
            child.expect(PROMPT)
            if keep:  # an empty line keeps the answer given before
                child.sendline("")
                continue
            if "help" not in tried and question.help:
                tried.add("help")
                child.sendline("?")
                child.expect_exact(question.help[:40])
                child.expect(PROMPT)
            if question.id == "ingangsdatum" and "date" not in tried:
                tried.add("date")
                child.sendline("31-02-2027")
                child.expect_exact("Dat antwoord kan niet: Vul een datum in")
                child.expect(PROMPT)
            child.sendline(typed(question, raw[question.id]) if question.id in raw else "")

    answer_step(0)
    # at the first question of step 2: back to step 1, keep its answers, then on
    child.expect_exact(f"Stap 2 van {len(steps)}: {steps[1].title}")
    child.expect_exact(flow.questions(steps[1])[0].label)
    child.sendline("<")
    answer_step(0, keep=True)
    for index in range(1, len(steps)):
        answer_step(index)
    output = finish(child)
    assert "Traceback" not in output
    assert tried == {"help", "date"}

    answers = validate(template, raw)
    written = load_answers_file(tmp_path / ANSWERS_FILE)[0]
    assert validate(template, written) == answers
    text = docx_plain_text(tmp_path / f"{FLAGSHIP}.docx")
    assert raw["organisatie"] in text
    for article in flagship_library.render(template, answers).articles:
        assert article.title in text
    assert (tmp_path / f"{FLAGSHIP}.md").is_file()


def test_ctrl_c_stops_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    child = spawn(FLAGSHIP, "-o", str(tmp_path / "out"))
    child.expect_exact("Stap 1 van ")
    child.expect_exact("antwoord: ")
    # as a person would, a moment after the prompt: a SIGINT in the microseconds before
    # readline starts waiting only takes effect after the next Enter (CPython's readline)
    time.sleep(1)
    child.sendintr()
    child.expect_exact("Gestopt: er is niets opgeslagen.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in str(child.before)
    assert not (tmp_path / "out").exists()


def publish_mini(work: Path) -> Path:
    """The mini template approved and published with `clausekit publish`: its bundle folder."""
    shutil.copytree(FIXTURES / "mini", work / "lib")
    for command in (
        ["approve", "mini", "--library", str(work / "lib"), "--by", "test"],
        ["publish", "mini", "--library", str(work / "lib"), "--out", str(work / "dist")],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", *command], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
    bundles = list((work / "dist").glob("mini/*/bundle"))
    assert len(bundles) == 1
    return bundles[0]


@pytest.fixture(scope="module")
def published_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_mini(tmp_path_factory.mktemp("publish"))


@pytest.mark.requires("ssh-keygen")
def test_prefilled_interview_from_a_published_bundle(published_bundle: Path, tmp_path: Path) -> None:
    answers = tmp_path / "in.yaml"
    answers.write_text("naam: Bakkerij 't Hoekje\npers: afdeling\nperschef: Mevrouw De Vries\n")
    out = tmp_path / "out"
    child = spawn("mini", "--bundle", str(published_bundle), "-a", str(answers), "-o", str(out), "--to", "md")
    child.expect_exact("Naam van de organisatie")
    child.expect_exact("[Bakkerij 't Hoekje]: ")  # the pre-filled answer is the default
    child.sendline("")
    while child.expect([r"Klopt alles\?", PROMPT]) == 1:
        child.sendline("")
    child.sendline("ja")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "out" / "mini.md").read_text()
    assert "Bakkerij 't Hoekje" in text.replace("\\", "") and "Mevrouw De Vries" in text
    assert "perschef: Mevrouw De Vries" in (tmp_path / "out" / ANSWERS_FILE).read_text()


def test_wrong_template_and_bad_answers_file_exit_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text("naam: Acme\nnaamm: typo\n")
    mini = str(FIXTURES / "mini")
    for args, code, message in (
        (["interview", "nope", "-o", str(tmp_path)], 2, "onbekend sjabloon 'nope'"),
        (["interview", "mini", "--library", mini, "-a", str(bad), "-o", str(tmp_path)], 1, f"{bad}:2:"),
        (["serve", "nope", "--bundle", mini], 2, "onbekend sjabloon 'nope'"),
        (["serve", "mini", "--bundle", str(FIXTURES)], 2, "geen sjabloon in de bundelmap"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == code and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
