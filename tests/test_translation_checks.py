"""The checks keep the editions of a template in step: every rule runs on every edition (its findings
in the translation files), and CK951–CK953 compare each translation with its source. On copies of
the bilingual fixture (English source, Dutch edition)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_editions import BILINGUAL, _copy, _edit

from toolkit.checks import check
from toolkit.checks.translations import differs_a_lot, sentences
from toolkit.cli import main
from toolkit.library import Library
from toolkit.locales import interface, locale_for

DUTCH = Path("services") / "translations" / "nl-NL"


def _findings(library: Path, select: str = "CK") -> list[tuple[str, str, int | None]]:
    """(code, path inside the library, line) of every finding but the approvals'."""
    result = check(Library(library), "services", select=[select], ignore=["CK8"])
    return [
        (f.code, f.location.path.relative_to(library).as_posix() if f.location else "", f.location.line)
        for f in result.findings
        if f.location
    ]


def test_the_fixture_in_two_languages_gives_no_finding() -> None:
    assert check(Library(BILINGUAL), "services", ignore=["CK8"]).findings == []


def _no_clause_file(lib: Path) -> None:
    (lib / DUTCH / "liability.md").unlink()


def _no_variant(lib: Path) -> None:
    fee = lib / DUTCH / "fee.md"
    fee.write_text(
        re.sub(r"(::: variant hourly\n).*?(:::)", r"\1\2", fee.read_text(encoding="utf-8"), flags=re.S)
    )


def _no_label(lib: Path) -> None:
    _edit(lib / DUTCH / "template.yaml", "  rate: {label: Uurtarief in euro}\n", "")


def _no_option(lib: Path) -> None:
    _edit(lib / DUTCH / "template.yaml", ", hourly: Een uurtarief}", "}")


def _no_terms(lib: Path) -> None:
    _edit(lib / DUTCH / "parties.md", "terms: [Opdrachtgever, Opdrachtnemer]\n", "")


def _no_title(lib: Path) -> None:
    _edit(lib / DUTCH / "liability.md", "title: Aansprakelijkheid\n", "id: liability\n")


def _no_body(lib: Path) -> None:
    path = lib / DUTCH / "description.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n")[1].join(["---\n", "---\n"]), "utf-8")


def _other_answer(lib: Path) -> None:
    _edit(lib / DUTCH / "fee.md", "{{ rate }} euro", "{{ client }} euro")


def _other_reference(lib: Path) -> None:
    _edit(lib / DUTCH / "fee.md", 'ref("services", 2)', 'ref("services", 1)')


def _other_condition(lib: Path) -> None:
    before = "De Opdrachtgever betaalt de Opdrachtnemer {{ rate }}"
    _edit(lib / DUTCH / "fee.md", before, "{% if rate > 100 %}Let op: {% endif %}" + before)


def _sentences_left_out(lib: Path) -> None:
    more = "once a month. It reports in writing. It reports in English."
    _edit(lib / "services" / "services.md", "once a month.", more)


PLANTED: list[tuple[str, Callable[[Path], None], str, str, int | None]] = [
    ("clause file", _no_clause_file, "CK951", "liability.md", None),
    ("variant", _no_variant, "CK951", "fee.md", 1),
    ("question label", _no_label, "CK951", "template.yaml", 1),
    ("option label", _no_option, "CK951", "template.yaml", 6),
    ("defined terms", _no_terms, "CK951", "parties.md", 2),
    ("clause title", _no_title, "CK951", "liability.md", 2),
    ("text of a clause", _no_body, "CK951", "description.md", 1),
    ("answer", _other_answer, "CK952", "fee.md", 14),
    ("reference", _other_reference, "CK952", "fee.md", 16),
    ("condition", _other_condition, "CK952", "fee.md", 14),
    ("sentences", _sentences_left_out, "CK953", "services.md", 4),
]


@pytest.mark.parametrize(("what", "plant", "code", "name", "line"), PLANTED, ids=[p[0] for p in PLANTED])
def test_each_translation_rule_finds_its_planted_defect_in_the_translation(
    tmp_path: Path, what: str, plant: Callable[[Path], None], code: str, name: str, line: int | None
) -> None:
    library = _copy(tmp_path)
    plant(library)
    assert _findings(library, "CK95") == [(code, (DUTCH / name).as_posix(), line)]


def test_a_missing_template_yaml_is_reported_where_it_belongs_text_by_text(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    (library / DUTCH / "template.yaml").unlink()
    found = _findings(library, "CK951")
    where = (DUTCH / "template.yaml").as_posix()
    # the file, the title, the description, 6 labels, a text default, 2 options, 2 step titles and an
    # intro, a part
    assert found == [("CK951", where, None)] * 16
    result = check(Library(library), "services", select=["CK951"])
    assert result.errors == 16
    assert main(["check", "--library", str(library), "services", "--select", "CK951"]) == 1


def test_findings_speak_the_interface_language_and_name_the_language_and_the_place(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    _no_label(library)
    _other_reference(library)
    _sentences_left_out(library)
    texts = {}
    for language in ("nl", "en"):
        with interface(locale_for(language)):
            result = check(Library(library), "services", select=["CK95"])
        texts[language] = {f.code: (f.message, f.hint) for f in result.findings}
    assert texts["en"]["CK951"] == (
        "no nl-NL text for the question 'rate'",
        f"write the text in {library / DUTCH / 'template.yaml'}, at questions: rate: label",
    )
    assert texts["nl"]["CK951"] == (
        "geen tekst in nl-NL voor de vraag 'rate'",
        f"schrijf de tekst in {library / DUTCH / 'template.yaml'}, bij questions: rate: label",
    )
    assert texts["en"]["CK952"][0].startswith("the translation fee:hourly@nl-NL differs from the source")
    assert texts["nl"]["CK952"][0].startswith("de vertaling fee:hourly@nl-NL wijkt af van de bron")
    assert (
        texts["en"]["CK953"][0]
        == "the translation services:default@nl-NL has 2 sentences, the source (en-GB) 4"
    )
    assert texts["nl"]["CK953"][0] == "de vertaling services:default@nl-NL heeft 2 zinnen, de bron (en-GB) 4"


def test_references_and_conditions_are_named_as_written(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    _other_reference(library)
    _other_condition(library)
    with interface(locale_for("en")):
        messages = [f.message for f in check(Library(library), "services", select=["CK952"]).findings]
    assert messages == [
        "the translation fee:hourly@nl-NL differs from the source in its conditions"
        " (only in the translation: 'rate > 100')",
        "the translation fee:hourly@nl-NL differs from the source in its references"
        ' (only in the translation: ref("services", 1); only in the source: ref("services", 2))',
    ]


def test_the_form_of_address_and_the_order_of_answers_may_differ(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    # Dutch word order puts the answers the other way round; vorm() exists in Dutch only.
    _edit(
        library / DUTCH / "parties.md",
        "tussen {{ client }} (de **Opdrachtgever**) en {{ supplier }} (de **Opdrachtnemer**)",
        "tussen {{ supplier }} (de **Opdrachtnemer**) en {{ client }} (de **Opdrachtgever**)"
        ' ({{ vorm("je", "u") }})',
    )
    assert _findings(library, "CK952") == []


def test_every_rule_runs_on_the_edition_and_points_into_its_files(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    _edit(library / DUTCH / "services.md", "over de voortgang.", "over de voortgang")  # CK504
    _edit(library / DUTCH / "description.md", "bestaan uit", "bestaan  uit")  # CK503
    _edit(library / DUTCH / "fee.md", "{{ rate }} euro", "{{ rat }} euro")  # CK201 (and CK952)
    found = _findings(library)
    assert ("CK504", (DUTCH / "services.md").as_posix(), 6) in found
    assert ("CK503", (DUTCH / "description.md").as_posix(), 4) in found
    assert ("CK201", (DUTCH / "fee.md").as_posix(), 14) in found
    assert all(path.startswith(DUTCH.as_posix()) for _, path, _ in found), found


def test_a_source_finding_is_reported_once_not_once_per_edition(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    source = library / "services" / "template.yaml"
    unused = "  - id: unused\n    label: Unused\n    type: boolean\n"
    _edit(source, "    required: true\n  - id: fee", "    required: true\n" + unused + "  - id: fee")
    _edit(source, "[client, supplier, start, scope]", "[client, supplier, start, scope, unused]")
    label = "  start: {label: Ingangsdatum}"
    _edit(library / DUTCH / "template.yaml", label, label + "\n  unused: {label: Ongebruikt}")
    assert [code for code, _, _ in _findings(library)] == ["CK202"]


def test_the_logic_of_an_edition_is_judged_in_the_source_its_text_in_the_translation(tmp_path: Path) -> None:
    """The Dutch text leaves out the answer 'rate': CK952 says so in the translation; the edition's
    'unused question' would point into the source's template.yaml and is not reported."""
    library = _copy(tmp_path)
    _edit(library / DUTCH / "fee.md", "{{ rate }} euro", "het afgesproken bedrag in euro")
    assert _findings(library) == [("CK952", (DUTCH / "fee.md").as_posix(), 14)]


def test_a_silence_in_a_translation_file_silences_its_finding(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    line = "De Opdrachtnemer rapporteert ten minste eenmaal per maand aan de Opdrachtgever over de voortgang."
    silence = "{# clausekit: ignore CK504 reden: zo in het model #}\n"
    _edit(library / DUTCH / "services.md", line, silence + line.rstrip("."))
    assert _findings(library) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two! Three?", 3),
        ("See art. 7:660 BW and e.g. the rules.", 1),  # an abbreviation before a small letter or a digit
        ("The Client pays {{ rate }} euros.\n\nThe Supplier invoices.", 2),
        ('{% if x %}One.{% endif %} Two (see {{ ref("a") }}).', 2),
        ("These are:\n- first;\n- second.", 3),  # a list item counts as one
        ("A heading without a stop", 1),
        ("", 0),
    ],
)
def test_sentences_are_counted_in_the_text_without_its_code(text: str, count: int) -> None:
    assert sentences(text) == count


@pytest.mark.parametrize(
    ("source", "translated", "reported"),
    [(1, 2, False), (2, 3, False), (2, 4, True), (4, 6, True), (10, 14, False), (10, 15, True), (3, 1, True)],
)
def test_a_difference_of_one_sentence_is_ordinary_a_half_more_is_not(
    source: int, translated: int, reported: bool
) -> None:
    assert differs_a_lot(source, translated) is reported
