"""``clausekit --help`` and the command line's refusals speak the interface's language: the help texts
of every command, argparse's own words (usage, options, error, invalid choice …) and the ``fout:``
before a message without a location; ``hint:`` is the same word in both languages."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent

# Words of the other language that a help text in one language must not hold (option names,
# metavars and the variable's name are left out before looking).
ENGLISH = ["usage", "arguments", "options", "show", "help", "default", "the", "folder", "answers", "error"]
DUTCH = ["gebruik", "argumenten", "opties", "tonen", "standaard", "de", "het", "een", "map", "taal", "fout"]
FOREIGN = {"nl": ENGLISH, "en": DUTCH}
LABELS = {  # argparse's own words, and a help text of the shared options
    "nl": ["gebruik: clausekit", "opties:", "deze helptekst tonen en stoppen", "de taal van schermen"],
    "en": ["usage: clausekit", "options:", "show this help message and exit", "the language of screens"],
}


def _words(text: str) -> set[str]:
    """The lower-case words of a help text, without option names, metavars and ``$CLAUSEKIT_LANG``."""
    text = re.sub(r"(?<![\w'])-{1,2}[\w-]+|\$\w+|\b[A-Z][A-Z.|\[\]:@]+\b", " ", text)
    return set(re.findall(r"[a-zà-ÿ]+", text))


def _help(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(arguments))
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("command", [*COMMANDS, None])
def test_every_help_speaks_one_language(capsys: pytest.CaptureFixture[str], lang: str, command: str) -> None:
    shown = _help(capsys, "--lang", lang, *([command] if command else []), "--help")
    assert all(label in shown for label in LABELS[lang]), shown
    assert not _words(shown) & set(FOREIGN[lang]), (sorted(_words(shown) & set(FOREIGN[lang])), shown)


def test_the_command_list_and_a_command_description_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys, "--help")  # CLAUSEKIT_LANG=nl in the tests
    assert "render    documenten maken uit een sjabloon en een antwoordbestand" in shown
    assert "Sjablonen voor juridische documenten" in shown and "positionele argumenten:" in shown
    shown = _help(capsys, "render", "--lang", "en", "--help")  # --lang after the command
    assert "Render a template with an answers file.\n" in shown
    assert "--to FORMATS          comma-separated: md,html" in shown


def test_clausekit_render_help_in_both_languages() -> None:
    """The installed command as a person runs it: a process, its language from --lang."""
    for lang, expected, foreign in (
        ("nl", "map voor de uitvoer (standaard: ./out)", "output folder"),
        ("en", "output folder (default: ./out)", "map voor de uitvoer"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "--lang", lang, "render", "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout and foreign not in result.stdout
        assert not _words(result.stdout) & set(FOREIGN[lang]), result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            ["render"],
            ["gebruik: clausekit render", "clausekit render: fout: deze argumenten zijn verplicht: template"],
        ),
        (["bogus"], ["clausekit: fout: argument OPDRACHT: ongeldige keuze: 'bogus' (kies uit 'list',"]),
        (["list", "--bogus"], ["clausekit: fout: onbekende argumenten: --bogus"]),
        (["render", "x", "--jobs", "many"], ["fout: argument -j/--jobs: ongeldige waarde voor int: 'many'"]),
        (["render", "x", "--to"], ["fout: argument --to: verwacht één argument"]),
        (["serve", "x", "--max-sessions", "0"], ["fout: argument --max-sessions: verwacht een geheel getal"]),
    ],
)
def test_a_usage_error_in_dutch(
    capsys: pytest.CaptureFixture[str], arguments: list[str], expected: list[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert all(text in err for text in expected), err
    assert "error" not in err and "usage" not in err and "argument" + "s" not in err


def test_a_usage_error_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "render"])
    err = capsys.readouterr().err
    assert "usage: clausekit render" in err
    assert "clausekit render: error: the following arguments are required: template" in err
    with pytest.raises(SystemExit):  # an option's own refusal, while the command line is read
        main(["serve", "x", "--max-sessions", "0", "--lang", "en"])
    err = capsys.readouterr().err
    assert "error: argument --max-sessions: expected a whole number of at least 1, got '0'" in err


def test_a_refusal_without_a_location_says_fout_in_dutch_and_error_in_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    assert main(["render", "richtlijnen-social-media", "-a", str(missing), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"fout: antwoordbestand niet gevonden: {missing}\n  hint: controleer het pad"), err
    assert main(["render", "richtlijnen-social-media", "-a", str(missing), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: answers file not found: {missing}\n  hint: check the path"), err
    assert main(["render", "richtlijnen-social-media", "-a", str(missing), "--batch", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("fout: --answers en --batch sluiten elkaar uit\n  hint: ")


def test_argparse_speaks_english_again_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The words are argparse's for the command line only: a parser of another library keeps its own."""
    _help(capsys, "--lang", "nl", "list", "--help")
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other") and "show this help message" in other.format_help()
