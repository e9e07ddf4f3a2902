"""Loading: typed model objects with file:line, and clear errors with file:line and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Library, LoadError, UsageError
from toolkit.model import QuestionType


def test_loads_typed_model_with_locations(mini_library: Path) -> None:
    template = Library(mini_library).template("mini")
    assert template.version == "1.0.0"
    assert [e.clause.id for e in template.entries] == ["doel", "pers", "geheim", "slot"]
    assert template.question("kanalen").type == QuestionType.MULTICHOICE
    assert template.question("naam").location.line == 8
    geheim = template.clause("geheim")
    assert [v.id for v in geheim.variants] == ["streng", "gewoon"]
    assert geheim.variant("streng").when == "streng"
    # the body of the second variant starts on line 17 of geheim.md (after its marker)
    assert geheim.variant("gewoon").location.line == 17
    assert template.entries[1].when == 'pers == "afdeling"'


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader's messages in English: these tests read its English words (the catalogue's)."""
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")


def _error(library: Path, template: str = "mini") -> LoadError:
    with pytest.raises(LoadError) as info:
        Library(library).template(template)
    return info.value


def test_broken_yaml_names_file_and_line(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    lines = path.read_text().splitlines()
    lines[3] = "language: [nl-NL"  # line 4: an unclosed flow sequence
    path.write_text("\n".join(lines) + "\n")
    error = _error(mini_library)
    assert error.location is not None and error.location.path == path
    assert error.location.line is not None and 4 <= error.location.line <= 6
    assert error.hint


def test_unknown_clause_id_names_line_and_suggests(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    path.write_text(path.read_text().replace("  - geheim\n", "  - geheimm\n"))
    error = _error(mini_library)
    assert "unknown clause 'geheimm'" in error.message
    line = path.read_text().splitlines().index("  - geheimm") + 1
    assert error.location is not None and error.location.line == line
    assert error.hint is not None and "geheim" in error.hint


def test_jinja_syntax_error_names_clause_file_line(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    path.write_text(path.read_text().replace("Ook niet anoniem.", "Ook {% if streng %}niet anoniem."))
    error = _error(mini_library)
    assert error.location is not None
    assert error.location.path == path
    assert error.location.line == 13
    assert error.kind == "syntax" and "syntax" in error.message


def test_unknown_front_matter_key(mini_library: Path) -> None:
    path = mini_library / "mini" / "doel.md"
    path.write_text(path.read_text().replace("title: Doel", "title: Doel\ntitel: Doel"))
    error = _error(mini_library)
    assert "unknown key 'titel'" in error.message
    assert error.location is not None and error.location.line == 4
    assert error.hint is not None and "title" in error.hint


def test_unclosed_variant_block(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    path.write_text(path.read_text().replace("Ook niet anoniem.\n:::\n", "Ook niet anoniem.\n"))
    error = _error(mini_library)
    assert "starts before variant 'streng' is closed" in error.message
    assert error.location is not None and error.location.line == 15


def test_variant_without_body(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    path.write_text(
        path.read_text().replace(
            "  gewoon:\n", "  gewoon:\n    when: not streng\n  extra:\n    when: false\n"
        )
    )
    error = _error(mini_library)
    assert "variant 'extra' has no body" in error.message


def test_unsafe_yaml_tag_is_not_executed(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    path.write_text(
        path.read_text().replace(
            "title: Mini-overeenkomst", "title: !!python/object/apply:os.system ['touch /tmp/ck-pwned']"
        )
    )
    with pytest.raises(LoadError):
        Library(mini_library).template("mini")
    assert not Path("/tmp/ck-pwned").exists()


def test_template_ids_are_not_paths(mini_library: Path) -> None:
    with pytest.raises(UsageError) as info:
        Library(mini_library).template("../mini")
    assert "unknown template" in info.value.message
    with pytest.raises(UsageError):
        Library(mini_library).template("/etc")


def test_broken_entry_condition_points_at_its_when_line(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = len(lines) - 1 - lines[::-1].index("  - id: pers")  # the clause entry, not the question
    assert lines[entry + 1].strip().startswith("when:")
    lines[entry + 1] = '    when: pers == "afdeling" and'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        Library(mini_library).template("mini")
    assert caught.value.location is not None
    assert (caught.value.location.path.name, caught.value.location.line) == ("template.yaml", entry + 2)


@pytest.mark.parametrize(
    ("line", "word"), [("    max_length: lang", "whole number"), ("    max: 0x10", "number")]
)
def test_numeric_question_fields_must_be_numbers(mini_library: Path, line: str, word: str) -> None:
    path = mini_library / "mini" / "template.yaml"
    path.write_text(
        path.read_text().replace("    type: text\n    required: true\n", f"    type: text\n{line}\n")
    )
    error = _error(mini_library)
    assert word in error.message and error.location is not None and error.location.line == 11


def test_anchors_in_template_yaml_are_refused_at_their_line(mini_library: Path) -> None:
    path = mini_library / "mini" / "template.yaml"
    path.write_text(path.read_text().replace("title: Mini-overeenkomst", "title: &t Mini-overeenkomst"))
    error = _error(mini_library)
    assert "anchors and aliases" in error.message
    assert error.location is not None and error.location.line == 2 and error.hint
