"""Rendering: variant choice, numbering, references that renumber, sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Library, RenderError, to_markdown, validate
from toolkit.render import Engine


def _doc(library_path: Path, **answers):  # type: ignore[no-untyped-def]
    library = Library(library_path)
    template = library.template("mini")
    return library.render(template, validate(template, {"naam": "Acme", **answers}))


def test_variant_choice_follows_answers(mini_library: Path) -> None:
    assert _doc(mini_library).article("geheim").variant.id == "gewoon"
    assert _doc(mini_library, streng=True).article("geheim").variant.id == "streng"


def test_numbering_and_references_renumber_when_an_article_is_left_out(mini_library: Path) -> None:
    without = _doc(mini_library)
    assert [a.clause.id for a in without.articles] == ["doel", "geheim", "slot"]
    assert [a.number for a in without.articles] == [1, 2, 3]
    assert "Zie [artikel 2](#ck-geheim)." in to_markdown(without)

    with_press = _doc(mini_library, pers="afdeling")
    assert [a.number for a in with_press.articles] == [1, 2, 3, 4]
    assert with_press.article("geheim").number == 3
    assert "Zie [artikel 3](#ck-geheim) en [artikel 2](#ck-pers)." in to_markdown(with_press)


def test_subclauses_are_numbered_only_when_there_are_several(mini_library: Path) -> None:
    doc = _doc(mini_library, streng=True)
    assert [s.number for s in doc.article("geheim").subclauses] == ["2.1", "2.2"]
    assert [s.number for s in doc.article("doel").subclauses] == [""]
    markdown = to_markdown(doc)
    assert "\n[]{#ck-geheim-2}2.2 Ook niet anoniem.\n" in markdown
    assert "## Artikel 2 Geheimhouding {#ck-geheim}" in markdown


def test_values_render_in_dutch(mini_library: Path) -> None:
    markdown = to_markdown(_doc(mini_library, streng=True, kanalen=["linkedin", "x", "tiktok"]))
    assert "via linkedin, x en tiktok" in markdown
    assert "Ingang: 1 januari 2027." in markdown


def test_forced_variant(mini_library: Path) -> None:
    library = Library(mini_library)
    template = library.template("mini")
    doc = library.render(template, validate(template, {"naam": "A"}), force={"geheim": "streng"})
    assert doc.article("geheim").variant.id == "streng" and doc.article("geheim").forced
    with pytest.raises(RenderError):
        library.render(template, validate(template, {"naam": "A"}), force={"geheim": "bestaat-niet"})


def test_dangling_reference_is_an_error_with_location(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")  # the message in English
    path = mini_library / "mini" / "slot.md"
    path.write_text(
        path.read_text().replace(
            '{% if pers == "afdeling" %} en {{ ref("pers") }}{% endif %}', ' en {{ ref("pers") }}'
        )
    )
    with pytest.raises(RenderError) as info:
        _doc(mini_library)
    assert "left out for these answers" in info.value.message
    assert info.value.location is not None and info.value.location.path == path


def test_undefined_variable_names_clause_line(mini_library: Path) -> None:
    path = mini_library / "mini" / "doel.md"
    path.write_text(path.read_text() + "\nOok voor {{ onbekend }}.\n")
    with pytest.raises(RenderError) as info:
        _doc(mini_library)
    assert "onbekend" in info.value.message
    assert info.value.location == type(info.value.location)(path, 7)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ naam.__class__.__mro__ }}",
        "{{ '{0.__class__.__base__}'.format(naam) }}",
        "{{ '{x.__class__}'.format_map({'x': naam}) }}",
        "{{ naam|attr('__class__') }}",
        "{{ 'a' * 100000000 }}",
        "{{ 10 ** 10000 }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
    ],
)
def test_sandbox_stops_template_attacks(mini_library: Path, payload: str) -> None:
    path = mini_library / "mini" / "doel.md"
    path.write_text(path.read_text() + f"\n{payload}\n")
    with pytest.raises(RenderError):
        _doc(mini_library)


def test_answers_are_never_rendered_as_templates(mini_library: Path) -> None:
    doc = _doc(mini_library, naam="{{ 7*7 }} {% raw %}")
    markdown = to_markdown(doc)
    assert "49" not in markdown
    assert r"\{\{ 7\*7 \}\} \{\% raw \%\}" in markdown


def test_engine_reuses_compiled_templates(mini_library: Path) -> None:
    engine = Engine()
    template = Library(mini_library).template("mini")
    assert engine.compiled(template) is engine.compiled(template)


def test_reference_to_a_subclause(mini_library: Path) -> None:
    path = mini_library / "mini" / "slot.md"
    path.write_text(path.read_text().replace('{{ ref("geheim") }}', '{{ ref("geheim", 2) }}'))
    assert "Zie [artikel 2.2](#ck-geheim-2)." in to_markdown(_doc(mini_library, streng=True))


def test_condition_on_unanswered_optional_number_is_a_render_error(mini_library: Path) -> None:
    """``aantal >= 50`` with no ``aantal`` is the user's mistake: a RenderError with a hint."""
    from toolkit.errors import Location

    engine = Engine()
    condition = engine.condition("aantal >= 50", Location(mini_library / "x.yaml", 3))
    with pytest.raises(RenderError) as caught:
        engine.evaluate(condition, {"aantal": None}, Location(mini_library / "x.yaml", 3))
    assert "x.yaml:3" in caught.value.format()
    assert "is not none" in (caught.value.hint or "")
