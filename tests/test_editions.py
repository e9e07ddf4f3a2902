"""One template in two languages: the source (``language:``) holds the logic, ``translations/<tag>/``
the text of each other edition. The fixture is an English services agreement with a Dutch edition
(the reverse of the flagship), with variants, a conditional question, references and a schedule."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from pypdf import PdfReader
from test_english import DUTCH_WORDS, ENGLISH_WORDS, _render, _words

from toolkit.cli import main
from toolkit.errors import ClauseKitError, LoadError, UsageError
from toolkit.library import Library

BILINGUAL = FIXTURES / "bilingual"
ANSWERS = "client: Acme Ltd\nsupplier: Jansen Advies\nfee: hourly\nrate: 120\nstart: 2027-03-01\n"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader's messages in English: these tests read its English words (the catalogue's)."""
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")


def _copy(tmp_path: Path) -> Path:
    library = tmp_path / "lib"
    shutil.copytree(BILINGUAL, library)
    return library


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_edition_is_loaded_with_the_source() -> None:
    template = Library(BILINGUAL).template("services")
    assert template.languages == ("en-GB", "nl-NL")
    dutch = template.edition("nl-NL")
    assert dutch.source is template and dutch.is_edition and not template.is_edition
    assert dutch.title == "Overeenkomst van opdracht" and dutch.language == "nl-NL"
    # The logic is the source's: ids, types, option values, conditions, order.
    assert [q.id for q in dutch.questions] == [q.id for q in template.questions]
    assert dutch.question("rate").when == template.question("rate").when == 'fee == "hourly"'
    assert [o.label for o in dutch.question("fee").options] == ["Een vaste prijs", "Een uurtarief"]
    assert [o.value for o in dutch.question("fee").options] == ["fixed", "hourly"]
    assert [s.title for s in dutch.steps] == ["De partijen", "De vergoeding"]
    assert dutch.part("schedules").title == "Bijlagen"
    fee = dutch.clause("fee")
    assert fee.title == "Vergoeding" and [v.label for v in fee.variants] == ["Vaste prijs", "Uurtarief"]
    assert [v.when for v in fee.variants] == [v.when for v in template.clause("fee").variants]
    assert fee.path.parts[-3:] == ("translations", "nl-NL", "fee.md")
    assert fee.variant("hourly").location.line == 14  # the line of its text in the translation
    assert dutch.clause("parties").terms == ("Opdrachtgever", "Opdrachtnemer")
    assert dutch.untranslated == ()


@pytest.mark.parametrize(
    ("asked", "found"), [("nl", "nl-NL"), ("NL_nl", "nl-NL"), ("en", "en-GB"), (None, "en-GB")]
)
def test_an_edition_is_found_by_its_tag_or_its_language(asked: str | None, found: str) -> None:
    template = Library(BILINGUAL).template("services")
    assert template.edition(asked).language == found
    assert template.edition("nl").edition("en-GB") is template  # from an edition back to the source


def test_an_edition_the_template_lacks_is_a_usage_error_naming_its_languages() -> None:
    library = Library(BILINGUAL)
    with pytest.raises(UsageError) as error:
        library.edition("services", "de")
    assert "de" in str(error.value) and "en-GB, nl-NL" in error.value.format()


def test_each_edition_renders_in_its_own_language_in_every_format(tmp_path: Path) -> None:
    english = _render(BILINGUAL, "services", ANSWERS, tmp_path / "en")
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = tmp_path / "nl"
    assert main(["render", "services", "--library", str(BILINGUAL), "-a", str(answers), "--doc-lang", "nl",
                 "--to", "md,html,docx,pdf", "-o", str(out)]) == 0  # fmt: skip
    from test_english import _text

    dutch = {path.suffix[1:]: _text(path) for path in sorted(out.iterdir())}
    assert set(dutch) == set(english) == {"md", "html", "docx", "pdf"}
    for fmt in english:
        assert "Schedule 1" in english[fmt] and "Article 2.2" in english[fmt], fmt
        assert "Bijlage 1" in dutch[fmt] and "artikel 2.2" in dutch[fmt], fmt
        assert "120 euro voor elk gewerkt uur" in dutch[fmt] and "1 maart 2027" in dutch[fmt], fmt
        assert not _words(DUTCH_WORDS).search(english[fmt]), (fmt, _words(DUTCH_WORDS).search(english[fmt]))
        assert not _words(ENGLISH_WORDS).search(dutch[fmt]), (fmt, _words(ENGLISH_WORDS).search(dutch[fmt]))
    with zipfile.ZipFile(out / "answers.docx") as docx:
        styles = docx.read("word/styles.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    assert re.search(r'<w:lang [^>]*w:val="nl-NL"', styles) and "en-GB" not in styles
    assert "<dc:language>nl-NL</dc:language>" in core
    assert str(PdfReader(out / "answers.pdf").trailer["/Root"]["/Lang"]) == "nl-NL"


def test_the_questions_of_an_edition_in_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--lang", "en", "questions", "services", "--library", str(BILINGUAL), "--doc-lang", "nl"]) == 0
    )
    shown = capsys.readouterr().out
    assert "fee: Hoe wordt de vergoeding bepaald?" in shown and "- hourly: Een uurtarief" in shown
    assert main(["list", "--library", str(BILINGUAL)]) == 0
    assert "services  1.0.0  en-GB,nl-NL  Services Agreement" in capsys.readouterr().out


def test_a_translation_in_progress_renders_with_the_source_text_and_lists_what_is_missing(
    tmp_path: Path,
) -> None:
    library = _copy(tmp_path)
    dutch = library / "services" / "translations" / "nl-NL"
    (dutch / "liability.md").unlink()
    fee = dutch / "fee.md"
    fee.write_text(re.sub(r"(::: variant hourly\n).*?(:::)", r"\1\2", fee.read_text(), flags=re.S))
    _edit(dutch / "template.yaml", "  rate: {label: Uurtarief in euro}\n", "")
    _edit(
        dutch / "template.yaml",
        "options: {fixed: Een vaste prijs, hourly: Een uurtarief}",
        "options: {fixed: Een vaste prijs}",
    )
    template = Library(library).template("services")
    edition = template.edition("nl-NL")
    missing = dict(edition.untranslated)
    assert set(missing) == {
        "clause:liability",
        "variant:fee:hourly",
        "question:rate:label",
        "option:fee:hourly",
    }
    assert missing["clause:liability"].path == dutch / "liability.md"
    assert missing["variant:fee:hourly"].path == dutch / "fee.md"
    assert edition.clause("liability").title == "Liability"  # the source's text stands in
    assert edition.question("rate").label == "Hourly rate in euros"


@pytest.mark.parametrize(
    ("file", "old", "new", "message", "line"),
    [
        ("fee.md", "  fixed: {label: Vaste prijs}", "  fixed: {label: Vaste prijs, when: 'true'}",
         "'when' belongs in the source-language file", 4),
        ("liability.md", "title: Aansprakelijkheid", "title: Aansprakelijkheid\nkind: closing",
         "'kind' belongs in the source-language file", 3),
        ("fee.md", "::: variant hourly", "::: variant hour", "variant 'hour' is not a variant of 'fee'", 13),
        ("fee.md", "  hourly: {label: Uurtarief}", "  hour: {label: Uurtarief}",
         "'hour' is not a variant of 'fee'", 5),
        ("template.yaml", "  start: {label: Ingangsdatum}", "  begin: {label: Ingangsdatum}",
         "'begin' under 'questions' is not in the source template", 13),
        ("template.yaml", "{fixed: Een vaste prijs,", "{vast: Een vaste prijs,",
         "'vast' is not an option of question 'fee'", 8),
        ("template.yaml", "title: Overeenkomst van opdracht", "titel: Overeenkomst van opdracht",
         "unknown key 'titel'", 1),
        ("services.md", "title: Diensten", "id: diensten\ntitle: Diensten",
         "clause id 'diensten' does not match", 2),
    ],
)  # fmt: skip
def test_a_mistake_in_a_translation_is_a_load_error_at_its_line(
    tmp_path: Path, file: str, old: str, new: str, message: str, line: int
) -> None:
    library = _copy(tmp_path)
    path = library / "services" / "translations" / "nl-NL" / file
    _edit(path, old, new)
    with pytest.raises(LoadError) as error:
        Library(library).template("services")
    assert message in str(error.value)
    assert error.value.location is not None and error.value.location.path == path
    assert error.value.location.line == line
    assert error.value.hint


def test_a_plain_body_for_a_clause_with_variants_is_refused(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    path = library / "services" / "translations" / "nl-NL" / "fee.md"
    path.write_text("---\ntitle: Vergoeding\n---\nDe Opdrachtgever betaalt.\n", encoding="utf-8")
    with pytest.raises(LoadError, match="needs one '::: variant' block for each"):
        Library(library).template("services")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[nl-NL, nl-NL]", "listed twice"),
        ("[en-GB]", "listed twice (or is the template's own language)"),
        ("[xx-YY]", "unknown language 'xx-YY'"),
        ("[de-DE]", "cannot write documents in 'de-DE' yet"),
        ("nl-NL", "must be a list of language tags"),
        ("['nl NL']", "is not a language tag"),
    ],
)
def test_the_translations_key_is_checked(tmp_path: Path, value: str, message: str) -> None:
    library = _copy(tmp_path)
    _edit(library / "services" / "template.yaml", "translations: [nl-NL]", f"translations: {value}")
    with pytest.raises(LoadError, match=re.escape(message)) as error:
        Library(library).template("services")
    assert error.value.location is not None and error.value.location.line == 6


def test_a_syntax_error_in_a_translation_is_a_load_error_in_its_file(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    path = library / "services" / "translations" / "nl-NL" / "services.md"
    _edit(path, '{{ ref("description") }}', '{{ ref("description") }')
    with pytest.raises(LoadError, match="template syntax error") as error:
        Library(library).template("services")
    assert error.value.location is not None and error.value.location.path == path
    assert error.value.location.line == 4


def test_an_answer_is_data_in_every_edition(tmp_path: Path) -> None:
    library = Library(BILINGUAL)
    template = library.template("services")
    hostile = "{{ 7*7 }} **bold** [x](https://example.invalid) <b>"
    answers = library.validate(template, {"client": hostile, "supplier": "S"})
    for language in template.languages:
        document = library.render(template.edition(language), answers)
        text = document.article("parties").subclauses[0].markdown  # type: ignore[union-attr]
        assert "49" not in text and "](https" not in text and "<b>" not in text


@pytest.mark.requires("ssh-keygen")  # approvals are SSH-signed
def test_publish_writes_every_edition_and_bundles_the_translations(tmp_path: Path) -> None:
    from publish_helpers import WHEN, docx_text, pdf_text

    from toolkit.approvals import approve
    from toolkit.publish.release import publish

    library_root = _copy(tmp_path)
    examples = library_root / "services" / "examples"
    source = Library(library_root).template("services")
    approve(source, None, by="Eva de Vries", when=WHEN)
    approve(source.edition("nl-NL"), None, by="Eva de Vries", when=WHEN)  # the translation, separately
    library = Library(library_root)
    release = publish(library, library.template("services"), tmp_path / "dist")
    folder = release.path
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    for stem in ("review", *(f"examples/{p.stem}" for p in examples.iterdir())):
        for suffix in ("", ".nl-NL"):
            assert f"{stem}{suffix}.docx" in names and f"{stem}{suffix}.pdf" in names, (stem, suffix)
    dutch = " ".join(text for _style, text in docx_text(folder / "examples" / "hourly.nl-NL.docx"))
    assert "De Opdrachtgever betaalt de Opdrachtnemer 120 euro" in dutch and "Bijlage 1" in dutch
    assert "Overeenkomst van opdracht" in pdf_text(folder / "review.nl-NL.pdf")
    english = " ".join(text for _style, text in docx_text(folder / "examples" / "hourly.docx"))
    assert "The Client pays the Supplier 120 euros" in english
    assert "bundle/services/translations/nl-NL/fee.md" in names
    assert "bundle/services/translations/nl-NL/template.yaml" in names
    assert "bundle/services/translations/nl-NL/examples/hourly.yaml" in names
    assert "een beoordeling van het privacybeleid van de Opdrachtgever" in dutch  # its Dutch text answer
    assert "a review of the Client's privacy policy" in english
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["languages"] == ["en-GB", "nl-NL"]
    assert "examples/hourly.nl-NL.docx" in manifest["outputs"]
    bundled = Library(folder / "bundle").template("services").edition("nl")
    assert bundled.untranslated == () and bundled.clause("fee").title == "Vergoeding"


def test_a_text_question_has_a_default_in_each_language() -> None:
    library = Library(BILINGUAL)
    template = library.template("services")
    raw = {"client": "Acme", "supplier": "Jansen"}
    english = library.render(template, library.validate(template, raw))
    dutch_edition = template.edition("nl")
    dutch = library.render(dutch_edition, library.validate(dutch_edition, raw))
    assert english.answers["scope"] == "advice on the Client's written procedures"
    assert dutch.answers["scope"] == "advies over de schriftelijke procedures van de Opdrachtgever"
    paragraph = dutch.article("description").subclauses[0].markdown  # type: ignore[union-attr]
    assert "De diensten bestaan uit advies over de schriftelijke procedures" in paragraph


def test_only_a_text_question_takes_a_default_in_a_translation(tmp_path: Path) -> None:
    library = _copy(tmp_path)
    strings = library / "services" / "translations" / "nl-NL" / "template.yaml"
    _edit(strings, "  rate: {label: Uurtarief in euro}", "  rate: {label: Uurtarief in euro, default: 90}")
    with pytest.raises(
        LoadError, match="the default of number question 'rate' belongs in the source"
    ) as error:
        Library(library).template("services")
    assert error.value.location is not None and error.value.location.path == strings


def test_a_translated_example_gives_text_answers_only(tmp_path: Path) -> None:
    from toolkit.loader.translation import example_answers

    library = _copy(tmp_path)
    translated = library / "services" / "translations" / "nl-NL" / "examples" / "hourly.yaml"
    source = library / "services" / "examples" / "hourly.yaml"
    template = Library(library).template("services")
    raw, _where = example_answers(template.edition("nl"), source)
    assert raw["scope"] == "een beoordeling van het privacybeleid van de Opdrachtgever" and raw["rate"] == 120
    assert example_answers(template, source)[0]["scope"] == "a review of the Client's privacy policy"
    translated.write_text("rate: 90\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"'rate' is not a text answer of hourly\.yaml") as error:
        example_answers(template.edition("nl"), source)
    assert error.value.location is not None
    assert (error.value.location.path, error.value.location.line) == (translated, 1)


def test_an_edition_that_never_uses_vorm_does_not_ask_the_form_of_address(tmp_path: Path) -> None:
    """The flagship asks "je" or "u" for its Dutch text; its English edition has one "you", so the
    English questionnaire does not ask it, and the source's default stands for a Dutch rendering."""
    flagship = ROOT / "clauses"
    library = Library(flagship)
    template = library.template("richtlijnen-social-media")
    english = template.edition("en-GB")
    asked = {
        "organisatie": "Acme",
        "omvang": "klein",
        "vastgesteld_op": "2027-01-04",
        "ingangsdatum": "2027-02-01",
    }
    assert template.address_question == "aanspreekvorm"
    assert library.engine.asked(template, "aanspreekvorm", asked)
    assert not library.engine.asked(english, "aanspreekvorm", asked)
    answers = library.validate(english, {**asked, "aanspreekvorm": "je"})
    assert "aanspreekvorm" not in answers.values
    assert library.render(english, answers).articles  # renders without it
    dutch = library.render(template, library.validate(template, dict(answers.values)))
    assert "U deelt" in dutch.article("vertrouwelijkheid").subclauses[0].markdown  # type: ignore[union-attr]
    # A translation whose text uses vorm() keeps the question.
    copy = tmp_path / "clauses"
    shutil.copytree(flagship, copy, ignore=shutil.ignore_patterns("releases"))
    twijfel = copy / "richtlijnen-social-media" / "translations" / "en-GB" / "twijfel.md"
    _edit(twijfel, "\n---\n", '\n---\n{{ vorm("", "") }}')
    edition = Library(copy).template("richtlijnen-social-media").edition("en-GB")
    assert edition.question("aanspreekvorm").when is None


def test_an_example_rendered_in_an_edition_takes_its_text_answers_in_that_language(tmp_path: Path) -> None:
    """`render -a examples/<name>.yaml --doc-lang` and the studio opened on an example in an edition
    use the example's text answers in the document's language, as publish does; an answers file from
    elsewhere is used as it is."""
    example = BILINGUAL / "services" / "examples" / "hourly.yaml"
    library = ["--library", str(BILINGUAL)]
    assert main(["render", "services", *library, "-a", str(example), "--doc-lang", "nl",
                 "--to", "md", "-o", str(tmp_path / "nl")]) == 0  # fmt: skip
    assert "bestaan uit een beoordeling van het privacybeleid" in (tmp_path / "nl" / "hourly.md").read_text()
    elsewhere = tmp_path / "hourly.yaml"
    shutil.copy(example, elsewhere)
    assert main(["render", "services", *library, "-a", str(elsewhere), "--doc-lang", "nl",
                 "--to", "md", "-o", str(tmp_path / "copy")]) == 0  # fmt: skip
    assert "a review of the Client" in (tmp_path / "copy" / "hourly.md").read_text()
    from toolkit.notebook import Studio

    studio = Studio("services", library=BILINGUAL, answers="hourly", doc_lang="nl", watch=False)
    try:
        assert studio.raw_answers()["scope"] == "een beoordeling van het privacybeleid van de Opdrachtgever"
    finally:
        studio.close()


@pytest.mark.parametrize(
    "payload",
    [
        '{{ ref.template.path.joinpath("/etc/hostname").read_text() }}',
        '{{ ref.__call__.__globals__["Path"]("/etc/hostname").read_text() }}',
        "{{ vorm.__globals__ }}{{ ref.clause.id }}",
        "{{ client.__class__.__mro__ }}",
    ],
)
def test_a_translated_body_runs_in_the_same_sandbox(bilingual_library: Path, payload: str) -> None:
    """A translation may come from a pull request too: its text is compiled and rendered by the same
    sandboxed engine, so an escape through a helper is refused at the translation's file and line."""
    path = bilingual_library / "services" / "translations" / "nl-NL" / "liability.md"
    _edit(path, "De aansprakelijkheid", payload + " De aansprakelijkheid")
    library = Library(bilingual_library)
    template = library.template("services")
    answers = library.validate(template, {"client": "Acme", "supplier": "Jansen"})
    with pytest.raises(ClauseKitError) as error:
        library.render(template.edition("nl"), answers)
    assert error.value.location is not None and error.value.location.path == path
    assert error.value.location.line == 4 and error.value.hint
    assert library.render(template, answers).articles  # the source, without the payload, renders
