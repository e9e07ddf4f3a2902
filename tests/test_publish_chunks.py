"""The long-lived pandoc reads the Markdown in pieces and keeps each piece's reading
(toolkit/publish/chunks.py, pandoc_server.lua): the DOCX and the Typst (so the PDF) are byte for byte
those of a one-shot ``pandoc`` reading the whole Markdown, for every example of every template in
clauses/, their review editions and the fixtures; each guard of the split is shown to be needed."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest
from conftest import FIXTURES, ROOT

from toolkit import Library, load_answers_file
from toolkit.publish import pandoc
from toolkit.publish.chunks import split_markdown
from toolkit.publish.docx import markdown_to_docx
from toolkit.publish.markdown import Meta, document_markdown, document_meta, review_markdown
from toolkit.publish.pdf import markdown_to_typst

pytestmark = pytest.mark.slow
META = Meta(title="Titel", subtitle="Versie 1", date="1 januari 2026")
JSON_ARGS = ["--from", pandoc.READER, "--to", "json"]


def _corpus() -> list[tuple[str, str, Meta]]:
    """(name, Markdown, title block) of every example and review edition of clauses/ and the fixtures."""
    out = []
    libraries = [ROOT / "clauses", FIXTURES / "mini", FIXTURES / "shapes", FIXTURES / "english"]
    answers = {"mini": [], "overeenkomst": []}  # the golden cases' answers, by template
    for case in sorted((FIXTURES / "golden").iterdir()):
        answers[case.name.split("-")[0]].append(case / "answers.yaml")
    for folder in libraries:
        library = Library(folder)
        for template in library.templates():
            meta = document_meta(template)
            out.append((f"{template.id} review", review_markdown(template, []), meta))
            examples = sorted(template.examples_dir.glob("*.yaml")) if template.examples_dir.is_dir() else []
            for example in [*examples, *answers.get(template.id, [])]:
                raw, locations = load_answers_file(example)
                answers_ = library.validate(template, raw, locations, source=example)
                name = f"{template.id} {example.parent.name if example.stem == 'answers' else example.stem}"
                out.append((name, document_markdown(library.render(template, answers_)), meta))
    for golden in sorted((FIXTURES / "tables" / "golden").glob("*.md")):
        out.append((golden.name, golden.read_text(encoding="utf-8"), META))
    return out


CORPUS = _corpus()


def _outputs(markdown: str, meta: Meta) -> tuple[bytes, str, bytes]:
    return (
        markdown_to_docx(markdown, meta, 0),
        markdown_to_typst(markdown),
        pandoc.run_pandoc(JSON_ARGS, markdown.encode("utf-8")),
    )


def _restart_server() -> None:
    """A new long-lived pandoc: nothing kept from earlier conversions."""
    pandoc._server(pandoc.pandoc_path(), pandoc.MEMORY_LIMIT).close()


@pytest.fixture(scope="module")
def one_shot() -> dict[str, tuple[bytes, str, bytes]]:
    """Today's reference: a ``pandoc --sandbox`` process per conversion reading the whole Markdown."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(pandoc.ONE_SHOT_VARIABLE, "1")
        return {name: _outputs(markdown, meta) for name, markdown, meta in CORPUS}


@pytest.fixture
def fresh_server() -> Iterator[None]:
    _restart_server()
    yield
    _restart_server()


def test_the_corpus_is_read_in_pieces() -> None:
    """Not a vacuous comparison: every document and review edition of the two templates goes in pieces."""
    names = {name for name, _, _ in CORPUS}
    assert len(names) == len(CORPUS)
    assert {"richtlijnen-social-media zorg", "geheimhoudingsovereenkomst startups", "mini review"} <= names
    for name, markdown, _ in CORPUS:
        pieces = split_markdown(markdown)
        if name.startswith(("richtlijnen-social-media", "geheimhoudingsovereenkomst")):
            assert pieces is not None and len(pieces) > 5, name
        if pieces is not None:
            assert "".join(pieces) == markdown


def test_pieces_give_the_bytes_of_one_shot_pandoc_cold_and_from_the_cache(
    one_shot: dict[str, tuple[bytes, str, bytes]], fresh_server: None
) -> None:
    cold = {name: _outputs(markdown, meta) for name, markdown, meta in CORPUS}
    shuffled = CORPUS[::-1]
    random.Random(16).shuffle(shuffled)
    warm = {name: _outputs(markdown, meta) for name, markdown, meta in shuffled}
    for name, _, _ in CORPUS:
        assert cold[name] == one_shot[name], name
        assert warm[name] == one_shot[name], name
        assert json.loads(cold[name][2])["blocks"]


def test_the_long_lived_pandoc_reading_whole_gives_the_bytes_of_one_shot_pandoc(
    one_shot: dict[str, tuple[bytes, str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pandoc.PIECES_VARIABLE, "0")
    for name, markdown, meta in CORPUS:
        assert _outputs(markdown, meta) == one_shot[name], name


def test_a_pipe_table_line_of_73_to_80_characters_is_read_as_on_the_command_line() -> None:
    """pandoc.read's default is 80 columns, the command line's 72: a longer line gives the table
    relative widths (the review edition of the NDA has one; the long-lived pandoc once differed)."""
    row = "| Naam vertegenwoordiger | «p1_vertegenwoordiger» | «p2_vertegenwoordiger» |"
    assert 72 < len(row) <= 80
    markdown = f"Tekst.\n\n| Partij | A | B |\n| --- | --- | --- |\n{row}\n"
    ast = json.loads(pandoc.run_pandoc(JSON_ARGS, markdown.encode("utf-8")))
    assert ast == _ast(markdown)
    assert ast["blocks"][1]["c"][2][0][1]["t"] == "ColWidth"


def test_a_small_cache_evicts_and_still_gives_the_same_bytes(
    one_shot: dict[str, tuple[bytes, str, bytes]], monkeypatch: pytest.MonkeyPatch, fresh_server: None
) -> None:
    monkeypatch.setenv("CLAUSEKIT_PANDOC_CACHE_BYTES", "4000")  # a few pieces: evicted all the time
    _restart_server()
    for name, markdown, meta in CORPUS[:6] * 2:
        assert _outputs(markdown, meta) == one_shot[name], name


def _ast(markdown: str) -> dict[str, object]:
    return json.loads(pandoc.run_once(JSON_ARGS, markdown.encode("utf-8")))


def _read_apart(pieces: list[str]) -> list[object]:
    return [block for piece in pieces for block in _ast(piece)["blocks"]]  # type: ignore[attr-defined]


# Markdown whose pieces read apart differ from the whole: what each guard of split_markdown stops.
HAZARDS = {
    "a link reference defined in another piece": "# A {#a}\n\nZie [de site].\n\n# B {#b}\n\n[de site]: https://example.org\n",
    "a heading's implicit reference": "# A {#a}\n\nZie [B].\n\n# B {#b}\n\nTekst.\n",
    "an example list running on": "# A {#a}\n\n(@) een\n\n# B {#b}\n\n(@) twee\n",
    "fenced code over a heading": "# A {#a}\n\n```\ncode\n\n# B {#b}\n```\n",
    "a fenced div over a heading": "# A {#a}\n\n::: kader\ntekst\n\n# B {#b}\n:::\n",
    "a heading as one more term of a definition list": "# A {#a}\n\nTerm\n\n: een\n\n# B {#b}\n\n: twee\n",
    "a multiline table over an anchor": (
        "# A {#a}\n\n-------- --------\nKop      Kop\n-------- --------\nCel      Cel\n\n"
        "[]{#x}Cel      Cel\n-------- --------\n"
    ),
}


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_each_guard_stops_a_split_that_would_change_the_reading(name: str) -> None:
    markdown = HAZARDS[name]
    borders = ["# B {#b}", "[]{#x}"]
    at = min(markdown.index(b) for b in borders if b in markdown)
    assert _read_apart([markdown[:at], markdown[at:]]) != _ast(markdown)["blocks"]
    assert split_markdown(markdown) is None
    assert json.loads(pandoc.run_pandoc(JSON_ARGS, markdown.encode("utf-8"))) == _ast(markdown)


# Pieces the long-lived pandoc is given as they are (past split_markdown's guards): its own checks on
# the AST see that they may not be read apart (a piece continuing a definition list, fenced code over
# a border) and it reads the whole.
SERVER_CHECKED = {
    "a definition list running on": ["# A {#a}\n\nTerm\n\n:   een\n\n", "[]{#x}Term twee\n\n:   twee\n"],
    "fenced code over a border": ["# A {#a}\n\n```\ncode\n\n", "# B {#b}\n```\n"],
}


@pytest.mark.parametrize("name", sorted(SERVER_CHECKED))
def test_the_server_reads_whole_what_its_checks_refuse(name: str, fresh_server: None) -> None:
    pieces = SERVER_CHECKED[name]
    markdown = "".join(pieces)
    assert _read_apart(pieces) != _ast(markdown)["blocks"]
    job = {**pandoc.job_of(JSON_ARGS), "chunks": pieces}  # type: ignore[dict-item]
    server = pandoc._server(pandoc.pandoc_path(), pandoc.MEMORY_LIMIT).server
    for _ in range(2):
        status, output = server.request(json.dumps(job).encode("utf-8"), 60)
        assert status == b"ok" and json.loads(output) == _ast(markdown)


def test_answers_cannot_make_a_border() -> None:
    """An answer is escaped and has no blank line (toolkit/escape.py): a border is always ours."""
    from toolkit.escape import escape_markdown

    answer = escape_markdown("regel\n\n# Kop {#ck-x}\n\n[]{#ck-y}[x]: https://e\n(@) a")
    markdown = f"# A {{#a}}\n\n[]{{#a-1}}1.1 {answer}\n\n# B {{#b}}\n\nTekst.\n"
    assert split_markdown(markdown) == ["# A {#a}\n\n", f"[]{{#a-1}}1.1 {answer}\n\n", "# B {#b}\n\nTekst.\n"]


# Blocks that may run into each other, for documents made at random (the guards' differential test).
FRAGMENTS = [
    "# Kop {#k1}", "## Sub", "[]{#ck-a-1}1.1 Tekst", "[]{#ck-a-2}1.2 Zie [artikel 2](#ck-b).",
    "Tekst met *nadruk* en `code`.", "- een\n- twee", "1. een\n2. twee", "Term\n\n:   def", "Term\n:   def",
    ": los", "~ los", "> citaat", "    code", "```\ncode", "```", "~~~",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "+---+---+\n| a | b |\n+---+---+", "-----", "Zie [Kop].", "Zie [Kop][].", "[x]: https://e.nl",
    "Zie [x].", "(@) voorbeeld", "@ los", "::: kader", ":::", "Table: bijschrift", "<!-- c -->",
    "\\[geen link\\]", "a  \nb", "Regel | met pijp", "#. lijst", "***", "Tekst\n===", "- item\n\n  vervolg",
    "[]{#ck-x}Term\n:   def", "a. letter", "[]{.comment-start id=\"1\"}", "![plaatje](p.png)",
    "  - ingesprongen", "\n", "Tekst\\\nregel",
]  # fmt: skip


# The fragments that the guards let through on their own (drawn more often, so that many documents
# are read in pieces).
PASSING = [f for f in FRAGMENTS if split_markdown(f"# A {{#a}}\n\n{f}\n\n# B {{#b}}\n\nx\n") is not None]


@pytest.mark.parametrize("seed", range(4))
def test_random_documents_read_in_pieces_as_whole(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents of fragments that may run into each other: the long-lived pandoc's reading with
    pieces is its reading of the whole (itself one-shot pandoc's, see above), whatever the guards let
    through."""
    chance = random.Random(seed)
    split = 0
    for n in range(60):
        parts = []
        for i in range(chance.randint(2, 9)):
            if chance.random() < 0.4:
                parts.append(f"# Artikel {i} {{#ck-{n}-{i}}}")
            parts.append(chance.choice(PASSING if chance.random() < 0.8 else FRAGMENTS))
        markdown = "\n\n".join(parts) + "\n"
        split += split_markdown(markdown) is not None
        monkeypatch.setenv(pandoc.PIECES_VARIABLE, "1")
        pieces = pandoc.run_pandoc(JSON_ARGS, markdown.encode("utf-8"))
        monkeypatch.setenv(pandoc.PIECES_VARIABLE, "0")
        assert pieces == pandoc.run_pandoc(JSON_ARGS, markdown.encode("utf-8")), markdown
    assert split >= 20  # the guards let many through
