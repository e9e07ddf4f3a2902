"""The flagship's English edition: each example renders in en-GB in every format with its English text
answers, no Dutch left but the Dutch names the English text gives in brackets and the organisations'
own names, the same structure as the Dutch document and about as long."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import FLAGSHIP, ROOT
from test_english import DUTCH_WORDS, MONTHS_EN, _text, _words

from toolkit import Library
from toolkit.cli import main
from toolkit.loader.translation import example_answers, example_translation

LIBRARY = ROOT / "clauses"
EXAMPLES = sorted((LIBRARY / FLAGSHIP / "examples").glob("*.yaml"))
# Dutch names the English text keeps once, in brackets, after the English name (statutes, bodies,
# terms of art); an organisation's or a person's own name is allowed through the example's answers.
BRACKETED_DUTCH = [
    "Wet op de ondernemingsraden",
    "Wet bescherming klokkenluiders",
    "Huis voor Klokkenluiders",
    "afdeling Advies",
    "overeenkomst van opdracht",
    "Ambtenarenwet 2017",
    "Archiefwet",
    "Wet open overheid",
    "kantonrechter",
    "portretrecht",
    "relatiebeding",
    "cao",
]
# Beyond the function and document words of test_english: words a Dutch sentence left behind has.
MORE_DUTCH = "de het een je uw wordt werkgever medewerker medewerkers richtlijnen sociale afdeling"
# Names inside the examples' English text answers (people and firms), allowed like the organisation.
NAMES = ["Arbo Noord", "Inge Mulder", "Sanne de Vries", "Noordkade Instruments"]


def _plain(text: str) -> str:
    """The words of a rendered text: markdown anchors and link targets and escapes removed."""
    text = re.sub(r"\{#[^}]*\}|\]\(#[^)]*\)", " ", html.unescape(text))
    return re.sub("\u00ad\\s*", "", text.replace("\\", ""))  # a PDF's soft hyphen joins a word again


def _count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", _plain(text)))


def _render(answers: dict[str, object], out: Path, formats: str, *lang: str) -> dict[str, str]:
    out.mkdir(parents=True)
    answers_file = out / "answers.json"
    answers_file.write_text(json.dumps(answers, default=str), encoding="utf-8")
    code = main(
        ["render", FLAGSHIP, "--library", str(LIBRARY), "-a", str(answers_file), "--to", formats,
         "-o", str(out), *lang]
    )  # fmt: skip
    assert code == 0
    return {path.suffix[1:]: _text(path) for path in sorted(out.iterdir()) if path != answers_file}


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_each_example_reads_as_an_english_document(tmp_path: Path, example: Path) -> None:
    template = Library(LIBRARY).template(FLAGSHIP)
    english = template.edition("en-GB")
    assert example_translation(english, example) is not None, f"no English text answers for {example.name}"
    answers, _where = example_answers(english, example)
    dutch_answers, _where = example_answers(template, example)
    texts = _render(answers, tmp_path / "en", "md,html,docx,pdf", "--doc-lang", "en-GB")
    dutch = _render(dutch_answers, tmp_path / "nl", "md")["md"]
    assert set(texts) == {"md", "html", "docx", "pdf"}

    translated = {key: value for key, value in answers.items() if value != dutch_answers[key]}
    assert translated, "the English example changes no text answer"
    allowed = [*BRACKETED_DUTCH, str(answers["organisatie"]), *NAMES]
    same_in_english = MONTHS_EN.lower().split()  # april, september, november, december
    dutch_word = _words(" ".join(w for w in (DUTCH_WORDS + MORE_DUTCH).split() if w not in same_in_english))
    for kind, text in texts.items():
        plain = " ".join(_plain(text).split())  # one line: a PDF wraps lines inside a name
        for value in translated.values():  # the English answers are used, the Dutch ones are not
            assert str(value) in plain, (kind, value)
        for key in translated:
            assert str(dutch_answers[key]) not in plain, (kind, dutch_answers[key])
        for phrase in allowed:
            plain = plain.replace(phrase, " ")
        left = sorted({match.group(0) for match in dutch_word.finditer(plain)})
        assert not left, (kind, left)

    # The same articles and sub-clauses as the Dutch document, and about as many words.
    numbers = re.compile(r"^(?:## \S+ (\d+)|(?:\[\] ?)?(\d+\.\d+) )", re.MULTILINE)
    assert numbers.findall(_plain(texts["md"])) == numbers.findall(_plain(dutch))
    assert 0.75 <= _count(texts["md"]) / _count(dutch) <= 1.25
