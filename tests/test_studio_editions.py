"""The studio with a template in two languages: the document language, the variants side by side in
each language, and the editor on a translation. Real widgets (no front end), the real core, a copy of
the bilingual fixture (an English source with a Dutch edition)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BILINGUAL_ANSWERS as ANSWERS
from conftest import bilingual_studio, docx_plain_text

from toolkit.errors import Location
from toolkit.formats import FORMATS
from toolkit.locales import language_name
from toolkit.model import Finding
from toolkit.notebook import Studio
from toolkit.notebook.exporters import render_saved
from toolkit.notebook.saved import MIME, bundle


@pytest.fixture
def library(bilingual_library: Path) -> Path:
    return bilingual_library


def studio_for(library: Path, **options: object) -> Studio:
    studio: Studio = bilingual_studio(library, **options)
    return studio


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def labels(studio: Studio) -> list[str]:
    return [field.question.label for field in studio.fields.values()]


def test_a_regional_tag_has_a_name_in_its_own_language() -> None:
    assert language_name("en-GB") == "English (United Kingdom)"
    assert language_name("nl-NL") == "Nederlands (Nederland)" and language_name("nl") == "Nederlands"


def test_the_document_language_is_offered_only_for_a_template_with_several(
    library: Path, mini_library: Path
) -> None:
    studio = studio_for(library)
    assert studio.document_language.layout.display is None
    assert [tag for _, tag in studio.document_language.options] == ["en-GB", "nl-NL"]
    assert studio.document_language.value == "en-GB"
    mini = Studio("mini", library=mini_library, answers={"naam": "Acme B.V."}, watch=False)
    assert mini.document_language.layout.display == "none"


def test_switching_the_document_language_changes_labels_preview_and_keeps_the_answers(library: Path) -> None:
    studio = studio_for(library)
    assert "Name of the client" in labels(studio)
    assert "The Client pays the Supplier 120 euros" in text_of(studio.preview.html.value)
    studio.fields["client"].control.value = "Beta B.V."
    studio.set_force("fee", "fixed")
    studio.document_language.value = "nl-NL"
    assert studio.template is not None and studio.template.language == "nl-NL"
    assert "Naam van de opdrachtgever" in labels(studio) and "Uurtarief in euro" in labels(studio)
    preview = text_of(studio.preview.html.value)
    assert "Overeenkomst van opdracht" in preview and "Artikel 1 Partijen" in preview
    assert "Beta B.V." in preview and "schriftelijk overeengekomen vaste prijs" in preview  # answers, force
    assert studio.fields["client"].value == "Beta B.V." and studio.fields["rate"].value == 120
    assert "Pays" not in preview and "The Client" not in preview
    studio.document_language.value = "en-GB"
    assert "Name of the client" in labels(studio) and "Beta B.V." in text_of(studio.preview.html.value)


def test_the_interface_language_stays_independent_of_the_document_language(library: Path) -> None:
    studio = studio_for(library)
    studio.document_language.value = "nl-NL"
    studio.language.value = "en"  # the studio speaks English, the document stays Dutch
    assert studio.ui.language == "en" and studio.template is not None and studio.template.language == "nl-NL"
    assert studio.document_language.value == "nl-NL"
    assert studio.document_language.description == "Document language"
    assert "Artikel 1 Partijen" in text_of(studio.preview.html.value)
    assert "Naam van de opdrachtgever" in labels(studio)


@pytest.mark.skipif("docx" not in FORMATS, reason="pandoc is not installed")
def test_the_export_is_the_chosen_edition_beside_the_source(library: Path, tmp_path: Path) -> None:
    studio = studio_for(library, doc_lang="nl")
    assert studio.document_language.value == "nl-NL"  # "nl" named the only Dutch edition
    dutch = studio.export("docx", tmp_path / "out")
    assert dutch.name == "services-1.0.0.nl-NL.docx"
    text = docx_plain_text(dutch)
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in text and "The Client" not in text
    studio.document_language.value = "en-GB"
    english = studio.export("docx", tmp_path / "out")
    assert english.name == "services-1.0.0.docx" and "The Client pays the Supplier 120 euros" in (
        docx_plain_text(english)
    )


def test_the_variants_tab_shows_each_language_side_by_side_and_marks_what_is_untranslated(
    library: Path,
) -> None:
    dutch_fee = library / "services" / "translations" / "nl-NL" / "fee.md"
    text = dutch_fee.read_text(encoding="utf-8")
    dutch_fee.write_text(text[: text.index("::: variant hourly")], encoding="utf-8")  # hourly untranslated
    studio = studio_for(library)
    studio.variants.choice.value = "fee"
    shown = studio.variants.languages.value
    table = r'<table class="ck-compare ck-languages" data-variant="(\w+)">(.*?)</table>'
    tables = re.findall(table, shown, re.S)
    assert [variant for variant, _ in tables] == ["fixed", "hourly"]
    cell = r'<td class="[^"]*" data-lang="([\w-]+)"( data-missing)?'
    fixed, hourly = (re.findall(cell, t) for _, t in tables)
    assert fixed == [("en-GB", ""), ("nl-NL", "")]  # the source left
    assert hourly == [("en-GB", ""), ("nl-NL", " data-missing")]
    assert shown.count("ck-untranslated") == 1 and "nog niet vertaald" in shown
    cells = re.findall(r'data-lang="nl-NL".*?</td>', tables[0][1], re.S)
    assert "De Opdrachtgever betaalt de Opdrachtnemer de schriftelijk" in text_of(cells[0])
    # A clause with one variant is there too, to read in both languages.
    studio.variants.choice.value = "liability"
    assert "De aansprakelijkheid van de Opdrachtnemer" in text_of(studio.variants.languages.value)
    mini_only = studio.variants.compare_languages("liability")
    assert mini_only == studio.variants.languages.value


def test_the_editor_edits_the_translation_file_of_the_chosen_edition(library: Path) -> None:
    source = library / "services" / "fee.md"
    dutch = library / "services" / "translations" / "nl-NL" / "fee.md"
    source_before, dutch_before = source.read_bytes(), dutch.read_text(encoding="utf-8")
    studio = studio_for(library, doc_lang="nl-NL")
    editor = studio.editor
    assert studio.conditions.box.layout.display == "none" and studio.questions.box.layout.display == "none"
    editor.open("fee", "hourly")
    assert editor.path == dutch and "{{ rate }} euro voor elk gewerkt uur" in editor.text.value
    assert "vertaling nl-NL: fee.md" in editor.message.value
    editor.edit(editor.text.value.replace("exclusief btw", "exclusief omzetbelasting"))
    assert "120 euro voor elk gewerkt uur, exclusief omzetbelasting" in text_of(editor.preview.value)
    assert editor.save()
    assert source.read_bytes() == source_before
    edited = dutch_before.replace("exclusief btw", "exclusief omzetbelasting")
    assert dutch.read_text(encoding="utf-8") == edited
    assert "exclusief omzetbelasting" in text_of(studio.preview.html.value)  # read again at once
    assert studio.template is not None and studio.template.language == "nl-NL"


def test_an_unsaved_edit_keeps_the_document_language(library: Path) -> None:
    studio = studio_for(library, doc_lang="nl-NL")
    studio.editor.open("fee", "hourly")
    studio.editor.edit("Gewijzigd.\n")
    studio.document_language.value = "en-GB"
    assert studio.template is not None and studio.template.language == "nl-NL"
    assert studio.document_language.value == "nl-NL" and "ck-warning" in studio.editor.message.value


def test_a_clause_without_translation_file_is_started_from_the_source_text(library: Path) -> None:
    source = library / "services" / "liability.md"
    dutch = library / "services" / "translations" / "nl-NL" / "liability.md"
    dutch.unlink()
    source_before = source.read_bytes()
    studio = studio_for(library, doc_lang="nl-NL")
    editor = studio.editor
    editor.open("liability", "default")
    assert editor.gap == "file" and editor.path is None and not editor.save()  # never the source file
    assert editor.create_button.layout.display is None
    assert "geen vertaling" in editor.message.value and "The liability of the Supplier" in editor.text.value
    studio.variants.choice.value = "liability"
    assert "data-missing" in studio.variants.languages.value
    assert editor.create_translation()
    assert source.read_bytes() == source_before
    assert dutch.read_text(encoding="utf-8") == (
        "---\ntitle: Liability\n---\n" + source_before.decode().split("---\n", 2)[2]
    )
    assert studio.template is not None and "clause:liability" not in dict(studio.template.untranslated)
    assert editor.path == dutch and editor.gap == "" and editor.create_button.layout.display == "none"
    editor.edit("De aansprakelijkheid is beperkt.\n")
    assert editor.save()
    assert dutch.read_text(encoding="utf-8").endswith("---\nDe aansprakelijkheid is beperkt.\n")
    assert source.read_bytes() == source_before


def test_a_missing_variant_block_is_added_to_the_translation_file(library: Path) -> None:
    dutch = library / "services" / "translations" / "nl-NL" / "fee.md"
    text = dutch.read_text(encoding="utf-8")
    kept = text[: text.index("::: variant hourly")]
    dutch.write_text(kept, encoding="utf-8")
    studio = studio_for(library, doc_lang="nl-NL")
    editor = studio.editor
    editor.open("fee", "hourly")
    assert editor.gap == "variant" and "The Client pays the Supplier {{ rate }} euros" in editor.text.value
    assert editor.create_translation()
    written = dutch.read_text(encoding="utf-8")
    assert written.startswith(kept) and written[len(kept) :].startswith("::: variant hourly\nThe Client pays")
    assert studio.template is not None and "variant:fee:hourly" not in dict(studio.template.untranslated)
    assert editor.path == dutch and editor.source is not None and "{{ rate }} euros" in editor.text.value


@pytest.mark.skipif("docx" not in FORMATS, reason="pandoc is not installed")
def test_the_notebook_remembers_the_document_language_and_its_export_uses_it(
    library: Path, tmp_path: Path
) -> None:
    studio = studio_for(library)
    studio.document_language.value = "nl-NL"
    data = bundle(studio.state())
    assert data[MIME]["language"] == "nl-NL"
    notebook = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": data}]}]}
    path = tmp_path / "services.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    reopened = Studio("services", library=library, watch=False, notebook=path)
    assert reopened.template is not None and reopened.template.language == "nl-NL"
    assert "Naam van de opdrachtgever" in labels(reopened) and reopened.fields["rate"].value == 120
    exported = render_saved(notebook, "docx", library)
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in docx_plain_text(exported)
    studio.document_language.value = "en-GB"
    assert "language" not in bundle(studio.state())[MIME]  # the source: as before editions


def test_a_finding_in_a_translation_file_leads_to_its_clause(library: Path) -> None:
    studio = studio_for(library, doc_lang="nl-NL")
    dutch = library / "services" / "translations" / "nl-NL" / "fee.md"
    finding = Finding("CK951", "error", "no text", Location(dutch, 14))
    assert studio.findings.clause_of(finding) == "fee"
    assert studio.findings.where(finding) == "services/translations/nl-NL/fee.md:14"
    assert (
        studio.findings.clause_of(Finding("CK101", "error", "x", Location(library / "services" / "fee.md")))
        == "fee"
    )


def test_starting_in_an_edition_renders_it_once(library: Path) -> None:
    """Filling the language menu is not a choice: the studio does not switch back and forth."""
    renders: list[str] = []

    class Counting(Studio):
        def update(self) -> None:
            renders.append(self.template.language if self.template else "")
            super().update()

    studio = Counting(
        "services", library=library, answers=dict(ANSWERS), watch=False, debounce=0, doc_lang="nl"
    )
    assert renders == ["nl-NL"] and studio.document_language.value == "nl-NL"
