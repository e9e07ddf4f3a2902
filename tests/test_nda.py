"""The second template, the "Wederzijdse geheimhoudingsovereenkomst", rendered for each example profile.

Everything goes through the real core (Library, validate, Engine) and the real writers of every
format; the assertions are on the produced text: the parts (front matter, articles, signature table,
Bijlage 1), the article numbers when the optional boete article drops out, the references and the
links they become.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import docx
import pytest
from conftest import ROOT
from pypdf import PdfReader

from toolkit import Document, Library, Template, load_answers_file, validate
from toolkit.formats import render_documents

NDA = "geheimhoudingsovereenkomst"
FOLDER = ROOT / "clauses" / NDA
EXAMPLES = sorted(p.stem for p in (FOLDER / "examples").glob("*.yaml"))

# The numbered articles in document order; `boete` is left out when the parties chose damages only.
ARTICLES = [
    ("definities", "Definities"),
    ("doel", "Doel"),
    ("geheimhouding", "Geheimhoudingsverplichting"),
    ("uitzonderingen", "Uitzonderingen"),
    ("toegang", "Bescherming en toegang"),
    ("teruggave", "Teruggave of vernietiging"),
    ("geen-licentie", "Geen licentie, geen verplichting tot samenwerking"),
    ("duur", "Duur"),
    ("boete", "Boete"),
    ("schadevergoeding", "Nakoming en schadevergoeding"),
    ("recht-en-forum", "Toepasselijk recht en forumkeuze"),
    ("slotbepalingen", "Slotbepalingen"),
]
# What each example must get: is there a boete, and which parties sign.
PROFILES = {
    "startups": {"boete": True, "parties": ("Noordlicht Robotics B.V.", "Vlinderdata B.V.")},
    "fabrikant-leverancier": {
        "boete": True,
        "parties": ("Medivorm Nederland B.V.", "Vink & Zonen Metaalbewerking B.V."),
    },
    "onderzoek": {
        "boete": False,
        "parties": ("Stichting Kennisinstituut Waterbouw", "Waterbedrijf Oost N.V."),
    },
}
SIGNATURE_ROWS = ["Naam vertegenwoordiger", "Functie", "Plaats", "Datum", "Handtekening"]
BLOCK_TITLES = "Titel|Partijen|Overwegingen|Overeenkomst|Ondertekening"
LINK = re.compile(r"\[([^\]]*)\]\(#([^)\s]+)\)")


@dataclass(frozen=True)
class Rendered:
    answers: dict[str, object]
    document: Document
    files: dict[str, bytes]

    @property
    def markdown(self) -> str:
        return self.files["nda.md"].decode("utf-8")

    @property
    def text(self) -> str:
        """The Markdown as a reader sees it: links as their words, escapes removed."""
        return LINK.sub(r"\1", self.markdown).replace("\\", "")

    @property
    def html(self) -> str:
        return self.files["nda.html"].decode("utf-8")


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(ROOT / "clauses")


@pytest.fixture(scope="module")
def template(library: Library) -> Template:
    return library.template(NDA)


def render(
    library: Library, template: Template, raw: dict[str, object], formats: tuple[str, ...]
) -> Rendered:
    answers = validate(template, raw)
    document = library.render(template, answers)
    return Rendered(dict(raw), document, render_documents(document, formats, "nda"))


def example_answers(name: str) -> dict[str, object]:
    return dict(load_answers_file(FOLDER / "examples" / f"{name}.yaml")[0])


@pytest.fixture(scope="module")
def examples(library: Library, template: Template) -> dict[str, Rendered]:
    return {name: render(library, template, example_answers(name), ("md", "html")) for name in EXAMPLES}


def numbers(rendered: Rendered) -> dict[str, int]:
    """Article id → the number its heading shows in the Markdown."""
    found = {}
    for clause_id, title in ARTICLES:
        match = re.search(rf"^#+ Artikel (\d+) {re.escape(title)}", rendered.text, re.M)
        if match:
            found[clause_id] = int(match.group(1))
    return found


def test_the_template_loads_with_its_questions_steps_and_profiles(template: Template) -> None:
    assert template.language == "nl-NL"
    assert 10 <= len(template.questions) <= 16
    assert all(q.label and q.help for q in template.questions)
    asked = [q for step in template.steps for q in step.questions]
    assert sorted(asked) == sorted(q.id for q in template.questions)
    assert set(EXAMPLES) == set(PROFILES) and len(EXAMPLES) >= 3
    assert (FOLDER / "allowed_signers").read_text(encoding="utf-8").count("redactie@clausekit ") == 1


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_renders_the_whole_agreement(examples: dict[str, Rendered], name: str) -> None:
    rendered = examples[name]
    first, second = PROFILES[name]["parties"]
    text = rendered.text
    assert text.startswith("# Wederzijdse geheimhoudingsovereenkomst")
    for label in ("Partijen", "Overwegingen", "Ondertekening"):
        assert re.search(rf"^#+ {label}\b", text, re.M), label
    # the blocks are not numbered and not counted: the first article is article 1
    assert not re.search(rf"^#+ Artikel \d+ ({BLOCK_TITLES})", text, re.M)
    assert re.search(r"^A\. Partijen voeren overleg met het oog op ", text, re.M)
    assert re.search(r"^C\. Partijen willen daarom vastleggen", text, re.M)
    assert f"1. {first}, statutair gevestigd te " in text and f"2. {second}, statutair gevestigd te " in text
    for rendered_name in (first, second):
        assert rendered_name in html.unescape(re.sub(r"<[^>]+>", "", rendered.html))
    expected = [cid for cid, _ in ARTICLES if cid != "boete" or PROFILES[name]["boete"]]
    assert list(numbers(rendered)) == expected
    assert list(numbers(rendered).values()) == list(range(1, len(expected) + 1))
    # no drafting note reaches a client's document
    assert "note:" not in rendered.markdown and "note:" not in rendered.html


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_schedule_keeps_its_number_whatever_drops_out(examples: dict[str, Rendered], name: str) -> None:
    text = examples[name].text
    assert len(re.findall(r"^#+ Bijlage 1 — Vertrouwelijke informatie", text, re.M)) == 1
    assert "in elk geval de informatie omschreven in Bijlage 1." in text
    assert "Bijlage 1 maakt deel uit van deze overeenkomst." in text
    # the schedule does not number its paragraphs and is not an article
    assert not re.search(r"^#+ Artikel \d+ Vertrouwelijke informatie", text, re.M)
    schedule = text.split("Bijlage 1 — Vertrouwelijke informatie", 1)[1]
    assert not re.search(r"^1\.\d ", schedule, re.M)
    assert f"in artikel {numbers(examples[name])['definities']} niet" in schedule


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_signature_table_has_both_parties(examples: dict[str, Rendered], name: str) -> None:
    rendered = examples[name]
    first, second = PROFILES[name]["parties"]
    rows = [line for line in rendered.text.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    assert cells[0] == ["Partij", first, second]
    labels = [row[0] for row in cells[2:]]
    assert labels == SIGNATURE_ROWS
    signers = [rendered.answers["p1_vertegenwoordiger"], rendered.answers["p2_vertegenwoordiger"]]
    assert cells[2][1:] == signers
    table = re.search(r"<table.*?</table>", rendered.html, re.S)
    assert table is not None
    assert first.replace("&", "&amp;") in table.group(0) and second.replace("&", "&amp;") in table.group(0)
    assert table.group(0).count("<tr") == 6


def test_a_boete_profile_has_the_boete_article_and_a_damages_profile_does_not(
    examples: dict[str, Rendered],
) -> None:
    boete = examples["fabrikant-leverancier"].text
    assert "boete van € 250.000 voor iedere overtreding, vermeerderd met € 5.000 voor iedere dag" in boete
    assert "om daarnaast vergoeding te vorderen van de volledige schade" in boete
    startups = examples["startups"].text
    assert "boete van € 10.000 voor iedere overtreding, vermeerderd met € 500 voor iedere dag" in startups
    assert "De boete treedt in de plaats van de schadevergoeding op grond van de wet" in startups
    damages = examples["onderzoek"].text
    assert "Boete" not in damages and "boete" not in damages
    assert "vergoedt de schade die de andere Partij daardoor lijdt, volgens de wet." in damages


def test_hostile_names_stay_literal_in_the_signature_table_and_amounts_read_the_dutch_way(
    library: Library, template: Template
) -> None:
    raw = example_answers("startups") | {
        "p1_naam": "A | B & <Co> **x** B.V.",
        "p2_vertegenwoordiger": 'J. [x](y) | #import "evil.typ" \\ ])',
        "boete_bedrag": "1234567,5",
        "boete_per_dag": 0,
    }
    rendered = render(library, template, raw, ("md", "html"))
    table = re.search(r"<table.*?</table>", rendered.html, re.S)
    assert table is not None
    cells = [html.unescape(c) for c in re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>", table.group(0))]
    assert cells[:5] == [
        "Partij",
        raw["p1_naam"],
        "Vlinderdata B.V.",
        "Naam vertegenwoordiger",
        "mevrouw E. Bakker",
    ]
    assert cells[5] == raw["p2_vertegenwoordiger"]
    assert "boete van € 1.234.567,50 voor iedere overtreding. De boete" in rendered.text


def test_references_renumber_when_the_boete_article_drops_out(examples: dict[str, Rendered]) -> None:
    with_boete, without = examples["startups"].text, examples["onderzoek"].text
    assert numbers(examples["startups"])["recht-en-forum"] == 11
    assert numbers(examples["onderzoek"])["recht-en-forum"] == 10
    assert "De verplichtingen uit de artikelen 3, 5, 6 en 9 blijven" in with_boete
    assert "ook de artikelen 4, 10 en 11 van toepassing" in with_boete
    assert "De verplichtingen uit de artikelen 3, 5 en 6 blijven" in without
    assert "ook de artikelen 4, 9 en 10 van toepassing" in without
    for text in (with_boete, without):
        assert "behalve voor zover artikel 5 of artikel 4.2 dat toestaat" in text
        assert "in de zin van artikel 4.1 onder a alleen omdat" in text
        assert "zoals omschreven in artikel 2.1;" in text
        assert "ook na afloop van de termijn van artikel 8.3." in text


def anchors(markdown: str) -> set[str]:
    """Every identifier the Markdown defines: on headings and on empty spans."""
    return set(re.findall(r"\{#([^}\s]+)[^}]*\}", markdown))


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_reference_is_a_link_that_resolves(examples: dict[str, Rendered], name: str) -> None:
    rendered = examples[name]
    targets = [target for _, target in LINK.findall(rendered.markdown)]
    assert len(targets) >= 15
    assert set(targets) <= anchors(rendered.markdown), set(targets) - anchors(rendered.markdown)
    assert {"ck-informatie", "ck-uitzonderingen-1-a", "ck-doel-1", "ck-duur-3"} <= set(targets)
    hrefs = set(re.findall(r'href="#([^"]+)"', rendered.html))
    ids = set(re.findall(r'id="([^"]+)"', rendered.html))
    assert hrefs and hrefs <= ids, hrefs - ids


def test_clausekit_check_finds_no_problem_in_the_content(library: Library, template: Template) -> None:
    from toolkit.checks import check_template

    findings = check_template(library, template)
    problems = [f"{f.code} {f.message}" for f in findings if not f.code.startswith("CK8")]
    assert problems == []


@pytest.mark.requires("ssh-keygen")
def test_every_variant_is_approved_by_the_redactie(library: Library, template: Template) -> None:
    from toolkit.checks import check_template

    findings = check_template(library, template)
    assert [f"{f.code} {f.message}" for f in findings if f.code.startswith("CK8")] == []


def test_the_drafting_notes_reach_the_review_edition_and_no_client_document(
    template: Template, examples: dict[str, Rendered]
) -> None:
    from toolkit.approvals import statuses
    from toolkit.publish.markdown import review_markdown

    review = review_markdown(template, statuses(template)).replace("\\", "")
    for source in ("ECLI:NL:HR:2007:AZ6638", "artikel 6:92 lid 2 BW", "NJ 1981/635", "artikel 3:296 BW"):
        assert source in review, source
        for rendered in examples.values():
            assert source not in rendered.text and source not in rendered.html, source


def docx_tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(io.BytesIO(data)).tables]


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def documents(library: Library, template: Template, fmt: str) -> Rendered:
    return render(library, template, example_answers("fabrikant-leverancier"), (fmt,))


@pytest.mark.slow
def test_the_docx_holds_the_signature_table_and_the_schedule(library: Library, template: Template) -> None:
    data = documents(library, template, "docx").files["nda.docx"]
    tables = docx_tables(data)
    assert len(tables) == 1
    table = tables[0]
    assert table[0] == ["Partij", "Medivorm Nederland B.V.", "Vink & Zonen Metaalbewerking B.V."]
    assert [row[0] for row in table[1:]] == SIGNATURE_ROWS
    assert table[1][1:] == ["de heer ir. J.P. van den Heuvel", "mevrouw A. Vink-de Graaf"]
    paragraphs = docx_paragraphs(data)
    assert any(p.startswith("Bijlage 1") and "Vertrouwelijke informatie" in p for p in paragraphs)
    assert any("Bouwtekeningen, 3D-modellen en monsters van de behuizing." in p for p in paragraphs)
    assert any("Artikel 9" in p and "Boete" in p for p in paragraphs)


@pytest.mark.slow
def test_the_pdf_holds_the_signature_table_and_the_schedule(library: Library, template: Template) -> None:
    text = pdf_text(documents(library, template, "pdf").files["nda.pdf"])
    # Typst hyphenates; the text layer shows every hyphen as U+00AD, at a line end and inside a word
    flat = re.sub(r"\s+", " ", text.replace("\xad\n", "").replace("\xad", "-"))
    for words in (
        "Naam vertegenwoordiger",
        "Handtekening",
        "Medivorm Nederland B.V.",
        "Vink & Zonen Metaalbewerking B.V.",
        "Bijlage 1",
        "Bouwtekeningen, 3D-modellen en monsters van de behuizing.",
        "in elk geval de informatie omschreven in Bijlage 1.",
    ):
        assert words in flat, words
