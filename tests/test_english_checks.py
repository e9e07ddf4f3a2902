"""The term and style checks in English: CK602/CK603 after the/a/an, CK702 on "and/or", and CK504
leaving a labelled field ("Governing Law: England and Wales") alone; each with a case it must find
and one it must not, on the English fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from toolkit import Library
from toolkit.checks import check_template


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings are read by an English speaker (the messages follow the interface language)."""
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")


CLAUSE = """---
id: general
title: General
{front}---
{body}
"""


def _findings(tmp_path: Path, code: str, body: str, front: str = "") -> list[str]:
    """The messages of rule ``code`` on the English fixture whose last article says ``body``."""
    shutil.copytree(FIXTURES / "english", tmp_path / "lib")
    (tmp_path / "lib" / "nda" / "general.md").write_text(
        CLAUSE.format(front=front, body=body), encoding="utf-8"
    )
    library = Library(tmp_path / "lib")
    return [f.message for f in check_template(library, library.template("nda"), select=[code])]


@pytest.mark.parametrize(
    ("code", "body", "front", "found"),
    [
        # CK602: capitalised like a term after the/a/an, twice, and never declared
        ("CK602", "The Discloser keeps a copy. Each Party may ask the Discloser for it.", "", "'Discloser'"),
        ("CK602", "The Discloser keeps a copy. Each Party may ask the Discloser for it.",
         "terms: [Discloser]\n", None),
        ("CK602", "This is governed by the law of the United Kingdom, the United Kingdom's courts decide.",
         "", None),
        # CK603: a declared term in lowercase after an article, also a term of two words
        ("CK603", "The **Disclosing Party** is the Party that discloses. Ask the disclosing party first.",
         "terms: [Disclosing Party]\n", "'disclosing party' is written in lowercase"),
        ("CK603", "The **Disclosing Party** is the Party that discloses. Ask the Disclosing Party first.",
         "terms: [Disclosing Party]\n", None),
        ("CK603", "A **Discloser** is who discloses. A discloser who forgets is liable; so is the discloser.",
         "terms: [Discloser]\n", "'discloser' is written in lowercase"),
        # CK702: "and/or"
        ("CK702", "The Recipient may tell its employees and/or advisers.", "", "'and/or'"),
        ("CK702", "The Recipient may tell its employees or advisers, or both.", "", None),
        # CK504: a labelled field is not a sentence; a sentence without its full stop is found
        ("CK504", "Governing Law: England and Wales", "", None),
        ("CK504", "Each Party keeps the other Party's information secret", "",
         "does not end with a full stop"),
    ],
)  # fmt: skip
def test_an_english_check(tmp_path: Path, code: str, body: str, front: str, found: str | None) -> None:
    messages = _findings(tmp_path, code, body, front)
    if found is None:
        assert messages == []
    else:
        assert any(found in m for m in messages), messages


def test_dutch_articles_are_not_english_ones_and_the_dutch_rules_still_hold(tmp_path: Path) -> None:
    """In an English template "de Klant" is not a term use; in the Dutch one "de werknemer" still is."""
    assert _findings(tmp_path / "en", "CK602", "Send it to de Klant. Then de Klant signs.") == []
    shutil.copytree(FIXTURES / "mini", tmp_path / "nl")
    slot = tmp_path / "nl" / "mini" / "slot.md"
    slot.write_text(
        "---\nid: slot\ntitle: Slot\nterms: [Werknemer]\n---\nDe **Werknemer** is wie werkt. "
        'Het geldt voor de werknemer en/of de leidinggevende.\n\nZie {{ ref("geheim") }}.\n',
        encoding="utf-8",
    )
    library = Library(tmp_path / "nl")
    found = {f.code for f in check_template(library, library.template("mini"), select=["CK603", "CK702"])}
    assert found == {"CK603", "CK702"}


def test_a_finding_speaks_the_interface_language_whatever_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dutch lawyer checking the English template reads Dutch messages, hints and examples."""
    body = "The Recipient may tell its employees and/or advisers"
    english = _findings(tmp_path / "en", "CK504", body)
    assert english and "does not end with a full stop" in english[0] and "for example" not in english[0]
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    shutil.copytree(FIXTURES / "english", tmp_path / "nl")
    (tmp_path / "nl" / "nda" / "general.md").write_text(CLAUSE.format(front="", body=body), encoding="utf-8")
    library = Library(tmp_path / "nl")
    findings = check_template(library, library.template("nda"), select=["CK504", "CK702"])
    messages = {f.code: (f.message, f.hint) for f in findings}
    assert "eindigt niet met een punt" in messages["CK504"][0]
    assert messages["CK504"][1] == "sluit de zin af met een punt"
    assert messages["CK702"] == (
        "'and/or' in clausule 'general' is dubbelzinnig",
        "schrijf 'or' (dat in een Engels contract beide omvat), of 'A or B or both'",
    )
