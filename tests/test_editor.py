"""The studio's editor in process: real widgets (no front end), the real core, a copy of a library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit import load_answers_file
from toolkit.editing.save import save_text
from toolkit.editing.source import ChangedOnDisk, parse_source, replace_body, set_variant_key
from toolkit.notebook import Studio

ROOT = Path(__file__).resolve().parents[1]


def studio_for(library: Path) -> Studio:
    return Studio("mini", library=library, answers={"naam": "Acme B.V."}, watch=False, debounce=0)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- 1. editing a variant's text, previewed before saving ---------------------------------------


def test_the_preview_shows_the_unsaved_text_and_the_file_is_untouched(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    path = mini_library / "mini" / "geheim.md"
    before = path.read_bytes()
    editor = studio.editor
    editor.open("geheim", "streng")
    assert "Niets wordt gedeeld" in text_of(editor.preview.value)
    editor.edit(editor.text.value.replace("Ook niet anoniem.", "Ook niet anoniem, zegt {{ naam }}."))
    assert "Ook niet anoniem, zegt Acme B.V." in text_of(editor.preview.value)
    assert editor.dirty and "ck-unsaved" in editor.marker.value
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp")) and sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (Path(__file__).parent / "fixtures" / "mini" / "mini").iterdir()
    )  # no temporary file was written
    assert "zegt Acme" not in text_of(studio.preview.html.value)  # the document keeps the saved text


def test_a_bad_edit_shows_its_line_and_keeps_the_last_good_preview(mini_library: Path) -> None:
    editor = studio_for(mini_library).editor
    editor.open("geheim", "streng")
    editor.edit("Eerste regel.\n\nTweede {{ naam }}.\n")
    good = editor.preview.value
    assert "Tweede Acme B.V." in text_of(good)
    editor.edit("Eerste regel.\n\nTweede {{ naam }.\n")  # a Jinja syntax error on line 3
    assert editor.error is not None and 'data-line="3"' in editor.problem.value
    assert "Regel 3:" in editor.problem.value and "Tweede {{ naam }." in editor.problem.value
    assert editor.preview.value == good
    editor.edit("Eerste regel.\n\n{{ onbekend }}\n")  # a name no question has: a render error, line 3
    assert 'data-line="3"' in editor.problem.value and editor.preview.value == good
    editor.edit("Eerste regel.\n\nHersteld.\n")
    assert editor.problem.value == "" and "Hersteld." in text_of(editor.preview.value)


# -- 2. saving only the edited span --------------------------------------------------------------

HEAD = """---
id: geheim
title: Geheimhouding   # a comment that stays
variants:
  streng:
    when: streng     # strict
  gewoon:
    label: Gewoon
---
"""


def test_save_changes_only_the_edited_span(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    original = (
        HEAD + "::: variant streng\nNiets.\n\n\nOok niet.   \n:::\n\n\n::: variant gewoon\nGewoon.\n:::\n"
    )
    path.write_bytes(original.encode())
    studio = studio_for(mini_library)
    editor = studio.editor
    editor.open("geheim", "gewoon")
    editor.edit("Vertrouwelijke zaken blijven binnen.\n")
    assert editor.save()
    after = path.read_bytes().decode()
    assert after == original.replace("Gewoon.\n", "Vertrouwelijke zaken blijven binnen.\n")
    assert not editor.dirty and "ck-unsaved" not in editor.marker.value
    # the studio read the saved file at once
    assert studio.template is not None
    assert studio.template.clause("geheim").variant("gewoon").body == "Vertrouwelijke zaken blijven binnen.\n"


def test_a_condition_and_a_label_change_only_their_lines(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    original = path.read_text(encoding="utf-8")
    source = parse_source(path)
    text = set_variant_key(source, "gewoon", "when", 'not streng and "x" in kanalen')
    assert text == original.replace(
        "  gewoon:\n    label: Gewoon\n",
        '  gewoon:\n    when: not streng and "x" in kanalen\n    label: Gewoon\n',
    )
    text = set_variant_key(source, "streng", "label", "Streng: ook anoniem")
    assert text == original.replace(
        "    when: streng\n", "    when: streng\n    label: 'Streng: ook anoniem'\n"
    )
    text = set_variant_key(source, "gewoon", "label", None)
    assert text == original.replace("    label: Gewoon\n", "")


def test_crlf_files_keep_their_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"---\r\nid: x\r\ntitle: X\r\n---\r\nEen.\r\nTwee.\r\n")
    source = parse_source(path)
    assert (
        replace_body(source, "default", "Drie.\nVier.\n")
        == "---\r\nid: x\r\ntitle: X\r\n---\r\nDrie.\r\nVier.\r\n"
    )


def test_a_change_on_disk_since_opening_is_refused_and_nothing_is_lost(mini_library: Path) -> None:
    path = mini_library / "mini" / "geheim.md"
    editor = studio_for(mini_library).editor
    editor.open("geheim", "gewoon")
    editor.edit("Mijn versie.\n")
    theirs = path.read_text(encoding="utf-8").replace("Vertrouwelijke zaken", "Geheime zaken")
    path.write_text(theirs, encoding="utf-8")  # a colleague, another tab, a git pull
    assert not editor.save()
    assert path.read_text(encoding="utf-8") == theirs
    assert editor.conflict_box.layout.display is None and "op schijf gewijzigd" in editor.conflict.value
    assert editor.text.value == "Mijn versie.\n" and editor.dirty
    editor.show_both()
    assert "Geheime zaken" in editor.conflict.value and "<ins>Mijn" in editor.conflict.value
    editor.reload_from_disk()
    assert editor.text.value == "Geheime zaken worden niet gedeeld.\n"
    assert "Mijn versie." in editor.conflict.value  # still there to copy from
    with pytest.raises(ChangedOnDisk):
        save_text(path, "x", "0" * 64)


def test_leaving_a_variant_with_unsaved_changes_warns_and_stays(mini_library: Path) -> None:
    editor = studio_for(mini_library).editor
    editor.open("geheim", "streng")
    editor.edit("Gewijzigd.\n")
    editor.variant.value = "gewoon"
    assert editor.variant_id == "streng" and editor.variant.value == "streng"
    assert "nog niet zijn bewaard" in editor.message.value
    editor.discard()
    editor.variant.value = "gewoon"
    assert (
        editor.variant_id == "gewoon" and editor.text.value == "Vertrouwelijke zaken worden niet gedeeld.\n"
    )


# -- 3. inserts without code ---------------------------------------------------------------------


def test_inserts_write_what_an_expert_writes(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    editor, inserts = studio.editor, studio.inserts
    editor.open("slot", "default")
    editor.edit("Zie @@ voor de regels.\n")
    inserts.reference.value = "geheim"
    inserts.insert_reference()
    assert editor.text.value == 'Zie {{ ref("geheim") }} voor de regels.\n'
    assert "Zie artikel 2 voor de regels." in text_of(editor.preview.value)
    inserts.answer.value = "naam"
    inserts.insert_answer()  # no marker left: at the end of the text, before its final line end
    assert editor.text.value == 'Zie {{ ref("geheim") }} voor de regels. {{ naam }}\n'
    editor.edit("@@ de regels.\n")
    inserts.je.value, inserts.u.value = 'Lees je "dit"', "Leest u"
    inserts.insert_pair()
    assert editor.text.value == '{{ vorm("Lees je \\"dit\\"", "Leest u") }} de regels.\n'
    assert "Leest u de regels." in text_of(editor.preview.value)
    conditionals = [
        ("pers", "afdeling", " Bel de pers.", 'Zo.{% if pers == "afdeling" %} Bel de pers.{% endif %}\n'),
        ("streng", "false", " Mild.", "Zo.{% if not streng %} Mild.{% endif %}\n"),
        ("kanalen", "tiktok", " Ook TikTok.", 'Zo.{% if "tiktok" in kanalen %} Ook TikTok.{% endif %}\n'),
    ]
    for question, value, phrase, expected in conditionals:
        editor.edit("Zo.@@\n")
        inserts.question.value, inserts.value.value, inserts.phrase.value = question, value, phrase
        inserts.insert_conditional()
        assert editor.text.value == expected
    assert "Zo. Ook TikTok." not in text_of(editor.preview.value)  # the answers choose linkedin only
    editor.edit("Zo.{% if not streng %} Mild.{% endif %}\n")
    assert "Zo. Mild." in text_of(editor.preview.value)


def test_a_defined_term_is_inserted_as_written_in_the_definitions(flagship_library: object) -> None:
    from toolkit.editing.snippets import terms

    studio = Studio("richtlijnen-social-media", library=ROOT / "clauses", answers="zorg", watch=False)
    assert "Vertrouwelijke informatie" in terms(studio.template)  # type: ignore[arg-type]
    studio.editor.open("twijfel", "")
    body = studio.editor.text.value
    studio.editor.edit(body.replace("\n", " @@\n", 1))
    studio.inserts.term.value = "Vertrouwelijke informatie"
    studio.inserts.insert_term()
    assert studio.editor.text.value == body.replace("\n", " Vertrouwelijke informatie\n", 1)


# -- 4. the condition builder --------------------------------------------------------------------


def test_the_condition_builder_writes_checks_and_reports_the_article(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    editor, builder = studio.editor, studio.conditions
    editor.open("geheim", "gewoon")
    first = builder.add()
    first.question.value, first.choice.value = "pers", "afdeling"
    second = builder.add()
    second.joiner.value, second.question.value = "or", "kanalen"
    second.operator.value, second.choice.value = "has", "x"
    third = builder.add()
    third.question.value, third.operator.value, third.typed.value = "aantal", "ge", "50"
    fourth = builder.add()
    fourth.question.value, fourth.operator.value = "streng", "false"
    expected = 'pers == "afdeling" or "x" in kanalen and aantal >= 50 and not streng'
    assert builder.written() == expected and "ck-expression" in builder.expression.value
    assert builder.apply() == expected
    assert editor.pending_keys == {"when": expected} and editor.dirty
    assert "De voorwaarde is geldig." in builder.report.value
    # `gewoon` now has a condition and `streng` only holds when streng: answers with neither get no text
    assert "CK403" in builder.findings.value and "CK404" in builder.findings.value
    builder.remove(fourth)
    builder.remove(third)
    builder.remove(second)
    builder.remove(first)
    builder.apply(fallback=True)  # back to no condition: the fallback again
    assert editor.pending_keys == {} and "Geen overlap en geen gaten" in builder.findings.value


def test_the_builder_names_the_examples_that_select_a_variant_and_saves_the_condition(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "clauses", tmp_path / "clauses")
    studio = Studio("richtlijnen-social-media", library=tmp_path / "clauses", answers="zorg", watch=False)
    editor, builder = studio.editor, studio.conditions
    path = tmp_path / "clauses" / "richtlijnen-social-media" / "vertrouwelijkheid.md"
    before = path.read_text(encoding="utf-8")
    editor.open("vertrouwelijkheid", "streng")
    row = builder.add()
    row.question.value, row.choice.value = "strengheid", "streng"
    row = builder.add()
    row.joiner.value, row.question.value, row.operator.value = "or", "ondernemingsraad", "true"
    assert builder.apply() == 'strengheid == "streng" or ondernemingsraad'
    library = studio.library
    template = library.template("richtlijnen-social-media")
    chosen, others = (
        builder.report.value.split("<b>")[1].split("</b>")[0],
        builder.report.value.split("</b>")[1],
    )
    for example in sorted(template.examples_dir.glob("*.yaml")):
        values = library.validate(template, load_answers_file(example)[0]).values
        if values.get("strengheid") == "streng":  # the condition holds and no other variant does
            assert example.stem in chosen.split(", "), example.stem
        elif not values.get("ondernemingsraad", False):  # the condition does not hold
            assert example.stem in others, example.stem
    assert "CK404" in builder.findings.value  # standaard and streng both hold for standaard + OR
    builder.opened()  # start again
    row = builder.add()
    row.question.value, row.choice.value = "strengheid", "streng"
    builder.apply()
    assert "Geen overlap" in builder.findings.value
    syntax = builder.report.value
    assert "geldig" in syntax
    assert editor.pending_keys == {}  # the same condition as on disk: nothing to save
    editor.set_key("when", 'strengheid == "streng" and not zzp')
    assert editor.save()
    assert path.read_text(encoding="utf-8") == before.replace(
        '    when: strengheid == "streng"\n', '    when: strengheid == "streng" and not zzp\n'
    )


def test_a_broken_condition_is_reported_at_once(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    studio.editor.open("geheim", "gewoon")
    studio.editor.set_key("when", "pers = 'x'")
    studio.conditions.check()
    assert "ongeldige voorwaarde" in studio.conditions.report.value  # the studio's language: Dutch
    assert studio.conditions.findings.value == ""
    studio.language.value = "en"  # the editor's language, not the process's (CLAUSEKIT_LANG=nl)
    studio.editor.open("geheim", "gewoon")
    studio.editor.set_key("when", "pers = 'x'")
    studio.conditions.check()
    assert "invalid condition" in studio.conditions.report.value


# -- 6. from edit to approval ---------------------------------------------------------------------

SENTENCE = "Kritiek op de Werkgever is niet verboden,"
NEW_SENTENCE = "Kritiek op de Werkgever is toegestaan,"


def flagship_copy(tmp_path: Path, git: bool) -> Path:
    import shutil
    import subprocess

    shutil.copytree(ROOT / "clauses", tmp_path / "clauses")
    if git:
        run = {"cwd": tmp_path, "check": True, "capture_output": True}
        subprocess.run(["git", "init", "-q"], **run)  # type: ignore[call-overload]
        subprocess.run(["git", "add", "clauses"], **run)  # type: ignore[call-overload]
        who = ["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
        subprocess.run(["git", *who, "commit", "-qm", "library"], **run)  # type: ignore[call-overload]
    return tmp_path / "clauses"


@pytest.mark.requires("ssh-keygen")  # the approval tab verifies the signatures
@pytest.mark.parametrize("git", [True, False])
def test_after_a_save_the_variant_is_changed_and_the_approval_tab_shows_the_words(
    tmp_path: Path, git: bool
) -> None:
    library = flagship_copy(tmp_path, git)
    studio = Studio("richtlijnen-social-media", library=library, answers="zorg", watch=False)
    assert "ck-state-changed" not in studio.approvals.table.value
    editor = studio.editor
    editor.open("vertrouwelijkheid", "standaard")
    editor.edit(editor.text.value.replace(SENTENCE, NEW_SENTENCE))
    assert editor.save()
    assert "Bewaard in vertrouwelijkheid.md" in editor.message.value
    assert "Goedkeuring: gewijzigd sinds goedkeuring." in editor.message.value
    row = next(r for r in studio.approvals.table.value.split("<tr") if ">standaard<" in r and "vertrouw" in r)
    assert "ck-state-changed" in row and "gewijzigd" in row
    changes = studio.changes.html.value
    assert "vertrouwelijkheid:standaard" in changes
    assert "<del>niet verboden,</del><ins>toegestaan,</ins>" in changes.replace("</del> <ins>", "</del><ins>")
    # editing again in the same session: still against the approved text
    editor.edit(editor.text.value.replace(NEW_SENTENCE, NEW_SENTENCE + " Echt."))
    assert editor.save()
    assert "<ins>" in studio.changes.html.value and "niet" in studio.changes.html.value


def test_without_the_approved_text_the_approval_tab_says_what_is_missing(tmp_path: Path) -> None:
    library = flagship_copy(tmp_path, git=False)
    path = library / "richtlijnen-social-media" / "vertrouwelijkheid.md"
    path.write_text(path.read_text(encoding="utf-8").replace(SENTENCE, "Kritiek mag."), encoding="utf-8")
    studio = Studio("richtlijnen-social-media", library=library, answers="zorg", watch=False)
    editor = studio.editor
    editor.open("vertrouwelijkheid", "standaard")
    editor.edit(editor.text.value.replace("Kritiek mag.", NEW_SENTENCE))
    assert editor.save()
    assert "alleen de vingerafdruk" in studio.changes.html.value


# -- 5. managing variants ------------------------------------------------------------------------


def test_add_relabel_move_and_delete_a_variant_touch_only_its_lines(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    editor, manage = studio.editor, studio.manage
    path = mini_library / "mini" / "geheim.md"
    original = path.read_text(encoding="utf-8")
    streng_block = original[original.index("::: variant streng") : original.index("::: variant gewoon")]
    editor.open("geheim", "streng")
    manage.new_id.value = "Zorg!"
    assert not manage.add() and "cannot be a variant id" in manage.message.value
    manage.new_id.value = "zorg"
    assert manage.add()
    added = path.read_text(encoding="utf-8")
    assert (
        added
        == original.replace(
            "    label: Gewoon\n", "    label: Gewoon\n  zorg:\n    when: streng\n    label: streng (kopie)\n"
        )
        + "\n"
        + streng_block.replace("streng", "zorg").rstrip("\n")
        + "\n"
    )
    assert editor.variant_id == "zorg" and studio.template is not None
    assert [v.id for v in studio.template.clause("geheim").variants] == ["streng", "gewoon", "zorg"]

    # the new variant gets its own condition from the builder and a label; one save writes both
    row = studio.conditions.add()
    row.question.value, row.choice.value = "pers", "afdeling"
    studio.conditions.apply()
    manage.label.value = "Met persafdeling"
    manage.relabel()
    editor.edit(editor.text.value.replace("Ook niet anoniem.", "Ook niet aan de pers."))
    manage.new_id.value = "nog-een"
    assert not manage.add() and "Bewaar of verwerp eerst" in manage.message.value
    assert editor.save()
    saved = path.read_text(encoding="utf-8")
    expected = added.replace(
        "  zorg:\n    when: streng\n    label: streng (kopie)\n",
        '  zorg:\n    when: pers == "afdeling"\n    label: Met persafdeling\n',
    )
    head, _, tail = expected.rpartition("Ook niet anoniem.")  # the zorg block is the last
    assert saved == head + "Ook niet aan de pers." + tail

    assert manage.move(-1)  # zorg before gewoon, in the front matter and in the body
    moved = path.read_text(encoding="utf-8")
    assert moved.index("  zorg:") < moved.index("  gewoon:")
    assert moved.index("::: variant zorg") < moved.index("::: variant gewoon")
    assert sorted(moved.splitlines()) == sorted(saved.splitlines())

    manage.ask_delete()
    assert manage.confirm_box.layout.display is None and "zorg" in manage.confirm.description
    manage.cancel.click()
    assert manage.confirm_box.layout.display == "none" and path.read_text(encoding="utf-8") == moved
    manage.ask_delete()
    manage.confirm.click()
    assert path.read_text(encoding="utf-8") == original
    assert [v.id for v in studio.template.clause("geheim").variants] == ["streng", "gewoon"]


def test_a_clause_with_one_body_gets_variant_blocks_when_a_variant_is_added(mini_library: Path) -> None:
    studio = studio_for(mini_library)
    path = mini_library / "mini" / "doel.md"
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    studio.editor.open("doel", "default")
    studio.manage.new_id.value = "groot"
    assert studio.manage.add()
    assert path.read_text(encoding="utf-8") == (
        "---\nid: doel\ntitle: Doel\nvariants:\n  default:\n  groot:\n    label: default (kopie)\n---\n"
        f"::: variant default\n{body}:::\n\n::: variant groot\n{body}:::\n"
    )
    assert studio.load_error is None and len(studio.template.clause("doel").variants) == 2  # type: ignore[union-attr]


# -- 5. managing articles ------------------------------------------------------------------------


def test_articles_are_added_moved_and_made_conditional_in_template_yaml_in_place(mini_library: Path) -> None:
    yaml = mini_library / "mini" / "template.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("  - geheim\n", "  - geheim   # kern\n"))
    shared = mini_library / "_shared"
    shared.mkdir()
    (shared / "privacy.md").write_text(
        "---\nid: privacy\ntitle: Privacy\n---\nWij gaan zorgvuldig om met gegevens.\n"
    )
    original = yaml.read_text(encoding="utf-8")
    studio = studio_for(mini_library)
    editor, articles = studio.editor, studio.articles
    editor.open("geheim", "streng")
    assert [label for label, _ in articles.origin.options][1:] == ["privacy"]

    articles.new_id.value, articles.title.value = "thuiswerk", "Thuiswerk"
    assert articles.add()
    assert yaml.read_text(encoding="utf-8") == original.replace(
        "  - geheim   # kern\n", "  - geheim   # kern\n  - thuiswerk\n"
    )
    assert (mini_library / "mini" / "thuiswerk.md").read_text(encoding="utf-8") == (
        "---\nid: thuiswerk\ntitle: Thuiswerk\n---\nThuiswerk.\n"
    )
    assert editor.clause_id == "thuiswerk" and "Artikel 3 Thuiswerk" in text_of(editor.preview.value)

    row = studio.conditions.add()
    row.question.value, row.operator.value = "streng", "true"
    assert articles.make_conditional()
    conditional = original.replace(
        "  - geheim   # kern\n", "  - geheim   # kern\n  - id: thuiswerk\n    when: streng\n"
    )
    assert yaml.read_text(encoding="utf-8") == conditional
    assert "niet in het document" in editor.preview.value  # streng is false for these answers

    assert articles.move(-1)
    assert yaml.read_text(encoding="utf-8") == original.replace(
        "  - geheim   # kern\n", "  - id: thuiswerk\n    when: streng\n  - geheim   # kern\n"
    )
    assert articles.make_conditional(always=True)
    articles.origin.value = "privacy"
    assert articles.add()
    assert yaml.read_text(encoding="utf-8") == original.replace(
        "  - geheim   # kern\n", "  - thuiswerk\n  - privacy\n  - geheim   # kern\n"
    )
    assert studio.template is not None and studio.template.clause("privacy").shared
    assert editor.clause_id == "privacy" and "zorgvuldig" in editor.text.value
    assert "staat in _shared" in editor.message.value  # a change there reaches every template using it


# -- 5. editing questions ------------------------------------------------------------------------


def questions_of(library: Path, question: str) -> tuple[Path, str, Studio]:
    """template.yaml, its text, and a studio whose question editor shows ``question``."""
    yaml = library / "mini" / "template.yaml"
    original = yaml.read_text(encoding="utf-8")
    studio = studio_for(library)
    studio.questions.question.value = question
    return yaml, original, studio


def test_a_question_is_edited_in_place_and_validated_as_the_checks_do(mini_library: Path) -> None:
    yaml, original, studio = questions_of(mini_library, "pers")
    questions = studio.questions
    questions.options.value = "geen: Geen\nafdeling: Een persafdeling\nwoordvoerder: Een woordvoerder"
    questions.help.value = "Is er iemand die de pers te woord staat?"
    questions.required.value = True
    assert questions.save(), questions.message.value
    assert yaml.read_text(encoding="utf-8") == original.replace(
        "      - {value: afdeling, label: Een persafdeling}\n    default: geen\n",
        "      - {value: afdeling, label: Een persafdeling}\n"
        "      - {value: woordvoerder, label: Een woordvoerder}\n    default: geen\n    required: true\n"
        "    help: Is er iemand die de pers te woord staat?\n",
    )
    assert (
        studio.template is not None and studio.template.question("pers").option_values()[-1] == "woordvoerder"
    )

    saved = yaml.read_text(encoding="utf-8")
    questions.options.value = "geen: Geen"  # pers.md and slot.md still test pers == "afdeling"
    assert not questions.save()
    assert "CK203" in questions.message.value and yaml.read_text(encoding="utf-8") == saved
    questions.options.value = "geen: Geen\nafdeling: Een persafdeling"
    questions.label.value = ""  # the loader's own message, at its line
    assert not questions.save() and "template.yaml:" in questions.message.value
    assert "label" in questions.message.value and yaml.read_text(encoding="utf-8") == saved
    yaml.write_text(saved.replace("Kanalen", "Welke kanalen"), encoding="utf-8")  # changed meanwhile
    questions.label.value = "Is er een persafdeling?"
    assert not questions.save() and "op schijf gewijzigd" in questions.message.value


def test_a_new_question_goes_after_the_chosen_one_and_into_its_step(mini_library: Path) -> None:
    yaml, original, studio = questions_of(mini_library, "streng")
    questions = studio.questions
    questions.new_id.value, questions.label.value, questions.type.value = "thuis", "Thuiswerk?", "boolean"
    questions.help.value, questions.default.value = "", "nee"  # not "ja": false
    assert questions.add(), questions.message.value
    assert yaml.read_text(encoding="utf-8") == original.replace(
        "    default: false\n  - id: kanalen",
        "    default: false\n  - id: thuis\n    label: Thuiswerk?\n    type: boolean\n    default: false\n"
        "  - id: kanalen",
    ).replace("questions: [streng, kanalen", "questions: [streng, thuis, kanalen")
    assert list(studio.fields) == [
        "naam",
        "aantal",
        "start",
        "streng",
        "thuis",
        "kanalen",
        "pers",
        "perschef",
    ]
    assert questions.question.value == "thuis"


def test_a_reload_from_disk_keeps_an_unsaved_edit_and_the_save_still_refuses(mini_library: Path) -> None:
    """The watcher reads a file changed elsewhere while an edit is open: the edit stays, unsaved."""
    studio = studio_for(mini_library)
    editor = studio.editor
    path = mini_library / "mini" / "geheim.md"
    editor.open("geheim", "gewoon")
    editor.edit("Mijn tekst.\n")
    theirs = path.read_text(encoding="utf-8").replace("Ook niet anoniem.", "Ook niet anoniem, echt niet.")
    path.write_text(theirs, encoding="utf-8")
    studio.reload()  # what the watcher does
    assert editor.text.value == "Mijn tekst.\n" and editor.dirty and "Mijn tekst." in editor.preview.value
    assert not editor.save() and path.read_text(encoding="utf-8") == theirs
    path.unlink()  # gone altogether: refused too, nothing written
    assert not editor.save() and not path.exists()
