"""The flagship template "Richtlijnen gebruik sociale media", rendered for each example employer.

Everything goes through the real core (Library, validate, Engine) and the real Markdown and HTML
writers; the assertions are on the produced text: which articles appear, their numbers, the
cross-references, the form of address and the house style of the clause text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from allpairspy import AllPairs  # type: ignore[import-untyped]
from conftest import FLAGSHIP

from toolkit import Document, HtmlWriter, Library, Template, load_answers_file, to_markdown
from toolkit.model import QuestionType

# Words that must never appear in a document of the other form of address.
U_WORDS = {"u", "uw", "uzelf"}
JE_WORDS = {"je", "jij", "jou", "jouw", "jezelf", "jullie"}
OPTIONAL = {
    "sector",
    "ambassadeurs",
    "beleidsfuncties",
    "ai",
    "woordvoering",
    "medezeggenschap",
}  # with `when`

# What each example employer must get: its form of address, the articles left out, and the
# variant of every article that has variants.
PROFILES: dict[str, dict[str, Any]] = {
    "accountantskantoor": {
        "address": "u",
        "absent": {"ambassadeurs", "woordvoering", "medezeggenschap"},
        "variants": {
            "vertrouwelijkheid": "streng",
            "sector": "financieel",
            "persoonlijke-titel": "werkgerelateerd",
            "privegebruik": "pauzes",
            "huisstijl": "vrij",
            "privacy": "niet",
            "controle": "monitoring",
            "gevolgen": "algemeen",
        },
    },
    "advocatenkantoor": {
        "address": "u",
        "absent": {"woordvoering"},
        "variants": {
            "vertrouwelijkheid": "streng",
            "sector": "juridisch",
            "persoonlijke-titel": "eigen-woorden",
            "privegebruik": "toegestaan",
            "huisstijl": "vrij",
            "privacy": "toestemming",
            "controle": "geen-monitoring",
            "gevolgen": "algemeen",
            "medezeggenschap": "pvt",
        },
    },
    "beursfonds": {
        "address": "u",
        "absent": {"sector"},
        "variants": {
            "vertrouwelijkheid": "standaard",
            "persoonlijke-titel": "altijd",
            "privegebruik": "pauzes",
            "huisstijl": "vrij",
            "privacy": "toestemming",
            "controle": "monitoring",
            "gevolgen": "getrapt",
            "medezeggenschap": "or-met-controle",
        },
    },
    "gemeente": {
        "address": "u",
        "absent": {"ambassadeurs"},
        "variants": {
            "vertrouwelijkheid": "streng",
            "sector": "overheid",
            "persoonlijke-titel": "werkgerelateerd",
            "privegebruik": "toegestaan",
            "huisstijl": "toestemming",
            "privacy": "niet",
            "controle": "geen-monitoring",
            "gevolgen": "getrapt",
            "medezeggenschap": "or-zonder-controle",
        },
    },
    "winkel": {
        "address": "je",
        "absent": {"sector", "ambassadeurs", "beleidsfuncties", "ai", "woordvoering", "medezeggenschap"},
        "variants": {
            "vertrouwelijkheid": "standaard",
            "persoonlijke-titel": "eigen-woorden",
            "privegebruik": "pauzes",
            "huisstijl": "toestemming",
            "privacy": "toestemming",
            "controle": "geen-monitoring",
            "gevolgen": "algemeen",
        },
    },
    "it-bedrijf": {
        "address": "je",
        "absent": {"sector"},
        "variants": {
            "vertrouwelijkheid": "standaard",
            "persoonlijke-titel": "werkgerelateerd",
            "privegebruik": "toegestaan",
            "huisstijl": "vrij",
            "privacy": "toestemming",
            "controle": "geen-monitoring",
            "gevolgen": "getrapt",
            "medezeggenschap": "or-zonder-controle",
        },
    },
    "zorg": {
        "address": "u",
        "absent": {"ambassadeurs"},
        "variants": {
            "vertrouwelijkheid": "streng",
            "sector": "zorg",
            "persoonlijke-titel": "altijd",
            "privegebruik": "niet",
            "huisstijl": "niet",
            "privacy": "niet",
            "controle": "monitoring",
            "gevolgen": "getrapt",
            "medezeggenschap": "or-met-controle",
        },
    },
}
ARTICLES = 22  # every article of the template, optional ones included


@dataclass(frozen=True)
class Rendered:
    document: Document
    markdown: str
    page: str
    text: str  # the visible text of the HTML page


class _TextOf(HTMLParser):
    """The visible text of an HTML page (no tags, no style sheet), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "head"):
            self._skip -= 1
        elif tag not in ("strong", "em", "a", "code"):  # inline markup adds no space
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _TextOf()
    parser.feed(page)
    return " ".join("".join(parser.parts).split())


def render(library: Library, template: Template, raw: Mapping[str, Any]) -> Rendered:
    document = library.render(template, library.validate(template, raw))
    page = HtmlWriter().page(document)
    return Rendered(document, reading(to_markdown(document)), page, visible_text(page))


@pytest.fixture(scope="module")
def template(flagship_library: Library) -> Template:
    return flagship_library.template(FLAGSHIP)


@pytest.fixture(scope="module")
def examples(flagship_library: Library, template: Template) -> dict[str, Rendered]:
    rendered = {}
    for path in sorted(template.examples_dir.glob("*.yaml")):
        raw, _ = load_answers_file(path)
        rendered[path.stem] = render(flagship_library, template, raw)
    return rendered


# -- reading the produced Markdown ------------------------------------------------------------
_HEADING = re.compile(r"^## Artikel (\d+) (.+) \{#ck-([a-z0-9-]+)\}$", re.MULTILINE)
_ANCHOR = re.compile(r"\[\]\{#ck-[a-z0-9-]+\}")
_LINK = re.compile(r"\[([^\]]+)\]\(#ck-[a-z0-9-]+\)")


def reading(markdown: str) -> str:
    """The produced Markdown as a reader sees it: sub-clause anchors dropped, links as their text."""
    return _LINK.sub(r"\1", _ANCHOR.sub("", markdown))


_SUBNUMBER = re.compile(r"^(\d+)\.(\d+) ", re.MULTILINE)
# "artikel 5", "artikel 5.1", "de artikelen 3 en 4"; not "artikel 7:660" or "artikel 27 lid 1".
_REFERENCE = re.compile(r"\bartikel (\d+)(?:\.(\d+))?\b(?![:\d]| lid)")
_REFERENCES = re.compile(r"\bde artikelen (\d+) en (\d+)\b")


def numbers(markdown: str) -> dict[str, int]:
    """Clause id → article number, read from the headings of the produced Markdown."""
    return {m[3]: int(m[1]) for m in _HEADING.finditer(markdown)}


def sections(markdown: str) -> dict[str, str]:
    """Clause id → the Markdown text of that article (below its heading)."""
    found = list(_HEADING.finditer(markdown))
    ends = [m.start() for m in found[1:]] + [len(markdown)]
    return {m[3]: markdown[m.end() : end].strip() for m, end in zip(found, ends, strict=True)}


def plain(markdown: str) -> str:
    """Markdown text with the escapes of answers removed (``B\\.V\\.`` → ``B.V.``)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def words(text: str) -> set[str]:
    return set(re.findall(r"\b\w+\b", text.lower()))


def address_problems(rendered: Rendered, address: str) -> set[str]:
    """The words of the wrong form of address found in the document (empty when consistent)."""
    wrong = JE_WORDS if address == "u" else U_WORDS
    return words(rendered.text) & wrong


def structure_problems(rendered: Rendered) -> Iterator[str]:
    """Numbering, references and house style; yields a description of each problem."""
    markdown = rendered.markdown
    found = [int(m[1]) for m in _HEADING.finditer(markdown)]
    if found != list(range(1, len(rendered.document.articles) + 1)):
        yield f"article numbers {found}"
    html_numbers = [
        int(n) for n in re.findall(r'<span class="ck-number">Artikel (\d+)</span>', rendered.page)
    ]
    if html_numbers != found:
        yield f"HTML article numbers {html_numbers}"
    subs: dict[int, list[int]] = {}
    for article, sub in _SUBNUMBER.findall(markdown):
        subs.setdefault(int(article), []).append(int(sub))
    for article, seen in subs.items():
        if seen != list(range(1, len(seen) + 1)):
            yield f"sub-clause numbers of article {article}: {seen}"
    text = plain(markdown)
    lengths = {a.number: len(a.subclauses) for a in rendered.document.articles}
    for m in _REFERENCE.finditer(text):
        number, sub = int(m[1]), m[2]
        if number not in lengths or (sub is not None and int(sub) > lengths[number]):
            yield f"reference to a missing article: {m[0]}"
    for m in _REFERENCES.finditer(text):
        if int(m[1]) not in lengths or int(m[2]) not in lengths:
            yield f"reference to a missing article: {m[0]}"
    for bad in ("en/of", "{{", "}}", "{%", "%}", "{#", "  ", "\n\n\n", " ,", " ."):
        if bad in text.replace("{#ck-", ""):
            yield f"{bad!r} in the text"
    for clause_id, body in sections(text).items():
        if not body.rstrip().endswith("."):
            yield f"article {clause_id} does not end with a full stop"


# -- the examples -----------------------------------------------------------------------------
def test_the_profiles_exist(examples: dict[str, Rendered]) -> None:
    assert set(PROFILES) <= set(examples)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_articles_and_variants_per_profile(
    examples: dict[str, Rendered], template: Template, name: str
) -> None:
    rendered, profile = examples[name], PROFILES[name]
    present = {a.clause.id for a in rendered.document.articles}
    all_ids = {e.clause.id for e in template.entries}
    assert present == all_ids - profile["absent"]
    for clause_id in profile["absent"]:
        assert template.clause(clause_id).title not in rendered.text
    chosen = {a.clause.id: a.variant.id for a in rendered.document.articles if len(a.clause.variants) > 1}
    assert chosen == profile["variants"]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_organisation_name_and_answers_appear_literally(
    examples: dict[str, Rendered], template: Template, name: str
) -> None:
    rendered = examples[name]
    answers = rendered.document.answers
    organisation = answers["organisatie"]
    assert f"Werkgever: {organisation};" in rendered.text
    assert f"**Werkgever**: {organisation};" in plain(rendered.markdown)
    assert f"bij {answers['contact']}." in rendered.text
    start = re.search(r"in werking op \d+ \w+ (\d{4})", rendered.text)
    assert start is not None and int(start[1]) == answers["ingangsdatum"].year
    if "woordvoerder" in answers.values:
        assert f"Woordvoerder: {answers['woordvoerder']}, die" in rendered.text
    if "disclaimer" in answers.values:
        assert f'"{answers["disclaimer"]}"' in rendered.text


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_numbering_references_and_style(examples: dict[str, Rendered], name: str) -> None:
    rendered = examples[name]
    assert len(rendered.document.articles) == ARTICLES - len(PROFILES[name]["absent"])
    assert list(structure_problems(rendered)) == []


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_cross_references_name_the_right_articles(examples: dict[str, Rendered], name: str) -> None:
    rendered = examples[name]
    n = numbers(rendered.markdown)
    text = {k: " ".join(v.split()) for k, v in sections(plain(rendered.markdown)).items()}
    assert f"Alleen artikel {n['privegebruik']} geldt voor al" in text["doel-en-reikwijdte"]
    assert f"artikel {n['privacy']}" not in text["doel-en-reikwijdte"]
    assert (
        f"de artikelen {n['vertrouwelijkheid']} en {n['klanten-en-concurrenten']}."
        in text["persoonlijke-titel"]
    )
    assert f"blijft artikel {n['vertrouwelijkheid']} onverminderd" in text["privacy"]
    assert f"als bedoeld in artikel {n['gevolgen']}." in text["controle"]
    assert f"staat in artikel {n['einde']}." in text["huisstijl"]
    assert f"geldt artikel {n['klokkenluiders']}; dit artikel" in text["vertrouwelijkheid"]
    if "beleidsfuncties" in n:
        assert f"als bedoeld in artikel {n['persoonlijke-titel']}." in text["beleidsfuncties"]
        assert f"gaat die regel voor artikel {n['twijfel']}." in text["beleidsfuncties"]
        assert f"behalve in de gevallen van artikel {n['beleidsfuncties']}." in text["twijfel"]
    if "medezeggenschap" in n and "ondernemingsraad" in text["medezeggenschap"]:
        assert f"Artikel {n['controle']} bevat een regeling" in text["medezeggenschap"]
    elif "medezeggenschap" not in n:
        assert "ondernemingsraad" not in rendered.text.lower()
    if rendered.document.article("controle").variant.id == "monitoring":  # type: ignore[union-attr]
        assert f"ontsporende discussie als bedoeld in artikel {n['ontsporing']}." in text["controle"]
    if rendered.document.article("persoonlijke-titel").variant.id == "altijd":  # type: ignore[union-attr]
        assert f"als bedoeld in artikel {n['persoonlijke-titel']}.1 " in text["persoonlijke-titel"]


def test_leaving_out_an_article_renumbers_the_references(examples: dict[str, Rendered]) -> None:
    shop, care = numbers(examples["winkel"].markdown), numbers(examples["zorg"].markdown)
    # the shop has no sector, policy-function or AI article before them: everything after shifts by three
    assert care["privegebruik"] == shop["privegebruik"] + 3
    assert f"Alleen artikel {shop['privegebruik']} geldt" in examples["winkel"].text
    assert f"Alleen artikel {care['privegebruik']} geldt" in examples["zorg"].text


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_form_of_address_is_consistent(examples: dict[str, Rendered], name: str) -> None:
    rendered, address = examples[name], PROFILES[name]["address"]
    assert rendered.document.answers["aanspreekvorm"] == address
    assert address_problems(rendered, address) == set()
    own = U_WORDS if address == "u" else JE_WORDS
    assert len(re.findall(r"\b(?:" + "|".join(own) + r")\b", rendered.text.lower())) > 50


def test_the_word_check_can_fail(examples: dict[str, Rendered]) -> None:
    assert address_problems(examples["zorg"], "je") >= {"u", "uw"}
    assert address_problems(examples["winkel"], "u") >= {"je", "jou"}


def test_every_variant_is_selected_by_some_example(examples: dict[str, Rendered], template: Template) -> None:
    selected = {(a.clause.id, a.variant.id) for r in examples.values() for a in r.document.articles}
    every = {(e.clause.id, v.id) for e in template.entries for v in e.clause.variants}
    assert every - selected == set()
    assert {e.clause.id for e in template.entries if e.when} == OPTIONAL


def test_strict_profile_is_stricter(examples: dict[str, Rendered]) -> None:
    care, shop = examples["zorg"].text, examples["winkel"].text
    for strict in (
        "geanonimiseerde vorm",
        "beroepsgeheim",
        "vooraf schriftelijk mee heeft ingestemd",
        "patiënt",
    ):
        assert strict in care and strict not in shop
    assert "dringende reden" in care and "dringende reden" in shop
    assert "artikel 27 lid 1 onder k en l van de Wet op de ondernemingsraden" in care


# -- the questions ----------------------------------------------------------------------------
def test_questions_have_labels_help_and_steps(template: Template) -> None:
    assert template.version == "1.1.0" and template.date is not None
    assert 20 <= len(template.questions) <= 32
    for question in template.questions:
        assert question.label and len(question.help) > 80, question.id
        # the works council's date of consent may stay empty: the text then says it is still to come
        assert question.required or question.default is not None or question.id == "instemming_or", (
            question.id
        )
    contract = {
        "organisatie": QuestionType.TEXT,
        "aanspreekvorm": QuestionType.CHOICE,
        "woordvoerder": QuestionType.TEXT,
        "ondernemingsraad": QuestionType.BOOLEAN,
        "ingangsdatum": QuestionType.DATE,
    }
    assert {q: template.question(q).type for q in contract} == contract
    assert set(template.question("aanspreekvorm").option_values()) == {"je", "u"}
    assert 3 <= len(template.steps) <= 5
    assert all(step.title and step.intro for step in template.steps)


def test_conditional_answers_are_absent_when_not_asked(examples: dict[str, Rendered]) -> None:
    shop = examples["winkel"].document.answers.values
    assert "woordvoerder" not in shop and "disclaimer" not in shop
    assert "Woordvoerder" not in examples["winkel"].text


# -- many answers -----------------------------------------------------------------------------
def _pairwise(template: Template) -> list[dict[str, Any]]:
    choices = [q for q in template.questions if q.type in (QuestionType.CHOICE, QuestionType.BOOLEAN)]
    values = [list(q.option_values()) if q.type == QuestionType.CHOICE else [True, False] for q in choices]
    base = {"organisatie": "Acme & Zonen B.V.", "vastgesteld_op": "2027-05-01", "ingangsdatum": "2027-06-01"}
    return [base | dict(zip((q.id for q in choices), row, strict=True)) for row in AllPairs(values)]


def test_all_pairs_of_answers_render_consistently(flagship_library: Library, template: Template) -> None:
    combinations = _pairwise(template)
    assert len(combinations) >= 9
    for raw in combinations:
        rendered = render(flagship_library, template, raw)
        assert address_problems(rendered, raw["aanspreekvorm"]) == set(), raw
        assert list(structure_problems(rendered)) == [], raw
        present = {a.clause.id for a in rendered.document.articles}
        assert _expected_optional(raw) == present & OPTIONAL, raw
        assert "Acme & Zonen B.V." in rendered.text
        assert list(legal_problems(rendered)) == [], raw


def _expected_optional(raw: Mapping[str, Any]) -> set[str]:
    """The optional articles these answers should get, written out here rather than read from the
    template's conditions (a question that is not asked has no answer, whatever ``raw`` holds)."""
    expected = {c for c in ("ambassadeurs", "beleidsfuncties", "ai", "woordvoering") if raw[c]}
    if raw["strengheid"] == "streng" and raw["sector"] != "anders":
        expected.add("sector")
    if (raw["omvang"] == "groot" and raw["ondernemingsraad"]) or (
        raw["omvang"] == "middel" and raw["personeelsvertegenwoordiging"]
    ):
        expected.add("medezeggenschap")
    return expected


def test_clausekit_check_finds_no_problem_in_the_content(
    flagship_library: Library, template: Template
) -> None:
    from toolkit.checks import check_template

    findings = check_template(flagship_library, template)
    # approval findings (CK8xx) are about the review process, not about the text
    problems = [f"{f.code} {f.message}" for f in findings if not f.code.startswith("CK8")]
    assert problems == []


# -- the legal review of 1.0.0 (issue 17), on the produced text of every profile -------------------
def _paragraphs(markdown: str) -> list[str]:
    return [" ".join(p.split()) for p in plain(markdown).split("\n\n") if p.strip()]


def legal_problems(rendered: Rendered) -> Iterator[str]:
    """The errors the legal review found in 1.0.0; yields a description of each one still present."""
    text = {k: " ".join(v.split()) for k, v in sections(plain(rendered.markdown)).items()}
    n = numbers(rendered.markdown)
    answers = rendered.document.answers
    whole = " ".join(text.values())
    # 1. privacy stops at work; scope is not "anything from which employment can be derived"
    if "door uw werk kent" not in text["privacy"] and "door je werk kent" not in text["privacy"]:
        yield "privacy is not limited to people met through work"
    if "kan worden afgeleid" in whole or "schade kunnen toebrengen" in whole:
        yield "1.0.0's over-broad scope or harm rule"
    # 2. whistleblowers: the Act, reporting and disclosure, external channel, carve-out from removal
    whistle = text.get("klokkenluiders", "")
    for needed in ("Wet bescherming klokkenluiders", "Huis voor Klokkenluiders", "openbaar maakt", "extern"):
        if needed not in whistle:
            yield f"whistleblower article lacks {needed!r}"
    if (
        f"Dat geldt niet voor een melding of openbaarmaking als bedoeld in artikel {n.get('klokkenluiders')}."
        not in (text["gevolgen"])
    ):
        yield "the removal duty does not exempt a protected report or disclosure"
    if answers["omvang"] == "groot" and "interne meldprocedure" not in whistle:
        yield "50 or more people working but no internal reporting procedure"
    # 3. monitoring: purpose, legal basis, retention, DPIA, disciplinary use told beforehand
    if rendered.document.article("controle").variant.id == "monitoring":  # type: ignore[union-attr]
        for needed in (
            "artikel 6 lid 1 onder f",
            "(DPIA)",
            f"uiterlijk {answers['bewaartermijn']} dagen later",
            "vooraf meedeelt",
            f"voor een maatregel als bedoeld in artikel {n['gevolgen']}",
        ):
            if needed not in text["controle"]:
                yield f"monitoring lacks {needed!r}"
    # 4. a neutral term; freelancers exempt from the working-time article
    if re.search(r"\bWerknemers?\b", whole):
        yield "'Werknemer' is still a defined term"
    if answers["zzp"] and not _SUBNUMBER.sub("", text["privegebruik"]).startswith(
        "Dit artikel geldt niet voor een Opdrachtnemer."
    ):
        yield "freelancers are not exempt from the working-time article"
    if not answers["zzp"] and "Opdrachtnemer" in whole:
        yield "Opdrachtnemer without freelancers"
    # 5. summary dismissal under 7:677 lid 1, onverwijld; other dismissal only via court or UWV
    for paragraph in _paragraphs(rendered.markdown):
        if "7:678" in paragraph and ("7:677 lid 1" not in paragraph or "onverwijld" not in paragraph):
            yield "7:678 named without 7:677 lid 1 and onverwijld"
    if "kantonrechter" not in text["gevolgen"]:
        yield "termination is not routed through the kantonrechter"
    if "toe te lichten" not in text["gevolgen"] or "schorsen" not in text["gevolgen"]:
        yield "no hearing or suspension in the sanctions article"
    # the adoption block
    if f"Aldus vastgesteld door {answers['organisatie']} op " not in text["slotbepalingen"]:
        yield "no adoption block"
    # drafting notes never reach a document
    if "note:" in rendered.markdown or "{#" in rendered.markdown.replace("{#ck-", ""):
        yield "a drafting note in the document"


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_legal_errors_of_1_0_0_are_fixed(examples: dict[str, Rendered], name: str) -> None:
    assert list(legal_problems(examples[name])) == []


def test_the_legal_check_can_fail(examples: dict[str, Rendered]) -> None:
    """1.0.0's wording, put back into a rendered profile, is found."""
    care = examples["zorg"]
    old = care.markdown.replace(
        "De Werkgever kan de arbeidsovereenkomst dan onverwijld opzeggen, met gelijktijdige mededeling van de"
        " reden (ontslag op staande voet, artikel 7:677 lid 1 van het Burgerlijk Wetboek).",
        "",
    ).replace("Medewerker bedoeld", "Werknemer bedoeld")
    assert old != care.markdown
    found = list(legal_problems(Rendered(care.document, old, care.page, care.text)))
    assert "7:678 named without 7:677 lid 1 and onverwijld" in found
    assert "'Werknemer' is still a defined term" in found


def test_whistleblower_carve_out_in_every_profile(examples: dict[str, Rendered]) -> None:
    for name, rendered in examples.items():
        n = numbers(rendered.markdown)
        text = {k: " ".join(v.split()) for k, v in sections(plain(rendered.markdown)).items()}
        assert "klokkenluiders" in n, name
        assert "ook de plicht tot geheimhouding in artikel" in text["klokkenluiders"], name
        assert f"artikel {n['vertrouwelijkheid']}" in text["klokkenluiders"], name


def test_freelancers_are_exempt_from_working_time(examples: dict[str, Rendered]) -> None:
    with_freelancers = [n for n, r in examples.items() if r.document.answers["zzp"]]
    assert with_freelancers  # the accountants and the municipality work with freelancers
    for name in with_freelancers:
        text = sections(plain(examples[name].markdown))
        assert _SUBNUMBER.sub("", text["privegebruik"]).startswith(
            "Dit artikel geldt niet voor een Opdrachtnemer."
        )
        assert "Opdrachtnemer" in text["gevolgen"] and "overeenkomst van opdracht" in text["gevolgen"], name


def test_sector_articles_carry_their_own_law(examples: dict[str, Rendered]) -> None:
    def sector(name: str) -> str:
        return " ".join(sections(plain(examples[name].markdown))["sector"].split())

    assert "artikel 7:457 van het Burgerlijk Wetboek" in sector("zorg")
    assert "artikel 9 van de Algemene verordening gegevensbescherming" in sector("zorg")
    assert "voorwetenschap" in sector("accountantskantoor")
    assert "beroepsgeheim" in sector("advocatenkantoor")
    assert "Archiefwet" in sector("gemeente") and "Wet open overheid" in sector("gemeente")
    listed = " ".join(sections(plain(examples["beursfonds"].markdown))["vertrouwelijkheid"].split())
    assert "Verordening marktmisbruik (MAR)" in listed
    assert "Verordening marktmisbruik" not in examples["winkel"].text


def test_works_council_consent_and_adoption(examples: dict[str, Rendered]) -> None:
    it = " ".join(sections(plain(examples["it-bedrijf"].markdown))["medezeggenschap"].split())
    assert "ingestemd" in it and "12 januari 2027" in it
    assert "artikel 27 lid 1 onder k van de Wet op de ondernemingsraden" in it
    care = " ".join(sections(plain(examples["zorg"].markdown))["medezeggenschap"].split())
    assert "artikel 27 lid 1 onder k en l" in care and "niet toe voordat de ondernemingsraad" in care
    assert "geschikt is voor waarneming van of controle op" in care
    assert "cao" in care
    assert "na instemming van de ondernemingsraad op 12 januari 2027" in examples["it-bedrijf"].text
    assert "personeelsvertegenwoordiging" in examples["advocatenkantoor"].text
