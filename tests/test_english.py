"""English documents: a template with ``language: en``, ``en-GB`` or ``en-US`` speaks English in
every format (headings, references, title block, version, footer, dates, lists, yes/no, document
language), and a Dutch template speaks no English."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.locales import locale_for
from toolkit.publish.pdf import language_inputs
from toolkit.publish.reference import SHIPPED_TAGS, build_reference, reference_docx, shipped_reference

ENGLISH = FIXTURES / "english"
MONTHS_NL = "januari februari maart april mei juni juli augustus september oktober november december"
MONTHS_EN = "January February March April May June July August September October November December"
# Dutch function and document words ("of" is left out: it is an English word too).
DUTCH_WORDS = f"""
    artikel artikelen pagina versie beoordelingsversie wijzigingen bijlage van en ja nee geen niet
    ingevuld standaard datum {MONTHS_NL}
"""
ENGLISH_WORDS = f"article page version review changes schedule and the yes none {MONTHS_EN}"


def _words(listed: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(listed.split()) + r")\b", re.IGNORECASE)


def _text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if path.suffix == ".docx":  # the body, headers and footers: every run of text
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [n for n in archive.namelist() if re.match(r"word/(document|footer\d*)\.xml", n)]
            xml = " ".join(archive.read(n).decode("utf-8") for n in parts)
        paragraphs = xml.split("</w:p>")
        return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)
    if path.suffix == ".html":
        return re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", data.decode(), flags=re.S))
    return data.decode("utf-8")


def _render(library: Path, template: str, answers: str, out: Path) -> dict[str, str]:
    answers_file = out.parent / f"{template}-answers.yaml"
    answers_file.write_text(answers, encoding="utf-8")
    code = main(
        ["render", template, "--library", str(library), "--answers", str(answers_file),
         "--to", "md,html,docx,pdf", "-o", str(out)]
    )  # fmt: skip
    assert code == 0
    return {path.suffix[1:]: _text(path) for path in sorted(out.iterdir())}


def _english_library(tmp_path: Path, tag: str) -> Path:
    library = tmp_path / "library"
    shutil.copytree(ENGLISH, library)
    source = library / "nda" / "template.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("language: en-GB", f"language: {tag}"))
    return library


NDA_ANSWERS = "party_a: Acme Ltd\nparty_b: Beta Corp\nstrict: true\nchannels: [written, oral, electronic]\n"


@pytest.mark.parametrize(
    ("tag", "date"), [("en-GB", "1 January 2027"), ("en-US", "January 1, 2027"), ("en", "January 1, 2027")]
)
def test_an_english_template_speaks_english_in_every_format(tmp_path: Path, tag: str, date: str) -> None:
    texts = _render(_english_library(tmp_path, tag), "nda", NDA_ANSWERS, tmp_path / "out")
    assert set(texts) == {"md", "html", "docx", "pdf"}
    dutch = _words(DUTCH_WORDS)
    for name, text in texts.items():
        assert not dutch.findall(text), (name, dutch.findall(text), text[:1500])
        read = re.sub(
            r"\[([^\]]*)\]\(#[\w-]+\)", r"\1", re.sub(r"\[\]\{#[\w-]+\}", "", text)
        )  # Markdown's links
        flat = " ".join(re.sub(r"[-\xad]\n", "", read.replace("\\", "")).split())  # PDF lines hyphenate
        assert "Article 2 Confidentiality" in flat, name
        assert "The obligations in Article 2 last for 3 years" in flat, name
        assert f"takes effect on {date}" in flat, name
        assert "whether written, oral and electronic" in flat, name
        assert "kept secret: yes" in flat, name
    for name in ("html", "docx", "pdf"):
        assert "Version 1.0.0" in texts[name], name
    assert re.search(r"page 1 of 1", texts["pdf"]), texts["pdf"][-300:]
    assert "page 1 of 1" in texts["docx"]  # the footer's words around Word's PAGE and NUMPAGES fields
    released = "15 January 2026" if tag == "en-GB" else "January 15, 2026"
    assert released in texts["docx"] and released in texts["pdf"]


def test_the_documents_carry_the_english_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _render(_english_library(tmp_path, "en-US"), "nda", NDA_ANSWERS, out)
    with zipfile.ZipFile(out / "nda-answers.docx") as archive:
        styles = archive.read("word/styles.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert re.search(r'<w:lang [^>]*w:val="en-US"', styles) and "nl-NL" not in styles
    assert 'w:themeFontLang w:val="en-US"' in settings and "autoHyphenation" in settings
    assert "<dc:language>en-US</dc:language>" in core
    catalog = PdfReader(out / "nda-answers.pdf").trailer["/Root"]
    assert str(catalog["/Lang"]) == "en-US"


def test_the_dutch_template_speaks_no_english(tmp_path: Path) -> None:
    answers = "naam: Acme\nstreng: true\npers: afdeling\nkanalen: [linkedin, tiktok]\n"
    texts = _render(FIXTURES / "mini", "mini", answers, tmp_path / "out")
    english = _words(ENGLISH_WORDS)
    for name, text in texts.items():
        assert not english.findall(text), (name, english.findall(text), text[:1500])
        assert "1 januari 2027" in text and "artikel 3" in text.lower(), name
    assert "pagina 1 van 1" in texts["pdf"] and "pagina 1 van 1" in texts["docx"]


def test_the_words_of_each_english_locale() -> None:
    import datetime as dt

    day = dt.date(2027, 3, 1)
    assert locale_for("en-GB").date(day) == "1 March 2027"
    assert locale_for("en-US").date(day) == "March 1, 2027"
    assert locale_for("nl-NL").date(day) == "1 maart 2027"
    for tag in ("en", "en-GB", "en-US"):
        words = locale_for(tag)
        assert words.join(["a", "b", "c"]) == "a, b and c"
        assert words.reference(6, 1) == "Article 6.1"
        assert (words.yes_no(True), words.yes_no(False)) == ("yes", "no")
        assert words.text("document.number.article", number=9) == "Article 9"
        assert words.text("document.page_footer", page=1, pages=3) == "page 1 of 3"
    assert language_inputs("en-US")["lang"] == "en" and language_inputs("en-US")["region"] == "US"
    assert language_inputs("en-GB")["page-before"] == "page "


def test_each_shipped_reference_docx_is_what_the_builder_makes() -> None:
    for tag in SHIPPED_TAGS:
        assert shipped_reference(tag).read_bytes() == build_reference(locale_for(tag)), (
            "run: python3 -m toolkit.publish.reference"
        )
        assert reference_docx(tag) == shipped_reference(tag)


def test_a_locale_not_shipped_gets_its_reference_built() -> None:
    path = reference_docx("en-AU")
    with zipfile.ZipFile(path) as archive:
        assert "page " in archive.read("word/footer1.xml").decode()
        assert 'w:themeFontLang w:val="en-AU"' in archive.read("word/settings.xml").decode()
