"""The language seam: every word a person reads comes from the locale's catalogue, and the
catalogue holds exactly the texts the code asks for."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.locales import CATALOGUES, DUTCH, Locale, locale_for, ui_locale

ROOT = Path(__file__).resolve().parents[1]
TOOLKIT = ROOT / "toolkit"
NL = CATALOGUES["nl"]  # the first language: every key the code asks for

# Faces whose every word must come from the locale (toolkit/ui/dutch.py becomes the question-kind
# registry; cli/library_cmds.py and cli/render_cmd.py are other engineers' for now).
FACES = sorted(
    [
        *(TOOLKIT / "notebook").glob("*.py"),
        *(TOOLKIT / "questionnaire").glob("*.py"),
        *(TOOLKIT / "web").glob("*.py"),
        TOOLKIT / "cli" / "web_cmd.py",
        *(p for p in (TOOLKIT / "ui").glob("*.py") if p.name != "dutch.py"),
        TOOLKIT / "writers.py",
        TOOLKIT / "cli" / "interview_cmds.py",
        TOOLKIT / "cli" / "publish_cmds.py",
        TOOLKIT / "cli" / "check_cmds.py",
    ]
)

# The Dutch words the faces spelled before the seam (grepped from them), as whole words.
DUTCH_WORDS = """
    volgende vorige stap overzicht controleer wijzig maak documenten bezig gemaakt vragenlijst
    geladen artikel artikelen versie verplicht toelichting goedgekeurd goedkeuren goedkeuring
    gewijzigd nieuw sjabloon bibliotheek antwoorden antwoord voorbeeld bijgewerkt vastgezet
    varianten controles exporteren gecontroleerd controleren mislukt bevindingen clausule fout
    waarschuwing naam optioneel notitie selectie automatisch vergelijk vergelijken getoond
    opgenomen geen niet omdat logica toon standaard voorwaarde brontekst toegevoegd weggelaten
    bewaard ja nee keuze keuzes datum getal typ klopt gestopt geschreven hoogstens bezoekers
    tegelijk ongeveer exportformaten beschikbaar enige uw eerst deze dit het een van voor als ook
"""
_DUTCH = re.compile(r"\b(" + "|".join(re.findall(r"\w+", DUTCH_WORDS)) + r")\b", re.IGNORECASE)
_NOT_WORDS = re.compile(r"\bck-[\w-]*|[\w.-]+\.(?:yaml|ipynb|css|py)\b")  # CSS classes, file names

# Texts that are patterns read by their user, not messages: asked for without their fields.
PATTERNS = {"document.page_footer"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string constant of a module (f-string parts too), docstrings left out."""
    tree = _tree(path)
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def _code_modules() -> list[Path]:
    return list(TOOLKIT.rglob("*.py"))


def _text_calls(method: str = "text") -> Iterator[tuple[Path, ast.Call]]:
    """Every ``x.text(...)`` and ``ui_text(...)`` call in the toolkit (or ``x.plural(...)``: its key
    names a text per plural category, ``<key>.one``, ``<key>.other``)."""
    for path in _code_modules():
        for node in ast.walk(_tree(path)):
            func = node.func if isinstance(node, ast.Call) else None
            named = isinstance(func, ast.Name) and method == "text" and func.id == "ui_text"
            if (named or (isinstance(func, ast.Attribute) and func.attr == method)) and node.args:  # type: ignore[union-attr]
                yield path, node  # type: ignore[misc]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_asked_for_exists() -> None:
    missing = [
        f"{path.relative_to(ROOT)}:{call.lineno}: {call.args[0].value}"
        for path, call in _text_calls()
        if isinstance(call.args[0], ast.Constant) and call.args[0].value not in NL
    ]
    assert not missing


def test_every_text_is_used() -> None:
    """No dead texts: each key appears in the code (a key chosen from a table counts too)."""
    used: set[str] = set()
    prefixes: list[str] = []
    for path in _code_modules():
        used.update(value for _, value in _strings(path))
    for _, call in [*_text_calls(), *_text_calls("plural")]:
        key = call.args[0]
        if isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
            prefixes.append(str(key.values[0].value))  # f"approval.{state}"
    dead = [k for k in NL if k not in used and not any(k.startswith(p) for p in prefixes)]
    assert not dead


def test_every_text_parses_and_every_field_is_filled() -> None:
    for text in NL.values():
        list(string.Formatter().parse(text))  # raises on a stray brace
    unfilled = []
    for path, call in _text_calls():
        key = call.args[0]
        if not isinstance(key, ast.Constant) or key.value not in NL:
            continue
        if any(k.arg is None for k in call.keywords):
            continue  # **fields: not known here
        given = {k.arg for k in call.keywords}
        needed = _fields(NL[key.value])
        if (needed - given and key.value not in PATTERNS) or given - needed:
            unfilled.append(f"{path.relative_to(ROOT)}:{call.lineno}: {key.value} {needed} vs {given}")
    assert not unfilled


def test_a_missing_field_is_an_error_not_a_brace_in_the_output() -> None:
    with pytest.raises(KeyError):
        DUTCH.text("ui.step", number=1, count=2)
    assert DUTCH.text("ui.step", number=1, count=2, title="Uw organisatie") == "Stap 1 van 2: Uw organisatie"


def test_no_face_spells_a_dutch_word() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in FACES
        for line, text in _strings(path)
        if _DUTCH.search(_NOT_WORDS.sub(" ", text))
    ]
    assert not found


def test_the_word_list_catches_what_the_faces_used_to_say() -> None:
    for before in ("Volgende", "Stap 1 van 2", "Artikel 3", "Deze vraag is verplicht.", "Toon logica"):
        assert _DUTCH.search(before)
    for fine in ("ck-required", "antwoorden.yaml", "approved", "download", "{count} × {severity}"):
        assert not _DUTCH.search(_NOT_WORDS.sub(" ", fine))


@pytest.mark.parametrize(
    ("explicit", "environment", "language"),
    [
        (None, {}, "nl"),
        ("nl", {"CLAUSEKIT_LANG": "xx"}, "nl"),
        (None, {"CLAUSEKIT_LANG": "nl-BE", "LANG": "en_US.UTF-8"}, "nl"),
        (None, {"LANG": "nl_NL.UTF-8"}, "nl"),
        (None, {"LC_ALL": "C", "LANG": "nl_BE.UTF-8@euro"}, "nl"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        ("klingon", {}, "nl"),
    ],
)
def test_the_interface_language_is_the_persons(
    monkeypatch: pytest.MonkeyPatch, explicit: str | None, environment: dict[str, str], language: str
) -> None:
    for name in ("CLAUSEKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    chosen = ui_locale(explicit)
    assert isinstance(chosen, Locale) and chosen.language == language
    assert chosen.text("ui.next") == {"nl": "Volgende", "en": "Next"}[language]


def test_the_environment_picks_the_tag_and_a_second_catalogue_would_be_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAUSEKIT_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "nl_BE.UTF-8")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert ui_locale().tag == "nl-BE"  # LC_MESSAGES before LANG, the region kept
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    assert ui_locale() is locale_for("nl")


# -- the faces speak the locale they are given ---------------------------------------------------


def marked() -> Locale:
    """A locale whose every text is its own key (and its fields): what a face shows is traceable."""
    texts = {k: f"⟦{k}⟧" + "".join(f" {{{f}}}" for f in sorted(_fields(v))) for k, v in NL.items()}
    return Locale("nl-NL", texts)


def test_the_studio_speaks_its_ui_locale_and_the_document_its_templates(mini_library: Path) -> None:
    from toolkit.notebook import Studio

    studio = Studio("mini", library=mini_library, answers={"naam": "Acme B.V."}, watch=False, ui=marked())
    try:
        assert list(studio.tabs.titles) == [
            f"⟦studio.tab.{t}⟧" for t in ("document", "variants", "checks", "approval", "export", "editor")
        ]
        preview = studio.preview.html.value
        assert "Artikel 1" in preview and "⟦preview.variant⟧" in preview  # document words, ui words
        assert "⟦studio.ok⟧" in studio.status.value and "⟦document.version_short⟧" in studio.header.value
        assert "⟦studio.approval.clause⟧" in studio.approvals.table.value
        assert "⟦approval.new⟧" in studio.approvals.table.value
        studio.fields["naam"].control.value = ""
        studio.flush()
        assert "⟦ui.required⟧" in studio.fields["naam"].message.value
        assert "⟦studio.compare.legend⟧" in studio.compare_variants("geheim")
    finally:
        studio.close()


def test_the_web_questionnaire_speaks_its_ui_locale() -> None:
    from toolkit import Library
    from toolkit.questionnaire.web import WebQuestionnaire

    library = Library(ROOT / "tests" / "fixtures" / "mini")
    page = WebQuestionnaire(library, library.template("mini"), formats=["md"], ui=marked())
    assert (page.back.description, page.next.description) == ("⟦ui.back⟧", "⟦ui.next⟧")
    assert (
        "⟦ui.step⟧ 2 1 Uw organisatie" in page.where.value
    )  # count, number, title: the step is the template's
    assert not page.go_next()
    assert "⟦ui.required⟧" in page.fields["naam"].message.value
    assert "⟦questionnaire.not_complete⟧" in page.notice.value


def test_the_terminal_interview_speaks_its_ui_locale() -> None:
    from toolkit import Library
    from toolkit.questionnaire import Flow
    from toolkit.questionnaire.terminal import Interview

    library = Library(ROOT / "tests" / "fixtures" / "mini")
    prompts: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        assert len(prompts) < 100, prompts[-5:]  # a prompt the test does not know would loop forever
        return "Acme" if prompt.startswith("⟦kind.prompt⟧:") else ""

    flow = Flow(library, library.template("mini"), ui=marked())
    answers = Interview(flow, ask=ask, say=said.append).run()
    assert answers.values["naam"] == "Acme"
    assert said[:2] == ["⟦interview.title⟧ Mini-overeenkomst", "⟦interview.instructions⟧"]
    assert "⟦ui.summary⟧" in said and any(p.startswith("⟦interview.confirm⟧") for p in prompts)
    assert any(p.startswith("⟦kind.boolean.prompt⟧") for p in prompts)
