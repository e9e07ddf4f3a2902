"""The `clausekit` command as a user runs it: a real subprocess, exit codes, messages, files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FLAGSHIP, ROOT


def clausekit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_list_shows_flagship() -> None:
    result = clausekit("list")
    assert result.returncode == 0
    assert FLAGSHIP in result.stdout and "nl-NL" in result.stdout


def test_questions_show_types_and_help() -> None:
    result = clausekit("questions", FLAGSHIP)
    assert result.returncode == 0
    assert "organisatie: Naam van de organisatie" in result.stdout
    assert "soort: choice" in result.stdout and "toelichting:" in result.stdout


def test_render_example_to_md_and_html(tmp_path: Path) -> None:
    examples = sorted((ROOT / "clauses" / FLAGSHIP / "examples").glob("*.yaml"))
    assert examples
    result = clausekit(
        "render", FLAGSHIP, "--answers", str(examples[0]), "--to", "md,html", "-o", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    md = (tmp_path / f"{examples[0].stem}.md").read_text()
    page = (tmp_path / f"{examples[0].stem}.html").read_text()
    assert "## Artikel 1 " in md
    assert page.startswith("<!DOCTYPE html>") and "Artikel 1" in page


def test_wrong_answer_exits_1_with_file_line_and_hint(tmp_path: Path, mini_library: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("naam: Acme\npers: misschien\n")
    result = clausekit(
        "render", "mini", "--library", str(mini_library), "-a", str(answers), "-o", str(tmp_path)
    )
    assert result.returncode == 1
    assert f"{answers}:2:" in result.stderr
    assert "hint: antwoord een van: geen, afdeling" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.md"))


def test_library_error_exits_1_without_traceback(mini_library: Path) -> None:
    clause = mini_library / "mini" / "doel.md"
    clause.write_text(clause.read_text().replace("{{ naam }}", "{{ naam }"))
    result = clausekit("questions", "mini", "--library", str(mini_library))
    assert result.returncode == 1
    assert f"{clause}:5:" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_template_is_a_usage_error() -> None:
    result = clausekit("questions", "richtlijnen-social")
    assert result.returncode == 2
    assert f"bedoelt u '{FLAGSHIP}'" in result.stderr  # the interface's language (the tests': Dutch)
    assert "onbekend sjabloon 'richtlijnen-social'" in result.stderr and "Traceback" not in result.stderr


def test_bad_arguments_are_usage_errors() -> None:
    assert clausekit().returncode == 2
    assert clausekit("render", FLAGSHIP, "--to", "odt").returncode == 2
    assert clausekit("render", FLAGSHIP, "--answers", "/nonexistent.yaml").returncode == 2
    assert clausekit("bogus").returncode == 2


def test_console_script_and_module_agree() -> None:
    from toolkit.cli import main

    assert main(["list"]) == 0


def test_docx_without_the_publish_extra_is_a_usage_error_with_a_hint(tmp_path: Path) -> None:
    """A core-only install offers md and html; asking for docx says which extra to install."""
    script = (
        "import sys; sys.modules['typst'] = None\n"  # as if the publish extra were not installed
        "from toolkit.cli import main\n"
        "from toolkit.formats import FORMATS\n"
        "assert list(FORMATS) == ['md', 'html'], list(FORMATS)\n"
        f"sys.exit(main(['render', 'richtlijnen-social-media', '--to', 'docx', '-o', {str(tmp_path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "needs the publish extra" in result.stderr and "[publish]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_help_imports_no_command_and_every_command_has_its_own_help() -> None:
    """`clausekit --help` lists every command without loading the checks, Jinja2 or Jupyter."""
    script = (
        "import contextlib, io, sys\n"
        "from toolkit.cli import COMMANDS, main\n"
        "with contextlib.redirect_stderr(io.StringIO()) as err:\n"
        "    code = main([])\n"
        "heavy = [m for m in ('jinja2', 'ruamel.yaml', 'toolkit.checks', 'toolkit.questionnaire',"
        " 'toolkit.publish', 'ipywidgets', 'socket') if m in sys.modules]\n"
        "assert code == 2 and not heavy, (code, heavy)\n"
        "assert all(name in err.getvalue() for name in COMMANDS), err.getvalue()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    from toolkit.cli import COMMANDS
    from toolkit.locales import locale_for

    for name in COMMANDS:
        shown = clausekit(name, "--help")
        assert shown.returncode == 0 and f"clausekit {name}" in shown.stdout, shown.stderr
        for language in ("nl", "en"):  # the one line --help shows for it
            assert locale_for(language).text(f"cli.command.{name}")


def test_questions_show_defaults_as_answers_and_their_words_from_the_locale() -> None:
    """A boolean default reads 'nee', not Python's False; the words come from the ui locale."""
    shown = clausekit("questions", "richtlijnen-social-media")
    assert shown.returncode == 0, shown.stderr
    assert "    standaard: nee" in shown.stdout and "False" not in shown.stdout
    assert "organisatie: Naam van de organisatie (verplicht)" in shown.stdout
