"""The gettext catalogues: every message has a Dutch and an English text with the same fields, the
template a translator starts from is up to date, and Babel's ``pybabel`` workflow works on them."""

from __future__ import annotations

import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from toolkit.locales import CATALOGUES, DOMAIN, HERE, TEMPLATE_POT, catalogue_path, locale_for, read_catalogue
from toolkit.locales.__main__ import template_bytes

REQUIRED = ("nl", "en")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _messages(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def incomplete(folder: Path) -> list[str]:
    """What is wrong with the catalogues under ``folder``: a message missing or untranslated in a
    required language, or a text whose ``{fields}`` differ from the English one."""
    template = _messages(folder / f"{DOMAIN}.pot")
    problems = []
    texts = {lang: _messages(folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po") for lang in REQUIRED}
    for lang, messages in texts.items():
        problems += [f"{lang}: {key} is missing" for key in template if not messages.get(key)]
        problems += [f"{lang}: {key} is not in the template" for key in messages if key not in template]
    for key, english in texts["en"].items():
        for lang, messages in texts.items():
            if key in messages and messages[key] and _fields(messages[key]) != _fields(english):
                problems.append(
                    f"{lang}: {key} has fields {_fields(messages[key])}, English {_fields(english)}"
                )
    return problems


def test_every_message_has_a_dutch_and_an_english_text_with_the_same_fields() -> None:
    assert set(REQUIRED) <= set(CATALOGUES)
    assert incomplete(HERE) == []
    assert len(CATALOGUES["nl"]) == len(CATALOGUES["en"]) > 150


@pytest.mark.parametrize(
    ("language", "old", "new", "problem"),
    [
        ("nl", 'msgstr "Volgende"', 'msgstr ""', "nl: ui.next is missing"),
        ("en", 'msgid "ui.next"\nmsgstr "Next"', "", "en: ui.next is missing"),
        ("en", "Step {number} of {count}: {title}", "Step {number}: {title}", "ui.step has fields"),
        (
            "nl",
            "Stap {number} van {count}: {title}",
            "Stap {nummer} van {count}: {title}",
            "nl: ui.step has fields",
        ),
    ],
)
def test_the_completeness_check_fails_on_a_missing_or_different_text(
    tmp_path: Path, language: str, old: str, new: str, problem: str
) -> None:
    folder = tmp_path / "locales"
    shutil.copytree(HERE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    po = folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")
    assert any(problem in p for p in incomplete(folder)), incomplete(folder)


def _without_tool_version(data: bytes) -> bytes:
    return b"\n".join(line for line in data.splitlines() if not line.startswith(b'"Generated-By:'))


def test_the_shipped_template_is_up_to_date() -> None:
    assert _without_tool_version(TEMPLATE_POT.read_bytes()) == _without_tool_version(template_bytes()), (
        "run: python3 -m toolkit.locales"
    )


def test_a_translator_adds_a_language_with_pybabel(tmp_path: Path) -> None:
    """docs/translating.md's steps: init from the template, translate, and the catalogue reads back."""
    folder = tmp_path / "locales"
    shutil.copytree(HERE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    init = [
        *pybabel,
        "init",
        "-i",
        str(folder / f"{DOMAIN}.pot"),
        "-d",
        str(folder),
        "-D",
        DOMAIN,
        "-l",
        "de",
    ]
    subprocess.run([*init, "--no-wrap"], check=True, capture_output=True)
    po = folder / "de" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "ui.next"\nmsgstr ""', 'msgid "ui.next"\nmsgstr "Weiter"'
        )
    )
    assert _messages(po)["ui.next"] == "Weiter"
    assert incomplete(folder) == []  # German is not required: English stands in for what it lacks
    update = [*pybabel, "update", "-i", str(folder / f"{DOMAIN}.pot"), "-d", str(folder), "-D", DOMAIN]
    subprocess.run([*update, "--no-wrap"], check=True, capture_output=True)
    for language in REQUIRED:  # the shipped catalogues are already in step with the template
        shipped = catalogue_path(language).read_bytes()
        assert (folder / language / "LC_MESSAGES" / f"{DOMAIN}.po").read_bytes() == shipped


def test_a_catalogue_without_a_text_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    assert locale_for("nl").text("ui.next") == "Volgende" and locale_for("en").text("ui.next") == "Next"
    assert locale_for("de-DE").language == "nl"  # no German catalogue: the default, Dutch


def test_every_catalogue_is_utf8_and_the_reader_skips_only_its_header() -> None:
    for language in CATALOGUES:
        with catalogue_path(language).open("rb") as handle:
            catalogue = read_po(handle)
        assert catalogue.charset.lower() == "utf-8"
        assert dict(read_catalogue(language)) == {str(m.id): str(m.string) for m in catalogue if m.id}
